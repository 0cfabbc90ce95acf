/**
 * Reading OVH date fields.
 *
 * OVH sends either a date (`2025-06-01`, legacy `/service` API) or a
 * date-time with offset (`2025-06-01T00:00:00+02:00`, `/services` API).
 * Only ISO-looking strings are accepted: `Date.parse` alone would also accept
 * implementation-defined formats such as "June 1" and silently guess, and
 * V8 rolls impossible dates such as Feb 30 over into March.
 */

const ISO_DATE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(T.*)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const probe = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not remap years 0-99 to the 1900s.
  probe.setUTCFullYear(year, month - 1, day);
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/**
 * Parses an OVH date; `undefined` for null, absent or unparseable values
 * (never throws). A date without a time is UTC midnight, as ECMAScript
 * specifies. A date-time without an offset is also read as UTC, where
 * ECMAScript would use the machine's zone: results must not depend on where
 * the code runs.
 */
export function parseOvhDate(value: string | Date | null | undefined): Date | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = ISO_DATE.exec(value);
  if (match === null || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return undefined;
  }
  const timePart = match[4];
  const text = timePart !== undefined && !HAS_OFFSET.test(timePart) ? `${value}Z` : value;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * The calendar day OVH wrote, at 00:00 UTC. OVH dates carry the day in OVH's zone
 * ("2025-06-01T00:00:00+02:00"); converting the instant to another zone would show
 * May 31. Use this for anything shown or counted in days.
 */
export function ovhCalendarDay(value: string | null | undefined): Date | undefined {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : undefined;
}
