import { periodCents } from './catalog';
import { DAY_MS, addMonths, durationMonths, isoDateTime } from './dates';
import { badRequest, cannotPayWith, conflict, notFound, paymentMeanNotFound } from './errors';
import { isRecord } from './json';
import { price, taxCents } from './money';
import type { LedgerPayment, OrderRecord, PaymentMethodRecord } from './model';
import { MEANS_NEEDING_ID, REUSABLE_PAYMENT_MEANS, legacyMean, typeOfMean } from './payments';
import type { RenewRequest } from './renew';
import type { SandboxState } from './state';

/**
 * Orders made by POST /service/{id}/renew and their life after payment:
 * notPaid, then checking, delivering and delivered, one `stepMs` apart. Progress is computed
 * from the clock when read, so there are no timers; delivery extends the services once.
 */

export function createOrder(state: SandboxState, serviceId: number, req: RenewRequest, nowMs: number): OrderRecord {
  const lines = req.services.map((id) => {
    const s = state.lookup(id);
    return { serviceId: id, cents: s ? periodCents(s.plan, req.duration) : 0 };
  });
  const withoutTax = req.strategy.cents;
  const order: OrderRecord = {
    orderId: state.takeOrderId(),
    password: state.orderPrng.token(4),
    dateMs: nowMs,
    expirationMs: nowMs + DAY_MS,
    withoutTaxCents: withoutTax,
    taxCents: taxCents(withoutTax),
    serviceId,
    duration: req.duration,
    services: [...req.services],
    lines,
    payment: null,
    delivered: false,
    seeded: false,
  };
  state.orders.set(order.orderId, order);
  state.ledger.orders.push({
    orderId: order.orderId,
    serviceId,
    duration: order.duration,
    services: [...order.services],
    createdAt: new Date(nowMs).toISOString(),
  });
  return order;
}

/** An order placed elsewhere: priced like a renew of these services, not in the ledger's orders. */
export function createExternalOrder(state: SandboxState, services: readonly number[], duration: string, nowMs: number): OrderRecord {
  const lines = services.map((id) => {
    const s = state.lookup(id);
    return { serviceId: id, cents: s ? periodCents(s.plan, duration) : 0 };
  });
  const withoutTax = lines.reduce((sum, line) => sum + line.cents, 0);
  const order: OrderRecord = {
    orderId: state.takeOrderId(),
    password: state.orderPrng.token(4),
    dateMs: nowMs,
    expirationMs: nowMs + DAY_MS,
    withoutTaxCents: withoutTax,
    taxCents: taxCents(withoutTax),
    serviceId: services[0] ?? 0,
    duration,
    services: [...services],
    lines,
    payment: null,
    delivered: false,
    seeded: false,
    external: true,
  };
  state.orders.set(order.orderId, order);
  return order;
}

export function orderUrl(origin: string, o: Pick<OrderRecord, 'orderId' | 'password'>): string {
  return `${origin}/order/displayOrder?orderId=${o.orderId}&orderPassword=${o.password}`;
}

/** billing.Order, which is also the service.renew.RenewOrder shape. */
export function renderOrder(o: OrderRecord, origin: string): object {
  const url = o.orderId === 0 ? '' : orderUrl(origin, o);
  return {
    date: isoDateTime(o.dateMs),
    expirationDate: isoDateTime(o.expirationMs),
    orderId: o.orderId,
    password: o.password,
    pdfUrl: url,
    priceWithTax: price(o.withoutTaxCents + o.taxCents),
    priceWithoutTax: price(o.withoutTaxCents),
    retractionDate: null,
    tax: price(o.taxCents),
    url,
  };
}

/** A dry run prices the renewal without creating anything: orderId 0 and no URL. */
export function dryRunOrder(serviceId: number, req: RenewRequest, nowMs: number): OrderRecord {
  return {
    orderId: 0,
    password: '',
    dateMs: nowMs,
    expirationMs: nowMs + DAY_MS,
    withoutTaxCents: req.strategy.cents,
    taxCents: taxCents(req.strategy.cents),
    serviceId,
    duration: req.duration,
    services: req.services,
    lines: [],
    payment: null,
    delivered: false,
    seeded: true,
  };
}

export type OrderStatus = 'notPaid' | 'checking' | 'delivering' | 'delivered';

export function orderStatus(o: OrderRecord, nowMs: number, stepMs: number): OrderStatus {
  if (o.delivered) return 'delivered';
  if (!o.payment) return 'notPaid';
  // Held for checks: neither failed nor delivered, for as long as OVH waits.
  if (o.held) return 'checking';
  const elapsed = nowMs - o.payment.atMs;
  return elapsed < stepMs ? 'checking' : elapsed < 2 * stepMs ? 'delivering' : 'delivered';
}

