import * as vscode from 'vscode';
import type { ApiFactory } from './apiFactory';
import { AccountService } from './auth/accountService';
import { AccountStore } from './auth/accountStore';
import { signedInIdentity } from './auth/accountIdentity';
import { windowPrompter } from './auth/prompter';
import { registerAuth } from './auth/registerAuth';
import { SecretStore } from './auth/secretStore';
import { type PlanningCommands, registerCommands } from './commands/registerCommands';
import type { ExportDeps } from './exports/exportCommands';
import { registerOutlookPanel } from './outlook/registerOutlookPanel';
import type { SettingsDeps } from './settings/settingsDeps';
import * as path from 'node:path';
import { watchHeldOrders } from './panels/heldOrders';
import { JournalFiles } from './storage/journalFiles';
import { watchJournalFolder } from './storage/journalWatch';
import { LEASE_TTL_MS, LeaseFiles } from './core/orders/leaseFiles';
import { OrderJournal } from './core/orders/orderJournal';
import { features } from './loadFeatures';
import { registerBatchPanel } from './panels/registerBatchPanel';
import { registerRenewPanel } from './panels/registerRenewPanel';
import { createTestingApi, type TestingApi } from './testing';
import type { TestHooks } from './testHooks';
import { registerTools } from './tools/registerTools';
import { registerServicesView } from './views/registerServicesView';

export interface ExtensionApi {
  /** Present only in a test build, under test (see TestHooks). */
  readonly testing?: TestingApi;
}

/** The test hooks, in a test build under ExtensionMode.Test or OVHCLOUD_TEST_MODE; otherwise undefined. */
function testHooks(context: vscode.ExtensionContext): TestHooks | undefined {
  if (!OVHCLOUD_TEST_SEAMS) return undefined;
  const underTest = context.extensionMode === vscode.ExtensionMode.Test || Boolean(process.env.OVHCLOUD_TEST_MODE);
  return underTest ? { progressShown: 0, toolConfirmations: [] } : undefined;
}

