/**
 * The rows of "Renew Expiring Services…": every service of the chosen scope, soonest
 * expiry first, each with the tree's words for its expiry and its product type (a domain
 * and its hosting share a name). Pure.
 */
import { knownName, type ServiceSummary } from '../../ovh';
import { inScope, type ExpiringScope } from '../../renewal';
import type { Translate } from '../../translate';
import { compareEntries } from '../../views/pure/layout';
import { factsOf, type ServiceFacts } from '../../views/pure/serviceFacts';
import { treeDescription } from '../../views/pure/serviceText';
import { productTypeText } from '../../format';

export interface ExpiringAccount {
  readonly accountId: string;
  readonly accountLabel: string;
  readonly services: readonly ServiceSummary[];
}

export interface ExpiringPick {
  readonly accountId: string;
  readonly serviceId: number;
  readonly label: string;
  readonly description: string;
  readonly detail: string | undefined;
}

export function expiringPicks(
  accounts: readonly ExpiringAccount[],
  scope: ExpiringScope,
  options: { readonly now: Date; readonly warningDays: number; readonly locale: string },
  t: Translate,
): ExpiringPick[] {
  const all: Array<{ account: ExpiringAccount; facts: ServiceFacts }> = [];
  for (const account of accounts) {
    for (const service of account.services) {
      if (service.lifecycleState === 'terminated' || !inScope(service, scope, options.now, options.warningDays)) continue;
      all.push({ account, facts: factsOf(service, options.now, options.warningDays) });
    }
  }
  // The tree's order: soonest expiry first, the same day then by name.
  const compare = compareEntries('expiry', options.locale);
  const several = accounts.length > 1;
  return all
    .sort((a, b) => compare(a.facts, b.facts))
    .map(({ account, facts }) => {
      const { service } = facts;
      const label = knownName(service);
      return {
        accountId: account.accountId,
        serviceId: service.serviceId,
        label,
        description: `${productTypeText(service.type, t)} · ${treeDescription(facts, options.locale, t)}`,
        detail: several ? account.accountLabel : service.name !== label ? service.name : undefined,
      };
    });
}
