import { heldOrderText } from './orderHoldText';
import { followOrder, isFinalStatus, isHeldStatus, ORDER_POLL_MS, safeOrderLink } from './orderStatus';
import { knownOrder, type KnownOrder } from './renewSteps';
import type { RenewSession } from './renewSession';
import type { RenewApi } from './sessionDeps';

/**
 * A paid order after its payment: its status followed until OVH delivers it (or holds it for
 * checks), the journal entry ended once the status is final, and the links to its page,
 * fetched fresh each time because they carry the order's password.
 */
export class DeliveryFollow {
  private following: Promise<void> | undefined;

  constructor(private readonly s: RenewSession) {}

  /** Resolves once the delivery being followed (if any) has reached its end or stopped. */
  get followed(): Promise<void> {
    return this.following ?? Promise.resolve();
  }

  /** Follows the order's delivery without holding up the caller (a batch pays its next order meanwhile). */
  follow(api: RenewApi, known: KnownOrder): void {
    this.following = this.track(api, known).catch((error: unknown) => {
      this.s.deps.log.warn(`Could not follow the delivery of order ${known.order.orderId}: ${String(error)}`);
    });
  }

  /** A panel opened on a service with orders in the journal continues the first live one. */
  async track(api: RenewApi, start: KnownOrder): Promise<void> {
    const s = this.s;
    let known = start;
    s.go({ kind: 'tracking', known }, { payment: undefined });
    const status = await followOrder(
      api,
      known.order.orderId,
      s.deps.statusPollMs ?? ORDER_POLL_MS,
      () => s.isDisposed,
      (current) => {
        known = { ...known, status: current };
        if (s.currentStep.kind === 'tracking') s.go({ kind: 'tracking', known });
      },
    );
    known = { ...known, status };
    if (isHeldStatus(status)) s.addNotice(heldOrderText(status, s.deps.t));
    if (!isFinalStatus(status)) return;
    await s.deps.journal.end(known.entry.id);
    if (status === 'delivered') {
      s.showService(await api.getService(s.deps.serviceId));
      s.deps.onRenewed(s.deps.accountId, s.deps.serviceId);
    }
    s.go({ kind: 'ended', known });
  }

  /** Opens the order's page (or its PDF) at OVHcloud. */
  async openLink(which: 'order' | 'pdf'): Promise<void> {
    const s = this.s;
    const known = knownOrder(s.currentStep);
    if (!known) return;
    const api = await s.requireApi();
    // Links carry the order password: fetched fresh, never stored or sent to the webview.
    const order = await api.getOrder(known.order.orderId).catch(() => known.order);
    const url = safeOrderLink(which === 'pdf' ? order.pdfUrl : order.url);
    if (url) await s.deps.openExternal(url);
    else s.deps.log.warn(`Refused to open a non-https ${which} link for order ${known.order.orderId}.`);
  }
}
