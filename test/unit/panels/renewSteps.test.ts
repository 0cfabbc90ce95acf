import * as assert from 'node:assert/strict';
import { PanelFormat } from '../../../src/core/orders/panelFormat';
import { ACCEPTS, accepts, panelStateOf, type KnownOrder, type Step, type StepView } from '../../../src/core/orders/renewSteps';
import type { RenewPanelMessage } from '../../../src/protocol/renewPanel';
import { english } from './simWorld';
import { order } from '../../kit/orders';

const MESSAGES: ReadonlyArray<RenewPanelMessage['type']> = [
  'ready',
  'retry',
  'setIncludeOptions',
  'select',
  'preview',
  'placeOrder',
  'selectPayment',
  'pay',
  'openLink',
];

const known: KnownOrder = {
  entry: {
    id: 'e1',
    identity: 'ovh-eu/x',
    serviceId: 2,
    services: [2],
    serviceNames: ['beta.com'],
    intentKey: 'P1Y|2',
    duration: 'P1Y',
    state: 'unpaid',
    orderId: 7,
    withTaxValue: 12,
    startedAt: '2026-11-01T10:00:00.000Z',
    newExpiry: '2027-12-01T00:00:00.000Z',
  },
  order: order(7),
  status: 'notPaid',
};

const ALL_STEPS: Step[] = [
  { kind: 'loading' },
  { kind: 'loadFailed' },
  { kind: 'choosing' },
  { kind: 'elsewhere', services: [2] },
  { kind: 'orderUncertain', entry: known.entry },
  { kind: 'searching', entry: known.entry },
  { kind: 'unpaid', known },
  { kind: 'confirmingPrice', known },
  { kind: 'confirmingPay', known },
  { kind: 'paying', known },
  { kind: 'payFollowing', known },
  { kind: 'payUncertain', known },
  { kind: 'tracking', known },
  { kind: 'ended', known },
];

const view: StepView = {
  format: new PanelFormat(english, 'en'),
  service: { serviceId: 2, displayName: 'beta.com', typeLabel: 'Domain', expiryText: 'December 1, 2026' },
  summary: undefined,
  includeOptions: false,
  rows: [],
  selectedKey: undefined,
  payment: { options: [{ id: '0', label: 'VISA', isDefault: true, selectable: true, statusText: '' }], selectedId: '0' },
  notice: undefined,
  error: undefined,
};

suite('Renew steps: the table of allowed messages and the pure rendering', () => {
  test('"ready" is accepted everywhere; nothing that moves money is accepted while a request or a modal is open', () => {
    for (const step of ALL_STEPS) assert.ok(accepts(step, 'ready'), step.kind);
    for (const kind of ['loading', 'previewing', 'confirmingOrder', 'placing', 'searching', 'confirmingPay', 'paying', 'confirmingPrice'] as const) {
      for (const type of ['placeOrder', 'pay', 'preview', 'select', 'retry'] as const) assert.ok(!ACCEPTS[kind].includes(type), `${kind} accepts ${type}`);
    }
  });

  test('"placeOrder" only after a preview; "pay" only on an unpaid order, or again after an unconfirmed payment', () => {
    const placing = Object.entries(ACCEPTS)
      .filter(([, types]) => types.includes('placeOrder'))
      .map(([kind]) => kind);
    const paying = Object.entries(ACCEPTS)
      .filter(([, types]) => types.includes('pay'))
      .map(([kind]) => kind);
    assert.deepEqual(placing, ['previewed']);
    assert.deepEqual(paying, ['unpaid', 'payUncertain']);
  });

  test('after an uncertain payment: Check Again, the order page, and Pay Again behind its own dialog', () => {
    assert.deepEqual([...ACCEPTS.payUncertain].sort(), ['openLink', 'pay', 'retry', 'selectPayment']);
    assert.deepEqual([...ACCEPTS.orderUncertain], ['retry']);
    assert.ok(!ACCEPTS.elsewhere.includes('placeOrder') && !ACCEPTS.elsewhere.includes('pay'));
  });

  test('every step and message pair is decided by the table', () => {
    for (const step of ALL_STEPS) {
      for (const type of MESSAGES) assert.equal(accepts(step, type), type === 'ready' || ACCEPTS[step.kind].includes(type), `${step.kind}/${type}`);
    }
  });

  test('payment choices are shown only where Pay is allowed, and busy follows the step', () => {
    for (const step of ALL_STEPS) {
      const state = panelStateOf(step, view);
      const payable = step.kind === 'unpaid' || step.kind === 'confirmingPay' || step.kind === 'paying' || step.kind === 'payUncertain';
      assert.equal(state.payment !== undefined, payable, step.kind);
      const idle = ['choosing', 'loadFailed', 'elsewhere', 'orderUncertain', 'unpaid', 'payUncertain', 'ended'].includes(step.kind);
      assert.equal(state.busy === undefined, idle, `${step.kind} busy=${String(state.busy)}`);
    }
  });

  test('an order step shows the order with what it buys; loading and failures set the phase', () => {
    const state = panelStateOf({ kind: 'unpaid', known }, view);
    assert.equal(state.order?.orderId, 7);
    assert.equal(state.order?.servicesText, 'beta.com');
    assert.equal(state.order?.periodText, '1 year');
    assert.equal(state.order?.expectedExpiryText, 'December 1, 2027');
    assert.equal(state.phase, 'ready', 'an order is shown even without renew options');
    assert.equal(panelStateOf({ kind: 'loading' }, view).phase, 'loading');
    assert.equal(panelStateOf({ kind: 'loadFailed' }, view).phase, 'error');
    assert.equal(panelStateOf({ kind: 'choosing' }, view).phase, 'empty');
    assert.equal(panelStateOf({ kind: 'choosing' }, view).order, undefined);
  });
});
