import { OvhApiError, type Order, type OrderPaymentMethod, type RenewDescription, type ServiceSummary } from '../../src/ovh';
import { defaultCard, orderNotFound, previewOrder, orderAsOvhGivesIt, renewalDetail } from '../kit/orders';
import { CATALOG, catalogSummary, TAX, type CatalogService } from '../kit/services';

/**
 * A simulated OVH for the model-based test of the money core. It keeps the truth the
 * invariants are checked against, whatever the code under test believes: every order that
 * exists (its services, duration, amount, whether it is a renewal), every order POST and
 * payment POST it received, from which window and view, and whether it acted on it. Each
 * call passes two gates of the test's scheduler (the request reaching OVH, the answer
 * reaching the window), so calls of several windows interleave in the order the scheduler
 * draws, and an answer can be lost after OVH acted.
 */

/** A service of the simulated account (test/kit/services.ts). */
export type SimService = CatalogService;

export { CATALOG, TAX };

/** Where a call comes from: the window and the view (panel or batch) that sent it. */
export interface Origin {
  readonly window: string;
  readonly view: string;
}

export interface SimOrder {
  readonly orderId: number;
  readonly dateMs: number;
  readonly expirationMs: number;
  readonly withTax: number;
  readonly services: readonly number[];
  /** A renewal of these services for one year; false for another kind of order naming them (a transfer, a creation). */
  readonly renewal: boolean;
  /** Created by the app (an order POST), or by someone else (Control Panel, another machine). */
  readonly origin: Origin | 'outside';
  /** OVH lists it in GET /me/order only from this time. */
  readonly listedFromMs: number;
  /** When it came to exist, in the event sequence. */
  readonly createdSeq: number;
  /** When a payment that acted first settles (status leaves notPaid), and when the order is delivered. */
  paidAtMs?: number;
  settleDelayMs: number;
  deliverDelayMs: number;
}

/** How an answer goes wrong. `acted`: OVH did the work before the answer went wrong. */
export type FaultKind =
  | 'refused400' // JSON 400, class Client::BadRequest: refused before acting
  | 'http408' // HTML 408 page from the front, after passing the request on
  | 'checkTimeout400' // 400 "Check timeout. Please retry later": acted
  | 'http502After' // 502 after acting
  | 'http503Before' // 503 before acting
  | 'timeoutBefore' // no answer, never reached OVH
  | 'timeoutAfter'; // no answer, OVH acted

export const FAULTS: readonly FaultKind[] = ['refused400', 'http408', 'checkTimeout400', 'http502After', 'http503Before', 'timeoutBefore', 'timeoutAfter'];

/** Whether OVH acted for a fault; a 408 acted when the front had passed the request on (drawn per fault). */
export function faultActs(kind: FaultKind, frontPassedOn: boolean): boolean {
  switch (kind) {
    case 'refused400':
    case 'http503Before':
    case 'timeoutBefore':
      return false;
    case 'http408':
      return frontPassedOn;
    default:
      return true;
  }
}

export interface OrderPost {
  readonly origin: Origin;
  readonly serviceId: number;
  readonly services: readonly number[];
  readonly atMs: number;
  readonly acted: boolean;
  readonly orderId?: number;
  readonly fault?: FaultKind;
  readonly seq: number;
}

export interface PaymentPost {
  readonly origin: Origin;
  readonly orderId: number;
  readonly atMs: number;
  /** OVH took the payment (a charge), whatever the window heard. */
  readonly acted: boolean;
  readonly fault?: FaultKind;
  readonly seq: number;
}

export interface Gates {
  /** Resolves when the scheduler lets this step of a call happen. */
  gate(label: string): Promise<void>;
  /** The window that is calling, from the async context. */
  origin(): Origin;
  /** The window is gone (crashed): its answers never arrive. */
  hangIfDead(origin: Origin): Promise<void>;
}

const START_MS = Date.parse('2026-11-01T10:00:00Z');

