import * as vscode from 'vscode';
import type { AccountMeta } from '../../../src/auth/accountTypes';
import type { TestingApi } from '../../../src/testing';
import { testingApi } from './extension';
import { admin } from './sandbox';
import { signInToSandbox, signOutEverything } from './signIn';

/** What every renew suite starts from, filled in by the hooks renewSuite() registers. */
export interface RenewSuite {
  testing: TestingApi;
  /** Signed in to the sandbox once for the suite. */
  account: AccountMeta;
}

export interface RenewSuiteOptions {
  /** The sandbox's delay between order states after each reset; its default otherwise. */
  readonly orderStepMs?: number;
  /** ovhcloud.requestTimeoutSeconds for the whole suite; the default otherwise. */
  readonly requestTimeoutSeconds?: number;
}

/**
 * Registers the hooks of a renew panel suite: one sign-in to the sandbox with a fast order
 * status poll; before each test a reset sandbox and an empty order journal; after each test
 * no panel left open; at the end the settings back to defaults and no account left. Call it
 * first inside suite(), then read `testing` and `account` in a later suiteSetup or the tests.
 */
export function renewSuite(options: RenewSuiteOptions = {}): RenewSuite {
  const state = {} as RenewSuite;
  const requestTimeout = (seconds: number | undefined): Thenable<void> =>
    vscode.workspace.getConfiguration('ovhcloud').update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);

  suiteSetup(async () => {
    state.testing = await testingApi();
    state.testing.setStatusPollInterval(30);
    await signOutEverything(state.testing);
    state.account = await signInToSandbox(state.testing);
    if (options.requestTimeoutSeconds !== undefined) await requestTimeout(options.requestTimeoutSeconds);
  });
  setup(async () => {
    await admin('POST', 'reset');
    if (options.orderStepMs !== undefined) await admin('POST', 'config', { orderStepMs: options.orderStepMs });
    for (const entry of state.testing.orderJournal.all()) await state.testing.orderJournal.end(entry.id);
  });
  teardown(() => state.testing.renewPanels.dispose());
  suiteTeardown(async () => {
    // Also undoes a test that changed the timeout itself.
    await requestTimeout(undefined);
    await signOutEverything(state.testing);
  });
  return state;
}
