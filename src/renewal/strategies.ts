/**
 * Side-by-side comparison of the renew options OVH offers for one service
 * (`GET /service/{serviceId}/renew`): one row per (renew period, strategy).
 *
 * Malformed entries are skipped and reported as issues so that one odd
 * entry never hides the valid ones.
 */

import { addDuration, compareDurations, type Duration, parseDuration, totalMonths } from './duration';
import { parseOvhDate } from './dates';
import { NO_CURRENCY, perMonthUcents, priceUcents } from './money';
import type { RenewDescription, RenewServiceDetail, RenewStrategy } from './types';

export interface RenewOptionRow {
  /** Unique per comparison: the renew period as sent by OVH, then the sorted service ids. */
  readonly key: string;
  /** The period exactly as OVH sent it; this is what a renew order must send back as `duration`. */
  readonly renewPeriod: string;
  readonly period: Duration;
  /** `totalMonths(period)`, for display and charts; comparisons use exact arithmetic. */
  readonly months: number;
  /** Service ids renewed, in OVH's order, without duplicates; a renew order sends these back. */
  readonly services: readonly number[];
  /** One entry per id of `services`, OVH's details when given, else just the id. */
  readonly servicesDetails: readonly RenewServiceDetail[];
  readonly totalUcents: number;
  /** OVH currency code; `N/A` when OVH sent none. */
  readonly currencyCode: string;
  /** `totalUcents` spread over `period`, rounded half-up to a whole ucent. */
  readonly perMonthUcents: number;
  /** The selected service's expiry after this renewal. */
  readonly newExpiry: Date;
  /** Whether the strategy renews the selected service. */
  readonly renewsSelected: boolean;
  /** Whether it also renews other services (a bundle, e.g. domain + hosting, or options). */
  readonly renewsMoreThanSelected: boolean;
  /** Lowest `perMonthUcents` among rows of the same currency; every tied row is flagged. */
  readonly cheapestPerMonth: boolean;
}

export type RenewOptionIssueKind =
  /** `renewPeriod` is not a usable ISO 8601 duration; the whole description is skipped. */
  | 'invalidPeriod'
  /** The strategy has no usable price. */
  | 'invalidPrice'
  /** The strategy lists no service. */
  | 'noServices'
  /** Same period and same set of services as an earlier row, which is kept. */
  | 'duplicate';

export interface RenewOptionIssue {
  readonly kind: RenewOptionIssueKind;
  /** The offending period as received (stringified if OVH sent a non-string). */
  readonly renewPeriod: string;
  readonly descriptionIndex: number;
  /** Absent when the whole description was skipped. */
  readonly strategyIndex?: number;
}

export interface RenewComparison {
  readonly rows: readonly RenewOptionRow[];
  readonly issues: readonly RenewOptionIssue[];
  /** The date each period is added to: the current expiry, or `now` when expired or unknown. */
  readonly baseDate: Date;
}

/** Ids of the strategy, falling back to its details when OVH omitted `services`. */
function strategyServiceIds(strategy: RenewStrategy): number[] {
  const listed = Array.isArray(strategy.services)
    ? strategy.services
    : Array.isArray(strategy.servicesDetails)
      ? strategy.servicesDetails.map((detail) => detail.serviceId)
      : [];
  return [...new Set(listed.filter((id) => Number.isSafeInteger(id)))];
}

function strategyDetails(ids: readonly number[], strategy: RenewStrategy): RenewServiceDetail[] {
  const byId = new Map<number, RenewServiceDetail>();
  for (const detail of Array.isArray(strategy.servicesDetails) ? strategy.servicesDetails : []) {
    if (!byId.has(detail.serviceId)) {
      byId.set(detail.serviceId, detail);
    }
  }
  return ids.map((serviceId) => byId.get(serviceId) ?? { serviceId });
}

/** Strategy-level `priceInUcents` first (the schema always has it), then the price object. */
function strategyUcents(strategy: RenewStrategy): number | undefined {
  if (typeof strategy.priceInUcents === 'number' && Number.isSafeInteger(strategy.priceInUcents)) {
    return strategy.priceInUcents;
  }
  if (strategy.price === null || strategy.price === undefined) {
    return undefined;
  }
  try {
    return priceUcents(strategy.price);
  } catch {
    return undefined;
  }
}

/** Flags the minimum per-month rows of each currency (all of them on a tie). */
function flagCheapest(rows: Omit<RenewOptionRow, 'cheapestPerMonth'>[]): RenewOptionRow[] {
  const minimum = new Map<string, number>();
  for (const row of rows) {
    const current = minimum.get(row.currencyCode);
    if (current === undefined || row.perMonthUcents < current) {
      minimum.set(row.currencyCode, row.perMonthUcents);
    }
  }
  return rows.map((row) => ({ ...row, cheapestPerMonth: row.perMonthUcents === minimum.get(row.currencyCode) }));
}

