/**
 * What OVH asks before a service may renew automatically, as its Control Panel checks it:
 * the account's new contracts accepted, the user as the service's billing contact, no
 * unpaid debt; and no manual renewal in the US region. OVH publishes no wording for these
 * refusals, so one is recognised by what its message names; the user is told which
 * precondition is missing, what to do, and where in the Control Panel. Pure.
 */
import type { Translate } from '../../translate';
import { controlPanelRoot, type EndpointId } from '../../ovh';
import type { RenewModeChoice } from '../../renewal';

export type AutomaticPrecondition = 'contracts' | 'billingContact' | 'debt';

// The Control Panel's reasons are `nic_rights` and `pending_debt`; its contracts page says "older contracts".
const PATTERNS: readonly [AutomaticPrecondition, RegExp][] = [
  ['contracts', /\b(contracts?|agreements?|conditions)\b/i],
  ['billingContact', /\b(billing contact|nic[ _]rights|contactBilling)\b/i],
  ['debt', /\b(debts?|unpaid|pending_debt)\b/i],
];

/** The precondition a refusal of automatic renewal names, from OVH's message; undefined for any other refusal. */
export function refusedPrecondition(message: string | undefined): AutomaticPrecondition | undefined {
  if (!message) return undefined;
  return PATTERNS.find(([, pattern]) => pattern.test(message))?.[0];
}

/** The Control Panel page (of the account's own region) where the precondition is met; undefined for a custom API URL. */
export function preconditionLink(endpointId: EndpointId, precondition: AutomaticPrecondition, serviceName: string): string | undefined {
  const root = controlPanelRoot(endpointId);
  if (!root) return undefined;
  switch (precondition) {
    case 'contracts':
      return `${root}#/billing/autorenew/agreements`;
    case 'billingContact':
      return `${root}#/contacts/services?serviceName=${encodeURIComponent(serviceName)}`;
    case 'debt':
      return `${root}#/billing/history`;
  }
}

/** What is missing and what to do, with the page when there is one. */
export function preconditionText(precondition: AutomaticPrecondition, t: Translate, link: string | undefined): string {
  const what =
    precondition === 'contracts'
      ? t('automatic renewal needs the new OVHcloud contracts accepted first: accept them in the OVHcloud Control Panel, then try again')
      : precondition === 'billingContact'
        ? t(
            'only the billing contact of this service can switch it to automatic renewal: sign in as that account, or have the contact changed in the OVHcloud Control Panel',
          )
        : t('automatic renewal is not possible while the account has unpaid bills: pay them in the OVHcloud Control Panel, then try again');
  return link ? `${what} (${link})` : what;
}

/** The renew modes a region allows: OVH's US region has no manual renewal (the Control Panel does not offer it there). */
export function modesInRegion(modes: readonly RenewModeChoice[], endpointId: EndpointId | undefined): RenewModeChoice[] {
  return endpointId === 'ovh-us' ? modes.filter((mode) => mode !== 'manual') : [...modes];
}
