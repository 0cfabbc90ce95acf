/**
 * Turns one account's flat listing into what the tree shows: options under their
 * parent service, the filter applied, groups (product type, expiry bucket, or none)
 * and the sort order. Pure: the tree provider only maps this to TreeItems.
 */
import { SERVICE_TYPES, type ServiceSummary, type ServiceType } from '../../ovh';
import { compareNames } from '../../format';
import { matchesFilter } from './filterServices';
import { factsOf, type ServiceFacts, type Urgency } from './serviceFacts';
import type { GroupBy, ServiceFilter, SortBy } from './viewOptions';

export interface ServiceEntry {
  readonly facts: ServiceFacts;
  /** Options of this service that pass the filter, sorted like their parents. */
  readonly options: readonly ServiceEntry[];
}

export type GroupKey = ServiceType | Urgency;

export interface GroupEntry {
  readonly key: GroupKey;
  readonly entries: readonly ServiceEntry[];
}

export interface AccountLayout {
  /** Empty when groupBy is 'none'. */
  readonly groups: readonly GroupEntry[];
  /** Top-level entries when groupBy is 'none'; empty otherwise. */
  readonly entries: readonly ServiceEntry[];
  /** Services shown (options included), and in the listing. */
  readonly shown: number;
  readonly total: number;
}

export interface LayoutOptions {
  readonly groupBy: GroupBy;
  readonly sortBy: SortBy;
  readonly filter: ServiceFilter;
  readonly now: Date;
  readonly warningDays: number;
  readonly locale: string;
}

/** Product groups in the order a customer thinks of them; unknown routes land in "other". */
export const PRODUCT_ORDER: readonly ServiceType[] = SERVICE_TYPES;
export const URGENCY_ORDER: readonly Urgency[] = ['expired', 'critical', 'warning', 'ok', 'none', 'terminated'];

/** Terminated services go last: they are history, not something to act on. */
function expiryRank(facts: ServiceFacts): number {
  if (facts.urgency === 'terminated') return 2;
  return facts.status.expiresAt === undefined ? 1 : 0;
}

export function compareEntries(sortBy: SortBy, locale: string): (a: ServiceFacts, b: ServiceFacts) => number {
  // Its collator is made on the first tie of expiry dates (see compareNames).
  const names = compareNames(locale);
  const byName = (a: ServiceFacts, b: ServiceFacts): number => names(a.service.displayName, b.service.displayName) || a.service.serviceId - b.service.serviceId;
  if (sortBy === 'name') return byName;
  return (a, b) => expiryRank(a) - expiryRank(b) || (a.status.expiresAt?.getTime() ?? 0) - (b.status.expiresAt?.getTime() ?? 0) || byName(a, b);
}

export function layoutServices(services: readonly ServiceSummary[], options: LayoutOptions): AccountLayout {
  const compare = compareEntries(options.sortBy, options.locale);
  // Tree ids come from service ids: a duplicate in OVH's answer must not become a duplicate id.
  const seen = new Set<number>();
  const unique = services.filter((service) => !seen.has(service.serviceId) && seen.add(service.serviceId));
  const facts = unique.map((service) => factsOf(service, options.now, options.warningDays));
  const listed = seen;
  const optionsByParent = new Map<number, ServiceFacts[]>();
  const topLevel: ServiceFacts[] = [];
  for (const fact of facts) {
    const parentId = fact.service.parentServiceId;
    // An option whose parent is not in the listing is shown on its own rather than lost.
    if (parentId !== undefined && parentId !== fact.service.serviceId && listed.has(parentId)) {
      const siblings = optionsByParent.get(parentId) ?? [];
      siblings.push(fact);
      optionsByParent.set(parentId, siblings);
    } else {
      topLevel.push(fact);
    }
  }

  let shown = 0;
  const toEntry = (fact: ServiceFacts): ServiceEntry | undefined => {
    const visibleOptions = (optionsByParent.get(fact.service.serviceId) ?? [])
      .filter((option) => matchesFilter(option, options.filter))
      .sort(compare)
      .map((option): ServiceEntry => ({ facts: option, options: [] }));
    // A parent stays visible when one of its options matches, so the option keeps its context.
    if (visibleOptions.length === 0 && !matchesFilter(fact, options.filter)) return undefined;
    shown += 1 + visibleOptions.length;
    return { facts: fact, options: visibleOptions };
  };
  const entries = topLevel
    .sort(compare)
    .map(toEntry)
    .filter((entry): entry is ServiceEntry => entry !== undefined);

  if (options.groupBy === 'none') return { groups: [], entries, shown, total: unique.length };
  const keyOf = (entry: ServiceEntry): GroupKey => (options.groupBy === 'productType' ? entry.facts.service.type : entry.facts.urgency);
  const order: readonly GroupKey[] = options.groupBy === 'productType' ? PRODUCT_ORDER : URGENCY_ORDER;
  const byKey = new Map<GroupKey, ServiceEntry[]>();
  for (const entry of entries) {
    const key = order.includes(keyOf(entry)) ? keyOf(entry) : order[order.length - 1];
    const list = byKey.get(key) ?? [];
    list.push(entry);
    byKey.set(key, list);
  }
  const groups = order.filter((key) => byKey.has(key)).map((key): GroupEntry => ({ key, entries: byKey.get(key) ?? [] }));
  return { groups, entries: [], shown, total: unique.length };
}
