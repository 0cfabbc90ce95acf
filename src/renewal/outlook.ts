/**
 * The renewal outlook: what renewals will cost, month by month, over the next
 * 12 or 36 months, computed from the `/services` listing alone (price of the
 * current period, renew period, next billing date). No request per service.
 *
 * Each service is billed on its next billing date (or its expiry when OVH sent
 * none), then once per renew period. Every date is OVH's calendar day, so a
 * renewal never moves to the previous month through a time-zone shift.
 * Amounts stay in integer ucents and are never added across currencies.
 */

import { ovhCalendarDay } from './dates';
import { addDuration, type Duration, monthsRatio, parseDuration } from './duration';
import { renewModeOf, willTerminate } from './expiry';
import { divideRoundHalfUp } from './money';

/** Automatic renewals will be charged; manual ones need an order; ending ones stop at expiry. */
export type OutlookKind = 'automatic' | 'manual' | 'ending';
export const OUTLOOK_KINDS: readonly OutlookKind[] = ['automatic', 'manual', 'ending'];
export const OUTLOOK_SPANS = [12, 36] as const;
export type OutlookSpan = (typeof OUTLOOK_SPANS)[number];

/** The flat view of a listed service the outlook reads (a ServiceSummary fits). */
export interface OutlookService {
  readonly serviceId: number;
  readonly type: string;
  readonly expirationDate?: string;
  readonly nextBillingDate?: string;
  readonly renewMode?: string;
  /** `billing.renew.current.period`; OVH leaves it empty on some manual services. */
  readonly renewPeriod?: string;
  readonly lifecycleState?: string;
  readonly pendingActions: readonly string[];
  readonly terminationDate?: string;
  /** `billing.pricing`: the price of one `duration`. */
  readonly pricing?: { readonly duration?: string; readonly ucents?: number; readonly currency?: string };
}

export interface OutlookCharge {
  readonly serviceId: number;
  readonly type: string;
  readonly kind: OutlookKind;
  /** YYYY-MM-DD, OVH's calendar day. */
  readonly date: string;
  readonly period: string;
  readonly ucents: number;
  readonly currency: string;
}

export interface OutlookMonth {
  /** YYYY-MM */
  readonly month: string;
  readonly charges: readonly OutlookCharge[];
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly automatic: number;
  readonly manual: number;
  readonly ending: number;
  /** Everything that renews if nothing changes: automatic + manual. */
  readonly withoutEnding: number;
  /** As if the services set to end were kept: automatic + manual + ending. */
  readonly withEnding: number;
}

export type SkipReason = 'terminated' | 'noDate' | 'noPrice' | 'noPeriod';

