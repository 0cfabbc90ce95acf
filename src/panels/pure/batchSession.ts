import { describeError, type Order, type PaymentOption, type ServiceSummary } from '../../ovh';
import type { BatchMessage, BatchState } from '../../protocol/batchPanel';
import { batchBlock, batchTotals, defaultOption, formatMoney, NO_CURRENCY, priceUcents, resolveCoverage, type Coverage } from '../../renewal';
import { BatchRecords, RECORDED_OUTCOME, recordedOrder, type BatchRecord, type RowRecord } from './batchRecords';
import { batchAccepts, isSettled, renderBatch, RETRYABLE, rowPhaseAfter, type BatchStep, type RowPhase } from './batchSteps';
import type { JournalStore } from './orderJournal';
import { PanelFormat } from './panelFormat';
import { paymentChoices, paymentLabel } from './paymentChoices';
import { RenewSession } from './renewSession';
import type { KnownOrder } from './renewSteps';
import type { ConfirmKind, SessionDeps } from './sessionDeps';

/** What a batch needs besides what each row's renew session needs. */
export interface BatchDeps extends Omit<SessionDeps, 'serviceId' | 'summary' | 'onState' | 'onRenewed' | 'confirm'> {
  readonly batchId: string;
  /** The selection; a reloaded batch knows only the ids its record holds. */
  readonly services: ReadonlyArray<{ readonly serviceId: number; readonly summary?: ServiceSummary }>;
  /** The one modal of each confirmation: true only when the user chose `action`. */
  readonly confirm: (message: string, detail: string, action: string) => Promise<boolean>;
  readonly records: JournalStore;
  readonly onState: (state: BatchState) => void;
  /** Called once, when the batch is over and something was renewed: the tree refreshes once. */
  readonly onRenewed: (accountId: string) => void;
  readonly openPanel: (serviceId: number) => Promise<void>;
  /** Rows previewed at once; the API client's limiter bounds the requests below this. */
  readonly concurrency?: number;
}

interface Row {
  readonly key: string;
  readonly serviceId: number;
  readonly session: RenewSession;
  included: boolean;
  chosenKey: string | undefined;
  phase: RowPhase;
  errorText: string | undefined;
  /** The services its order renews, from the moment it is attempted. */
  claims: readonly number[];
}

/**
 * Renewing several services in one sitting. Each row is a RenewSession of its own, driven
 * through the messages the single panel accepts: its lease files, journal entry before the
 * POST, re-checks after the modal, search by content after a lost answer, and payment
 * guarantees are the single renewal's, once per row. The batch adds one modal for all the
 * orders and one for all the payments, answering each row's confirmation only while that
 * modal's decision holds; it orders one row after the other and stops at the first
 * outcome that is not proven.
 */
export class BatchSession {
  private step: BatchStep = { kind: 'loading' };
  private rows: Row[];
  private readonly format: PanelFormat;
  private readonly records: BatchRecords;
  private grant: ConfirmKind | undefined;
  private renewed = false;
  private payOptions: PaymentOption[] = [];
  private selectedPayment: string | undefined;
  private progress: BatchState['progress'];
  private notice: string | undefined;
  private error: string | undefined;
  private disposed = false;
  private paintScheduled = false;

  constructor(readonly deps: BatchDeps) {
    this.format = new PanelFormat(deps.t, deps.locale);
    this.records = new BatchRecords(deps.records);
    this.rows = deps.services.map(({ serviceId, summary }) => ({
      key: String(serviceId),
      serviceId,
      session: new RenewSession(this.rowDeps(serviceId, summary)),
      included: true,
      chosenKey: undefined,
      phase: { kind: 'loading' },
      errorText: undefined,
      claims: [],
    }));
  }

  get current(): BatchState {
    const coverage = this.coverage();
    const models = this.rows.map((row, index) => ({ ...row, summary: row.session.serviceSummary, options: row.session.optionRows, coverage: coverage[index] }));
    return renderBatch(this.step, {
      format: this.format,
      t: this.deps.t,
      rows: models,
      payment: this.payment(),
      progress: this.progress,
      notice: this.notice,
      error: this.error,
      totals: this.totals(),
    });
  }