export class SimOvh {
  clockMs = START_MS;
  readonly orders = new Map<number, SimOrder>();
  readonly orderPosts: OrderPost[] = [];
  readonly payments: PaymentPost[] = [];
  /** Each answered GET /me/order: which view read the list of orders, and when in the event sequence. */
  readonly orderListings: Array<{ readonly view: string; readonly seq: number }> = [];
  /** Every event in one sequence, for "before/after" questions of the invariants. */
  seq = 0;
  private nextOrderId = 124_872_400;
  /** Price without tax of each strategy, by "serviceId:services": a price change moves it. */
  private readonly priceBump = new Map<number, number>();
  /** One-shot faults for the next call of each kind. */
  readonly nextFault: { order?: { kind: FaultKind; passedOn: boolean }; pay?: { kind: FaultKind; passedOn: boolean } } = {};
  /** The next order created appears in listings this late; its payment settles this late. */
  listingDelayMs = 0;
  settleDelayMs = 0;
  deliverDelayMs = 5_000;
  /** GET /auth/time fails (the code then uses its own clock). */
  timeFails = false;
  /** Payment POSTs in flight, by order id; order POSTs in flight (sent, not answered), by the view that sent them. */
  payInFlight = new Map<number, number>();
  /**
   * One count for "which came first" between a user's action and a payment being sent: when
   * each order's first payment was sent (see World.userActs).
   */
  moment = 0;
  readonly paySentAt = new Map<number, number>();
  readonly orderInFlight = new Map<string, readonly number[]>();

  constructor(
    private readonly gates: Gates,
    readonly services: readonly SimService[] = CATALOG,
  ) {}

  now(): Date {
    return new Date(this.clockMs);
  }

  advance(ms: number): void {
    this.clockMs += ms;
  }

  name(serviceId: number): string {
    return this.services.find((service) => service.serviceId === serviceId)?.name ?? `#${serviceId}`;
  }

  /** The price with tax OVH charges today for renewing `services` from `serviceId`'s panel. */
  priceOf(serviceId: number, services: readonly number[]): number {
    const strategy = this.services
      .find((candidate) => candidate.serviceId === serviceId)
      ?.strategies.find((candidate) => sameSet(candidate.services, services));
    const bump = services.reduce((sum, id) => sum + (this.priceBump.get(id) ?? 0), 0);
    return Math.round(((strategy?.price ?? 0) + bump) * TAX * 100) / 100;
  }

  changePrice(serviceId: number, by: number): void {
    this.priceBump.set(serviceId, (this.priceBump.get(serviceId) ?? 0) + by);
  }

  /** An order created outside the app: a renewal like ours, a bundle, or an order of another kind naming the service. */
  seedOrder(services: readonly number[], renewal: boolean, ageMs: number, withTax: number): SimOrder {
    const dateMs = this.clockMs - ageMs;
    return this.create(services, renewal, 'outside', dateMs, withTax, dateMs);
  }

  private create(services: readonly number[], renewal: boolean, origin: Origin | 'outside', dateMs: number, withTax: number, listedFromMs: number): SimOrder {
    const order: SimOrder = {
      orderId: this.nextOrderId++,
      dateMs,
      // OVH keeps an unpaid renewal order payable for a couple of weeks.
      expirationMs: dateMs + 14 * 86_400_000,
      withTax,
      services: [...services],
      renewal,
      origin,
      listedFromMs,
      createdSeq: this.seq + 1,
      settleDelayMs: this.settleDelayMs,
      deliverDelayMs: this.deliverDelayMs,
    };
    this.orders.set(order.orderId, order);
    this.seq++;
    return order;
  }

  status(order: SimOrder): string {
    if (order.paidAtMs === undefined) return this.clockMs >= order.expirationMs ? 'notPaid' : 'notPaid';
    const since = this.clockMs - order.paidAtMs;
    if (since < order.settleDelayMs) return 'notPaid';
    if (since < order.settleDelayMs + order.deliverDelayMs) return 'checking';
    return 'delivered';
  }

  /** Open: may still be paid or delivered (not delivered, not expired unpaid). */
  isOpen(order: SimOrder, atMs = this.clockMs): boolean {
    if (order.paidAtMs !== undefined) return this.status(order) !== 'delivered';
    return atMs < order.expirationMs;
  }

