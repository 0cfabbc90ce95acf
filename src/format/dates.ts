/**
 * Days and months in the user's language. Which day a date is (OVH's calendar day, never
 * the instant read in the user's zone) is the domain's, in renewal/expiryDay: every
 * format here is in UTC, so a day is written as the day it is everywhere.
 */
import { ovhDay } from '../renewal';
import { dateTimeFormat, relativeTimeFormat } from './intlCache';

/** `medium` for lists (tree, pick lists, notifications, outlook): "Dec 8, 2026"; `long` for the panels: "December 8, 2026". */
export type DayStyle = 'medium' | 'long';

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

/** The expiry day as the tree and the pick lists write it ("Dec 8, 2026"): OVH's calendar day, see renewal/expiryDay. */
export function formatOvhDay(value: string | undefined, locale: string): string | undefined {
  return formatDay(value, locale, 'medium');
}

/**
 * "in 12 days", "3 days ago", and with the default `numeric: 'auto'` also
 * "today", "tomorrow", "yesterday", in the given locale. Pair it with
 * `ExpiryStatus.daysLeft`.
 */
export function relativeDays(days: number, locale: string, numeric: 'auto' | 'always' = 'auto'): string {
  return relativeTimeFormat(locale, { numeric }).format(days, 'day');
}

/** A month (`2026-12`) as the outlook writes it: `long` "December 2026", `short` "Dec 26". */
export function formatMonth(month: string, locale: string, style: 'long' | 'short'): string {
  const format = dateTimeFormat(locale, { month: style, year: style === 'long' ? 'numeric' : '2-digit', timeZone: 'UTC' });
  return format.format(new Date(`${month}-01T00:00:00Z`));
}
