import { describeError, type Order, type PaymentOption, type ServiceSummary } from '../ovh';
import type { PanelState, Row, WebviewMessage } from '../protocol/renewPanel';
import { compareRenewStrategies, ovhCalendarDay, type RenewOptionRow } from '../renewal';
import type { Lease } from './leaseFiles';
import type { JournalEntry } from './orderJournal';
import { isExpired, isNotFound, provesNothingDone, searchAfterLostAnswer, START_TOLERANCE_MS, unpaidOrdersNaming } from './orderRecovery';
import { followOrder, isFinalStatus, safeOrderLink } from './orderStatus';
import { PanelFormat } from './panelFormat';
import { paymentChoices } from './paymentChoices';
import { PaymentFlow } from './paymentFlow';
import { accepts, knownOrder, renderStep, type KnownOrder, type Previewed, type Step } from './renewSteps';
import type { RenewApi, SessionDeps } from './sessionDeps';

export type { RenewApi, SessionDeps } from './sessionDeps';

/** How far back the pre-order check looks for unpaid orders naming these services. */
const EXISTING_ORDER_WINDOW_MS = 48 * 3600 * 1000;
/** A recorded attempt with no order found this long after it started is over: nothing could be paid. */
const ABANDONED_ATTEMPT_MS = 24 * 3600 * 1000;
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * Everything the renew panel does, without the webview. It moves between the steps of
 * renewSteps.ts and runs the API calls in between. Rules it enforces, whatever the
 * webview sends:
 * - no order without a dry run of the same option and a modal confirmation;
 * - one order per intent across panels and windows: a lease file per service of the
 *   row, taken after the modal; the journal and OVH's unpaid orders are checked again
 *   right before the POST, and the journal entry is written before it;
 * - POSTs are never retried; after a lost answer the order is searched for by content.
 */
export class RenewSession {
  private step: Step = { kind: 'loading' };
  private summary: ServiceSummary | undefined;
  private rows: RenewOptionRow[] = [];
  private view: Omit<PanelState, 'phase' | 'busy' | 'preview' | 'order'>;
  options: PaymentOption[] = [];
  private disposed = false;
  readonly format: PanelFormat;
  private readonly payments: PaymentFlow;

  constructor(readonly deps: SessionDeps) {
    this.format = new PanelFormat(deps.t, deps.locale);
    this.view = { service: { serviceId: deps.serviceId, displayName: `#${deps.serviceId}`, typeLabel: '', expiryText: '' }, includeOptions: false, rows: [] };
    this.payments = new PaymentFlow(this);
  }

  get current(): PanelState {
    return renderStep(this.step, { ...this.view, rows: this.view.rows, format: this.format, summary: this.summary, selectedKey: this.view.selectedKey, payment: this.view.payment, notice: this.view.notice, error: this.view.error });
  }

