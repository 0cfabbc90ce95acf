import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing';
import { renewableService } from '../../test/integration/support/renew';
import type { PanelResult, PanelRound, PanelWaitAnswer } from '../shared/hostProtocol';
import { callDriver, sleep } from './control';

const INTERACTIVE_TIMEOUT_MS = 20_000;

/**
 * Times "Compare renew strategies" from the command to an interactive comparison
 * table: the driver watches the webview's DOM in the real workbench with
 * Playwright (armed before the command runs); the host also records when its own
 * state reached "ready". Both clocks are Date.now() on the same machine.
 */
export async function measurePanel(testing: TestingApi, rounds: number, knownServiceId?: number): Promise<PanelResult> {
  const account = testing.accounts.list()[0];
  if (!account) throw new Error('no signed-in account');
  // A domain sold with web hosting: the comparison with the most rows (bundle strategies).
  const serviceId = knownServiceId ?? (await renewableService(testing, account, true));
  const results: PanelRound[] = [];
  for (let round = 0; round < rounds; round++) {
    // testing.renewPanels loads dist/features.js: not before a window's first command.
    if (round > 0) {
      testing.renewPanels.dispose();
      await sleep(500);
    }
    await callDriver('panel/arm');
    const started = Date.now();
    await vscode.commands.executeCommand('ovhcloud.compareRenewStrategies', { accountId: account.id, serviceId });
    const panel = testing.renewPanels.get(account.id, serviceId);
    if (!panel) throw new Error('the command opened no panel');
    const ready = await pollUntil(() => panel.state.phase === 'ready' && panel.state.busy === undefined, INTERACTIVE_TIMEOUT_MS);
    const answer = await callDriver<PanelWaitAnswer>('panel/wait', { timeoutMs: INTERACTIVE_TIMEOUT_MS });
    results.push({
      hostReadyMs: ready - started,
      interactiveMs: answer.interactiveAt === null ? null : answer.interactiveAt - started,
      rows: panel.state.rows.length,
    });
  }
  testing.renewPanels.dispose();
  return { serviceId, rounds: results };
}

/** Date.now() when `check` first holds, polled every 5 ms (finer than the integration tests' waitFor). */
async function pollUntil(check: () => boolean, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the comparison in the host');
    await sleep(5);
  }
  return Date.now();
}
