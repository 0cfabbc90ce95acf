import { describeError, type Order, type OrderPreview, type PaymentOption, type ServiceSummary } from '../ovh';
import type { PanelState, Row, WebviewMessage } from '../protocol/renewPanel';
import { compareRenewStrategies, ovhCalendarDay, type RenewOptionRow } from '../renewal';
import { PanelFormat } from './panelFormat';
import type { PendingOrder } from './pendingOrders';
import { findOrderAfterFailure, provesNoOrder } from './orderRecovery';
import { followOrder, isFinalStatus, ORDER_POLL_MS, safeOrderLink } from './orderStatus';
import { paymentChoices, paymentLabel } from './paymentChoices';
import type { RenewApi, SessionDeps } from './sessionDeps';

export type { RenewApi, SessionDeps } from './sessionDeps';


/**
 * Everything the renew panel does, without the webview: the host-side state machine
 * that owns the money. Rules it enforces, whatever the webview sends:
 * - one operation at a time per panel, and one order per service across panels;
 * - no order without a dry run of the same option and a modal confirmation showing
 *   the amount with tax; no payment without a modal confirmation;
 * - POSTs are never retried; after a failed "place order" we look for the order
 *   OVH may have created instead of sending another;
 * - an unpaid order stays known (PendingOrders) and is offered for payment again.
 */
export class RenewSession {
  private state: PanelState;
  private summary: ServiceSummary | undefined;
  private rows: RenewOptionRow[] = [];
  private previewed: { row: RenewOptionRow; order: OrderPreview } | undefined;
  private order: { orderId: number; details: Order | undefined; status: string } | undefined;
  private options: PaymentOption[] = [];
  private busy = false;
  private disposed = false;
  private readonly format: PanelFormat;

  constructor(private readonly deps: SessionDeps) {
    this.format = new PanelFormat(deps.t, deps.locale);
    this.state = {
      service: { serviceId: deps.serviceId, displayName: `#${deps.serviceId}`, typeLabel: '', expiryText: '' },
      includeOptions: false,
      phase: 'loading',
      rows: [],
    };
  }

  get current(): PanelState {
    return this.state;
  }


  dispose(): void {
    this.disposed = true;
  }

