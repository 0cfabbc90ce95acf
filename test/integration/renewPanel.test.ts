import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import { serviceKey } from '../../src/protocol/serviceRef';
import { addDuration, parseDuration } from '../../src/renewal';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel, PanelDriver, renewableService } from './support/renew';
import { admin } from './support/sandbox';
import { labelOf, tooltipText, until } from './support/servicesTree';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { renewSuite } from './support/renewSuite';

const PLACE = 'Place Order';
const PAY = 'Pay';

suite('Renew panel (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let account: AccountMeta;
  let domainId: number;
  let vpsId: number;

  const renew = renewSuite({ orderStepMs: 40 });
  suiteSetup(async () => {
    ({ testing, account } = renew);
    domainId = await renewableService(testing, account, true);
    vpsId = await renewableService(testing, account, false);
  });

  test('compare → preview → order → pay → delivered: one order, one payment, expiry moved', async () => {
    const api = await testing.accounts.api(account.id);
    const before = await api!.getService(domainId);
    const driver = await openPanel(testing, account.id, domainId);
    const state = driver.state;
    assert.equal(state.phase, 'ready');
    assert.ok(state.rows.length >= 2);
    const lowest = Math.min(...state.rows.map((row) => row.perMonthUcents));
    const atLowest = state.rows.filter((row) => row.perMonthUcents === lowest);
    assert.deepEqual(
      state.rows.filter((row) => row.cheapestPerMonth).map((row) => row.key),
      atLowest.length === 1 ? [atLowest[0].key] : [],
      'only a strict cheapest per month is marked',
    );
    const bundle = state.rows.find((row) => row.renewsMore);
    assert.ok(bundle, 'a bundle strategy is labelled as renewing more');
    assert.ok(bundle.services.length > 1);

    const previewed = await driver.previewRow(bundle.key);
    assert.ok(previewed.preview?.withTaxText && previewed.preview.taxText && previewed.preview.withoutTaxText);
    assert.equal((await ledger()).orders.length, 0, 'the preview is a dry run');

    const ordering = await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    assert.match(ordering.asked[0], /^confirm: Order the renewal of .+ for .+\?$/);
    const ordered = await driver.until('the order and its payment options', (s) => s.order !== undefined && s.payment !== undefined && s.busy === undefined);
    assert.equal((await ledger()).orders.length, 1);
    assert.ok(ordered.payment?.selectedId !== undefined, 'the default payment method is preselected');
    const defaultOption = ordered.payment.options.find((option) => option.id === ordered.payment?.selectedId);
    assert.equal(defaultOption?.isDefault, true);
    assert.ok(
      ordered.payment.options.some((option) => !option.selectable),
      'an expired method is shown but not selectable',
    );

    const paying = await driver.send({ type: 'pay' }, [{ confirm: PAY }]);
    assert.match(paying.asked[0], /^confirm: Pay the renewal of .+ for .+\?$/);
    const delivered = await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    assert.ok(delivered.order?.newExpiryText);

    const final = await ledger();
    assert.equal(final.orders.length, 1);
    assert.equal(final.payments.length, 1);
    assert.equal(final.payments[0].orderId, final.orders[0].orderId);
    const after = await api!.getService(domainId);
    // Compare calendar dates as OVH writes them (with their own offset).
    const calendar = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    const expected = addDuration(calendar(before.expirationDate!), parseDuration(final.orders[0].duration)!);
    assert.equal(after.expirationDate?.slice(0, 10), expected.toISOString().slice(0, 10), `expiry moved by ${final.orders[0].duration}`);
    assert.equal(testing.orderJournal.all().length, 0, 'nothing is left to pay');
  });

  test('cancelling either confirmation creates nothing', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: undefined }]);
    const idle = await driver.until('idle', (s) => s.busy === undefined);
    assert.equal(idle.order, undefined);
    assert.equal((await ledger()).orders.length, 0);

    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
    await driver.send({ type: 'pay' }, [{ confirm: undefined }]);
    assert.equal((await ledger()).payments.length, 0);
    const unpaid = driver.state;
    assert.equal(unpaid.order?.paid, false);
  });

  test('pay later: an unpaid order is offered again instead of a new one', async () => {
    let driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    const first = await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
    driver.panel.dispose();

    driver = await openPanel(testing, account.id, vpsId);
    await driver.until('the unpaid order', (s) => s.payment !== undefined && s.busy === undefined);
    assert.equal(driver.state.order?.orderId, first.order?.orderId);
    // Even a webview that tries to order again gets nothing new.
    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    await driver.send({ type: 'pay' }, [{ confirm: PAY }]);
    await driver.until('delivery', (s) => s.order?.delivered === true);
    const final = await ledger();
    assert.equal(final.orders.length, 1);
    assert.deepEqual(
      final.payments.map((p) => p.orderId),
      [first.order?.orderId],
    );
  });

  test('20 rapid "Place order" messages make exactly one order', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    const answers = Array.from({ length: 20 }, () => ({ confirm: PLACE }));
    const { ScriptedPrompter } = await import('./support/scriptedPrompter');
    const prompter = new ScriptedPrompter(answers);
    testing.setPrompter(prompter);
    try {
      await Promise.all(Array.from({ length: 20 }, () => driver.panel.receive({ type: 'placeOrder' })));
    } finally {
      testing.setPrompter(undefined);
    }
    await driver.until('the order', (s) => s.order !== undefined && s.busy === undefined);
    assert.equal((await ledger()).orders.length, 1);
    assert.equal(prompter.asked.length, 1, 'one confirmation, not twenty');
  });

  test("the tree's context menu opens the panel of that service, without asking which", async () => {
    await testing.services.model.refresh(account.id);
    const node = testing.services.provider.findService(account.id, vpsId);
    assert.ok(node, 'the service is in the tree');
    // VS Code passes the tree node itself to a view/item/context command.
    testing.setPrompter(new ScriptedPrompter([]));
    try {
      const key = await vscode.commands.executeCommand('ovhcloud.compareRenewStrategies', node);
      assert.equal(key, serviceKey({ accountId: account.id, serviceId: vpsId }));
    } finally {
      testing.setPrompter(undefined);
    }
  });

  test('an unpaid order is marked on the service in the tree, and "Pay" from there resumes it', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    const ordered = await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
    driver.panel.dispose();
    await testing.services.model.refresh(account.id);
    const node = testing.services.provider.findService(account.id, vpsId);
    assert.ok(node);
    const item = testing.services.provider.getTreeItem(node);
    assert.match(String(item.contextValue), /\bunpaidOrder\b/);
    assert.match(String(item.description), /unpaid order/);
    const key = await vscode.commands.executeCommand('ovhcloud.payUnpaidOrder', node);
    const panel = testing.renewPanels.get(account.id, vpsId);
    assert.equal(key, panel?.key);
    const again = new PanelDriver(panel!, testing);
    await again.send({ type: 'ready' });
    await again.until('the unpaid order', (s) => s.order?.orderId === ordered.order?.orderId && s.payment !== undefined && s.busy === undefined);
    assert.equal((await ledger()).orders.length, 1);
  });

  test('an order another window ends (its journal file changed outside this host) clears the tree mark without a refresh', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
    driver.panel.dispose();
    await testing.services.model.refresh(account.id);
    const marked = (): boolean => {
      const node = testing.services.provider.findService(account.id, vpsId);
      return node !== undefined && /\bunpaidOrder\b/.test(String(testing.services.provider.getTreeItem(node).contextValue));
    };
    assert.ok(marked(), 'the tree marks the unpaid order');
    // Another window paid it and ended its entry: only the shared folder changes, no event of this window.
    const entry = testing.orderJournal.forService(account.id, vpsId);
    assert.ok(entry);
    const files = fs.readdirSync(testing.journalFolder).filter((name) => name.endsWith('.json') && name.includes(encodeURIComponent(entry.id)));
    assert.equal(files.length, 1);
    // VS Code shows a tree item until the provider says the tree changed: wait for that, then read the item.
    let changed = 0;
    const listening = testing.services.provider.onDidChangeTreeData(() => changed++);
    try {
      fs.rmSync(path.join(testing.journalFolder, files[0] as string));
      await until('the tree told VS Code to read it again', () => changed > 0);
    } finally {
      listening.dispose();
    }
    assert.equal(marked(), false);
  });

  test('IDN domains keep the names people know: the tree, the single panel and its order and payment dialogs show Unicode, never xn--', async () => {
    const api = await testing.accounts.api(account.id);
    const { services } = await api!.listServices();
    const idn = services.filter((service) => service.type === 'domain' && service.name.includes('xn--') && service.lifecycleState !== 'terminated');
    assert.ok(idn.length >= 2, `the sandbox account has ${idn.length} IDN domains`);
    await testing.services.model.refresh(account.id);
    for (const service of idn) {
      assert.doesNotMatch(service.displayName, /xn--/, `${service.name} is listed by the name people know`);
      const node = testing.services.provider.findService(account.id, service.serviceId);
      assert.ok(node, `${service.displayName} in the tree`);
      const item = testing.services.provider.getTreeItem(node);
      // The tooltip's "Service name" row is the identifier shown on purpose (what OVH's API and Control Panel search for), under the Unicode title.
      const tooltip = tooltipText(item);
      assert.ok(tooltip.startsWith(`**${service.displayName}**`), `tooltip title: ${tooltip}`);
      assert.match(tooltip, new RegExp(`^Service name: \`${service.name.replace(/\./g, '\\.')}\``, 'm'));
      const shown = [
        labelOf(item),
        String(item.description ?? ''),
        tooltip.replace(/^Service name: .*$/m, ''),
        item.accessibilityInformation?.label ?? '',
      ].join('\n');
      assert.ok(labelOf(item).startsWith(service.displayName), `tree label: ${labelOf(item)}`);
      assert.doesNotMatch(shown, /xn--/, `the tree shows ${service.displayName}:\n${shown}`);
    }
    // The single panel of an IDN domain that OVH renews: its choices, both dialogs and every message to the webview.
    let chosen: (typeof idn)[number] | undefined;
    for (const service of idn) {
      const descriptions = await api!.listRenewDescriptions(service.serviceId, false).catch(() => []);
      if (descriptions.some((description) => description.strategies.length > 0)) {
        chosen = service;
        break;
      }
    }
    assert.ok(chosen, 'an IDN domain OVH renews');
    const driver = await openPanel(testing, account.id, chosen.serviceId);
    assert.equal(driver.state.phase, 'ready');
    await driver.previewRow(driver.state.rows[0].key);
    const ordering = await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    await driver.until('the order and its payment options', (s) => s.payment !== undefined && s.busy === undefined);
    const paying = await driver.send({ type: 'pay' }, [{ confirm: PAY }]);
    await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
    const dialogs = [...ordering.asked, ...ordering.details, ...paying.asked, ...paying.details].join('\n');
    assert.ok(dialogs.includes(chosen.displayName), `${chosen.displayName} in the dialogs:\n${dialogs}`);
    assert.doesNotMatch(dialogs, /xn--/);
    const posted = JSON.stringify(driver.panel.posted);
    assert.ok(posted.includes(chosen.displayName), 'the panel names the service');
    assert.doesNotMatch(posted, /xn--/);
    assert.equal((await ledger()).orders.length, 1);
  });

  test('a second panel for the same service is the same panel', async () => {
    const first = testing.renewPanels.show({ accountId: account.id, serviceId: vpsId });
    const key = await vscode.commands.executeCommand('ovhcloud.compareRenewStrategies', { accountId: account.id, serviceId: vpsId });
    assert.equal(key, first.key);
    assert.equal(testing.renewPanels.get(account.id, vpsId), first);
  });

  test('malformed or unknown messages: no API call, no crash, the panel still works', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await admin('DELETE', 'requests');
    const junk: unknown[] = [
      null,
      42,
      'placeOrder',
      { type: 'placeOrder', extra: 1 },
      { type: 'pay', orderId: 1 },
      { type: 'select', key: 7 },
      { type: 'openLink', which: 'file:///etc/passwd' },
      { type: 'executeCommand', command: 'workbench.action.quit' },
      { __proto__: { type: 'pay' } },
      JSON.parse('{"type":"preview","__proto__":{"polluted":true}}'),
      { type: 'select', key: 'x'.repeat(100_000) },
    ];
    for (const message of junk) await driver.send(message);
    const requests = await admin<{ requests: unknown[] }>('GET', 'requests');
    assert.deepEqual(requests.requests, [], 'no API call was made');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await driver.previewRow(driver.state.rows[0].key);
    assert.ok(driver.state.preview);
  });

  for (const [name, spec] of [
    ['500 on the dry run', { method: 'POST', path: '/service/*/renew', kind: 'status', status: 500, times: 1 }],
    ['409 on the dry run', { method: 'POST', path: '/service/*/renew', kind: 'status', status: 409, times: 1 }],
    ['a reset on listing strategies', { method: 'GET', path: '/service/*/renew', kind: 'reset' }],
    ['malformed JSON on listing strategies', { method: 'GET', path: '/service/*/renew', kind: 'malformedJson' }],
  ] as const) {
    test(`${name}: the panel shows the typed error, then recovers`, async () => {
      const driver = await openPanel(testing, account.id, vpsId);
      const key = driver.state.rows[0].key;
      await admin('POST', 'faults', spec);
      if (spec.method === 'GET') {
        await driver.send({ type: 'retry' });
      } else {
        await driver.send({ type: 'select', key });
        await driver.send({ type: 'preview' });
      }
      const failed = await driver.until('the error', (s) => s.error !== undefined && s.busy === undefined);
      assert.ok(failed.error!.explanation.length > 10 && failed.error!.nextStep.length > 5);
      await admin('DELETE', 'faults');
      await driver.send({ type: 'retry' });
      await driver.until('recovery', (s) => s.phase === 'ready' && s.error === undefined && s.busy === undefined);
      assert.equal((await ledger()).orders.length, 0);
    });
  }

  test('a lost answer to "place order" finds the order instead of ordering again', async () => {
    const driver = await openPanel(testing, account.id, vpsId);
    await driver.previewRow(driver.state.rows[0].key);
    // OVH creates the order but the connection drops before the answer arrives.
    await admin('DELETE', 'requests');
    await admin('POST', 'faults', { method: 'POST', path: '/service/*/renew', kind: 'reset', times: 1, after: true });
    await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
    const state = await driver.until('the outcome', (s) => s.busy === undefined && (s.order !== undefined || s.error !== undefined));
    const { orders } = await ledger();
    assert.equal(orders.length, 1, 'OVH created one order, and no second was sent');
    assert.equal(state.order?.orderId, orders[0].orderId, 'the created order was found and adopted');
    assert.match(state.notice ?? '', /created the order despite the error/);
    const posts = await admin<{ counts: Record<string, number> }>('GET', 'requests');
    assert.equal(posts.counts['POST /service/{serviceId}/renew'], 1, 'one order request, no retry');
  });

  test('the HTML has a strict CSP and a fresh nonce on every render', async () => {
    const a = testing.renewPanels.show({ accountId: account.id, serviceId: vpsId });
    const html1 = a.panel.webview.html;
    a.dispose();
    const b = testing.renewPanels.show({ accountId: account.id, serviceId: vpsId });
    const html2 = b.panel.webview.html;
    for (const html of [html1, html2]) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-/);
      assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
      for (const script of html.match(/<script[^>]*>/g) ?? []) assert.match(script, /nonce="[^"]+"/);
      assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script body');
    }
    const nonce = (html: string): string => /nonce-([^']+)'/.exec(html)?.[1] ?? '';
    assert.notEqual(nonce(html1), nonce(html2));
  });
});
