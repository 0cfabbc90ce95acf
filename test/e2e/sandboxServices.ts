import type { RenewOffer, ServiceSummary } from '../../src/ovh';
import { sandboxApi } from '../kit/sandboxClient';
import { sandbox } from './workbench';

/**
 * The sandbox account's services that a suite can renew, asked the way the extension
 * asks (the API layer, the suite's credentials), in listing order: those `keep` accepts
 * (given the whole listing) whose renew descriptions `renewable` accepts (given the service).
 */
export async function renewableServices(
  keep: (service: ServiceSummary, all: readonly ServiceSummary[]) => boolean,
  renewable: (descriptions: readonly RenewOffer[], service: ServiceSummary) => boolean,
): Promise<ServiceSummary[]> {
  const api = sandboxApi(sandbox());
  try {
    const { services } = await api.listServices();
    const found: ServiceSummary[] = [];
    for (const service of services.filter((candidate) => keep(candidate, services))) {
      const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
      if (renewable(descriptions, service)) found.push(service);
    }
    return found;
  } finally {
    api.dispose();
  }
}

/** Services with a plain, unique name (typed into quick picks) that can be renewed alone. */
export async function plainServicesRenewableAlone(): Promise<ServiceSummary[]> {
  const unique = (service: ServiceSummary, all: readonly ServiceSummary[]): boolean =>
    all.filter((other) => other.displayName === service.displayName).length === 1;
  return renewableServices(
    (service, all) => service.parentServiceId === undefined && unique(service, all) && /^[a-z0-9.-]+$/.test(service.displayName),
    (descriptions) => descriptions.some((d) => d.strategies.some((strategy) => strategy.services.length === 1)),
  );
}
