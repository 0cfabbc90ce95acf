import * as assert from 'node:assert/strict';
import { buildOrderPaymentMethods, paymentRequest, PaymentMethodSchema, type PaymentMethod } from '../../../src/ovh';
import { loadFixture } from './fixtures';

const visa = PaymentMethodSchema.parse(loadFixture('payment-method.json'));
const method = (overrides: Partial<PaymentMethod>): PaymentMethod => ({ ...visa, ...overrides });
const expiredCard = method({
  paymentMethodId: 1,
  paymentMeanId: 11,
  default: false,
  status: 'EXPIRED',
  label: '5132-XXXX-XXXX-9876',
  paymentSubType: 'MASTERCARD',
});
const paypal = method({ paymentMethodId: 2, paymentMeanId: 22, paymentType: 'PAYPAL', paymentSubType: null, label: 'jane@example.com', default: false });
const sepa = method({
  paymentMethodId: 3,
  paymentMeanId: null,
  paymentType: 'SEPA_DIRECT_DEBIT',
  paymentSubType: null,
  label: 'FR76 XXXX 0042',
  default: true,
});

suite('Payment options', () => {
  test("with the order's own method list: every accepted method is paid by its paymentMethodId, default first", () => {
    const options = buildOrderPaymentMethods({
      acceptedMeans: ['paypal', 'creditCard', 'SEPA_DIRECT_DEBIT'],
      methods: [expiredCard, paypal, { ...visa, default: false }, sepa],
      usableMethodIds: [paypal.paymentMethodId, visa.paymentMethodId, sepa.paymentMethodId],
      amount: 12,
    });
    assert.deepEqual(
      options.map((option) => [option.label, option.paymentMethodId, option.paymentMeanId, option.selectable, option.isDefault]),
      [
        ['SEPA •••• 0042', 3, undefined, true, true],
        ['PayPal jane@example.com', 2, undefined, true, false],
        ['VISA •••• 1234', visa.paymentMethodId, undefined, true, false],
        ['MASTERCARD •••• 9876', 1, undefined, false, false],
      ],
    );
  });

  test('a method the order does not accept is not offered', () => {
    assert.deepEqual(buildOrderPaymentMethods({ acceptedMeans: ['paypal'], methods: [visa], usableMethodIds: [], amount: 5 }), []);
  });

  test("without the order's list, only a real legacy id goes to payWithRegisteredPaymentMean; a method without one is left out", () => {
    const options = buildOrderPaymentMethods({ acceptedMeans: ['creditCard', 'bankAccount'], methods: [visa, sepa], amount: 5 });
    assert.deepEqual(
      options.map((option) => [option.paymentMean, option.paymentMeanId, option.paymentMethodId]),
      [['creditCard', visa.paymentMeanId, undefined]],
    );
  });

  test("without the order's list, an upper-case type the order accepts is paid with {paymentMean} alone when one valid method has that type", () => {
    const options = buildOrderPaymentMethods({ acceptedMeans: ['creditCard', 'SEPA_DIRECT_DEBIT'], methods: [visa, sepa], amount: 5 });
    assert.deepEqual(
      options.map((option) => [option.paymentMean, option.paymentMeanId, option.paymentMethodId, option.selectable]),
      [
        ['creditCard', visa.paymentMeanId, undefined, true],
        ['SEPA_DIRECT_DEBIT', undefined, undefined, true],
      ],
    );
    assert.deepEqual(
      paymentRequest(
        7,
        options.find((option) => option.paymentMean === 'SEPA_DIRECT_DEBIT')!,
      ),
      {
        path: '/me/order/7/payWithRegisteredPaymentMean',
        body: { paymentMean: 'SEPA_DIRECT_DEBIT' },
      },
    );
    // Two mandates without an id: OVH would choose one we cannot name, so neither is offered that way.
    const second = { ...sepa, paymentMethodId: sepa.paymentMethodId + 1 };
    assert.deepEqual(
      buildOrderPaymentMethods({ acceptedMeans: ['SEPA_DIRECT_DEBIT'], methods: [sepa, second], amount: 5 }).map((option) => option.paymentMean),
      [],
    );
  });

  test('a key without the /pay rule: a real legacy id goes to the legacy route, a method without one asks to sign in again', () => {
    const options = buildOrderPaymentMethods({
      acceptedMeans: ['creditCard', 'SEPA_DIRECT_DEBIT'],
      methods: [visa, sepa],
      usableMethodIds: [visa.paymentMethodId, sepa.paymentMethodId],
      amount: 5,
      payRouteGranted: false,
    });
    assert.deepEqual(
      options.map((option) => [option.paymentMean, option.paymentMeanId, option.paymentMethodId, option.selectable, option.status]),
      [
        ['creditCard', visa.paymentMeanId, undefined, true, 'VALID'],
        ['SEPA_DIRECT_DEBIT', undefined, undefined, false, 'NEEDS_REAUTHORIZE'],
      ],
    );
  });

  test('upper-case means (CREDIT_CARD, PAYPAL) and lower-case legacy ones match the same methods', () => {
    const upper = buildOrderPaymentMethods({ acceptedMeans: ['CREDIT_CARD', 'PAYPAL'], methods: [visa, paypal], amount: 5 });
    const lower = buildOrderPaymentMethods({ acceptedMeans: ['creditCard', 'paypal'], methods: [visa, paypal], amount: 5 });
    assert.deepEqual(
      upper.map((option) => option.paymentMeanId),
      [visa.paymentMeanId, 22],
    );
    assert.deepEqual(
      lower.map((option) => option.paymentMeanId),
      [visa.paymentMeanId, 22],
    );
  });

  test('the prepaid account is selectable only when its balance covers the amount', () => {
    const pick = (balance: number | undefined) =>
      buildOrderPaymentMethods({ acceptedMeans: ['ovhAccount'], methods: [], usableMethodIds: [], amount: 14.39, ovhAccountBalance: balance })[0];
    assert.deepEqual([pick(20)?.selectable, pick(20)?.status], [true, 'VALID']);
    assert.deepEqual([pick(14.39)?.selectable, pick(14.38)?.selectable, pick(14.38)?.status], [true, false, 'INSUFFICIENT_BALANCE']);
    assert.deepEqual([pick(undefined)?.selectable, pick(undefined)?.status], [false, 'BALANCE_UNKNOWN']);
  });

  test('fidelity points only for a free order', () => {
    assert.equal(buildOrderPaymentMethods({ acceptedMeans: ['fidelityAccount'], methods: [], amount: 3 }).length, 0);
    assert.deepEqual(
      buildOrderPaymentMethods({ acceptedMeans: ['fidelityAccount'], methods: [], amount: 0 }).map((o) => o.paymentMean),
      ['fidelityAccount'],
    );
  });

  test('the payment request: /pay with the method id, never a paymentMethodId as paymentMeanId', () => {
    assert.deepEqual(
      paymentRequest(7, { paymentMean: 'SEPA_DIRECT_DEBIT', paymentMethodId: 3, label: '', isDefault: true, status: 'VALID', selectable: true }),
      {
        path: '/me/order/7/pay',
        body: { paymentMethod: { id: 3 } },
      },
    );
    assert.deepEqual(paymentRequest(7, { paymentMean: 'ovhAccount', label: '', isDefault: false, status: 'VALID', selectable: true }), {
      path: '/me/order/7/payWithRegisteredPaymentMean',
      body: { paymentMean: 'ovhAccount' },
    });
    assert.deepEqual(paymentRequest(7, { paymentMean: 'creditCard', paymentMeanId: 11, label: '', isDefault: false, status: 'VALID', selectable: true }).body, {
      paymentMean: 'creditCard',
      paymentMeanId: 11,
    });
  });
});
