import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { ledger, openPanel, renewableService, type PanelDriver } from './support/renew';
import { type Fault, faultMatrixHooks, FAULTS, iamBody } from './support/faultList';
import { admin, answerValidationPage, sandbox } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { labelOf, serviceRows, walk } from './support/servicesTree';
import { CREATE, CUSTOM, runSignIn, signInToSandbox, signOutEverything } from './support/signIn';

/**
 * The fault matrix: every injected fault on every money-path operation of the panel.
 * Cells are generated, not written out. For each: the user sees the typed error's
 * explanation (or, where OVH acted before the answer broke, the outcome is found and
 * shown), the panel works again once the fault is gone, no POST is retried, the
 * ledger never holds a duplicate, and nothing unhandled reaches the extension host.
 */
type Operation = 'list services' | 'list renew strategies' | 'dry run' | 'place order' | 'pay';
const OPERATIONS: Record<Operation, { method: 'GET' | 'POST'; path: string; route: string; iamAction: string }> = {
  'list services': { method: 'GET', path: '/services', route: 'GET /services', iamAction: 'account:apiovh:services/get' },
  'list renew strategies': { method: 'GET', path: '/service/*/renew', route: 'GET /service/{serviceId}/renew', iamAction: 'account:apiovh:service/renew/get' },
  'dry run': { method: 'POST', path: '/service/*/renew', route: 'POST /service/{serviceId}/renew', iamAction: 'account:apiovh:service/renew/create' },
  'place order': { method: 'POST', path: '/service/*/renew', route: 'POST /service/{serviceId}/renew', iamAction: 'account:apiovh:service/renew/create' },
  // The default card is paid through OVH's current route, by payment method id.
  pay: { method: 'POST', path: '/me/order/*/pay', route: 'POST /me/order/{orderId}/pay', iamAction: 'account:apiovh:me/order/pay' },
};

const PLACE = { confirm: 'Place Order' };
const PAY = { confirm: 'Pay' };
/** After a payment with no clear answer, paying again is an explicit choice behind its own dialog. */
const PAY_AGAIN = { confirm: 'Pay Again' };

