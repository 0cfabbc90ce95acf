import { DAY_MS, addMonths, isoDateTime } from './dates';
import type { Account, PaymentMethodRecord } from './model';
import type { Prng } from './prng';

/**
 * Registered payment methods. The link between /me/payment/method and
 * payWithRegisteredPaymentMean is the method's paymentMeanId, paired with the legacy
 * lower-camel payment mean name below.
 */

export const REUSABLE_PAYMENT_MEANS = [
  'CREDIT_CARD',
  'CURRENT_ACCOUNT',
  'DEFERRED_PAYMENT_ACCOUNT',
  'DOMESTIC_CARD',
  'ENTERPRISE',
  'INTERNAL_TRUSTED_ACCOUNT',
  'PAYPAL',
  'RUPAY',
  'SEPA_DIRECT_DEBIT',
  'bankAccount',
  'creditCard',
  'deferredPaymentAccount',
  'fidelityAccount',
  'ovhAccount',
  'paypal',
] as const;

/** Means for which OVH requires a paymentMeanId: only the legacy lower-case names (me.json). */
export const MEANS_NEEDING_ID = new Set(['bankAccount', 'creditCard', 'paypal']);

/** The payment type a mean names, in either spelling; undefined for account balances. */
export function typeOfMean(mean: string): PaymentMethodRecord['paymentType'] | undefined {
  const upper: Record<string, PaymentMethodRecord['paymentType']> = {
    creditCard: 'CREDIT_CARD',
    CREDIT_CARD: 'CREDIT_CARD',
    paypal: 'PAYPAL',
    PAYPAL: 'PAYPAL',
    bankAccount: 'SEPA_DIRECT_DEBIT',
    SEPA_DIRECT_DEBIT: 'SEPA_DIRECT_DEBIT',
  };
  return upper[mean];
}

const LEGACY_MEAN: Record<PaymentMethodRecord['paymentType'], string> = {
  CREDIT_CARD: 'creditCard',
  PAYPAL: 'paypal',
  SEPA_DIRECT_DEBIT: 'bankAccount',
};

export function legacyMean(m: PaymentMethodRecord): string {
  return LEGACY_MEAN[m.paymentType];
}

export function seedPaymentMethods(prng: Prng, account: Account, nowMs: number): PaymentMethodRecord[] {
  const baseMethod = prng.int(1000, 8999) * 10;
  const baseMean = prng.int(1000, 8999) * 10;
  const created = nowMs - prng.int(200, 900) * DAY_MS;
  const methods: PaymentMethodRecord[] = [
    {
      paymentMethodId: baseMethod + 1,
      paymentMeanId: baseMean + 1,
      paymentType: 'CREDIT_CARD',
      paymentSubType: 'VISA',
      label: `4970-XXXX-XXXX-${prng.int(1000, 9999)}`,
      description: null,
      isDefault: true,
      status: 'VALID',
      creationMs: created,
      expirationMs: addMonths(nowMs, 26),
    },
    {
      paymentMethodId: baseMethod + 2,
      paymentMeanId: baseMean + 2,
      paymentType: 'PAYPAL',
      paymentSubType: null,
      label: account.email,
      description: 'PayPal',
      isDefault: false,
      status: 'VALID',
      creationMs: created + 30 * DAY_MS,
      expirationMs: null,
    },
    {
      paymentMethodId: baseMethod + 3,
      paymentMeanId: baseMean + 3,
      paymentType: 'CREDIT_CARD',
      paymentSubType: 'MASTERCARD',
      label: `5132-XXXX-XXXX-${prng.int(1000, 9999)}`,
      description: 'Ancienne carte société',
      isDefault: false,
      status: 'EXPIRED',
      creationMs: created - 400 * DAY_MS,
      expirationMs: addMonths(nowMs, -3),
    },
    {
      // A SEPA mandate registered through the current payment API: it has no legacy id.
      paymentMethodId: baseMethod + 4,
      paymentMeanId: null,
      paymentType: 'SEPA_DIRECT_DEBIT',
      paymentSubType: null,
      label: `FR76 XXXX XXXX XXXX XXXX XXX${String(baseMethod % 1000).padStart(3, '0')} 42`,
      description: 'Mandat SEPA',
      isDefault: false,
      status: 'VALID',
      creationMs: created + 60 * DAY_MS,
      expirationMs: null,
    },
  ];
  return methods;
}

/** `defaultPaymentMethod` control: the VISA card or the SEPA mandate is the account's default. */
export function applyDefaultMethod(methods: PaymentMethodRecord[], which: 'card' | 'sepa'): void {
  const type = which === 'sepa' ? 'SEPA_DIRECT_DEBIT' : 'CREDIT_CARD';
  const chosen = methods.find((m) => m.paymentType === type && m.status === 'VALID');
  for (const m of methods) m.isDefault = m === chosen;
}

/** me.payment.PaymentMethod */
export function renderPaymentMethod(m: PaymentMethodRecord): object {
  const iconName = m.paymentSubType ?? m.paymentType;
  return {
    billingContactId: null,
    creationDate: isoDateTime(m.creationMs),
    default: m.isDefault,
    description: m.description,
    expirationDate: m.expirationMs === null ? null : isoDateTime(m.expirationMs),
    formSessionId: null,
    // No icon URL: the sandbox never points clients at real OVH hosts.
    icon: { data: null, name: iconName, url: null },
    integration: 'NONE',
    label: m.label,
    lastUpdate: isoDateTime(m.creationMs),
    merchantId: null,
    oneclick: m.paymentType === 'CREDIT_CARD',
    paymentMeanId: m.paymentMeanId,
    paymentMethodId: m.paymentMethodId,
    paymentSubType: m.paymentSubType,
    paymentType: m.paymentType,
    status: m.status,
  };
}
