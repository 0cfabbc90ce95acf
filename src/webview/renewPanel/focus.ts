import type { RenewPanelState } from '../../protocol/renewPanel';
import { fill } from '../shared/fill';

/**
 * Where keyboard focus goes after a state change. Re-rendering replaces the DOM and a
 * busy state disables the focused button, so focus would fall to <body>: the panel
 * remembers where the user was and moves focus on purpose when a new section appears
 * (its next action first, else its heading). Candidates are element ids, best first.
 */
export function focusTargets(previous: RenewPanelState | undefined, next: RenewPanelState): string[] | undefined {
  const order = next.order;
  if (order?.delivered && !previous?.order?.delivered) return ['result', 'order-title'];
  if (order?.paid && previous?.order && !previous.order.paid) return ['order-title'];
  if (order && !order.paid && next.payment && (!previous?.order || !previous.payment)) {
    // The chosen method (else the first one that can be chosen): the methods sit above
    // "Pay…", so focus on the button itself left them reachable only backwards.
    const method = next.payment.selectedId ?? next.payment.options.find((option) => option.selectable)?.id;
    return [...(method === undefined ? [] : [`pay-${method}`]), 'pay', 'order-title'];
  }
  if (order && !previous?.order) return ['order-title'];
  if (next.preview && !order && next.preview.key !== previous?.preview?.key) return ['place-order', 'preview-title'];
  if (next.error && !previous?.error) return ['retry'];
  return undefined;
}

/** What a screen reader hears, politely, for the same changes; undefined when nothing new. */
export function announcement(
  previous: RenewPanelState | undefined,
  next: RenewPanelState,
  s: (key: 'announcePreview' | 'announceOrder' | 'announceStatus' | 'delivered') => string,
): string | undefined {
  const order = next.order;
  if (order?.delivered && order.newExpiryText && !previous?.order?.delivered) return fill(s('delivered'), order.newExpiryText);
  if (order && !previous?.order) return fill(s('announceOrder'), String(order.orderId), order.withTaxText);
  if (order && previous?.order && order.statusLabel !== previous.order.statusLabel) return fill(s('announceStatus'), String(order.orderId), order.statusLabel);
  if (next.preview && !order && next.preview.key !== previous?.preview?.key) return fill(s('announcePreview'), next.preview.withTaxText);
  if (next.notice && next.notice !== previous?.notice) return next.notice;
  return undefined;
}
