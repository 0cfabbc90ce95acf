import { UNREADABLE, type JournalStore } from '../../storage/recordStore';
import { fieldsOf, isArrayOf, isNumber, isOneOf, isOptional, isString } from '../../storage/storedRecord';

/**
 * The order journal: every renewal order this extension is placing, created, found or is
 * paying, until it ends (delivered, cancelled, gone, expired, or forgotten by the user).
 * It is the single source of truth for "does this service already have an order?".
 *
 * One stored key per entry, in files that every window reads as they are (see
 * journalFiles.ts for why not globalState): two windows writing at once never overwrite
 * each other's records, as a single array would. Entries belong to an account identity
 * (endpoint + nichandle), not to a sign-in, so the same account signed in twice shares them.
 * Several entries may name the same service: an unpaid order is never dropped for another.
 * No secrets: order links carry a password and are fetched again when needed.
 */

const PREFIX = 'ovhcloud.orderJournal.';

export { UNREADABLE, type JournalStore };

/**
 * An entry exists that cannot be read: it may stand for an order in flight, so it blocks
 * ordering for its account (or, when the account cannot be told, for every account) until
 * the user has checked at OVHcloud and set it aside.
 */
export class JournalUnreadableError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`Unreadable order journal entries: ${keys.join(', ')}`);
    this.name = 'JournalUnreadableError';
  }
}

/** A short, stable tag of an account identity, carried by entry ids so an unreadable file can still be attributed. */
export function identityTag(identity: string): string {
  let hash = 0x811c9dc5;
  for (const char of identity) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash.toString(36);
}

