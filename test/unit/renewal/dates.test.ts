import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseOvhDate } from '../../../src/renewal';

suite('renewal/dates: parseOvhDate', () => {
  const accepted: [string, string][] = [
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['2025-06-01T00:00:00+02:00', '2025-05-31T22:00:00.000Z'],
    ['2025-06-01T00:00:00.000+0200', '2025-05-31T22:00:00.000Z'],
    ['2025-06-01T12:30:00Z', '2025-06-01T12:30:00.000Z'],
    // No offset: read as UTC whatever the machine's zone.
    ['2025-06-01T12:30:00', '2025-06-01T12:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ];
  for (const [text, iso] of accepted) {
    test(`reads ${text}`, () => {
      assert.equal(parseOvhDate(text)?.toISOString(), iso);
    });
  }

  for (const bad of ['', 'soon', '2025-02-30', '2023-02-29', '2025-13-01', '2025-06-01T25:00:00Z', 'June 1, 2025', '01/06/2025', '2025-6-1']) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.equal(parseOvhDate(bad), undefined);
    });
  }

  test('null, undefined and invalid Dates give undefined', () => {
    assert.equal(parseOvhDate(null), undefined);
    assert.equal(parseOvhDate(undefined), undefined);
    assert.equal(parseOvhDate(new Date(Number.NaN)), undefined);
  });

  test('a Date is copied, not shared', () => {
    const original = new Date('2025-06-01T00:00:00Z');
    const parsed = parseOvhDate(original);
    assert.notEqual(parsed, original);
    assert.equal(parsed?.getTime(), original.getTime());
  });

  test('property: every ISO instant round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString();
        assert.equal(parseOvhDate(iso)?.getTime(), ms);
      }),
    );
  });
});
