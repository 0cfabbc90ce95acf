import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDuration,
  compareDurations,
  DAYS_PER_MONTH,
  type Duration,
  DurationSyntaxError,
  formatIsoDuration,
  monthsRatio,
  parseDuration,
  parseDurationOrThrow,
  totalMonths,
} from '../../../src/renewal';
import { dateArb, durationArb, midnightArb, MS_PER_DAY, monthDurationArb } from './arbitraries';

function d(years: number, months: number, weeks = 0, days = 0): Duration {
  return { years, months, weeks, days };
}

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

suite('renewal/duration: parseDuration', () => {
  const accepted: [string, Duration][] = [
    ['P1M', d(0, 1)],
    ['P3M', d(0, 3)],
    ['P6M', d(0, 6)],
    ['P1Y', d(1, 0)],
    ['P2Y', d(2, 0)],
    ['P3Y', d(3, 0)],
    ['P12M', d(0, 12)],
    ['P1Y6M', d(1, 6)],
    ['P30D', d(0, 0, 0, 30)],
    ['P1W', d(0, 0, 1, 0)],
    ['P1Y2M3W4D', d(1, 2, 3, 4)],
    ['P0Y1M', d(0, 1)],
    ['P9999Y', d(9999, 0)],
  ];
  for (const [text, expected] of accepted) {
    test(`accepts ${text}`, () => {
      assert.deepEqual(parseDuration(text), expected);
      assert.deepEqual(parseDurationOrThrow(text), expected);
    });
  }

  const rejected: unknown[] = [
    '',
    'P',
    'P0M',
    'P0Y0M0W0D',
    '1Y',
    'p1y',
    'P1y',
    'P1.5Y',
    'P1,5Y',
    'PT1H',
    'P1YT1H',
    'P1M1Y',
    'P1D1W',
    'P-1M',
    ' P1M',
    'P1M ',
    'P10000Y',
    'P1Y1Y',
    'garbage',
    null,
    undefined,
    12,
    { years: 1 },
  ];
  for (const input of rejected) {
    test(`rejects ${JSON.stringify(input) ?? String(input)}`, () => {
      assert.equal(parseDuration(input), undefined);
      assert.throws(
        () => parseDurationOrThrow(input),
        (error: unknown) => error instanceof DurationSyntaxError && error instanceof RangeError && error.input === input,
      );
    });
  }

  test('the throwing variant names the bad input in its message', () => {
    assert.throws(() => parseDurationOrThrow('P1X'), /"P1X"/);
  });

  test('property: parse(formatIsoDuration(d)) round-trips every duration', () => {
    fc.assert(
      fc.property(durationArb(), (duration) => {
        assert.deepEqual(parseDuration(formatIsoDuration(duration)), duration);
      }),
    );
  });

  test('property: formatting a parsed canonical string gives it back', () => {
    fc.assert(
      fc.property(durationArb(), (duration) => {
        const text = formatIsoDuration(duration);
        assert.equal(formatIsoDuration(parseDurationOrThrow(text)), text);
      }),
    );
  });
});

suite('renewal/duration: formatIsoDuration', () => {
  test('omits zero components and keeps them as written', () => {
    assert.equal(formatIsoDuration(d(0, 12)), 'P12M');
    assert.equal(formatIsoDuration(d(1, 6)), 'P1Y6M');
    assert.equal(formatIsoDuration(d(0, 0, 1, 0)), 'P1W');
    assert.equal(formatIsoDuration(d(0, 0, 0, 30)), 'P30D');
  });

  test('a zero duration is written P0D', () => {
    assert.equal(formatIsoDuration(d(0, 0)), 'P0D');
  });
});

suite('renewal/duration: totalMonths and compareDurations', () => {
  test('years and months are exact', () => {
    assert.equal(totalMonths(d(1, 0)), 12);
    assert.equal(totalMonths(d(0, 12)), 12);
    assert.equal(totalMonths(d(1, 6)), 18);
    assert.equal(totalMonths(d(3, 0)), 36);
  });

  test('days and weeks use the average Gregorian month of 30.436875 days', () => {
    assert.equal(DAYS_PER_MONTH, 365.2425 / 12);
    assert.ok(Math.abs(totalMonths(d(0, 0, 0, 30)) - 30 / 30.436875) < 1e-12);
    assert.ok(Math.abs(totalMonths(d(0, 0, 1, 0)) - 7 / 30.436875) < 1e-12);
    assert.ok(Math.abs(totalMonths(d(0, 1, 0, 15)) - (1 + 15 / 30.436875)) < 1e-12);
  });

  test('monthsRatio is the exact fraction', () => {
    assert.deepEqual(monthsRatio(d(1, 6)), { numerator: 18n, denominator: 1n });
    const ratio = monthsRatio(d(0, 0, 0, 30));
    assert.equal(ratio.numerator * 30436875n, 30n * 1_000_000n * ratio.denominator);
  });

  test('P1Y equals P12M; P30D is shorter than P1M and P31D longer', () => {
    assert.equal(compareDurations(d(1, 0), d(0, 12)), 0);
    assert.equal(compareDurations(d(0, 0, 0, 30), d(0, 1)), -1);
    assert.equal(compareDurations(d(0, 0, 0, 31), d(0, 1)), 1);
    assert.equal(compareDurations(d(0, 0, 1, 0), d(0, 0, 0, 7)), 0);
    assert.equal(compareDurations(d(2, 0), d(1, 11)), 1);
  });

  test('property: compareDurations is antisymmetric and agrees with totalMonths', () => {
    fc.assert(
      fc.property(durationArb(), durationArb(), (a, b) => {
        const ab = compareDurations(a, b);
        assert.equal(compareDurations(b, a), -ab);
        const difference = totalMonths(a) - totalMonths(b);
        if (Math.abs(difference) > 1e-6) {
          assert.equal(ab, Math.sign(difference));
        }
      }),
    );
  });
});