  private find(orderId: number, path: string): SimOrder {
    const order = this.orders.get(orderId);
    if (!order) throw orderNotFound(orderId, path);
    return order;
  }

  /** A GET: the request reaches OVH, OVH answers, the answer reaches the window. */
  private async read<T>(label: string, answer: () => T): Promise<T> {
    const origin = this.gates.origin();
    await this.gates.gate(`${origin.view} GET ${label}`);
    let result: { value: T } | { error: unknown };
    try {
      result = { value: answer() };
    } catch (error) {
      result = { error };
    }
    await this.gates.hangIfDead(origin);
    if ('error' in result) throw result.error;
    return result.value;
  }

  private faultError(kind: FaultKind, method: string, path: string): OvhApiError {
    switch (kind) {
      case 'refused400':
        return new OvhApiError({ kind: 'badRequest', method, path, status: 400, errorClass: 'Client::BadRequest', serverMessage: 'Invalid request' });
      case 'checkTimeout400':
        return new OvhApiError({ kind: 'badRequest', method, path, status: 400, serverMessage: 'Check timeout. Please retry later' });
      case 'http408':
        return new OvhApiError({ kind: 'timeout', method, path, status: 408 });
      case 'http502After':
        return new OvhApiError({ kind: 'server', method, path, status: 502 });
      case 'http503Before':
        return new OvhApiError({ kind: 'server', method, path, status: 503 });
      case 'timeoutBefore':
      case 'timeoutAfter':
        return new OvhApiError({ kind: 'timeout', method, path, errorCode: 'ETIMEDOUT' });
    }
  }