  get currentStep(): BatchStep {
    return this.step;
  }

  /** Row sessions, for tests and the panel's links. */
  rowSession(serviceId: number): RenewSession | undefined {
    return this.rows.find((row) => row.serviceId === serviceId)?.session;
  }

  dispose(): void {
    this.disposed = true;
    for (const row of this.rows) row.session.dispose();
  }

  /** Loads every row's options (a reload first takes back what the record and journal know). */
  async start(): Promise<void> {
    const record = this.records.get(this.deps.batchId);
    const selected = new Set(this.rows.map((row) => row.serviceId));
    this.go({ kind: 'loading' });
    await this.pool(this.rows, async (row) => {
      const recorded = record?.rows.find((candidate) => candidate.serviceId === row.serviceId);
      const summary = row.session.deps.summary;
      const block = summary ? batchBlock(summary, selected) : undefined;
      if (block) return this.setPhase(row, { kind: 'blocked', reason: block });
      await row.session.start();
      const step = row.session.currentStep;
      if (step.kind === 'loadFailed') return this.setPhase(row, { kind: 'blocked', reason: 'loadFailed' }, this.sessionError(row));
      if (recorded) {
        row.included = recorded.included;
        row.chosenKey = recorded.chosenKey;
      }
      // Another window is placing or paying this row's order: the row follows it, never orders it.
      if (step.kind === 'elsewhere') return this.setPhase(row, { kind: 'elsewhere' });
      if (step.kind !== 'choosing') {
        // The journal knows an order or an attempt for this service: it is shown, never ordered again.
        row.claims = this.journalServices(row);
        return this.setPhase(row, rowPhaseAfter(step, row.claims.length > 0, false));
      }
      const options = row.session.optionRows;
      if (recorded?.outcome && recorded.outcome !== 'elsewhere') return this.restore(row, recorded);
      if (options.length === 0) return this.setPhase(row, { kind: 'blocked', reason: 'noOffer' });
      if (!options.some((option) => option.key === row.chosenKey))
        row.chosenKey = defaultOption(options, row.serviceId, row.session.serviceSummary?.renewPeriod)?.key;
      this.setPhase(row, { kind: 'ready' });
    });
    if (!record) await this.save();
    const ordered = this.rows.some((row) => isSettled(row.phase));
    if (ordered) await this.loadPayment();
    // Rows still to choose come first: the orders already known are paid with theirs.
    const choosing = this.rows.some((row) => row.phase.kind === 'ready');
    this.go(choosing || !ordered ? { kind: 'choosing' } : this.unpaid().length > 0 ? { kind: 'ordered' } : { kind: 'done' });
  }

  async handle(message: BatchMessage): Promise<void> {
    if (!batchAccepts(this.step, message.type)) return;
    const row = 'row' in message ? this.rows.find((candidate) => candidate.key === message.row) : undefined;
    switch (message.type) {
      case 'ready':
        return this.emit();
      case 'setIncluded':
        if (!row || !this.changeable(row)) return;
        row.included = message.value;
        return this.unpreview(row);
      case 'choose':
        if (!row || !this.changeable(row) || !row.session.optionRows.some((option) => option.key === message.option)) return;
        row.chosenKey = message.option;
        return this.unpreview(row);
      case 'previewAll':
        return this.previewAll(this.orderable().filter((candidate) => candidate.phase.kind !== 'previewed'));
      case 'placeOrders':
        return this.placeOrders();
      case 'checkAgain':
        return row && this.step.kind === 'paused' && this.rows[this.step.row] === row ? this.checkAgain(row) : undefined;
      case 'stopBatch':
        return this.stop();
      case 'selectPayment':
        if (!this.payment()?.options.some((option) => option.id === message.optionId && option.selectable)) return;
        this.selectedPayment = message.optionId;
        return this.emit();
      case 'payAll':
        return this.payAll();
      case 'payLater':
        this.notice = this.deps.t('The orders stay unpaid: nothing is charged until you pay them. Each stays reachable from the Services view.');
        return this.go({ kind: 'done' });
      case 'retryRow':
        if (!row || !RETRYABLE.has(row.phase.kind)) return;
        row.included = true;
        row.errorText = undefined;
        return this.previewAll([row]);
      case 'openLink':
        return row ? row.session.handle({ type: 'openLink', which: 'order' }) : undefined;
      case 'openPanel':
        return row ? this.deps.openPanel(row.serviceId) : undefined;
    }
  }

