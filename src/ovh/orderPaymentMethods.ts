import type { PaymentMethod } from './schemas';

/**
 * One way to pay a given order, ready for a picker. Exactly one route pays it:
 * - `paymentMethodId`: POST /me/order/{id}/pay {paymentMethod: {id}}, for a method from
 *   /me/payment/method that the order accepts (OVH's current route);
 * - otherwise payWithRegisteredPaymentMean {paymentMean, paymentMeanId?}, only for the
 *   account balances (ovhAccount, fidelityAccount), a method with a real legacy
 *   `paymentMeanId`, or an upper-case type the order accepts with no id at all (as OVH's
 *   Control Panel pays them). A paymentMethodId is never sent as a paymentMeanId.
 */
export interface OrderPaymentMethod {
  /** The mean or type as OVH spells it: creditCard, CREDIT_CARD, SEPA_DIRECT_DEBIT, ovhAccount… */
  readonly paymentMean: string;
  readonly paymentMethodId?: number;
  /** A legacy id from OVH's deprecated payment-mean routes; set only when OVH gave one. */
  readonly paymentMeanId?: number;
  /** e.g. "VISA •••• 1234", "PayPal jane@example.com", or the mean's name. */
  readonly label: string;
  readonly isDefault: boolean;
  /** OVH's status (VALID, EXPIRED, …), or INSUFFICIENT_BALANCE / BALANCE_UNKNOWN for the prepaid account. */
  readonly status: string;
  readonly selectable: boolean;
}

/** Registered payment means (legacy lower-case and current upper-case) ↔ payment method types. */
const TYPES_FOR_MEAN: Record<string, readonly string[]> = {
  creditCard: ['CREDIT_CARD', 'DOMESTIC_CARD', 'RUPAY'],
  CREDIT_CARD: ['CREDIT_CARD'],
  DOMESTIC_CARD: ['DOMESTIC_CARD'],
  paypal: ['PAYPAL'],
  PAYPAL: ['PAYPAL'],
  bankAccount: ['SEPA_DIRECT_DEBIT', 'BANK_ACCOUNT'],
  SEPA_DIRECT_DEBIT: ['SEPA_DIRECT_DEBIT', 'BANK_ACCOUNT'],
  deferredPaymentAccount: ['DEFERRED_PAYMENT_ACCOUNT'],
  DEFERRED_PAYMENT_ACCOUNT: ['DEFERRED_PAYMENT_ACCOUNT'],
};

/** Means that need no registered method: they are the account's own balances. */
const ACCOUNT_MEANS: Record<string, string> = {
  ovhAccount: 'OVHcloud account',
  fidelityAccount: 'Fidelity points',
};

export function methodLabel(method: PaymentMethod): string {
  const raw = method.label ?? method.description ?? '';
  if (method.paymentType === 'PAYPAL') return raw ? `PayPal ${raw}` : 'PayPal';
  const last4 = /(\d{4})\D*$/.exec(raw)?.[1];
  const subType = method.paymentSubType && method.paymentSubType !== 'NONE' ? method.paymentSubType.replace(/_/g, ' ') : undefined;
  const brand = subType ?? (method.paymentType === 'SEPA_DIRECT_DEBIT' ? 'SEPA' : (method.icon?.name ?? method.paymentType));
  return last4 ? `${brand} •••• ${last4}` : [brand, raw].filter(Boolean).join(' ');
}

export interface PaymentFacts {
  /** What availableRegisteredPaymentMean lists for the order, in either spelling. */
  readonly acceptedMeans: readonly string[];
  /** The account's methods (GET /me/payment/method). */
  readonly methods: readonly PaymentMethod[];
  /** Method ids GET /me/order/{id}/paymentMethods says the order accepts; undefined when that route could not be read. */
  readonly usableMethodIds?: readonly number[];
  /** The order's amount with tax. */
  readonly amount: number;
  /** The prepaid account's best balance, or undefined when it could not be read. */
  readonly ovhAccountBalance?: number;
  /** False for a consumer key approved before the extension asked for POST /me/order/{id}/pay. */
  readonly payRouteGranted?: boolean;
}

const LEGACY_MEAN: Record<string, string> = { CREDIT_CARD: 'creditCard', PAYPAL: 'paypal', SEPA_DIRECT_DEBIT: 'bankAccount' };

