/**
 * Where a service is managed in the OVHcloud Control Panel (the "Manager"). The
 * renewal page is "My offers and services" (billing › autorenew › services); its
 * `searchText` parameter pre-fills the search box with the service name. Pure.
 */
import type { EndpointId } from '../../ovh/endpoints';
import type { ServiceSummary } from '../../ovh/serviceSummary';

/** Control Panel roots per API endpoint (each brand and region has its own). */
const MANAGER_ROOTS: Record<Exclude<EndpointId, 'custom'>, string> = {
  'ovh-eu': 'https://www.ovh.com/manager/',
  'ovh-ca': 'https://ca.ovh.com/manager/',
  'ovh-us': 'https://us.ovhcloud.com/manager/',
  'soyoustart-eu': 'https://eu.soyoustart.com/manager/',
  'soyoustart-ca': 'https://ca.soyoustart.com/manager/',
  'kimsufi-eu': 'https://eu.kimsufi.com/manager/',
  'kimsufi-ca': 'https://ca.kimsufi.com/manager/',
};

/**
 * The https URL of the service's renewal row, or undefined for a custom API URL: a
 * sandbox or gateway has no Control Panel we could name, and a guessed link to the
 * wrong region's panel would only confuse (the menu entry is hidden instead).
 */
export function controlPanelUrl(endpointId: EndpointId, service: Pick<ServiceSummary, 'name'>): string | undefined {
  if (endpointId === 'custom') return undefined;
  const root = MANAGER_ROOTS[endpointId];
  if (!root) return undefined;
  return `${root}#/billing/autorenew/services?searchText=${encodeURIComponent(service.name)}`;
}