  /** Dry runs of the given rows, a few at once; a failed row is left out, the others stay usable. */
  private async previewAll(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    this.progress = { done: 0, total: rows.length };
    this.error = undefined;
    this.notice = undefined;
    this.go({ kind: 'previewing' });
    await this.pool(rows, async (row) => {
      this.setPhase(row, { kind: 'previewing' });
      await row.session.handle({ type: 'select', key: row.chosenKey ?? '' });
      await row.session.handle({ type: 'preview' });
      const step = row.session.currentStep;
      if (step.kind === 'previewed' && step.previewed.row.key === row.chosenKey)
        this.setPhase(row, { kind: 'previewed', row: step.previewed.row, preview: step.previewed.preview });
      else this.setPhase(row, { kind: 'previewFailed' }, this.sessionError(row) ?? this.deps.t('The preview failed.'));
      this.progress = { done: (this.progress?.done ?? 0) + 1, total: rows.length };
      this.emit();
    });
    this.progress = undefined;
    this.go({ kind: 'previewed' });
  }

  /** One modal for every order, then each order in turn through its row's session. */
  private async placeOrders(): Promise<void> {
    const rows = this.orderable();
    if (rows.length === 0 || !rows.every((row) => row.phase.kind === 'previewed')) return;
    const { t } = this.deps;
    this.go({ kind: 'confirmingOrders' }, { notice: undefined, error: undefined });
    const lines = rows.map((row) => {
      const phase = row.phase.kind === 'previewed' ? row.phase : undefined;
      return phase ? `${this.format.servicesText(phase.row)} · ${this.format.periodLabel(phase.row)} · ${this.format.money(phase.preview.priceWithTax)}` : '';
    });
    const confirmed = await this.deps.confirm(
      t('Place {0} renewal orders?', rows.length),
      [
        ...lines,
        t(
          'Total with tax: {0}. OVHcloud creates one order per line, which you then pay.',
          this.sum(rows.flatMap((row) => (row.phase.kind === 'previewed' ? [row.phase.preview.priceWithTax] : []))).join(' + '),
        ),
      ].join('\n'),
      t('Place Orders'),
    );
    if (!confirmed || this.disposed) return this.go({ kind: 'previewed' });
    await this.orderFrom(rows);
  }

  private async orderFrom(rows: readonly Row[]): Promise<void> {
    for (const row of rows) {
      if (this.disposed) return;
      if (row.phase.kind !== 'previewed') continue;
      const index = this.rows.indexOf(row);
      row.claims = [...row.phase.row.services];
      this.setPhase(row, { kind: 'placing' });
      this.go({ kind: 'ordering', row: index });
      this.grant = 'order';
      try {
        await row.session.handle({ type: 'placeOrder' });
      } finally {
        this.grant = undefined;
      }
      await this.settle(row);
      // settle() moved the phase on: read it again, not as narrowed above.
      if ((row.phase as RowPhase).kind === 'uncertain') {
        this.error = this.deps.t(
          'It is not known whether the order for {0} was created. Nothing more is ordered until it is found or proven absent.',
          this.nameOf(row),
        );
        return this.go({ kind: 'paused', row: index });
      }
    }
    await this.afterOrdering();
  }