/**
 * The options of one order, default first. With the order's own method list, every
 * registered method it accepts is paid by id; without it (the route is Beta), only
 * methods with a real legacy id are offered. An expired or pending method is listed but
 * not selectable; the prepaid account only when its balance covers the amount; fidelity
 * points only for a free order.
 */
export function buildOrderPaymentMethods(facts: PaymentFacts): OrderPaymentMethod[] {
  const options: OrderPaymentMethod[] = [];
  const acceptedTypes = new Set(facts.acceptedMeans.flatMap((mean) => TYPES_FOR_MEAN[mean] ?? [mean.toUpperCase()]));
  for (const method of facts.methods) {
    const usable = facts.usableMethodIds ? facts.usableMethodIds.includes(method.paymentMethodId) : acceptedTypes.has(method.paymentType);
    if (!usable && method.status === 'VALID') continue;
    if (!facts.usableMethodIds && !acceptedTypes.has(method.paymentType)) continue;
    const base = { label: methodLabel(method), isDefault: method.default, status: method.status };
    const selectable = usable && method.status === 'VALID';
    const legacyMean =
      facts.acceptedMeans.find((candidate) => (TYPES_FOR_MEAN[candidate] ?? []).includes(method.paymentType)) ?? LEGACY_MEAN[method.paymentType];
    if (facts.usableMethodIds && facts.payRouteGranted !== false) {
      options.push({ ...base, paymentMean: method.paymentType, paymentMethodId: method.paymentMethodId, selectable });
    } else if (typeof method.paymentMeanId === 'number' && legacyMean) {
      // The legacy route, only with a real legacy id: OVH's own id for this mean.
      options.push({ ...base, paymentMean: legacyMean, paymentMeanId: method.paymentMeanId, selectable });
    } else if (!facts.usableMethodIds && payableByTypeAlone(facts, method)) {
      // As OVH's Control Panel pays them: an upper-case type with no id. OVH picks the
      // account's method of that type, so only when exactly one valid method has it.
      options.push({ ...base, paymentMean: method.paymentType, selectable });
    } else if (facts.usableMethodIds) {
      // Payable only through the newer route, which this key was not granted: sign in again.
      options.push({ ...base, paymentMean: method.paymentType, status: selectable ? 'NEEDS_REAUTHORIZE' : method.status, selectable: false });
    }
  }
  for (const mean of new Set(facts.acceptedMeans)) {
    if (mean === 'fidelityAccount' && facts.amount === 0) {
      options.push({ paymentMean: mean, label: ACCOUNT_MEANS[mean], isDefault: false, status: 'VALID', selectable: true });
    } else if (mean === 'ovhAccount') {
      const balance = facts.ovhAccountBalance;
      const status = balance === undefined ? 'BALANCE_UNKNOWN' : balance + 1e-9 >= facts.amount ? 'VALID' : 'INSUFFICIENT_BALANCE';
      options.push({ paymentMean: mean, label: ACCOUNT_MEANS[mean], isDefault: false, status, selectable: status === 'VALID' });
    }
  }
  return options.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || Number(b.selectable) - Number(a.selectable));
}

/** me.json makes paymentMeanId mandatory only for the lower-case creditCard, paypal, bankAccount: an accepted upper-case type is paid without one. */
function payableByTypeAlone(facts: PaymentFacts, method: PaymentMethod): boolean {
  const sameType = facts.methods.filter((other) => other.paymentType === method.paymentType && other.status === 'VALID');
  return facts.acceptedMeans.includes(method.paymentType) && method.paymentType === method.paymentType.toUpperCase() && sameType.length === 1;
}

/** What payOrder sends, and where: the one place that decides the payment route. */
export function paymentRequest(orderId: number, option: OrderPaymentMethod): { path: string; body: object } {
  if (option.paymentMethodId !== undefined) return { path: `/me/order/${orderId}/pay`, body: { paymentMethod: { id: option.paymentMethodId } } };
  const body =
    option.paymentMeanId === undefined ? { paymentMean: option.paymentMean } : { paymentMean: option.paymentMean, paymentMeanId: option.paymentMeanId };
  return { path: `/me/order/${orderId}/payWithRegisteredPaymentMean`, body };
}
