import * as z from 'zod/mini';
import { REQUIRED_ACCESS_RULES, ruleGrants } from './accessRules';
import { isOwnOrderLink } from './endpoints';
import { offersNeedCurrency, readOffers } from './renewOffers';
import { listPaymentMethods, listOrderPaymentMethods } from './orderPayments';
import { paymentRequest, type OrderPaymentMethod } from './orderPaymentMethods';
import { isOvhApiError } from './errors';
import { FollowUpSchema, heldCheck, type HeldCheck } from './orderFollowUp';
import { ServiceInfosSchema, type RenewType, type ServiceInfos } from './productRenew';
import {
  CredentialRequestSchema,
  CurrentCredentialSchema,
  IdListSchema,
  MeSchema,
  OrderPreviewSchema,
  OrderDetailSchema,
  OrderSchema,
  OrderStatusSchema,
  ServerTimeSchema,
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
import { DEFAULT_PAGE_SIZE, listAllServices, type ServiceListing } from './serviceListing';
import { summarizeService, type ServiceSummary } from './serviceSummary';
import { OvhTransport, type TransportOptions } from './transport';

/** The body of PUT /services/{id} this extension sends (services.update.Service). */
export interface RenewSettingsUpdate {
  readonly renew?: { readonly mode: 'automatic' | 'manual'; readonly period?: string };
  readonly terminationPolicy?: 'empty' | 'terminateAtExpirationDate';
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

  constructor(
    options: TransportOptions,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {
    this.transport = new OvhTransport(options);
  }

  dispose(): void {
    this.transport.dispose();
  }

  async me(): Promise<Me> {
    return (await this.transport.get('/me', { schema: MeSchema })).data;
  }

  /** Every service of the account, in as few requests as OVH allows (see serviceListing.ts); `fresh` bypasses OVH's list cache. */
  async listServices(onProgress?: (loaded: number, total: number) => void, options: { fresh?: boolean } = {}): Promise<ServiceListing> {
    return listAllServices(this.transport, this.pageSize, onProgress, options.fresh === true);
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

  /**
   * PUT /services/{id}/billing/engagement/endRule: how a committed service ends (CANCEL_SERVICE)
   * or is committed again, as OVH's Control Panel changes it. After an explicit confirmation only; read the service back.
   */
  async updateEngagementEndRule(serviceId: number, strategy: string): Promise<void> {
    await this.transport.put(`/services/${serviceId}/billing/engagement/endRule`, { schema: z.unknown(), body: { strategy } });
  }

  /** GET {route}/serviceInfos: the product's own renew settings and the periods it offers (in months). */
  async serviceInfos(path: string): Promise<ServiceInfos> {
    return (await this.transport.get(path, { schema: ServiceInfosSchema })).data;
  }

  /** PUT {route}/serviceInfos with `renew`: how the Control Panel changes renew mode and period. After an explicit confirmation only; read the service back. */
  async updateServiceInfos(path: string, body: { renew: RenewType }): Promise<void> {
    await this.transport.put(path, { schema: z.unknown(), body });
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
    return {
      date: answer.date,
      expirationDate: answer.expirationDate,
      priceWithTax: answer.priceWithTax,
      priceWithoutTax: answer.priceWithoutTax,
      tax: answer.tax,
      retractionDate: answer.retractionDate,
    };
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

  /** GET /me/order/{id}/followUp: the check OVH holds a paid order for, if any; a 404 (no history yet) is none. */
  async orderHeldCheck(orderId: number): Promise<HeldCheck | undefined> {
    try {
      return heldCheck((await this.transport.get(`/me/order/${orderId}/followUp`, { schema: FollowUpSchema })).data);
    } catch (error) {
      if (isOvhApiError(error) && error.kind === 'notFound') return undefined;
      throw error;
    }
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
   * The ways this order can be paid, with readable labels; the default method first
   * (see orderPayments.ts for which methods are offered).
   */
  async listOrderPaymentMethods(orderId: number): Promise<OrderPaymentMethod[]> {
    return listOrderPaymentMethods(this, orderId);
  }

  async listPaymentMethods(): Promise<PaymentMethod[]> {
    return listPaymentMethods(this.transport, this.pageSize);
  }

  /** Pays an order. Sent once, never retried: a retry could charge twice. */
  async payOrder(orderId: number, option: Pick<OrderPaymentMethod, 'paymentMean' | 'paymentMeanId' | 'paymentMethodId'>): Promise<void> {
    const { path, body } = paymentRequest(orderId, option as OrderPaymentMethod);
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
}
