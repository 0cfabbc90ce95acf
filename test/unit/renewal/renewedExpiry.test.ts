import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ovhCalendarDay, parseDuration, renewedExpiry } from '../../../src/renewal';
import { addMonths, durationMonths, isoDate, isoDateTime, parisMidnight } from '../../sandbox/dates';

const day = (iso: string): string => iso.slice(0, 10);
const renew = (expiry: string | null, period: string, now: string) => renewedExpiry(expiry, parseDuration(period)!, new Date(now));

const PERIODS = ['P1M', 'P2M', 'P3M', 'P6M', 'P12M', 'P1Y', 'P2Y', 'P3Y', 'P5Y', 'P10Y'];
const MONTHS: Record<string, number> = { P1M: 1, P2M: 2, P3M: 3, P6M: 6, P12M: 12, P1Y: 12, P2Y: 24, P3Y: 36, P5Y: 60, P10Y: 120 };

suite('renewal/renewedExpiry: the new expiry counts from the current expiry, as OVH', () => {
  test("expired (the issue's VPS): November 9 + 1 month on December 1 is December 9, in 8 days, said to be from a past expiry", () => {
    const renewed = renew('2026-11-09', 'P1M', '2026-12-01T10:00:00Z');
    assert.equal(day(renewed.newExpiry.toISOString()), '2026-12-09');
    assert.equal(day(renewed.countedFrom.toISOString()), '2026-11-09');
    assert.equal(renewed.fromExpiry, true);
    assert.equal(renewed.fromPastExpiry, true);
    assert.equal(renewed.daysUntilNewExpiry, 8);
  });

  test('expired so long ago that even the renewed service is expired: negative days', () => {
    const renewed = renew('2025-01-10', 'P1M', '2026-12-01T10:00:00Z');
    assert.equal(day(renewed.newExpiry.toISOString()), '2025-02-10');
    assert.equal(renewed.fromPastExpiry, true);
    assert.ok(renewed.daysUntilNewExpiry < 0);
  });

  test("expiring today: counted from today's expiry, not a past one", () => {
    const renewed = renew('2026-12-01', 'P1M', '2026-12-01T23:59:59Z');
    assert.equal(day(renewed.newExpiry.toISOString()), '2027-01-01');
    assert.equal(renewed.fromPastExpiry, false);
    assert.equal(renewed.daysUntilNewExpiry, 31);
  });

  test('future: counted from the future expiry', () => {
    const renewed = renew('2027-03-15', 'P1Y', '2026-12-01T10:00:00Z');
    assert.equal(day(renewed.newExpiry.toISOString()), '2028-03-15');
    assert.equal(renewed.fromPastExpiry, false);
  });

  test('no usable expiry: counted from now, and not said to be from an expiry', () => {
    for (const expiry of [null, 'soon']) {
      const renewed = renew(expiry, 'P3M', '2026-12-01T10:00:00Z');
      assert.equal(renewed.newExpiry.toISOString(), '2027-03-01T10:00:00.000Z');
      assert.equal(renewed.fromExpiry, false);
      assert.equal(renewed.fromPastExpiry, false);
    }
  });

  for (const [label, expiry] of [
    ['expired', '2026-11-09'],
    ['today', '2026-12-01'],
    ['future', '2027-02-20'],
  ] as const) {
    for (const period of PERIODS) {
      test(`${label} + ${period}`, () => {
        const renewed = renew(expiry, period, '2026-12-01T10:00:00Z');
        const expected = new Date(`${expiry}T00:00:00Z`);
        expected.setUTCMonth(expected.getUTCMonth() + MONTHS[period]);
        assert.equal(renewed.newExpiry.toISOString(), expected.toISOString());
      });
    }
  }

  for (const [expiry, period, expected] of [
    ['2027-01-31', 'P1M', '2027-02-28'],
    ['2028-01-31', 'P1M', '2028-02-29'],
    ['2026-08-31', 'P1M', '2026-09-30'],
    ['2026-03-31', 'P6M', '2026-09-30'],
    ['2026-12-31', 'P2M', '2027-02-28'],
    ['2028-02-29', 'P1Y', '2029-02-28'],
    ['2028-02-29', 'P12M', '2029-02-28'],
    ['2028-02-29', 'P2Y', '2030-02-28'],
    ['2028-02-29', 'P3Y', '2031-02-28'],
    ['2028-02-29', 'P5Y', '2033-02-28'],
    ['2028-02-29', 'P10Y', '2038-02-28'],
    ['2024-02-29', 'P1M', '2024-03-29'],
    ['2027-02-28', 'P1Y', '2028-02-28'],
    ['2099-02-28', 'P1Y', '2100-02-28'],
    ['2099-12-31', 'P2M', '2100-02-28'],
    ['2399-12-31', 'P2M', '2400-02-29'],
  ] as const) {
    test(`month end / leap year: ${expiry} + ${period} = ${expected}`, () => {
      // Past and future alike: the day it counts from never changes the arithmetic.
      for (const now of ['2020-01-01T00:00:00Z', '2500-01-01T00:00:00Z']) {
        assert.equal(day(renew(expiry, period, now).newExpiry.toISOString()), expected);
      }
    });
  }

  test('property: the promised calendar day is the day the sandbox delivers, for every period kind and any expiry, past or future', () => {
    const start = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 12 }),
        fc.constantFrom(...PERIODS.filter((p) => durationMonths(p) !== undefined)),
        fc.integer({ min: 0, max: 365 * 12 }),
        (offset, period, nowOffset) => {
          // The sandbox writes expiries as Paris midnights; the panel reads the day OVH wrote.
          const expiryMs = parisMidnight(start + offset * 86_400_000 + 43_200_000);
          const written = isoDateTime(expiryMs);
          const delivered = isoDate(addMonths(expiryMs, durationMonths(period)!));
          const promised = renewedExpiry(ovhCalendarDay(written), parseDuration(period)!, new Date(start + nowOffset * 86_400_000));
          assert.equal(day(promised.newExpiry.toISOString()), delivered, `${written} + ${period}`);
        },
      ),
    );
  });
});
