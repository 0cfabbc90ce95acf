import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decimalToUcents,
  divideRoundHalfUp,
  type Duration,
  monthsRatio,
  perMonthUcents,
  priceUcents,
  sumByCurrency,
  sumUcents,
  UCENTS_PER_UNIT,
  ucentsToDecimalString,
} from '../../../src/renewal';
import { durationArb, safeUcentsArb } from './arbitraries';

const MAX = Number.MAX_SAFE_INTEGER;

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

suite('renewal/money: reading OVH prices', () => {
  test('1 currency unit is 100,000,000 ucents', () => {
    assert.equal(UCENTS_PER_UNIT, 100_000_000);
    assert.equal(priceUcents({ currencyCode: 'EUR', text: '3.50 €', value: 3.5 }), 350_000_000);
  });

  test('priceInUcents wins over value when present', () => {
    assert.equal(priceUcents({ value: 1, priceInUcents: 123 }), 123);
    assert.equal(priceUcents({ value: 1.99, priceInUcents: 199_000_000 }), 199_000_000);
  });

  test('a null or non-integer priceInUcents falls back to value', () => {
    assert.equal(priceUcents({ value: 1.99, priceInUcents: null }), 199_000_000);
    assert.equal(priceUcents({ value: 1.99, priceInUcents: 1.5 }), 199_000_000);
  });

  test('a price with neither amount is rejected', () => {
    assert.throws(() => priceUcents({ currencyCode: 'EUR' }), RangeError);
    assert.throws(() => priceUcents({ value: null, priceInUcents: null }), RangeError);
  });

  test('value is read by its decimal digits, not multiplied as a double', () => {
    // 37.87 * 1e8 is 3786999999.9999995 in floating point.
    assert.notEqual(Math.trunc(37.87 * 1e8), 3_787_000_000);
    assert.equal(decimalToUcents(37.87), 3_787_000_000);
    assert.equal(decimalToUcents(1.99), 199_000_000);
    assert.equal(decimalToUcents(0.29), 29_000_000);
    // Even rounding the product is off by one for amounts this large.
    assert.notEqual(Math.round(38664536.85996252 * 1e8), 3_866_453_685_996_252);
    assert.equal(decimalToUcents(38664536.85996252), 3_866_453_685_996_252);
  });

  const decimalCases: [number | string, number][] = [
    [0, 0],
    [-0, 0],
    [1, 100_000_000],
    [0.1 + 0.2, 30_000_000],
    [1e-7, 10],
    [1e-8, 1],
    [5e-9, 1],
    [4.9e-9, 0],
    [-5e-9, -1],
    [-3.5, -350_000_000],
    [1e7, 1e15],
    ['12.345678905', 1_234_567_891],
    ['12.345678904', 1_234_567_890],
    ['-12.345678905', -1_234_567_891],
    ['.5', 50_000_000],
    ['5.', 500_000_000],
    ['1.5e2', 15_000_000_000],
    ['1E-8', 1],
    ['  7.25 ', 725_000_000],
    ['1e-500', 0],
  ];
  for (const [input, expected] of decimalCases) {
    test(`decimalToUcents(${JSON.stringify(input)}) = ${expected}`, () => {
      assert.equal(decimalToUcents(input), expected);
    });
  }

  for (const bad of ['', '.', 'abc', '1,5', '1.2.3', '--1', '1e', 'Infinity', Number.NaN, Infinity, -Infinity, 1e10, 1e21, '1e401']) {
    test(`decimalToUcents(${String(bad)}) throws`, () => {
      assert.throws(() => decimalToUcents(bad), RangeError);
    });
  }

  test('property: whole cents convert exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9e9, max: 9e9 }), (cents) => {
        assert.equal(decimalToUcents(cents / 100), cents * 1_000_000);
      }),
    );
  });

  test('property: ucentsToDecimalString and decimalToUcents round-trip every safe amount', () => {
    fc.assert(
      fc.property(safeUcentsArb, (ucents) => {
        const text = ucentsToDecimalString(ucents);
        assert.match(text, /^-?\d+\.\d{8}$/);
        assert.equal(decimalToUcents(text), ucents);
      }),
    );
  });

  test('ucentsToDecimalString examples', () => {
    assert.equal(ucentsToDecimalString(350_000_000), '3.50000000');
    assert.equal(ucentsToDecimalString(-1), '-0.00000001');
    assert.equal(ucentsToDecimalString(0), '0.00000000');
    assert.equal(ucentsToDecimalString(MAX), '90071992.54740991');
    assert.throws(() => ucentsToDecimalString(0.5), RangeError);
  });
});

