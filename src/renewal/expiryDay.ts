/**
 * The day a service expires. OVH states an expiry as midnight in Paris
 * (`2026-12-08T00:00:00+01:00`): the day is December 8 for everyone. Reading that instant
 * in the user's zone gives December 7 anywhere west of Paris, so every surface takes the
 * calendar day from OVH's text and handles it as a day, in UTC, never as a moment;
 * format/dates writes it in the user's language. Relative words ("tomorrow", "3 days
 * ago") come from `expiryStatus(...).daysLeft`, the one day arithmetic, worded by
 * format/dates' `relativeDays`.
 */
import { ovhCalendarDay } from './dates';

/**
 * The calendar day of an OVH date, at 00:00 UTC. A `Date` is taken as a day this code
 * computed (a renewal's new expiry), already at 00:00 UTC.
 */
export function ovhDay(value: string | Date | null | undefined): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  return ovhCalendarDay(value);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2026-12-08`: the day for files programs read back (`.ics`, CSV). */
export function isoDay(value: string | Date | null | undefined): string | undefined {
  const day = ovhDay(value);
  return day === undefined ? undefined : `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}
