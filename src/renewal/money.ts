/**
 * Money as integer micro-cents ("ucents"), OVH's own exact unit:
 * 1 currency unit = 100,000,000 ucents, so 3.50 EUR is 350000000.
 *
 * Amounts are plain `number`s that must be safe integers; every step that
 * could leave the safe range (products, sums, scaling) runs in BigInt and is
 * checked before converting back, so no result is ever silently rounded by
 * floating point.
 */

import { type Duration, monthsRatio } from './duration';
import type { OvhPrice } from './types';

export const UCENTS_PER_UNIT = 100_000_000;
const UCENTS_DIGITS = 8;
const UCENTS_PER_UNIT_BIG = 100_000_000n;

/** An amount with its OVH currency code (`EUR`, `USD`, ..., or the non-ISO `N/A` and `points`). */
export interface Money {
  readonly ucents: number;
  readonly currencyCode: string;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} exceeds the safe integer range: ${value} ucents`);
  }
  return Number(value);
}

function requireSafeInteger(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of ucents, got ${value}`);
  }
  return BigInt(value);
}

/**
 * Integer division rounding half away from zero (the "half-up" of accounting
 * and Java's `RoundingMode.HALF_UP`), so a credit and a charge of the same
 * size round symmetrically. `divisor` must be positive.
 */
export function divideRoundHalfUp(dividend: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) {
    throw new RangeError('divideRoundHalfUp: divisor must be positive');
  }
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const doubled = remainder < 0n ? -remainder * 2n : remainder * 2n;
  if (doubled >= divisor) {
    return dividend < 0n ? quotient - 1n : quotient + 1n;
  }
  return quotient;
}

// Exponents beyond this cannot yield a safe integer of ucents (or round to zero),
// and bounding them keeps the BigInt powers below cheap.
const MAX_DECIMAL_EXPONENT = 400;
const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Converts a decimal amount in currency units to ucents by reading its
 * decimal digits, not by multiplying a double: `String(37.87)` is "37.87",
 * whereas `37.87 * 1e8` is 3786999999.9999995. Numbers are read through
 * `String()`, which yields the shortest decimal that round-trips, i.e. what
 * the JSON contained. Digits beyond the 8th decimal round half-up.
 */
export function decimalToUcents(value: number | string): number {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`Not a finite amount: ${value}`);
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL_PATTERN.exec(text);
  const integerDigits = match?.[2] ?? '';
  const fractionDigits = match?.[3] ?? '';
  if (match === null || integerDigits.length + fractionDigits.length === 0) {
    throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  }
  const exponent = Number(match[4] ?? '0');
  if (exponent > MAX_DECIMAL_EXPONENT) {
    throw new RangeError(`Amount too large: ${text}`);
  }
  const sign = match[1] === '-' ? -1n : 1n;
  const digits = BigInt(integerDigits + fractionDigits) * sign;
  const scale = exponent - fractionDigits.length + UCENTS_DIGITS;
  if (scale < -MAX_DECIMAL_EXPONENT) {
    return 0;
  }
  const ucents = scale >= 0 ? digits * 10n ** BigInt(scale) : divideRoundHalfUp(digits, 10n ** BigInt(-scale));
  return toSafeNumber(ucents, 'Amount');
}

/**
 * Exact amount of an OVH price: `priceInUcents` when OVH sent it, otherwise
 * `value` converted by its decimal digits. Throws a RangeError when neither is
 * usable (OVH's own guide shows prices with only `value`, never with neither).
 */
export function priceUcents(price: OvhPrice): number {
  if (typeof price.priceInUcents === 'number' && Number.isSafeInteger(price.priceInUcents)) {
    return price.priceInUcents;
  }
  if (typeof price.value === 'number') {
    return decimalToUcents(price.value);
  }
  throw new RangeError('Price has neither priceInUcents nor value');
}

/** Exact decimal text of an amount in currency units, e.g. 350000000 → "3.50000000". */
export function ucentsToDecimalString(ucents: number): string {
  const amount = requireSafeInteger(ucents, 'Amount');
  const magnitude = amount < 0n ? -amount : amount;
  const units = magnitude / UCENTS_PER_UNIT_BIG;
  const fraction = (magnitude % UCENTS_PER_UNIT_BIG).toString().padStart(UCENTS_DIGITS, '0');
  return `${amount < 0n ? '-' : ''}${units}.${fraction}`;
}

/**
 * Converts a positive finite double to an exact fraction. Every finite double
 * is m / 2^k; doubling is exact in binary floating point, so doubling until
 * the value is an integer recovers m and k without any rounding.
 */
function exactFraction(value: number): { numerator: bigint; denominator: bigint } {
  let scaled = value;
  let denominator = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return { numerator: BigInt(scaled), denominator };
}

/**
 * Price per month, rounded half-up to a whole ucent. `months` is either a
 * number of months (any positive finite number; fractional values are used
 * exactly as given) or a `Duration`, whose day and week parts count through
 * the average Gregorian month (see `totalMonths`). The product total x
 * denominator runs in BigInt because it easily exceeds 2^53.
 */
export function perMonthUcents(totalUcents: number, months: number | Duration): number {
  const total = requireSafeInteger(totalUcents, 'Total');
  let ratio: { numerator: bigint; denominator: bigint };
  if (typeof months === 'number') {
    if (!Number.isFinite(months) || months <= 0) {
      throw new RangeError(`Months must be a positive finite number, got ${months}`);
    }
    ratio = exactFraction(months);
  } else {
    ratio = monthsRatio(months);
    if (ratio.numerator <= 0n) {
      throw new RangeError('Cannot spread a price over a zero-length duration');
    }
  }
  return toSafeNumber(divideRoundHalfUp(total * ratio.denominator, ratio.numerator), 'Price per month');
}

/** Sum of amounts in one currency; throws RangeError rather than lose precision. */
export function sumUcents(amounts: Iterable<number>): number {
  let sum = 0n;
  for (const amount of amounts) {
    sum += requireSafeInteger(amount, 'Amount');
  }
  return toSafeNumber(sum, 'Sum');
}

/** Totals per currency, in the order each currency first appears; never adds across currencies. */
export function sumByCurrency(amounts: Iterable<Money>): Money[] {
  const sums = new Map<string, bigint>();
  for (const { ucents, currencyCode } of amounts) {
    sums.set(currencyCode, (sums.get(currencyCode) ?? 0n) + requireSafeInteger(ucents, 'Amount'));
  }
  return [...sums].map(([currencyCode, sum]) => ({ currencyCode, ucents: toSafeNumber(sum, 'Sum') }));
}

/** OVH's marker for an amount without a currency. */
export const NO_CURRENCY = 'N/A';
