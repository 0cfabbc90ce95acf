import * as vscode from 'vscode';
import type { AccountMeta } from '../../../src/auth/accountTypes';
import type { ServiceSummary } from '../../../src/ovh/serviceSummary';
import type { TestingApi } from '../../../src/testing';
import type { TestedServicesView as ServicesView } from '../../../src/testing';
import { testingApi } from './extension';
import { admin } from './sandbox';
import { findRaw, rawServices, resetView } from './servicesTree';
import { signInToSandbox, signOutEverything } from './signIn';

const DAY = 86_400_000;

/** What every Services tree test starts from, filled in by the hooks servicesSuite() registers. */
export interface ServicesSuite {
  testing: TestingApi;
  view: ServicesView;
  /** Signed in to the sandbox (127.0.0.1) before each test. */
  account: AccountMeta;
  /** Its services from the API layer, the oracle. */
  raw: ServiceSummary[];
  /** The view's clock: three days (less an hour) before pixel.net expires, or the real time. */
  now: Date;
  readonly notifications: Array<{ message: string; actions: string[] }>;
  readonly informed: string[];
  readonly opened: string[];
  /** What the next notification "clicks". */
  answer: string | undefined;
}

/**
 * Registers the hooks of a Services tree suite: a clean sandbox, a default view and one
 * signed-in account before each test; notifications, messages and browser openings
 * recorded instead of shown. Call it first inside suite().
 */
export function servicesSuite(options: { anchorNow: boolean }): ServicesSuite {
  const state = { notifications: [], informed: [], opened: [], answer: undefined } as unknown as ServicesSuite;

  suiteSetup(async () => {
    state.testing = await testingApi();
    state.view = state.testing.services;
    state.view.setUi({
      notify: async (message, ...actions) => {
        state.notifications.push({ message, actions });
        return state.answer;
      },
      inform: (message) => void state.informed.push(message),
      openExternal: async (url) => {
        state.opened.push(url);
        return true;
      },
    });
  });

  setup(async () => {
    await signOutEverything(state.testing);
    await admin('DELETE', 'faults');
    await admin('POST', 'reset');
    await resetView(state.view);
    state.notifications.length = 0;
    state.informed.length = 0;
    state.opened.length = 0;
    state.answer = undefined;
    state.account = await signInToSandbox(state.testing);
    state.raw = await rawServices(state.testing, state.account.id);
    // With this "now", pixel.net's description is exactly "in 3 days" whatever the day.
    state.now = options.anchorNow ? new Date(Date.parse(findRaw(state.raw, 'pixel.net', 'domain').expirationDate ?? '') - 3 * DAY + 3_600_000) : new Date();
    if (options.anchorNow) state.view.setNow(state.now);
    await admin('DELETE', 'requests');
  });

  suiteTeardown(async () => {
    await admin('DELETE', 'faults');
    await admin('DELETE', 'latency');
    await resetView(state.view);
    state.view.setUi(undefined);
    await signOutEverything(state.testing);
    // A visible view would keep loading during the next suites.
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  return state;
}
