import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { billingDates, monthStacks, type OutlookService, pricePerPeriod, renewalOutlook } from '../../../src/renewal/outlook';
import { addDuration, parseDurationOrThrow } from '../../../src/renewal';

const NOW = new Date(Date.UTC(2026, 11, 1, 6, 30));
const PERIODS = ['P1M', 'P3M', 'P6M', 'P1Y', 'P2Y', 'P3Y'] as const;
const MONTHS: Record<string, number> = { P1M: 1, P3M: 3, P6M: 6, P1Y: 12, P2Y: 24, P3Y: 36 };

function svc(over: Partial<OutlookService> & { serviceId: number }): OutlookService {
  return {
    type: 'domain',
    renewMode: 'automatic',
    renewPeriod: 'P1Y',
    nextBillingDate: '2027-01-15T00:00:00+01:00',
    expirationDate: '2027-01-15T00:00:00+01:00',
    pendingActions: [],
    pricing: { duration: 'P1Y', ucents: 999_000_000, currency: 'EUR' },
    ...over,
  };
}

const dayArb = fc.integer({ min: -400, max: 1200 }).map((offset) => {
  const d = new Date(Date.UTC(2026, 11, 1) + offset * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T00:00:00+01:00`;
});

const serviceArb: fc.Arbitrary<OutlookService> = fc
  .record({
    serviceId: fc.integer({ min: 1, max: 1_000_000 }),
    type: fc.constantFrom('domain', 'vps', 'webHosting', 'dedicatedServer'),
    renewMode: fc.constantFrom('automatic', 'manual', 'automaticV2016', 'option'),
    period: fc.constantFrom(...PERIODS),
    pricingPeriod: fc.constantFrom(...PERIODS),
    date: dayArb,
    ending: fc.boolean(),
    ucents: fc.integer({ min: 0, max: 5_000 * 100_000_000 }),
    currency: fc.constantFrom('EUR', 'USD', 'CAD', 'points'),
  })
  .map((r) => ({
    serviceId: r.serviceId,
    type: r.type,
    renewMode: r.renewMode,
    renewPeriod: r.period,
    nextBillingDate: r.date,
    expirationDate: r.date,
    pendingActions: r.ending ? ['terminateAtExpirationDate'] : [],
    pricing: { duration: r.pricingPeriod, ucents: r.ucents, currency: r.currency },
  }));

suite('renewal: outlook arithmetic', () => {
  test('a yearly automatic service appears once in 12 months, in its month, at its price', () => {
    const outlook = renewalOutlook([svc({ serviceId: 1 })], NOW, 12);
    assert.equal(outlook.months.length, 12);
    assert.equal(outlook.months[0].month, '2026-12');
    assert.equal(outlook.months[11].month, '2027-11');
    const charged = outlook.months.flatMap((m) => m.charges.map((c) => ({ month: m.month, ...c })));
    assert.deepEqual(
      charged.map((c) => [c.month, c.date, c.kind, c.ucents, c.currency]),
      [['2027-01', '2027-01-15', 'automatic', 999_000_000, 'EUR']],
    );
    assert.deepEqual(outlook.totals, [{ currency: 'EUR', automatic: 999_000_000, manual: 0, ending: 0, withoutEnding: 999_000_000, withEnding: 999_000_000 }]);
  });

  test('the day OVH wrote decides the month, whatever the offset', () => {
    const outlook = renewalOutlook([svc({ serviceId: 1, nextBillingDate: '2027-01-01T00:00:00+02:00', renewPeriod: 'P2Y' })], NOW, 12);
    assert.equal(outlook.months.find((m) => m.charges.length > 0)?.month, '2027-01');
  });

  test('periods P1M, P3M, P6M, P1Y, P2Y bill 12, 4, 2, 1 and 0 or 1 times in 12 months', () => {
    const counts = (period: string, date: string) =>
      renewalOutlook([svc({ serviceId: 1, renewPeriod: period, nextBillingDate: date })], NOW, 12).months.reduce((n, m) => n + m.charges.length, 0);
    assert.equal(counts('P1M', '2026-12-31T00:00:00+01:00'), 12);
    assert.equal(counts('P3M', '2026-12-31T00:00:00+01:00'), 4);
    assert.equal(counts('P6M', '2026-12-02T00:00:00+01:00'), 2);
    assert.equal(counts('P1Y', '2027-11-30T00:00:00+01:00'), 1);
    assert.equal(counts('P2Y', '2027-11-30T00:00:00+01:00'), 1);
    assert.equal(counts('P2Y', '2027-12-01T00:00:00+01:00'), 0);
  });

  test('month ends clamp from the first date, without drifting: Jan 31 monthly stays on month ends', () => {
    const dates = billingDates(new Date(Date.UTC(2027, 0, 31)), parseDurationOrThrow('P1M'), new Date(Date.UTC(2027, 0, 1)), new Date(Date.UTC(2027, 5, 1)));
    assert.deepEqual(
      dates.map((d) => d.toISOString().slice(0, 10)),
      ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31'],
    );
  });

  test('a stale date in the past rolls forward by whole periods', () => {
    const outlook = renewalOutlook(
      [svc({ serviceId: 1, renewPeriod: 'P1M', pricing: { duration: 'P1M', ucents: 100, currency: 'EUR' }, nextBillingDate: '2020-03-10T00:00:00+01:00' })],
      NOW,
      12,
    );
    assert.deepEqual(outlook.months.map((m) => m.charges.map((c) => c.date)).flat()[0], '2026-12-10');
  });

  test('a manual service whose current period is empty uses the pricing duration', () => {
    const outlook = renewalOutlook(
      [svc({ serviceId: 1, renewMode: 'manual', renewPeriod: undefined, pricing: { duration: 'P6M', ucents: 600, currency: 'EUR' } })],
      NOW,
      12,
    );
    assert.deepEqual(
      outlook.months.flatMap((m) => m.charges).map((c) => [c.kind, c.period, c.ucents]),
      [
        ['manual', 'P6M', 600],
        ['manual', 'P6M', 600],
      ],
    );
  });

  test('the price scales from the pricing duration to the renew period, exactly and half-up', () => {
    assert.equal(pricePerPeriod(1_000, parseDurationOrThrow('P1M'), parseDurationOrThrow('P1Y')), 12_000);
    assert.equal(pricePerPeriod(1_000, parseDurationOrThrow('P1Y'), parseDurationOrThrow('P1M')), 83);
    assert.equal(pricePerPeriod(6, parseDurationOrThrow('P1Y'), parseDurationOrThrow('P1M')), 1);
  });

  test('a service set to end shows once on its expiry and is left out of the total without the ending ones', () => {
    const outlook = renewalOutlook(
      [svc({ serviceId: 1, renewPeriod: 'P1M', pricing: { duration: 'P1M', ucents: 500, currency: 'EUR' }, pendingActions: ['terminateAtExpirationDate'] })],
      NOW,
      12,
    );
    const charges = outlook.months.flatMap((m) => m.charges);
    assert.deepEqual(
      charges.map((c) => [c.kind, c.date]),
      [['ending', '2027-01-15']],
    );
    assert.deepEqual(outlook.totals[0], { currency: 'EUR', automatic: 0, manual: 0, ending: 500, withoutEnding: 0, withEnding: 500 });
  });

  test('services without a date, price or period are listed as skipped, never guessed', () => {
    const outlook = renewalOutlook(
      [
        svc({ serviceId: 1, nextBillingDate: undefined, expirationDate: 'soon' }),
        svc({ serviceId: 2, pricing: undefined }),
        svc({ serviceId: 3, renewPeriod: 'yearly', pricing: { duration: 'P0D', ucents: 1, currency: 'EUR' } }),
        svc({ serviceId: 4, lifecycleState: 'terminated' }),
      ],
      NOW,
      12,
    );
    assert.deepEqual(outlook.skipped, [
      { serviceId: 1, reason: 'noDate' },
      { serviceId: 2, reason: 'noPrice' },
      { serviceId: 3, reason: 'noPeriod' },
      { serviceId: 4, reason: 'terminated' },
    ]);
    assert.equal(outlook.totals.length, 0);
  });

  test('property: totals per currency are the sum of the monthly charges, never mixed across currencies', () => {
    fc.assert(
      fc.property(fc.array(serviceArb, { maxLength: 40 }), fc.constantFrom(12, 36), (services, span) => {
        const outlook = renewalOutlook(services, NOW, span);
        assert.equal(outlook.months.length, span);
        for (const total of outlook.totals) {
          const charges = outlook.months.flatMap((m) => m.charges).filter((c) => c.currency === total.currency);
          const sum = (kind: string) => charges.filter((c) => c.kind === kind).reduce((n, c) => n + c.ucents, 0);
          assert.equal(total.automatic, sum('automatic'));
          assert.equal(total.manual, sum('manual'));
          assert.equal(total.ending, sum('ending'));
          assert.equal(total.withEnding, total.withoutEnding + total.ending);
          assert.equal(
            monthStacks(outlook, total.currency).reduce((n, m) => n + m.total, 0),
            total.withEnding,
          );
        }
      }),
    );
  });

  test('property: each service bills once per period inside the window, in the right month, and ending ones at most once', () => {
    fc.assert(
      fc.property(serviceArb, fc.constantFrom(12, 36), (service, span) => {
        const outlook = renewalOutlook([service], NOW, span);
        const months = outlook.months.filter((m) => m.charges.length > 0);
        for (const m of months) for (const c of m.charges) assert.equal(c.date.slice(0, 7), m.month);
        const charges = outlook.months.flatMap((m) => m.charges);
        const period = MONTHS[service.renewPeriod!];
        // A manual service with terminateAtExpirationDate is not ending (as OVH's Control Panel counts it).
        if (service.pendingActions.length > 0 && service.renewMode !== 'manual') {
          assert.ok(charges.length <= 1);
          return;
        }
        // Oracle: walk every period from the first date, with no skipping ahead.
        const first = new Date(`${service.nextBillingDate!.slice(0, 10)}T00:00:00Z`);
        const from = new Date(Date.UTC(2026, 11, 1));
        const to = new Date(Date.UTC(2026, 11 + span, 1));
        const expected: string[] = [];
        for (let k = 0; ; k += 1) {
          const d = addDuration(first, { years: 0, months: period * k, weeks: 0, days: 0 });
          if (d >= to) break;
          if (d >= from) expected.push(d.toISOString().slice(0, 10));
        }
        assert.deepEqual(
          charges.map((c) => c.date),
          expected,
        );
        for (let i = 1; i < charges.length; i += 1) {
          const a = new Date(`${charges[i - 1].date}T00:00:00Z`);
          const b = new Date(`${charges[i].date}T00:00:00Z`);
          const monthsApart = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
          assert.equal(monthsApart, period);
        }
        const kinds = new Set(charges.map((c) => c.kind));
        assert.ok(kinds.size <= 1);
        if (charges.length > 0) assert.equal([...kinds][0], service.renewMode!.startsWith('automatic') ? 'automatic' : 'manual');
      }),
    );
  });

  test('property: the first 12 months of the 36-month outlook are the 12-month outlook', () => {
    fc.assert(
      fc.property(fc.array(serviceArb, { maxLength: 20 }), (services) => {
        const short = renewalOutlook(services, NOW, 12);
        const long = renewalOutlook(services, NOW, 36);
        assert.deepEqual(long.months.slice(0, 12), short.months);
      }),
    );
  });
});
