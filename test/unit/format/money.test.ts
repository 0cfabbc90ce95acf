import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatMoney, isCurrencyCode } from '../../../src/format';
import { safeUcentsArb } from '../renewal/arbitraries';

const MAX = Number.MAX_SAFE_INTEGER;

suite('format/money: formatMoney', () => {
  const cases: [number, string, string, string][] = [
    [350_000_000, 'EUR', 'fr', '3,50\u00a0€'],
    [350_000_000, 'EUR', 'en-US', '€3.50'],
    [-350_000_000, 'EUR', 'en-US', '-€3.50'],
    [123_456_000_000, 'USD', 'en-US', '$1,234.56'],
    [16_583_333, 'EUR', 'de', '0,17\u00a0€'],
    [123_456_789, 'TND', 'en-US', 'TND\u00a01.235'],
    // The largest safe amount keeps all its digits (a double would too here, but not beyond).
    [MAX, 'EUR', 'en-US', '€90,071,992.55'],
    [150_000_000, 'XYZ', 'en-US', 'XYZ\u00a01.50'],
    [150_000_000, 'eur', 'en-US', '€1.50'],
    [350_000_000, 'N/A', 'en', '3.50'],
    [123_400_000_000, 'points', 'en', '1,234'],
    [123_400_000_000, 'points', 'fr', '1\u202f234'],
  ];
  for (const [ucents, currency, locale, expected] of cases) {
    test(`${ucents} ${currency} in ${locale} is ${JSON.stringify(expected)}`, () => {
      assert.equal(formatMoney(ucents, currency, locale), expected);
    });
  }

  test('OVH non-ISO codes are recognised', () => {
    assert.equal(isCurrencyCode('EUR'), true);
    assert.equal(isCurrencyCode('N/A'), false);
    assert.equal(isCurrencyCode('points'), false);
  });

  test('property: any amount in any OVH currency formats without throwing', () => {
    const codes = ['AUD', 'CAD', 'CZK', 'EUR', 'GBP', 'INR', 'LTL', 'MAD', 'N/A', 'PLN', 'SGD', 'TND', 'USD', 'XOF', 'points'];
    fc.assert(
      fc.property(safeUcentsArb, fc.constantFrom(...codes), fc.constantFrom('en', 'fr', 'de', 'ja', 'ar'), (ucents, code, locale) => {
        assert.ok(formatMoney(ucents, code, locale).length > 0);
      }),
    );
  });
});
