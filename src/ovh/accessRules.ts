import { SERVICE_INFOS_RULES } from './productRoutes';
import type { AccessRule } from './schemas';

/**
 * Exactly the calls the extension makes, and nothing more: a consumer key created
 * by "Sign In" cannot touch DNS, servers or contacts. OVH's "*" matches any
 * rest of the path, so GET /me/order/* also covers /status and the payment means.
 * The README lists the same rules; a unit test keeps them in sync with the client.
 */
export const REQUIRED_ACCESS_RULES: readonly AccessRule[] = [
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/services' },
  { method: 'GET', path: '/services/*' },
  // Renew settings (mode, period, stop at expiry). GET /services/* above already covers
  // GET /services/{id}/renewPeriodCapacities: OVH's "*" matches the rest of the path.
  { method: 'PUT', path: '/services/*' },
  // Renew mode and period of these products, through their own route as OVH's Control Panel does (productRenew.ts).
  ...SERVICE_INFOS_RULES,
  { method: 'GET', path: '/service/*/renew' },
  { method: 'POST', path: '/service/*/renew' },
  { method: 'GET', path: '/me/order' },
  { method: 'GET', path: '/me/order/*' },
  { method: 'POST', path: '/me/order/*/pay' },
  { method: 'POST', path: '/me/order/*/payWithRegisteredPaymentMean' },
  { method: 'GET', path: '/me/ovhAccount' },
  { method: 'GET', path: '/me/ovhAccount/*' },
  { method: 'GET', path: '/me/payment/method' },
  { method: 'GET', path: '/me/payment/method/*' },
];

/** Whether a rule pattern grants a concrete call, with OVH's trailing-free "*" wildcard. */
export function ruleGrants(rule: AccessRule, method: string, path: string): boolean {
  if (rule.method !== method) return false;
  const pattern = rule.path
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path.split('?')[0]);
}

/** What changing renew settings needs; a key approved before they existed lacks the PUT. */
export const RENEW_SETTINGS_RULES: readonly AccessRule[] = [
  { method: 'PUT', path: '/services/*' },
  { method: 'GET', path: '/services/*/renewPeriodCapacities' },
  ...SERVICE_INFOS_RULES,
];
