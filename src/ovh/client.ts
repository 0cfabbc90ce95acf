import * as z from 'zod/mini';
import { REQUIRED_ACCESS_RULES, ruleGrants } from './accessRules';
import { isOwnOrderLink } from './endpoints';
import { OvhApiError } from './errors';
import { offersNeedCurrency, readOffers } from './renewOffers';
import { buildPaymentOptions, paymentRequest, type PaymentOption } from './paymentOptions';
import {
  CredentialRequestSchema,
  CurrentCredentialSchema,
  IdListSchema,
  MeSchema,
  OrderPreviewSchema,
  OrderDetailSchema,
  OrderSchema,
  OrderPaymentMethodsSchema,
  OrderStatusSchema,
  OvhAccountSchema,
  ServerTimeSchema,
  PaymentMethodSchema,
  RegisteredPaymentMeanListSchema,
  LooseRenewDescriptionListSchema,
  ServiceSchema,
  StringListSchema,
  type AccessRule,
  type CredentialRequest,
  type CurrentCredential,
  type Me,
  type Order,
  type OrderPreview,
  type OrderDetail,
  type PaymentMethod,
  type RenewOffer,
} from './schemas';
import { schemaIssuePath } from './schemaIssue';
import { summarizeService, type ServiceSummary } from './serviceSummary';
import { OvhTransport, type TransportOptions } from './transport';

/** OVH's "iceberg" pagination: full objects per page instead of an id list. */
const PAGINATION_MODE = 'CachedObjectList-Pages';
/** The body of PUT /services/{id} this extension sends (services.update.Service). */
export interface RenewSettingsUpdate {
  readonly renew?: { readonly mode: 'automatic' | 'manual'; readonly period?: string };
  readonly terminationPolicy?: 'empty' | 'terminateAtExpirationDate';
}

export const DEFAULT_PAGE_SIZE = 5000;

const unknownArray = z.array(z.unknown());

export interface ServiceListing {
  readonly services: ServiceSummary[];
  /** Entries OVH sent that do not match the schema: shown as a warning, never hiding the rest. */
  readonly unreadable: ReadonlyArray<{ readonly serviceId?: number; readonly schemaPath: string }>;
  /** 'pages' when OVH answered with full objects; 'ids' when we had to fetch each service. */
  readonly mode: 'pages' | 'ids';
}

export interface RenewRequest {
  readonly duration: string;
  readonly services: readonly number[];
}

/**
 * Typed access to the OVH calls the extension makes. One instance per account.
 * Reads are retried on transient failures by the transport; writes never are.
 */
export class OvhApi {
  readonly transport: OvhTransport;

  private currency: Promise<string | undefined> | undefined;

  constructor(options: TransportOptions, private readonly pageSize = DEFAULT_PAGE_SIZE) {
    this.transport = new OvhTransport(options);
  }

  dispose(): void {
    this.transport.dispose();
  }

  async me(): Promise<Me> {
    return (await this.transport.get('/me', { schema: MeSchema })).data;
  }

  /** Every service of the account, in as few requests as OVH allows. */
  /**
   * `fresh` asks OVH to bypass its server-side list cache (Pragma: no-cache, as OVH's own
   * Control Panel does): for an explicit refresh and after a change this extension made.
   */
  async listServices(onProgress?: (loaded: number, total: number) => void, options: { fresh?: boolean } = {}): Promise<ServiceListing> {
    const fresh = options.fresh === true;
    const first = await this.transport.get('/services', { schema: unknownArray, headers: this.pageHeaders(1, fresh) });
    if (first.data.every((entry) => typeof entry === 'number')) {
      return this.listServicesOneByOne(first.data as number[], onProgress);
    }
    const total = Number(first.headers['x-pagination-elements'] ?? first.data.length);
    const pageCount = Number.isFinite(total) && total > first.data.length ? Math.ceil(total / this.pageSize) : 1;
    onProgress?.(first.data.length, total);
    let loaded = first.data.length;
    const rest = await Promise.all(
      Array.from({ length: pageCount - 1 }, async (_, index) => {
        const page = await this.transport.get('/services', { schema: unknownArray, headers: this.pageHeaders(index + 2, fresh) });
        loaded += page.data.length;
        onProgress?.(loaded, total);
        return page.data;
      }),
    );
    return { ...parseServices([first.data, ...rest].flat()), mode: 'pages' };
  }