/** A fresh entry id: the account's tag, the time, some randomness. */
export function newEntryId(identity: string, at: Date): string {
  return `${identityTag(identity)}_${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
const LEGACY_KEY = 'ovhcloud.pendingOrders';

export type JournalState = 'placing' | 'unknown' | 'unpaid' | 'paying' | 'payUncertain' | 'payAccepted';
const STATES: readonly JournalState[] = ['placing', 'unknown', 'unpaid', 'paying', 'payUncertain', 'payAccepted'];

/** A payment of the entry's order was sent from this computer: Pay is off for it in every window. */
export function paymentSent(entry: Pick<JournalEntry, 'state'>): boolean {
  return entry.state === 'paying' || entry.state === 'payUncertain' || entry.state === 'payAccepted';
}

export interface JournalEntry {
  readonly id: string;
  readonly identity: string;
  readonly serviceId: number;
  /** Every service the order renews (a bundle renews several). */
  readonly services: number[];
  /** Their names as OVH gave them: what the order's details must name to be this order. */
  readonly serviceNames: string[];
  readonly intentKey: string;
  readonly duration: string;
  /**
   * placing: the POST was about to be sent; unknown: it was sent and its outcome is not
   * proven yet; unpaid: the order exists; paying: a payment was about to be sent;
   * payUncertain: it was sent and its outcome is not known yet; payAccepted: OVH answered the
   * payment with success, though the order's status may not show it for a while (no window
   * offers Pay for it again).
   */
  readonly state: JournalState;
  readonly orderId?: number;
  /** The amount with tax: of the preview while placing, of the order once it exists. */
  readonly withTaxValue: number;
  readonly currencyCode?: string;
  /** When the attempt started, by OVH's clock when it could be read. */
  readonly startedAt: string;
  /** The expiry the renewal promises (ISO), for the pay confirmation. Texts are made when shown, in the language of the day. */
  readonly newExpiry?: string;
}

/** A stored entry (see storedRecord.ts); the tree reads every entry while it paints. */
export function decodeJournalEntry(raw: unknown): JournalEntry | undefined {
  const fields = fieldsOf(raw);
  if (!fields) return undefined;
  const { id, identity, serviceId, services, serviceNames, intentKey, duration, state, orderId, withTaxValue, currencyCode, startedAt, newExpiry } = fields;
  // Entries of earlier versions also hold texts (withTaxText, summary): read, never required, never written again.
  const valid =
    isString(id) &&
    isString(identity) &&
    isNumber(serviceId) &&
    isArrayOf(isNumber, services) &&
    isArrayOf(isString, serviceNames) &&
    isString(intentKey) &&
    isString(duration) &&
    isOneOf(STATES, state) &&
    isOptional(isNumber, orderId) &&
    isNumber(withTaxValue) &&
    isOptional(isString, currencyCode) &&
    isString(startedAt) &&
    isOptional(isString, newExpiry);
  if (!valid) return undefined;
  return {
    id,
    identity,
    serviceId,
    services: [...services],
    serviceNames: [...serviceNames],
    intentKey,
    duration,
    state,
    ...(orderId !== undefined ? { orderId } : {}),
    withTaxValue,
    ...(currencyCode !== undefined ? { currencyCode } : {}),
    startedAt,
    ...(newExpiry !== undefined ? { newExpiry } : {}),
  };
}

export class OrderJournal {
  constructor(
    private readonly store: JournalStore,
    /** The identity (endpoint + nichandle) of a signed-in account id, for callers that know only the id. */
    private readonly identityOf: (accountId: string) => string | undefined,
    private readonly changed: () => void = () => undefined,
  ) {}

  all(): JournalEntry[] {
    return this.read().entries;
  }

  /** Every entry, and the keys of those that exist but cannot be read. */
  private read(): { entries: JournalEntry[]; unreadable: string[] } {
    const entries: JournalEntry[] = [];
    const unreadable: string[] = [];
    for (const key of this.store.keys()) {
      if (!key.startsWith(PREFIX)) continue;
      const raw = this.store.get<unknown>(key);
      // Gone since the listing: ended by another window.
      if (raw === undefined) continue;
      const entry = raw === UNREADABLE ? undefined : decodeJournalEntry(raw);
      if (entry) entries.push(entry);
      else unreadable.push(key);
    }
    return { entries, unreadable };
  }

  /** Keys of unreadable entries that may belong to this account (those whose account cannot be told included). */
  unreadable(identity?: string): string[] {
    const tag = identity === undefined ? undefined : identityTag(identity);
    return this.read().unreadable.filter((key) => {
      const id = key.slice(PREFIX.length);
      const owner = /^([0-9a-z]+)_/.exec(id)?.[1];
      return tag === undefined || owner === undefined || owner === tag;
    });
  }

  /** Sets an unreadable entry aside, once the user has checked their orders at OVHcloud. */
  async setAside(key: string): Promise<void> {
    if (this.store.setAside) await this.store.setAside(key);
    else await this.store.update(key, undefined);
    this.changed();
  }

  /**
   * Entries of this account that renew any of these services, oldest attempt first. Throws
   * JournalUnreadableError while an entry of this account cannot be read: "no entry" must
   * never stand for "could not read it".
   */
  forServices(identity: string, services: readonly number[]): JournalEntry[] {
    const unreadable = this.unreadable(identity);
    if (unreadable.length > 0) throw new JournalUnreadableError(unreadable);
    return this.all()
      .filter((entry) => entry.identity === identity && (services.includes(entry.serviceId) || entry.services.some((id) => services.includes(id))))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  }

  /** For the Services tree: the first entry of a service of a signed-in account (the panels report unreadable ones). */
  forService(accountId: string, serviceId: number): JournalEntry | undefined {
    const identity = this.identityOf(accountId);
    if (identity === undefined) return undefined;
    return this.all()
      .filter((entry) => entry.identity === identity && (entry.serviceId === serviceId || entry.services.includes(serviceId)))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))[0];
  }

  /**
   * For the renew settings: the service's first entry, or else, while a record of the account
   * cannot be read, that it may stand for an order of this service (which one is unknowable).
   */
  inFlightFor(accountId: string, serviceId: number): Pick<JournalEntry, 'state' | 'orderId'> | { readonly state: 'unreadable' } | undefined {
    const entry = this.forService(accountId, serviceId);
    if (entry) return entry;
    const identity = this.identityOf(accountId);
    return identity !== undefined && this.unreadable(identity).length > 0 ? { state: 'unreadable' } : undefined;
  }

  /** Order ids other entries of this account already stand for: never adopted twice. */
  claimedOrderIds(identity: string, except?: string): Set<number> {
    return new Set(this.all().flatMap((entry) => (entry.identity === identity && entry.id !== except && entry.orderId !== undefined ? [entry.orderId] : [])));
  }

  get(id: string): JournalEntry | undefined {
    const raw = this.store.get<unknown>(PREFIX + id);
    return raw === UNREADABLE ? undefined : decodeJournalEntry(raw);
  }

  async write(entry: JournalEntry): Promise<void> {
    await this.store.update(PREFIX + entry.id, entry);
    this.changed();
  }

  /** The order reached an end (or the user forgot it): the service is free again. */
  async end(id: string): Promise<void> {
    await this.store.update(PREFIX + id, undefined);
    this.changed();
  }

  /**
   * Records of the version before the journal (one array for every service) become
   * entries, so no unpaid order is forgotten by the upgrade.
   */
  async migrateLegacy(legacyStore: Pick<JournalStore, 'get' | 'update'> = this.store): Promise<void> {
    const legacy = legacyStore.get<unknown>(LEGACY_KEY);
    if (!Array.isArray(legacy)) return;
    for (const [index, raw] of legacy.entries()) {
      const record = decodeLegacyRecord(raw);
      const identity = record ? this.identityOf(record.accountId) : undefined;
      if (!record || identity === undefined) continue;
      const { serviceId, intentKey, duration, services, state, orderId, withTaxValue, startedAt } = record;
      await this.store.update(`${PREFIX}legacy-${index}-${serviceId}`, {
        serviceId,
        intentKey,
        duration,
        services,
        orderId,
        withTaxValue,
        startedAt,
        id: `legacy-${index}-${serviceId}`,
        identity,
        serviceNames: [],
        state: state === 'placing' ? 'unknown' : state === 'paying' ? 'payUncertain' : 'unpaid',
      } satisfies JournalEntry);
    }
    await legacyStore.update(LEGACY_KEY, undefined);
    this.changed();
  }
}

/** One record of the version before the journal. */
function decodeLegacyRecord(raw: unknown) {
  const fields = fieldsOf(raw);
  if (!fields) return undefined;
  const { accountId, serviceId, intentKey, duration, services, state, orderId, withTaxText, withTaxValue, startedAt } = fields;
  const valid =
    isString(accountId) &&
    isNumber(serviceId) &&
    isString(intentKey) &&
    isString(duration) &&
    isArrayOf(isNumber, services) &&
    isOneOf(['placing', 'unpaid', 'paying'] as const, state) &&
    isOptional(isNumber, orderId) &&
    isString(withTaxText) &&
    isNumber(withTaxValue) &&
    isString(startedAt);
  return valid ? { accountId, serviceId, intentKey, duration, services, state, orderId, withTaxValue, startedAt } : undefined;
}