  /** Loads the service, resumes any order already known for it, then the renew options. */
  async start(): Promise<void> {
    await this.exclusive('loading', async () => {
      const api = await this.requireApi();
      this.summary = await api.getService(this.deps.serviceId);
      this.update({ service: this.format.service(this.summary) });
      await this.resumePending(api);
      await this.loadOptions(api);
    });
  }

  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.emit();
        return;
      case 'retry':
        return this.start();
      case 'setIncludeOptions':
        this.update({ includeOptions: message.value });
        return this.exclusive('loading', async () => this.loadOptions(await this.requireApi()));
      case 'select':
        if (this.busy || !this.rows.some((row) => row.key === message.key)) return;
        this.update({ selectedKey: message.key, error: undefined });
        return;
      case 'preview':
        return this.preview();
      case 'placeOrder':
        return this.placeOrder();
      case 'selectPayment':
        if (this.busy || !this.state.payment?.options.some((option) => option.id === message.optionId && option.selectable)) return;
        this.update({ payment: { ...this.state.payment, selectedId: message.optionId } });
        return;
      case 'pay':
        return this.pay();
      case 'openLink':
        return this.openLink(message.which);
    }
  }

  private async loadOptions(api: RenewApi): Promise<void> {
    this.update({ phase: 'loading', rows: [], error: undefined });
    const descriptions = await api.listRenewDescriptions(this.deps.serviceId, this.state.includeOptions);
    // Renewals move the expiry by calendar days: start from the day OVH wrote.
    const expiry = ovhCalendarDay(this.summary?.expirationDate)?.toISOString() ?? null;
    const comparison = compareRenewStrategies(descriptions, this.deps.serviceId, expiry, this.now());
    this.rows = comparison.rows.filter((row) => row.renewsSelected);
    for (const issue of comparison.issues) this.deps.log.warn(`Renew option skipped for service ${this.deps.serviceId}: ${issue.kind} (${issue.renewPeriod})`);
    const rows: Row[] = this.rows.map((row) => this.format.row(row, this.deps.serviceId));
    const selectedKey = rows.some((row) => row.key === this.state.selectedKey) ? this.state.selectedKey : rows.find((row) => row.cheapestPerMonth)?.key;
    this.update({ phase: rows.length === 0 ? 'empty' : 'ready', rows, selectedKey });
  }

  private async preview(): Promise<void> {
    const row = this.rows.find((candidate) => candidate.key === this.state.selectedKey);
    if (!row || this.busy || this.order) return;
    await this.exclusive('preview', async () => {
      const order = await (await this.requireApi()).previewRenew(this.deps.serviceId, { duration: row.renewPeriod, services: row.services });
      this.previewed = { row, order };
      this.update({ preview: this.format.preview(row, order) });
    });
  }

  private async placeOrder(): Promise<void> {
    const previewed = this.previewed;
    // Only the option that was previewed, still selected, and no order yet for this panel.
    if (!previewed || this.busy || this.order || previewed.row.key !== this.state.selectedKey) return;
    const notice = (): void => this.update({ notice: this.deps.t('An order for this service is already being placed in another panel.') });
    if (this.deps.locks.has(this.lockKey())) return notice();
    const existing = this.deps.pending.forService(this.deps.accountId, this.deps.serviceId);
    if (existing) {
      this.update({ notice: this.deps.t('This service already has an unpaid order. Pay it before ordering again.') });
      await this.exclusive('loading', async () => this.resumePending(await this.requireApi()));
      return;
    }
    const { row, order: preview } = previewed;
    await this.withServiceLock(notice, async () => {
      const confirmed = await this.deps.confirm(
        this.deps.t('Order the renewal of {0} for {1}?', this.format.servicesText(row), this.format.periodLabel(row)),
        this.deps.t('Amount with tax: {0}. OVHcloud creates an order that you then pay.', this.format.money(preview.priceWithTax)),
        this.deps.t('Place Order'),
      );
      if (confirmed && !this.disposed) await this.createOrder(row, preview);
    });
  }

  private async createOrder(row: RenewOptionRow, preview: OrderPreview): Promise<void> {
    const startedAt = this.now();
    const record: PendingOrder = {
      accountId: this.deps.accountId,
      serviceId: this.deps.serviceId,
      intentKey: row.key,
      duration: row.renewPeriod,
      services: [...row.services],
      state: 'placing',
      withTaxText: this.format.money(preview.priceWithTax),
      withTaxValue: preview.priceWithTax.value,
      startedAt: startedAt.toISOString(),
    };
    // Written before the POST: if VS Code dies mid-request, the next panel looks for the order.
    await this.deps.pending.upsert(record);
    this.update({ busy: 'order', error: undefined, notice: undefined });
    const api = await this.requireApi();
    try {
      const order = await api.createRenewOrder(this.deps.serviceId, { duration: row.renewPeriod, services: row.services });
      this.deps.log.info(`Order ${order.orderId} created for service ${this.deps.serviceId} (${row.renewPeriod}).`);
      await this.adoptOrder(api, record, order);
    } catch (error) {
      await this.recoverAfterFailure(api, record, error);
    }
  }

  /** The POST failed or its answer was lost: look for the order rather than sending another. */
  private async recoverAfterFailure(api: RenewApi, record: PendingOrder, error: unknown): Promise<void> {
    if (provesNoOrder(error)) {
      await this.deps.pending.remove(record.accountId, record.serviceId);
      this.fail(error);
      return;
    }
    this.update({ busy: 'recovering', notice: this.deps.t('The order request failed. Checking with OVHcloud whether the order was created…') });
    try {
      const found = await findOrderAfterFailure(api, record);
      if (found) {
        this.deps.log.warn(`Order ${found.orderId} found after a failed order request.`);
        this.update({ notice: this.deps.t('OVHcloud created the order despite the error. Nothing else was ordered.') });
        await this.adoptOrder(api, record, found);
        return;
      }
      await this.deps.pending.remove(record.accountId, record.serviceId);
      this.fail(error, this.deps.t('No order was created. You can place the order again.'));
    } catch (checkError) {
      // We cannot tell: keep the "placing" record so the next attempt checks again first.
      this.deps.log.warn(`Could not check for the order after a failure: ${String(checkError)}`);
      this.fail(error, this.deps.t('It is not known whether the order was created. Check your orders at OVHcloud before trying again.'));
    }
  }

  private async adoptOrder(api: RenewApi, record: PendingOrder, order: Order): Promise<void> {
    await this.deps.pending.upsert({ ...record, state: 'unpaid', orderId: order.orderId, withTaxText: this.format.money(order.priceWithTax), withTaxValue: order.priceWithTax.value });
    this.order = { orderId: order.orderId, details: order, status: 'notPaid' };
    this.update({ order: this.format.order(order, 'notPaid', this.summary) });
    await this.loadPaymentOptions(api);
  }

  /** A panel opened on a service with an order already in the works continues it. */
  private async resumePending(api: RenewApi): Promise<void> {
    const record = this.deps.pending.forService(this.deps.accountId, this.deps.serviceId);
    if (!record) return;
    if (record.orderId === undefined) {
      const found = await findOrderAfterFailure(api, record);
      if (found) await this.adoptOrder(api, record, found);
      else await this.deps.pending.remove(record.accountId, record.serviceId);
      return;
    }
    const [order, status] = await Promise.all([api.getOrder(record.orderId), api.getOrderStatus(record.orderId)]);
    this.order = { orderId: order.orderId, details: order, status };
    this.update({ order: this.format.order(order, status, this.summary) });
    if (status === 'notPaid') {
      await this.loadPaymentOptions(api);
    } else if (!isFinalStatus(status)) {
      await this.trackDelivery(api, order.orderId);
    } else {
      await this.deps.pending.remove(record.accountId, record.serviceId);
    }
  }

  private async loadPaymentOptions(api: RenewApi): Promise<void> {
    if (!this.order) return;
    this.options = await api.listPaymentOptions(this.order.orderId);
    this.update({ payment: paymentChoices(this.options, this.deps.t, this.format) });
  }

  private async pay(): Promise<void> {
    const order = this.order;
    const optionId = this.state.payment?.selectedId;
    const option = optionId === undefined ? undefined : this.options[Number(optionId)];
    if (!order || !option?.selectable || this.busy || order.status !== 'notPaid') return;
    await this.withServiceLock(
      () => undefined,
      async () => {
        const amount = order.details ? this.format.money(order.details.priceWithTax) : '';
        const confirmed = await this.deps.confirm(
          this.deps.t('Pay order {0} now?', order.orderId),
          this.deps.t('Amount with tax: {0}, charged to {1}.', amount, paymentLabel(option, this.deps.t)),
          this.deps.t('Pay'),
        );
        if (!confirmed || this.disposed) return;
        this.update({ busy: 'pay', error: undefined, notice: undefined });
        const api = await this.requireApi();
        try {
          await api.payOrder(order.orderId, option);
        } catch (error) {
          // Never resend a payment: ask OVH where the order stands instead.
          const status = await api.getOrderStatus(order.orderId).catch(() => undefined);
          if (status === undefined || status === 'notPaid') {
            this.fail(error, status === undefined ? this.deps.t('It is not known whether the payment went through. Reopen this panel to check before paying again.') : undefined);
            return;
          }
        }
        this.deps.log.info(`Order ${order.orderId} paid with ${option.paymentMean}.`);
        const record = this.deps.pending.forService(this.deps.accountId, this.deps.serviceId);
        if (record) await this.deps.pending.upsert({ ...record, state: 'paying' });
        this.update({ payment: undefined });
        await this.trackDelivery(api, order.orderId);
      },
    );
  }

  /** One order or payment at a time for this service, in this panel and across panels. */
  private async withServiceLock(ifLocked: () => void, work: () => Promise<void>): Promise<void> {
    const lock = this.lockKey();
    if (this.deps.locks.has(lock)) return ifLocked();
    this.busy = true;
    this.deps.locks.add(lock);
    try {
      await work();
    } catch (error) {
      this.fail(error);
    } finally {
      this.deps.locks.delete(lock);
      this.busy = false;
      this.update({ busy: undefined });
    }
  }

  private async trackDelivery(api: RenewApi, orderId: number): Promise<void> {
    this.update({ busy: 'tracking' });
    const status = await followOrder(api, orderId, this.deps.statusPollMs ?? ORDER_POLL_MS, () => this.disposed, (current) => {
      this.order = { orderId, details: this.order?.details, status: current };
      if (this.order.details) this.update({ order: this.format.order(this.order.details, current, this.summary) });
    });
    if (status !== 'delivered') return;
    await this.deps.pending.remove(this.deps.accountId, this.deps.serviceId);
    this.summary = await api.getService(this.deps.serviceId);
    this.deps.onRenewed(this.deps.accountId, this.deps.serviceId);
    if (this.order?.details) this.update({ service: this.format.service(this.summary), order: this.format.order(this.order.details, status, this.summary) });
  }

  private async openLink(which: 'order' | 'pdf'): Promise<void> {
    if (!this.order) return;
    const api = await this.requireApi();
    // Links carry the order password: fetched fresh, never stored or sent to the webview.
    const order = await api.getOrder(this.order.orderId).catch(() => this.order?.details);
    const url = safeOrderLink(which === 'pdf' ? order?.pdfUrl : order?.url);
    if (url) await this.deps.openExternal(url);
    else this.deps.log.warn(`Refused to open a non-https ${which} link for order ${this.order.orderId}.`);
  }

  private async exclusive(busy: NonNullable<PanelState['busy']>, work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.update({ busy, error: undefined });
    try {
      await work();
    } catch (error) {
      this.fail(error);
      if (busy === 'loading' && this.state.phase === 'loading') this.update({ phase: 'error' });
    } finally {
      this.busy = false;
      this.update({ busy: undefined });
    }
  }

  private fail(error: unknown, extra?: string): void {
    this.deps.reportFailure?.(error);
    const description = describeError(error, this.deps.t);
    this.deps.log.warn(`Renew panel for service ${this.deps.serviceId}: ${error instanceof Error ? error.message : String(error)}`);
    this.update({
      error: { explanation: extra ? `${description.explanation} ${extra}` : description.explanation, nextStep: description.nextStep, details: description.details },
    });
  }

  private async requireApi(): Promise<RenewApi> {
    const api = await this.deps.api();
    if (!api) throw new Error(this.deps.t('This OVHcloud account is signed out. Sign in again to renew its services.'));
    return api;
  }

  private lockKey(): string {
    return `${this.deps.accountId}:${this.deps.serviceId}`;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private update(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.deps.onState(this.state);
  }
}