  async getService(serviceId: number): Promise<ServiceSummary> {
    return summarizeService((await this.transport.get(`/services/${serviceId}`, { schema: ServiceSchema })).data);
  }

  /** The account's currency (GET /me → currency.code), read once per client. */
  accountCurrency(): Promise<string | undefined> {
    this.currency ??= this.me().then(
      (me) => me.currency?.code,
      (error: unknown) => {
        this.currency = undefined;
        throw error;
      },
    );
    return this.currency;
  }

  /**
   * The renew offers. Strategies are validated one by one: a price with only a `value`
   * takes the account's currency, and an unreadable strategy is passed on without a price
   * so that the comparison reports it (invalidPrice / noServices) and keeps the others.
   */
  async listRenewDescriptions(serviceId: number, includeOptions: boolean): Promise<RenewOffer[]> {
    const raw = (await this.transport.get(`/service/${serviceId}/renew`, { schema: LooseRenewDescriptionListSchema, query: { includeOptions } })).data;
    const currency = offersNeedCurrency(raw) ? await this.accountCurrency() : undefined;
    return readOffers(raw, currency);
  }

  /** GET /services/{id}/renewPeriodCapacities: the renew periods this service accepts. */
  async renewPeriodCapacities(serviceId: number): Promise<string[]> {
    return (await this.transport.get(`/services/${serviceId}/renewPeriodCapacities`, { schema: StringListSchema })).data;
  }

  /**
   * PUT /services/{id}: renew mode and period, or the termination policy. Call only after
   * an explicit user confirmation; OVH answers nothing useful, so read the service back.
   */
  async updateRenewSettings(serviceId: number, update: RenewSettingsUpdate): Promise<void> {
    await this.transport.put(`/services/${serviceId}`, { schema: z.unknown(), body: update });
  }

  /** Whether this consumer key holds every given rule; unknown (OAuth2, or the check failed) counts as yes, the call then tells. */
  async grantsRules(rules: readonly AccessRule[]): Promise<boolean> {
    if (this.transport.credentialKind !== 'appKey') return true;
    try {
      const granted = (await this.currentCredential()).rules;
      return rules.every((wanted) => granted.some((rule) => ruleGrants(rule, wanted.method, wanted.path.replaceAll('*', '1'))));
    } catch {
      return true;
    }
  }

  /** The dry run: prices and taxes for a renewal, without creating an order. */
  async previewRenew(serviceId: number, request: RenewRequest): Promise<OrderPreview> {
    const body = { dryRun: true, duration: request.duration, services: [...request.services] };
    const answer = (await this.transport.post(`/service/${serviceId}/renew`, { schema: OrderPreviewSchema, body })).data;
    return { date: answer.date, expirationDate: answer.expirationDate, priceWithTax: answer.priceWithTax, priceWithoutTax: answer.priceWithoutTax, tax: answer.tax, retractionDate: answer.retractionDate };
  }

  /** Creates a real order that will need paying. Call only after an explicit user confirmation. */
  async createRenewOrder(serviceId: number, request: RenewRequest): Promise<Order> {
    const body = { dryRun: false, duration: request.duration, services: [...request.services] };
    return this.ownLinksOnly((await this.transport.post(`/service/${serviceId}/renew`, { schema: OrderSchema, body })).data);
  }

  async getOrder(orderId: number): Promise<Order> {
    return this.ownLinksOnly((await this.transport.get(`/me/order/${orderId}`, { schema: OrderSchema })).data);
  }

  /** Order links that do not point at this endpoint's own OVH sites are dropped, never opened. */
  private ownLinksOnly(order: Order): Order {
    const endpoint = this.transport.endpoint;
    return { ...order, url: isOwnOrderLink(endpoint, order.url) ? order.url : null, pdfUrl: isOwnOrderLink(endpoint, order.pdfUrl) ? order.pdfUrl : null };
  }

