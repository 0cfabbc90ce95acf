import type { AccountMeta } from '../../auth/accountTypes';
import { OvhApiError, type OvhApi, type ServiceSummary } from '../../ovh';
import { cacheKeyOf, makeCachedListing, readCachedListing, type Unreadable } from './cachedListing';
import { Emitter, type Disposable, type Event } from './listingEvents';

/** The part of AccountService the model needs (an interface keeps the model testable). */
export interface AccountSource {
  list(): AccountMeta[];
  api(accountId: string): Promise<OvhApi | undefined>;
  isSignInNeeded(accountId: string): boolean;
  reportFailure(accountId: string, error: OvhApiError): void;
  readonly onDidChange: Event<void>;
}

export interface AccountListing {
  readonly accountId: string;
  /** Last good listing (from this session or the cache); undefined while nothing is known. */
  readonly services?: readonly ServiceSummary[];
  readonly unreadable: readonly Unreadable[];
  /** When OVH answered (epoch ms). */
  readonly fetchedAt?: number;
  readonly source: 'none' | 'cache' | 'api';
  readonly loading: boolean;
  /** The last load's failure; the services above, if any, are then older data. */
  readonly error?: unknown;
}

/** The account is listed but its credentials could not be read back from SecretStorage. */
export class CredentialsUnavailableError extends Error {
  constructor(readonly accountId: string) {
    super(`The credentials of account ${accountId} are not available`);
    this.name = 'CredentialsUnavailableError';
  }
}

/** Where the listing is cached between windows: the part of a vscode.Memento (globalState) the model uses. */
export interface ListingStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ServicesModelDeps {
  readonly accounts: AccountSource;
  readonly memento: ListingStore;
  readonly log: { info(message: string): void; warn(message: string): void };
  /** Shows a load in the view's progress bar. */
  readonly showProgress: (task: Promise<void>) => void;
}

const empty = (accountId: string): AccountListing => ({ accountId, unreadable: [], source: 'none', loading: false });

/**
 * Per-account service listings: painted from the globalState cache at once, fetched
 * from OVH only when the view first asks (never during activation) or on refresh, and
 * written back to the cache. Fires onDidChange(accountId) whenever a listing changes;
 * the tree provider only maps what it holds.
 */
export class ServicesModel implements Disposable {
  private readonly states = new Map<string, AccountListing>();
  /** Accounts fetched (or being fetched) in this session: the view asks only once. */
  private readonly started = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Accounts whose next listing must bypass OVH's server-side cache (Pragma: no-cache). */
  private readonly freshNeeded = new Set<string>();
  /** Bumped by every new load or reset, so a late answer from an older load is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly awaitingSignIn = new Set<string>();
  private readonly changed: Emitter<string | undefined>;
  private readonly loadedFromApi: Emitter<string>;
  private readonly subscription: Disposable;
  readonly onDidChange: Event<string | undefined>;
  /** Fires after a successful answer from OVH (not for cache reads). */
  readonly onDidLoad: Event<string>;

  constructor(private readonly deps: ServicesModelDeps) {
    const listenerFailed = (error: unknown): void => deps.log.warn(`A listener of the services listing failed: ${String(error)}`);
    this.changed = new Emitter(listenerFailed);
    this.loadedFromApi = new Emitter(listenerFailed);
    this.onDidChange = this.changed.event;
    this.onDidLoad = this.loadedFromApi.event;
    this.subscription = deps.accounts.onDidChange(() => this.accountsChanged());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.loadedFromApi.dispose();
  }

  accountIds(): string[] {
    return this.deps.accounts.list().map((meta) => meta.id);
  }

  /** What is known about an account right now; the first call reads the cache (no network). */
  listing(accountId: string): AccountListing {
    let state = this.states.get(accountId);
    if (!state) {
      const cached = readCachedListing(this.deps.memento.get(cacheKeyOf(accountId)));
      state = cached
        ? { accountId, services: cached.services, unreadable: cached.unreadable, fetchedAt: cached.fetchedAt, source: 'cache', loading: false }
        : empty(accountId);
      this.states.set(accountId, state);
    }
    return state;
  }

  /** Starts the first fetch of this session for the account; later calls do nothing. */
  ensureLoaded(accountId: string): void {
    if (this.started.has(accountId) || this.deps.accounts.isSignInNeeded(accountId)) return;
    this.started.add(accountId);
    void this.load(accountId);
  }

  /**
   * Fetches again. `clearCache` (the Refresh button) forgets the stored listing first,
   * so what follows is OVH's answer only; retries and auto-refresh keep showing the old
   * data until the new answer arrives. Accounts waiting for a new sign-in are skipped:
   * their calls would only fail again.
   */
  async refresh(accountId?: string, options: { clearCache?: boolean; fresh?: boolean } = {}): Promise<void> {
    const known = this.accountIds();
    const targets = (accountId === undefined ? known : [accountId]).filter((id) => known.includes(id) && !this.deps.accounts.isSignInNeeded(id));
    await Promise.all(
      targets.map(async (id) => {
        if (options.clearCache) {
          await this.deps.memento.update(cacheKeyOf(id), undefined);
          this.states.set(id, empty(id));
        }
        this.started.add(id);
        // The Refresh button and a refresh after our own change bypass OVH's list cache.
        if (options.clearCache || options.fresh) this.freshNeeded.add(id);
        await this.load(id);
      }),
    );
  }

