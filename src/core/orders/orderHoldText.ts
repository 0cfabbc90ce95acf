/** Texts of the orders the panels hold back (OVH renewing the service itself) and of the orders OVH holds for checks. */
import type { ManualOrderBlock } from '../../renewal';
import type { Translate } from '../../translate';

/** Why the panels offer no manual order for a service, in plain words (see renewal/manualOrder.ts). */
export function manualOrderBlockText(block: ManualOrderBlock, t: Translate): string {
  switch (block) {
    case 'autorenewInProgress':
      return t(
        'OVHcloud is renewing this service itself (automatic renewal in progress): no manual order is offered, so that it is not renewed twice. Refresh later to see the new expiry.',
      );
  }
}

/** What OVH waits for on an order held for checks, and what to do (see orderStatus.ts). */
export function heldOrderText(status: string, t: Translate): string {
  if (status === 'checksRefused') {
    return t('OVHcloud refused this order after its checks. Open the order in the OVHcloud Control Panel to see why before ordering again.');
  }
  if (status === 'manualReview') {
    return t('OVHcloud is reviewing this order by hand; this can take several days. It stays listed and is checked again each time this panel opens.');
  }
  return t(
    'OVHcloud asks for documents before it delivers this order (see your email or the OVHcloud Control Panel). It stays listed and is checked again each time this panel opens.',
  );
}
