import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { ledger, PanelDriver, renewableService } from './support/renew';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { waitFor } from './support/wait';
import { renewSuite } from './support/renewSuite';

const PLACE = { confirm: 'Place Order' };

/** Never more than one order for one intent, and an unpaid order always reachable again. */
suite('Money invariants under concurrency (real extension host + sandbox)', function () {
  this.timeout(90_000);
  let testing: TestingApi;
  let account: AccountMeta;
  let serviceId: number;

  const renew = renewSuite();
  suiteSetup(async () => {
    ({ testing, account } = renew);
    serviceId = await renewableService(testing, account, false);
  });

  /** A second webview panel on the same service, as a restored panel would be. */
  async function extraPanel(): Promise<PanelDriver> {
    const panel = testing.renewPanels.adopt(
      vscode.window.createWebviewPanel('ovhcloud.renewPanel', 'second', vscode.ViewColumn.Beside, { enableScripts: true }),
      {
        accountId: account.id,
        serviceId,
      },
    );
    const driver = new PanelDriver(panel, testing);
    await driver.ready();
    return driver;
  }

  test('two panels for the same service ordering at once: one order', async () => {
    const a = await extraPanel();
    const b = await extraPanel();
    assert.notEqual(a.panel, b.panel);
    await a.previewRow(a.state.rows[0].key);
    await b.previewRow(b.state.rows[0].key);
    const prompter = new ScriptedPrompter([PLACE, PLACE]);
    testing.setPrompter(prompter);
    try {
      await Promise.all([a.panel.receive({ type: 'placeOrder' }), b.panel.receive({ type: 'placeOrder' })]);
    } finally {
      testing.setPrompter(undefined);
    }
    await a.until('idle', (s) => s.busy === undefined);
    await b.until('idle', (s) => s.busy === undefined);
    assert.equal((await ledger()).orders.length, 1);
    const withOrder = [a, b].filter((driver) => driver.state.order !== undefined);
    assert.ok(withOrder.length >= 1);
    // The other one said so, then followed on its own: the same unpaid order, never a new one.
    const other = [a, b].find((driver) => driver.state.order === undefined);
    if (other) {
      const told = other.panel.posted.some((message) => message.type === 'state' && /being placed in another window or panel/.test(message.state.notice ?? ''));
      assert.ok(told, 'the other panel said the order was being placed elsewhere');
      await other.until('the unpaid order', (s) => s.order !== undefined && s.busy === undefined);
      assert.equal(other.state.order?.orderId, withOrder[0].state.order?.orderId);
    }
    assert.equal((await ledger()).orders.length, 1);
  });

  test('the tree\'s "Pay Unpaid Order" and the panel\'s "Pay" at the same time: one payment', async () => {
    const panel = testing.renewPanels.show({ accountId: account.id, serviceId });
    const driver = new PanelDriver(panel, testing);
    await driver.ready();
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [PLACE]);
    await driver.until('the unpaid order', (s) => s.payment !== undefined && s.busy === undefined);
    const prompter = new ScriptedPrompter([{ confirm: 'Pay' }, { confirm: 'Pay' }]);
    testing.setPrompter(prompter);
    try {
      await Promise.all([
        vscode.commands.executeCommand('ovhcloud.payUnpaidOrder', { accountId: account.id, serviceId }).then(() => panel.receive({ type: 'pay' })),
        panel.receive({ type: 'pay' }),
      ]);
    } finally {
      testing.setPrompter(undefined);
    }
    await driver.until('delivery', (s) => s.order?.delivered === true, 20_000);
    const { orders, payments } = await ledger();
    assert.equal(orders.length, 1);
    assert.equal(payments.length, 1, 'one payment');
    assert.equal(prompter.asked.length, 1, 'one confirmation');
  });

  test('VS Code going away mid-order: the next panel finds the order instead of making another', async () => {
    await vscode.workspace.getConfiguration('ovhcloud').update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    const first = await extraPanel();
    await first.previewRow(first.state.rows[0].key);
    // OVH creates the order; its answer never arrives (the window reloads meanwhile).
    await admin('POST', 'faults', { method: 'POST', path: '/service/*/renew', kind: 'timeout', times: 1, after: true });
    const prompter = new ScriptedPrompter([PLACE]);
    testing.setPrompter(prompter);
    void first.panel.receive({ type: 'placeOrder' });
    await waitFor('the order request in flight', () => testing.orderJournal.all()[0]?.state === 'placing');
    testing.setPrompter(undefined);
    assert.equal(testing.orderJournal.all()[0]?.state, 'placing', 'the intent was written before the POST');
    first.panel.dispose();

    // The first session still owns the attempt (its lease is fresh): the second says so and touches nothing.
    const second = await extraPanel();
    assert.match(second.state.notice ?? '', /being placed in another window or panel/);
    await waitFor('the first session to find its order', () => testing.orderJournal.all()[0]?.orderId !== undefined && first.state.busy === undefined);
    // Once the first session lets go, the second shows the order it found, without Try Again.
    const resumed = await second.until('the found order', (s) => s.order !== undefined && s.busy === undefined);
    const { orders } = await ledger();
    assert.equal(orders.length, 1);
    assert.equal(resumed.order?.orderId, orders[0].orderId);
    await second.send({ type: 'placeOrder' }, [PLACE]);
    assert.equal((await ledger()).orders.length, 1, 'still one order');
  });
});