  /**
   * Auto-refresh: fetches again only the accounts the view already showed this session
   * (a window whose view was never opened makes no calls), and none that is loading.
   */
  async refreshStarted(): Promise<void> {
    const targets = [...this.started].filter((id) => !this.inFlight.has(id) && this.accountIds().includes(id) && !this.deps.accounts.isSignInNeeded(id));
    await Promise.all(targets.map((id) => this.load(id)));
  }

  /**
   * After a renewal elsewhere (the renew panel): fetch the account again, whether or not
   * the view showed it. The badge, the status bar and the notification read this model
   * even when the view is closed, so they must not keep counting the renewed service.
   * A load already running started before the change: it is superseded, not awaited.
   */
  refreshAfterChange(accountId: string): void {
    // The next listing of this account must not come from OVH's cache.
    this.freshNeeded.add(accountId);
    if (this.accountIds().includes(accountId) && !this.deps.accounts.isSignInNeeded(accountId)) void this.refresh(accountId, { fresh: true });
  }

  isLoading(accountId?: string): boolean {
    return accountId === undefined ? this.inFlight.size > 0 : this.inFlight.has(accountId);
  }

  /** Resolves once no load is running (tests and the notification wait on it). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /** Forgets everything but the cache, as a new window would: the next read paints from the cache. */
  forgetSession(): void {
    for (const id of new Set([...this.states.keys(), ...this.inFlight.keys()])) this.bump(id);
    this.states.clear();
    this.started.clear();
    this.inFlight.clear();
    this.changed.fire(undefined);
  }

  private bump(accountId: string): number {
    const next = (this.generations.get(accountId) ?? 0) + 1;
    this.generations.set(accountId, next);
    return next;
  }

  private set(accountId: string, change: Partial<AccountListing>): void {
    this.states.set(accountId, { ...this.listing(accountId), ...change, accountId });
  }

  private load(accountId: string): Promise<void> {
    const generation = this.bump(accountId);
    this.set(accountId, { loading: true });
    this.changed.fire(accountId);
    const task = this.fetch(accountId, generation).finally(() => {
      if (this.inFlight.get(accountId) === task) this.inFlight.delete(accountId);
    });
    this.inFlight.set(accountId, task);
    this.deps.showProgress(task);
    return task;
  }

  private async fetch(accountId: string, generation: number): Promise<void> {
    const current = (): boolean => this.generations.get(accountId) === generation && this.accountIds().includes(accountId);
    const startedAt = Date.now();
    try {
      const api = await this.deps.accounts.api(accountId);
      if (!api) throw new CredentialsUnavailableError(accountId);
      const fresh = this.freshNeeded.delete(accountId);
      let listing;
      try {
        listing = await api.listServices(undefined, { fresh });
      } catch (error) {
        if (fresh) this.freshNeeded.add(accountId);
        throw error;
      }
      if (!current()) return;
      const fetchedAt = Date.now();
      this.states.set(accountId, { accountId, services: listing.services, unreadable: listing.unreadable, fetchedAt, source: 'api', loading: false });
      this.deps.log.info(
        `Listed ${listing.services.length} services of account ${accountId} in ${fetchedAt - startedAt} ms (${listing.mode} mode, ${listing.unreadable.length} unreadable)`,
      );
      await this.deps.memento.update(cacheKeyOf(accountId), makeCachedListing(listing.services, listing.unreadable, fetchedAt));
      this.changed.fire(accountId);
      this.loadedFromApi.fire(accountId);
    } catch (error) {
      if (!current()) return;
      // Credential failures flag the account once; the view then offers "Sign in again".
      if (error instanceof OvhApiError) this.deps.accounts.reportFailure(accountId, error);
      if (this.deps.accounts.isSignInNeeded(accountId)) this.awaitingSignIn.add(accountId);
      this.deps.log.warn(`Listing the services of account ${accountId} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.set(accountId, { loading: false, error });
      this.changed.fire(accountId);
    }
  }

  private accountsChanged(): void {
    const ids = new Set(this.accountIds());
    for (const id of new Set([...this.states.keys(), ...this.started])) {
      if (ids.has(id)) continue;
      // Signed out: forget the account and its cached listing.
      this.bump(id);
      this.states.delete(id);
      this.started.delete(id);
      this.awaitingSignIn.delete(id);
      // Only write when there is something to forget: globalState writes are not free.
      if (this.deps.memento.get(cacheKeyOf(id)) !== undefined) void this.deps.memento.update(cacheKeyOf(id), undefined);
    }
    for (const id of [...this.awaitingSignIn]) {
      if (ids.has(id) && !this.deps.accounts.isSignInNeeded(id)) {
        // Signed in again: the next look at the view fetches with the new credentials.
        this.awaitingSignIn.delete(id);
        this.started.delete(id);
        this.set(id, { error: undefined });
      }
    }
    for (const id of ids) if (this.deps.accounts.isSignInNeeded(id)) this.awaitingSignIn.add(id);
    this.changed.fire(undefined);
  }
}
