import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/auth/accountStore';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { mementoText, readTree, scan } from './support/leakScan';
import { ledger, openPanel, renewableService } from './support/renew';
import { admin, answerWhenAsked, sandbox } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { CREATE, CUSTOM, existingKeyAnswers, OAUTH2, runSignIn, signOutEverything } from './support/signIn';
import { waitFor } from './support/wait';

/**
 * The secret-leak scan: after a full journey (sign in with each method, list, order,
 * pay, sign out), no secret value nor a fragment of one may appear in the log, in
 * globalState/workspaceState, in settings, in anything sent to or shown by a webview,
 * or in error texts.
 */
suite('Secret leak scan (real extension host + sandbox)', function () {
  this.timeout(90_000);
  let testing: TestingApi;
  const secrets: string[] = [];
  const shown: string[] = [];

  suiteSetup(async () => {
    testing = await testingApi();
    testing.setPollInterval(100);
    testing.setStatusPollInterval(30);
    await signOutEverything(testing);
    await admin('POST', 'reset');
    await admin('POST', 'config', { orderStepMs: 30 });
  });
  suiteTeardown(() => signOutEverything(testing));

  test('a full journey leaves no secret anywhere', async () => {
    const { applicationSecret, consumerKey, clientSecret } = sandbox();
    secrets.push(applicationSecret, consumerKey, clientSecret);

    // Sign in with each method, including a wrong secret whose error text is kept.
    const created = await runSignIn(
      testing,
      new ScriptedPrompter(
        [{ pick: CUSTOM }, { input: sandbox().url }, { pick: CREATE }, { input: sandbox().applicationKey }, { input: applicationSecret }],
        async (uri) => void answerWhenAsked(uri, 'authorize'),
      ),
    );
    assert.equal(created.status, 'signedIn');
    const createdId = created.status === 'signedIn' ? created.account.id : '';
    const stored = JSON.parse((await testing.secrets.get(AccountStore.secretKeyOf(createdId))) ?? '{}') as { consumerKey?: string };
    assert.ok(stored.consumerKey);
    secrets.push(stored.consumerKey);
    const wrong = await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers(undefined, undefined, `${applicationSecret.slice(0, -4)}zzzz`)));
    assert.equal(wrong.status, 'failed');
    if (wrong.status === 'failed') shown.push(wrong.message);
    const oauth = await runSignIn(
      testing,
      new ScriptedPrompter([
        { pick: CUSTOM },
        { input: sandbox().url.replace('127.0.0.1', 'localhost') },
        { pick: OAUTH2 },
        { input: sandbox().tokenUrl },
        { input: sandbox().clientId },
        { input: clientSecret },
      ]),
    );
    assert.equal(oauth.status, 'signedIn');

    // List, order and pay through the panel.
    const account = testing.accounts.list().find((meta) => meta.id === createdId)!;
    const api = await testing.accounts.api(account.id);
    await api!.listServices();
    const serviceId = await renewableService(testing, account, false);
    const driver = await openPanel(testing, account.id, serviceId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: 'Place Order' }]);
    await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
    await driver.send({ type: 'pay' }, [{ confirm: 'Pay' }]);
    await driver.until('delivery', (s) => s.order?.delivered === true);
    assert.equal((await ledger()).payments.length, 1);
    // An error shown in the panel is part of the scan too.
    await admin('POST', 'faults', { path: '/service/*/renew', kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL' });
    await driver.send({ type: 'retry' });
    const failed = await driver.until('an error in the panel', (s) => s.error !== undefined && s.busy === undefined);
    await admin('DELETE', 'faults');
    shown.push(JSON.stringify(failed.error));
    const webviewTraffic = JSON.stringify(driver.panel.posted) + driver.panel.panel.webview.html;
    driver.panel.dispose();

    // Sign out of everything, revoking the created key.
    testing.setPrompter(new ScriptedPrompter([{ pick: 'All accounts' }, { confirm: 'Revoke and Sign Out' }]));
    try {
      await vscode.commands.executeCommand('ovhcloud.signOut');
    } finally {
      testing.setPrompter(undefined);
    }
    assert.deepEqual(testing.accounts.list(), []);

    // The log is written asynchronously: wait until the journey's last line is on disk.
    const logs = await waitFor('the log file', async () => {
      const files = await readTree(testing.logUri);
      return Object.values(files).some((text) => text.includes('Signed out of')) ? files : undefined;
    });
    const sources: Record<string, string> = {
      ...logs,
      globalState: mementoText(testing.globalState),
      workspaceState: mementoText(testing.workspaceState),
      settings: JSON.stringify(vscode.workspace.getConfiguration('ovhcloud')) + JSON.stringify(vscode.workspace.getConfiguration().inspect('ovhcloud')),
      webview: webviewTraffic,
      shownErrors: shown.join('\n'),
    };
    assert.ok(Object.values(logs).join('').includes('Order '), 'the scan reads the real log (it mentions the order)');
    assert.ok(webviewTraffic.includes('"type":"state"'), 'the scan reads the real webview traffic');
    // The scanner itself finds a partial copy: this test can fail.
    assert.notDeepEqual(scan({ probe: `key=${consumerKey.slice(3, 14)}` }, [consumerKey]), []);
    const findings = scan(sources, secrets);
    assert.deepEqual(findings, [], `secret material found in: ${[...new Set(findings.map((f) => f.source))].join(', ')}`);
  });
});
