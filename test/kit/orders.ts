import { OvhApiError, type Order, type OrderPaymentMethod } from '../../src/ovh';
import { TAX, type CatalogService } from './services';

/**
 * An order as GET /me/order/{id} gives it: placed 2026-11-01, 12.00 EUR with tax (10.00 + 2.00),
 * no links, not retracted. Tests name only what they are about.
 */
export function order(orderId: number, over: Partial<Order> = {}): Order {
  return {
    orderId,
    date: '2026-11-01T10:00:01Z',
    expirationDate: '2026-11-02T10:00:00Z',
    pdfUrl: null,
    url: null,
    password: null,
    priceWithTax: { currencyCode: 'EUR', text: '12.00 €', value: 12 },
    priceWithoutTax: { currencyCode: 'EUR', text: '10.00 €', value: 10 },
    tax: { currencyCode: 'EUR', text: '2.00 €', value: 2 },
    retractionDate: null,
    ...over,
  };
}

/**
 * An order of a fake OVH as GET /me/order/{id} answers it: its page's links, a password, and the amounts in EUR,
 * `withTax` split into the price without tax (÷ TAX, to the cent) and the tax.
 */
export function orderAsOvhGivesIt(order: {
  readonly orderId: number;
  readonly dateMs: number;
  readonly expirationMs: number;
  readonly withTax: number;
}): Order {
  const withoutTax = Math.round((order.withTax / TAX) * 100) / 100;
  const money = (value: number): Order['priceWithTax'] => ({ currencyCode: 'EUR', text: `${value.toFixed(2)} €`, value });
  return {
    orderId: order.orderId,
    date: new Date(order.dateMs).toISOString(),
    expirationDate: new Date(order.expirationMs).toISOString(),
    pdfUrl: `https://www.ovh.com/cgi-bin/order/display.cgi?orderId=${order.orderId}`,
    url: `https://www.ovh.com/cgi-bin/order/display.cgi?orderId=${order.orderId}`,
    password: 'secret',
    priceWithTax: money(order.withTax),
    priceWithoutTax: money(withoutTax),
    tax: money(Math.round((order.withTax - withoutTax) * 100) / 100),
    retractionDate: null,
  } as Order;
}

/** A fake OVH's dry run of a renew order: the order it would place, numbered 0, dated and expiring at `atMs`. */
export function previewOrder(atMs: number, withTax: number): Order {
  return orderAsOvhGivesIt({ orderId: 0, dateMs: atMs, expirationMs: atMs, withTax });
}

/** OVH's 404 for an order that does not exist (or no longer does), on a GET of `path`. */
export function orderNotFound(orderId: number, path: string): OvhApiError {
  return new OvhApiError({
    kind: 'notFound',
    method: 'GET',
    path,
    status: 404,
    serverMessage: `The requested object (orderId = ${orderId}) does not exist`,
  });
}

/** A renewal order's detail (GET /me/order/{id}/details/{detailId}) for one year of `service`. */
export function renewalDetail(detailId: number, service: CatalogService | undefined) {
  return {
    orderDetailId: detailId,
    description: `Renouvellement ${service?.type ?? ''} - 1 an(s)`,
    domain: service?.name ?? '',
    detailType: 'RENEW',
    quantity: '1',
  };
}

/** The fake OVHs' one payment method (GET /me/payment/method): a valid card, the default; a fresh object each call. */
export function defaultCard(): OrderPaymentMethod {
  return { paymentMean: 'creditCard', paymentMeanId: 7, label: 'VISA •••• 4242', isDefault: true, status: 'VALID', selectable: true };
}