suite('renewal/duration: addDuration', () => {
  const cases: [string, Duration, string][] = [
    ['2024-01-31', d(0, 1), '2024-02-29'],
    ['2023-01-31', d(0, 1), '2023-02-28'],
    ['2024-03-31', d(0, 1), '2024-04-30'],
    ['2024-12-15', d(0, 1), '2025-01-15'],
    ['2024-11-30', d(0, 3), '2025-02-28'],
    ['2023-02-28', d(1, 0), '2024-02-28'],
    ['2024-02-29', d(1, 0), '2025-02-28'],
    ['2024-02-29', d(4, 0), '2028-02-29'],
    // Gregorian century rule: 2100 is not a leap year, 2000 is.
    ['2096-02-29', d(4, 0), '2100-02-28'],
    ['1996-02-29', d(4, 0), '2000-02-29'],
    ['2099-12-31', d(0, 2), '2100-02-28'],
    ['2024-08-31', d(1, 6), '2026-02-28'],
    ['2024-01-01', d(0, 0, 1, 0), '2024-01-08'],
    ['2024-02-01', d(0, 0, 0, 30), '2024-03-02'],
    // Months first, then days: Jan 31 + 1 month = Feb 29, + 1 day = Mar 1.
    ['2024-01-31', d(0, 1, 0, 1), '2024-03-01'],
  ];
  for (const [from, duration, expected] of cases) {
    test(`${from} + ${formatIsoDuration(duration)} = ${expected}`, () => {
      assert.equal(isoDay(addDuration(utc(from), duration)), expected);
    });
  }

  test('keeps the time of day and works in UTC', () => {
    const from = new Date('2024-01-31T22:30:15.250Z');
    assert.equal(addDuration(from, d(0, 1)).toISOString(), '2024-02-29T22:30:15.250Z');
  });

  test('does not move years 0-99 into the 1900s', () => {
    const from = new Date(0);
    from.setUTCFullYear(50, 0, 31);
    const result = addDuration(from, d(1, 1));
    assert.equal(result.getUTCFullYear(), 51);
    assert.equal(result.getUTCMonth(), 1);
    assert.equal(result.getUTCDate(), 28);
  });

  test('does not mutate its input', () => {
    const from = utc('2024-01-31');
    addDuration(from, d(1, 1, 1, 1));
    assert.equal(isoDay(from), '2024-01-31');
  });

  test('rejects an invalid date', () => {
    assert.throws(() => addDuration(new Date(Number.NaN), d(0, 1)), RangeError);
  });

  test('property: adding P1Y equals adding P12M (and PnYmM equals P(12n+m)M)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (date, years, months) => {
        assert.equal(addDuration(date, d(years, months)).getTime(), addDuration(date, d(0, years * 12 + months)).getTime());
      }),
    );
  });

  test('property: never overflows the target month; the day is clamped, never carried', () => {
    fc.assert(
      fc.property(dateArb, monthDurationArb(), (date, duration) => {
        const result = addDuration(date, duration);
        const monthIndex = date.getUTCMonth() + duration.years * 12 + duration.months;
        assert.equal(result.getUTCMonth(), monthIndex % 12);
        assert.equal(result.getUTCFullYear(), date.getUTCFullYear() + Math.floor(monthIndex / 12));
        const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
        assert.equal(result.getUTCDate(), Math.min(date.getUTCDate(), lastDay));
        assert.equal(result.getTime() % MS_PER_DAY, date.getTime() % MS_PER_DAY);
      }),
    );
  });

  test('property: strictly increasing in the number of months', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 600 }), (date, m, extra) => {
        const shorter = addDuration(date, d(0, m));
        const longer = addDuration(date, d(0, m + extra));
        assert.ok(longer.getTime() > shorter.getTime());
      }),
    );
  });

  test('property: monotonic in the start date for dates at the same time of day', () => {
    fc.assert(
      fc.property(midnightArb, midnightArb, durationArb(60), (a, b, duration) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        assert.ok(addDuration(early, duration).getTime() <= addDuration(late, duration).getTime());
      }),
    );
  });

  test('property: weeks and days add exact 24-hour days', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (date, weeks, days) => {
        const result = addDuration(date, d(0, 0, weeks, days));
        assert.equal(result.getTime() - date.getTime(), (weeks * 7 + days) * MS_PER_DAY);
      }),
    );
  });

  test('property: the result is a valid date after the start', () => {
    fc.assert(
      fc.property(dateArb, durationArb(), (date, duration) => {
        const result = addDuration(date, duration);
        assert.ok(Number.isFinite(result.getTime()));
        assert.ok(result.getTime() > date.getTime());
      }),
    );
  });
});
