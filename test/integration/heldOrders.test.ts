import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel, PanelDriver, renewableService } from './support/renew';
import { renewSuite } from './support/renewSuite';
import { admin } from './support/sandbox';
import { waitFor } from './support/wait';

/** Issue 28, point 7: an order OVH holds for checks waits days; neither failed nor delivered. */
suite('An order held for checks (followUp): shown as waiting, kept, followed again (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let account: AccountMeta;
  const renew = renewSuite({ orderStepMs: 40 });
  suiteSetup(() => {
    ({ testing, account } = renew);
  });

  test('documents requested: the panel says what OVH waits for, the journal keeps the order, a reopened panel follows it to delivery once released', async () => {
    const serviceId = await renewableService(testing, account, false);
    let driver = await openPanel(testing, account.id, serviceId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: 'Place Order' }]);
    await driver.until('the payment step', (s) => s.payment !== undefined && s.busy === undefined);
    const orderId = driver.state.order?.orderId;
    assert.ok(orderId, 'an order was placed');
    // Held before payment so that no status check can see it delivered first.
    await admin('POST', `orders/${orderId}`, { held: 'FRAUD_DOCS_REQUESTED' });
    await driver.send({ type: 'pay' }, [{ confirm: 'Pay' }]);
    // The panel stops polling a held order: it waits on OVH, not on us.
    const held = await driver.until(
      'the held order',
      (s) => /Documents requested/.test(s.order?.statusLabel ?? '') && /asks for documents/.test(s.notice ?? ''),
    );
    assert.equal(held.order?.delivered, false);
    assert.equal(held.error, undefined, 'not shown as failed');
    assert.equal(testing.orderJournal.all().length, 1, 'the journal keeps the order');

    const reopen = async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the panel closed', () => (testing.renewPanels.get(account.id, serviceId) === undefined ? true : undefined));
      // Not openPanel(): a held order keeps the panel on its tracking step, which never goes idle.
      const reopened = new PanelDriver(testing.renewPanels.show({ accountId: account.id, serviceId }), testing);
      await reopened.send({ type: 'ready' });
      return reopened;
    };
    // Followed again when the panel opens: still held, still said.
    driver = await reopen();
    await driver.until('the held order again', (s) => /Documents requested/.test(s.order?.statusLabel ?? '') && /asks for documents/.test(s.notice ?? ''));
    assert.equal(testing.orderJournal.all().length, 1);
    // Released by OVH: the next opening finds it delivered and lets the journal entry go.
    await admin('POST', `orders/${orderId}`, { held: null });
    driver = await reopen();
    await waitFor('the journal entry ended', () => (testing.orderJournal.all().length === 0 ? true : undefined));
    const { orders, payments } = await ledger();
    assert.deepEqual([orders.length, payments.length], [1, 1]);
  });

  /** A renewal ordered and paid in its panel while OVH holds it for `check`, the panel then closed: what VS Code finds at its next start. */
  async function heldAndClosed(check: string): Promise<{ orderId: number; serviceId: number }> {
    const serviceId = await renewableService(testing, account, false);
    const driver = await openPanel(testing, account.id, serviceId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: 'Place Order' }]);
    await driver.until('the payment step', (s) => s.payment !== undefined && s.busy === undefined);
    const orderId = driver.state.order?.orderId;
    assert.ok(orderId, 'an order was placed');
    await admin('POST', `orders/${orderId}`, { held: check });
    await driver.send({ type: 'pay' }, [{ confirm: 'Pay' }]);
    await driver.until('the held order', (s) => s.order?.delivered === false && s.notice !== undefined && /OVHcloud/.test(s.notice));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel closed', () => (testing.renewPanels.get(account.id, serviceId) === undefined ? true : undefined));
    return { orderId, serviceId };
  }

  test('at VS Code start a held order is followed without its panel: quiet while held, one notification once delivered, the journal lets it go', async () => {
    const informed: string[] = [];
    testing.services.setUi({ inform: (message) => void informed.push(message) });
    try {
      const { orderId, serviceId } = await heldAndClosed('FRAUD_MANUAL_REVIEW');
      assert.equal(await testing.followHeldOrders(), true, 'still held');
      assert.deepEqual(informed, [], 'no notification while nothing changed');
      assert.equal(testing.orderJournal.all().length, 1);
      await admin('POST', `orders/${orderId}`, { held: null });
      const api = (await testing.accounts.api(account.id))!;
      await waitFor('delivered at OVH', async () => ((await api.getOrderStatus(orderId)) === 'delivered' ? true : undefined));
      assert.equal(await testing.followHeldOrders(), false, 'nothing held any more');
      assert.equal(informed.length, 1, `one notification: ${informed.join(' | ')}`);
      assert.match(informed[0] ?? '', new RegExp(`Order ${orderId} was delivered`));
      assert.equal(testing.orderJournal.all().length, 0, 'the journal lets the delivered order go');
      assert.equal(testing.renewPanels.get(account.id, serviceId), undefined, 'no panel opened');
    } finally {
      testing.services.setUi({});
    }
  });

  test('an order refused after its checks is announced once, not at every start', async () => {
    const informed: string[] = [];
    testing.services.setUi({ inform: (message) => void informed.push(message) });
    try {
      const { orderId } = await heldAndClosed('FRAUD_REFUSED');
      await testing.followHeldOrders();
      await testing.followHeldOrders();
      assert.equal(informed.length, 1, `one notification: ${informed.join(' | ')}`);
      assert.match(informed[0] ?? '', new RegExp(`refused order ${orderId} .*after its checks`));
    } finally {
      testing.services.setUi({});
    }
  });
});
