import * as vscode from 'vscode';
import { serviceKey } from '../protocol/serviceRef';
import { safeLocale } from '../format';
import { attentionItems, attentionMessage, localDayKey, shouldNotify, type AttentionItem } from './pure/attention';
import type { ServicesModel } from '../core/listing/servicesModel';
import type { ViewUi } from './viewUi';
import type { ViewSettings } from './viewState';

const LAST_NOTIFIED_KEY = 'ovhcloud.services.lastExpiryNotification';

export interface SignalsDeps {
  readonly model: ServicesModel;
  readonly view: vscode.TreeView<unknown>;
  readonly settings: () => ViewSettings;
  readonly now: () => Date;
  readonly memento: vscode.Memento;
  readonly ui: () => ViewUi;
  readonly log: vscode.LogOutputChannel;
  /** "Show": focus the view on the first service. */
  readonly show: (first: AttentionItem) => Promise<void>;
  /** "Renew…": the renew flow for one of the services. */
  readonly renew: (items: readonly AttentionItem[]) => Promise<void>;
}

/**
 * The three "something expires soon" signals, all from the same count: the view
 * badge, the status-bar item (optional) and a notification at most once a day
 * (optional). They read whatever the model holds, the cache included, so they appear
 * without any network call.
 */
export class UrgencySignals implements vscode.Disposable {
  readonly statusBarItem: vscode.StatusBarItem;
  private items: AttentionItem[] = [];
  private settled: Promise<void> = Promise.resolve();
  /** StatusBarItem cannot be asked whether it is shown; remembered for the tests. */
  statusBarVisible = false;
  /** The last notification shown, for the tests. */
  lastNotification: { readonly message: string; readonly actions: readonly string[] } | undefined;

  constructor(private readonly deps: SignalsDeps) {
    this.statusBarItem = vscode.window.createStatusBarItem('ovhcloud.services.expiring', vscode.StatusBarAlignment.Left, 50);
    this.statusBarItem.name = vscode.l10n.t('OVHcloud Expiring Services');
    this.statusBarItem.command = 'ovhcloud.services.focus';
  }

  dispose(): void {
    this.statusBarItem.dispose();
  }

  get count(): number {
    return this.items.length;
  }

  get attention(): readonly AttentionItem[] {
    return this.items;
  }

  update(): void {
    const { warningDays, showStatusBar } = this.deps.settings();
    const accounts = this.deps.model.accountIds().map((accountId) => ({ accountId, services: this.deps.model.listing(accountId).services ?? [] }));
    this.items = attentionItems(accounts, this.deps.now(), warningDays, safeLocale(vscode.env.language));
    const count = this.items.length;
    const tooltip =
      count === 1
        ? vscode.l10n.t('1 OVHcloud service has expired or expires within {0} days', warningDays)
        : vscode.l10n.t('{0} OVHcloud services have expired or expire within {1} days', count, warningDays);
    this.deps.view.badge = count > 0 ? { value: count, tooltip } : undefined;
    if (count > 0 && showStatusBar) {
      this.statusBarItem.text = `$(calendar) ${count}`;
      this.statusBarItem.tooltip = vscode.l10n.t('{0}. Click to show them.', tooltip);
      this.statusBarItem.accessibilityInformation = { label: tooltip };
      // Warning background only when something is already expired or within 7 days.
      const severe = this.items.some((item) => item.facts.urgency === 'expired' || item.facts.urgency === 'critical');
      this.statusBarItem.backgroundColor = severe ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.statusBarItem.show();
      this.statusBarVisible = true;
    } else {
      this.statusBarItem.hide();
      this.statusBarVisible = false;
    }
  }

  /** Of `items`, those the latest data still counts, with that data. */
  private stillNeedingAttention(items: readonly AttentionItem[]): AttentionItem[] {
    this.update();
    const key = (item: AttentionItem): string => serviceKey({ accountId: item.accountId, serviceId: item.facts.service.serviceId });
    const wanted = new Set(items.map(key));
    return this.items.filter((item) => wanted.has(key(item)));
  }

  async resetDailyMemory(): Promise<void> {
    await this.deps.memento.update(LAST_NOTIFIED_KEY, undefined);
  }

  /**
   * Called after fresh data arrived from OVH (never for cache paints, so a window that
   * only shows cached data stays quiet). Shows the notification once per local day.
   * Evaluations run one after the other: two accounts finishing together give one
   * notification, and whenSettled() tells when the last one has decided.
   */
  maybeNotify(): Promise<void> {
    // A failed evaluation is logged and never blocks the next one.
    this.settled = this.settled.then(() => this.evaluate()).catch((error: unknown) => this.deps.log.warn(`Expiry notification failed: ${String(error)}`));
    return this.settled;
  }

  /** Resolves when every evaluation asked for so far has decided whether to notify. */
  whenSettled(): Promise<void> {
    return this.settled;
  }

  private async evaluate(): Promise<void> {
    await this.deps.model.whenIdle();
    this.update();
    const now = this.deps.now();
    const settings = this.deps.settings();
    if (!shouldNotify({ enabled: settings.notifications, count: this.items.length, lastShownDay: this.deps.memento.get(LAST_NOTIFIED_KEY), now })) return;
    await this.deps.memento.update(LAST_NOTIFIED_KEY, localDayKey(now));
    const items = [...this.items];
    const message = attentionMessage(items, settings.warningDays, safeLocale(vscode.env.language), vscode.l10n.t);
    const show = vscode.l10n.t('Show');
    const renew = vscode.l10n.t('Renew…');
    const never = vscode.l10n.t("Don't Show Again");
    this.lastNotification = { message, actions: [show, renew, never] };
    this.deps.log.info(`Expiry notification: ${items.length} service(s) need attention`);
    // Not awaited by the caller's flow: the message stays until the user answers.
    void Promise.resolve(this.deps.ui().notify(message, show, renew, never))
      .then(async (choice) => {
        if (choice === never) {
          // The setting is the one switch: the user can find it, and undo it, where all settings are.
          await vscode.workspace.getConfiguration('ovhcloud').update('expiryNotifications', false, vscode.ConfigurationTarget.Global);
          this.deps
            .ui()
            .inform(
              vscode.l10n.t('Expiry notifications are off. To turn them back on, check "Expiry Notifications" in the settings (ovhcloud.expiryNotifications).'),
            );
          return;
        }
        if (choice !== show && choice !== renew) return;
        // The user may answer long after: act on what still needs attention now.
        const current = this.stillNeedingAttention(items);
        if (current.length === 0) {
          this.deps.ui().inform(vscode.l10n.t('Nothing in this notification needs attention any more: it was renewed or changed since.'));
          return;
        }
        if (choice === show) await this.deps.show(current[0]);
        else await this.deps.renew(current);
      })
      .catch((error: unknown) => this.deps.log.warn(`Expiry notification action failed: ${String(error)}`));
  }
}
