import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareRenewStrategies,
  monthsRatio,
  type RenewDescription,
  type RenewOptionRow,
  sortByPerMonth,
  sortByPeriod,
  sortByTotal,
  compareDurations,
  type SortDirection,
} from '../../../src/renewal';
import { renewOffer } from '../../kit/offers';
import { descriptionsArb } from './arbitraries';

const NOW = new Date('2025-05-01T00:00:00.000Z');
const DOMAIN = 12345;
const HOSTING = 67890;

function eur(value: number): { currencyCode: string; text: string; value: number } {
  return { currencyCode: 'EUR', text: `${value} €`, value };
}

function byKey(rows: readonly RenewOptionRow[], key: string): RenewOptionRow {
  const row = rows.find((candidate) => candidate.key === key);
  assert.ok(row, `no row ${key} among ${rows.map((r) => r.key).join(' ')}`);
  return row;
}

/** The example of OVH's "Renewing your services via the OVHcloud API" guide, prices as the guide shows them (value only). */
const GUIDE_EXAMPLE: RenewDescription[] = [
  {
    renewPeriod: 'P1Y',
    strategies: [
      {
        services: [DOMAIN],
        price: { value: 1.99 },
        servicesDetails: [{ serviceType: 'Domain .ovh', serviceId: DOMAIN }],
      },
      {
        services: [HOSTING, DOMAIN],
        price: { value: 37.87 },
        servicesDetails: [
          { serviceType: 'Hosting Perso 2014', serviceId: HOSTING },
          { serviceType: 'Domain .ovh', serviceId: DOMAIN },
        ],
      },
    ],
  },
];

