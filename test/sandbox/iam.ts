import { ApiError } from './errors';

/**
 * IAM for OAuth2 service accounts. A service account has no rights until a policy grants
 * them; a call it may not make answers 403 Client::Forbidden "User not granted for this
 * request" with the missing actions in `details` (a string map, as go-ovh reads it).
 * Action names follow OVH's `account:apiovh:<path without ids>/<verb>` pattern; POSTs that
 * are actions on an object (pay, payWithRegisteredPaymentMean) carry no verb, as in me.json.
 */

const VERB: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'edit', DELETE: 'delete' };
const ACTION_POSTS = new Set(['/me/order/{orderId}/pay', '/me/order/{orderId}/payWithRegisteredPaymentMean']);

export function iamAction(method: string, template: string): string {
  const path = template
    .split('/')
    .filter((segment) => segment !== '' && !/^\{\w+\}$/.test(segment))
    .join('/');
  if (method === 'POST' && ACTION_POSTS.has(template)) return `account:apiovh:${path}`;
  return `account:apiovh:${path}/${VERB[method] ?? method.toLowerCase()}`;
}

export function iamForbidden(action: string): ApiError {
  return new ApiError(403, {
    class: 'Client::Forbidden',
    message: 'User not granted for this request',
    details: { unauthorizedActionsByAuthentication: '', unauthorizedActionsByIAM: action },
  });
}
