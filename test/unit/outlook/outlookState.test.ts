import * as assert from 'node:assert/strict';
import { buildOutlookState } from '../../../src/outlook/pure/outlookState';
import { OutlookHostMessageSchema } from '../../../src/protocol/outlook';
import { english } from '../../../src/translate';
import { serviceSummary } from '../../kit/services';

const NOW = new Date(Date.UTC(2026, 11, 1, 9));

suite('outlook: the state sent to the webview', () => {
  const services = [
    { accountId: 'a', service: serviceSummary(1) },
    {
      accountId: 'a',
      service: serviceSummary(2, {
        renewMode: 'manual',
        type: 'vps',
        pricing: { duration: 'P1M', ucents: 500_000_000, currency: 'EUR' },
        renewPeriod: undefined,
      }),
    },
    { accountId: 'b', service: serviceSummary(3, { pendingActions: ['terminateAtExpirationDate'] }) },
    { accountId: 'b', service: serviceSummary(4, { pricing: { duration: 'P1Y', ucents: 100_000_000, currency: 'USD' } }) },
    { accountId: 'b', service: serviceSummary(5, { pricing: undefined }) },
  ];

  test('months, formatted totals, notes, and a valid protocol message', () => {
    const { state } = buildOutlookState({ services, loading: false, now: NOW, span: 12, locale: 'en' }, english);
    assert.equal(state.phase, 'ready');
    assert.equal(state.currency, 'EUR');
    assert.deepEqual(state.currencies.map((c) => c.code).sort(), ['EUR', 'USD']);
    const january = state.months.find((m) => m.month === '2027-01')!;
    assert.equal(january.label, 'January 2027');
    assert.equal(january.count, 3);
    assert.ok(Math.abs(january.total - 30.98) < 1e-9);
    assert.deepEqual(january.byKind, { automatic: '€12.99', manual: '€5.00', ending: '€12.99' });
    // Monthly from January 10: eleven renewals (January to November) inside the window.
    assert.deepEqual(
      state.totals.map((row) => row.text),
      ['€12.99', '€55.00', '€67.99', '€80.98'],
    );
    assert.deepEqual(state.notes, [
      '1 services are left out: OVHcloud gave no price, period or renewal date for them.',
      'Amounts in USD are shown separately: choose the currency above.',
    ]);
    const { chart } = state;
    assert.deepEqual(chart.ticks[0], { y: chart.plot.top + chart.plot.height, text: '€0.00' }, 'the axis starts at 0, at the bottom');
    assert.ok(chart.ticks.every((tick, i) => i === 0 || tick.y < chart.ticks[i - 1].y));
    assert.deepEqual(
      chart.bars.map((bar) => bar.segments.length),
      state.months.map((m) => m.segments.length),
    );
    assert.ok(OutlookHostMessageSchema.safeParse({ type: 'state', state }).success);
  });

  test('a chosen month lists its services behind opaque tokens; another currency switches the figures', () => {
    const built = buildOutlookState({ services, loading: false, now: NOW, span: 12, month: '2027-01', locale: 'en' }, english);
    const listed = built.state.selected!.services;
    assert.deepEqual(
      listed.map((s) => [s.name, s.kind, s.amountText]),
      [
        ['s1.example', 'automatic', '€12.99'],
        ['s2.example', 'manual', '€5.00'],
        ['s3.example', 'ending', '€12.99'],
      ],
    );
    assert.deepEqual(built.tokens.get(listed[2].token), { accountId: 'b', serviceId: 3 });
    assert.ok(
      listed.every((s) => !/\d{4,}/.test(s.token)),
      'tokens do not carry service ids',
    );
    const usd = buildOutlookState({ services, loading: false, now: NOW, span: 36, currency: 'USD', locale: 'en' }, english).state;
    assert.equal(usd.months.length, 36);
    assert.deepEqual(usd.totals.map((row) => row.text).slice(-1), ['$3.00']);
  });

  test('the chart is laid out on the host: each tick line carries the amount it stands for, and a bar ends at its total', () => {
    // 40.74 + 32.59 + 26.67 is 100.00000000000001 in floating point, over the nice maximum of 100. The webview
    // used to lay the bars out from that sum (lines at 0, 50, 100, 150) and label them from the exact total
    // (0, 25, 50, 75, 100), so the 100 line read "€50.00". One axis now gives both.
    const priced = (id: number, type: 'domain' | 'vps' | 'webHosting', ucents: number) => ({
      accountId: 'a',
      service: serviceSummary(id, { type, pricing: { duration: 'P1Y', ucents, currency: 'EUR' } }),
    });
    const { chart, months } = buildOutlookState(
      {
        services: [priced(1, 'domain', 4_074_000_000), priced(2, 'vps', 3_259_000_000), priced(3, 'webHosting', 2_667_000_000)],
        loading: false,
        now: NOW,
        span: 12,
        locale: 'en',
      },
      english,
    ).state;
    const january = months.findIndex((m) => m.month === '2027-01');
    assert.equal(months[january].totalText, '€100.00');
    const top = chart.bars[january].segments.at(-1)!;
    const hundred = chart.ticks.find((tick) => tick.text === '€100.00')!;
    assert.ok(Math.abs(top.y - hundred.y) < 1e-9, `the bar ends at ${top.y}, the €100.00 line is at ${hundred.y}`);
    assert.deepEqual(
      chart.ticks.map((tick) => tick.text),
      ['€0.00', '€50.00', '€100.00', '€150.00'],
    );
  });

  test('nothing priced yet: loading while the listing loads, empty afterwards', () => {
    assert.equal(buildOutlookState({ services: [], loading: true, now: NOW, span: 12, locale: 'en' }, english).state.phase, 'loading');
    assert.equal(buildOutlookState({ services: [], loading: false, now: NOW, span: 12, locale: 'en' }, english).state.phase, 'empty');
  });
});
