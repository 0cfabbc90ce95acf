/**
 * Renew periods as people read them. The period itself (ISO 8601, its length and
 * arithmetic) is the domain's, in renewal/duration.
 */
import type { Duration } from '../renewal';
import { listFormat, numberFormat } from './intlCache';

const UNIT_NAMES = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
] as const;

/**
 * Human-readable duration in the given locale, e.g. "1 year, 6 months",
 * "1 an et 6 mois", "1 jaar en 6 maanden". Unit names and the list joining
 * both come from ICU, so no language is hard-coded here.
 */
export function formatDuration(duration: Duration, locale: string): string {
  const parts = UNIT_NAMES.filter(([field]) => duration[field] !== 0).map(([field, unit]) =>
    numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(duration[field]),
  );
  if (parts.length === 0) {
    return numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(0);
  }
  return listFormat(locale, { type: 'unit', style: 'long' }).format(parts);
}
