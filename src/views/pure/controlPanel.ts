/**
 * Where a service is managed in the OVHcloud Control Panel (the "Manager"). The
 * renewal page is "My offers and services" (billing › autorenew › services); its
 * `searchText` parameter pre-fills the search box with the service name. Pure.
 */
import { controlPanelRoot, type EndpointId, type ServiceSummary } from '../../ovh';

/**
 * The https URL of the service's renewal row, or undefined for a custom API URL: a
 * sandbox or gateway has no Control Panel we could name, and a guessed link to the
 * wrong region's panel would only confuse (the menu entry is hidden instead).
 */
export function controlPanelUrl(endpointId: EndpointId, service: Pick<ServiceSummary, 'name'>): string | undefined {
  const root = controlPanelRoot(endpointId);
  if (!root) return undefined;
  return `${root}#/billing/autorenew/services?searchText=${encodeURIComponent(service.name)}`;
}
