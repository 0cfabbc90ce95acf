/**
 * An iCalendar (RFC 5545) writer for expiry calendars: one all-day event per
 * service, with display alarms. Pure: the caller passes localized texts.
 *
 * - Text values escape backslash, semicolon, comma and newlines (§3.3.11).
 * - Content lines are folded at 75 octets of UTF-8, never inside a character (§3.1).
 * - Lines end with CRLF.
 * - UIDs are derived from the account and the service id only, so importing a
 *   newer export updates the events instead of adding copies; SEQUENCE grows
 *   with the expiry date, which is what moves when a service is renewed.
 */

export interface CalendarEvent {
  /** Stable across exports: the same service always gets the same UID. */
  readonly uid: string;
  /** YYYY-MM-DD, the expiry day. */
  readonly date: string;
  readonly summary: string;
  readonly description: string;
  readonly url?: string;
  /** Days before the event at which to remind, e.g. [30, 7]; duplicates and non-positive values are dropped. */
  readonly alarmDays: readonly number[];
  readonly alarmText: string;
}

export interface CalendarOptions {
  readonly calendarName: string;
  /** Generation time, written as DTSTAMP. */
  readonly stamp: Date;
}

const PRODUCT_ID = '-//renewalsdev//OVHcloud Renewals//EN';
const MAX_OCTETS = 75;

/** RFC 5545 TEXT escaping; CR LF, CR and LF all become the two characters "\n". */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds one content line into chunks of at most 75 octets; continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    // The first line holds 75 octets; the others 74 plus the leading space.
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ` ${char}`;
      octets = 1 + size;
    } else {
      current += char;
      octets += size;
    }
  }
  out.push(current);
  return out.join('\r\n');
}

const compactDate = (date: string): string => date.replaceAll('-', '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function stampOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Days since 2000-01-01 of the event: later expiry, higher sequence. */
function sequenceOf(date: string): number {
  return Math.max(0, Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(2000, 0, 1)) / 86_400_000));
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A UID safe in any calendar: the parts joined, with anything outside [A-Za-z0-9._-] percent-encoded. */
export function calendarUid(accountId: string, serviceId: number): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `ovhcloud-service-${serviceId}.${safe(accountId)}@ovhcloud-renewals`;
}

export function writeCalendar(events: Iterable<CalendarEvent>, options: CalendarOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  const stamp = stampOf(options.stamp);
  for (const event of events) {
    if (!DATE_PATTERN.test(event.date)) throw new RangeError(`Calendar event date must be YYYY-MM-DD: ${event.date}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${sequenceOf(event.date)}`,
      `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'TRANSP:TRANSPARENT',
    );
    if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
    const days = [...new Set(event.alarmDays.filter((d) => Number.isInteger(d) && d > 0))].sort((a, b) => b - a);
    for (const day of days) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:-P${day}D`, `DESCRIPTION:${escapeText(event.alarmText)}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
