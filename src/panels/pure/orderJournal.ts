import * as z from 'zod/mini';
import type { AccountMeta } from '../../auth/accountTypes';

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

const EntrySchema = z.object({
  id: z.string(),
  identity: z.string(),
  serviceId: z.number(),
  /** Every service the order renews (a bundle renews several). */
  services: z.array(z.number()),
  /** Their names as OVH gave them: what the order's details must name to be this order. */
  serviceNames: z.array(z.string()),
  intentKey: z.string(),
  duration: z.string(),
  /**
   * placing: the POST was about to be sent; unknown: it was sent and its outcome is not
   * proven yet; unpaid: the order exists; paying: a payment was about to be sent;
   * payUncertain: it was sent and its outcome is not known yet.
   */
  state: z.enum(['placing', 'unknown', 'unpaid', 'paying', 'payUncertain']),
  orderId: z.optional(z.number()),
  withTaxText: z.string(),
  withTaxValue: z.number(),
  /** When the attempt started, by OVH's clock when it could be read. */
  startedAt: z.string(),
  /** What is bought, for the tree, the Forget command and the pay confirmation. */
  summary: z.optional(z.object({ servicesText: z.string(), periodText: z.string(), newExpiryText: z.string() })),
});
export type JournalEntry = z.infer<typeof EntrySchema>;

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
      const parsed = EntrySchema.safeParse(this.store.get(key));
      return parsed.success ? [parsed.data] : [];
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
    const parsed = EntrySchema.safeParse(this.store.get(PREFIX + id));
    return parsed.success ? parsed.data : undefined;
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
      const parsed = LegacySchema.safeParse(raw);
      const identity = parsed.success ? this.identityOf(parsed.data.accountId) : undefined;
      if (!parsed.success || identity === undefined) continue;
      const { serviceId, intentKey, duration, services, state, orderId, withTaxText, withTaxValue, startedAt } = parsed.data;
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

const LegacySchema = z.object({
  accountId: z.string(),
  serviceId: z.number(),
  intentKey: z.string(),
  duration: z.string(),
  services: z.array(z.number()),
  state: z.enum(['placing', 'unpaid', 'paying']),
  orderId: z.optional(z.number()),
  withTaxText: z.string(),
  withTaxValue: z.number(),
  startedAt: z.string(),
});