  /** The paused row is looked for again; once resolved, the confirmed rows left are ordered. */
  private async checkAgain(row: Row): Promise<void> {
    await row.session.handle({ type: 'retry' });
    await this.settle(row);
    if (row.phase.kind === 'uncertain') return this.emit();
    this.error = undefined;
    // Time has passed since the user confirmed: the orders left are confirmed again, never sent on the old answer.
    const left = this.orderable().filter((candidate) => candidate.phase.kind === 'previewed');
    if (left.length === 0) return this.afterOrdering();
    this.notice = this.deps.t('The paused order is resolved. The other orders were not placed: place them again to confirm them.');
    this.go({ kind: 'previewed' });
  }

  /** Rows confirmed but not sent stay unordered; the created orders can be paid. */
  private async stop(): Promise<void> {
    for (const row of this.orderable()) if (row.phase.kind === 'previewed') this.setPhase(row, { kind: 'notAttempted' });
    await this.save();
    await this.afterOrdering();
  }

  private async afterOrdering(): Promise<void> {
    await this.loadPayment();
    this.go(this.unpaid().length > 0 ? { kind: 'ordered' } : { kind: 'done' });
  }

  /** One method for every order; one modal with the real total of the created orders. */
  private async payAll(): Promise<void> {
    const rows = this.unpaid();
    const option = this.selectedPayment === undefined ? undefined : this.payOptions[Number(this.selectedPayment)];
    if (rows.length === 0 || !option?.selectable) return;
    const { t } = this.deps;
    const back = this.step;
    this.go({ kind: 'confirmingPay' }, { notice: undefined, error: undefined });
    const orders = rows.flatMap((row) => ('known' in row.phase ? [row.phase.known.order] : []));
    const confirmed = await this.deps.confirm(
      t('Pay {0} orders?', orders.length),
      [
        ...rows.map((row) =>
          'known' in row.phase
            ? `${t('Order {0}', row.phase.known.order.orderId)} · ${this.nameOf(row)} · ${this.format.money(row.phase.known.order.priceWithTax)}`
            : '',
        ),
        t('Total with tax: {0}, charged to {1}.', this.sum(orders.map((order) => order.priceWithTax)).join(' + '), paymentLabel(option, t)),
      ].join('\n'),
      t('Pay All'),
    );
    if (!confirmed || this.disposed) return this.go(back);
    for (const row of rows) {
      if (this.disposed) return;
      this.go({ kind: 'paying', row: this.rows.indexOf(row) });
      const index = row.session.options.findIndex((candidate) => sameMethod(candidate, option));
      if (index < 0 || !row.session.options[index]?.selectable) {
        row.errorText = t('This payment method cannot pay this order: open its panel to pay it with another.');
        continue;
      }
      await row.session.handle({ type: 'selectPayment', optionId: String(index) });
      this.grant = 'pay';
      try {
        // Resolves once the payment's outcome is known; the delivery is followed meanwhile.
        await row.session.pay();
      } finally {
        this.grant = undefined;
      }
      await this.settle(row);
    }
    this.go(this.unpaid().length > 0 ? { kind: 'ordered' } : { kind: 'done' });
    await Promise.all(
      rows.map(async (row) => {
        await row.session.deliveryFollowed;
        await this.settle(row);
      }),
    );
    // The tree refreshes once, with fresh data, after the last delivery.
    if (this.renewed) this.deps.onRenewed(this.deps.accountId);
    this.renewed = false;
    this.emit();
  }

  /** Reads the row's outcome from its session and records it. */
  private async settle(row: Row): Promise<void> {
    const hasEntry = this.journalServices(row).length > 0;
    const error = this.sessionError(row);
    this.setPhase(row, rowPhaseAfter(row.session.currentStep, hasEntry, error !== undefined), error);
    await this.save();
  }

  private async loadPayment(): Promise<void> {
    const first = this.unpaid()[0]?.session;
    this.payOptions = first ? [...first.options] : [];
    const choices = paymentChoices(this.payOptions, this.deps.t, this.format);
    if (!choices.options.some((option) => option.id === this.selectedPayment && option.selectable)) this.selectedPayment = choices.selectedId;
  }

  private payment(): BatchState['payment'] {
    if (this.payOptions.length === 0) return undefined;
    return { ...paymentChoices(this.payOptions, this.deps.t, this.format), selectedId: this.selectedPayment };
  }

