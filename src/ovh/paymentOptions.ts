import type { PaymentMethod } from './schemas';

/**
 * One way to pay a given order, ready for a picker. `paymentMean`/`paymentMeanId`
 * are exactly what payWithRegisteredPaymentMean expects.
 */
export interface PaymentOption {
  readonly paymentMean: string;
  readonly paymentMeanId?: number;
  /** e.g. "VISA •••• 1234", "PayPal jane@example.com", or the mean's name. */
  readonly label: string;
  readonly isDefault: boolean;
  /** OVH's status (VALID, EXPIRED, …); only VALID can be used. */
  readonly status: string;
  readonly selectable: boolean;
}

/** Registered payment means (order API) ↔ payment method types (/me/payment/method). */
const TYPE_FOR_MEAN: Record<string, readonly string[]> = {
  creditCard: ['CREDIT_CARD', 'DOMESTIC_CARD', 'RUPAY'],
  paypal: ['PAYPAL'],
  bankAccount: ['SEPA_DIRECT_DEBIT', 'BANK_ACCOUNT'],
  deferredPaymentAccount: ['DEFERRED_PAYMENT_ACCOUNT'],
};

/** Means that need no registered method: they are the account's own balances. */
const ACCOUNT_MEANS: Record<string, string> = {
  ovhAccount: 'OVHcloud account',
  fidelityAccount: 'Fidelity points',
};

function methodLabel(method: PaymentMethod): string {
  const raw = method.label ?? method.description ?? '';
  if (method.paymentType === 'PAYPAL') return raw ? `PayPal ${raw}` : 'PayPal';
  const last4 = /(\d{4})\D*$/.exec(raw)?.[1];
  const brand = method.paymentSubType && method.paymentSubType !== 'NONE' ? method.paymentSubType.replace(/_/g, ' ') : method.icon?.name ?? method.paymentType;
  return last4 ? `${brand} •••• ${last4}` : [brand, raw].filter(Boolean).join(' ');
}

/**
 * Joins what the order accepts with the account's registered methods. A mean the
 * order accepts but for which no method is registered is left out (it could not
 * be paid with); an expired or pending method is listed but not selectable.
 */
export function buildPaymentOptions(acceptedMeans: readonly string[], methods: readonly PaymentMethod[]): PaymentOption[] {
  const options: PaymentOption[] = [];
  for (const mean of new Set(acceptedMeans)) {
    if (ACCOUNT_MEANS[mean]) {
      options.push({ paymentMean: mean, label: ACCOUNT_MEANS[mean], isDefault: false, status: 'VALID', selectable: true });
      continue;
    }
    const types = TYPE_FOR_MEAN[mean] ?? [mean.toUpperCase()];
    for (const method of methods.filter((candidate) => types.includes(candidate.paymentType))) {
      options.push({
        paymentMean: mean,
        paymentMeanId: method.paymentMeanId ?? method.paymentMethodId,
        label: methodLabel(method),
        isDefault: method.default,
        status: method.status,
        selectable: method.status === 'VALID',
      });
    }
  }
  return options.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || Number(b.selectable) - Number(a.selectable));
}
