import { BatchSession, type BatchDeps } from '../../src/core/batch/batchSession';
import { JournalFiles } from '../../src/storage/journalFiles';
import { RenewSession, type SessionDeps } from '../../src/core/orders/renewSession';
import type { BatchState } from '../../src/protocol/batchPanel';
import type { RenewPanelState } from '../../src/protocol/renewPanel';
import { type SettingsChange, skipReason } from '../../src/renewal';
import { settingsConfirmation } from '../../src/settings/pure/settingsText';
import { sameSet } from './simOvh';
import { IDENTITY, REQUEST_TIMEOUT_MS, type WindowInstance, type World } from './world';
import { english } from '../../src/translate';

/**
 * THE adapter between the model and the money core: the only file that constructs
 * RenewSession and BatchSession, sends them user actions and reads what they show. When
 * the core's API changes (commands instead of webview messages), only this file changes.
 *
 * A view is one renew panel or one batch panel in one window. What it showed is kept with
 * OVH's event count at that moment, for the invariants.
 */

export { english };

export interface ShownText {
  readonly seq: number;
  readonly text: string;
  /** The batch row it belongs to; a panel's texts are about its service. */
  readonly serviceId: number;
}

/** Keeps one entry per text and service, with the last time it was shown. */
function note(texts: ShownText[], entry: ShownText): void {
  const index = texts.findIndex((candidate) => candidate.text === entry.text && candidate.serviceId === entry.serviceId);
  if (index >= 0) texts.splice(index, 1);
  texts.push(entry);
}

export interface ShownRenewed {
  readonly seq: number;
  readonly orderId: number;
  readonly serviceId: number;
}

export interface View {
  readonly id: string;
  readonly kind: 'panel' | 'batch';
  readonly window: WindowInstance;
  /** The panel's service, or the batch's selection. */
  readonly services: readonly number[];
  readonly texts: ShownText[];
  readonly renewed: ShownRenewed[];
  /** Orders it showed as the one it renews. */
  readonly shownOrders: Set<number>;
  /** Set when the view shows work under way and no message, after everything settled. */
  stuck(): string | undefined;
  dispose(): void;
}

export type PanelAction = 'open' | 'order' | 'pay' | 'check';
export type BatchAction = 'open' | 'previewAll' | 'placeOrders' | 'checkAgain' | 'stop' | 'payAll' | 'payLater' | 'retryRow';

export class PanelView implements View {
  readonly kind = 'panel';
  readonly texts: ShownText[] = [];
  readonly renewed: ShownRenewed[] = [];
  readonly shownOrders = new Set<number>();
  readonly session: RenewSession;
  readonly services: readonly number[];

  constructor(
    private readonly world: World,
    readonly window: WindowInstance,
    readonly serviceId: number,
    readonly id: string,
  ) {
    this.services = [serviceId];
    const api = world.ovh.api();
    const leases = world.leases();
    const owner = `${window.id}/${id}`;
    const deps: SessionDeps = {
      accountId: 'account-1',
      identity: IDENTITY,
      serviceId,
      owner,
      api: async () => api,
      journal: world.journal(),
      leases,
      whenLeasesFree: (keys, self, stop) => world.whenLeasesFree(leases, keys, self, stop),
      confirm: (message, detail, action) => world.confirm(action, message, detail),
      openExternal: async () => undefined,
      t: english,
      locale: 'en',
      now: () => world.ovh.now(),
      sleep: (ms) => world.sleep(ms),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      statusPollMs: 3000,
      log: { info: () => undefined, warn: () => undefined },
      onState: (state) => this.record(state),
      onRenewed: () => undefined,
    };
    this.session = new RenewSession(deps);
  }

  private record(state: RenewPanelState): void {
    const seq = this.world.ovh.seq;
    for (const text of [state.notice, state.error?.explanation, state.error?.nextStep]) if (text) note(this.texts, { seq, text, serviceId: this.serviceId });
    if (state.order) this.shownOrders.add(state.order.orderId);
    if (state.order?.delivered) this.renewed.push({ seq, orderId: state.order.orderId, serviceId: this.serviceId });
  }

  /** Runs one user action; `services` picks the renew option for a preview. */
  act(action: PanelAction | 'preview', services?: readonly number[]): Promise<void> {
    this.world.userActs(this.id);
    switch (action) {
      case 'open':
        return this.session.start();
      case 'preview':
        return this.preview(services ?? this.services);
      case 'order':
        return this.session.handle({ type: 'placeOrder' });
      case 'pay':
        return this.session.handle({ type: 'pay' });
      case 'check':
        return this.session.handle({ type: 'retry' });
    }
  }

  private async preview(services: readonly number[]): Promise<void> {
    const row = this.session.optionRows.find((candidate) => sameSet(candidate.services, services));
    if (!row) return;
    await this.session.handle({ type: 'select', key: row.key });
    await this.session.handle({ type: 'preview' });
  }

  stuck(): string | undefined {
    const state = this.session.current;
    if (!state.busy || state.error || state.notice) return undefined;
    return `panel ${this.id} (${this.window.id}, service ${this.serviceId}) shows '${state.busy}' (step ${this.session.currentStep.kind}) and no message`;
  }

  dispose(): void {
    this.session.dispose();
  }
}

const BATCH_BUSY = new Set(['loading', 'previewing', 'confirmingOrders', 'ordering', 'confirmingPay', 'paying']);

export class BatchView implements View {
  readonly kind = 'batch';
  readonly texts: ShownText[] = [];
  readonly renewed: ShownRenewed[] = [];
  readonly shownOrders = new Set<number>();
  readonly session: BatchSession;
  /** OVH's event count each time the batch paused on an uncertain row. */
  readonly pauses: number[] = [];
  /** Rows it offered to order while another view's order POST for that service was in flight. */
  private readonly loaded = new Set<number>();
  readonly offeredWhileOrdered: Array<{ readonly seq: number; readonly serviceId: number; readonly by: string; readonly status: string }> = [];