  async getOrderStatus(orderId: number): Promise<string> {
    return (await this.transport.get(`/me/order/${orderId}/status`, { schema: OrderStatusSchema })).data;
  }

  /** The detail lines of an order: what it is for, by service name. */
  async listOrderDetailIds(orderId: number): Promise<number[]> {
    return (await this.transport.get(`/me/order/${orderId}/details`, { schema: IdListSchema })).data;
  }

  async getOrderDetail(orderId: number, detailId: number): Promise<OrderDetail> {
    return (await this.transport.get(`/me/order/${orderId}/details/${detailId}`, { schema: OrderDetailSchema })).data;
  }

  /** OVH's clock (unsigned GET /auth/time): order dates are compared with it, not with ours. */
  async serverTime(): Promise<Date> {
    return new Date((await this.transport.get('/auth/time', { schema: ServerTimeSchema, auth: 'none' })).data * 1000);
  }

  /** Order ids created since `from` (OVH filters on the order date). */
  async listOrderIds(from?: Date): Promise<number[]> {
    return (await this.transport.get('/me/order', { schema: IdListSchema, query: { 'date.from': from?.toISOString() } })).data;
  }

  /**
   * The ways this order can be paid, with readable labels; the default method first.
   * The order's own method list (GET /me/order/{id}/paymentMethods) decides which
   * registered methods are offered; the prepaid account only when its balance covers
   * the amount.
   */
  async listPaymentOptions(orderId: number): Promise<PaymentOption[]> {
    const [order, accepted, usable, methods] = await Promise.all([
      this.getOrder(orderId),
      this.transport.get(`/me/order/${orderId}/availableRegisteredPaymentMean`, { schema: RegisteredPaymentMeanListSchema }),
      this.usableMethodIds(orderId),
      this.listPaymentMethods(),
    ]);
    const acceptedMeans = accepted.data.map((entry) => entry.paymentMean);
    const [ovhAccountBalance, payRouteGranted] = await Promise.all([
      acceptedMeans.includes('ovhAccount') ? this.ovhAccountBalance() : undefined,
      this.payRouteGranted(orderId),
    ]);
    return buildPaymentOptions({ acceptedMeans, methods, usableMethodIds: usable, amount: order.priceWithTax.value, ovhAccountBalance, payRouteGranted });
  }

  /**
   * Whether this consumer key may POST /me/order/{id}/pay: a key approved before the
   * extension asked for that rule may not. Unknown (OAuth2, or the check failed) counts as yes.
   */
  private async payRouteGranted(orderId: number): Promise<boolean> {
    if (this.transport.credentialKind !== 'appKey') return true;
    try {
      const { rules } = await this.currentCredential();
      return rules.some((rule) => ruleGrants(rule, 'POST', `/me/order/${orderId}/pay`));
    } catch {
      return true;
    }
  }

  /** Method ids the order accepts; undefined when OVH does not offer that (Beta) route here. */
  private async usableMethodIds(orderId: number): Promise<number[] | undefined> {
    try {
      const answer = (await this.transport.get(`/me/order/${orderId}/paymentMethods`, { schema: OrderPaymentMethodsSchema })).data;
      return answer.registered ?? [];
    } catch (error) {
      if (error instanceof OvhApiError && (error.kind === 'notFound' || error.kind === 'badRequest')) return undefined;
      throw error;
    }
  }

  /** The largest balance among the prepaid accounts, or undefined when it cannot be read. */
  private async ovhAccountBalance(): Promise<number | undefined> {
    try {
      const ids = (await this.transport.get('/me/ovhAccount', { schema: StringListSchema })).data;
      const accounts = await Promise.all(ids.map(async (id) => (await this.transport.get(`/me/ovhAccount/${encodeURIComponent(id)}`, { schema: OvhAccountSchema })).data));
      const balances = accounts.filter((account) => account.isActive !== false).map((account) => account.balance.value);
      return balances.length === 0 ? undefined : Math.max(...balances);
    } catch (error) {
      // A key from before the balance check lacks the rule: the balance is unknown, not zero.
      if (error instanceof OvhApiError && !error.transient) return undefined;
      throw error;
    }
  }

