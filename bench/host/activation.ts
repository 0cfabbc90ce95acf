import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { EXTENSION_ID } from '../../test/integration/support/extension';
import { EMPTY_EXTENSION_ID, type ActivationSample } from '../shared/hostProtocol';
import { sleep } from './control';
import { withCpuProfile } from './cpuProfile';
import { ModuleLoadTimer } from './moduleLoadTimer';
import { SocketSpy } from './socketSpy';

/**
 * Activates the installed extension the way the workbench would (loading the
 * bundle, then activate()), timed from inside the extension host, and watches the
 * host's sockets until `settleMs` after it returned.
 */
export async function measureActivation(settleMs: number): Promise<{ sample: ActivationSample; api: ExtensionApi }> {
  const emptyExtensionMs = await activateEmptyExtension();
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const alreadyActive = extension.isActive;
  const main = String((extension.packageJSON as { main?: unknown }).main ?? './dist/extension.js');
  const loadTimer = new ModuleLoadTimer(path.join(extension.extensionPath, main));
  const spy = new SocketSpy();
  loadTimer.start();
  spy.start();
  const startedAt = Date.now();
  const t0 = performance.now();
  let api: ExtensionApi;
  try {
    api = await withCpuProfile('activation', async () => extension.activate());
  } catch (error) {
    spy.stop();
    throw error;
  } finally {
    loadTimer.stop();
  }
  const activateMs = performance.now() - t0;
  await sleep(settleMs);
  const sockets = spy.stop();
  const settledAt = Date.now();

  const testing = api.testing;
  if (!testing) throw new Error('the extension did not expose its testing API (OVHCLOUD_TEST_MODE unset?)');
  const accounts = testing.accounts.list();
  const first = accounts[0];
  const credentialsStored = first !== undefined && (await testing.accounts.store.load(first.id)) !== undefined;
  return {
    sample: {
      alreadyActive,
      activateMs,
      loadMs: loadTimer.loadMs,
      emptyExtensionMs,
      startedAt,
      settledAt,
      sockets,
      accounts: accounts.length,
      credentialsStored,
    },
    api,
  };
}

/** VS Code's share of any activation: an extension whose activate() does nothing, activated the same way. */
async function activateEmptyExtension(): Promise<number | undefined> {
  const empty = vscode.extensions.getExtension(EMPTY_EXTENSION_ID);
  if (!empty || empty.isActive) return undefined;
  const started = performance.now();
  await empty.activate();
  return performance.now() - started;
}
