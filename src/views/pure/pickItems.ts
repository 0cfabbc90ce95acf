/**
 * The entries of the "pick a service" quick pick (used by Compare Renew Strategies
 * from the palette and by the notification's "Renew…"): renewable services of every
 * account, soonest expiry first. Pure.
 */
import type { Translate } from '../../translate';
import { serviceKey } from '../../protocol/serviceRef';
import type { AccountServices } from './attention';
import { compareEntries } from './layout';
import { factsOf, isAttachedOption, type ServiceFacts } from './serviceFacts';
import { serviceDescription } from './serviceText';
import { productTypeText } from '../../format';

export interface PickEntry {
  readonly accountId: string;
  readonly serviceId: number;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/**
 * Terminated services and options listed with their parent are left out: OVH offers
 * nothing to renew for them (an option renews through its parent).
 */
export function pickEntries(
  accounts: ReadonlyArray<AccountServices & { readonly accountLabel: string }>,
  options: { now: Date; warningDays: number; locale: string; only?: ReadonlySet<string> },
  t: Translate,
): PickEntry[] {
  const all: Array<{ accountId: string; accountLabel: string; facts: ServiceFacts }> = [];
  for (const { accountId, accountLabel, services } of accounts) {
    const listed = new Set(services.map((service) => service.serviceId));
    for (const service of services) {
      if (isAttachedOption(service, listed)) continue;
      if (options.only && !options.only.has(serviceKey({ accountId, serviceId: service.serviceId }))) continue;
      const facts = factsOf(service, options.now, options.warningDays);
      if (facts.urgency === 'terminated') continue;
      all.push({ accountId, accountLabel, facts });
    }
  }
  const compare = compareEntries('expiry', options.locale);
  const several = accounts.length > 1;
  return all
    .sort((a, b) => compare(a.facts, b.facts))
    .map(({ accountId, accountLabel, facts }) => ({
      accountId,
      serviceId: facts.service.serviceId,
      label: facts.service.displayName,
      // The product type on the first line: a domain and its hosting often share a name.
      description: `${productTypeText(facts.service.type, t)} · ${serviceDescription(facts, options.locale, t)}`,
      detail: [facts.service.name, several ? accountLabel : undefined].filter(Boolean).join(' · '),
    }));
}
