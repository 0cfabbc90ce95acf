/**
 * Whether a service passes the view's filter. Pure; see ServiceFilter for how the
 * criteria combine.
 */
import type { ServiceFacts } from './serviceFacts';
import type { ServiceFilter } from './viewOptions';

/**
 * Case- and accent-insensitive form for text matching: someone typing "creme" expects
 * to find "café-crème.fr", and "lodz" to find "łódź-dev.io". Letters NFD cannot split
 * (ł, ø, ß…) are mapped by hand.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/đ/g, 'd');
}

/** Everything a user might type to find a service: names, id, product. */
function searchableText(facts: ServiceFacts): string {
  const { service } = facts;
  return foldText([service.displayName, service.name, String(service.serviceId), service.productName ?? '', service.productDescription ?? ''].join('\n'));
}

/**
 * Not yet expired and at most `days` away. daysLeft rounds up, so `daysLeft <= days`
 * is the same boundary as expiryStatus: exactly `days` × 24 h left is still within.
 */
function withinDays(facts: ServiceFacts, days: number): boolean {
  const { bucket, daysLeft } = facts.status;
  if (facts.urgency === 'terminated' || bucket === 'expired' || daysLeft === undefined) return false;
  return daysLeft <= days;
}

export function matchesFilter(facts: ServiceFacts, filter: ServiceFilter): boolean {
  const text = foldText(filter.text.trim());
  if (text !== '' && !text.split(/\s+/).every((word) => searchableText(facts).includes(word))) return false;
  if (filter.manualOnly && facts.renewMode !== 'manual') return false;
  if (filter.expired || filter.within !== undefined) {
    const expired = filter.expired && facts.urgency === 'expired';
    const soon = filter.within !== undefined && withinDays(facts, filter.within);
    if (!expired && !soon) return false;
  }
  return true;
}
