/**
 * Orders OVH holds for checks (documents, a manual review) can wait days: the journal keeps
 * them, and they are followed again when VS Code starts and after a sign-in, not only when
 * their renew panel opens. Quietly: one status read per order, again every few minutes while
 * any is held; a notification only when one becomes delivered or refused after its checks,
 * once (the last status seen is remembered across restarts). No vscode import: the caller
 * gives the window, so the rules are testable.
 */
import type { AccountMeta } from '../auth/accountTypes';
import { type HeldCheck, isOvhApiError } from '../ovh';
import type { Translate } from '../translate';
import { paymentSent, type JournalEntry, type OrderJournal } from '../core/orders/orderJournal';

export interface HeldOrderApi {
  getOrderStatus(orderId: number): Promise<string>;
  orderHeldCheck?(orderId: number): Promise<HeldCheck | undefined>;
}

export interface HeldOrderDeps {
  readonly accounts: { list(): readonly AccountMeta[]; api(accountId: string): Promise<HeldOrderApi | undefined> };
  readonly journal: Pick<OrderJournal, 'all' | 'end'>;
  readonly identityOf: (accountId: string) => string | undefined;
  /** The last status seen per journal entry, kept across restarts so a state is announced once. */
  readonly seen: { get(): Readonly<Record<string, string>>; set(value: Record<string, string>): Thenable<void> | Promise<void> };
  readonly notify: (message: string) => void;
  readonly onDelivered: (accountId: string) => void;
  readonly log: { info(message: string): void; warn(message: string): void };
  readonly t: Translate;
}

/** Paid here (the journal says a payment was sent) and not known to be over: what OVH may be holding. */
function followed(entry: JournalEntry): entry is JournalEntry & { orderId: number } {
  return entry.orderId !== undefined && paymentSent(entry);
}

const FINAL = new Set(['delivered', 'cancelled', 'cancelling', 'gone']);

/** OVH's status, read through the follow-up while the order is checked; `refused` for FRAUD_REFUSED. */
async function statusOf(api: HeldOrderApi, orderId: number): Promise<string> {
  let status: string;
  try {
    status = await api.getOrderStatus(orderId);
  } catch (error) {
    if (isOvhApiError(error) && error.kind === 'notFound') return 'gone';
    throw error;
  }
  if (FINAL.has(status) || status === 'notPaid' || !api.orderHeldCheck) return status;
  const held = await api.orderHeldCheck(orderId).catch(() => undefined);
  return held === 'FRAUD_REFUSED' ? 'refused' : held ? `held:${held}` : status;
}

/** Follows the journal's held orders of these signed-in accounts once; true while any is still held. */
export async function followHeldOrders(deps: HeldOrderDeps, accountIds: readonly string[]): Promise<boolean> {
  let stillHeld = false;
  const seen = { ...deps.seen.get() };
  let changed = false;
  for (const accountId of accountIds) {
    const identity = deps.identityOf(accountId);
    const entries = identity
      ? deps.journal
          .all()
          .filter((entry) => entry.identity === identity)
          .filter(followed)
      : [];
    if (entries.length === 0) continue;
    const api = await deps.accounts.api(accountId).catch(() => undefined);
    if (!api) continue;
    for (const entry of entries) {
      let status: string;
      try {
        status = await statusOf(api, entry.orderId);
      } catch (error) {
        deps.log.warn(`Held orders: could not read order ${entry.orderId}: ${String(error)}`);
        stillHeld = true;
        continue;
      }
      const before = seen[entry.id];
      if (status !== before) {
        seen[entry.id] = status;
        changed = true;
        deps.log.info(`Held orders: order ${entry.orderId} is ${status}`);
      }
      const names = entry.serviceNames.join(', ');
      if (FINAL.has(status)) {
        await deps.journal.end(entry.id);
        delete seen[entry.id];
        changed = true;
        if (status === 'delivered') {
          deps.notify(deps.t('Order {0} was delivered: {1} renewed.', entry.orderId, names));
          deps.onDelivered(accountId);
        }
        continue;
      }
      if (status === 'refused' && before !== 'refused') {
        deps.notify(
          deps.t(
            'OVHcloud refused order {0} ({1}) after its checks. Open the order in the OVHcloud Control Panel to see why before ordering again.',
            entry.orderId,
            names,
          ),
        );
      }
      if (status !== 'refused' && status !== 'notPaid') stillHeld = true;
    }
  }
  if (changed) await deps.seen.set(seen);
  return stillHeld;
}

/** How often held orders are read again while VS Code stays open: they wait on people at OVH, not on us. */
export const HELD_ORDER_RECHECK_MS = 15 * 60 * 1000;

/**
 * Follows held orders at start, after each sign-in, and every `recheckMs` while any is held.
 * Returns `followNow` (what start does) and a disposer.
 */
export function watchHeldOrders(
  deps: HeldOrderDeps,
  onAccountsChanged: (listener: () => void) => { dispose(): void },
  recheckMs = HELD_ORDER_RECHECK_MS,
): { followNow(): Promise<boolean>; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<boolean> | undefined;
  const followNow = (): Promise<boolean> => {
    running ??= followHeldOrders(
      deps,
      deps.accounts.list().map((meta) => meta.id),
    )
      .catch((error: unknown) => {
        deps.log.warn(`Held orders: ${String(error)}`);
        return true;
      })
      .then((held) => {
        running = undefined;
        if (timer) clearTimeout(timer);
        timer = held ? setTimeout(() => void followNow(), recheckMs) : undefined;
        return held;
      });
    return running;
  };
  const subscription = onAccountsChanged(() => void followNow());
  return {
    followNow,
    dispose: () => {
      subscription.dispose();
      if (timer) clearTimeout(timer);
    },
  };
}
