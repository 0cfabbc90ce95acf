import type * as vscode from 'vscode';
import type { AccountService } from './auth/accountService';
import type { Prompter } from './auth/prompter';
import type { OrderJournal } from './panels/pure/orderJournal';
import type { RenewPanels } from './panels/renewPanels';
import type { ServicesView } from './views/registerServicesView';

/**
 * Seams for the integration tests, exported from activate() only under test: the
 * tests answer prompts like a user and inspect state, but every call still goes
 * through the real extension code, the real extension host and the sandbox API.
 */
export interface TestingApi {
  readonly accounts: AccountService;
  readonly logUri: vscode.Uri;
  readonly secrets: vscode.SecretStorage;
  readonly globalState: vscode.Memento;
  readonly workspaceState: vscode.Memento;
  setPrompter(prompter: Prompter | undefined): void;
  setPollInterval(ms: number | undefined): void;
  readonly renewPanels: RenewPanels;
  readonly orderJournal: OrderJournal;
  setStatusPollInterval(ms: number | undefined): void;
  /** The Services view: model, tree provider, TreeView, signals, plus a clock and UI seam. */
  readonly services: ServicesView;
}
