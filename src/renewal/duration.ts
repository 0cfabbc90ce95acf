/**
 * ISO 8601 durations as OVH uses them for renew periods (`P1M`, `P1Y`, ...).
 *
 * Only the calendar designators Y, M, W and D are accepted, in that order,
 * each a non-negative integer: renew periods never carry a time part or
 * fractions. Durations that add up to zero are rejected because a renew
 * period of zero length has no meaningful price per month.
 */

/**
 * A parsed duration: non-negative integer components, kept as written
 * (`P12M` stays 12 months, not 1 year).
 */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
}

/**
 * Upper bound for each component. It keeps `addDuration` far inside the range
 * of `Date` and keeps every derived product of ucents well inside BigInt-cheap
 * sizes; real renew periods are a few years at most.
 */
export const MAX_DURATION_COMPONENT = 9999;

/**
 * Length of the average Gregorian month in days (365.2425 / 12), used to turn
 * days and weeks into months. Expressed as the exact ratio 48699 / 1600 so
 * that month counts stay rational and comparisons stay exact.
 */
export const DAYS_PER_MONTH = 30.436875;
const UNITS_PER_MONTH = 48699n;
const UNITS_PER_DAY = 1600n;

/** Thrown by `parseDurationOrThrow`; carries the rejected input so the UI can localize its own message. */
export class DurationSyntaxError extends RangeError {
  constructor(readonly input: unknown) {
    super(
      `Invalid renew period ${JSON.stringify(input)}: expected an ISO 8601 duration made of ` +
        `Y/M/W/D parts with a non-zero total, e.g. P1M, P1Y, P1Y6M, P30D or P1W`,
    );
    this.name = 'DurationSyntaxError';
  }
}

const DURATION_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

// A listing of thousands of services has a handful of distinct periods; the outlook parses each
// service's two or three of them on every paint. Durations are immutable, so parsed ones are shared.
const parsed = new Map<string, Duration | undefined>();
const PARSED_LIMIT = 256;

/** Parses an ISO 8601 renew period; returns `undefined` for anything else (never throws). */
export function parseDuration(text: unknown): Duration | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  if (parsed.has(text)) return parsed.get(text);
  const duration = parseDurationText(text);
  if (parsed.size < PARSED_LIMIT) parsed.set(text, duration === undefined ? undefined : Object.freeze(duration));
  return duration;
}

function parseDurationText(text: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(text);
  // "P" alone matches the pattern with every group empty.
  if (match === null || text === 'P') {
    return undefined;
  }
  const [years, months, weeks, days] = match.slice(1).map((group) => (group === undefined ? 0 : Number(group)));
  const components = [years, months, weeks, days];
  if (components.some((n) => n > MAX_DURATION_COMPONENT) || components.every((n) => n === 0)) {
    return undefined;
  }
  return { years, months, weeks, days };
}

/** Like `parseDuration` but throws a `DurationSyntaxError` naming the bad input. */
export function parseDurationOrThrow(text: unknown): Duration {
  const duration = parseDuration(text);
  if (duration === undefined) {
    throw new DurationSyntaxError(text);
  }
  return duration;
}

/** Canonical ISO 8601 text: zero components omitted, others kept as they are (`P12M` stays `P12M`). */
export function formatIsoDuration(duration: Duration): string {
  const parts: string[] = [];
  if (duration.years !== 0) parts.push(`${duration.years}Y`);
  if (duration.months !== 0) parts.push(`${duration.months}M`);
  if (duration.weeks !== 0) parts.push(`${duration.weeks}W`);
  if (duration.days !== 0) parts.push(`${duration.days}D`);
  return `P${parts.length === 0 ? '0D' : parts.join('')}`;
}

/** Exact length in months as a fraction; days count as 1 / `DAYS_PER_MONTH` month each. */
export interface MonthsRatio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function monthsRatio(duration: Duration): MonthsRatio {
  const wholeMonths = BigInt(duration.years * 12 + duration.months);
  const days = BigInt(duration.weeks * 7 + duration.days);
  if (days === 0n) {
    return { numerator: wholeMonths, denominator: 1n };
  }
  return { numerator: wholeMonths * UNITS_PER_MONTH + days * UNITS_PER_DAY, denominator: UNITS_PER_MONTH };
}

/**
 * Length in months: exact for years and months; days and weeks use the
 * average Gregorian month, so `P30D` is about 0.9857 months and `P1W` about 0.23.
 */
export function totalMonths(duration: Duration): number {
  const { numerator, denominator } = monthsRatio(duration);
  return Number(numerator) / Number(denominator);
}

/** Orders durations by length (exactly, via `monthsRatio`); `P1Y` and `P12M` compare equal. */
export function compareDurations(a: Duration, b: Duration): number {
  const ra = monthsRatio(a);
  const rb = monthsRatio(b);
  const left = ra.numerator * rb.denominator;
  const right = rb.numerator * ra.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

const MS_PER_DAY = 86_400_000;

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Computed by hand because Date.UTC maps years 0-99 to 1900-1999.
function daysInMonth(year: number, monthIndex: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthIndex === 1 && leap ? 29 : MONTH_LENGTHS[monthIndex];
}

/**
 * Adds a duration in UTC. Years and months move the calendar month and clamp
 * the day to the target month's length (Jan 31 + P1M = Feb 28/29, Feb 29 +
 * P1Y = Feb 28), then weeks and days add exact 24-hour days. The time of day
 * is preserved. Larger units first is the order ISO 8601 and Temporal use.
 * Like Temporal, the result is monotonic in `date` only among dates at the
 * same time of day: clamping makes Jan 30 23:00 + P1M later than
 * Jan 31 00:00 + P1M.
 */
export function addDuration(date: Date, duration: Duration): Date {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('addDuration: invalid date');
  }
  const monthIndex = date.getUTCMonth() + duration.years * 12 + duration.months;
  const targetYear = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(targetYear, targetMonth));
  const shifted = new Date(time);
  shifted.setUTCFullYear(targetYear, targetMonth, day);
  return new Date(shifted.getTime() + (duration.weeks * 7 + duration.days) * MS_PER_DAY);
}
