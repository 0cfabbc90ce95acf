import type * as vscode from 'vscode';
import type { Prompter } from './auth/prompter';
import type { ViewUi } from './views/viewUi';

/**
 * The one style of test hook: overrides that the extension reads where it would use the
 * real thing. extension.ts creates this object only in a test build (OVHCLOUD_TEST_SEAMS,
 * false in `npm run package`, where esbuild drops the branch together with testing.ts)
 * and only under ExtensionMode.Test or OVHCLOUD_TEST_MODE. Everywhere else the features
 * get `undefined` and use the real prompter, clock, window and poll periods.
 */
export interface TestHooks {
  /** Answers confirmations, picks and inputs like a user. */
  prompter?: Prompter;
  /** The sign-in's wait for the validation page. */
  signInPollMs?: number;
  /** The renew panel's order status polling. */
  orderStatusPollMs?: number;
  /** The Services view's clock. */
  now?: Date;
  /** The Services view's notifications and browser. */
  ui?: Partial<ViewUi>;
  /** Answers the export commands' save dialog. */
  saveDialog?: (options: vscode.SaveDialogOptions) => Promise<vscode.Uri | undefined>;
  /** Counts the loads shown in the Services view's progress bar. */
  progressShown: number;
  /**
   * What the language-model tools asked VS Code to confirm, in order. VS Code answers its
   * own dialogs by itself while extension tests run, so the tests read the texts here.
   */
  toolConfirmations: Array<{ readonly tool: string; readonly title: string; readonly message: string }>;
}

/** Set by esbuild's `define` (scripts/build.mjs): true in development and test builds only. */
declare global {
  const OVHCLOUD_TEST_SEAMS: boolean;
}
