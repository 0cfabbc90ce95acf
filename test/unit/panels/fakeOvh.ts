import { OvhApiError, type Order, type OrderPaymentMethod, type RenewDescription, type ServiceSummary } from '../../../src/ovh';
import { defaultCard, orderNotFound, previewOrder, orderAsOvhGivesIt, renewalDetail } from '../../kit/orders';
import { CATALOG, catalogSummary, TAX, type CatalogService } from '../../kit/services';

/**
 * A small in-memory OVH for unit tests of the renew session: orders with details that
 * name the services they renew, a listing that can lag behind creation, POSTs that can
 * be held in flight or lose their answer after the server did the work, and a clock the
 * session's sleeps advance (no real waiting).
 */

/** A service of the fake's account (test/kit/services.ts). */
export type FakeService = CatalogService;

export interface FakeOrder {
  readonly orderId: number;
  readonly dateMs: number;
  expirationMs: number;
  readonly withTax: number;
  readonly services: readonly number[];
  paid: boolean;
  gone: boolean;
  /** When the payment was taken, by the fake clock. */
  paidAtMs?: number;
}

/**
 * lostAnswer: done, then the answer is lost (client timeout); timeoutNothingDone: nothing
 * done, client timeout; refused: a JSON 4xx refusal before acting; serverError: 502;
 * html408Acted / html408: OVH's front answers an HTML 408 page after or before passing the
 * request on; checkTimeoutActed: a JSON 400 "Check timeout. Please retry later" after acting.
 */
type Fault = 'lostAnswer' | 'timeoutNothingDone' | 'refused' | 'serverError' | 'html408Acted' | 'html408' | 'checkTimeoutActed';

export const SERVICES: readonly FakeService[] = CATALOG;

function timeout(method: string, path: string): OvhApiError {
  return new OvhApiError({ kind: 'timeout', method, path, errorCode: 'ETIMEDOUT' });
}

/** An HTML "408 Request Timeout" page from OVH's front: no JSON body, no class. */
function html408(method: string, path: string): OvhApiError {
  return new OvhApiError({ kind: 'timeout', method, path, status: 408 });
}

function checkTimeout(method: string, path: string): OvhApiError {
  return new OvhApiError({
    kind: 'badRequest',
    method,
    path,
    status: 400,
    errorClass: 'Client::BadRequest',
    serverMessage: 'Check timeout. Please retry later',
  });
}

export class FakeOvh {
  constructor(readonly services: readonly FakeService[] = SERVICES) {}

  clockMs = Date.parse('2026-11-01T10:00:00Z');
  readonly orders = new Map<number, FakeOrder>();
  private nextOrderId = 124_872_400;
  /** A new order appears in GET /me/order only this long after it was created. */
  listingDelayMs = 0;
  /** Every POST /service/{id}/renew (not dry runs) and every payment request received. */
  readonly orderPosts: Array<{ serviceId: number; services: readonly number[] }> = [];
  readonly payRequests: number[] = [];
  readonly listings: number[] = [];
  postFault: Fault | undefined;
  payFault: Fault | undefined;
  statusFails = false;
  /** A payment taken shows in the status only this long after (the bank settles late). */
  paySettleMs = 0;
  /** While true, a paid order stays `checking`: its delivery takes long. */
  deliveryHeld = false;
  /** GET /me/order/{id} answers 500. */
  getOrderFails = false;
  /** The dry run answers 500. */
  previewFails = false;
  /** Added to the price of created orders: OVH's price changed between preview and order. */
  priceDrift = 0;
  /** When set, order POSTs wait for it before answering. */
  postGate: Promise<void> | undefined;
  /** Runs when a payment request reaches the server. */
  duringPay: (() => void) | undefined;
  /** When set, payment requests wait for it on the server before taking effect. */
  payGate: Promise<void> | undefined;
  /** Runs while an order POST is on the server, before the order is created. */
  duringPost: (() => void) | undefined;

  now(): Date {
    return new Date(this.clockMs);
  }

  async sleep(ms: number): Promise<void> {
    this.clockMs += ms;
    await Promise.resolve();
  }

  /** An order created elsewhere (another window, the Control Panel, another machine). */
  seedOrder(services: readonly number[], withTax: number, atMs = this.clockMs): FakeOrder {
    const order: FakeOrder = { orderId: this.nextOrderId++, dateMs: atMs, expirationMs: atMs + 86_400_000, withTax, services, paid: false, gone: false };
    this.orders.set(order.orderId, order);
    return order;
  }

  summary(serviceId: number): ServiceSummary {
    return catalogSummary(this.services, serviceId);
  }

  private find(orderId: number, path: string): FakeOrder {
    const order = this.orders.get(orderId);
    if (!order || order.gone) throw orderNotFound(orderId, path);
    return order;
  }

  private status(order: FakeOrder): string {
    if (!order.paid || (order.paidAtMs ?? 0) + this.paySettleMs > this.clockMs) return 'notPaid';
    return this.deliveryHeld ? 'checking' : 'delivered';
  }

