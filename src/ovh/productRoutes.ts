import type { AccessRule } from './schemas';
import type { ServiceSummary } from './serviceSummary';

/**
 * Where a service's renew mode and period change. OVH's Control Panel sends
 * PUT /services/{id} for Zimbra slots only; for every other product it sends
 * PUT {route}/serviceInfos with `renew` (service.RenewType, the period in months), and
 * PUT /services/{id} may there be refused or answered 200 without effect. We follow it
 * for the products whose route we know and hold an access rule for; any other product
 * goes through PUT /services/{id}, and the read-back says whether it took. No zod here:
 * the access rules are part of the activation bundle.
 */

/** Route templates whose serviceInfos we change, with the access rules that allows. */
const PRODUCT_ROUTES = ['/domain/{serviceName}', '/hosting/web/{serviceName}', '/vps/{serviceName}', '/dedicated/server/{serviceName}'] as const;

export const SERVICE_INFOS_RULES: readonly AccessRule[] = PRODUCT_ROUTES.flatMap((route) => {
  const path = `${route.replace('{serviceName}', '*')}/serviceInfos`;
  return [
    { method: 'GET', path },
    { method: 'PUT', path },
  ];
});

/** `{route}/serviceInfos` for this service, or undefined when it changes through PUT /services/{id}. */
export function serviceInfosPath(service: Pick<ServiceSummary, 'routePath' | 'name'>): string | undefined {
  if (!service.routePath || !(PRODUCT_ROUTES as readonly string[]).includes(service.routePath)) return undefined;
  return `${service.routePath.replace('{serviceName}', encodeURIComponent(service.name))}/serviceInfos`;
}
