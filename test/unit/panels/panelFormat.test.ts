import * as assert from 'node:assert/strict';
import { PanelFormat } from '../../../src/panels/panelFormat';
import { compareRenewStrategies } from '../../../src/renewal';
import { ovhCalendarDay } from '../../../src/renewal/dates';

const english = (message: string, ...args: Array<string | number | boolean>): string => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

suite('Renew panel formatting', () => {
  const format = new PanelFormat(english, 'en');

  test('an OVH date shows the calendar day OVH wrote, whatever its offset', () => {
    assert.equal(format.date('2025-06-01T00:00:00+02:00'), 'June 1, 2025');
    assert.equal(format.date('2025-06-01T23:30:00-05:00'), 'June 1, 2025');
    assert.equal(format.date('2025-06-01'), 'June 1, 2025');
    assert.equal(format.date(null), 'no expiry date');
  });

  test('the new expiry is the expiry day plus the period, in calendar days', () => {
    const [row] = compareRenewStrategies(
      [{ renewPeriod: 'P1Y', strategies: [{ price: { currencyCode: 'EUR', text: '10 €', value: 10 }, services: [1], servicesDetails: [] }] }],
      1,
      ovhCalendarDay('2025-06-01T00:00:00+02:00')?.toISOString() ?? null,
      new Date('2025-05-01T00:00:00Z'),
    ).rows;
    assert.equal(format.row(row, 1).newExpiryText, 'June 1, 2026');
  });

  test('ovhCalendarDay reads the day from the text and rejects garbage', () => {
    assert.equal(ovhCalendarDay('2026-12-02T00:00:00+01:00')?.toISOString(), '2026-12-02T00:00:00.000Z');
    assert.equal(ovhCalendarDay('2026-02-30'), undefined);
    assert.equal(ovhCalendarDay('soon'), undefined);
    assert.equal(ovhCalendarDay(undefined), undefined);
  });
});
