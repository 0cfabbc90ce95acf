import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RenewPanelState, RenewPanelMessage } from '../../../src/protocol/renewPanel';
import { JournalFiles } from '../../../src/storage/journalFiles';
import { LeaseFiles } from '../../../src/core/orders/leaseFiles';
import { OrderJournal } from '../../../src/core/orders/orderJournal';
import { RenewSession, type SessionDeps } from '../../../src/core/orders/renewSession';
import { FakeOvh } from './fakeOvh';

/**
 * Several VS Code windows on one machine, as the renew session meets them: each window
 * has its own view of globalState (another window's writes reach it only when the test
 * calls `propagate()`, as code-server delivers them 100–360 ms later), all share one
 * global storage directory on disk (leases and the order journal) and one OVH account.
 */

export const english = (message: string, ...args: Array<string | number | boolean>): string =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

class SharedState {
  readonly committed = new Map<string, unknown>();
}

/**
 * One window's globalState as VS Code keeps it: the extension's whole state is one object.
 * A window reads its own copy and writes that whole copy back (not just the changed key);
 * when the stored object changes, every window's copy is replaced by it. Writes reach the
 * others on propagate(). Two windows writing different keys at once: the last one wins.
 */
export class WindowMemento {
  private local = new Map<string, unknown>();
  private dirty = false;

  constructor(private readonly shared: SharedState) {
    this.local = new Map(shared.committed);
  }

  keys(): readonly string[] {
    return [...this.local.keys()];
  }

  get<T>(key: string, fallback?: T): T | undefined {
    return this.local.has(key) ? (this.local.get(key) as T) : fallback;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.local.delete(key);
    else this.local.set(key, structuredClone(value));
    this.dirty = true;
  }

  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.shared.committed.clear();
    for (const [key, value] of this.local) this.shared.committed.set(key, structuredClone(value));
  }

  pull(): void {
    this.local = new Map(this.shared.committed);
  }
}

export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  answer(yes: boolean): void;
}

export class TestPanel {
  readonly states: RenewPanelState[] = [];
  readonly confirmations: Confirmation[] = [];
  /** When true, confirmations wait for answer(); otherwise the user confirms at once. */
  holdConfirms = false;
  session!: RenewSession;

  constructor(
    readonly window: TestWindow,
    readonly serviceId: number,
  ) {}

  get state(): RenewPanelState {
    return this.session.current;
  }

  get step(): string {
    return this.session.currentStep.kind;
  }

  /** Everything the panel showed, for "never said X" assertions. */
  get allText(): string {
    return this.states.map((state) => [state.notice ?? '', state.error?.explanation ?? '', state.error?.nextStep ?? ''].join(' ')).join('\n');
  }

  handle(message: RenewPanelMessage): Promise<void> {
    return this.session.handle(message);
  }

  /** Selects the row renewing exactly these services and previews it. */
  async choose(services: readonly number[]): Promise<void> {
    const names = services.map((id) => this.window.world.ovh.summary(id).name).sort();
    const row = this.state.rows.find((candidate) => JSON.stringify(candidate.services.map((service) => service.name).sort()) === JSON.stringify(names));
    if (!row) throw new Error(`No row renews ${services.join('+')} in panel ${this.serviceId}: ${this.state.rows.map((r) => r.key).join(', ')}`);
    await this.handle({ type: 'select', key: row.key });
    await this.handle({ type: 'preview' });
    if (!this.state.preview) throw new Error(`Preview failed: ${this.state.error?.explanation ?? 'no preview'}`);
  }

  /** Resolves once the panel shows its n-th confirmation dialog (1-based). */
  async confirmation(n = 1): Promise<Confirmation> {
    // By deadline, not by a count of turns: lease and journal files are real I/O, slow under load.
    const deadline = Date.now() + 10_000;
    while (this.confirmations.length < n && Date.now() < deadline) await new Promise<void>((resolve) => setImmediate(resolve));
    const found = this.confirmations[n - 1];
    if (!found) throw new Error(`Panel ${this.serviceId} never asked for confirmation ${n}`);
    return found;
  }

  confirm(message: string, detail: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.confirmations.push({ message, detail, answer: resolve });
      if (!this.holdConfirms) resolve(true);
    });
  }
}

export class TestWindow {
  readonly memento: WindowMemento;
  private panelCount = 0;

  constructor(
    readonly world: SessionWorld,
    readonly name: string,
    readonly accountId: string,
  ) {
    this.memento = new WindowMemento(world.shared);
  }

  /** Opens a renew panel for the service and waits until it has loaded. */
  async open(serviceId: number): Promise<TestPanel> {
    const { panel, loaded } = this.begin(serviceId);
    await loaded;
    return panel;
  }

  /** Opens a renew panel without waiting: a panel that resumes an order follows it until it ends. */
  begin(serviceId: number): { panel: TestPanel; loaded: Promise<void> } {
    const panel = new TestPanel(this, serviceId);
    this.panelCount++;
    panel.session = new RenewSession(this.world.deps(this, panel, `${this.name}/panel${this.panelCount}`));
    return { panel, loaded: panel.session.start() };
  }
}

export class SessionWorld {
  readonly ovh = new FakeOvh();
  readonly shared = new SharedState();
  readonly windows: TestWindow[] = [];
  readonly storageDir: string;
  readonly requestTimeoutMs = 20_000;
  /** Panels follow another window's lease as the extension's do (off: they wait for Retry). */
  followOtherWindows = false;

  constructor() {
    this.storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renew-session-'));
  }

  dispose(): void {
    fs.rmSync(this.storageDir, { recursive: true, force: true });
  }

  window(name: string, accountId = 'account-1'): TestWindow {
    const window = new TestWindow(this, name, accountId);
    this.windows.push(window);
    return window;
  }

  /** globalState writes of every window reach every other window. */
  propagate(): void {
    for (const window of this.windows) window.memento.flush();
    for (const window of this.windows) window.memento.pull();
  }

  /** Every sign-in of the test account is the same account: one endpoint, one nichandle. */
  readonly identity = 'ovh-eu/ab12345-ovh';

  /** The journal as the extension keeps it: files in the global storage folder every window shares. */
  journal(_window: TestWindow): OrderJournal {
    return new OrderJournal(new JournalFiles(path.join(this.storageDir, 'order-journal')), () => this.identity);
  }

  deps(window: TestWindow, panel: TestPanel, owner: string): SessionDeps {
    const api = this.ovh.api();
    const leases = new LeaseFiles(
      path.join(this.storageDir, 'leases'),
      () => 3 * this.requestTimeoutMs,
      () => this.ovh.clockMs,
    );
    const deps: SessionDeps = {
      accountId: window.accountId,
      identity: this.identity,
      serviceId: panel.serviceId,
      owner,
      api: async () => api,
      journal: this.journal(window),
      leases,
      whenLeasesFree: this.followOtherWindows ? (keys, self, stop) => leases.whenFree(keys, self, stop, 5) : undefined,
      sleep: (ms: number) => this.ovh.sleep(ms),
      requestTimeoutMs: this.requestTimeoutMs,
      confirm: (message: string, detail: string) => panel.confirm(message, detail),
      openExternal: async () => undefined,
      t: english,
      locale: 'en',
      now: () => this.ovh.now(),
      statusPollMs: 0,
      log: { info: () => undefined, warn: () => undefined },
      onState: (state: RenewPanelState) => panel.states.push(state),
      onRenewed: () => undefined,
    };
    return deps;
  }
}