  get currentStep(): Step {
    return this.step;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Loads the service, resumes what the journal knows for it, then the renew options. */
  async start(): Promise<void> {
    this.go({ kind: 'loading' }, { notice: undefined, error: undefined, payment: undefined });
    let api: RenewApi;
    try {
      api = await this.requireApi();
      this.summary = await api.getService(this.deps.serviceId);
      this.patch({ service: this.format.service(this.summary) });
    } catch (error) {
      this.fail(error);
      this.go({ kind: 'loadFailed' });
      return;
    }
    let resumed: Step | undefined;
    try {
      resumed = await this.resume(api);
    } catch (error) {
      // Never blocks the options: the journal entry stays and is looked at again next time.
      this.deps.log.warn(`Could not resume the orders of service ${this.deps.serviceId}: ${String(error)}`);
      this.addNotice(this.deps.t('The orders already known for this service could not be checked ({0}). Try again later.', describeError(error, this.deps.t).explanation));
    }
    try {
      await this.loadOptions(api);
    } catch (error) {
      this.fail(error);
      if (!resumed) return this.go({ kind: 'loadFailed' });
    }
    this.go(resumed ?? { kind: 'choosing' });
    if (resumed?.kind === 'tracking') await this.trackDelivery(api, resumed.known);
    if (resumed?.kind === 'payUncertain') {
      await this.payments.followUncertain(api, resumed.known);
      const step = this.step;
      if (step.kind === 'tracking') await this.trackDelivery(api, step.known);
    }
  }

  async handle(message: WebviewMessage): Promise<void> {
    if (!accepts(this.step, message.type)) return;
    switch (message.type) {
      case 'ready':
        return this.emit();
      case 'retry':
        return this.start();
      case 'setIncludeOptions':
        return this.reloadOptions(message.value);
      case 'select':
        if (!this.rows.some((row) => row.key === message.key)) return;
        this.patch({ selectedKey: message.key, error: undefined });
        if (this.step.kind === 'previewed' || this.step.kind === 'ended') this.go({ kind: 'choosing' });
        return;
      case 'preview':
        return this.preview();
      case 'placeOrder':
        return this.placeOrder();
      case 'selectPayment':
        if (!this.view.payment?.options.some((option) => option.id === message.optionId && option.selectable)) return;
        this.patch({ payment: { ...this.view.payment, selectedId: message.optionId } });
        return;
      case 'pay':
        return this.payments.pay();
      case 'openLink':
        return this.openLink(message.which);
    }
  }

  private async reloadOptions(includeOptions: boolean): Promise<void> {
    this.patch({ includeOptions });
    this.go({ kind: 'loading' }, { error: undefined });
    try {
      await this.loadOptions(await this.requireApi());
      this.go({ kind: 'choosing' });
    } catch (error) {
      this.fail(error);
      this.go({ kind: 'loadFailed' });
    }
  }

  private async loadOptions(api: RenewApi): Promise<void> {
    const descriptions = await api.listRenewDescriptions(this.deps.serviceId, this.view.includeOptions);
    // Renewals move the expiry by calendar days: start from the day OVH wrote.
    const expiry = ovhCalendarDay(this.summary?.expirationDate)?.toISOString() ?? null;
    const comparison = compareRenewStrategies(descriptions, this.deps.serviceId, expiry, this.now());
    this.rows = comparison.rows.filter((row) => row.renewsSelected);
    for (const issue of comparison.issues) this.deps.log.warn(`Renew option skipped for service ${this.deps.serviceId}: ${issue.kind} (${issue.renewPeriod})`);
    const rows: Row[] = this.rows.map((row) => this.format.row(row, this.deps.serviceId));
    const selectedKey = rows.some((row) => row.key === this.view.selectedKey) ? this.view.selectedKey : rows.find((row) => row.cheapestPerMonth)?.key;
    this.patch({ rows, selectedKey });
  }

  private async preview(): Promise<void> {
    const row = this.rows.find((candidate) => candidate.key === this.view.selectedKey);
    if (!row) return;
    this.go({ kind: 'previewing', row }, { error: undefined, notice: undefined });
    try {
      const preview = await (await this.requireApi()).previewRenew(this.deps.serviceId, { duration: row.renewPeriod, services: row.services });
      this.go({ kind: 'previewed', previewed: { row, preview } });
    } catch (error) {
      this.fail(error);
      this.go({ kind: 'choosing' });
    }
  }

  private async placeOrder(): Promise<void> {
    if (this.step.kind !== 'previewed' || this.step.previewed.row.key !== this.view.selectedKey) return;
    const previewed = this.step.previewed;
    const { row, preview } = previewed;
    this.go({ kind: 'confirmingOrder', previewed }, { error: undefined, notice: undefined });
    if (await this.busyElsewhere(row.services)) return;
    const confirmed = await this.deps.confirm(
      this.deps.t('Order the renewal of {0} for {1}?', this.format.servicesText(row), this.format.periodLabel(row)),
      this.deps.t('Amount with tax: {0}. New expiry: {1}. OVHcloud creates an order that you then pay.', this.format.money(preview.priceWithTax), this.format.date(row.newExpiry)),
      this.deps.t('Place Order'),
    );
    if (!confirmed || this.disposed) return this.go({ kind: 'previewed', previewed });
    // After the modal: the lock first, then the journal and OVH again, then the POST.
    const lease = await this.takeLease(row.services);
    if (!lease) return;
    try {
      if (await this.busyElsewhere(row.services)) return;
      this.go({ kind: 'placing', previewed });
      await this.orderUnderLease(previewed, lease);
    } catch (error) {
      this.fail(error);
      if (this.currentStep.kind === 'placing') this.go({ kind: 'previewed', previewed });
    } finally {
      await lease.release().catch(() => undefined);
    }
  }

  private async orderUnderLease(previewed: Previewed, lease: Lease): Promise<void> {
    const { row, preview } = previewed;
    const api = await this.requireApi();
    const startedAt = await this.serverNow(api);
    const names = this.serviceNames(row);
    const existing = await unpaidOrdersNaming(api, { serviceNames: names, since: new Date(startedAt.getTime() - EXISTING_ORDER_WINDOW_MS), now: startedAt, claimed: this.deps.journal.claimedOrderIds(this.deps.identity), match: 'any' });
    const entry: JournalEntry = {
      id: `${startedAt.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      identity: this.deps.identity,
      serviceId: this.deps.serviceId,
      services: [...row.services],
      serviceNames: names,
      intentKey: row.key,
      duration: row.renewPeriod,
      state: 'placing',
      withTaxText: this.format.money(preview.priceWithTax),
      withTaxValue: preview.priceWithTax.value,
      startedAt: startedAt.toISOString(),
      summary: { servicesText: this.format.servicesText(row), periodText: this.format.periodLabel(row), newExpiryText: this.format.date(row.newExpiry) },
    };
    const [found] = existing;
    if (found) {
      // Placed from another machine or the Control Panel: offer it, order nothing.
      this.addNotice(this.deps.t('An unpaid order for this service already exists at OVHcloud (order {0}). Nothing new was ordered.', found.orderId));
      return this.adopt(api, { ...entry, state: 'unpaid', orderId: found.orderId }, found);
    }
    // Written before the POST: if VS Code dies mid-request, the next panel looks for the order.
    await this.deps.journal.write(entry);
    let order: Order;
    try {
      order = await api.createRenewOrder(this.deps.serviceId, { duration: row.renewPeriod, services: row.services });
    } catch (error) {
      return this.afterLostAnswer(api, entry, error, lease, previewed);
    }
    this.deps.log.info(`Order ${order.orderId} created for service ${this.deps.serviceId} (${row.renewPeriod}).`);
    await this.adopt(api, { ...entry, state: 'unpaid', orderId: order.orderId }, order, entry.withTaxValue);
  }

  /** The POST failed or its answer was lost: look for the order rather than sending another. */
  private async afterLostAnswer(api: RenewApi, entry: JournalEntry, error: unknown, lease: Lease, previewed: Previewed): Promise<void> {
    if (provesNothingDone(error)) {
      await this.deps.journal.end(entry.id);
      this.fail(error);
      return this.go({ kind: 'previewed', previewed });
    }
    const unknown: JournalEntry = { ...entry, state: 'unknown' };
    await this.deps.journal.write(unknown);
    this.go({ kind: 'searching', entry: unknown }, { notice: this.deps.t('The order request got no clear answer. Looking for the order at OVHcloud before anything else…') });
    const { found } = await searchAfterLostAnswer(
      api,
      { serviceNames: entry.serviceNames, since: new Date(Date.parse(entry.startedAt) - START_TOLERANCE_MS), claimed: this.deps.journal.claimedOrderIds(this.deps.identity, entry.id) },
      { now: () => this.now(), sleep: (ms) => this.sleep(ms), heartbeat: () => lease.refresh() },
      2 * (this.deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    );
    const [order] = found;
    if (order && found.length === 1) {
      this.deps.log.warn(`Order ${order.orderId} found by its details after a failed order request.`);
      this.patch({ notice: this.deps.t('OVHcloud created the order despite the error. Nothing else was ordered.') });
      return this.adopt(api, { ...unknown, state: 'unpaid', orderId: order.orderId }, order, entry.withTaxValue);
    }
    this.fail(
      error,
      found.length > 1
        ? this.deps.t('It is not known which order was created: several unpaid orders at OVHcloud match this renewal, and none was chosen. Check your orders at OVHcloud.')
        : this.deps.t('It is not known whether the order was created: OVHcloud lists no matching order yet. The attempt stays recorded and is checked again when this panel opens; check your orders at OVHcloud before ordering again.'),
    );
    this.go({ kind: 'orderUnknown', entry: unknown }, { notice: undefined });
  }

  /** An order that is ours by content: recorded, its amount checked, then offered for payment. */
  private async adopt(api: RenewApi, entry: JournalEntry, order: Order, confirmedValue?: number): Promise<void> {
    const record: JournalEntry = { ...entry, withTaxText: this.format.money(order.priceWithTax), withTaxValue: order.priceWithTax.value };
    await this.deps.journal.write(record);
    const known: KnownOrder = { entry: record, order, status: 'notPaid' };
    if (confirmedValue !== undefined && Math.abs(order.priceWithTax.value - confirmedValue) >= 0.005) {
      const confirmedText = entry.withTaxText;
      this.go({ kind: 'confirmingPrice', known }, { notice: this.deps.t('The amount of order {0} ({1}) differs from the amount you confirmed ({2}).', order.orderId, record.withTaxText, confirmedText) });
      const keep = await this.deps.confirm(
        this.deps.t('The amount of order {0} differs from the one you confirmed. Go on to payment?', order.orderId),
        this.deps.t('You confirmed {0}; OVHcloud ordered {1}. Nothing is charged until you pay.', confirmedText, record.withTaxText),
        this.deps.t('Go On'),
      );
      if (!keep) this.patch({ notice: this.deps.t('Order {0} stays unpaid: nothing is charged unless you pay it. It can no longer be paid after {1}.', order.orderId, this.format.date(order.expirationDate)) });
    }
    await this.offerPayment(api, known);
  }

  async offerPayment(api: RenewApi, known: KnownOrder): Promise<void> {
    this.options = await api.listPaymentOptions(known.order.orderId);
    this.patch({ payment: paymentChoices(this.options, this.deps.t, this.format) });
    this.go({ kind: 'unpaid', known });
  }

  /** A panel opened on a service with orders in the journal continues the first live one. */
  private async resume(api: RenewApi): Promise<Step | undefined> {
    const entries = this.deps.journal.forServices(this.deps.identity, [this.deps.serviceId]);
    if (entries.length === 0) return undefined;
    const services = [...new Set(entries.flatMap((entry) => [entry.serviceId, ...entry.services]))];
    if (await this.deps.leases.holder(this.leaseKeys(services), this.deps.owner)) {
      this.addNotice(this.elsewhereText());
      return { kind: 'elsewhere' };
    }
    for (const entry of entries) {
      const step = await this.resumeEntry(api, entry);
      if (step) return step;
    }
    return undefined;
  }

  private async resumeEntry(api: RenewApi, entry: JournalEntry): Promise<Step | undefined> {
    const t = this.deps.t;
    if (entry.orderId === undefined) {
      // Sent by a window that is gone (no fresh lease): look for its order once more.
      const since = new Date(Date.parse(entry.startedAt) - START_TOLERANCE_MS);
      const found = await unpaidOrdersNaming(api, { serviceNames: entry.serviceNames, since, now: this.now(), claimed: this.deps.journal.claimedOrderIds(this.deps.identity, entry.id), match: 'exact' });
      const [order] = found;
      if (order && found.length === 1) {
        const record: JournalEntry = { ...entry, state: 'unpaid', orderId: order.orderId, withTaxText: this.format.money(order.priceWithTax), withTaxValue: order.priceWithTax.value };
        await this.deps.journal.write(record);
        this.addNotice(t('OVHcloud created the order despite the error. Nothing else was ordered.'));
        await this.offerPayment(api, { entry: record, order, status: 'notPaid' });
        return this.step;
      }
      if (found.length === 0 && this.now().getTime() - Date.parse(entry.startedAt) > ABANDONED_ATTEMPT_MS) {
        await this.deps.journal.end(entry.id);
        this.addNotice(t('No order was found for the attempt of {0}, and an order that old could no longer be paid: the attempt is no longer shown.', this.format.date(entry.startedAt)));
        return undefined;
      }
      this.patch({ error: { explanation: t('It is not known whether the order attempted on {0} was created: OVHcloud lists no matching order yet.', this.format.date(entry.startedAt)), nextStep: t('Check your orders at OVHcloud, then try again. If you know better, run "Forget This Order".') } });
      return { kind: 'orderUnknown', entry };
    }
    let order: Order;
    try {
      order = await api.getOrder(entry.orderId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.deps.journal.end(entry.id);
      this.addNotice(t('Order {0} no longer exists at OVHcloud; it is no longer offered here.', entry.orderId));
      return undefined;
    }
    const paymentSent = entry.state === 'paying' || entry.state === 'payUncertain';
    // A payment was sent: an unreadable status keeps Pay off rather than failing the resume.
    const read = paymentSent ? await api.getOrderStatus(entry.orderId).catch(() => undefined) : await api.getOrderStatus(entry.orderId);
    const status = read ?? 'notPaid';
    const known: KnownOrder = { entry, order, status };
    if (status === 'notPaid') {
      if (read !== undefined && isExpired(order, this.now())) {
        await this.deps.journal.end(entry.id);
        this.addNotice(t('Order {0} expired unpaid on {1}: it can no longer be paid and is no longer offered here.', entry.orderId, this.format.date(order.expirationDate)));
        return undefined;
      }
      if (paymentSent) return { kind: 'payUncertain', known };
      await this.offerPayment(api, known);
      return this.step;
    }
    if (!isFinalStatus(status)) return { kind: 'tracking', known };
    await this.deps.journal.end(entry.id);
    return undefined;
  }

  async trackDelivery(api: RenewApi, start: KnownOrder): Promise<void> {
    let known = start;
    this.go({ kind: 'tracking', known }, { payment: undefined });
    const status = await followOrder(api, known.order.orderId, this.deps.statusPollMs ?? 2000, () => this.disposed, (current) => {
      known = { ...known, status: current };
      if (this.step.kind === 'tracking') this.go({ kind: 'tracking', known });
    });
    known = { ...known, status };
    if (!isFinalStatus(status)) return;
    await this.deps.journal.end(known.entry.id);
    if (status === 'delivered') {
      this.summary = await api.getService(this.deps.serviceId);
      this.patch({ service: this.format.service(this.summary) });
      this.deps.onRenewed(this.deps.accountId, this.deps.serviceId);
    }
    this.go({ kind: 'ended', known });
  }

  private async openLink(which: 'order' | 'pdf'): Promise<void> {
    const known = knownOrder(this.step);
    if (!known) return;
    const api = await this.requireApi();
    // Links carry the order password: fetched fresh, never stored or sent to the webview.
    const order = await api.getOrder(known.order.orderId).catch(() => known.order);
    const url = safeOrderLink(which === 'pdf' ? order.pdfUrl : order.url);
    if (url) await this.deps.openExternal(url);
    else this.deps.log.warn(`Refused to open a non-https ${which} link for order ${known.order.orderId}.`);
  }

  /** Another window or panel holds a lease on these services, or the journal has an order for them. */
  private async busyElsewhere(services: readonly number[]): Promise<boolean> {
    if (await this.deps.leases.holder(this.leaseKeys(services), this.deps.owner)) {
      this.go({ kind: 'elsewhere' }, { notice: this.elsewhereText() });
      return true;
    }
    if (this.deps.journal.forServices(this.deps.identity, services).length > 0) {
      this.go({ kind: 'loading' });
      await this.start();
      this.addNotice(this.deps.t('This service already has an order in progress or unpaid: it is shown here. Pay it, or forget it, before ordering again.'));
      return true;
    }
    return false;
  }

  /** The lease of every service, or undefined after showing who holds one. */
  async takeLease(services: readonly number[]): Promise<Lease | undefined> {
    const taken = await this.deps.leases.acquire(this.leaseKeys(services), this.deps.owner);
    if ('lease' in taken) return taken.lease;
    this.go({ kind: 'elsewhere' }, { notice: this.elsewhereText() });
    return undefined;
  }

  leaseKeys(services: readonly number[]): string[] {
    return services.map((id) => `${this.deps.identity}:${id}`);
  }

  private elsewhereText(): string {
    return this.deps.t('An order or payment for this service is being placed in another window or panel. Wait for it to finish, then try again.');
  }

  private serviceNames(row: RenewOptionRow): string[] {
    return row.services.flatMap((id) => {
      const name = row.servicesDetails.find((detail) => detail.serviceId === id)?.serviceName ?? (id === this.deps.serviceId ? this.summary?.name : undefined);
      return name ? [name] : [];
    });
  }

  private async serverNow(api: RenewApi): Promise<Date> {
    return (await api.serverTime?.().catch(() => undefined)) ?? this.now();
  }

  fail(error: unknown, extra?: string): void {
    this.deps.reportFailure?.(error);
    const description = describeError(error, this.deps.t);
    this.deps.log.warn(`Renew panel for service ${this.deps.serviceId}: ${error instanceof Error ? error.message : String(error)}`);
    this.patch({ error: { explanation: extra ? `${description.explanation} ${extra}` : description.explanation, nextStep: description.nextStep, details: description.details } });
  }

  async requireApi(): Promise<RenewApi> {
    const api = await this.deps.api();
    if (!api) throw new Error(this.deps.t('This OVHcloud account is signed out. Sign in again to renew its services.'));
    return api;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  sleep(ms: number): Promise<void> {
    return this.deps.sleep?.(ms) ?? new Promise((resolve) => setTimeout(resolve, ms));
  }

  get requestTimeoutMs(): number {
    return this.deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  addNotice(text: string): void {
    this.patch({ notice: this.view.notice ? `${this.view.notice} ${text}` : text });
  }

  /** Moves to a step (and patches the view in the same paint). */
  go(step: Step, patch: Partial<typeof this.view> = {}): void {
    this.step = step;
    this.patch(patch);
  }

  patch(patch: Partial<typeof this.view>): void {
    this.view = { ...this.view, ...patch };
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.deps.onState(this.current);
  }
}