  private unpaid(): Row[] {
    return this.rows.filter((row) => row.phase.kind === 'ordered' || row.phase.kind === 'payFailed');
  }

  /** Included rows that would place an order of their own, and have none yet. */
  private orderable(): Row[] {
    const coverage = this.coverage();
    return this.rows.filter(
      (row, index) =>
        row.included &&
        coverage[index]?.kind === 'orders' &&
        !isSettled(row.phase) &&
        (row.phase.kind === 'ready' || row.phase.kind === 'previewed' || RETRYABLE.has(row.phase.kind)),
    );
  }

  private coverage(): Coverage[] {
    return resolveCoverage(
      this.rows.map((row) => {
        if (isSettled(row.phase)) return { serviceId: row.serviceId, fixed: true, chosen: { services: row.claims.length > 0 ? row.claims : [row.serviceId] } };
        const usable = row.included && (row.phase.kind === 'ready' || row.phase.kind === 'previewing' || row.phase.kind === 'previewed');
        const option = usable ? row.session.optionRows.find((candidate) => candidate.key === row.chosenKey) : undefined;
        return { serviceId: row.serviceId, chosen: option ? { services: option.services } : undefined };
      }),
    );
  }

  /** Previewed prices of the rows about to be ordered, real prices of the created orders. */
  private totals(): string[] {
    const orderable = new Set(this.orderable());
    const prices = this.rows.flatMap((row) => {
      if ('known' in row.phase) return [row.phase.known.order.priceWithTax];
      return row.phase.kind === 'previewed' && orderable.has(row) ? [row.phase.preview.priceWithTax] : [];
    });
    return this.sum(prices);
  }

  private sum(prices: ReadonlyArray<Order['priceWithTax']>): string[] {
    return batchTotals(prices.map((price) => ({ ucents: priceUcents(price), currencyCode: price.currencyCode ?? NO_CURRENCY }))).map((money) =>
      formatMoney(money.ucents, money.currencyCode, this.deps.locale),
    );
  }

  private changeable(row: Row): boolean {
    return !isSettled(row.phase) && row.phase.kind !== 'blocked' && row.phase.kind !== 'loading';
  }

  private unpreview(row: Row): void {
    if (row.phase.kind === 'previewed' || RETRYABLE.has(row.phase.kind)) this.setPhase(row, { kind: 'ready' });
    if (this.step.kind === 'previewed' && this.orderable().some((candidate) => candidate.phase.kind !== 'previewed')) return this.go({ kind: 'choosing' });
    this.emit();
  }

  /** Services of this row's live journal entries (an order or an attempt). */
  private journalServices(row: Row): number[] {
    const services = row.claims.length > 0 ? row.claims : [row.serviceId];
    return [...new Set(this.deps.journal.forServices(this.deps.identity, services).flatMap((entry) => entry.services))];
  }

  private restore(row: Row, recorded: RowRecord): void {
    const order = recorded.order as Order | undefined;
    const known: KnownOrder | undefined = order
      ? {
          order,
          status: recorded.status ?? 'unknown',
          entry: {
            id: `recorded-${row.serviceId}`,
            identity: this.deps.identity,
            serviceId: row.serviceId,
            services: [row.serviceId],
            serviceNames: [],
            intentKey: '',
            duration: '',
            state: 'unpaid',
            withTaxText: '',
            withTaxValue: order.priceWithTax.value,
            startedAt: '',
          },
        }
      : undefined;
    const outcome = recorded.outcome;
    row.errorText = recorded.errorText;
    if (known && (outcome === 'delivered' || outcome === 'ended' || outcome === 'paid'))
      return this.setPhase(row, { kind: outcome, known }, recorded.errorText);
    // Without a journal entry an attempt has ended: what it did is no longer known here.
    if (known) return this.setPhase(row, { kind: 'ended', known }, recorded.errorText);
    this.setPhase(row, outcome === 'refused' ? { kind: 'refused' } : { kind: 'notAttempted' }, recorded.errorText);
  }

