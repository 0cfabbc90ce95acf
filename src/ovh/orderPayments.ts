import * as z from 'zod/mini';
import { ruleGrants } from './accessRules';
import { OvhApiError } from './errors';
import { buildOrderPaymentMethods, type OrderPaymentMethod } from './orderPaymentMethods';
import {
  OrderPaymentMethodsSchema,
  OvhAccountSchema,
  PaymentMethodSchema,
  RegisteredPaymentMeanListSchema,
  StringListSchema,
  type CurrentCredential,
  type Order,
  type PaymentMethod,
} from './schemas';
import { schemaIssuePath } from './schemaIssue';
import { pageHeaders, unknownArray } from './serviceListing';
import type { OvhTransport } from './transport';

/** What the payment reads need of the client. */
export interface PaymentReader {
  readonly transport: OvhTransport;
  getOrder(orderId: number): Promise<Order>;
  currentCredential(): Promise<CurrentCredential>;
  listPaymentMethods(): Promise<PaymentMethod[]>;
}

/**
 * The ways this order can be paid, with readable labels; the default method first.
 * The order's own method list (GET /me/order/{id}/paymentMethods) decides which
 * registered methods are offered; the prepaid account only when its balance covers
 * the amount.
 */
export async function listOrderPaymentMethods(api: PaymentReader, orderId: number): Promise<OrderPaymentMethod[]> {
  const [order, accepted, usable, methods] = await Promise.all([
    api.getOrder(orderId),
    api.transport.get(`/me/order/${orderId}/availableRegisteredPaymentMean`, { schema: RegisteredPaymentMeanListSchema }),
    usableMethodIds(api.transport, orderId),
    api.listPaymentMethods(),
  ]);
  const acceptedMeans = accepted.data.map((entry) => entry.paymentMean);
  const [ovhAccountBalance, payRouteGranted] = await Promise.all([
    acceptedMeans.includes('ovhAccount') ? ovhAccountBalanceOf(api.transport) : undefined,
    isPayRouteGranted(api, orderId),
  ]);
  return buildOrderPaymentMethods({ acceptedMeans, methods, usableMethodIds: usable, amount: order.priceWithTax.value, ovhAccountBalance, payRouteGranted });
}

/** The account's registered payment methods, as full objects or one GET per id. */
export async function listPaymentMethods(transport: OvhTransport, pageSize: number): Promise<PaymentMethod[]> {
  const first = await transport.get('/me/payment/method', { schema: unknownArray, headers: pageHeaders(1, pageSize) });
  if (first.data.every((entry) => typeof entry === 'number')) {
    return Promise.all((first.data as number[]).map(async (id) => (await transport.get(`/me/payment/method/${id}`, { schema: PaymentMethodSchema })).data));
  }
  const parsed = z.array(PaymentMethodSchema).safeParse(first.data);
  if (!parsed.success) {
    throw new OvhApiError({ kind: 'schemaMismatch', method: 'GET', path: '/me/payment/method', schemaPath: schemaIssuePath(parsed.error.issues) });
  }
  return parsed.data;
}

/**
 * Whether this consumer key may POST /me/order/{id}/pay: a key approved before the
 * extension asked for that rule may not. Unknown (OAuth2, or the check failed) counts as yes.
 */
async function isPayRouteGranted(api: PaymentReader, orderId: number): Promise<boolean> {
  if (api.transport.credentialKind !== 'appKey') return true;
  try {
    const { rules } = await api.currentCredential();
    return rules.some((rule) => ruleGrants(rule, 'POST', `/me/order/${orderId}/pay`));
  } catch {
    return true;
  }
}

/** Method ids the order accepts; undefined when OVH does not offer that (Beta) route here. */
async function usableMethodIds(transport: OvhTransport, orderId: number): Promise<number[] | undefined> {
  try {
    const answer = (await transport.get(`/me/order/${orderId}/paymentMethods`, { schema: OrderPaymentMethodsSchema })).data;
    return answer.registered ?? [];
  } catch (error) {
    if (error instanceof OvhApiError && (error.kind === 'notFound' || error.kind === 'badRequest')) return undefined;
    throw error;
  }
}

/** The largest balance among the prepaid accounts, or undefined when it cannot be read. */
async function ovhAccountBalanceOf(transport: OvhTransport): Promise<number | undefined> {
  try {
    const ids = (await transport.get('/me/ovhAccount', { schema: StringListSchema })).data;
    const accounts = await Promise.all(
      ids.map(async (id) => (await transport.get(`/me/ovhAccount/${encodeURIComponent(id)}`, { schema: OvhAccountSchema })).data),
    );
    const balances = accounts.filter((account) => account.isActive !== false).map((account) => account.balance.value);
    return balances.length === 0 ? undefined : Math.max(...balances);
  } catch (error) {
    // A key from before the balance check lacks the rule: the balance is unknown, not zero.
    if (error instanceof OvhApiError && !error.transient) return undefined;
    throw error;
  }
}
