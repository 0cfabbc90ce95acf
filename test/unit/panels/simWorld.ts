import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BatchSession, type BatchDeps } from '../../../src/core/batch/batchSession';
import { LeaseFiles } from '../../../src/core/orders/leaseFiles';
import { OrderJournal } from '../../../src/core/orders/orderJournal';
import { RenewSession, type SessionDeps } from '../../../src/core/orders/renewSession';
import type { BatchMessage, BatchState } from '../../../src/protocol/batchPanel';
import type { RenewPanelMessage, RenewPanelState } from '../../../src/protocol/renewPanel';
import { JournalFiles } from '../../../src/storage/journalFiles';
import { TEST_IDENTITY } from '../../kit/identity';
import { FakeOvh, SERVICES, type FakeService } from './fakeOvh';
import { english } from '../../../src/translate';

/**
 * The simulated world the money core's unit tests run in: one OVH account (the FakeOvh, whose
 * clock the sessions' sleeps advance), one global storage folder on disk shared by every
 * window (the order journal, the leases and the batch records, as real files), and several
 * VS Code windows, each with its own view of globalState (another window's writes reach it
 * only when the test calls `propagate()`, as code-server delivers them 100–360 ms later).
 * A window opens renew panels (`open`, `begin`) and batches (`openBatch`; `world.openBatch`
 * opens one in a window of its own); all of them meet the same OVH and the same files. The user is scripted: a panel confirms at
 * once unless it holds its dialogs (`holdConfirms`); a batch answers its modals from
 * `answers`, yes when none is left.
 */

export { english };

/** Ten domains besides the fake's alpha, beta and beta's hosting: a month-end batch. */
export const MANY: readonly FakeService[] = [
  ...SERVICES,
  ...Array.from({ length: 9 }, (_, index): FakeService => ({
    serviceId: 11 + index,
    name: `site${index + 1}.fr`,
    type: 'DOMAIN',
    strategies: [{ services: [11 + index], price: 8 + index }],
  })),
];

/** Yields to the event loop until `done()` holds; throws after `ms` of real time (a deadline, never a fixed wait). */
export async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * The buttons of the renew panel that move a renewal on, as its webview renders them enabled
 * from the state it receives (`src/webview/renewPanel/render.ts`): Try again (under an
 * error), Preview order (the comparison), Place order… (a preview of the selected row),
 * Pay… or Pay again… (an unpaid order with its payment choices). Nothing while busy.
 */
export type RenewAction = 'retry' | 'preview' | 'placeOrder' | 'pay' | 'payAgain';

export function renewOffers(state: RenewPanelState): RenewAction[] {
  if (state.busy !== undefined) return [];
  const offered: RenewAction[] = [];
  if (state.error) offered.push('retry');
  if (state.phase === 'ready' && !state.order && state.selectedKey) offered.push('preview');
  if (state.preview && !state.order && state.preview.key === state.selectedKey) offered.push('placeOrder');
  if (state.order && !state.order.paid && state.payment && state.payment.selectedId !== undefined) offered.push(state.payment.again ? 'payAgain' : 'pay');
  return offered;
}

/**
 * The buttons of the batch panel, as its webview renders them enabled from the state it
 * receives (`src/webview/batchPanel/render.ts`): Preview all, Place orders…, Stop the batch,
 * Pay all…, Pay later, and each row's Retry and Check again (`retry:<row>`, `checkAgain:<row>`).
 */
export function batchOffers(state: BatchState): string[] {
  const busy = batchWorking(state);
  const choosing = state.phase === 'choosing' || state.phase === 'previewed' || state.phase === 'previewing';
  const offered: string[] = [];
  if (choosing && !busy && state.canPreview) offered.push('previewAll');
  if (choosing && !busy && state.canOrder) offered.push('placeOrders');
  if (state.phase === 'paused') offered.push('stopBatch');
  if (state.payment && !busy && state.canPay) offered.push('payAll');
  if (state.payment && state.phase === 'ordered') offered.push('payLater');
  for (const row of state.rows) {
    if (row.canRetry && !busy) offered.push(`retry:${row.key}`);
    if (row.canCheckAgain) offered.push(`checkAgain:${row.key}`);
  }
  return offered;
}

/** Whether the batch panel is at work: its controls are off until it is done (`render.ts`'s BUSY phases). */
export function batchWorking(state: BatchState): boolean {
  return ['loading', 'previewing', 'confirmingOrders', 'ordering', 'confirmingPay', 'paying'].includes(state.phase);
}

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

/** A dialog a renew panel opened, answered by the test when the panel holds its dialogs. */
export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  answer(yes: boolean): void;
}

/** A batch's modal: its message, detail and the action button it offered. */
export interface Modal {
  readonly message: string;
  readonly detail: string;
  readonly action: string;
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

  /** What the webview shows now. */
  get state(): RenewPanelState {
    return this.session.current;
  }

  /** The state machine's step, for the tests of the machine itself; other tests assert on what the view shows (`state`, `offers()`). */
  get step(): string {
    return this.session.currentStep.kind;
  }

  /** The buttons that move the renewal on, as the webview shows them enabled now. */
  offers(): RenewAction[] {
    return renewOffers(this.state);
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
    await until(() => this.confirmations.length >= n, `confirmation ${n}`).catch(() => undefined);
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
    readonly world: SimWorld,
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
    panel.session = new RenewSession(this.world.panelDeps(this, panel, `${this.name}/panel${this.panelCount}`));
    return { panel, loaded: panel.session.start() };
  }

