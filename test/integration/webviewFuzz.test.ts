import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testing';
import { RenewPanelMessageSchema } from '../../src/protocol/renewPanel';
import { testingApi } from './support/extension';
import { openPanel, renewableService } from './support/renew';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { signInToSandbox, signOutEverything } from './support/signIn';
import { waitFor } from './support/wait';

const TYPES = ['ready', 'retry', 'setIncludeOptions', 'select', 'preview', 'placeOrder', 'selectPayment', 'pay', 'openLink', 'executeCommand', 'eval', ''];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Messages shaped like the protocol but wrong, plus arbitrary JSON-like junk. */
function hostileMessages(count: number): unknown[] {
  const nearMiss = fc.record(
    {
      type: fc.constantFrom(...TYPES),
      key: fc.oneof(fc.integer(), fc.constant(null), fc.string({ minLength: 201, maxLength: 300 }), fc.array(fc.string())),
      value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      which: fc.oneof(fc.constantFrom('file', 'javascript:alert(1)', 'https://evil.example'), fc.integer()),
      optionId: fc.oneof(fc.integer(), fc.object()),
      orderId: fc.integer(),
      command: fc.constantFrom('workbench.action.quit', 'ovhcloud.signOut', 'vscode.open'),
    },
    { requiredKeys: ['type'] },
  );
  const polluted = fc
    .constantFrom(...HOSTILE_KEYS)
    .chain((key) => fc.constantFrom(...TYPES).map((type) => JSON.parse(`{"type":"${type}","${key}":{"polluted":true,"type":"pay"}}`) as unknown));
  const huge = fc.constantFrom(...TYPES).map((type) => ({ type, key: 'x'.repeat(1_000_000) }));
  const junk = fc.anything({ maxDepth: 4, withBigInt: false, withMap: true, withSet: true, withDate: true, withTypedArray: true });
  return fc.sample(fc.oneof(nearMiss, polluted, huge, junk), { numRuns: count, seed: 20261129 });
}

suite('Webview fuzzing (real extension host + sandbox)', function () {
  this.timeout(120_000);
  let testing: TestingApi;

  suiteSetup(async () => {
    testing = await testingApi();
    await signOutEverything(testing);
  });
  suiteTeardown(async () => {
    testing.renewPanels.dispose();
    await signOutEverything(testing);
  });

  test('1000 hostile messages: no crash, no API call, nothing asked, opened or run', async () => {
    const tabs = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).sort();
    // Tab events reach the extension host late: start from no editor at all, so that
    // what earlier suites opened and closed has settled before the snapshot below.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no editor open', () => tabs().length === 0);
    const account = await signInToSandbox(testing);
    const serviceId = await renewableService(testing, account, false);
    const driver = await openPanel(testing, account.id, serviceId);
    const before = JSON.stringify(driver.state);
    const messages = hostileMessages(1000);
    assert.equal(messages.length, 1000);
    assert.equal(messages.filter((message) => RenewPanelMessageSchema.safeParse(message).success).length, 0, 'every generated message is outside the protocol');

    // The panel's tab, with its final title once the service is loaded, and nothing else.
    await waitFor("the panel's tab alone", () => JSON.stringify(tabs()) === JSON.stringify([`Renew ${driver.state.service.displayName}`]));
    const tabsBefore = tabs();
    await admin('DELETE', 'requests');
    const prompter = new ScriptedPrompter([]);
    testing.setPrompter(prompter);
    try {
      for (const message of messages) await driver.panel.receive(message);
    } finally {
      testing.setPrompter(undefined);
    }

    const requests = await admin<{ requests: unknown[] }>('GET', 'requests');
    assert.deepEqual(requests.requests, [], 'no API call');
    assert.deepEqual(prompter.asked, [], 'no confirmation, quick pick or input was shown');
    assert.deepEqual(prompter.opened, [], 'nothing was opened');
    assert.equal(JSON.stringify(driver.state), before, 'the panel state did not move');
    assert.deepEqual(tabs(), tabsBefore, 'no editor or panel appeared');
    assert.equal(testing.accounts.list().length, 1, 'still signed in');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is intact');
    // And it still works for real messages.
    await driver.previewRow(driver.state.rows[0].key);
    assert.ok(driver.state.preview);
  });
});
