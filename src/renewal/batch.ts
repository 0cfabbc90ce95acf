/**
 * The pure part of renewing several services in one go: which option each row starts
 * on, which rows an order covers (so that no two orders renew the same service), which
 * services the palette offers, and the totals per currency. No VS Code, no network.
 */

import { compareDurations } from './duration';
import { manualOrderBlock, type ManualOrderBlock } from './manualOrder';
import { type Money, sumByCurrency } from './money';
import type { RenewOptionRow } from './strategies';

/** The parts of a renew option the batch decides with. */
export type BatchOption = Pick<RenewOptionRow, 'key' | 'renewPeriod' | 'period' | 'services' | 'perMonthUcents' | 'currencyCode'>;

/**
 * The option a row starts on: the service alone for its current renew period when OVH
 * offers it, else the service alone for the shortest period, else the shortest option.
 * Bundles are never chosen by default: the user picks one knowingly.
 */
export function defaultOption<T extends BatchOption>(options: readonly T[], serviceId: number, currentPeriod: string | undefined): T | undefined {
  const alone = options.filter((option) => option.services.length === 1 && option.services[0] === serviceId);
  const pool = alone.length > 0 ? alone : options;
  const current = currentPeriod === undefined ? undefined : pool.find((option) => option.renewPeriod === currentPeriod);
  return current ?? [...pool].sort((a, b) => compareDurations(a.period, b.period))[0];
}

/** Why a service is left out of a batch before anything is asked of OVH. */
export type BatchBlock = 'terminated' | 'attachedOption' | ManualOrderBlock;

export interface BatchCandidate {
  readonly serviceId: number;
  readonly parentServiceId?: number;
  readonly lifecycleState?: string;
  readonly terminationDate?: string;
  readonly pendingActions?: readonly string[];
}

/** Ended services renew nothing; an option listed with its parent renews through it. */
export function batchBlock(service: BatchCandidate, selected: ReadonlySet<number>): BatchBlock | undefined {
  if (service.lifecycleState === 'terminated' || service.lifecycleState === 'toBeDeleted') return 'terminated';
  if (service.parentServiceId !== undefined && selected.has(service.parentServiceId)) return 'attachedOption';
  return manualOrderBlock(service);
}

/** One row of the batch as the coverage sees it: its service and the option chosen, if included. */
export interface CoverageInput {
  readonly serviceId: number;
  /** Absent when the row is left out (unchecked, blocked, no option, failed). */
  readonly chosen?: { readonly services: readonly number[] };
  /** An order was placed or attempted for it: its services are claimed before any choice. */
  readonly fixed?: boolean;
}

export type Coverage =
  /** The row places its own order, renewing these services. */
  | { readonly kind: 'orders'; readonly services: readonly number[] }
  /** Another row's bundle renews this service: this row orders nothing. */
  | { readonly kind: 'covered'; readonly by: number }
  /** Its option renews a service another row's order already renews: it orders nothing until changed. */
  | { readonly kind: 'conflict'; readonly with: number }
  | { readonly kind: 'excluded' };

/**
 * Which rows order what. Rows with an order (or an attempt) claim their services first,
 * then bundles (in row order), then single renewals: a bundle that renews another selected service covers that row, whatever the
 * row chose. An option overlapping services already claimed is a conflict. Whatever the
 * choices, no service is renewed by two orders.
 */
export function resolveCoverage(rows: readonly CoverageInput[]): Coverage[] {
  const claimedBy = new Map<number, number>();
  const result: Coverage[] = rows.map(() => ({ kind: 'excluded' }));
  const order = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.chosen !== undefined);
  const fixed = order.filter(({ row }) => row.fixed === true);
  const bundles = order.filter(({ row }) => row.fixed !== true && (row.chosen?.services.length ?? 0) > 1);
  const singles = order.filter(({ row }) => row.fixed !== true && (row.chosen?.services.length ?? 0) <= 1);
  for (const { row, index } of [...fixed, ...bundles, ...singles]) {
    const services = row.chosen?.services ?? [];
    const owner = claimedBy.get(row.serviceId);
    if (owner !== undefined) {
      result[index] = { kind: 'covered', by: owner };
      continue;
    }
    const clash = services.find((id) => claimedBy.has(id));
    if (clash !== undefined || services.length === 0) {
      result[index] = { kind: 'conflict', with: clash === undefined ? row.serviceId : (claimedBy.get(clash) ?? row.serviceId) };
      continue;
    }
    for (const id of services) claimedBy.set(id, row.serviceId);
    result[index] = { kind: 'orders', services: [...services] };
  }
  return result;
}

/** Grand totals, one per currency, never added across currencies. */
export function batchTotals(amounts: Iterable<Money>): Money[] {
  return sumByCurrency(amounts);
}

/** The palette's choices of which services to renew. */
export type ExpiringScope = 'expired' | 'within7Days' | 'withinWarning' | 'manualRenew';

export interface ExpiringCandidate {
  readonly expirationDate?: string;
  readonly renewMode?: string;
}

const DAY_MS = 86_400_000;

/** Whether a service belongs to the scope. Services without an expiry never do. */
export function inScope(service: ExpiringCandidate, scope: ExpiringScope, now: Date, warningDays: number): boolean {
  const expiry = service.expirationDate ? Date.parse(service.expirationDate) : Number.NaN;
  if (!Number.isFinite(expiry)) return false;
  const days = (expiry - now.getTime()) / DAY_MS;
  switch (scope) {
    case 'expired':
      return days < 0;
    case 'within7Days':
      return days <= 7;
    case 'withinWarning':
      return days <= warningDays;
    case 'manualRenew':
      return service.renewMode === 'manual' && days <= warningDays;
  }
}

/** Soonest expiry first; ties by id so the order is stable. */
export function soonestFirst<T extends ExpiringCandidate & { readonly serviceId: number }>(services: readonly T[]): T[] {
  const at = (service: T): number => {
    const expiry = service.expirationDate ? Date.parse(service.expirationDate) : Number.NaN;
    return Number.isFinite(expiry) ? expiry : Number.POSITIVE_INFINITY;
  };
  return [...services].sort((a, b) => at(a) - at(b) || a.serviceId - b.serviceId);
}
