/**
 * fast-check generators shared by the renewal property tests.
 */

import fc from 'fast-check';
import type { Duration, RenewDescription, RenewStrategy } from '../../../src/renewal';

export const MS_PER_DAY = 86_400_000;

/** Any non-zero duration the parser accepts, optionally with small components so dates stay readable. */
export function durationArb(maxComponent = 9999): fc.Arbitrary<Duration> {
  const component = fc.integer({ min: 0, max: maxComponent });
  return (
    fc
      .record({ years: component, months: component, weeks: component, days: component })
      .filter((d) => d.years + d.months + d.weeks + d.days > 0)
      // fc.record builds null-prototype objects; strict deepEqual would tell them apart.
      .map((d) => ({ ...d }))
  );
}

/** Durations made of years and months only (exact month arithmetic). */
export function monthDurationArb(maxComponent = 50): fc.Arbitrary<Duration> {
  return fc
    .record({ years: fc.integer({ min: 0, max: maxComponent }), months: fc.integer({ min: 0, max: maxComponent }) })
    .filter((d) => d.years + d.months > 0)
    .map((d) => ({ years: d.years, months: d.months, weeks: 0, days: 0 }));
}

/** Dates between 1970 and 2200, any millisecond. */
export const dateArb: fc.Arbitrary<Date> = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms));

/** UTC midnights between 1970 and 2200 (OVH's date-only expiries). */
export const midnightArb: fc.Arbitrary<Date> = fc
  .integer({ min: 0, max: Math.floor(Date.UTC(2200, 0, 1) / MS_PER_DAY) })
  .map((day) => new Date(day * MS_PER_DAY));

export const safeUcentsArb: fc.Arbitrary<number> = fc.integer({
  min: Number.MIN_SAFE_INTEGER,
  max: Number.MAX_SAFE_INTEGER,
});

/** Renew periods OVH uses, plus a few the parser supports. */
export const renewPeriodArb = fc.constantFrom('P1M', 'P3M', 'P6M', 'P1Y', 'P2Y', 'P3Y', 'P12M', 'P1Y6M', 'P30D', 'P1W');

const strategyArb: fc.Arbitrary<RenewStrategy> = fc.record({
  services: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 4 }),
  // Small prices so that ties between rows actually happen.
  priceInUcents: fc.integer({ min: 0, max: 5_000 }),
  price: fc.record({ currencyCode: fc.constantFrom('EUR', 'USD'), value: fc.constant(0) }),
});

/** Valid renew descriptions: every strategy yields a row unless it duplicates an earlier one. */
export const descriptionsArb: fc.Arbitrary<RenewDescription[]> = fc.array(
  fc.record({ renewPeriod: renewPeriodArb, strategies: fc.array(strategyArb, { maxLength: 4 }) }),
  { maxLength: 5 },
);
