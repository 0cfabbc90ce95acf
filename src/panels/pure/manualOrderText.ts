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