suite('renewal/strategies: compareRenewStrategies', () => {
  test('OVH guide example: the domain+hosting bundle is flagged as renewing more', () => {
    const { rows, issues } = compareRenewStrategies(GUIDE_EXAMPLE, DOMAIN, '2025-06-01', NOW);
    assert.deepEqual(issues, []);
    assert.equal(rows.length, 2);

    const alone = byKey(rows, 'P1Y:12345');
    assert.equal(alone.totalUcents, 199_000_000);
    assert.equal(alone.perMonthUcents, 16_583_333);
    assert.equal(alone.renewsSelected, true);
    assert.equal(alone.renewsMoreThanSelected, false);
    assert.equal(alone.cheapestPerMonth, true);
    assert.equal(alone.currencyCode, 'N/A');
    assert.equal(alone.months, 12);

    const bundle = byKey(rows, 'P1Y:12345,67890');
    assert.equal(bundle.totalUcents, 3_787_000_000);
    assert.equal(bundle.renewsSelected, true);
    assert.equal(bundle.renewsMoreThanSelected, true);
    assert.equal(bundle.cheapestPerMonth, false);
    // OVH's order is kept: it is what a renew order sends back.
    assert.deepEqual(bundle.services, [HOSTING, DOMAIN]);
    assert.deepEqual(
      bundle.servicesDetails.map((detail) => detail.serviceType),
      ['Hosting Perso 2014', 'Domain .ovh'],
    );
    assert.equal(bundle.renewPeriod, 'P1Y');
    assert.equal(bundle.newExpiry.toISOString(), '2026-06-01T00:00:00.000Z');
  });

  test('newExpiry extends a future expiry', () => {
    const { rows, baseDate } = compareRenewStrategies([renewOffer('P1M', [DOMAIN], 3.5)], DOMAIN, '2025-01-31', new Date('2025-01-10T00:00:00Z'));
    assert.equal(baseDate.toISOString(), '2025-01-31T00:00:00.000Z');
    assert.equal(rows[0].newExpiry.toISOString(), '2025-02-28T00:00:00.000Z');
  });

  for (const [label, expiry, from, past] of [
    ['expired', '2025-04-01', '2025-04-01T00:00:00.000Z', true],
    ['expiring right now', NOW.toISOString(), NOW.toISOString(), false],
  ] as const) {
    test(`newExpiry counts from the expiry when it is ${label}, as OVH does`, () => {
      const { rows, baseDate, countedFromPastExpiry } = compareRenewStrategies([renewOffer('P3M', [DOMAIN], 10)], DOMAIN, expiry, NOW);
      assert.equal(baseDate.toISOString(), from);
      assert.equal(countedFromPastExpiry, past);
      const expected = new Date(from);
      expected.setUTCMonth(expected.getUTCMonth() + 3);
      assert.equal(rows[0].newExpiry.toISOString(), expected.toISOString());
    });
  }

  for (const [label, expiry] of [
    ['absent', null],
    ['undefined', undefined],
    ['unparseable', 'soon'],
  ] as const) {
    test(`newExpiry counts from now when the expiry is ${label}`, () => {
      const { rows, baseDate, countedFromPastExpiry } = compareRenewStrategies([renewOffer('P3M', [DOMAIN], 10)], DOMAIN, expiry, NOW);
      assert.equal(baseDate.getTime(), NOW.getTime());
      assert.equal(countedFromPastExpiry, false);
      assert.equal(rows[0].newExpiry.toISOString(), '2025-08-01T00:00:00.000Z');
      assert.equal(rows[0].daysUntilNewExpiry, 92);
    });
  }

  test('accepts a Date as the expiry', () => {
    const { rows } = compareRenewStrategies([renewOffer('P1W', [DOMAIN], 1)], DOMAIN, new Date('2025-06-01T12:00:00Z'), NOW);
    assert.equal(rows[0].newExpiry.toISOString(), '2025-06-08T12:00:00.000Z');
  });

  test('only the cheapest per month is flagged', () => {
    const { rows } = compareRenewStrategies(
      [renewOffer('P1M', [DOMAIN], 3.5), renewOffer('P3M', [DOMAIN], 10), renewOffer('P6M', [DOMAIN], 21), renewOffer('P1Y', [DOMAIN], 41)],
      DOMAIN,
      null,
      NOW,
    );
    assert.deepEqual(
      rows.filter((row) => row.cheapestPerMonth).map((row) => row.key),
      ['P3M:12345'],
    );
    assert.equal(byKey(rows, 'P3M:12345').perMonthUcents, 333_333_333);
  });

  test('on a tie no row is flagged (a badge on every row says nothing)', () => {
    const { rows } = compareRenewStrategies(
      [renewOffer('P1M', [DOMAIN], 3), renewOffer('P12M', [DOMAIN], 36), renewOffer('P1Y', [DOMAIN], 36), renewOffer('P2Y', [DOMAIN], 80)],
      DOMAIN,
      null,
      NOW,
    );
    assert.deepEqual(
      rows.map((row) => row.cheapestPerMonth),
      [false, false, false, false],
    );
  });

  test("the issue's tie: €15.99 per year and €31.98 per 2 years carry no badge and no saving", () => {
    const { rows } = compareRenewStrategies([renewOffer('P1Y', [DOMAIN], 15.99), renewOffer('P2Y', [DOMAIN], 31.98)], DOMAIN, null, NOW);
    assert.deepEqual(
      rows.map((row) => row.cheapestPerMonth),
      [false, false],
    );
    assert.equal(rows[0].versusShortest, undefined, 'the shortest period is the reference');
    assert.deepEqual(rows[1].versusShortest, { period: rows[0].period, differenceUcents: 0 });
  });

  test('versusShortest: what a longer period saves (negative) or costs (positive) against the shortest one of the same services', () => {
    const { rows } = compareRenewStrategies(
      [
        {
          renewPeriod: 'P1M',
          strategies: [
            { services: [DOMAIN], price: eur(3) },
            { services: [DOMAIN, HOSTING], price: eur(5) },
          ],
        },
        {
          renewPeriod: 'P1Y',
          strategies: [
            { services: [DOMAIN], price: eur(30) },
            { services: [DOMAIN, HOSTING], price: eur(66) },
          ],
        },
        renewOffer('P30D', [DOMAIN], 2.9),
      ],
      DOMAIN,
      null,
      NOW,
    );
    assert.equal(byKey(rows, 'P30D:12345').versusShortest, undefined, 'P30D is shorter than P1M');
    const monthly = byKey(rows, 'P1M:12345').versusShortest;
    assert.equal(monthly?.differenceUcents, Math.round((3 - (2.9 * 30.436875) / 30) * 1e8), 'P1M against P30D, exactly');
    // 12 × €5 = €60 for the bundle monthly; €66 a year costs €6 more.
    assert.equal(byKey(rows, 'P1Y:12345,67890').versusShortest?.differenceUcents, 600_000_000);
    assert.equal(byKey(rows, 'P1M:12345,67890').versusShortest, undefined);
    // The yearly domain saves against P30D: 2.9 × 365.2425 / 30 = 35.3068…; 30 − that.
    assert.ok(byKey(rows, 'P1Y:12345').versusShortest!.differenceUcents < 0);
  });

  test('the cheapest flag compares rows of the same currency only', () => {
    const { rows } = compareRenewStrategies(
      [
        {
          renewPeriod: 'P1Y',
          strategies: [
            { services: [DOMAIN], price: { currencyCode: 'EUR', value: 12 } },
            { services: [DOMAIN, HOSTING], price: { currencyCode: 'EUR', value: 24 } },
            { services: [HOSTING], price: { currencyCode: 'USD', value: 120 } },
            { services: [DOMAIN, HOSTING, 1], price: { currencyCode: 'USD', value: 240 } },
          ],
        },
      ],
      DOMAIN,
      null,
      NOW,
    );
    // Among the rows that renew the selected domain: the hosting-only row is not compared.
    assert.deepEqual(
      rows.map((row) => [row.currencyCode, row.cheapestPerMonth]),
      [
        ['EUR', true],
        ['EUR', false],
        ['USD', false],
        ['USD', true],
      ],
    );
  });

  test('a strategy that does not include the selected service', () => {
    const { rows } = compareRenewStrategies([renewOffer('P1Y', [HOSTING], 30)], DOMAIN, null, NOW);
    assert.equal(rows[0].renewsSelected, false);
    assert.equal(rows[0].renewsMoreThanSelected, true);
  });

  test('strategy-level priceInUcents wins, then price.priceInUcents, then price.value', () => {
    const { rows } = compareRenewStrategies(
      [
        {
          renewPeriod: 'P1M',
          strategies: [
            { services: [1], priceInUcents: 111, price: { value: 9, priceInUcents: 222 } },
            { services: [2], priceInUcents: null, price: { value: 9, priceInUcents: 222 } },
            { services: [3], price: { value: 9 } },
            { services: [4], priceInUcents: 444 },
          ],
        },
      ],
      1,
      null,
      NOW,
    );
    assert.deepEqual(
      rows.map((row) => row.totalUcents),
      [111, 222, 900_000_000, 444],
    );
  });

  test('service ids are deduplicated and taken from details when services is missing', () => {
    const { rows } = compareRenewStrategies(
      [
        {
          renewPeriod: 'P1M',
          strategies: [
            { services: [DOMAIN, DOMAIN], price: eur(1) },
            { servicesDetails: [{ serviceId: HOSTING, serviceName: 'example.org' }], price: eur(2) },
          ],
        },
      ],
      DOMAIN,
      null,
      NOW,
    );
    assert.deepEqual(rows[0].services, [DOMAIN]);
    assert.equal(rows[0].renewsMoreThanSelected, false);
    assert.deepEqual(rows[1].services, [HOSTING]);
    assert.deepEqual(rows[1].servicesDetails, [{ serviceId: HOSTING, serviceName: 'example.org' }]);
  });

  test('details are aligned with services, with a bare id where OVH gave none', () => {
    const { rows } = compareRenewStrategies(
      [
        {
          renewPeriod: 'P1M',
          strategies: [{ services: [DOMAIN, HOSTING], servicesDetails: [{ serviceId: HOSTING, serviceType: 'Hosting' }], price: eur(1) }],
        },
      ],
      DOMAIN,
      null,
      NOW,
    );
    assert.deepEqual(rows[0].servicesDetails, [{ serviceId: DOMAIN }, { serviceId: HOSTING, serviceType: 'Hosting' }]);
  });

  test('malformed entries are skipped and reported, the rest still compared', () => {
    const descriptions = [
      renewOffer('garbage', [DOMAIN], 1),
      {
        renewPeriod: 'P1Y',
        strategies: [
          { services: [], price: eur(1) },
          { services: [DOMAIN] },
          { services: [DOMAIN], price: { currencyCode: 'EUR' } },
          { services: [DOMAIN, HOSTING], price: eur(30) },
          { services: [HOSTING, DOMAIN], price: eur(31) },
          { services: [DOMAIN], price: eur(12) },
        ],
      },
      { renewPeriod: 42, strategies: [] },
      { renewPeriod: 'P1M', strategies: null },
      renewOffer('PT1H', [DOMAIN], 1),
      null,
      { renewPeriod: 'P2Y', strategies: [null, { services: [DOMAIN], price: eur(20) }] },
    ] as unknown as RenewDescription[];
    const { rows, issues } = compareRenewStrategies(descriptions, DOMAIN, null, NOW);
    assert.deepEqual(
      rows.map((row) => row.key),
      ['P1Y:12345,67890', 'P1Y:12345', 'P2Y:12345'],
    );
    assert.equal(byKey(rows, 'P1Y:12345,67890').totalUcents, 3_000_000_000);
    assert.deepEqual(issues, [
      { kind: 'invalidPeriod', renewPeriod: 'garbage', descriptionIndex: 0 },
      { kind: 'noServices', renewPeriod: 'P1Y', descriptionIndex: 1, strategyIndex: 0 },
      { kind: 'invalidPrice', renewPeriod: 'P1Y', descriptionIndex: 1, strategyIndex: 1 },
      { kind: 'invalidPrice', renewPeriod: 'P1Y', descriptionIndex: 1, strategyIndex: 2 },
      { kind: 'duplicate', renewPeriod: 'P1Y', descriptionIndex: 1, strategyIndex: 4 },
      { kind: 'invalidPeriod', renewPeriod: '42', descriptionIndex: 2 },
      { kind: 'invalidPeriod', renewPeriod: 'PT1H', descriptionIndex: 4 },
      { kind: 'invalidPeriod', renewPeriod: 'undefined', descriptionIndex: 5 },
      { kind: 'noServices', renewPeriod: 'P2Y', descriptionIndex: 6, strategyIndex: 0 },
    ]);
  });

  test('a price too large to spread per day is reported, not thrown', () => {
    const { rows, issues } = compareRenewStrategies(
      [{ renewPeriod: 'P1D', strategies: [{ services: [DOMAIN], priceInUcents: Number.MAX_SAFE_INTEGER }] }],
      DOMAIN,
      null,
      NOW,
    );
    assert.deepEqual(rows, []);
    assert.deepEqual(
      issues.map((issue) => issue.kind),
      ['invalidPrice'],
    );
  });

  test('an empty answer gives no rows and no issues', () => {
    assert.deepEqual(compareRenewStrategies([], DOMAIN, null, NOW).rows, []);
  });

  test('an invalid "now" is a programming error', () => {
    assert.throws(() => compareRenewStrategies([], DOMAIN, null, new Date(Number.NaN)), RangeError);
  });

  test('property: every strategy yields exactly one row or one issue; keys are unique', () => {
    fc.assert(
      fc.property(descriptionsArb, (descriptions) => {
        const { rows, issues } = compareRenewStrategies(descriptions, 1, null, NOW);
        const strategyCount = descriptions.reduce((sum, description) => sum + description.strategies.length, 0);
        assert.equal(rows.length + issues.length, strategyCount);
        assert.ok(issues.every((issue) => issue.kind === 'duplicate'));
        assert.equal(new Set(rows.map((row) => row.key)).size, rows.length);
      }),
    );
  });

  test('property: the cheapest flag is set on the minimum per-month row of each currency, among rows renewing the selected service, only when it is the only one', () => {
    fc.assert(
      fc.property(descriptionsArb, fc.integer({ min: 1, max: 8 }), (descriptions, selected) => {
        const { rows: all } = compareRenewStrategies(descriptions, selected, null, NOW);
        assert.ok(
          all.every((row) => row.renewsSelected || !row.cheapestPerMonth),
          'a row the user does not compare is never flagged',
        );
        const rows = all.filter((row) => row.renewsSelected);
        for (const currency of new Set(rows.map((row) => row.currencyCode))) {
          const sameCurrency = rows.filter((row) => row.currencyCode === currency);
          const minimum = Math.min(...sameCurrency.map((row) => row.perMonthUcents));
          const atMinimum = sameCurrency.filter((row) => row.perMonthUcents === minimum);
          for (const row of sameCurrency) {
            assert.equal(row.cheapestPerMonth, atMinimum.length === 1 && row.perMonthUcents === minimum, row.key);
          }
        }
      }),
    );
  });

  test('property: row invariants (selection flags, per-month rounding, expiry, key)', () => {
    fc.assert(
      fc.property(descriptionsArb, fc.integer({ min: 1, max: 8 }), (descriptions, selected) => {
        const { rows } = compareRenewStrategies(descriptions, selected, '2025-06-01', NOW);
        for (const row of rows) {
          assert.equal(row.renewsSelected, row.services.includes(selected));
          assert.equal(
            row.renewsMoreThanSelected,
            row.services.some((id) => id !== selected),
          );
          const { numerator, denominator } = monthsRatio(row.period);
          const error = BigInt(row.perMonthUcents) * numerator - BigInt(row.totalUcents) * denominator;
          assert.ok((error < 0n ? -error : error) * 2n <= numerator);
          assert.ok(row.newExpiry.getTime() > Date.parse('2025-06-01'));
          assert.equal(row.key, `${row.renewPeriod}:${[...row.services].sort((a, b) => a - b).join(',')}`);
          assert.equal(row.servicesDetails.length, row.services.length);
        }
      }),
    );
  });
});