suite('Fault matrix: every fault × every panel operation (real extension host + sandbox)', function () {
  this.timeout(120_000);
  let testing: TestingApi;
  let account: AccountMeta;
  let serviceId: number;
  let cells = 0;
  let passed = 0;

  suiteSetup(async () => {
    testing = await testingApi();
    testing.setStatusPollInterval(30);
    await signOutEverything(testing);
    account = await signInToSandbox(testing);
    serviceId = await renewableService(testing, account, false);
  });
  const unhandled = faultMatrixHooks();

  suiteTeardown(async () => {
    await signOutEverything(testing);
    console.log(`fault matrix: ${cells} cells run, ${passed} passed`);
  });

  setup(async () => {
    await admin('POST', 'reset');
    await admin('POST', 'config', { orderStepMs: 30 });
    for (const entry of testing.orderJournal.all()) await testing.orderJournal.end(entry.id);
  });
  teardown(() => testing.renewPanels.dispose());

  const inject = async (fault: Fault, operation: Operation): Promise<void> => {
    await admin('DELETE', 'requests');
    if (fault.clockSkew) {
      await admin('POST', 'clock', { offsetSeconds: 3600 });
      return;
    }
    const { method, path, iamAction } = OPERATIONS[operation];
    const spec = fault.iam ? { kind: 'status', status: 403, body: iamBody(iamAction) } : fault.spec;
    if (fault.config) await admin('POST', 'config', fault.config);
    await admin('POST', 'faults', { method, path, ...spec });
  };
  const heal = async (): Promise<void> => {
    await admin('DELETE', 'faults');
    await admin('POST', 'clock', { offsetSeconds: 0 });
    await admin('POST', 'config', { orderListingDelayMs: 0 });
  };
  /** "Forget This Order" on the recorded attempt, then the panel reloads. */
  const forget = async (driver: PanelDriver): Promise<void> => {
    testing.setPrompter(new ScriptedPrompter([{ pick: /outcome unknown/ }, { confirm: 'Forget' }]));
    try {
      await vscode.commands.executeCommand('ovhcloud.forgetOrder', { accountId: account.id, serviceId });
    } finally {
      testing.setPrompter(undefined);
    }
    assert.equal(testing.orderJournal.all().length, 0);
    await driver.send({ type: 'retry' });
    await driver.until('the comparison again', (s) => s.phase === 'ready' && s.busy === undefined);
  };
  const failedOrFound = (driver: PanelDriver): Promise<unknown> =>
    driver.until('the fault to show', (s) => s.busy === undefined && (s.error !== undefined || s.order !== undefined));

  /** Through the Services view: the fault shows as a node with the typed explanation, and a refresh recovers. */
  const listServicesCell = async (fault: Fault): Promise<void> => {
    const view = testing.services;
    await inject(fault, 'list services');
    await view.model.refresh(account.id);
    const shown = walk(view).filter(
      (row) => row.node.kind === 'message' && ['error', 'signIn', 'unreadable'].includes((row.node as { message: string }).message),
    );
    assert.equal(
      shown.length,
      1,
      `one error node, got ${walk(view)
        .map((row) => labelOf(row.item))
        .join(' | ')}`,
    );
    assert.ok(labelOf(shown[0].item).length > 10, 'the typed explanation is shown');
    await heal();
    // Rejected credentials wait for a new sign-in instead of failing again and again.
    if (testing.accounts.isSignInNeeded(account.id)) account = await signInToSandbox(testing);
    await view.model.refresh(account.id);
    const after = walk(view);
    assert.ok(!after.some((row) => row.node.kind === 'message'), `recovered: ${after.map((row) => labelOf(row.item)).join(' | ')}`);
    assert.ok(serviceRows(view).length > 10, 'the services are back');
  };

  for (const operation of Object.keys(OPERATIONS) as Operation[]) {
    for (const fault of FAULTS) {
      test(`${operation} × ${fault.name}`, async () => {
        cells++;
        let driver: PanelDriver;
        if (operation === 'list services') {
          await listServicesCell(fault);
        } else if (operation === 'list renew strategies') {
          await inject(fault, operation);
          driver = await openPanel(testing, account.id, serviceId);
          await driver.until('the error', (s) => s.error !== undefined && s.busy === undefined);
          assert.ok(driver.state.error!.explanation.length > 10, 'the typed explanation is shown');
          await heal();
          await driver.send({ type: 'retry' });
          await driver.until('the comparison', (s) => s.phase === 'ready' && s.busy === undefined);
        } else {
          driver = await openPanel(testing, account.id, serviceId);
          const key = driver.state.rows[0].key;
          if (operation === 'dry run') {
            await inject(fault, operation);
            await driver.send({ type: 'select', key });
            await driver.send({ type: 'preview' });
            await driver.until('the error', (s) => s.error !== undefined && s.busy === undefined);
            await heal();
            await driver.previewRow(key);
            assert.ok(driver.state.preview);
            assert.equal((await ledger()).orders.length, 0);
          } else {
            await driver.previewRow(key);
            if (operation === 'pay') {
              await driver.send({ type: 'placeOrder' }, [PLACE]);
              await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
            }
            await inject(fault, operation);
            await driver.send({ type: operation === 'pay' ? 'pay' : 'placeOrder' }, [operation === 'pay' ? PAY : PLACE]);
            await failedOrFound(driver);
            const shown = driver.state;
            const actedAnyway = shown.order !== undefined && (operation === 'place order' || shown.order.paid);
            assert.ok(shown.error !== undefined || actedAnyway, 'either the error is explained or the outcome was found');
            if (shown.error) assert.ok(shown.error.explanation.length > 10);
            if (fault.iam) assert.ok(shown.error?.explanation.includes(OPERATIONS[operation].iamAction), 'the missing IAM action is named');
            const posts = await admin<{ counts: Record<string, number> }>('GET', 'requests');
            const sent = posts.counts[OPERATIONS[operation].route] ?? 0;
            assert.ok(sent <= 1, `the POST was never retried (${sent})`);
            // A read right before the POST (OVH's unpaid orders, the order status) can fail first: then nothing was sent.
            if (sent === 0) assert.ok(shown.error !== undefined && shown.order?.paid !== true, 'nothing sent: the failure is shown');
            await heal();
            if (operation === 'place order' && driver.state.order === undefined && testing.orderJournal.all().length > 0) {
              // Outcome unknown: the attempt stays recorded until the user, having checked, forgets it.
              assert.match(driver.state.error?.explanation ?? '', /not known/);
              await forget(driver);
              await driver.previewRow(key);
            }
            if (operation === 'place order' && driver.state.order === undefined) {
              await driver.send({ type: 'placeOrder' }, [PLACE]);
              await driver.until('the order', (s) => s.order !== undefined && s.busy === undefined);
            }
            if (operation === 'pay' && !driver.state.order?.paid) {
              // Only a refusal OVH gave before acting brings back the plain Pay; anything else stays in progress.
              await driver.until('Pay offered', (s) => s.payment !== undefined && s.busy === undefined, 30_000);
              await driver.send({ type: 'pay' }, [driver.state.payment?.again ? PAY_AGAIN : PAY]);
            }
            if (operation === 'pay') await driver.until('delivery', (s) => s.order?.delivered === true, 20_000);
          }
        }
        const { orders, payments } = await ledger();
        assert.ok(orders.length <= 1, `no duplicate order (${orders.length})`);
        assert.ok(payments.length <= 1, `no duplicate payment (${payments.length})`);
        if (operation === 'place order' || operation === 'pay') assert.equal(orders.length, 1);
        if (operation === 'pay') assert.equal(payments.length, 1);
        assert.deepEqual(unhandled, [], 'nothing unhandled reached the extension host');
        passed++;
      });
    }
  }

  // OVH answers 403 INVALID_CREDENTIAL while a new key waits for approval; a refused key says so.
  test('sign-in approval × key refused: the wait ends with the refusal, nothing is stored', async () => {
    cells++;
    testing.setPollInterval(50);
    const before = testing.accounts.list().map((meta) => meta.id);
    const prompter = new ScriptedPrompter(
      [{ pick: CUSTOM }, { input: sandbox().url }, { pick: CREATE }, { input: sandbox().applicationKey }, { input: sandbox().applicationSecret }],
      async (uri) => void answerValidationPage(uri, 'refuse'),
    );
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.message : '', /refused/);
    assert.deepEqual(
      testing.accounts.list().map((meta) => meta.id),
      before,
    );
    assert.deepEqual(unhandled, [], 'nothing unhandled reached the extension host');
    passed++;
  });
});
