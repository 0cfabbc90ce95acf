import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { BatchPanel } from '../../src/panels/batchPanel';
import { BatchMessageSchema, type BatchState } from '../../src/protocol/batchPanel';
import { ovhCalendarDay } from '../../src/renewal';
import type { TestingApi } from '../../src/testing';
import { ledger, renewableService } from './support/renew';
import { admin, sandbox } from './support/sandbox';
import { ScriptedPrompter, type Answer } from './support/scriptedPrompter';
import { renewSuite } from './support/renewSuite';

const PLACE = { confirm: 'Place Orders' };
const PAY = { confirm: 'Pay All' };
const CANCEL = { confirm: undefined };

/**
 * Renewing several services in one go, in a real extension host against the sandbox:
 * every row is ordered and paid through its own renew session (journal, leases, search
 * by content), behind one modal for the orders and one for the payments.
 */
suite('Batch renewal (real extension host + sandbox)', function () {
  this.timeout(180_000);
  let testing: TestingApi;
  let account: AccountMeta;
  /** Services that OVH renews alone (a strategy naming only them), soonest listed first. */
  let alone: number[];

  // Sign-in, sandbox reset and journal cleanup as every renew suite; searches after a lost
  // answer last twice the request timeout, hence 2 s.
  const world = renewSuite({ requestTimeoutSeconds: 2, orderStepMs: 20 });

  suiteSetup(async () => {
    testing = world.testing;
    account = world.account;
    const api = await testing.accounts.api(account.id);
    assert.ok(api);
    const { services } = await api.listServices();
    alone = [];
    for (const service of services.filter((candidate) => candidate.parentServiceId === undefined && candidate.lifecycleState !== 'terminated')) {
      const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
      if (
        descriptions.some((description) =>
          description.strategies.some((strategy) => strategy.services.length === 1 && strategy.services[0] === service.serviceId),
        )
      )
        alone.push(service.serviceId);
    }
    assert.ok(alone.length >= 10, `the sandbox account has only ${alone.length} services renewable alone`);
  });

  setup(() => admin('DELETE', 'faults'));
  teardown(() => testing.batchPanels.dispose());

  /** Opens a batch the way the tree's command does, and waits for its rows. */
  async function open(ids: readonly number[]): Promise<BatchPanel> {
    const keys = await vscode.commands.executeCommand<string[]>(
      'ovhcloud.renewSelected',
      undefined,
      ids.map((serviceId) => ({ accountId: account.id, serviceId })),
    );
    assert.equal(keys.length, 1);
    const panel = testing.batchPanels.get(keys[0] as string);
    assert.ok(panel);
    await panel.started;
    await send(panel, { type: 'ready' });
    return panel;
  }

  /** Sends a message as the webview would, answering the modals like the user. */
  async function send(panel: BatchPanel, message: unknown, answers: Answer[] = []): Promise<ScriptedPrompter> {
    const prompter = new ScriptedPrompter(answers);
    testing.setPrompter(prompter);
    try {
      await panel.receive(message);
    } finally {
      testing.setPrompter(undefined);
    }
    assert.equal(prompter.remaining, 0, `unanswered: ${prompter.asked.join(' → ')}`);
    return prompter;
  }

  const statuses = (state: BatchState): string[] => state.rows.map((row) => row.status);

  async function orderAll(panel: BatchPanel): Promise<void> {
    await send(panel, { type: 'previewAll' });
    assert.equal(panel.state.canOrder, true, JSON.stringify(panel.state.rows.map((row) => [row.status, row.errorText])));
    await send(panel, { type: 'placeOrders' }, [PLACE]);
  }

  test('a 10-service batch: 10 orders, 10 payments, every expiry moved by its period, the tree refreshed once', async () => {
    const ids = alone.slice(0, 10);
    const api = await testing.accounts.api(account.id);
    const panel = await open(ids);
    assert.deepEqual(new Set(statuses(panel.state)), new Set(['ready']));
    const expected = new Map(
      panel.state.rows.map((row) => {
        const option = panel.batch.items.find((item) => item.key === row.key)?.session.optionRows.find((candidate) => candidate.key === row.chosenKey);
        return [Number(row.key), option?.newExpiry.toISOString()];
      }),
    );
    await orderAll(panel);
    assert.equal(panel.state.phase, 'ordered');
    const refreshesBefore = testing.services.progressShown();
    await send(panel, { type: 'payAll' }, [PAY]);
    const book = await ledger();
    assert.equal(book.orders.length, 10);
    assert.equal(book.payments.length, 10);
    assert.equal(new Set(book.payments.map((payment) => payment.orderId)).size, 10);
    assert.deepEqual(new Set(statuses(panel.state)), new Set(['delivered']));
    for (const id of ids) {
      const after = await api!.getService(id);
      assert.equal(ovhCalendarDay(after.expirationDate)?.toISOString(), expected.get(id), `service ${id}`);
    }
    // One refresh of the tree for the whole batch, not one per order.
    await testing.services.model.whenIdle();
    assert.ok(testing.services.progressShown() - refreshesBefore <= 1);
    assert.equal(testing.orderJournal.all().length, 0);
    // The host holds links and secrets: what reached the webview has neither.
    const posted = JSON.stringify(panel.posted);
    assert.ok(panel.posted.length > 0);
    assert.doesNotMatch(posted, /https?:\/\//);
    assert.doesNotMatch(posted, /password/i);
    for (const secret of [sandbox().consumerKey, sandbox().applicationSecret]) assert.ok(!posted.includes(secret));
  });

  test('a domain and its hosting with the bundle chosen: one order covers both', async () => {
    const domain = await renewableService(testing, account, true);
    const descriptions = await (await testing.accounts.api(account.id))!.listRenewDescriptions(domain, false);
    const bundle = descriptions.flatMap((description) => description.strategies).find((strategy) => strategy.services.length > 1);
    assert.ok(bundle);
    const other = bundle.services.find((id) => id !== domain) as number;
    const panel = await open([domain, other]);
    const option = panel.state.rows.find((row) => row.key === String(domain))?.options.find((candidate) => candidate.renewsMore);
    assert.ok(option);
    await send(panel, { type: 'choose', row: String(domain), option: option.key });
    assert.equal(panel.state.rows.find((row) => row.key === String(other))?.status, 'covered');
    await orderAll(panel);
    await send(panel, { type: 'payAll' }, [PAY]);
    const book = await ledger();
    assert.equal(book.orders.length, 1);
    assert.deepEqual([...(book.orders[0]?.services ?? [])].sort(), [domain, other].sort());
    assert.equal(book.payments.length, 1);
  });

  const faults: Array<{ name: string; spec: Record<string, unknown>; check: (panel: BatchPanel, ids: number[]) => Promise<void> }> = [
    {
      name: 'lost answer after OVH acted: found by content, no second order, the batch completes',
      spec: { kind: 'timeout', after: true },
      check: async (panel) => {
        assert.equal((await ledger()).orders.length, 5);
        assert.equal(panel.state.rows[2]?.status, 'ordered');
        await send(panel, { type: 'payAll' }, [PAY]);
        assert.equal((await ledger()).payments.length, 5);
      },
    },
    {
      name: '5xx and no order: the row is uncertain and the batch pauses; stopping leaves the rest resumable',
      spec: { kind: 'status', status: 500 },
      check: async (panel) => {
        assert.equal(panel.state.phase, 'paused');
        assert.equal((await ledger()).orders.length, 2);
        assert.deepEqual(statuses(panel.state), ['ordered', 'ordered', 'uncertain', 'previewed', 'previewed']);
        await send(panel, { type: 'stopBatch' });
        assert.deepEqual(statuses(panel.state).slice(3), ['notAttempted', 'notAttempted']);
        assert.equal(panel.state.rows[3]?.canRetry, true);
        assert.equal(panel.state.rows[2]?.canRetry, false);
        await send(panel, { type: 'payAll' }, [PAY]);
        assert.equal((await ledger()).payments.length, 2);
        assert.equal((await ledger()).orders.length, 2);
      },
    },
    {
      name: 'refusal (4xx): that row is refused, the batch goes on',
      spec: { kind: 'status', status: 400, message: 'Service is not renewable' },
      check: async (panel) => {
        assert.equal((await ledger()).orders.length, 4);
        assert.deepEqual(statuses(panel.state), ['ordered', 'ordered', 'refused', 'ordered', 'ordered']);
        assert.equal(panel.state.rows[2]?.canRetry, true);
      },
    },
  ];
  for (const fault of faults) {
    test(`fault on the 3rd order, ${fault.name}`, async () => {
      const ids = alone.slice(0, 5);
      const panel = await open(ids);
      await send(panel, { type: 'previewAll' });
      // Dry runs are done: the next POST to this path is the 3rd order.
      await admin('POST', 'faults', { method: 'POST', path: `/service/${ids[2]}/renew`, times: 1, ...fault.spec });
      await send(panel, { type: 'placeOrders' }, [PLACE]);
      await fault.check(panel, ids);
      const book = await ledger();
      assert.equal(new Set(book.orders.map((order) => order.serviceId)).size, book.orders.length, 'no service ordered twice');
    });
  }

  test('fault on the 2nd payment: that row is marked, the others are paid, nothing paid twice', async () => {
    const panel = await open(alone.slice(0, 3));
    await orderAll(panel);
    const second = panel.state.rows[1]?.orderId;
    assert.ok(second);
    await admin('POST', 'faults', {
      method: 'POST',
      path: `/me/order/${second}/pay`,
      kind: 'status',
      status: 403,
      message: "This order can't be paid with 'creditCard'",
      times: 1,
    });
    await send(panel, { type: 'payAll' }, [PAY]);
    assert.deepEqual(statuses(panel.state), ['delivered', 'payFailed', 'delivered']);
    const book = await ledger();
    assert.equal(book.orders.length, 3);
    assert.equal(book.payments.length, 2);
  });

  test('cancel at each confirmation: nothing created', async () => {
    const panel = await open(alone.slice(0, 3));
    await send(panel, { type: 'previewAll' });
    await send(panel, { type: 'placeOrders' }, [CANCEL]);
    assert.equal((await ledger()).orders.length, 0);
    assert.equal(panel.state.phase, 'previewed');
    await send(panel, { type: 'placeOrders' }, [PLACE]);
    await send(panel, { type: 'payAll' }, [CANCEL]);
    assert.equal((await ledger()).payments.length, 0);
    assert.equal(panel.state.phase, 'ordered');
  });

  test('a reloaded window shows the same result table: rebuilt from the journal and the batch record', async () => {
    const ids = alone.slice(0, 3);
    const panel = await open(ids);
    await send(panel, { type: 'previewAll' });
    await admin('POST', 'faults', { method: 'POST', path: `/service/${ids[1]}/renew`, times: 1, kind: 'status', status: 400 });
    await send(panel, { type: 'placeOrders' }, [PLACE]);
    await send(panel, { type: 'payLater' });
    const before = statuses(panel.state);
    assert.deepEqual(before, ['ordered', 'refused', 'ordered']);
    const batchId = panel.key;
    panel.dispose();
    // What the serializer does after a reload: a new webview for the saved batch.
    const webview = vscode.window.createWebviewPanel('ovhcloud.batchPanel', 'batch', vscode.ViewColumn.Active, { enableScripts: true });
    const again = testing.batchPanels.adopt(webview, { accountId: account.id, batchId }, ids, []);
    await again.started;
    assert.deepEqual(statuses(again.state), before);
    assert.deepEqual(
      again.state.rows.map((row) => row.orderId),
      panel.state.rows.map((row) => row.orderId),
    );
    await send(again, { type: 'payAll' }, [PAY]);
    assert.deepEqual(statuses(again.state), ['delivered', 'refused', 'delivered']);
    assert.equal((await ledger()).orders.length, 2);
  });

  test('the palette command asks which services, then offers them all checked, soonest first', async () => {
    // The sandbox was reset after earlier renewals: the view lists it afresh, as after Refresh.
    await testing.services.model.refresh(account.id, { fresh: true });
    const prompter = new ScriptedPrompter([{ pick: 'Expiring within 7 days' }, { pickChecked: true }]);
    testing.setPrompter(prompter);
    let keys: string[];
    try {
      keys = await vscode.commands.executeCommand<string[]>('ovhcloud.renewExpiring');
    } finally {
      testing.setPrompter(undefined);
    }
    assert.equal(prompter.remaining, 0);
    // Each row: the product type (a domain and its hosting share a name) and the tree's own words for the expiry.
    const offered = prompter.shownItems[1] ?? [];
    assert.ok(offered.length > 0);
    for (const item of offered) {
      const serviceId = (item as unknown as { serviceId: number }).serviceId;
      const node = testing.services.provider.findService(account.id, serviceId);
      assert.ok(node, `service ${serviceId} in the tree`);
      const treeItem = testing.services.provider.getTreeItem(node);
      const treeLabel = typeof treeItem.label === 'string' ? treeItem.label : treeItem.label?.label;
      assert.equal(item.label, treeLabel, "the tree's name");
      assert.match(String(item.description), /^(Domain|Web hosting|VPS|Dedicated server|Option|Email|DNS zone|Other service) · /);
      assert.equal(
        String(item.description).replace(/^[^·]+ · /, ''),
        String(treeItem.description).replace(/ · unpaid order$/, ''),
        `the tree's date for ${item.label}`,
      );
      assert.doesNotMatch(`${item.label} ${item.description}`, /xn--/);
    }
    assert.equal(keys.length, 1);
    const panel = testing.batchPanels.get(keys[0] as string);
    assert.ok(panel);
    await panel.started;
    const api = await testing.accounts.api(account.id);
    const { services } = await api!.listServices();
    const soon = services.filter(
      (service) => service.lifecycleState !== 'terminated' && service.expirationDate && Date.parse(service.expirationDate) - Date.now() <= 7 * 86_400_000,
    );
    assert.ok(soon.length > 0);
    assert.deepEqual(panel.state.rows.map((row) => Number(row.key)).sort(), soon.map((service) => service.serviceId).sort());
    const expiries = panel.state.rows.map((row) => Date.parse(services.find((service) => service.serviceId === Number(row.key))?.expirationDate ?? ''));
    assert.deepEqual(
      expiries,
      [...expiries].sort((a, b) => a - b),
    );
    assert.equal((await ledger()).orders.length, 0);
  });

  test('IDN domains keep the names people know: strategy choices and both batch dialogs show Unicode, never xn--', async () => {
    const api = await testing.accounts.api(account.id);
    const { services } = await api!.listServices();
    const idn = services.filter((service) => service.type === 'domain' && service.name.includes('xn--') && alone.includes(service.serviceId));
    assert.ok(idn.length >= 2, `the sandbox account has ${idn.length} IDN domains renewable alone`);
    const plain = alone.find((id) => !idn.some((service) => service.serviceId === id)) as number;
    const panel = await open([...idn.map((service) => service.serviceId), plain]);
    const labels = panel.state.rows.flatMap((row) => [row.name, ...row.options.map((option) => option.label)]);
    for (const service of idn)
      assert.ok(
        labels.some((label) => label.includes(service.displayName)),
        `${service.displayName} among ${labels.join(' | ')}`,
      );
    assert.doesNotMatch(labels.join('\n'), /xn--/);
    await send(panel, { type: 'previewAll' });
    const placing = await send(panel, { type: 'placeOrders' }, [PLACE]);
    const paying = await send(panel, { type: 'payAll' }, [PAY]);
    assert.deepEqual(new Set(statuses(panel.state)), new Set(['delivered']));
    const dialogs = [...placing.asked, ...placing.details, ...paying.asked, ...paying.details].join('\n');
    for (const service of idn) assert.ok(dialogs.includes(service.displayName), `${service.displayName} in the dialogs:\n${dialogs}`);
    assert.doesNotMatch(dialogs, /xn--/);
    assert.doesNotMatch(JSON.stringify(panel.posted), /xn--/);
  });

  test('webview fuzzing of the batch protocol: 0 API calls, nothing asked', async () => {
    const panel = await open(alone.slice(0, 3));
    const types = [
      'ready',
      'setIncluded',
      'choose',
      'previewAll',
      'placeOrders',
      'checkAgain',
      'stopBatch',
      'selectPayment',
      'payAll',
      'payLater',
      'retryRow',
      'openLink',
      'openPanel',
      'eval',
      '',
    ];
    const nearMiss = fc.record(
      {
        type: fc.constantFrom(...types),
        row: fc.oneof(fc.integer(), fc.constant(null), fc.string({ minLength: 201, maxLength: 300 }), fc.array(fc.string())),
        value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        option: fc.oneof(fc.integer(), fc.object()),
        optionId: fc.oneof(fc.integer(), fc.object()),
        extra: fc.string(),
      },
      { requiredKeys: ['type', 'extra'] },
    );
    const junk = fc.anything({ maxDepth: 3, withBigInt: false, withMap: true, withSet: true, withDate: true });
    const messages = fc.sample(fc.oneof(nearMiss, junk), { numRuns: 500, seed: 20261201 });
    assert.equal(messages.filter((message) => BatchMessageSchema.safeParse(message).success).length, 0);
    const before = JSON.stringify(panel.state);
    await admin('DELETE', 'requests');
    const prompter = new ScriptedPrompter([]);
    testing.setPrompter(prompter);
    try {
      for (const message of messages) await panel.receive(message);
    } finally {
      testing.setPrompter(undefined);
    }
    assert.deepEqual((await admin<{ requests: unknown[] }>('GET', 'requests')).requests, [], 'no API call');
    assert.deepEqual(prompter.asked, []);
    assert.equal(JSON.stringify(panel.state), before);
  });
});