  /** The API as the sessions see it (a structural RenewApi). */
  api() {
    return {
      serverTime: async (): Promise<Date> =>
        this.read('/auth/time', () => {
          if (this.timeFails) throw new OvhApiError({ kind: 'timeout', method: 'GET', path: '/auth/time', errorCode: 'ETIMEDOUT' });
          return new Date(Math.floor(this.clockMs / 1000) * 1000);
        }),
      getService: async (serviceId: number): Promise<ServiceSummary> => this.read(`/services/${serviceId}`, () => this.summary(serviceId)),
      listRenewDescriptions: async (serviceId: number): Promise<RenewDescription[]> =>
        this.read(`/service/${serviceId}/renew`, () => this.descriptions(serviceId)),
      previewRenew: async (serviceId: number, request: { duration: string; services: readonly number[] }): Promise<Order> =>
        this.read(`dry-run /service/${serviceId}/renew`, () => previewOrder(this.clockMs, this.priceOf(serviceId, request.services))),
      createRenewOrder: async (serviceId: number, request: { duration: string; services: readonly number[] }): Promise<Order> => {
        const origin = this.gates.origin();
        const path = `/service/${serviceId}/renew`;
        this.orderInFlight.set(origin.view, [...request.services]);
        await this.gates.gate(`${origin.view} POST ${path}`);
        const fault = this.nextFault.order;
        this.nextFault.order = undefined;
        const acted = fault === undefined || faultActs(fault.kind, fault.passedOn);
        const order = acted
          ? this.create(request.services, true, origin, this.clockMs, this.priceOf(serviceId, request.services), this.clockMs + this.listingDelayMs)
          : undefined;
        this.orderPosts.push({
          origin,
          serviceId,
          services: [...request.services],
          atMs: this.clockMs,
          acted,
          orderId: order?.orderId,
          fault: fault?.kind,
          seq: ++this.seq,
        });
        // OVH has answered (or acted and lost the answer): from here the order, or the sender's
        // journal entry and lease, are what another window meets.
        this.orderInFlight.delete(origin.view);
        await this.gates.hangIfDead(origin);
        if (fault) throw this.faultError(fault.kind, 'POST', path);
        return orderAsOvhGivesIt(order as SimOrder);
      },
      getOrder: async (orderId: number) => this.read(`/me/order/${orderId}`, () => orderAsOvhGivesIt(this.find(orderId, `/me/order/${orderId}`))),
      getOrderStatus: async (orderId: number) => this.read(`/me/order/${orderId}/status`, () => this.status(this.find(orderId, `/me/order/${orderId}/status`))),
      listOrderIds: async (from?: Date) =>
        this.read('/me/order', () => {
          this.orderListings.push({ view: this.gates.origin().view, seq: this.seq });
          return [...this.orders.values()]
            .filter((order) => order.listedFromMs <= this.clockMs && (from === undefined || order.dateMs >= from.getTime()))
            .map((order) => order.orderId);
        }),
      listOrderDetailIds: async (orderId: number) =>
        this.read(`/me/order/${orderId}/details`, () => this.find(orderId, '/details').services.map((_, index) => orderId * 10 + index + 1)),
      getOrderDetail: async (orderId: number, detailId: number) =>
        this.read(`/me/order/${orderId}/details/${detailId}`, () => {
          const order = this.find(orderId, '/details');
          const serviceId = order.services[detailId - orderId * 10 - 1] ?? 0;
          const service = this.services.find((candidate) => candidate.serviceId === serviceId);
          return order.renewal
            ? renewalDetail(detailId, service)
            : { orderDetailId: detailId, description: `Transfert ${service?.name ?? ''}`, domain: service?.name ?? '', detailType: 'TRANSFER', quantity: '1' };
        }),
      listOrderPaymentMethods: async (): Promise<OrderPaymentMethod[]> => this.read('/me/payment/method', () => [defaultCard()]),
      payOrder: async (orderId: number): Promise<void> => {
        const origin = this.gates.origin();
        const path = `/me/order/${orderId}/pay`;
        this.payInFlight.set(orderId, (this.payInFlight.get(orderId) ?? 0) + 1);
        if (!this.paySentAt.has(orderId)) this.paySentAt.set(orderId, ++this.moment);
        await this.gates.gate(`${origin.view} POST ${path}`);
        this.payInFlight.set(orderId, (this.payInFlight.get(orderId) ?? 1) - 1);
        const fault = this.nextFault.pay;
        this.nextFault.pay = undefined;
        const order = this.orders.get(orderId);
        // OVH refuses to pay an order whose payment has settled; one still settling is charged again.
        const settled = order !== undefined && order.paidAtMs !== undefined && this.status(order) !== 'notPaid';
        const acted = order !== undefined && !settled && (fault === undefined || faultActs(fault.kind, fault.passedOn));
        if (acted && order.paidAtMs === undefined) order.paidAtMs = this.clockMs;
        this.payments.push({ origin, orderId, atMs: this.clockMs, acted, fault: fault?.kind, seq: ++this.seq });
        await this.gates.hangIfDead(origin);
        if (!order) throw new OvhApiError({ kind: 'notFound', method: 'POST', path, status: 404 });
        if (settled) throw new OvhApiError({ kind: 'conflict', method: 'POST', path, status: 409, serverMessage: `Order ${orderId} has already been paid` });
        if (fault) throw this.faultError(fault.kind, 'POST', path);
      },
    };
  }

  summary(serviceId: number): ServiceSummary {
    return { ...catalogSummary(this.services, serviceId), renewPeriod: 'P1Y' };
  }

  private descriptions(serviceId: number): RenewDescription[] {
    const service = this.services.find((candidate) => candidate.serviceId === serviceId);
    return [
      {
        renewPeriod: 'P1Y',
        strategies: (service?.strategies ?? []).map((strategy) => {
          const price = Math.round((this.priceOf(serviceId, strategy.services) / TAX) * 100) / 100;
          return {
            price: { currencyCode: 'EUR', text: `${price.toFixed(2)} €`, value: price },
            priceInUcents: Math.round(price * 100_000_000),
            services: [...strategy.services],
            servicesDetails: strategy.services.map((id) => ({
              serviceId: id,
              serviceName: this.name(id),
              serviceType: this.services.find((s) => s.serviceId === id)?.type ?? null,
            })),
          };
        }),
      },
    ] as RenewDescription[];
  }
}

export function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
