import { describeError, type ServiceSummary } from '../../ovh';
import type { BatchMessage, BatchState } from '../../protocol/batchPanel';
import type { BatchDeps, BatchHost } from './batchHost';
import { batchView, changeable, followedState, itemError, orderableItems, unpaidItems, type BatchItem } from './batchItems';
import { BatchOrders } from './batchOrders';
import { BatchPayments } from './batchPayments';
import { loadItem } from './batchLoad';
import { BatchRecords, recordItems } from './batchRecords';
import { batchAccepts, isSettled, RETRYABLE, rowStateAfter, type BatchStep, type RowState } from './batchSteps';
import { PanelFormat } from '../orders/panelFormat';
import { runPool } from './pool';
import { RenewSession } from '../orders/renewSession';
import type { SessionDeps } from '../orders/sessionDeps';

export type { BatchDeps } from './batchHost';

/**
 * Renewing several services in one sitting: the orchestration. Each item is a RenewSession
 * of its own, driven through its commands (preview, order, pay, check), so its leases,
 * journal entry before the POST, proofs and payment rules are the single renewal's, once
 * per item. The batch asks one modal for all the orders and one for all the payments, and
 * passes each command the policy that follows from it: the decision its modal covered is
 * answered, any other (a changed amount) is asked. Orders go one after the other and stop
 * at the first outcome that is not proven. The pure parts live in batchItems.ts (totals,
 * coverage, view), batchRecords.ts (what a reload restores) and batchSteps.ts (the table).
 */
export class BatchSession implements BatchHost {
  private step: BatchStep = { kind: 'loading' };
  readonly items: BatchItem[];
  readonly format: PanelFormat;
  private readonly records: BatchRecords;
  private readonly payments = new BatchPayments(this);
  private readonly orders = new BatchOrders(this, this.payments);
  private renewed = false;
  private progress: BatchState['progress'];
  private notice: string | undefined;
  private error: string | undefined;
  private disposed = false;
  private paintScheduled = false;

  constructor(readonly deps: BatchDeps) {
    this.format = new PanelFormat(deps.t, deps.locale, () => this.items.flatMap((item) => item.session.serviceSummary ?? []));
    this.records = new BatchRecords(deps.records);
    this.items = deps.services.map(({ serviceId, summary }) => ({
      key: String(serviceId),
      serviceId,
      session: new RenewSession(this.itemDeps(serviceId, summary)),
      included: true,
      chosenKey: undefined,
      state: { kind: 'loading' },
      errorText: undefined,
      claims: [],
    }));
  }

