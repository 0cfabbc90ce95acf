/**
 * The day a service expires, and how each surface writes it. OVH states an expiry as
 * midnight in Paris (`2026-12-08T00:00:00+01:00`): the day is December 8 for everyone.
 * Formatting that instant in the user's zone gives December 7 anywhere west of Paris,
 * so every surface reads the calendar day from OVH's text and formats it as a day, in
 * UTC, never as a moment. Relative words ("tomorrow", "3 days ago") come from
 * `expiryStatus(...).daysLeft` and `relativeDays`, the one day arithmetic.
 */
import { ovhCalendarDay } from './dates';

/** `medium` for lists (tree, pick lists, notifications, outlook): "Dec 8, 2026"; `long` for the panels: "December 8, 2026". */
export type DayStyle = 'medium' | 'long';

/**
 * The calendar day of an OVH date, at 00:00 UTC. A `Date` is taken as a day this code
 * computed (a renewal's new expiry), already at 00:00 UTC.
 */
export function ovhDay(value: string | Date | null | undefined): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  return ovhCalendarDay(value);
}

// Per style and locale; a plain string key, as the tree formats one date per row.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The day in the user's language, in the surface's style; `undefined` when there is no readable date. */
export function formatDay(value: string | Date | null | undefined, locale: string, style: DayStyle): string | undefined {
  const day = ovhDay(value);
  if (day === undefined) return undefined;
  const key = `${style}\u0000${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(day);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2026-12-08`: the day for files programs read back (`.ics`, CSV). */
export function isoDay(value: string | Date | null | undefined): string | undefined {
  const day = ovhDay(value);
  return day === undefined ? undefined : `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}
