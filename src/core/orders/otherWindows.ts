import type { Lease, LeaseHolder } from './leaseFiles';
import type { PaymentFlow } from './paymentFlow';
import type { RenewSession } from './renewSession';
import type { KnownOrder, Step } from './renewSteps';

/**
 * What a renew session does about the other windows and panels that may act on the same services: the
 * lease it takes before an order or a payment (one key per service, `identity:serviceId`), the "elsewhere"
 * step while another one holds such a lease, and following that step until the lease ends, when the
 * session looks again and shows where things stand.
 */
export class OtherWindows {
  constructor(
    private readonly s: RenewSession,
    private readonly payments: PaymentFlow,
  ) {}

  private leaseKeys(services: readonly number[]): string[] {
    return services.map((id) => `${this.s.deps.identity}:${id}`);
  }

  elsewhereText(): string {
    return this.s.deps.t('An order or payment for this service is being placed in another window or panel. This panel shows the outcome once it is done.');
  }

  /** The other window or panel holding a lease on any of these services, if one does. */
  holder(services: readonly number[]): Promise<LeaseHolder | undefined> {
    return this.s.deps.leases.holder(this.leaseKeys(services), this.s.deps.owner);
  }

  /** Another window or panel holds a lease on these services, or the journal has an order for them. */
  async takeLease(services: readonly number[], paying?: KnownOrder): Promise<Lease | undefined> {
    const taken = await this.s.deps.leases.acquire(this.leaseKeys(services), this.s.deps.owner);
    if ('lease' in taken) return taken.lease;
    this.s.deps.log.info(`Service ${this.s.deps.serviceId}: ${taken.heldBy.owner} is placing or paying an order for it; following.`);
    this.goElsewhere(services, paying);
    return undefined;
  }

  /** Another window or panel holds a lease on these services: say so and follow it. */
  goElsewhere(services: readonly number[], paying?: KnownOrder): void {
    this.s.go({ kind: 'elsewhere', services, known: paying }, { notice: this.elsewhereText() });
  }

  /**
   * While another window places or pays an order for these services, this panel waits for
   * its lease to end, then shows where things stand (the order it created, paid or not),
   * so both windows end showing the same truth without the user pressing anything.
   */
  async followElsewhere(step: Step & { kind: 'elsewhere' }): Promise<void> {
    const s = this.s;
    const wait = s.deps.whenLeasesFree;
    if (!wait) return;
    try {
      await wait(this.leaseKeys(step.services), s.deps.owner, () => s.isDisposed || s.currentStep !== step);
      if (s.isDisposed || s.currentStep !== step) return;
      // Met while paying: the other window paid it, or its payment left it unpaid.
      if (step.known && (await this.payments.paidMeanwhile(step.known))) return;
      await s.start();
      // Unless yet another window holds a lease now: then this panel says so, and follows again.
      if (s.currentStep.kind !== 'elsewhere') s.addNotice(s.deps.t('The other window or panel has finished: this panel shows where things stand now.'));
    } catch (error) {
      s.deps.log.warn(`Could not follow the other window's order for service ${s.deps.serviceId}: ${String(error)}`);
    }
  }
}