suite('renewal/strategies: sorting', () => {
  const rowsArb = descriptionsArb.map((descriptions) => compareRenewStrategies(descriptions, 1, null, NOW).rows);
  const directionArb = fc.constantFrom<SortDirection>('ascending', 'descending');

  function checkSort(
    sort: (rows: readonly RenewOptionRow[], direction: SortDirection) => RenewOptionRow[],
    compare: (a: RenewOptionRow, b: RenewOptionRow) => number,
  ): void {
    fc.assert(
      fc.property(rowsArb, directionArb, (rows, direction) => {
        const input = [...rows];
        const sorted = sort(rows, direction);
        // Permutation: same rows, each exactly once, input untouched.
        assert.deepEqual(rows, input);
        assert.equal(sorted.length, rows.length);
        assert.deepEqual(new Set(sorted), new Set(rows));
        const sign = direction === 'ascending' ? 1 : -1;
        for (let i = 1; i < sorted.length; i++) {
          const order = sign * compare(sorted[i - 1], sorted[i]);
          assert.ok(order <= 0, 'out of order');
          if (order === 0) {
            assert.ok(rows.indexOf(sorted[i - 1]) < rows.indexOf(sorted[i]), 'not stable');
          }
        }
      }),
    );
  }

  test('property: sortByTotal is an ordered, stable permutation', () => {
    checkSort(sortByTotal, (a, b) => Math.sign(a.totalUcents - b.totalUcents));
  });

  test('property: sortByPerMonth is an ordered, stable permutation', () => {
    checkSort(sortByPerMonth, (a, b) => Math.sign(a.perMonthUcents - b.perMonthUcents));
  });

  test('property: sortByPeriod is an ordered, stable permutation', () => {
    checkSort(sortByPeriod, (a, b) => compareDurations(a.period, b.period));
  });

  test('examples: ascending and descending keep ties in input order', () => {
    const rows = [
      { id: 'a', totalUcents: 3 },
      { id: 'b', totalUcents: 1 },
      { id: 'c', totalUcents: 3 },
      { id: 'd', totalUcents: 2 },
    ];
    assert.deepEqual(
      sortByTotal(rows).map((row) => row.id),
      ['b', 'd', 'a', 'c'],
    );
    assert.deepEqual(
      sortByTotal(rows, 'descending').map((row) => row.id),
      ['a', 'c', 'd', 'b'],
    );
  });

  test('example: sortByPeriod treats P1Y and P12M as equal length', () => {
    const { rows } = compareRenewStrategies(
      [renewOffer('P1Y', [1], 1), renewOffer('P1M', [1], 1), renewOffer('P12M', [1], 1), renewOffer('P30D', [1], 1)],
      1,
      null,
      NOW,
    );
    assert.deepEqual(
      sortByPeriod(rows).map((row) => row.renewPeriod),
      ['P30D', 'P1M', 'P1Y', 'P12M'],
    );
  });
});
