/**
 * Side-by-side comparison of the renew options OVH offers for one service
 * (`GET /service/{serviceId}/renew`): one row per (renew period, strategy).
 *
 * Malformed entries are skipped and reported as issues so that one odd
 * entry never hides the valid ones.
 */

import { compareDurations, type Duration, monthsRatio, parseDuration, totalMonths } from './duration';
import { divideRoundHalfUp, NO_CURRENCY, perMonthUcents, priceUcents } from './money';
import { countsFromPastExpiry, renewalBase, renewedExpiry } from './renewedExpiry';
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
  /** The selected service's expiry after this renewal (see `renewedExpiry`). */
  readonly newExpiry: Date;
  /** Calendar days from `now` to `newExpiry`. */
  readonly daysUntilNewExpiry: number;
  /** The date the period is added to (`RenewComparison.baseDate`). */
  readonly countedFrom: Date;
  /** `countedFrom` is an expiry already past: the user must be told what the new expiry counts from. */
  readonly countedFromPastExpiry: boolean;
  /** Whether the strategy renews the selected service. */
  readonly renewsSelected: boolean;
  /** Whether it also renews other services (a bundle, e.g. domain + hosting, or options). */
  readonly renewsMoreThanSelected: boolean;
  /**
   * The one row with the lowest `perMonthUcents` among the rows of the same currency that
   * renew the selected service (the rows the user compares).
   * On a tie no row is flagged: a badge on every row would say nothing.
   */
  readonly cheapestPerMonth: boolean;
  /**
   * What this period costs more (positive) or saves (negative) against renewing
   * as often as the shortest period of the same services and currency, over the
   * same length of time. Absent for that shortest period itself.
   */
  readonly versusShortest?: { readonly period: Duration; readonly differenceUcents: number };
}

type UnflaggedRow = Omit<RenewOptionRow, 'cheapestPerMonth' | 'versusShortest'>;

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
  /** The date each period is added to: the current expiry, even a past one; `now` only when unknown. */
  readonly baseDate: Date;
  /** `baseDate` is an expiry on an earlier day than `now`: say so where the user decides. */
  readonly countedFromPastExpiry: boolean;
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

/** Flags the strict minimum per-month row of each currency (none on a tie). */
function flagCheapest(rows: readonly UnflaggedRow[]): Set<UnflaggedRow> {
  const minimum = new Map<string, UnflaggedRow[]>();
  for (const row of rows) {
    const current = minimum.get(row.currencyCode);
    if (current === undefined || row.perMonthUcents < current[0].perMonthUcents) {
      minimum.set(row.currencyCode, [row]);
    } else if (row.perMonthUcents === current[0].perMonthUcents) {
      current.push(row);
    }
  }
  return new Set([...minimum.values()].filter((tied) => tied.length === 1).map(([row]) => row));
}

/** The shortest period renewing the same services in the same currency (the first one on a tie). */
function shortestOfSameKind(row: UnflaggedRow, rows: readonly UnflaggedRow[]): UnflaggedRow {
  const sameKind = (other: UnflaggedRow): boolean =>
    other.currencyCode === row.currencyCode && other.key.slice(other.renewPeriod.length) === row.key.slice(row.renewPeriod.length);
  return rows.filter(sameKind).reduce((shortest, other) => (compareDurations(other.period, shortest.period) < 0 ? other : shortest));
}

/** `row`'s total minus what the shortest period would cost over `row`'s length, exactly, rounded half-up. */
function versusShortest(row: UnflaggedRow, rows: readonly UnflaggedRow[]): RenewOptionRow['versusShortest'] {
  const shortest = shortestOfSameKind(row, rows);
  if (compareDurations(shortest.period, row.period) >= 0) return undefined;
  const long = monthsRatio(row.period);
  const short = monthsRatio(shortest.period);
  // shortest.total × (row length / shortest length), as one exact fraction.
  const scaled = divideRoundHalfUp(BigInt(shortest.totalUcents) * long.numerator * short.denominator, long.denominator * short.numerator);
  const difference = BigInt(row.totalUcents) - scaled;
  const asNumber = Number(difference);
  return Number.isSafeInteger(asNumber) ? { period: shortest.period, differenceUcents: asNumber } : undefined;
}

/**
 * Builds the comparison rows for the selected service.
 *
 * `expirationDate` is the selected service's current expiry. Every period is
 * added to it, even when it is past, as OVH does (`renewedExpiry`); a missing
 * or unparseable one counts from `now`.
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
  const baseDate = renewalBase(expirationDate, now).date;
  const countedFromPastExpiry = countsFromPastExpiry(expirationDate, now);

  const rows: UnflaggedRow[] = [];
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
      const renewed = renewedExpiry(expirationDate, period, now);
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
        newExpiry: renewed.newExpiry,
        daysUntilNewExpiry: renewed.daysUntilNewExpiry,
        countedFrom: renewed.countedFrom,
        countedFromPastExpiry: renewed.fromPastExpiry,
        renewsSelected: services.includes(selectedServiceId),
        renewsMoreThanSelected: services.some((id) => id !== selectedServiceId),
      });
    });
  });

  const cheapest = flagCheapest(rows.filter((row) => row.renewsSelected));
  const flagged = rows.map((row): RenewOptionRow => {
    const versus = versusShortest(row, rows);
    return { ...row, cheapestPerMonth: cheapest.has(row), ...(versus ? { versusShortest: versus } : {}) };
  });
  return { rows: flagged, issues, baseDate, countedFromPastExpiry };
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
export function sortByTotal<T extends Pick<RenewOptionRow, 'totalUcents'>>(rows: readonly T[], direction: SortDirection = 'ascending'): T[] {
  return stableSort(rows, (a, b) => a.totalUcents - b.totalUcents, direction);
}

/** By price per month (same caveat on currencies as `sortByTotal`). */
export function sortByPerMonth<T extends Pick<RenewOptionRow, 'perMonthUcents'>>(rows: readonly T[], direction: SortDirection = 'ascending'): T[] {
  return stableSort(rows, (a, b) => a.perMonthUcents - b.perMonthUcents, direction);
}

/** By period length; `P1Y` and `P12M` tie. Sort by a secondary key first to break ties. */
export function sortByPeriod<T extends Pick<RenewOptionRow, 'period'>>(rows: readonly T[], direction: SortDirection = 'ascending'): T[] {
  return stableSort(rows, (a, b) => compareDurations(a.period, b.period), direction);
}