/**
 * Builds the comparison rows for the selected service.
 *
 * `expirationDate` is the selected service's current expiry; a missing or
 * unparseable one is treated like an expired service, renewed from `now`.
 * The cheapest flag compares the rounded `perMonthUcents` shown to the user,
 * so two rows that display the same per-month amount are never told apart.
 */
export function compareRenewStrategies(
  descriptions: readonly RenewDescription[],
  selectedServiceId: number,
  expirationDate: string | Date | null | undefined,
  now: Date,
): RenewComparison {
  if (Number.isNaN(now.getTime())) {
    throw new RangeError('compareRenewStrategies: invalid "now"');
  }
  const expiry = parseOvhDate(expirationDate);
  const baseDate = expiry !== undefined && expiry.getTime() > now.getTime() ? expiry : new Date(now.getTime());

  const rows: Omit<RenewOptionRow, 'cheapestPerMonth'>[] = [];
  const issues: RenewOptionIssue[] = [];
  const seenKeys = new Set<string>();

  descriptions.forEach((description, descriptionIndex) => {
    // Optional chaining although the type says non-null: fixtures and
    // benchmarks may feed JSON that no schema has checked.
    const renewPeriod = String(description?.renewPeriod);
    const period = parseDuration(description?.renewPeriod);
    if (period === undefined) {
      issues.push({ kind: 'invalidPeriod', renewPeriod, descriptionIndex });
      return;
    }
    const strategies = Array.isArray(description?.strategies) ? description.strategies : [];
    strategies.forEach((strategy, strategyIndex) => {
      const report = (kind: RenewOptionIssueKind): void => {
        issues.push({ kind, renewPeriod, descriptionIndex, strategyIndex });
      };
      const services = typeof strategy === 'object' && strategy !== null ? strategyServiceIds(strategy) : [];
      if (services.length === 0) {
        report('noServices');
        return;
      }
      const totalUcents = strategyUcents(strategy);
      if (totalUcents === undefined) {
        report('invalidPrice');
        return;
      }
      const key = `${renewPeriod}:${[...services].sort((a, b) => a - b).join(',')}`;
      if (seenKeys.has(key)) {
        report('duplicate');
        return;
      }
      let perMonth: number;
      try {
        perMonth = perMonthUcents(totalUcents, period);
      } catch {
        // Only a price so large that its per-day spread leaves the safe range.
        report('invalidPrice');
        return;
      }
      seenKeys.add(key);
      rows.push({
        key,
        renewPeriod,
        period,
        months: totalMonths(period),
        services,
        servicesDetails: strategyDetails(services, strategy),
        totalUcents,
        currencyCode: strategy.price?.currencyCode ?? NO_CURRENCY,
        perMonthUcents: perMonth,
        newExpiry: addDuration(baseDate, period),
        renewsSelected: services.includes(selectedServiceId),
        renewsMoreThanSelected: services.some((id) => id !== selectedServiceId),
      });
    });
  });

  return { rows: flagCheapest(rows), issues, baseDate };
}

export type SortDirection = 'ascending' | 'descending';

type Comparator<T> = (a: T, b: T) => number;

/** Stable sort into a new array; descending reverses the order, not the tie order. */
function stableSort<T>(rows: readonly T[], compare: Comparator<T>, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  // Array.prototype.sort is stable since ES2019; the comparator never reports
  // ties as inequalities, so equal rows keep their input order both ways.
  return [...rows].sort((a, b) => sign * compare(a, b));
}

/**
 * By total price. Amounts in different currencies are compared as numbers;
 * OVH quotes one account in one currency, so mixed lists are not expected.
 */
export function sortByTotal<T extends Pick<RenewOptionRow, 'totalUcents'>>(
  rows: readonly T[],
  direction: SortDirection = 'ascending',
): T[] {
  return stableSort(rows, (a, b) => a.totalUcents - b.totalUcents, direction);
}

/** By price per month (same caveat on currencies as `sortByTotal`). */
export function sortByPerMonth<T extends Pick<RenewOptionRow, 'perMonthUcents'>>(
  rows: readonly T[],
  direction: SortDirection = 'ascending',
): T[] {
  return stableSort(rows, (a, b) => a.perMonthUcents - b.perMonthUcents, direction);
}

/** By period length; `P1Y` and `P12M` tie. Sort by a secondary key first to break ties. */
export function sortByPeriod<T extends Pick<RenewOptionRow, 'period'>>(
  rows: readonly T[],
  direction: SortDirection = 'ascending',
): T[] {
  return stableSort(rows, (a, b) => compareDurations(a.period, b.period), direction);
}
