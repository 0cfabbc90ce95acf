/**
 * A service reference: which service of which signed-in account. It is what every
 * service command accepts (a Services tree node is one, since ServiceNode extends it;
 * palette callers, notifications and other extensions pass { accountId, serviceId }),
 * what the renew panels are keyed by and what the quick pick answers. Pure.
 */
export interface ServiceRef {
  readonly accountId: string;
  readonly serviceId: number;
}

/** The one string form of a reference, for maps and sets: "accountId/serviceId". */
export function serviceKey(ref: ServiceRef): string {
  return `${ref.accountId}/${ref.serviceId}`;
}

/**
 * Decodes a command argument. Arguments come from menus, keybindings and other
 * extensions: anything that is not a reference (an account node, a string, a
 * malformed object) gives undefined and the command asks or does nothing.
 */
export function serviceRefOf(arg: unknown): ServiceRef | undefined {
  if (arg === null || typeof arg !== 'object') return undefined;
  const { accountId, serviceId } = arg as { readonly [K in keyof ServiceRef]?: unknown };
  if (typeof accountId !== 'string' || typeof serviceId !== 'number' || !Number.isSafeInteger(serviceId)) return undefined;
  return { accountId, serviceId };
}