  /** The order journal as this window opens it: the same files as every other window's. */
  journal(): OrderJournal {
    return this.world.journal();
  }

  /** A batch over these services, loaded. The same `batchId` again is this window reloaded. */
  async openBatch(serviceIds: readonly number[], batchId: string): Promise<Batch> {
    const states: BatchState[] = [];
    const session = new BatchSession(this.world.batchDeps(this, serviceIds, batchId, states));
    await session.start();
    return new Batch(session, states);
  }
}

export class Batch {
  constructor(
    readonly session: BatchSession,
    readonly states: BatchState[],
  ) {}

  /** What the webview shows now. */
  get state(): BatchState {
    return this.session.current;
  }

  /** The buttons the webview shows enabled now (`retry:<row>`, `checkAgain:<row>` for a row's). */
  offers(): string[] {
    return batchOffers(this.state);
  }

  /** Whether the view is at work, its controls off. */
  get working(): boolean {
    return batchWorking(this.state);
  }

  row(serviceId: number): BatchState['rows'][number] {
    const row = this.state.rows.find((candidate) => candidate.key === String(serviceId));
    if (!row) throw new Error(`No row ${serviceId}`);
    return row;
  }

  statuses(): Record<string, string> {
    return Object.fromEntries(this.state.rows.map((row) => [row.key, row.status]));
  }

  handle(message: BatchMessage): Promise<void> {
    return this.session.handle(message);
  }
}

export class SimWorld {
  readonly ovh = new FakeOvh(MANY);
  readonly shared = new SharedState();
  readonly windows: TestWindow[] = [];
  readonly storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renew-world-'));
  /** Every sign-in of the test account is the same account: one endpoint, one nichandle. */
  readonly identity = TEST_IDENTITY;
  readonly requestTimeoutMs = 20_000;
  /** Renew panels follow another window's lease as the extension's do (off: they wait for Retry). Batch rows always follow. */
  followOtherWindows = false;
  /** Every modal a batch opened, in order. */
  readonly modals: Modal[] = [];
  /** The answers to the next batch modals, in order; yes when none is left. */
  readonly answers: boolean[] = [];
  /** How many times a batch asked for the Services view to be refreshed. */
  renewedCalls = 0;
  private batchCount = 0;
  private batchWindow: TestWindow | undefined;

  dispose(): void {
    fs.rmSync(this.storageDir, { recursive: true, force: true });
  }

  window(name: string, accountId = 'account-1'): TestWindow {
    const window = new TestWindow(this, name, accountId);
    this.windows.push(window);
    return window;
  }

  /** A batch over these services in the batch tests' own window, loaded. `batchId` again is that window reloaded. */
  openBatch(serviceIds: readonly number[], batchId = `batch-${++this.batchCount}`): Promise<Batch> {
    this.batchWindow ??= this.window('window');
    return this.batchWindow.openBatch(serviceIds, batchId);
  }

  /** globalState writes of every window reach every other window. */
  propagate(): void {
    for (const window of this.windows) window.memento.flush();
    for (const window of this.windows) window.memento.pull();
  }

  /** The journal as the extension keeps it: files in the global storage folder every window shares. */
  journal(): OrderJournal {
    return new OrderJournal(new JournalFiles(this.journalDir), () => this.identity);
  }

  private get journalDir(): string {
    return path.join(this.storageDir, 'order-journal');
  }

  /**
   * What a renew panel and a batch get alike from their window: the API, the journal, lease
   * files stale after three request timeouts by OVH's clock and, when `follows`, a wait for
   * another window's lease that polls the files every 5 ms of real time.
   */
  private common(window: TestWindow, owner: string, follows: boolean): Omit<SessionDeps, 'serviceId' | 'summary' | 'onState' | 'onRenewed' | 'confirm'> {
    const api = this.ovh.api();
    const leases = new LeaseFiles(
      path.join(this.storageDir, 'leases'),
      () => 3 * this.requestTimeoutMs,
      () => this.ovh.clockMs,
    );
    return {
      accountId: window.accountId,
      identity: this.identity,
      owner,
      api: async () => api,
      journal: this.journal(),
      leases,
      whenLeasesFree: follows ? (keys, self, stop) => leases.whenFree(keys, self, stop, 5) : undefined,
      openExternal: async () => undefined,
      t: english,
      locale: 'en',
      now: () => this.ovh.now(),
      sleep: (ms) => this.ovh.sleep(ms),
      requestTimeoutMs: this.requestTimeoutMs,
      statusPollMs: 0,
      log: { info: () => undefined, warn: () => undefined },
    };
  }

  panelDeps(window: TestWindow, panel: TestPanel, owner: string): SessionDeps {
    return {
      ...this.common(window, owner, this.followOtherWindows),
      serviceId: panel.serviceId,
      confirm: (message, detail) => panel.confirm(message, detail),
      onState: (state) => panel.states.push(state),
      onRenewed: () => undefined,
    };
  }

  /** Batch rows always follow another window's work. */
  batchDeps(window: TestWindow, serviceIds: readonly number[], batchId: string, states: BatchState[]): BatchDeps {
    return {
      ...this.common(window, `${window.name}/${batchId}`, true),
      batchId,
      services: serviceIds.map((serviceId) => ({ serviceId, summary: this.ovh.summary(serviceId) })),
      records: new JournalFiles(this.journalDir),
      confirm: async (message, detail, action) => {
        this.modals.push({ message, detail, action });
        return this.answers.shift() ?? true;
      },
      openPanel: async () => undefined,
      onState: (state) => states.push(state),
      onRenewed: () => this.renewedCalls++,
    };
  }
}
