import { english, type Translate } from '../translate';
import { OvhApiError } from './errors';

export interface ErrorDescription {
  /** What happened, in the user's terms. */
  readonly explanation: string;
  /** What to do next. */
  readonly nextStep: string;
  /** OVH's own message and query id, for support requests. Never contains credentials. */
  readonly details?: string;
}

/**
 * Turns any failure into words for the user. Credentials never appear here: the
 * error only knows the method, the API path, OVH's answer and the query id.
 */
export function describeError(error: unknown, t: Translate = english): ErrorDescription {
  if (!(error instanceof OvhApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      explanation: t('Something unexpected went wrong: {0}', message),
      nextStep: t('Try again. If it keeps happening, open the OVHcloud log (OVHcloud: Show Log) and report the problem.'),
    };
  }
  const detailParts = [
    error.serverMessage ? t('OVH said: "{0}"', error.serverMessage) : undefined,
    error.errorCode ?? error.errorClass,
    error.queryId ? t('query id {0}', error.queryId) : undefined,
  ].filter((part): part is string => Boolean(part));
  const details = detailParts.length > 0 ? detailParts.join(' · ') : undefined;
  const [explanation, nextStep] = ((): [string, string] => {
    switch (error.kind) {
      case 'invalidSignature':
        return [t('OVHcloud rejected the request signature.'), t('Check that the application secret belongs to this application key, then sign in again.')];
      case 'clockSkew':
        return [
          t("OVHcloud rejected the request because this computer's clock differs too much from OVHcloud's."),
          t('Synchronize the system clock (for example with NTP), then try again.'),
        ];
      case 'badRequest':
        return [t('OVHcloud refused the request as invalid.'), t('Refresh the data and try again; if the offer changed, pick it again.')];
      case 'unauthorized':
        return [t('OVHcloud asked for a sign-in: the credentials were missing or not accepted.'), t('Sign in again with OVHcloud: Sign In.')];
      case 'invalidCredential':
        return [
          t('Your OVHcloud credentials are no longer valid: the consumer key expired, was revoked, or was never validated.'),
          t('Sign in again with OVHcloud: Sign In to create a new consumer key.'),
        ];
      case 'notGranted':
        return [
          t('Your OVHcloud credentials are not allowed to call {0} {1}.', error.method, error.path),
          t(
            'Sign in again so a consumer key with the access rules this extension needs is created, or add the rule {0} {1} to your key.',
            error.method,
            ruleFor(error.path),
          ),
        ];
      case 'iamNotGranted': {
        const actions = error.missingActions ?? [];
        return [
          actions.length > 0
            ? t('The service account is not allowed to do this: no IAM policy grants it {0}.', actions.join(', '))
            : t('The service account is not allowed to call {0} {1}: no IAM policy grants it.', error.method, error.path),
          t(
            'Signing in again does not change this. In the OVHcloud Control Panel, open Identity and Access Management, then Policies, and add these actions to a policy for this service account (the README lists every action this extension needs): {0}',
            actions.length > 0 ? actions.join(', ') : ruleFor(error.path),
          ),
        ];
      }
      case 'forbidden':
        return [t('OVHcloud refused access to {0}.', error.path), t('Check the account permissions (IAM policies) for this account.')];
      case 'notFound':
        return [
          t('OVHcloud does not know this item any more: {0}.', error.path),
          t('Refresh the Services view; the service or order may have been deleted or transferred.'),
        ];
      case 'conflict':
        return [
          t('OVHcloud reported a conflict: the item changed or an operation is already in progress.'),
          t('Refresh, check for an order that is already waiting for payment, and try again.'),
        ];
      case 'rateLimited':
        return [
          error.retryAfterSeconds === undefined
            ? t('OVHcloud is limiting the number of requests.')
            : t('OVHcloud is limiting the number of requests and asks to wait {0} seconds.', error.retryAfterSeconds),
          t('Wait a moment, then try again.'),
        ];
      case 'expiredService':
        return [
          t('This service has expired at OVHcloud, so the operation is not available for it.'),
          t('Renew the service first, or contact OVHcloud support if it should not be expired.'),
        ];
      case 'server':
        return [
          t('OVHcloud had an internal problem ({0}).', error.status ?? 500),
          t('Try again in a few minutes. Check the OVHcloud status page if it persists.'),
        ];
      case 'timeout':
        return [t('OVHcloud did not answer in time.'), t('Check your connection and try again. You can raise the ovhcloud.requestTimeoutSeconds setting.')];
      case 'connectionRefused':
        return [
          t('The connection to the OVHcloud API was refused.'),
          t('Check the API endpoint in your account settings, any proxy or firewall, and try again.'),
        ];
      case 'connectionReset':
      case 'network':
        return [t('The connection to the OVHcloud API failed.'), t('Check your network connection and try again.')];
      case 'malformedResponse':
        return [t('OVHcloud sent an answer that is not valid JSON.'), t('Try again; if it keeps happening, report it with the details below.')];
      case 'schemaMismatch':
        return [
          t('OVHcloud sent data in a shape this version does not understand (at {0}).', error.schemaPath ?? '?'),
          t('Try again later, or update the extension; report the problem if it persists.'),
        ];
      case 'oauth2':
        return [t('OVHcloud did not accept the service account (client id and secret).'), t('Check the client id and secret, then sign in again.')];
      case 'cancelled':
        return [t('The request was not sent because the operation it belonged to had already failed.'), t('Try again.')];
      case 'unknown':
        return [
          t('The OVHcloud API returned an unexpected error ({0}).', error.status ?? '?'),
          t('Try again; if it keeps happening, report it with the details below.'),
        ];
    }
  })();
  return { explanation, nextStep, details };
}

/** The access-rule form of a concrete path: ids become "*". */
function ruleFor(path: string): string {
  return path
    .split('?')[0]
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? '*' : segment))
    .join('/');
}
