import { testingApi } from '../../test/integration/support/extension';
import { renewableService } from '../../test/integration/support/renew';
import { signInToSandbox, signOutEverything } from '../../test/integration/support/signIn';
import { report, sleep } from './control';

/** The web workbench writes extension state to IndexedDB shortly after a change; give it time before the next window loads. */
const PERSIST_MS = 2000;

/**
 * extensionTestsPath of the first window: signs in to the sandbox with the real
 * sign-in command, so the next windows start with an account already stored, and finds
 * the service their renew panels open.
 */
export async function run(): Promise<void> {
  const testing = await testingApi();
  await signOutEverything(testing);
  const account = await signInToSandbox(testing);
  // Found here, so a later window's first command is the first use of the API client there.
  // bench:quick opens no panel: a sandbox without such a service leaves it undefined there.
  const panelServiceId = await renewableService(testing, account, true).catch(() => undefined);
  await sleep(PERSIST_MS);
  await report({ kind: 'signedIn', accountId: account.id, panelServiceId });
}
