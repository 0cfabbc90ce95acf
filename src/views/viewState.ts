import * as vscode from 'vscode';
import { clampWarningDays } from './pure/serviceFacts';
import {
  DEFAULT_VIEW_OPTIONS,
  isFilterActive,
  NO_FILTER,
  parseStoredArrangement,
  type GroupBy,
  type ServiceFilter,
  type SortBy,
  type ViewOptions,
} from './pure/viewOptions';

const ARRANGEMENT_KEY = 'ovhcloud.services.arrangement';

/**
 * Grouping, sort order and filter of the Services view. Grouping and sort are
 * remembered in globalState (a per-user habit, not a per-workspace one); the filter
 * lasts for the session only, so a forgotten filter never hides services in a new
 * window. Mirrors the state into context keys for the title-bar menus.
 */
export class ViewState implements vscode.Disposable {
  private options: ViewOptions;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    this.options = { ...DEFAULT_VIEW_OPTIONS, ...parseStoredArrangement(memento.get(ARRANGEMENT_KEY)) };
    this.updateContext();
  }

  dispose(): void {
    this.changed.dispose();
  }

  get current(): ViewOptions {
    return this.options;
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    await this.apply({ groupBy }, true);
  }

  async setSortBy(sortBy: SortBy): Promise<void> {
    await this.apply({ sortBy }, true);
  }

  async setFilter(filter: ServiceFilter): Promise<void> {
    await this.apply({ filter }, false);
  }

  async clearFilter(): Promise<void> {
    await this.apply({ filter: NO_FILTER }, false);
  }

  private async apply(change: Partial<ViewOptions>, remember: boolean): Promise<void> {
    this.options = { ...this.options, ...change };
    if (remember) await this.memento.update(ARRANGEMENT_KEY, { groupBy: this.options.groupBy, sortBy: this.options.sortBy });
    this.updateContext();
    this.changed.fire();
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'ovhcloud.services.groupBy', this.options.groupBy);
    void vscode.commands.executeCommand('setContext', 'ovhcloud.services.sortBy', this.options.sortBy);
    void vscode.commands.executeCommand('setContext', 'ovhcloud.services.filtered', isFilterActive(this.options.filter));
  }
}

/** The settings the view reads, with their bounds applied. */
export interface ViewSettings {
  readonly warningDays: number;
  readonly autoRefreshMinutes: number;
  readonly showStatusBar: boolean;
  readonly notifications: boolean;
}

/** Auto-refresh more often than this would only spend the account's API rate limit. */
export const MIN_AUTO_REFRESH_MINUTES = 5;

export function readViewSettings(): ViewSettings {
  const config = vscode.workspace.getConfiguration('ovhcloud');
  const minutes = config.get<number>('autoRefreshMinutes', 0);
  return {
    warningDays: clampWarningDays(config.get<number>('expiryWarningDays', 30)),
    autoRefreshMinutes: typeof minutes === 'number' && minutes > 0 ? Math.max(MIN_AUTO_REFRESH_MINUTES, Math.min(1440, minutes)) : 0,
    showStatusBar: config.get<boolean>('showStatusBar', true) !== false,
    notifications: config.get<boolean>('expiryNotifications', true) !== false,
  };
}