  private async save(): Promise<void> {
    const record: BatchRecord = {
      id: this.deps.batchId,
      identity: this.deps.identity,
      accountId: this.deps.accountId,
      createdAt: this.records.get(this.deps.batchId)?.createdAt ?? this.now().toISOString(),
      rows: this.rows.map((row) => {
        const known = 'known' in row.phase ? row.phase.known : undefined;
        const kind = row.phase.kind;
        return {
          serviceId: row.serviceId,
          included: row.included,
          chosenKey: row.chosenKey,
          outcome: RECORDED_OUTCOME[kind],
          order: known ? recordedOrder(known.order) : undefined,
          status: known?.status,
          errorText: row.errorText,
        };
      }),
    };
    await this.records.write(record).catch((error: unknown) => this.deps.log.warn(`Could not record batch ${this.deps.batchId}: ${String(error)}`));
  }

  private rowDeps(serviceId: number, summary: ServiceSummary | undefined): SessionDeps {
    return {
      ...this.deps,
      serviceId,
      summary,
      owner: `${this.deps.owner}/${serviceId}`,
      // The batch's modal has been answered for every row it covers; a changed amount goes on to the pay modal, which shows real amounts.
      // A changed amount is asked about, as in the single panel: the batch modal confirmed the previewed one.
      confirm: async (message, detail, action, kind) =>
        kind === 'priceChange' ? this.grant === 'order' && this.deps.confirm(message, detail, action) : this.grant !== undefined && kind === this.grant,
      onState: () => this.followed(serviceId),
      onRenewed: () => (this.renewed = true),
    };
  }

  /** A row that met another window's work, or whose delivery is followed, shows where its session got to. */
  private followed(serviceId: number): void {
    const row = this.rows.find((candidate) => candidate.serviceId === serviceId);
    const step = row?.session.currentStep.kind;
    if (row?.phase.kind === 'elsewhere' && step !== 'elsewhere' && step !== 'loading') {
      if (step === 'choosing' || step === 'ended') row.phase = step === 'choosing' ? { kind: 'ready' } : rowPhaseAfter(row.session.currentStep, false, false);
      else row.phase = rowPhaseAfter(row.session.currentStep, this.journalServices(row).length > 0, false);
    } else if (row?.phase.kind === 'paid' && step === 'ended') row.phase = rowPhaseAfter(row.session.currentStep, false, false);
    this.emit();
  }

  private sessionError(row: Row): string | undefined {
    const error = row.session.current.error;
    return error ? [error.explanation, error.nextStep].filter(Boolean).join(' ') : undefined;
  }

  private nameOf(row: Row): string {
    return row.session.serviceSummary?.displayName ?? `#${row.serviceId}`;
  }

  private setPhase(row: Row, phase: RowPhase, errorText?: string): void {
    row.phase = phase;
    row.errorText = errorText;
    this.emit();
  }

  private async pool<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length && !this.disposed) {
        const item = items[next++] as T;
        try {
          await task(item);
        } catch (error) {
          this.deps.log.warn(`Batch ${this.deps.batchId}: ${describeError(error, this.deps.t).explanation}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 4, items.length) }, worker));
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private go(step: BatchStep, patch: { notice?: string; error?: string } = {}): void {
    this.step = step;
    if ('notice' in patch) this.notice = patch.notice;
    if ('error' in patch) this.error = patch.error;
    this.emit();
  }

  /**
   * One paint per turn of the event loop: fifty row sessions change state many times
   * during a preview, and each paint renders every row.
   */
  private emit(): void {
    if (this.disposed || this.paintScheduled) return;
    this.paintScheduled = true;
    setImmediate(() => {
      this.paintScheduled = false;
      if (!this.disposed) this.deps.onState(this.current);
    });
  }
}

/** The same registered method in another order's list of usable methods. */
function sameMethod(a: PaymentOption, b: PaymentOption): boolean {
  return a.paymentMean === b.paymentMean && a.paymentMethodId === b.paymentMethodId && a.paymentMeanId === b.paymentMeanId && a.label === b.label;
}
