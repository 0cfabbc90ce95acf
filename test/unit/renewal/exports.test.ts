import * as assert from 'node:assert/strict';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { CSV_BOM, writeCsv } from '../../../src/renewal/csvWriter';
import { calendarUid, escapeText, foldLine, writeCalendar } from '../../../src/renewal/icsWriter';
import { calendarEvents, decimalAmount, type ExportService, servicesCsv } from '../../../src/renewal/serviceExport';
import { TEST_NICHANDLE } from '../../kit/identity';

const STAMP = new Date(Date.UTC(2026, 11, 1, 6, 0, 0));
const NAMES = ['pixel.net', 'café-crème.fr', 'Ünïcødé; "quoted", with\\backslash', 'line\nbreak', '日本語ドメイン.jp', '=HYPERLINK("x")', '🦊 fox, emoji'];

function exportService(i: number, name = `svc${i}.example`): ExportService {
  const day = new Date(Date.UTC(2027, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
  return {
    serviceId: 1000 + i,
    name,
    displayName: name,
    type: ['domain', 'vps', 'webHosting'][i % 3],
    expirationDate: `${day}T00:00:00+01:00`,
    nextBillingDate: `${day}T00:00:00+01:00`,
    renewMode: i % 2 === 0 ? 'automatic' : 'manual',
    renewPeriod: i % 2 === 0 ? 'P1Y' : undefined,
    pendingActions: i % 7 === 0 ? ['terminateAtExpirationDate'] : [],
    pricing: { duration: i % 4 === 0 ? 'P1M' : 'P1Y', ucents: 1_299_000_000 + i, currency: i % 5 === 0 ? 'USD' : 'EUR' },
  };
}

const labels = {
  summary: (s: ExportService) => `Expires: ${s.displayName}`,
  description: (s: ExportService, f: { kind: string; period?: string }) => `${s.type}, ${f.kind}; ${f.period ?? '?'}\n#${s.serviceId}`,
  alarm: (s: ExportService) => `${s.displayName} expires soon`,
};

/** Parses .ics text as a calendar program would; throws on anything malformed. */
function parseCalendar(text: string): InstanceType<typeof ICAL.Component> {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

suite('renewal: calendar and CSV exports', () => {
  test('text escaping follows RFC 5545', () => {
    assert.equal(escapeText('a\\b;c,d\r\ne\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  test('property: folded lines never exceed 75 octets, never split a character, and unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = `SUMMARY:${text.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75, part);
        assert.equal(folded.replace(/\r\n /g, ''), line);
        // A part that ends or starts inside a surrogate pair would not survive UTF-8 (the text
        // itself may hold U+FFFD: that is a character like any other).
        for (const part of folded.split('\r\n')) assert.equal(Buffer.from(part, 'utf8').toString('utf8'), part);
      }),
    );
  });

  test('5000 services round-trip through ical.js: one event each, exact texts, dates, UIDs and two alarms', function () {
    // Parsing 5000 events is synchronous work, not waiting: it cannot hang, and a loaded machine
    // only makes it slower (it took over 120 s beside a CPU hog and five other builds), so no timeout.
    this.timeout(0);
    const services = Array.from({ length: 5000 }, (_, i) => exportService(i, `${NAMES[i % NAMES.length]}-${i}`));
    const text = writeCalendar(calendarEvents(services, TEST_NICHANDLE, 30, labels), { calendarName: 'OVHcloud; expiries', stamp: STAMP });
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75));
    const calendar = parseCalendar(text);
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    const events = calendar.getAllSubcomponents('vevent');
    assert.equal(events.length, 5000);
    events.forEach((component, i) => {
      const s = services[i];
      const event = new ICAL.Event(component);
      assert.equal(event.uid, calendarUid(TEST_NICHANDLE, s.serviceId));
      assert.equal(event.summary, `Expires: ${s.displayName}`);
      assert.equal(
        event.description,
        labels.description(s, {
          kind: s.pendingActions.length > 0 && s.renewMode !== 'manual' ? 'ending' : s.renewMode === 'automatic' ? 'automatic' : 'manual',
          period: s.renewPeriod ?? s.pricing?.duration,
        }),
      );
      assert.equal(event.startDate.isDate, true);
      assert.equal(event.startDate.toString(), s.expirationDate!.slice(0, 10));
      const triggers = component.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger')));
      assert.deepEqual(triggers, ['-P30D', '-P7D']);
    });
    assert.equal(new Set(events.map((e) => e.getFirstPropertyValue('uid'))).size, 5000);
  });

  test('a later export keeps each UID and raises SEQUENCE when the expiry moved later', () => {
    const before = exportService(3);
    const after = { ...before, expirationDate: '2028-06-01T00:00:00+02:00' };
    const read = (s: ExportService) =>
      parseCalendar(writeCalendar(calendarEvents([s], 'acc', 30, labels), { calendarName: 'c', stamp: STAMP })).getFirstSubcomponent('vevent')!;
    const [a, b] = [read(before), read(after)];
    assert.equal(a.getFirstPropertyValue('uid'), b.getFirstPropertyValue('uid'));
    assert.ok(Number(b.getFirstPropertyValue('sequence')) > Number(a.getFirstPropertyValue('sequence')));
  });

  test('a warning window of 7 days gives one alarm, not two; UIDs encode odd account ids', () => {
    const component = parseCalendar(
      writeCalendar(calendarEvents([exportService(1)], 'a b@c', 7, labels), { calendarName: 'c', stamp: STAMP }),
    ).getFirstSubcomponent('vevent')!;
    assert.equal(component.getAllSubcomponents('valarm').length, 1);
    assert.equal(component.getFirstPropertyValue('uid'), 'ovhcloud-service-1001.a%20b%40c@ovhcloud-renewals');
  });

  test('CSV quotes commas, quotes, line breaks and edge spaces; keeps non-ASCII; guards formulas in names only', () => {
    const csv = writeCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['line\nbreak', ' pad'],
        ['café 日本', -3],
        ['=1+1', '-5'],
      ],
      new Set([0]),
    );
    assert.ok(csv.startsWith(CSV_BOM));
    assert.equal(csv.slice(1), 'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak"," pad"\r\ncafé 日本,-3\r\n\'=1+1,-5\r\n');
  });

  test('services CSV: one row per service with type, name, id, expiry, mode, period, price and currency', () => {
    const services = [exportService(0, 'café, "crème".fr'), exportService(1, '日本語.jp')];
    const csv = servicesCsv(services, { header: ['Type', 'Name', 'Id', 'Expiry', 'Renewal', 'Period', 'Price', 'Currency'], type: (t) => t.toUpperCase() });
    const rows = parseCsv(csv.slice(1));
    assert.deepEqual(rows, [
      ['Type', 'Name', 'Id', 'Expiry', 'Renewal', 'Period', 'Price', 'Currency'],
      ['DOMAIN', 'café, "crème".fr', '1000', '2027-01-01', 'ending', 'P1Y', '155.88', 'USD'],
      ['VPS', '日本語.jp', '1001', '2027-01-02', 'manual', 'P1Y', '12.99000001', 'EUR'],
    ]);
  });

  test('amounts keep two decimals and drop only extra zeros', () => {
    assert.deepEqual(
      [decimalAmount(1_299_000_000), decimalAmount(50_000_000), decimalAmount(314_159_000), decimalAmount(0)],
      ['12.99', '0.50', '3.14159', '0.00'],
    );
  });
});

/** A small RFC 4180 reader, the way spreadsheet programs read quoted fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}