/** Applies every renewal whose delivery time has passed. Safe to call on every request. */
export function settleOrders(state: SandboxState, nowMs: number, stepMs: number): void {
  for (const o of state.orders.values()) {
    if (o.delivered || !o.payment || orderStatus(o, nowMs, stepMs) !== 'delivered') continue;
    o.delivered = true;
    const months = durationMonths(o.duration) ?? 0;
    for (const id of o.services) {
      const s = state.lookup(id);
      if (!s) continue;
      s.expirationMs = addMonths(s.expirationMs, months);
      if (s.expirationMs > nowMs && (s.lifecycleState === 'unrenewed' || s.lifecycleState === 'toRenew')) {
        s.lifecycleState = 'active';
        s.resourceState = 'active';
      }
    }
  }
}

export function findOrder(state: SandboxState, rawId: string): OrderRecord {
  const id = Number(rawId);
  const order = Number.isSafeInteger(id) ? state.orders.get(id) : undefined;
  if (!order || order.gone) throw notFound(`The requested object (orderId = ${rawId}) does not exist`);
  return order;
}

/** What the sandbox's payment routes need to know beyond the state. */
export interface PaymentRules {
  /** Payment types or means orders refuse (control `refusedPayments`). */
  readonly refused: readonly string[];
  /** The prepaid account's balance in cents. */
  balanceCents: number;
}

const totalCents = (o: OrderRecord): number => o.withoutTaxCents + o.taxCents;

function refuses(rules: PaymentRules, m: PaymentMethodRecord): boolean {
  return rules.refused.includes(m.paymentType) || (m.paymentMeanId !== null && rules.refused.includes(legacyMean(m)));
}

/** The registered methods this order can be paid with: valid ones the order does not refuse. */
export function orderMethods(state: SandboxState, rules: PaymentRules): PaymentMethodRecord[] {
  return state.paymentMethods.filter((m) => m.status === 'VALID' && !refuses(rules, m));
}

/**
 * billing.order.RegisteredPaymentMean[]: legacy lower-case means for methods that have a
 * legacy id, the current upper-case type for those that do not (OVH mixes both spellings),
 * the prepaid account, and fidelity points for a free order.
 */
export function availableMeans(state: SandboxState, order: OrderRecord, rules: PaymentRules): { paymentMean: string }[] {
  const means = new Set(orderMethods(state, rules).map((m) => (m.paymentMeanId === null ? m.paymentType : legacyMean(m))));
  if (!rules.refused.includes('ovhAccount')) means.add('ovhAccount');
  if (totalCents(order) === 0) means.add('fidelityAccount');
  return [...means].map((paymentMean) => ({ paymentMean }));
}

