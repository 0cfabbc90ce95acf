import { DAY_MS, parisMidnight } from './dates';
import { generateAccount, generateServices } from './generator';
import type { Account, Ledger, OrderRecord, PaymentMethodRecord, ServiceRecord } from './model';
import { seedPaymentMethods } from './payments';
import { Prng } from './prng';
import { periodCents } from './catalog';
import { taxCents } from './money';

export interface StateOptions {
  readonly seed: number;
  readonly services: number;
  /** "Today" for the generator: expiry buckets (expired, within 7/30 days) are relative to it. */
  readonly anchorMs: number;
}

/** Everything `POST /__sandbox/reset` restores: account, services, payment methods, orders, ledger. */
export class SandboxState {
  readonly account: Account;
  readonly services: ServiceRecord[];
  readonly paymentMethods: PaymentMethodRecord[];
  readonly orders = new Map<number, OrderRecord>();
  readonly ledger: Ledger = { orders: [], payments: [] };
  /** Order ids and passwords come from their own stream so they do not shift the account. */
  readonly orderPrng: Prng;
  nextOrderId: number;
  private readonly byId = new Map<number, ServiceRecord>();

  constructor(readonly options: StateOptions) {
    const prng = new Prng(options.seed);
    this.account = generateAccount(prng);
    this.services = generateServices(prng, options.services, options.anchorMs);
    for (const s of this.services) this.byId.set(s.serviceId, s);
    this.paymentMethods = seedPaymentMethods(prng, this.account, options.anchorMs);
    this.orderPrng = new Prng(options.seed ^ 0x5eed0de7);
    this.nextOrderId = 120_000_000 + this.orderPrng.int(0, 9_999_999);
    this.seedHistory();
  }

  readonly lookup = (serviceId: number): ServiceRecord | undefined => this.byId.get(serviceId);

  takeOrderId(): number {
    const id = this.nextOrderId;
    this.nextOrderId += this.orderPrng.int(1, 25);
    return id;
  }

  /** A few delivered orders in the past, so /me/order is not empty and date filters matter. */
  private seedHistory(): void {
    const candidates = this.services.filter((s) => s.kind === 'domain' && s.lifecycleState === 'active');
    const card = this.paymentMethods.find((m) => m.isDefault);
    const today = parisMidnight(this.options.anchorMs);
    [300, 120, 45].forEach((daysAgo, i) => {
      const s = candidates[i];
      if (!s) return;
      const cents = periodCents(s.plan, 'P1Y');
      const dateMs = today - daysAgo * DAY_MS + 10 * 3_600_000;
      const orderId = this.takeOrderId();
      this.orders.set(orderId, {
        orderId,
        password: this.orderPrng.token(4),
        dateMs,
        expirationMs: dateMs + DAY_MS,
        withoutTaxCents: cents,
        taxCents: taxCents(cents),
        serviceId: s.serviceId,
        duration: 'P1Y',
        services: [s.serviceId],
        lines: [{ serviceId: s.serviceId, cents }],
        payment: { paymentMean: 'creditCard', paymentMeanId: card?.paymentMeanId ?? null, atMs: dateMs + 60_000 },
        delivered: true,
        seeded: true,
      });
    });
  }
}