  /** The API as the session sees it (a structural RenewApi). */
  api() {
    return {
      getService: async (serviceId: number) => this.summary(serviceId),
      listRenewDescriptions: async (serviceId: number): Promise<RenewDescription[]> => {
        const service = this.services.find((candidate) => candidate.serviceId === serviceId);
        return [
          {
            renewPeriod: 'P1Y',
            strategies: (service?.strategies ?? []).map((strategy) => ({
              price: { currencyCode: 'EUR', text: `${strategy.price.toFixed(2)} €`, value: strategy.price },
              priceInUcents: strategy.price * 100_000_000,
              services: [...strategy.services],
              servicesDetails: strategy.services.map((id) => {
                const detail = this.services.find((candidate) => candidate.serviceId === id);
                return { serviceId: id, serviceName: detail?.name ?? null, serviceType: detail?.type ?? null };
              }),
            })),
          },
        ] as RenewDescription[];
      },
      previewRenew: async (serviceId: number, request: { duration: string; services: readonly number[] }): Promise<Order> => {
        if (this.previewFails) throw new OvhApiError({ kind: 'server', method: 'POST', path: `/service/${serviceId}/renew`, status: 500 });
        const price = this.priceOf(serviceId, request.services);
        return previewOrder(this.clockMs, price);
      },
      createRenewOrder: async (serviceId: number, request: { duration: string; services: readonly number[] }): Promise<Order> => {
        this.orderPosts.push({ serviceId, services: [...request.services] });
        if (this.postGate) await this.postGate;
        this.duringPost?.();
        const fault = this.postFault;
        const path = `/service/${serviceId}/renew`;
        if (fault === 'refused')
          throw new OvhApiError({ kind: 'badRequest', method: 'POST', path, status: 400, errorClass: 'Client::BadRequest', serverMessage: 'Invalid duration' });
        if (fault === 'timeoutNothingDone') throw timeout('POST', path);
        if (fault === 'html408') throw html408('POST', path);
        if (fault === 'serverError') throw new OvhApiError({ kind: 'server', method: 'POST', path: `/service/${serviceId}/renew`, status: 502 });
        const order = this.seedOrder(request.services, Math.round((this.priceOf(serviceId, request.services) + this.priceDrift) * 100) / 100);
        if (fault === 'lostAnswer') throw timeout('POST', path);
        if (fault === 'html408Acted') throw html408('POST', path);
        if (fault === 'checkTimeoutActed') throw checkTimeout('POST', path);
        return orderAsOvhGivesIt(order);
      },
      getOrder: async (orderId: number) => {
        if (this.getOrderFails) throw new OvhApiError({ kind: 'server', method: 'GET', path: `/me/order/${orderId}`, status: 500 });
        return orderAsOvhGivesIt(this.find(orderId, `/me/order/${orderId}`));
      },
      getOrderStatus: async (orderId: number) => {
        if (this.statusFails) throw timeout('GET', `/me/order/${orderId}/status`);
        return this.status(this.find(orderId, `/me/order/${orderId}/status`));
      },
      listOrderIds: async (from?: Date) => {
        this.listings.push(this.clockMs);
        return [...this.orders.values()]
          .filter((order) => !order.gone && order.dateMs + this.listingDelayMs <= this.clockMs && (from === undefined || order.dateMs >= from.getTime()))
          .map((order) => order.orderId);
      },
      listOrderDetailIds: async (orderId: number) => this.find(orderId, `/me/order/${orderId}/details`).services.map((_, index) => orderId * 10 + index + 1),
      getOrderDetail: async (orderId: number, detailId: number) => {
        const order = this.find(orderId, `/me/order/${orderId}/details/${detailId}`);
        const serviceId = order.services[detailId - orderId * 10 - 1];
        const service = this.services.find((candidate) => candidate.serviceId === serviceId);
        return renewalDetail(detailId, service);
      },
      listOrderPaymentMethods: async (): Promise<OrderPaymentMethod[]> => [defaultCard()],
      payOrder: async (orderId: number) => {
        this.payRequests.push(orderId);
        this.duringPay?.();
        if (this.payGate) await this.payGate;
        const path = `/me/order/${orderId}/pay`;
        const order = this.find(orderId, path);
        if (this.payFault === 'refused')
          throw new OvhApiError({
            kind: 'forbidden',
            method: 'POST',
            path,
            status: 403,
            errorClass: 'Client::Forbidden',
            serverMessage: "This order can't be paid with 'creditCard'",
          });
        if (this.payFault === 'timeoutNothingDone') throw timeout('POST', path);
        if (this.payFault === 'html408') throw html408('POST', path);
        if (order.paid)
          throw new OvhApiError({
            kind: 'conflict',
            method: 'POST',
            path,
            status: 409,
            errorClass: 'Client::Conflict',
            serverMessage: `Order ${orderId} has already been paid`,
          });
        order.paid = true;
        order.paidAtMs = this.clockMs;
        if (this.payFault === 'lostAnswer') throw timeout('POST', path);
        if (this.payFault === 'html408Acted') throw html408('POST', path);
        if (this.payFault === 'checkTimeoutActed') throw checkTimeout('POST', path);
      },
    };
  }

  private priceOf(serviceId: number, services: readonly number[]): number {
    const strategy = this.services
      .find((candidate) => candidate.serviceId === serviceId)
      ?.strategies.find((candidate) => candidate.services.length === services.length && candidate.services.every((id) => services.includes(id)));
    return Math.round((strategy?.price ?? 0) * TAX * 100) / 100;
  }
}