export interface Outlook {
  readonly span: number;
  readonly months: readonly OutlookMonth[];
  readonly totals: readonly CurrencyTotal[];
  /** Services left out, with why, so the view can say the outlook is incomplete. */
  readonly skipped: readonly { readonly serviceId: number; readonly reason: SkipReason }[];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
export const dayKey = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const monthKey = (d: Date): string => dayKey(d).slice(0, 7);

/** Whether OVH will charge, waits for an order, or lets the service end. */
export function outlookKind(service: OutlookService): OutlookKind {
  const lifecycle = { state: service.lifecycleState, pendingActions: service.pendingActions, terminationDate: service.terminationDate };
  if (willTerminate({ billing: { renew: { current: { mode: service.renewMode ?? null } }, lifecycle: { current: lifecycle } } })) return 'ending';
  // An unknown mode (an option, a value OVH adds later) needs a look: counted as manual.
  return renewModeOf({ billing: { renew: { current: { mode: service.renewMode ?? null } } } }) === 'automatic' ? 'automatic' : 'manual';
}

function scaled(duration: Duration, times: number): Duration {
  return { years: duration.years * times, months: duration.months * times, weeks: duration.weeks * times, days: duration.days * times };
}

/** The price of one renew period from the price of one pricing period, exact and half-up. */
export function pricePerPeriod(pricingUcents: number, pricingDuration: Duration, period: Duration): number {
  const p = monthsRatio(pricingDuration);
  const r = monthsRatio(period);
  return Number(divideRoundHalfUp(BigInt(pricingUcents) * r.numerator * p.denominator, r.denominator * p.numerator));
}

interface Plan {
  readonly first: Date;
  readonly period: Duration;
  readonly periodText: string;
  readonly ucents: number;
  readonly currency: string;
}

function planOf(service: OutlookService): Plan | SkipReason {
  if (service.lifecycleState === 'terminated') return 'terminated';
  const first = ovhCalendarDay(service.nextBillingDate) ?? ovhCalendarDay(service.expirationDate);
  if (first === undefined) return 'noDate';
  const pricing = service.pricing;
  const pricingDuration = parseDuration(pricing?.duration);
  const periodText = parseDuration(service.renewPeriod) !== undefined ? service.renewPeriod! : pricing?.duration;
  const period = parseDuration(periodText);
  if (period === undefined || periodText === undefined) return 'noPeriod';
  if (pricing?.ucents === undefined || !Number.isSafeInteger(pricing.ucents) || pricing.ucents < 0 || !pricing.currency || pricingDuration === undefined)
    return 'noPrice';
  return { first, period, periodText, ucents: pricePerPeriod(pricing.ucents, pricingDuration, period), currency: pricing.currency };
}

/** First day (UTC) of the month `offset` months after the month of `now`. */
function monthStart(now: Date, offset: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(now.getUTCFullYear(), now.getUTCMonth() + offset, 1);
  return d;
}

/** Billing dates of one plan inside [from, to), counted from the first date so month-end clamping never drifts. */
export function billingDates(first: Date, period: Duration, from: Date, to: Date): Date[] {
  const dates: Date[] = [];
  // Skip whole periods that end before the window (a stale date in the past) without walking them one by one.
  const months = Number(monthsRatio(period).numerator) / Number(monthsRatio(period).denominator);
  let k = first < from ? Math.max(0, Math.floor(((from.getTime() - first.getTime()) / 86_400_000 / 30.436875 / months) * 0.95) - 1) : 0;
  for (;;) {
    const date = addDuration(first, scaled(period, k));
    if (date >= to) return dates;
    if (date >= from) dates.push(date);
    k += 1;
  }
}

/**
 * The outlook for `span` months, starting with the month of `now`. Services set
 * to end appear once, on their expiry, as "ending" (they will not be charged).
 */
export function renewalOutlook(services: Iterable<OutlookService>, now: Date, span: number): Outlook {
  const from = monthStart(now, 0);
  const to = monthStart(now, span);
  const buckets = new Map<string, OutlookCharge[]>();
  for (let i = 0; i < span; i += 1) buckets.set(monthKey(monthStart(now, i)), []);
  const skipped: { serviceId: number; reason: SkipReason }[] = [];
  const totals = new Map<string, { automatic: bigint; manual: bigint; ending: bigint }>();
  for (const service of services) {
    const plan = planOf(service);
    if (typeof plan === 'string') {
      skipped.push({ serviceId: service.serviceId, reason: plan });
      continue;
    }
    const kind = outlookKind(service);
    const dates = billingDates(plan.first, plan.period, from, to);
    for (const date of kind === 'ending' ? dates.filter((d) => d.getTime() === plan.first.getTime()) : dates) {
      buckets.get(monthKey(date))!.push({
        serviceId: service.serviceId,
        type: service.type,
        kind,
        date: dayKey(date),
        period: plan.periodText,
        ucents: plan.ucents,
        currency: plan.currency,
      });
      const total = totals.get(plan.currency) ?? { automatic: 0n, manual: 0n, ending: 0n };
      total[kind] += BigInt(plan.ucents);
      totals.set(plan.currency, total);
    }
  }
  const toNumber = (value: bigint): number => {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('Outlook total exceeds the exact range');
    return Number(value);
  };
  return {
    span,
    // Days are YYYY-MM-DD: compared as they are (localeCompare took a seventh of a 5000-service outlook).
    months: [...buckets].map(([month, charges]) => ({
      month,
      charges: charges.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.serviceId - b.serviceId)),
    })),
    totals: [...totals].map(([currency, t]) => ({
      currency,
      automatic: toNumber(t.automatic),
      manual: toNumber(t.manual),
      ending: toNumber(t.ending),
      withoutEnding: toNumber(t.automatic + t.manual),
      withEnding: toNumber(t.automatic + t.manual + t.ending),
    })),
    skipped,
  };
}

/** One bar segment: the sum of a month's charges in one currency for a kind and product type. */
export interface MonthStack {
  readonly month: string;
  readonly segments: readonly { readonly kind: OutlookKind; readonly type: string; readonly ucents: number; readonly count: number }[];
  readonly total: number;
}

/** Per month, the charges of one currency grouped by kind then type, in a stable order. */
export function monthStacks(outlook: Outlook, currency: string): MonthStack[] {
  return outlook.months.map(({ month, charges }) => {
    const groups = new Map<string, { kind: OutlookKind; type: string; ucents: number; count: number }>();
    for (const c of charges) {
      if (c.currency !== currency) continue;
      const key = `${OUTLOOK_KINDS.indexOf(c.kind)}\u0000${c.type}`;
      const g = groups.get(key) ?? { kind: c.kind, type: c.type, ucents: 0, count: 0 };
      g.ucents += c.ucents;
      g.count += 1;
      groups.set(key, g);
    }
    const segments = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
    return { month, segments, total: segments.reduce((sum, s) => sum + s.ucents, 0) };
  });
}
