import { type ServiceRef, serviceKey, serviceRefOf } from '../../protocol/serviceRef';

/** Tree commands get (clicked, selection[]); others pass one { accountId, serviceId }. Each service once, undecodable ones left out. */
export function refsOf(first: unknown, selection: unknown): ServiceRef[] {
  const all = Array.isArray(selection) && selection.length > 0 ? selection.map(serviceRefOf) : [serviceRefOf(first)];
  const seen = new Set<string>();
  return all.filter((ref): ref is ServiceRef => {
    if (!ref || seen.has(serviceKey(ref))) return false;
    seen.add(serviceKey(ref));
    return true;
  });
}
