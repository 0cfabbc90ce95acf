import type { AccountMeta } from '../../auth/accountTypes';
import { fieldsOf, isArrayOf, isNumber, isOneOf, isOptional, isString } from '../../storedRecord';

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
const LEGACY_KEY = 'ovhcloud.pendingOrders';

export type JournalState = 'placing' | 'unknown' | 'unpaid' | 'paying' | 'payUncertain';
const STATES: readonly JournalState[] = ['placing', 'unknown', 'unpaid', 'paying', 'payUncertain'];

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
   * payUncertain: it was sent and its outcome is not known yet.
   */
  readonly state: JournalState;
  readonly orderId?: number;
  readonly withTaxText: string;
  readonly withTaxValue: number;
  /** When the attempt started, by OVH's clock when it could be read. */
  readonly startedAt: string;
  /** What is bought, for the tree, the Forget command and the pay confirmation. */
  readonly summary?: JournalSummary;
}

export interface JournalSummary {
  readonly servicesText: string;
  readonly periodText: string;
  readonly newExpiryText: string;
}

function decodeSummary(raw: unknown): JournalSummary | undefined {
  const fields = fieldsOf(raw);
  if (!fields) return undefined;
  const { servicesText, periodText, newExpiryText } = fields;
  return isString(servicesText) && isString(periodText) && isString(newExpiryText) ? { servicesText, periodText, newExpiryText } : undefined;
}

/** A stored entry (see storedRecord.ts); the tree reads every entry while it paints. */
export function decodeJournalEntry(raw: unknown): JournalEntry | undefined {
  const fields = fieldsOf(raw);
  if (!fields) return undefined;
  const { id, identity, serviceId, services, serviceNames, intentKey, duration, state, orderId, withTaxText, withTaxValue, startedAt } = fields;
  const summary = fields.summary === undefined ? undefined : decodeSummary(fields.summary);
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
    isString(withTaxText) &&
    isNumber(withTaxValue) &&
    isString(startedAt) &&
    (fields.summary === undefined || summary !== undefined);
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
    withTaxText,
    withTaxValue,
    startedAt,
    ...(summary ? { summary } : {}),
  };
}

/** The account itself, whatever the sign-in method: the same nichandle on the same endpoint. */
export function accountIdentity(meta: Pick<AccountMeta, 'endpointId' | 'customUrl' | 'nichandle'>): string {
  return `${meta.endpointId}${meta.customUrl ? `(${meta.customUrl})` : ''}/${meta.nichandle.toLowerCase()}`;
}

/** The part of vscode.Memento the journal uses. */
export interface JournalStore {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class OrderJournal {
  constructor(
    private readonly store: JournalStore,
    /** The identity (endpoint + nichandle) of a signed-in account id, for callers that know only the id. */
    private readonly identityOf: (accountId: string) => string | undefined,
    private readonly changed: () => void = () => undefined,
  ) {}

  all(): JournalEntry[] {
    return this.store.keys().flatMap((key) => {
      if (!key.startsWith(PREFIX)) return [];
      const entry = decodeJournalEntry(this.store.get(key));
      return entry ? [entry] : [];
    });
  }

  /** Entries of this account that renew any of these services, oldest attempt first. */
  forServices(identity: string, services: readonly number[]): JournalEntry[] {
    return this.all()
      .filter((entry) => entry.identity === identity && (services.includes(entry.serviceId) || entry.services.some((id) => services.includes(id))))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  }

  /** For the Services tree: the first entry of a service of a signed-in account. */
  forService(accountId: string, serviceId: number): JournalEntry | undefined {
    const identity = this.identityOf(accountId);
    return identity === undefined ? undefined : this.forServices(identity, [serviceId])[0];
  }

  /** Order ids other entries of this account already stand for: never adopted twice. */
  claimedOrderIds(identity: string, except?: string): Set<number> {
    return new Set(this.all().flatMap((entry) => (entry.identity === identity && entry.id !== except && entry.orderId !== undefined ? [entry.orderId] : [])));
  }

  get(id: string): JournalEntry | undefined {
    return decodeJournalEntry(this.store.get(PREFIX + id));
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
      const { serviceId, intentKey, duration, services, state, orderId, withTaxText, withTaxValue, startedAt } = record;
      await this.store.update(`${PREFIX}legacy-${index}-${serviceId}`, {
        serviceId,
        intentKey,
        duration,
        services,
        orderId,
        withTaxText,
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
  return valid ? { accountId, serviceId, intentKey, duration, services, state, orderId, withTaxText, withTaxValue, startedAt } : undefined;
}