/** POST /me/order/{id}/payWithRegisteredPaymentMean, with the refusals OVH's issue threads show. */
export function payWithRegisteredMean(state: SandboxState, order: OrderRecord, body: unknown, nowMs: number, rules: PaymentRules): void {
  if (!isRecord(body)) throw badRequest('Invalid body: expected a JSON object with paymentMean');
  const { paymentMean, paymentMeanId } = body;
  if (paymentMean === undefined) throw badRequest('[paymentMean] Missing parameter');
  if (typeof paymentMean !== 'string' || !(REUSABLE_PAYMENT_MEANS as readonly string[]).includes(paymentMean)) {
    throw badRequest(`[paymentMean] Invalid value ${JSON.stringify(paymentMean)} for enum billing.ReusablePaymentMeanEnum`);
  }
  if (paymentMeanId !== undefined && paymentMeanId !== null && !Number.isSafeInteger(paymentMeanId)) {
    throw badRequest('[paymentMeanId] Invalid value: expected an integer');
  }
  if (order.payment) throw conflict(`Order ${order.orderId} has already been paid`);
  if (paymentMean === 'ovhAccount') {
    if (rules.refused.includes('ovhAccount') || rules.balanceCents < totalCents(order)) throw cannotPayWith(paymentMean);
    rules.balanceCents -= totalCents(order);
    recordPayment(state, order, { paymentMean, paymentMeanId: null, paymentMethodId: null, route: 'payWithRegisteredPaymentMean' }, nowMs);
    return;
  }
  if (paymentMean === 'fidelityAccount') {
    if (totalCents(order) !== 0) throw cannotPayWith(paymentMean);
    recordPayment(state, order, { paymentMean, paymentMeanId: null, paymentMethodId: null, route: 'payWithRegisteredPaymentMean' }, nowMs);
    return;
  }
  if (MEANS_NEEDING_ID.has(paymentMean) && typeof paymentMeanId !== 'number') {
    throw badRequest(`[paymentMeanId] Missing parameter: mandatory for ${paymentMean}`);
  }
  const type = typeOfMean(paymentMean);
  if (!MEANS_NEEDING_ID.has(paymentMean) && type !== undefined) {
    // An upper-case type is paid with {paymentMean} alone, as OVH's Control Panel does: the
    // account's method of that type (its default one first). With an id it is refused (the
    // sandbox's wording; the Control Panel never sends one).
    if (paymentMeanId !== undefined && paymentMeanId !== null) throw badRequest(`[paymentMeanId] Not expected for ${paymentMean}`);
    const ofType = state.paymentMethods.filter((m) => m.paymentType === type && m.status === 'VALID');
    const chosen = ofType.find((m) => m.isDefault) ?? ofType[0];
    if (!chosen) throw paymentMeanNotFound();
    if (refuses(rules, chosen)) throw cannotPayWith(paymentMean);
    recordPayment(state, order, { paymentMean, paymentMeanId: null, paymentMethodId: null, route: 'payWithRegisteredPaymentMean' }, nowMs);
    return;
  }
  // Only a real legacy id finds a method: a paymentMethodId sent here is a number from another scheme.
  const method = state.paymentMethods.find((m) => m.paymentMeanId !== null && m.paymentMeanId === paymentMeanId && m.paymentType === type);
  if (!method) throw paymentMeanNotFound();
  if (method.status !== 'VALID' || refuses(rules, method)) throw cannotPayWith(paymentMean);
  recordPayment(state, order, { paymentMean, paymentMeanId: method.paymentMeanId, paymentMethodId: null, route: 'payWithRegisteredPaymentMean' }, nowMs);
}

/** POST /me/order/{id}/pay {paymentMethod: {id}}: the current way to pay with a registered method. */
export function payWithMethod(state: SandboxState, order: OrderRecord, body: unknown, nowMs: number, rules: PaymentRules): void {
  const ref = isRecord(body) ? body.paymentMethod : undefined;
  const id = isRecord(ref) ? ref.id : undefined;
  if (typeof id !== 'number') throw badRequest('[paymentMethod] Missing parameter: expected {"paymentMethod":{"id":<integer>}}');
  const method = state.paymentMethods.find((m) => m.paymentMethodId === id);
  if (!method) throw notFound(`The requested object (paymentMethodId = ${id}) does not exist`);
  if (order.payment) throw conflict(`Order ${order.orderId} has already been paid`);
  if (method.status !== 'VALID' || refuses(rules, method)) throw cannotPayWith(method.paymentMeanId === null ? method.paymentType : legacyMean(method));
  recordPayment(
    state,
    order,
    { paymentMean: method.paymentType, paymentMeanId: method.paymentMeanId, paymentMethodId: method.paymentMethodId, route: 'pay' },
    nowMs,
  );
}

function recordPayment(state: SandboxState, order: OrderRecord, payment: Omit<LedgerPayment, 'orderId' | 'at'>, nowMs: number): void {
  if (order.payment) throw conflict(`Order ${order.orderId} has already been paid`);
  // OVH documents no answer for this; the sandbox's choice is a 400 naming the expiry.
  if (order.expirationMs <= nowMs) throw badRequest(`Order ${order.orderId} has expired and can no longer be paid`);
  order.payment = { paymentMean: payment.paymentMean, paymentMeanId: payment.paymentMeanId, atMs: nowMs };
  if (!order.seeded) {
    state.ledger.payments.push({ orderId: order.orderId, ...payment, at: new Date(nowMs).toISOString() });
  }
}

/** billing.OrderDetail list for /me/order/{id}/details. */
export function orderDetails(state: SandboxState, o: OrderRecord): { orderDetailId: number; detail: object }[] {
  const months = durationMonths(o.duration) ?? 12;
  return o.lines.map((line, i) => {
    const s = state.lookup(line.serviceId);
    return {
      orderDetailId: o.orderId * 10 + i + 1,
      detail: {
        cancelled: false,
        description: `Renouvellement ${s?.plan.invoiceName ?? 'service'} - ${months % 12 === 0 ? `${months / 12} an(s)` : `${months} mois`}`,
        detailType: 'RENEW',
        domain: s?.name ?? String(line.serviceId),
        orderDetailId: o.orderId * 10 + i + 1,
        quantity: '1',
        totalPrice: price(line.cents),
        unitPrice: price(line.cents),
      },
    };
  });
}
