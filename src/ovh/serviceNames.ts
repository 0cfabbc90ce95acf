/**
 * The name a person knows a service by. OVH names domains in their ASCII form
 * (`xn--caf-crme-60ag.fr`) in renew strategies, orders and service names, while people
 * typed and know `café-crème.fr`; a VPS is `vps-9af9ed02.vps.ovh.net` to OVH and
 * "Entwicklung München" to its owner. Every surface that names a service for a person
 * goes through here; the ASCII name stays where a technical identifier is asked for
 * (API calls, order matching, tooltips' "Service name" row).
 */
import { domainToUnicode } from 'node:url';

export interface NamedService {
  readonly serviceId: number;
  /** OVH's technical name (`resource.name`, `servicesDetails[].serviceName`). */
  readonly name?: string | null;
  /** `resource.displayName`, when OVH gives one. */
  readonly displayName?: string | null;
}

/** `xn--caf-crme-60ag.fr` → `café-crème.fr`; anything that is not a valid IDN comes back as given. */
export function unicodeDomain(name: string): string {
  if (!/(^|\.)xn--/i.test(name)) return name;
  // domainToUnicode answers '' for what is not a valid domain: keep the name then.
  return domainToUnicode(name) || name;
}

/**
 * The display name where OVH gives one that says more than the technical name, else the
 * technical name in Unicode. A display name that is itself punycode (OVH copies the name
 * into it for domains) is decoded too.
 */
export function knownName(service: NamedService): string {
  const display = service.displayName?.trim();
  if (display) return unicodeDomain(display);
  const name = service.name?.trim();
  return name ? unicodeDomain(name) : `#${service.serviceId}`;
}

/**
 * Names for a list of services shown together (a strategy's services, a confirmation's
 * rows): where two of them share a name (a domain and the hosting of the same name), each
 * gets its product type after it, "data-studio.de (Domain)" and "data-studio.de (Web
 * hosting)". `typeText` says the product type in the user's language.
 */
export function knownNames<T extends NamedService>(services: readonly T[], typeText: (service: T) => string | undefined): string[] {
  const names = services.map(knownName);
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name.toLocaleLowerCase(), (counts.get(name.toLocaleLowerCase()) ?? 0) + 1);
  return names.map((name, index) => {
    if ((counts.get(name.toLocaleLowerCase()) ?? 0) < 2) return name;
    const type = typeText(services[index] as T);
    return type ? `${name} (${type})` : name;
  });
}