suite('renewal/money: rounding and per-month prices', () => {
  test('divideRoundHalfUp rounds halves away from zero', () => {
    assert.equal(divideRoundHalfUp(5n, 2n), 3n);
    assert.equal(divideRoundHalfUp(-5n, 2n), -3n);
    assert.equal(divideRoundHalfUp(7n, 3n), 2n);
    assert.equal(divideRoundHalfUp(8n, 3n), 3n);
    assert.equal(divideRoundHalfUp(-8n, 3n), -3n);
    assert.equal(divideRoundHalfUp(6n, 3n), 2n);
    assert.throws(() => divideRoundHalfUp(1n, 0n), RangeError);
  });

  test('property: divideRoundHalfUp is the nearest integer, halves away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (n, divisor) => {
        const q = divideRoundHalfUp(n, divisor);
        const error = abs(n - q * divisor) * 2n;
        assert.ok(error <= divisor);
        if (error === divisor) {
          assert.ok(abs(q * divisor) > abs(n), 'a tie must round away from zero');
        }
      }),
    );
  });

  const perMonthCases: [number, number | Duration, number][] = [
    [1200, 12, 100],
    [1000, 3, 333],
    [2000, 3, 667],
    [5, 2, 3],
    [-5, 2, -3],
    [0, 12, 0],
    [1200, { years: 1, months: 0, weeks: 0, days: 0 }, 100],
    [1800, { years: 1, months: 6, weeks: 0, days: 0 }, 100],
    // 199000000 / 12 = 16583333.33...
    [199_000_000, { years: 1, months: 0, weeks: 0, days: 0 }, 16_583_333],
    // 30 days = 30 / 30.436875 months, so 48000 ucents → 48699 per month.
    [48_000, { years: 0, months: 0, weeks: 0, days: 30 }, 48_699],
    [11_200, { years: 0, months: 0, weeks: 1, days: 0 }, 48_699],
    [100, 0.5, 200],
  ];
  for (const [total, months, expected] of perMonthCases) {
    test(`perMonthUcents(${total}, ${JSON.stringify(months)}) = ${expected}`, () => {
      assert.equal(perMonthUcents(total, months), expected);
    });
  }

  test('stays exact where floating point would not', () => {
    // (2^53 - 1) / 3 = 3002399751580330.33; as a double it is ...330.5, which Math.round makes ...331.
    assert.equal(Math.round(MAX / 3), 3_002_399_751_580_331);
    assert.equal(perMonthUcents(MAX, 3), 3_002_399_751_580_330);
  });

  test('rejects unusable inputs', () => {
    assert.throws(() => perMonthUcents(100, 0), RangeError);
    assert.throws(() => perMonthUcents(100, -1), RangeError);
    assert.throws(() => perMonthUcents(100, Number.NaN), RangeError);
    assert.throws(() => perMonthUcents(100, Infinity), RangeError);
    assert.throws(() => perMonthUcents(1.5, 1), RangeError);
    assert.throws(() => perMonthUcents(MAX + 1, 1), RangeError);
    assert.throws(() => perMonthUcents(100, { years: 0, months: 0, weeks: 0, days: 0 }), RangeError);
    // Spreading the largest amount over one day would exceed 2^53 per month.
    assert.throws(() => perMonthUcents(MAX, { years: 0, months: 0, weeks: 0, days: 1 }), RangeError);
  });

  test('property: perMonth × months is within rounding of the total (integer months)', () => {
    fc.assert(
      fc.property(safeUcentsArb, fc.integer({ min: 1, max: 1200 }), (total, months) => {
        const perMonth = perMonthUcents(total, months);
        assert.ok(Number.isSafeInteger(perMonth));
        assert.ok(abs(BigInt(perMonth) * BigInt(months) - BigInt(total)) * 2n <= BigInt(months));
      }),
    );
  });

  test('property: perMonth × months is within rounding of the total (any duration)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), durationArb(), (total, duration) => {
        const perMonth = perMonthUcents(total, duration);
        assert.ok(Number.isSafeInteger(perMonth));
        const { numerator, denominator } = monthsRatio(duration);
        // |perMonth × n/d − total| ≤ n/(2d)  ⇔  |perMonth × n − total × d| × 2 ≤ n
        assert.ok(abs(BigInt(perMonth) * numerator - BigInt(total) * denominator) * 2n <= numerator);
      }),
    );
  });

  test('property: a duration and its month count give the same per-month price', () => {
    fc.assert(
      fc.property(safeUcentsArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (total, years, months) => {
        fc.pre(years + months > 0);
        assert.equal(perMonthUcents(total, { years, months, weeks: 0, days: 0 }), perMonthUcents(total, years * 12 + months));
      }),
    );
  });
});

suite('renewal/money: sums', () => {
  test('sumUcents adds integers exactly', () => {
    assert.equal(sumUcents([]), 0);
    assert.equal(sumUcents([199_000_000, 3_787_000_000]), 3_986_000_000);
    assert.equal(sumUcents([MAX, -MAX, 1]), 1);
  });

  test('sumUcents refuses to lose precision', () => {
    assert.throws(() => sumUcents([MAX, 1]), RangeError);
    assert.throws(() => sumUcents([0.5]), RangeError);
  });

  test('sumByCurrency never adds across currencies and keeps first-seen order', () => {
    assert.deepEqual(
      sumByCurrency([
        { ucents: 100, currencyCode: 'USD' },
        { ucents: 5, currencyCode: 'EUR' },
        { ucents: 20, currencyCode: 'USD' },
        { ucents: 7, currencyCode: 'N/A' },
      ]),
      [
        { currencyCode: 'USD', ucents: 120 },
        { currencyCode: 'EUR', ucents: 5 },
        { currencyCode: 'N/A', ucents: 7 },
      ],
    );
  });

  test('property: sums are exact and safe integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), { maxLength: 100 }), (amounts) => {
        const sum = sumUcents(amounts);
        assert.ok(Number.isSafeInteger(sum));
        assert.equal(
          BigInt(sum),
          amounts.reduce((acc, amount) => acc + BigInt(amount), 0n),
        );
      }),
    );
  });
});
