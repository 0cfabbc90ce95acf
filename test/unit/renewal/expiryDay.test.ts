import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOutlookState } from '../../../src/outlook/pure/outlookState';
import type { ServiceSummary } from '../../../src/ovh/serviceSummary';
import { expiringPicks } from '../../../src/core/batch/expiringPicks';
import { PanelFormat } from '../../../src/core/orders/panelFormat';
import { isoDay, ovhDay } from '../../../src/renewal';
import { formatDay } from '../../../src/format';
import { calendarEvents, renewalFacts } from '../../../src/renewal/serviceExport';
import { factsOf } from '../../../src/views/pure/serviceFacts';
import { pickEntries } from '../../../src/views/pure/pickItems';
import { serviceTooltip, treeDescription } from '../../../src/views/pure/serviceText';
import { serviceSummary } from '../../kit/services';
import { t } from '../views/fixtures';

/**
 * The day a service expires, on every surface, whatever the machine's time zone. These
 * suites also run once per zone in `npm test` (TZ=Pacific/Auckland, America/Los_Angeles,
 * Europe/Paris, UTC: see scripts/layers.mjs); the property sets the zone itself as well.
 */
const ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Paris', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata'];
const LOCALES = ['en', 'fr', 'nl', 'de', 'en-GB'];
const DAY = 86_400_000;

function summary(expirationDate: string, over: Partial<ServiceSummary> = {}): ServiceSummary {
  return serviceSummary(7, {
    name: 'xn--caf-crme-60ag.fr',
    displayName: 'café-crème.fr',
    expirationDate,
    nextBillingDate: expirationDate,
    renewMode: 'manual',
    pricing: { duration: 'P1Y', ucents: 799_000_000, currency: 'EUR' },
    ...over,
  });
}

/** Runs `body` with the process in another time zone (Node reads TZ again when it changes). */
function inZone<T>(zone: string, body: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const utcDay = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));
const expected = (day: Date, locale: string, style: 'medium' | 'long'): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(day);

suite(`Expiry day on every surface (TZ=${process.env.TZ ?? 'unset'})`, () => {
  test('Paris midnight is that day everywhere, not the day before west of Paris', () => {
    for (const zone of ZONES)
      inZone(zone, () => {
        assert.equal(formatDay('2026-12-08T00:00:00+01:00', 'en', 'medium'), 'Dec 8, 2026', zone);
        assert.equal(formatDay('2026-12-08T00:00:00+01:00', 'en', 'long'), 'December 8, 2026', zone);
        assert.equal(isoDay('2026-12-08T00:00:00+01:00'), '2026-12-08', zone);
      });
  });

  test('month ends, leap days and the daylight-saving change keep their day', () => {
    const cases: Array<[string, string]> = [
      ['2026-01-31T00:00:00+01:00', '2026-01-31'],
      ['2026-02-28T00:00:00+01:00', '2026-02-28'],
      ['2028-02-29T00:00:00+01:00', '2028-02-29'],
      ['2026-12-31T00:00:00+01:00', '2026-12-31'],
      // Paris moves to summer time on 2026-03-29 and back on 2026-10-25.
      ['2026-03-29T00:00:00+01:00', '2026-03-29'],
      ['2026-03-30T00:00:00+02:00', '2026-03-30'],
      ['2026-10-25T00:00:00+02:00', '2026-10-25'],
      ['2026-10-26T00:00:00+01:00', '2026-10-26'],
      ['2026-06-30', '2026-06-30'],
    ];
    for (const zone of ZONES) inZone(zone, () => cases.forEach(([value, day]) => assert.equal(isoDay(value), day, `${value} in ${zone}`)));
  });

  test('a day this code computed (a new expiry) is kept as is; nothing readable gives no day', () => {
    assert.equal(isoDay(utcDay(2027, 12, 8)), '2027-12-08');
    assert.equal(ovhDay('2026-02-30T00:00:00+01:00'), undefined);
    assert.equal(formatDay('tomorrow', 'en', 'medium'), undefined);
    assert.equal(formatDay(null, 'en', 'long'), undefined);
    assert.equal(formatDay(new Date(Number.NaN), 'en', 'long'), undefined);
  });

  test('property: tree, tooltip, pick list, outlook, renew and batch panels, CSV and .ics show the same day, in any zone', () => {
    const offsets = ['+01:00', '+02:00', 'Z', '-10:00', '+14:00'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...offsets, 'date only'),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...LOCALES),
        fc.integer({ min: 40, max: 300 }),
        fc.integer({ min: 0, max: DAY - 1 }),
        (instant, offset, zone, locale, daysBefore, timeOfDay) => {
          const day = utcDay(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
          const iso = day.toISOString().slice(0, 10);
          const value = offset === 'date only' ? iso : `${iso}T00:00:00${offset}`;
          const service = summary(value);
          // Far enough that the tree writes the date rather than "in 12 days".
          const now = new Date(day.getTime() - daysBefore * DAY + timeOfDay);
          inZone(zone, () => {
            const medium = expected(day, locale, 'medium');
            const long = expected(day, locale, 'long');
            const facts = factsOf(service, now, 30);
            assert.equal(treeDescription(facts, locale, t), medium, 'tree');
            assert.ok(
              serviceTooltip(facts, { locale, warningDays: 30 }, t).rows.some((row) => row.value.startsWith(medium)),
              'tooltip',
            );
            const [entry] = pickEntries([{ accountId: 'a', accountLabel: 'A', services: [service] }], { now, warningDays: 30, locale }, t);
            assert.ok(entry?.description.includes(medium), 'pick list');
            const format = new PanelFormat(t, locale, () => [service]);
            assert.equal(format.date(service.expirationDate), long, 'renew and batch panels');
            assert.equal(format.service(service).expiryText, long, 'renew panel header');
            const outlook = buildOutlookState({ services: [{ accountId: 'a', service }], loading: false, now, span: 12, locale, month: iso.slice(0, 7) }, t);
            assert.equal(outlook.state.selected?.services[0]?.dateText, medium, 'outlook');
            assert.equal(renewalFacts(service).expiry, iso, 'CSV');
            assert.equal(calendarEvents([service], 'a', 30, { summary: () => '', description: () => '', alarm: () => '' })[0]?.date, iso, '.ics');
          });
        },
      ),
    );
  });

  test('property: "Renew Expiring Services…" says what the tree says, in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 30 }),
        fc.integer({ min: 0, max: DAY - 1 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...LOCALES),
        (daysAhead, timeOfDay, zone, locale) => {
          const now = new Date(Date.UTC(2026, 11, 7) + timeOfDay);
          const day = new Date(Date.UTC(2026, 11, 7) + daysAhead * DAY);
          const service = summary(`${day.toISOString().slice(0, 10)}T00:00:00+01:00`);
          inZone(zone, () => {
            const picks = expiringPicks([{ accountId: 'a', accountLabel: 'A', services: [service] }], 'withinWarning', { now, warningDays: 30, locale }, t);
            if (picks.length === 0) return;
            assert.equal(picks[0]?.description, `Domain · ${treeDescription(factsOf(service, now, 30), locale, t)}`);
          });
        },
      ),
    );
  });
});