  async listPaymentMethods(): Promise<PaymentMethod[]> {
    const first = await this.transport.get('/me/payment/method', { schema: unknownArray, headers: this.pageHeaders(1) });
    if (first.data.every((entry) => typeof entry === 'number')) {
      return Promise.all(
        (first.data as number[]).map(async (id) => (await this.transport.get(`/me/payment/method/${id}`, { schema: PaymentMethodSchema })).data),
      );
    }
    const parsed = z.array(PaymentMethodSchema).safeParse(first.data);
    if (!parsed.success) {
      throw new OvhApiError({ kind: 'schemaMismatch', method: 'GET', path: '/me/payment/method', schemaPath: schemaIssuePath(parsed.error.issues) });
    }
    return parsed.data;
  }

  /** Pays an order. Sent once, never retried: a retry could charge twice. */
  async payOrder(orderId: number, option: Pick<PaymentOption, 'paymentMean' | 'paymentMeanId' | 'paymentMethodId'>): Promise<void> {
    const { path, body } = paymentRequest(orderId, option as PaymentOption);
    await this.transport.post(path, { schema: z.unknown(), body });
  }

  /** Asks OVH for a new consumer key; the user validates it at `validationUrl`. */
  async requestCredential(redirection?: string, accessRules: readonly AccessRule[] = REQUIRED_ACCESS_RULES): Promise<CredentialRequest> {
    const body = redirection ? { accessRules, redirection } : { accessRules };
    return (await this.transport.post('/auth/credential', { schema: CredentialRequestSchema, body, auth: 'application' })).data;
  }

  async currentCredential(): Promise<CurrentCredential> {
    return (await this.transport.get('/auth/currentCredential', { schema: CurrentCredentialSchema })).data;
  }

  /** Revokes the consumer key this client signs with (OVH's POST /auth/logout). */
  async logout(): Promise<void> {
    await this.transport.post('/auth/logout', { schema: z.unknown() });
  }

  private pageHeaders(page: number, fresh = false): Record<string, string> {
    const headers: Record<string, string> = { 'X-Pagination-Mode': PAGINATION_MODE, 'X-Pagination-Number': String(page), 'X-Pagination-Size': String(this.pageSize) };
    if (fresh) headers.Pragma = 'no-cache';
    return headers;
  }

  /** The fallback when OVH ignores the pagination header: one GET per id, bounded by the transport's limiter. */
  private async listServicesOneByOne(ids: number[], onProgress?: (loaded: number, total: number) => void): Promise<ServiceListing> {
    let loaded = 0;
    // The first real failure fails the listing; what is still queued is not sent.
    const abort = new AbortController();
    const results = await Promise.all(
      ids.map(async (id) => {
        try {
          return (await this.transport.get(`/services/${id}`, { schema: z.unknown(), signal: abort.signal })).data;
        } catch (error) {
          // A service terminated between the two calls is simply gone.
          if (error instanceof OvhApiError && error.kind === 'notFound') return undefined;
          abort.abort();
          throw error;
        } finally {
          onProgress?.(++loaded, ids.length);
        }
      }),
    );
    return { ...parseServices(results.filter((entry) => entry !== undefined)), mode: 'ids' };
  }
}

function parseServices(entries: readonly unknown[]): Omit<ServiceListing, 'mode'> {
  const services: ServiceSummary[] = [];
  const unreadable: Array<{ serviceId?: number; schemaPath: string }> = [];
  for (const entry of entries) {
    const result = ServiceSchema.safeParse(entry);
    if (result.success) {
      services.push(summarizeService(result.data));
    } else {
      const id = (entry as { serviceId?: unknown } | null)?.serviceId;
      unreadable.push({ serviceId: typeof id === 'number' ? id : undefined, schemaPath: schemaIssuePath(result.error.issues) });
    }
  }
  return { services, unreadable };
}