  get current(): BatchState {
    const { format, progress, notice, error } = this;
    const { options: payOptions, selected: selectedPayment } = this.payments.view;
    return batchView(this.step, this.items, { format, t: this.deps.t, locale: this.deps.locale, payOptions, selectedPayment, progress, notice, error });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  takeRenewed(): boolean {
    const renewed = this.renewed;
    this.renewed = false;
    return renewed;
  }

  get currentStep(): BatchStep {
    return this.step;
  }

  dispose(): void {
    this.disposed = true;
    for (const item of this.items) item.session.dispose();
  }

  /** Loads every item's options (a reload first takes back what the record and journal know). */
  async start(): Promise<void> {
    const record = this.records.get(this.deps.batchId);
    const selected = new Set(this.items.map((item) => item.serviceId));
    this.go({ kind: 'loading' });
    await this.pool(this.items, (item: BatchItem) =>
      loadItem(
        this,
        item,
        record?.rows.find((candidate) => candidate.serviceId === item.serviceId),
        selected,
      ),
    );
    if (!record) await this.save();
    const ordered = this.items.some((item) => isSettled(item.state));
    if (ordered) await this.payments.load();
    // Items still to choose come first: the orders already known are paid with theirs.
    const choosing = this.items.some((item) => item.state.kind === 'ready');
    this.go(choosing || !ordered ? { kind: 'choosing' } : unpaidItems(this.items).length > 0 ? { kind: 'ordered' } : { kind: 'done' });
  }

  async handle(message: BatchMessage): Promise<void> {
    try {
      await this.act(message);
    } catch (error) {
      // Never left on "ordering" or "paying" without a word: the created orders stay payable.
      this.deps.log.warn(`Batch ${this.deps.batchId}: ${String(error)}`);
      this.go(unpaidItems(this.items).length > 0 ? { kind: 'ordered' } : { kind: 'done' }, { error: describeError(error, this.deps.t).explanation });
    }
  }

  private async act(message: BatchMessage): Promise<void> {
    if (!batchAccepts(this.step, message.type)) return;
    const item = 'row' in message ? this.items.find((candidate) => candidate.key === message.row) : undefined;
    switch (message.type) {
      case 'ready':
        return this.emit();
      case 'setIncluded':
        if (!item || !changeable(item)) return;
        item.included = message.value;
        return this.unpreview(item);
      case 'choose':
        if (!item || !changeable(item) || !item.session.optionRows.some((option) => option.key === message.option)) return;
        item.chosenKey = message.option;
        return this.unpreview(item);
      case 'previewAll':
        return this.previewAll(orderableItems(this.items).filter((candidate) => candidate.state.kind !== 'previewed'));
      case 'placeOrders':
        return this.orders.place();
      case 'checkAgain':
        return item && this.step.kind === 'paused' && this.items[this.step.row] === item ? this.orders.checkAgain(item) : undefined;
      case 'stopBatch':
        return this.orders.stop();
      case 'selectPayment':
        return this.payments.select(message.optionId, this.current.payment);
      case 'payAll':
        return this.payments.payAll();
      case 'payLater':
        this.notice = this.deps.t('The orders stay unpaid: nothing is charged until you pay them. Each stays reachable from the Services view.');
        return this.go({ kind: 'done' });
      case 'retryRow':
        if (!item || !RETRYABLE.has(item.state.kind)) return;
        Object.assign(item, { included: true, errorText: undefined });
        return this.previewAll([item]);
      case 'openLink':
        return item?.session.openOrder();
      case 'openPanel':
        return item ? this.deps.openPanel(item.serviceId) : undefined;
    }
  }

  /** Dry runs of the given items, a few at once; a failed item is left out, the others stay usable. */
  private async previewAll(items: readonly BatchItem[]): Promise<void> {
    if (items.length === 0) return;
    this.progress = { done: 0, total: items.length };
    this.go({ kind: 'previewing' }, { notice: undefined, error: undefined });
    await this.pool(items, async (item) => {
      this.setRowState(item, { kind: 'previewing' });
      await item.session.preview(item.chosenKey ?? '');
      const step = item.session.currentStep;
      if (step.kind === 'previewed' && step.previewed.row.key === item.chosenKey)
        this.setRowState(item, { kind: 'previewed', row: step.previewed.row, preview: step.previewed.preview });
      else this.setRowState(item, { kind: 'previewFailed' }, itemError(item) ?? this.deps.t('The preview failed.'));
      this.progress = { done: (this.progress?.done ?? 0) + 1, total: items.length };
    });
    this.progress = undefined;
    this.go({ kind: 'previewed' });
  }

  /** Reads the item's outcome from its session and records it. */
  async settle(item: BatchItem): Promise<void> {
    const error = itemError(item);
    this.setRowState(
      item,
      rowStateAfter(item.session.currentStep, this.journalServices(item).length > 0, error !== undefined && item.session.showsRefusal),
      error,
    );
    await this.save();
  }

  /** An item that met another window's work, or whose delivery is followed, shows where its session got to. */
  private followed(serviceId: number): void {
    const item = this.items.find((candidate) => candidate.serviceId === serviceId);
    if (item) item.state = followedState(item, () => this.journalServices(item).length > 0);
    this.emit();
  }

  private unpreview(item: BatchItem): void {
    if (item.state.kind === 'previewed' || RETRYABLE.has(item.state.kind)) this.setRowState(item, { kind: 'ready' });
    if (this.step.kind === 'previewed' && orderableItems(this.items).some((candidate) => candidate.state.kind !== 'previewed'))
      return this.go({ kind: 'choosing' });
    this.emit();
  }

  /** Services of this item's live journal entries (an order or an attempt). */
  journalServices(item: BatchItem): number[] {
    const services = item.claims.length > 0 ? item.claims : [item.serviceId];
    try {
      return [...new Set(this.deps.journal.forServices(this.deps.identity, services).flatMap((entry) => entry.services))];
    } catch {
      // The journal cannot be read: an attempt may be recorded there, so the item counts as having one.
      return [...services];
    }
  }

  async save(): Promise<void> {
    const createdAt = this.records.get(this.deps.batchId)?.createdAt ?? (this.deps.now?.() ?? new Date()).toISOString();
    const record = { id: this.deps.batchId, identity: this.deps.identity, accountId: this.deps.accountId, createdAt, rows: recordItems(this.items) };
    await this.records.write(record).catch((error: unknown) => this.deps.log.warn(`Could not record batch ${this.deps.batchId}: ${String(error)}`));
  }

  private itemDeps(serviceId: number, summary: ServiceSummary | undefined): SessionDeps {
    return {
      ...this.deps,
      serviceId,
      summary,
      owner: `${this.deps.owner}/${serviceId}`,
      // Only the batch's commands order or pay, each with its own policy; an amount that differs from the
      // one confirmed (an order found again after a lost answer) is asked in the batch's own modal.
      confirm: async (message, detail, action, kind) => kind === 'priceChange' && this.deps.confirm(message, detail, action),
      onState: () => this.followed(serviceId),
      onRenewed: () => (this.renewed = true),
      uncertainPaymentWatchMs: 0, // Pay All pays the next order while an unclear payment is followed.
    };
  }

  setRowState(item: BatchItem, state: RowState, errorText?: string): void {
    Object.assign(item, { state, errorText });
    this.emit();
  }

  private pool<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
    const warn = (error: unknown) => this.deps.log.warn(`Batch ${this.deps.batchId}: ${describeError(error, this.deps.t).explanation}`);
    return runPool(items, this.deps.concurrency ?? 4, () => this.disposed, task, warn);
  }

  go(step: BatchStep, patch: { notice?: string; error?: string } = {}): void {
    this.step = step;
    if ('notice' in patch) this.notice = patch.notice;
    if ('error' in patch) this.error = patch.error;
    this.emit();
  }

  /** One paint per turn of the event loop: fifty item sessions change state many times during a preview. */
  emit(): void {
    if (this.disposed || this.paintScheduled) return;
    this.paintScheduled = true;
    setImmediate(() => {
      this.paintScheduled = false;
      if (!this.disposed) this.deps.onState(this.current);
    });
  }
}
