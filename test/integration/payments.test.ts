import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel, renewableService, type PanelDriver } from './support/renew';
import { admin } from './support/sandbox';
import { loadTree, serviceRows } from './support/servicesTree';
import { waitFor } from './support/wait';
import { renewSuite } from './support/renewSuite';

const PLACE = { confirm: 'Place Order' };
const PAY = { confirm: 'Pay' };

interface Method {
  paymentMethodId: number;
  paymentMeanId: number | null;
  paymentType: string;
}

/** Paying the way real OVH accounts need (ovh-api-realities.md §1), through the panel. */
suite('Payments against the real-API sandbox (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let account: AccountMeta;
  let serviceId: number;

  const renew = renewSuite({ orderStepMs: 40 });
  suiteSetup(async () => {
    ({ testing, account } = renew);
    serviceId = await renewableService(testing, account, false);
  });

  const methods = async (): Promise<Method[]> => {
    const api = await testing.accounts.api(account.id);
    return (await api!.listPaymentMethods()) as Method[];
  };

  /** Opens the panel, previews the first offer and places the order: the payment step is next. */
  const orderPlaced = async (): Promise<PanelDriver> => {
    const driver = await openPanel(testing, account.id, serviceId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [PLACE]);
    await driver.until('the payment step', (s) => s.payment !== undefined && s.busy === undefined);
    return driver;
  };

  const optionLabelled = (driver: PanelDriver, pattern: RegExp) => driver.state.payment?.options.find((option) => pattern.test(option.label));

  test('the default method is a SEPA mandate without legacy id: paid through /me/order/{id}/pay, the ledger records the method id', async () => {
    await admin('POST', 'config', { defaultPaymentMethod: 'sepa' });
    const sepa = (await methods()).find((m) => m.paymentType === 'SEPA_DIRECT_DEBIT');
    assert.ok(sepa && sepa.paymentMeanId === null, 'the SEPA mandate has no legacy id');
    const driver = await orderPlaced();
    const preselected = driver.state.payment?.options.find((option) => option.id === driver.state.payment?.selectedId);
    assert.equal(preselected?.isDefault, true);
    assert.match(preselected?.label ?? '', /^SEPA/);
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const { orders, payments } = await ledger();
    assert.equal(orders.length, 1);
    assert.deepEqual(
      payments.map((p) => [p.orderId, p.route, p.paymentMethodId, p.paymentMeanId]),
      [[orders[0].orderId, 'pay', sepa.paymentMethodId, null]],
    );
  });

  test("the order's own method list cannot be read: the SEPA mandate without legacy id is paid with {paymentMean} alone, as OVH's Control Panel does", async () => {
    await admin('POST', 'config', { defaultPaymentMethod: 'sepa' });
    await admin('POST', 'faults', { method: 'GET', path: '/me/order/*/paymentMethods', kind: 'status', status: 404 });
    const driver = await orderPlaced();
    const sepa = optionLabelled(driver, /^SEPA/);
    assert.ok(sepa?.selectable, 'the SEPA mandate is offered');
    assert.equal(sepa.id, driver.state.payment?.selectedId, 'and preselected as the default');
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const { orders, payments } = await ledger();
    assert.deepEqual(
      payments.map((p) => [p.orderId, p.route, p.paymentMean, p.paymentMeanId, p.paymentMethodId]),
      [[orders[0].orderId, 'payWithRegisteredPaymentMean', 'SEPA_DIRECT_DEBIT', null, null]],
    );
  });

  test('ovhAccount with a balance that covers the order: selectable and paid from the balance', async () => {
    await admin('POST', 'config', { ovhAccountBalance: 100_000 });
    const driver = await orderPlaced();
    const prepaid = optionLabelled(driver, /^OVHcloud account$/);
    assert.equal(prepaid?.selectable, true);
    await driver.send({ type: 'selectPayment', optionId: prepaid.id });
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const { payments } = await ledger();
    assert.deepEqual(
      payments.map((p) => [p.paymentMean, p.route]),
      [['ovhAccount', 'payWithRegisteredPaymentMean']],
    );
    const config = await admin<{ ovhAccountBalance: number }>('GET', 'config');
    assert.ok(config.ovhAccountBalance < 100_000, 'the balance was spent');
  });

  test('ovhAccount with too small a balance: shown, not selectable, never sent; the order is paid another way', async () => {
    await admin('POST', 'config', { ovhAccountBalance: 0.5 });
    const driver = await orderPlaced();
    const prepaid = optionLabelled(driver, /^OVHcloud account$/);
    assert.ok(prepaid, 'the prepaid account is listed');
    assert.equal(prepaid.selectable, false);
    assert.match(prepaid.statusText, /balance too low/);
    // A webview asking for it anyway is ignored: the host holds what is selectable.
    await driver.send({ type: 'selectPayment', optionId: prepaid.id });
    assert.notEqual(driver.state.payment?.selectedId, prepaid.id);
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const { payments } = await ledger();
    assert.equal(payments.length, 1);
    assert.notEqual(payments[0].paymentMean, 'ovhAccount');
    const requests = await admin<{ requests: Array<{ method: string; path: string }> }>('GET', 'requests');
    assert.ok(!requests.requests.some((r) => r.method === 'POST' && r.path.endsWith('/payWithRegisteredPaymentMean')), 'ovhAccount was never tried');
  });

  test('OVH caches lists per key: after a renewal the Services view still shows the new expiry (Pragma: no-cache)', async () => {
    const view = testing.services;
    await view.model.refresh(account.id);
    await loadTree(view);
    const expiryInTree = (): string | null | undefined =>
      serviceRows(view).find((row) => row.node.facts.service.serviceId === serviceId)?.node.facts.service.expirationDate;
    const before = expiryInTree();
    assert.ok(before, 'the service is in the tree');
    const driver = await orderPlaced();
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const after = await waitFor('the tree to show the new expiry', () => {
      const shown = expiryInTree();
      return shown !== before && !view.model.isLoading(account.id) ? shown : undefined;
    });
    assert.ok(after && Date.parse(after) > Date.parse(before), `${before} → ${after}`);
  });

  test("Refresh bypasses OVH's list cache; an automatic reload does not", async () => {
    const view = testing.services;
    await view.model.refresh(account.id);
    await loadTree(view);
    const expiryInTree = (): string | null | undefined =>
      serviceRows(view).find((row) => row.node.facts.service.serviceId === serviceId)?.node.facts.service.expirationDate;
    const before = expiryInTree();
    // Renewed outside the panel (as in the Control Panel): nothing tells the view.
    const api = (await testing.accounts.api(account.id))!;
    const offer = (await api.listRenewDescriptions(serviceId, false))[0];
    const order = await api.createRenewOrder(serviceId, { duration: offer.renewPeriod, services: offer.strategies[0].services });
    await api.payOrder(
      order.orderId,
      (await api.listOrderPaymentMethods(order.orderId)).find((option) => option.isDefault && option.selectable)!,
    );
    await waitFor('delivery', async () => (await api.getOrderStatus(order.orderId)) === 'delivered');
    await view.model.refreshStarted();
    await view.model.whenIdle();
    assert.equal(expiryInTree(), before, "an automatic reload is served from OVH's cache");
    await vscode.commands.executeCommand('ovhcloud.services.refresh');
    await view.model.whenIdle();
    const after = await waitFor('the new expiry', () => {
      const shown = expiryInTree();
      return shown && shown !== before ? shown : undefined;
    });
    assert.ok(Date.parse(after) > Date.parse(before!));
  });

  test('the preview works whatever orderId the dry run answers (0, null, absent), and orders nothing', async () => {
    for (const variant of ['zero', 'null', 'absent']) {
      await admin('POST', 'config', { dryRunOrderId: variant });
      const driver = await openPanel(testing, account.id, serviceId);
      const previewed = await driver.previewRow(driver.state.rows[0].key);
      assert.ok(previewed.preview?.withTaxText, variant);
      assert.equal(previewed.error, undefined, variant);
      testing.renewPanels.dispose();
    }
    assert.equal((await ledger()).orders.length, 0);
  });

  test('a refused method ("can\'t be paid with") leaves the order unpaid; another method then pays it once', async () => {
    const driver = await orderPlaced();
    const selected = driver.state.payment?.selectedId;
    await admin('POST', 'config', { refusedPayments: ['CREDIT_CARD'] });
    await driver.send({ type: 'pay' }, [PAY]);
    const refused = await driver.until('the refusal', (s) => s.error !== undefined && s.busy === undefined);
    assert.equal(refused.order?.paid, false);
    assert.ok(refused.payment, 'the payment step stays open');
    assert.equal((await ledger()).payments.length, 0);
    const paypal = optionLabelled(driver, /^PayPal/);
    assert.ok(paypal?.selectable && paypal.id !== selected);
    await driver.send({ type: 'selectPayment', optionId: paypal.id });
    await driver.send({ type: 'pay' }, [PAY]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const { payments } = await ledger();
    assert.deepEqual(
      payments.map((p) => p.paymentMean),
      ['PAYPAL'],
    );
  });
});
