/**
 * How the user arranges the Services view: grouping, sort order and filter. Pure data
 * plus parsing of what was remembered, so a corrupt or older stored value can never
 * break the view (it falls back to the defaults).
 */
import type { Translate } from '../../translate';

export type GroupBy = 'productType' | 'expiry' | 'none';
export type SortBy = 'expiry' | 'name';

export const GROUP_BY_VALUES: readonly GroupBy[] = ['productType', 'expiry', 'none'];
export const SORT_BY_VALUES: readonly SortBy[] = ['expiry', 'name'];

/**
 * Text narrows; `manualOnly` narrows; the expiry toggles (`expired`, `within`) widen
 * each other: "expired" plus "within 7 days" shows both sets, which is what someone
 * ticking both means, where a strict AND would always show nothing.
 */
export interface ServiceFilter {
  readonly text: string;
  /** Expires within this many days (expired services excluded unless `expired` is set). */
  readonly within?: 7 | 30;
  readonly manualOnly: boolean;
  readonly expired: boolean;
}

export interface ViewOptions {
  readonly groupBy: GroupBy;
  readonly sortBy: SortBy;
  readonly filter: ServiceFilter;
}

export const NO_FILTER: ServiceFilter = { text: '', manualOnly: false, expired: false };
export const DEFAULT_VIEW_OPTIONS: ViewOptions = { groupBy: 'productType', sortBy: 'expiry', filter: NO_FILTER };

export function isFilterActive(filter: ServiceFilter): boolean {
  return filter.text.trim() !== '' || filter.within !== undefined || filter.manualOnly || filter.expired;
}

/** Reads a remembered { groupBy, sortBy } (globalState); anything unknown becomes the default. */
export function parseStoredArrangement(raw: unknown): Pick<ViewOptions, 'groupBy' | 'sortBy'> {
  const value = (raw ?? {}) as { groupBy?: unknown; sortBy?: unknown };
  return {
    groupBy: GROUP_BY_VALUES.find((option) => option === value.groupBy) ?? DEFAULT_VIEW_OPTIONS.groupBy,
    sortBy: SORT_BY_VALUES.find((option) => option === value.sortBy) ?? DEFAULT_VIEW_OPTIONS.sortBy,
  };
}

/**
 * Accepts a filter passed to the filter command (tests, keybindings, other extensions):
 * unknown fields are ignored and wrong types fall back to "off".
 */
export function parseFilter(raw: unknown): ServiceFilter | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as { text?: unknown; within?: unknown; manualOnly?: unknown; expired?: unknown };
  return {
    text: typeof value.text === 'string' ? value.text.slice(0, 200) : '',
    within: value.within === 7 || value.within === 30 ? value.within : undefined,
    manualOnly: value.manualOnly === true,
    expired: value.expired === true,
  };
}

/** The view description while a filter is on, e.g. `Filter: "pixel" · within 7 days · manual renewal`. */
export function describeFilter(filter: ServiceFilter, t: Translate): string | undefined {
  if (!isFilterActive(filter)) return undefined;
  const parts: string[] = [];
  const text = filter.text.trim();
  if (text !== '') parts.push(`"${text}"`);
  if (filter.expired && filter.within !== undefined) parts.push(t('expired or within {0} days', filter.within));
  else if (filter.expired) parts.push(t('expired'));
  else if (filter.within !== undefined) parts.push(t('within {0} days', filter.within));
  if (filter.manualOnly) parts.push(t('manual renewal'));
  return t('Filter: {0}', parts.join(' · '));
}