/**
 * Wires the extension together. Activation must stay cheap and must never touch
 * the network: the views fetch lazily when they are first shown.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const hooks = testHooks(context);
  const log = vscode.window.createOutputChannel('OVHcloud Renewals', { log: true });
  context.subscriptions.push(log);
  // The API client and the `ovh` package load with the first request (dist/features.js).
  const createApi: ApiFactory = (endpoint, credentials) => features().createApiFactory(log)(endpoint, credentials);
  const store = new AccountStore(context.globalState, new SecretStore(context.secrets));
  const accounts = new AccountService(store, createApi);
  context.subscriptions.push(store, accounts);

  const prompter = () => hooks?.prompter ?? windowPrompter;
  const auth = registerAuth(context, { accounts, createApi, log, prompter, pollIntervalMs: () => hooks?.signInPollMs });
  const journalChanged = new vscode.EventEmitter<void>();
  const identityOf = (accountId: string): string | undefined => signedInIdentity(accounts, accountId);
  const journalFolder = path.join(context.globalStorageUri.fsPath, 'order-journal');
  const journalFiles = new JournalFiles(journalFolder);
  const journal = new OrderJournal(journalFiles, identityOf, () => journalChanged.fire());
  // Another window's payment or renewal changes only the shared files: the tree hears of it here.
  context.subscriptions.push(
    watchJournalFolder(journalFolder, () => journalChanged.fire(), { onError: (error) => log.warn(`Not watching the order journal: ${String(error)}`) }),
  );
  // The version before the journal kept its records in globalState.
  void journal
    .migrateLegacy(context.globalState)
    .catch((error: unknown) => log.warn(`Could not migrate the unpaid orders of an earlier version: ${String(error)}`));
  const requestTimeoutMs = (): number => Math.max(1, vscode.workspace.getConfiguration('ovhcloud').get<number>('requestTimeoutSeconds', 20)) * 1000;
  // Lease files in the global storage folder, which every window of this machine shares.
  const leases = new LeaseFiles(path.join(context.globalStorageUri.fsPath, 'order-leases'), () => LEASE_TTL_MS);
  const unpaidOrders = { forService: (accountId: string, serviceId: number) => journal.forService(accountId, serviceId), onDidChange: journalChanged.event };
  const services = registerServicesView(context, {
    accounts,
    log,
    unpaidOrders,
    signIn: () => auth.signIn(),
    // The renew panel registers below; the notification's Renew… runs after activation.
    openRenew: (ref) => renew.compare(ref),
    hooks,
  });

  const renew = registerRenewPanel(context, {
    accounts,
    journal,
    leases,
    requestTimeoutMs,
    log,
    prompter,
    pickService: () => services.pickService(),
    // The renew settings flow loads with dist/features.js, which an open panel has already loaded.
    openRenewSettings: (ref) => features().chooseRenewSettings(settingsDeps, ref),
    onRenewed: (accountId) => {
      services.model.refreshAfterChange(accountId);
      // Completes the walkthrough's last step.
      void vscode.commands.executeCommand('setContext', 'ovhcloud.hasRenewed', true);
    },
    statusPollMs: () => hooks?.orderStatusPollMs,
    underTest: hooks !== undefined,
  });
  // Orders OVH holds for checks are followed again now and after each sign-in, not only when their panel opens.
  const heldOrders = watchHeldOrders(
    {
      accounts,
      journal,
      identityOf,
      seen: {
        get: () => context.globalState.get<Record<string, string>>('ovhcloud.heldOrders.seen', {}),
        set: (value) => context.globalState.update('ovhcloud.heldOrders.seen', value),
      },
      notify: (message) => (hooks?.ui?.inform ? hooks.ui.inform(message) : void vscode.window.showInformationMessage(message)),
      onDelivered: (accountId) => services.model.refreshAfterChange(accountId),
      log,
      t: vscode.l10n.t,
    },
    // Under test a suite signs in before each test, and a background read there would change the requests and journal
    // other tests count: tests run the follow themselves (testing.followHeldOrders); activation's run still happens.
    (listener) => (hooks ? { dispose: () => undefined } : accounts.onDidChange(listener)),
  );
  context.subscriptions.push(heldOrders);
  void heldOrders.followNow();
  const batch = registerBatchPanel(context, {
    accounts,
    journal,
    records: journalFiles,
    leases,
    renewPanels: renew.panels,
    requestTimeoutMs,
    warningDays: () => vscode.workspace.getConfiguration('ovhcloud').get<number>('expiryWarningDays', 30),
    now: () => hooks?.now ?? new Date(),
    log,
    prompter,
    servicesOf: async (accountId) => {
      if (!services.model.listing(accountId).services) {
        services.model.ensureLoaded(accountId);
        await services.model.whenIdle();
      }
      return services.model.listing(accountId).services ?? [];
    },
    // Once per batch, after its last order: fresh data, not one refresh per order.
    onRenewed: (accountId) => {
      services.model.refreshAfterChange(accountId);
      void vscode.commands.executeCommand('setContext', 'ovhcloud.hasRenewed', true);
    },
    statusPollMs: () => hooks?.orderStatusPollMs,
    underTest: hooks !== undefined,
  });
  context.subscriptions.push(journalChanged);
  // The outlook, renew settings and exports load with dist/features.js when first run.
  const exportDeps: ExportDeps = { model: services.model, log, save: () => hooks?.saveDialog };
  const settingsDeps: SettingsDeps = {
    model: services.model,
    accounts,
    prompter,
    pickService: () => services.pickService(),
    signIn: () => auth.signIn(),
    orderInFlight: (accountId, serviceId) => journal.inFlightFor(accountId, serviceId),
    log,
  };
  const outlook = registerOutlookPanel(context, {
    model: services.model,
    log,
    now: () => new Date(),
    openRenew: (ref) => renew.compare(ref),
    underTest: hooks !== undefined,
  });
  const planning: PlanningCommands = {
    changeRenewal: (first, selection) => features().runRenewSettings(settingsDeps, 'renew', first, selection),
    stopAtExpiry: (first, selection) => features().runRenewSettings(settingsDeps, 'stopAtExpiry', first, selection),
    keepRenewing: (first, selection) => features().runRenewSettings(settingsDeps, 'keepRenewing', first, selection),
    exportCalendar: () => features().exportServices(exportDeps, 'calendar'),
    exportCsv: () => features().exportServices(exportDeps, 'csv'),
  };
  registerCommands(context, { log, auth, services: services.commands, planning });
  registerTools(context, {
    accounts,
    model: services.model,
    warningDays: () => vscode.workspace.getConfiguration('ovhcloud').get<number>('expiryWarningDays', 30),
    // The Services view's clock, so tests can anchor "within N days".
    now: () => hooks?.now ?? new Date(),
    openRenew: (ref) => renew.compare(ref),
    openBatch: (refs) => batch.renewSelected(undefined, refs),
    log,
    onConfirmation: hooks ? (confirmation) => hooks.toolConfirmations.push(confirmation) : undefined,
  });

  log.info(`Activated ${context.extension.id} ${String(context.extension.packageJSON.version)} in VS Code ${vscode.version}`);
  // In the production bundle OVHCLOUD_TEST_SEAMS is false: esbuild drops this branch and testing.ts.
  if (OVHCLOUD_TEST_SEAMS && hooks)
    return {
      testing: createTestingApi(hooks, {
        context,
        accounts,
        journal,
        journalFolder,
        renewPanels: renew.panels,
        batchPanels: batch.panels,
        services,
        outlook,
        followHeldOrders: () => heldOrders.followNow(),
      }),
    };
  return {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
