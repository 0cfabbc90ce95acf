import type * as vscode from 'vscode';
import type { AccountService } from './auth/accountService';
import type { Prompter } from './auth/prompter';
import type { OutlookPanels } from './outlook/outlookPanels';
import type { BatchPanels } from './panels/batchPanels';
import type { OrderJournal } from './core/orders/orderJournal';
import type { RenewPanels } from './panels/renewPanels';
import type { TestHooks } from './testHooks';
import type { ServicesView } from './views/registerServicesView';
import type { ViewUi } from './views/viewUi';

/** The Services view as the tests reach it: the view itself plus its hooks. */
export interface TestedServicesView extends ServicesView {
  setNow(now: Date | undefined): void;
  setUi(ui: Partial<ViewUi> | undefined): void;
  /** How many loads went through the view's progress bar. */
  progressShown(): number;
}

/**
 * What activate() returns under test (see TestHooks for when): the tests answer prompts
 * like a user and inspect state, but every call still goes through the real extension
 * code, the real extension host and the sandbox API. Every setter writes a TestHooks field.
 */
export interface TestingApi {
  readonly accounts: AccountService;
  readonly logUri: vscode.Uri;
  readonly secrets: vscode.SecretStorage;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  setPrompter(prompter: Prompter | undefined): void;
  setPollInterval(ms: number | undefined): void;
  /** The open renew panels (loads the panel code on first use). */
  readonly renewPanels: RenewPanels;
  /** The open batch panels (loads the panel code on first use). */
  readonly batchPanels: BatchPanels;
  readonly orderJournal: OrderJournal;
  /** The folder of the journal's files, which every window shares. */
  readonly journalFolder: string;
  setStatusPollInterval(ms: number | undefined): void;
  /** The Services view: model, tree provider, TreeView, signals, plus its clock and UI hooks. */
  readonly services: TestedServicesView;
  /** Answers the export commands' save dialog; undefined restores the real one. */
  setSaveDialog(save: TestHooks['saveDialog']): void;
  /** The Renewal Outlook panels (its current panel once shown). */
  readonly outlook: OutlookPanels;
  /** What the language-model tools asked VS Code to confirm, oldest first (see TestHooks). */
  readonly toolConfirmations: TestHooks['toolConfirmations'];
  /** What activation and each sign-in run: the journal's held orders followed once; true while any is still held. */
  followHeldOrders(): Promise<boolean>;
}

export interface TestedParts {
  readonly context: vscode.ExtensionContext;
  readonly accounts: AccountService;
  readonly journal: OrderJournal;
  readonly journalFolder: string;
  readonly renewPanels: () => RenewPanels;
  readonly batchPanels: () => BatchPanels;
  readonly services: ServicesView;
  /** The Renewal Outlook panels (loaded from dist/features.js on first use). */
  readonly outlook: () => OutlookPanels;
  readonly followHeldOrders: () => Promise<boolean>;
}

export function createTestingApi(hooks: TestHooks, parts: TestedParts): TestingApi {
  const { context, services } = parts;
  const repaint = (): void => {
    services.provider.refresh();
    services.signals.update();
  };
  return {
    accounts: parts.accounts,
    logUri: context.logUri,
    secrets: context.secrets,
    globalState: context.globalState,
    workspaceState: context.workspaceState,
    setPrompter: (prompter) => (hooks.prompter = prompter),
    setPollInterval: (ms) => (hooks.signInPollMs = ms),
    get renewPanels() {
      return parts.renewPanels();
    },
    get batchPanels() {
      return parts.batchPanels();
    },
    orderJournal: parts.journal,
    journalFolder: parts.journalFolder,
    setStatusPollInterval: (ms) => (hooks.orderStatusPollMs = ms),
    services: {
      ...services,
      setNow: (now) => {
        hooks.now = now;
        repaint();
      },
      setUi: (ui) => (hooks.ui = ui),
      progressShown: () => hooks.progressShown,
    },
    setSaveDialog: (save) => (hooks.saveDialog = save),
    get outlook() {
      return parts.outlook();
    },
    toolConfirmations: hooks.toolConfirmations,
    followHeldOrders: parts.followHeldOrders,
  };
}
