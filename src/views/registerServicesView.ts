import * as vscode from 'vscode';
import type { AttentionItem } from './pure/attention';
import { serviceKey, type ServiceRef } from '../protocol/serviceRef';
import { pickService, type PickServiceOptions } from './pickService';
import { serviceCommands, type ServiceCommands } from './serviceCommands';
import { ServicesModel, type AccountSource } from '../core/listing/servicesModel';
import { ServicesTreeProvider } from './servicesTreeProvider';
import type { ServicesNode } from './treeNodes';
import { UrgencySignals } from './urgencySignals';
import { describeFilter } from './pure/viewOptions';
import type { TestHooks } from '../testHooks';
import { windowUi, type ViewUi } from './viewUi';
import { readViewSettings, ViewState } from './viewState';

export const SERVICES_VIEW_ID = 'ovhcloud.services';

export interface ServicesViewDeps {
  readonly accounts: AccountSource;
  readonly log: vscode.LogOutputChannel;
  /** Orders waiting for payment, marked on their service. */
  readonly unpaidOrders?: {
    forService(accountId: string, serviceId: number): unknown;
    readonly onDidChange: vscode.Event<void>;
  };
  /** Sign In, offered by the service pick when no account is signed in. */
  readonly signIn: () => Promise<unknown>;
  /** Opens the renew panel of a service: the expiry notification's Renew…. */
  readonly openRenew: (ref: ServiceRef) => Promise<unknown>;
  /** Clock, window and progress count for the tests; undefined outside them. */
  readonly hooks?: TestHooks;
}

/** What the rest of the extension (and the integration tests) can reach of the view. */
export interface ServicesView {
  readonly model: ServicesModel;
  readonly provider: ServicesTreeProvider;
  readonly view: vscode.TreeView<ServicesNode>;
  readonly viewState: ViewState;
  readonly signals: UrgencySignals;
  /** The entry points of the view's commands. */
  readonly commands: ServiceCommands;
  /** The service quick pick, soonest expiry first. */
  pickService(options?: PickServiceOptions): Promise<ServiceRef | undefined>;
  /** Selects a service in the tree, expanding what it takes. */
  reveal(ref: ServiceRef): Promise<boolean>;
  /** The auto-refresh period in effect (minutes, 0 = off). */
  autoRefreshMinutes(): number;
  runAutoRefresh(): Promise<void>;
}

/**
 * Wires the Services view: model, tree, title-bar commands, badge, status bar,
 * notification and auto-refresh. Nothing here touches the network; the first fetch
 * happens when VS Code first asks the tree for its children.
 */
export function registerServicesView(context: vscode.ExtensionContext, deps: ServicesViewDeps): ServicesView {
  const { hooks } = deps;
  const now = (): Date => hooks?.now ?? new Date();
  const ui = (): ViewUi => (hooks?.ui ? { ...windowUi, ...hooks.ui } : windowUi);
  const settings = readViewSettings;

  const model = new ServicesModel({
    accounts: deps.accounts,
    memento: context.globalState,
    log: deps.log,
    showProgress: (task) => {
      if (hooks) hooks.progressShown++;
      void vscode.window.withProgress({ location: { viewId: SERVICES_VIEW_ID } }, () => task.catch(() => undefined));
    },
  });
  const viewState = new ViewState(context.globalState);
  const provider = new ServicesTreeProvider({
    model,
    accounts: deps.accounts,
    options: () => viewState.current,
    warningDays: () => settings().warningDays,
    now,
    hasUnpaidOrder: (accountId, serviceId) => deps.unpaidOrders?.forService(accountId, serviceId) !== undefined,
  });
  // Several services can be selected: "Renew Selected Services…" takes them all.
  const view = vscode.window.createTreeView(SERVICES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });

  const reveal = async (ref: ServiceRef): Promise<boolean> => {
    const node = provider.findService(ref.accountId, ref.serviceId);
    if (!node) return false;
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  };
  const source = { model, accounts: deps.accounts, now, warningDays: () => settings().warningDays, signIn: deps.signIn };
  const pick = (options: PickServiceOptions = {}): Promise<ServiceRef | undefined> => pickService(options, source);
  const signals = new UrgencySignals({
    model,
    view,
    settings,
    now,
    memento: context.globalState,
    ui,
    log: deps.log,
    show: async (first: AttentionItem) => {
      await vscode.commands.executeCommand(`${SERVICES_VIEW_ID}.focus`);
      await reveal({ accountId: first.accountId, serviceId: first.facts.service.serviceId });
    },
    renew: async (items) => {
      const refs = items.map((item) => ({ accountId: item.accountId, serviceId: item.facts.service.serviceId }));
      const ref = refs.length === 1 ? refs[0] : await pick({ only: new Set(refs.map(serviceKey)) });
      if (ref) await deps.openRenew(ref);
    },
  });

  const repaint = (): void => {
    provider.refresh();
    signals.update();
  };
  // The description is hidden while the view is alone in its container (VS Code folds the
  // header into the container title), so the active filter also goes in the view message.
  const showFilter = (): void => {
    const text = describeFilter(viewState.current.filter, vscode.l10n.t);
    // Each assignment is a message to the workbench, even an unchanged one (at activation, mostly).
    if (view.description !== text) view.description = text;
    if (view.message !== text) view.message = text;
  };

  let timer: NodeJS.Timeout | undefined;
  let timerMinutes = 0;
  const runAutoRefresh = async (): Promise<void> => {
    deps.log.debug('Auto-refreshing the services');
    await model.refreshStarted();
  };
  const scheduleAutoRefresh = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    timerMinutes = settings().autoRefreshMinutes;
    if (timerMinutes > 0) timer = setInterval(() => void runAutoRefresh(), timerMinutes * 60_000);
  };
  scheduleAutoRefresh();

  context.subscriptions.push(
    model,
    viewState,
    provider,
    view,
    signals,
    { dispose: () => (timer ? clearInterval(timer) : undefined) },
    model.onDidChange(repaint),
    model.onDidLoad(() => void signals.maybeNotify()),
    viewState.onDidChange(() => {
      showFilter();
      provider.refresh();
    }),
    provider.onDidChangeRootState((state) => void vscode.commands.executeCommand('setContext', 'ovhcloud.services.state', state)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('ovhcloud.expiryWarningDays') || event.affectsConfiguration('ovhcloud.showStatusBar')) repaint();
      if (event.affectsConfiguration('ovhcloud.autoRefreshMinutes')) scheduleAutoRefresh();
    }),
    ...(deps.unpaidOrders ? [deps.unpaidOrders.onDidChange(() => provider.refresh())] : []),
  );
  showFilter();
  // Badge and status bar from the cache right away: a globalState read, no network.
  signals.update();

  return {
    model,
    provider,
    view,
    viewState,
    signals,
    commands: serviceCommands({ model, viewState, accounts: deps.accounts, ui, log: deps.log }),
    pickService: pick,
    reveal,
    autoRefreshMinutes: () => timerMinutes,
    runAutoRefresh,
  };
}
