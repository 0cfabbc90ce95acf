import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import type { MessageNode, ServicesNode } from '../../src/views/treeNodes';
import { admin } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { acceptQuickPickUntil } from './support/wait';
import { findRaw, iconOf, labelOf, loadTree, serviceRows, setSetting, until } from './support/servicesTree';

const messageOf = (node: ServicesNode | undefined): MessageNode => {
  assert.ok(node?.kind === 'message', `a message node, got ${node?.kind}`);
  return node;
};

suite('Services tree: partial data, empty state, context menu, quick pick, auto-refresh (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: false });
  const { informed, opened } = s;
  let view: ServicesView;
  let account: AccountMeta;
  let raw: ServiceSummary[];
  setup(() => {
    ({ view, account, raw } = s);
  });

  test('schema drift: unreadable services become one warning node, the others are shown', async () => {
    await admin('POST', 'faults', { path: '/services', kind: 'schemaViolation', times: 1 });
    const root = await loadTree(view);
    const warning = messageOf(root[0]);
    assert.equal(warning.message, 'unreadable');
    assert.equal(labelOf(view.provider.getTreeItem(warning)), '1 service could not be read');
    assert.deepEqual(iconOf(view.provider.getTreeItem(warning)), { id: 'warning', color: 'list.warningForeground' });
    assert.equal(serviceRows(view).length, 39);
  });

  test('an account without services leaves the root empty for the viewsWelcome', async () => {
    await admin('POST', 'faults', { path: '/services', kind: 'status', status: 200, body: [], times: 1 });
    assert.deepEqual(await loadTree(view), []);
    assert.equal(view.provider.rootState, 'empty');
    assert.equal(view.view.badge, undefined);
    const welcome = (vscode.extensions.getExtension('renewalsdev.ovhcloud-renewals')?.packageJSON as { contributes: { viewsWelcome: Array<{ when: string }> } })
      .contributes.viewsWelcome;
    assert.ok(welcome.some((entry) => entry.when.includes('ovhcloud.services.state == empty')));
  });

  test('context menu commands: copy name and id, Control Panel; menu tokens match the nodes', async () => {
    await loadTree(view);
    const vps = findRaw(raw, 'Entwicklung München');
    const node = view.provider.findService(account.id, vps.serviceId);
    assert.ok(node);
    await vscode.commands.executeCommand('ovhcloud.services.copyName', node);
    assert.equal(await vscode.env.clipboard.readText(), 'vps-9af9ed02.vps.ovh.net');
    await vscode.commands.executeCommand('ovhcloud.services.copyId', { accountId: account.id, serviceId: vps.serviceId });
    assert.equal(await vscode.env.clipboard.readText(), String(vps.serviceId));

    // A custom API URL (the sandbox) has no Control Panel: the entry is hidden, and a direct call explains.
    assert.doesNotMatch(String(view.provider.getTreeItem(node).contextValue), /controlPanel/);
    assert.equal(await vscode.commands.executeCommand('ovhcloud.services.openInControlPanel', node), false);
    assert.deepEqual(opened, []);
    assert.match(informed[0] ?? '', /No OVHcloud Control Panel is known for the API URL of/);

    const manifest = vscode.extensions.getExtension('renewalsdev.ovhcloud-renewals')?.packageJSON as {
      contributes: { menus: Record<string, Array<{ command?: string; when?: string; group?: string }>> };
    };
    const itemMenu = manifest.contributes.menus['view/item/context'];
    const contextValues = [
      ...new Set(
        view.provider
          .getChildren()
          .flatMap((group) => [group, ...view.provider.getChildren(group)])
          .map((entry) => String(view.provider.getTreeItem(entry).contextValue)),
      ),
    ];
    // Control Panel and retry nodes need other states; unpaidOrder is checked by the renew panel suite.
    const conditional = ['ovhcloud.services.openInControlPanel', 'ovhcloud.payUnpaidOrder', 'ovhcloud.forgetOrder'];
    for (const entry of itemMenu.filter((menu) => !conditional.includes(menu.command ?? '') && !/retry/.test(menu.when ?? ''))) {
      const regex = /viewItem =~ \/([^/]+)\//.exec(entry.when ?? '')?.[1];
      assert.ok(regex, `${entry.command} is matched by a viewItem regex`);
      assert.ok(
        contextValues.some((value) => new RegExp(regex).test(value)),
        `${entry.command} (${regex}) appears on some node of ${contextValues.join(' | ')}`,
      );
    }
    assert.ok(itemMenu.some((menu) => menu.command === 'ovhcloud.compareRenewStrategies' && menu.group === 'inline@1'));
    const hidden = manifest.contributes.menus.commandPalette.filter((menu) => menu.when === 'false').map((menu) => menu.command);
    assert.deepEqual(hidden.sort(), [
      'ovhcloud.payUnpaidOrder',
      'ovhcloud.renewSelected',
      'ovhcloud.services.copyId',
      'ovhcloud.services.copyName',
      'ovhcloud.services.openInControlPanel',
      'ovhcloud.services.retry',
    ]);
  });

  test('the service quick pick offers renewable services, soonest expiry first', async () => {
    await loadTree(view);
    const picking = view.pickService();
    let picked: Awaited<typeof picking> | 'pending' = 'pending';
    void picking.then((value) => (picked = value));
    await acceptQuickPickUntil('the picked service', () => picked !== 'pending');
    const ids = new Set(raw.map((service) => service.serviceId));
    const soonest = raw
      .filter((service) => service.lifecycleState !== 'terminated' && !(service.parentServiceId !== undefined && ids.has(service.parentServiceId)))
      .sort((a, b) => Date.parse(a.expirationDate ?? '') - Date.parse(b.expirationDate ?? ''))[0];
    assert.deepEqual(picked, { accountId: account.id, serviceId: soonest.serviceId });
  });

  test('auto-refresh follows its setting, never more often than every 5 minutes', async () => {
    assert.equal(view.autoRefreshMinutes(), 0, 'off by default');
    await setSetting('autoRefreshMinutes', 1);
    await until('the timer is scheduled', () => view.autoRefreshMinutes() === 5);
    await setSetting('autoRefreshMinutes', 60);
    await until('the timer follows', () => view.autoRefreshMinutes() === 60);
    await setSetting('autoRefreshMinutes', 0);
    await until('the timer stops', () => view.autoRefreshMinutes() === 0);
  });
});