  constructor(
    private readonly world: World,
    readonly window: WindowInstance,
    readonly services: readonly number[],
    readonly id: string,
    /** The same id after a reload: the batch takes back its record. */
    readonly batchId: string,
  ) {
    const api = world.ovh.api();
    const leases = world.leases();
    const deps: BatchDeps = {
      accountId: 'account-1',
      identity: IDENTITY,
      batchId,
      services: services.map((serviceId) => ({ serviceId, summary: world.ovh.summary(serviceId) })),
      owner: `${window.id}/${id}`,
      api: async () => api,
      journal: world.journal(),
      leases,
      whenLeasesFree: (keys, self, stop) => world.whenLeasesFree(leases, keys, self, stop),
      records: new JournalFiles(world.journalDir),
      confirm: (message, detail, action) => world.confirm(action, message, detail),
      openExternal: async () => undefined,
      openPanel: async () => undefined,
      t: english,
      locale: 'en',
      now: () => world.ovh.now(),
      sleep: (ms) => world.sleep(ms),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      statusPollMs: 3000,
      log: { info: () => undefined, warn: () => undefined },
      onState: (state) => this.record(state),
      onRenewed: () => undefined,
    };
    this.session = new BatchSession(deps);
  }

  private record(state: BatchState): void {
    const seq = this.world.ovh.seq;
    if (this.session.currentStep.kind === 'paused' && this.pauses.at(-1) !== seq) this.pauses.push(seq);
    for (const text of [state.notice, state.error]) if (text) for (const serviceId of this.services) note(this.texts, { seq, text, serviceId });
    for (const row of state.rows) {
      const serviceId = Number(row.key);
      if (row.orderId !== undefined) this.shownOrders.add(row.orderId);
      // Judged when the row first shows what it is after loading: later, another window's work is met when ordering.
      if (row.status !== 'loading' && !this.loaded.has(serviceId)) {
        this.loaded.add(serviceId);
        if (row.included && (row.status === 'ready' || row.status === 'previewed'))
          for (const [by, services] of this.world.ovh.orderInFlight)
            if (by !== this.id && services.includes(serviceId)) this.offeredWhileOrdered.push({ seq, serviceId, by, status: row.statusText });
      }
      for (const text of [row.statusText, row.errorText]) if (text) note(this.texts, { seq, text, serviceId });
      if (row.status === 'delivered' && row.orderId !== undefined) this.renewed.push({ seq, orderId: row.orderId, serviceId });
    }
  }

  act(action: BatchAction): Promise<void> {
    this.world.userActs(this.id);
    const step = this.session.currentStep;
    const state = this.session.current;
    switch (action) {
      case 'open':
        return this.session.start();
      case 'previewAll':
        return this.session.handle({ type: 'previewAll' });
      case 'placeOrders':
        return this.session.handle({ type: 'placeOrders' });
      case 'checkAgain': {
        const row = step.kind === 'paused' ? state.rows[step.row] : undefined;
        return row ? this.session.handle({ type: 'checkAgain', row: row.key }) : Promise.resolve();
      }
      case 'stop':
        return this.session.handle({ type: 'stopBatch' });
      case 'payAll':
        return this.session.handle({ type: 'payAll' });
      case 'payLater':
        return this.session.handle({ type: 'payLater' });
      case 'retryRow': {
        const row = state.rows.find((candidate) => candidate.canRetry);
        return row ? this.session.handle({ type: 'retryRow', row: row.key }) : Promise.resolve();
      }
    }
  }

  stuck(): string | undefined {
    const step = this.session.currentStep;
    const state = this.session.current;
    if (!BATCH_BUSY.has(step.kind) || state.error || state.notice) return undefined;
    return `batch ${this.id} (${this.window.id}) shows '${step.kind}' and no message`;
  }

  dispose(): void {
    this.session.dispose();
  }
}

export type SettingsKind = 'stopAtExpiry' | 'automatic';

/**
 * A renew settings change of one service (Stop Renewing at Expiry…, or Change Renewal… to
 * automatic every year), asked in the window the action runs in, up to its modal
 * confirmation: the same skip check and the same confirmation, with the same journal lookup
 * (OrderJournal.inFlightFor, as src/extension.ts wires `orderInFlight`) as the extension. The
 * flow's requests before (GET /me, the periods) and its PUT after are not modelled: the
 * simulated OVH keeps no renew settings, and the dialog is what money depends on here.
 */
export async function askSettings(world: World, serviceId: number, kind: SettingsKind): Promise<void> {
  const journal = world.journal();
  const target = world.ovh.summary(serviceId);
  const change: SettingsChange = kind === 'stopAtExpiry' ? { kind: 'stopAtExpiry' } : { kind: 'renew', mode: 'automatic', period: 'P1Y' };
  // The simulated services are manual, not ending, with no admin contact or commitment: never skipped, but checked as the extension does.
  if (skipReason(target, change, ['P1Y'], { nowMs: world.ovh.clockMs })) return;
  const text = settingsConfirmation(change, [{ accountId: 'account-1', target }], [], 'en', english, (accountId, id) => journal.inFlightFor(accountId, id));
  // The lookup and the dialog happen in one synchronous stretch, as in the extension: what is true now is what was true then.
  const truth = world.serviceTruth(serviceId);
  const answered = world.confirm(text.action, text.message, text.detail);
  world.settingsAsked.push({ modal: world.modals[world.modals.length - 1] as (typeof world.modals)[number], serviceId, change: kind, truth });
  await answered;
}
