import * as assert from 'node:assert/strict';
import { buildPaymentOptions, PaymentMethodSchema, type PaymentMethod } from '../../../src/ovh';
import { loadFixture } from './fixtures';

const visa = PaymentMethodSchema.parse(loadFixture('payment-method.json'));
const method = (overrides: Partial<PaymentMethod>): PaymentMethod => ({ ...visa, ...overrides });

suite('Payment options', () => {
  test('joins accepted means with registered methods, default first, expired not selectable', () => {
    const options = buildPaymentOptions(
      ['paypal', 'creditCard', 'ovhAccount'],
      [
        method({ paymentMethodId: 1, paymentMeanId: 11, default: false, status: 'EXPIRED', label: '5132-XXXX-XXXX-9876', paymentSubType: 'MASTERCARD' }),
        method({ paymentMethodId: 2, paymentMeanId: 22, paymentType: 'PAYPAL', paymentSubType: null, label: 'jane@example.com', default: false }),
        visa,
      ],
    );
    assert.deepEqual(
      options.map((option) => [option.label, option.paymentMean, option.paymentMeanId, option.selectable, option.isDefault]),
      [
        ['VISA •••• 1234', 'creditCard', 4321, true, true],
        ['PayPal jane@example.com', 'paypal', 22, true, false],
        ['OVHcloud account', 'ovhAccount', undefined, true, false],
        ['MASTERCARD •••• 9876', 'creditCard', 11, false, false],
      ],
    );
  });

  test('a mean the order does not accept is not offered', () => {
    assert.deepEqual(buildPaymentOptions(['paypal'], [visa]), []);
  });
});
