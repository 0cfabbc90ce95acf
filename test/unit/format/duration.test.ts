import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDuration } from '../../../src/format';
import { type Duration, formatIsoDuration } from '../../../src/renewal';
import { durationArb } from '../renewal/arbitraries';

function d(years: number, months: number, weeks = 0, days = 0): Duration {
  return { years, months, weeks, days };
}

suite('format/duration: formatDuration', () => {
  const cases: [Duration, string, string][] = [
    [d(1, 6), 'en', '1 year, 6 months'],
    // French puts a no-break space between number and unit.
    [d(1, 6), 'fr', '1\u00a0an et 6\u00a0mois'],
    [d(1, 6), 'nl', '1 jaar en 6 maanden'],
    [d(0, 1), 'en', '1 month'],
    [d(2, 0), 'en', '2 years'],
    [d(0, 12), 'en', '12 months'],
    [d(0, 3), 'fr', '3\u00a0mois'],
    [d(0, 0, 1, 0), 'en', '1 week'],
    [d(0, 0, 0, 30), 'de', '30 Tage'],
    [d(1, 2, 3, 4), 'en', '1 year, 2 months, 3 weeks, 4 days'],
  ];
  for (const [duration, locale, expected] of cases) {
    test(`${formatIsoDuration(duration)} in ${locale} is ${JSON.stringify(expected)}`, () => {
      assert.equal(formatDuration(duration, locale), expected);
    });
  }

  test('a zero duration reads as zero days', () => {
    assert.equal(formatDuration(d(0, 0), 'en'), '0 days');
  });

  test('property: mentions every non-zero component and only those (en)', () => {
    fc.assert(
      fc.property(durationArb(12), (duration) => {
        const text = formatDuration(duration, 'en');
        const mentioned = (['year', 'month', 'week', 'day'] as const).filter((unit) => new RegExp(`\\b\\d+ ${unit}s?\\b`).test(text));
        const expected = (['year', 'month', 'week', 'day'] as const).filter((unit) => duration[`${unit}s`] !== 0);
        assert.deepEqual(mentioned, expected);
      }),
    );
  });
});
