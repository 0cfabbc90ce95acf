import * as z from 'zod/mini';
import { REQUIRED_ACCESS_RULES } from './accessRules';
import { OvhApiError } from './errors';
import { buildPaymentOptions, type PaymentOption } from './paymentOptions';
import {
  CredentialRequestSchema,
  CurrentCredentialSchema,
  IdListSchema,
  MeSchema,
  OrderDetailSchema,
  OrderSchema,
  OrderStatusSchema,
  ServerTimeSchema,
  PaymentMethodSchema,
  RegisteredPaymentMeanListSchema,
  RenewDescriptionListSchema,
  ServiceSchema,
  type AccessRule,
  type CredentialRequest,
  type CurrentCredential,
  type Me,
  type Order,
  type OrderDetail,
  type PaymentMethod,
  type RenewDescription,
} from './schemas';
import { schemaIssuePath } from './schemaIssue';
import { summarizeService, type ServiceSummary } from './serviceSummary';
import { OvhTransport, type TransportOptions } from './transport';

/** OVH's "iceberg" pagination: full objects per page instead of an id list. */
const PAGINATION_MODE = 'CachedObjectList-Pages';
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
  async listServices(onProgress?: (loaded: number, total: number) => void): Promise<ServiceListing> {
    const first = await this.transport.get('/services', { schema: unknownArray, headers: this.pageHeaders(1) });
    if (first.data.every((entry) => typeof entry === 'number')) {
      return this.listServicesOneByOne(first.data as number[], onProgress);
    }
    const total = Number(first.headers['x-pagination-elements'] ?? first.data.length);
    const pageCount = Number.isFinite(total) && total > first.data.length ? Math.ceil(total / this.pageSize) : 1;
    onProgress?.(first.data.length, total);
    let loaded = first.data.length;
    const rest = await Promise.all(
      Array.from({ length: pageCount - 1 }, async (_, index) => {
        const page = await this.transport.get('/services', { schema: unknownArray, headers: this.pageHeaders(index + 2) });
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

  async listRenewDescriptions(serviceId: number, includeOptions: boolean): Promise<RenewDescription[]> {
    return (await this.transport.get(`/service/${serviceId}/renew`, { schema: RenewDescriptionListSchema, query: { includeOptions } })).data;
  }

  /** The dry run: prices and taxes for a renewal, without creating an order. */
  async previewRenew(serviceId: number, request: RenewRequest): Promise<Order> {
    return this.renew(serviceId, request, true);
  }

  /** Creates a real order that will need paying. Call only after an explicit user confirmation. */
  async createRenewOrder(serviceId: number, request: RenewRequest): Promise<Order> {
    return this.renew(serviceId, request, false);
  }

  async getOrder(orderId: number): Promise<Order> {
    return (await this.transport.get(`/me/order/${orderId}`, { schema: OrderSchema })).data;
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

  /** The ways this order can be paid, with readable labels; the default method first. */
  async listPaymentOptions(orderId: number): Promise<PaymentOption[]> {
    const [accepted, methods] = await Promise.all([
      this.transport.get(`/me/order/${orderId}/availableRegisteredPaymentMean`, { schema: RegisteredPaymentMeanListSchema }),
      this.listPaymentMethods(),
    ]);
    return buildPaymentOptions(
      accepted.data.map((entry) => entry.paymentMean),
      methods,
    );
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
  async payOrder(orderId: number, option: Pick<PaymentOption, 'paymentMean' | 'paymentMeanId'>): Promise<void> {
    await this.transport.post(`/me/order/${orderId}/payWithRegisteredPaymentMean`, {
      schema: z.unknown(),
      body: option.paymentMeanId === undefined ? { paymentMean: option.paymentMean } : { paymentMean: option.paymentMean, paymentMeanId: option.paymentMeanId },
    });
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

  private async renew(serviceId: number, request: RenewRequest, dryRun: boolean): Promise<Order> {
    const body = { dryRun, duration: request.duration, services: [...request.services] };
    return (await this.transport.post(`/service/${serviceId}/renew`, { schema: OrderSchema, body })).data;
  }

  private pageHeaders(page: number): Record<string, string> {
    return { 'X-Pagination-Mode': PAGINATION_MODE, 'X-Pagination-Number': String(page), 'X-Pagination-Size': String(this.pageSize) };
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
