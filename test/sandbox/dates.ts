/**
 * Date helpers. OVH prints datetimes in Europe/Paris time with an explicit offset
 * (+01:00 in winter, +02:00 in summer); reproducing both catches parsers that assume one.
 */

export const DAY_MS = 86_400_000;

/** Last Sunday of a month at 01:00 UTC, when EU clocks change. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
}

function parisOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9) ? 120 : 60;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2025-06-01T00:00:00+02:00` */
export function isoDateTime(ms: number): string {
  const offset = parisOffsetMinutes(ms);
  const d = new Date(ms + offset * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}+${pad(offset / 60)}:00`;
}

/** `2025-06-01`, as the legacy date fields print it (Paris calendar day). */
export function isoDate(ms: number): string {
  return isoDateTime(ms).slice(0, 10);
}

/** Midnight Paris time of the day containing `ms`. */
export function parisMidnight(ms: number): number {
  const d = new Date(ms + parisOffsetMinutes(ms) * 60_000);
  const utcMidnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return utcMidnight - parisOffsetMinutes(utcMidnight) * 60_000;
}

const DURATION = /^P(\d+)([MY])$/;

/** Months in a renew duration such as P1M, P6M, P1Y, P3Y; undefined when not one of those. */
export function durationMonths(duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'Y' ? n * 12 : n;
}

/** Adds calendar months, keeping the Paris wall-clock time (day clamped to the month end). */
export function addMonths(ms: number, months: number): number {
  const offset = parisOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000);
  const targetMonth = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const moved = Date.UTC(
    local.getUTCFullYear(),
    targetMonth,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  );
  return moved - parisOffsetMinutes(moved) * 60_000;
}
