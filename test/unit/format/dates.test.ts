import * as assert from 'node:assert/strict';
import { formatMonth, formatOvhDay, relativeDays } from '../../../src/format';

suite('format/dates: days and months', () => {
  test('formatOvhDay keeps the calendar day OVH wrote, whatever the offset', () => {
    assert.equal(formatOvhDay('2026-12-02T00:00:00+01:00', 'en'), 'Dec 2, 2026');
    assert.equal(formatOvhDay('2026-12-02', 'en'), 'Dec 2, 2026');
    assert.equal(formatOvhDay('2026-12-02T00:00:00+01:00', 'fr'), '2 déc. 2026');
    assert.equal(formatOvhDay('garbage', 'en'), undefined);
    assert.equal(formatOvhDay(undefined, 'en'), undefined);
  });

  test('a month is written in full for the table and short under its bar, the same month in every zone', () => {
    assert.equal(formatMonth('2026-12', 'en', 'long'), 'December 2026');
    assert.equal(formatMonth('2026-12', 'en', 'short'), 'Dec 26');
    assert.equal(formatMonth('2027-01', 'fr', 'long'), 'janvier 2027');
  });
});

suite('format/dates: relativeDays', () => {
  const cases: [number, string, 'auto' | 'always' | undefined, string][] = [
    [12, 'en', undefined, 'in 12 days'],
    [-3, 'en', undefined, '3 days ago'],
    [0, 'en', undefined, 'today'],
    [1, 'en', undefined, 'tomorrow'],
    [-1, 'fr', undefined, 'hier'],
    [12, 'fr', undefined, 'dans 12 jours'],
    [1, 'en', 'always', 'in 1 day'],
  ];
  for (const [days, locale, numeric, expected] of cases) {
    test(`${days} days in ${locale}${numeric ? ` (${numeric})` : ''} is "${expected}"`, () => {
      assert.equal(relativeDays(days, locale, numeric), expected);
    });
  }
});
