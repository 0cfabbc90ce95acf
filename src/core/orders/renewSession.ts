import { describeError, type OrderPaymentMethod, type ServiceSummary } from '../../ovh';
import type { RenewPanelState, Row, RenewPanelMessage } from '../../protocol/renewPanel';
import { compareRenewStrategies, manualOrderBlock, ovhCalendarDay, type RenewOptionRow } from '../../renewal';
import { JournalUnreadableError } from './orderJournal';
import { OrderPlacement } from './orderPlacement';
import { manualOrderBlockText } from './orderHoldText';
import { OrderResume } from './orderResume';
import { OtherWindows } from './otherWindows';
import { DeliveryFollow } from './deliveryFollow';
import { PanelFormat } from './panelFormat';
import { paymentMethodKey } from './paymentChoices';
import { PaymentFlow } from './paymentFlow';
import { PaymentOffer } from './paymentOffer';
import { refusedBeforeActing } from './proofs';
import { accepts, panelStateOf, type Step } from './renewSteps';
import type { Confirmation, RenewApi, SessionDeps } from './sessionDeps';

export type { RenewApi, SessionDeps } from './sessionDeps';

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
  private view: Omit<RenewPanelState, 'phase' | 'busy' | 'preview' | 'order'>;
  options: OrderPaymentMethod[] = [];
  private disposed = false;
  /** The error behind the message shown, while that message is shown: a batch row tells OVH's refusals from local failures. */
  private failure: { readonly error: unknown; readonly shown: RenewPanelState['error'] } | undefined;
  readonly format: PanelFormat;
  private readonly payments: PaymentFlow;
  /** Before payment: the amount asked about again if it changed, the methods offered. */
  readonly beforePayment: PaymentOffer;
  private readonly placement: OrderPlacement;
  private readonly resumer: OrderResume;
  /** The leases on the services and the other windows that hold them. */
  readonly otherWindows: OtherWindows;
  /** The order after its payment: its delivery followed, its page opened. */
  readonly delivery: DeliveryFollow;

  constructor(readonly deps: SessionDeps) {
    this.format = new PanelFormat(deps.t, deps.locale, () => (this.summary ? [this.summary] : []));
    this.view = { service: { serviceId: deps.serviceId, displayName: `#${deps.serviceId}`, typeLabel: '', expiryText: '' }, includeOptions: false, rows: [] };
    this.payments = new PaymentFlow(this);
    this.placement = new OrderPlacement(this);
    this.resumer = new OrderResume(this);
    this.otherWindows = new OtherWindows(this, this.payments);
    this.delivery = new DeliveryFollow(this);
    this.beforePayment = new PaymentOffer(this);
  }

  get current(): RenewPanelState {
    return panelStateOf(this.step, {
      ...this.view,
      rows: this.view.rows,
      format: this.format,
      summary: this.summary,
      selectedKey: this.view.selectedKey,
      payment: this.view.payment,
      notice: this.view.notice,
      error: this.view.error,
    });
  }

  /** The service as OVH lists it now, and as the panel shows it. */
  showService(summary: ServiceSummary): void {
    this.summary = summary;
    this.patch({ service: this.format.service(summary) });
  }

  get serviceSummary(): ServiceSummary | undefined {
    return this.summary;
  }

  /** The renew options shown, as the domain computed them (a batch needs their service ids). */
  get optionRows(): readonly RenewOptionRow[] {
    return this.rows;
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
      // Closed while the credentials were read: nothing more to load for it.
      if (this.disposed) return;
      // A batch hands over the listing's summary for the first load; Try Again reads it fresh.
      this.showService(!this.summary && this.deps.summary ? this.deps.summary : await api.getService(this.deps.serviceId));
    } catch (error) {
      this.fail(error);
      this.go({ kind: 'loadFailed' });
      return;
    }
    let resumed: Step | undefined;
    try {
      resumed = await this.resumer.resume(api);
    } catch (error) {
      // Never blocks the options: the journal entry stays and is looked at again next time.
      this.deps.log.warn(`Could not resume the orders of service ${this.deps.serviceId}: ${String(error)}`);
      if (error instanceof JournalUnreadableError) this.patch({ error: this.unreadableJournalError(error) });
      else
        this.addNotice(
          this.deps.t('The orders already known for this service could not be checked ({0}). Try again later.', describeError(error, this.deps.t).explanation),
        );
    }
    // Closed meanwhile: the options are for nobody, but an order resumed above is still followed.
    if (this.disposed && !resumed) return;
    try {
      await this.loadOptions(api);
    } catch (error) {
      this.fail(error);
      if (!resumed) return this.go({ kind: 'loadFailed' });
    }
    this.withholdManualOrder();
    this.go(resumed ?? { kind: 'choosing' });
    if (resumed?.kind === 'tracking') await this.delivery.track(api, resumed.known);
    if (resumed?.kind === 'payUncertain') {
      await this.payments.followUncertain(api, resumed.known);
      await this.delivery.followed;
    }
  }

  async handle(message: RenewPanelMessage): Promise<void> {
    if (!accepts(this.step, message.type)) return;
    switch (message.type) {
      case 'ready':
        return this.emit();
      case 'retry':
        return this.start();
      case 'setIncludeOptions':
        return this.reloadOptions(message.value);
      case 'select':
        return this.select(message.key);
      case 'preview':
        return this.previewSelected();
      case 'placeOrder':
        return this.order(this.deps.confirm);
      case 'selectPayment':
        if (!this.view.payment?.options.some((option) => option.id === message.optionId && option.selectable)) return;
        this.patch({ payment: { ...this.view.payment, selectedId: message.optionId } });
        return;
      case 'pay': {
        const id = this.view.payment?.selectedId;
        const option = id === undefined ? undefined : this.options[Number(id)];
        if (!option) return;
        await this.pay(paymentMethodKey(option), this.deps.confirm);
        // The panel's own Pay: the webview waits for nothing, but the delivery is part of what it shows.
        return this.delivery.followed;
      }
      case 'openLink':
        return this.delivery.openLink(message.which);
    }
  }

  private async reloadOptions(includeOptions: boolean): Promise<void> {
    this.patch({ includeOptions });
    this.go({ kind: 'loading' }, { error: undefined });
    try {
      await this.loadOptions(await this.requireApi());
      this.withholdManualOrder();
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

  private async previewSelected(): Promise<void> {
    const row = this.rows.find((candidate) => candidate.key === this.view.selectedKey);
    // No manual order while OVH renews the service itself.
    if (!row || !accepts(this.step, 'preview') || manualOrderBlock(this.summary)) return;
    this.go({ kind: 'previewing', row }, { error: undefined, notice: undefined });
    try {
      const preview = await (await this.requireApi()).previewRenew(this.deps.serviceId, { duration: row.renewPeriod, services: row.services });
      // By OVH's clock when the dry run says (orders are dated by it), else ours.
      const at = preview.date && Number.isFinite(Date.parse(preview.date)) ? new Date(preview.date) : this.now();
      this.go({ kind: 'previewed', previewed: { row, preview, at: at.toISOString() } });
    } catch (error) {
      this.fail(error);
      this.go({ kind: 'choosing' });
    }
  }

  // The commands: what a panel or a batch asks of the money core. Each checks the step table
  // itself, so no caller can skip a step; each takes the confirmation policy it runs under.

  /** Chooses a renew option; leaves a preview of another option. */
  select(key: string): void {
    if (!accepts(this.step, 'select') || !this.rows.some((row) => row.key === key)) return;
    this.patch({ selectedKey: key, error: undefined });
    if (this.step.kind === 'previewed' || this.step.kind === 'ended' || this.step.kind === 'elsewhere') this.go({ kind: 'choosing' });
  }

  /** Chooses the option and asks OVH for a dry run of it (no order). */
  async preview(key: string): Promise<void> {
    this.select(key);
    await this.previewSelected();
  }

  /** Places the order previewed, after the confirmation `confirm` gives. */
  async order(confirm: Confirmation): Promise<void> {
    if (accepts(this.step, 'placeOrder')) await this.placement.placeOrder(confirm);
  }

  /**
   * Pays the unpaid order shown with the method `methodKey` (paymentMethodKey), after
   * `confirm`; resolves once the payment's outcome is known, the delivery followed on.
   */
  async pay(methodKey: string, confirm: Confirmation): Promise<void> {
    const option = this.options.find((candidate) => paymentMethodKey(candidate) === methodKey);
    if (option && accepts(this.step, 'pay')) await this.payments.pay(option, confirm);
  }

  /**
   * Whether the order shown can be offered for payment right now: unpaid at OVH, no other
   * window holding its lease, no payment of it in progress. When not, the session shows why.
   */
  async stillPayable(): Promise<boolean> {
    return this.step.kind === 'unpaid' && this.payments.stillPayable(this.step.known);
  }

  /** Looks at OVH and the journal again (Try Again, Check Again). */
  async check(): Promise<void> {
    if (accepts(this.step, 'retry')) await this.start();
  }

  /** Opens the order's page at OVHcloud (the link is fetched fresh, never stored). */
  async openOrder(which: 'order' | 'pdf' = 'order'): Promise<void> {
    if (accepts(this.step, 'openLink')) await this.delivery.openLink(which);
  }

  /** What to tell the user while a record of the journal cannot be read. */
  unreadableJournalError(error: JournalUnreadableError): NonNullable<RenewPanelState['error']> {
    this.deps.log.warn(`Order journal entries cannot be read: ${error.keys.join(', ')}`);
    return {
      explanation: this.deps.t(
        'A record of an earlier order attempt on this computer cannot be read (VS Code may have stopped while writing it). It may stand for an order in progress, so nothing is ordered for this account until it is dealt with.',
      ),
      nextStep: this.deps.t('Check your orders at OVHcloud, then run "Forget This Order…" to set the unreadable record aside.'),
    };
  }

  fail(error: unknown, extra?: string): void {
    this.deps.reportFailure?.(error);
    const description = describeError(error, this.deps.t);
    this.deps.log.warn(`Renew panel for service ${this.deps.serviceId}: ${error instanceof Error ? error.message : String(error)}`);
    const shown = {
      explanation: extra ? `${description.explanation} ${extra}` : description.explanation,
      nextStep: description.nextStep,
      details: description.details,
    };
    this.failure = { error, shown };
    this.patch({ error: shown });
  }

  /** True while the message shown is OVH's refusal of a request it did not act on. */
  get showsRefusal(): boolean {
    return this.failure !== undefined && this.failure.shown === this.view.error && refusedBeforeActing(this.failure.error);
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

  /** While OVH renews the service itself, no option is offered and the panel says why (renewal/manualOrder.ts). */
  private withholdManualOrder(): void {
    const block = manualOrderBlock(this.summary);
    if (!block) return;
    this.rows = [];
    this.patch({ rows: [], selectedKey: undefined });
    this.addNotice(manualOrderBlockText(block, this.deps.t));
  }

  addNotice(text: string): void {
    this.patch({ notice: this.view.notice ? `${this.view.notice} ${text}` : text });
  }

  /** Moves to a step (and patches the view in the same paint). */
  go(step: Step, patch: Partial<typeof this.view> = {}): void {
    const entering = step.kind === 'elsewhere' && this.step !== step;
    this.step = step;
    this.patch(patch);
    if (entering) void this.otherWindows.followElsewhere(step);
  }

  patch(patch: Partial<typeof this.view>): void {
    this.view = { ...this.view, ...patch };
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.deps.onState(this.current);
  }
}
