import * as assert from 'node:assert/strict';
import { PanelFormat } from '../../../src/core/orders/panelFormat';
import { compareRenewStrategies } from '../../../src/renewal';
import { ovhCalendarDay } from '../../../src/renewal/dates';
import { english } from '../../../src/translate';

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

  test("an expired service says what the new expiry counts from, where the user decides (the issue's VPS)", () => {
    const [row] = compareRenewStrategies(
      [{ renewPeriod: 'P1M', strategies: [{ price: { currencyCode: 'EUR', text: '5 €', value: 5 }, services: [1], servicesDetails: [] }] }],
      1,
      ovhCalendarDay('2026-11-09T00:00:00+01:00')?.toISOString() ?? null,
      new Date('2026-12-01T09:00:00Z'),
    ).rows;
    const shown = format.row(row, 1);
    assert.equal(shown.newExpiryText, 'December 9, 2026');
    assert.equal(shown.expiryNoteText, 'Counted from the expiry date, November 9, 2026: expires again December 9, 2026, in 8 days.');
    const preview = format.preview(row, {
      priceWithTax: { currencyCode: 'EUR', value: 6, text: '6 €' },
      priceWithoutTax: { currencyCode: 'EUR', value: 5, text: '5 €' },
      tax: { currencyCode: 'EUR', value: 1, text: '1 €' },
    } as never);
    assert.equal(preview.expiryNoteText, shown.expiryNoteText);
  });

  test('a service expiring today or later gets no note', () => {
    for (const expiry of ['2026-12-01', '2027-01-05']) {
      const [row] = compareRenewStrategies(
        [{ renewPeriod: 'P1M', strategies: [{ price: { currencyCode: 'EUR', value: 5 }, services: [1] }] }],
        1,
        expiry,
        new Date('2026-12-01T09:00:00Z'),
      ).rows;
      assert.equal(format.row(row, 1).expiryNoteText, undefined, expiry);
    }
  });

  test('a longer period says what it saves, costs, or that it is the same per month', () => {
    const { rows } = compareRenewStrategies(
      [
        { renewPeriod: 'P1Y', strategies: [{ price: { currencyCode: 'EUR', value: 15.99 }, services: [1] }] },
        { renewPeriod: 'P2Y', strategies: [{ price: { currencyCode: 'EUR', value: 31.98 }, services: [1] }] },
        { renewPeriod: 'P3Y', strategies: [{ price: { currencyCode: 'EUR', value: 45 }, services: [1] }] },
        { renewPeriod: 'P5Y', strategies: [{ price: { currencyCode: 'EUR', value: 80 }, services: [1] }] },
      ],
      1,
      '2027-01-01',
      new Date('2026-12-01T09:00:00Z'),
    );
    assert.deepEqual(
      rows.map((row) => format.row(row, 1).versusShortestText),
      [undefined, 'Same price per month as 1 year', 'Saves €2.97 compared with renewing 1 year at a time', 'Costs €0.05 more than renewing 1 year at a time'],
    );
    assert.deepEqual(
      rows.map((row) => format.row(row, 1).cheapestPerMonth),
      [false, false, true, false],
    );
  });

  test('ovhCalendarDay reads the day from the text and rejects garbage', () => {
    assert.equal(ovhCalendarDay('2026-12-02T00:00:00+01:00')?.toISOString(), '2026-12-02T00:00:00.000Z');
    assert.equal(ovhCalendarDay('2026-02-30'), undefined);
    assert.equal(ovhCalendarDay('soon'), undefined);
    assert.equal(ovhCalendarDay(undefined), undefined);
  });
});
