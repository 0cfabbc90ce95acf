import type { Order } from '../../src/ovh/schemas';

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
