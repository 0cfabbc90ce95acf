import * as assert from 'node:assert/strict';
import { PANEL_STRINGS, type RenewPanelState, type PanelStringKey } from '../../../src/protocol/renewPanel';
import { announcement, focusTargets } from '../../../src/webview/renewPanel/focus';

const base: RenewPanelState = {
  service: { serviceId: 1, displayName: 'vps-1', typeLabel: 'VPS', expiryText: 'November 9, 2026' },
  includeOptions: false,
  phase: 'ready',
  rows: [],
  selectedKey: 'P1M:1',
};
const preview = {
  key: 'P1M:1',
  periodLabel: '1 month',
  servicesText: 'vps-1',
  withoutTaxText: '€10.00',
  taxText: '€2.00',
  withTaxText: '€12.00',
  newExpiryText: 'December 9, 2026',
};
const order = { orderId: 42, withTaxText: '€12.00', statusLabel: 'Waiting for payment', paid: false, delivered: false, hasOrderLink: true, hasPdfLink: true };
const payment = { options: [{ id: 'a', label: 'VISA', isDefault: true, selectable: true, statusText: '' }], selectedId: 'a' };
/** The webview's texts as the host sends them in English. */
const english = (key: PanelStringKey): string => PANEL_STRINGS[key];

suite('Renew panel webview: where focus goes and what is announced', () => {
  test('a new preview: focus to "Place order…", announced with its total', () => {
    const next = { ...base, preview };
    assert.deepEqual(focusTargets(base, next), ['place-order', 'preview-title']);
    assert.equal(announcement(base, next, english), 'Order preview ready: €12.00 with tax. Next: Place order.');
    // A re-render of the same preview (busy cleared) moves nothing and says nothing again.
    assert.equal(focusTargets(next, { ...next }), undefined);
    assert.equal(announcement(next, { ...next }, english), undefined);
  });

  test('the order with its payment options: focus to the chosen method, so the methods and "Pay…" follow forward; the order alone: its heading', () => {
    const previewed = { ...base, preview };
    assert.deepEqual(focusTargets(previewed, { ...previewed, order, payment }), ['pay-a', 'pay', 'order-title']);
    assert.deepEqual(focusTargets(previewed, { ...previewed, order }), ['order-title']);
    assert.deepEqual(
      focusTargets({ ...previewed, order }, { ...previewed, order, payment }),
      ['pay-a', 'pay', 'order-title'],
      'payment options arriving later',
    );
    // No method chosen yet (none selectable by default): the first method, where the choice starts.
    const unchosen = { options: [{ id: 'b', label: 'SEPA', isDefault: false, selectable: true, statusText: '' }], selectedId: undefined };
    assert.deepEqual(focusTargets(previewed, { ...previewed, order, payment: unchosen }), ['pay-b', 'pay', 'order-title']);
    assert.equal(announcement(previewed, { ...previewed, order }, english), 'Order 42 created: €12.00 with tax. Next: choose how to pay, then Pay.');
  });

  test('paid, then delivered: the heading, then the result; both announced', () => {
    const ordered = { ...base, preview, order, payment };
    const paid = { ...base, preview, order: { ...order, paid: true, statusLabel: 'Payment being checked' } };
    assert.deepEqual(focusTargets(ordered, paid), ['order-title']);
    assert.equal(announcement(ordered, paid, english), 'Order 42: Payment being checked.');
    const delivered = { ...paid, order: { ...paid.order, delivered: true, statusLabel: 'Delivered', newExpiryText: 'December 9, 2026' } };
    assert.deepEqual(focusTargets(paid, delivered), ['result', 'order-title']);
    assert.equal(announcement(paid, delivered, english), 'Renewed. New expiry: December 9, 2026');
  });

  test('an error moves focus to "Try again"; a notice is announced once', () => {
    assert.deepEqual(focusTargets(base, { ...base, error: { explanation: 'x', nextStep: 'y' } }), ['retry']);
    assert.equal(announcement(base, { ...base, notice: 'Checking…' }, english), 'Checking…');
    assert.equal(announcement({ ...base, notice: 'Checking…' }, { ...base, notice: 'Checking…' }, english), undefined);
  });
});
