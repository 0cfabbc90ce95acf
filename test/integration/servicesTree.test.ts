import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestingApi } from '../../src/testing';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import { servicesSuite } from './support/servicesSuite';
import { expectedColor, findRaw, iconOf, labelOf, loadTree, serviceRows, tooltipText, until } from './support/servicesTree';

const DAY = 86_400_000;

suite('Services tree: labels, colours, options, grouping, sorting, filters (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: true });
  let testing: TestingApi;
  let view: ServicesView;
  let account: AccountMeta;
  let raw: ServiceSummary[];
  let now: Date;
  setup(() => {
    ({ testing, view, account, raw, now } = s);
  });

  test('labels, descriptions and urgency colours of every service; options under their parent', async () => {
    const root = await loadTree(view);
    assert.deepEqual(
      root.map((node) => labelOf(view.provider.getTreeItem(node))),
      ['Domains', 'Web hosting', 'VPS', 'Dedicated servers'],
    );
    for (const node of root) {
      const group = view.provider.getTreeItem(node);
      // "Domains, 18 services", not "Domains 18", for screen readers.
      const count = Number(group.description);
      assert.equal(group.accessibilityInformation?.label, `${labelOf(group)}, ${count} ${count === 1 ? 'service' : 'services'}`);
    }
    const rows = serviceRows(view);
    assert.equal(rows.length, raw.length, 'every service of the account, options included');
    // The label may be shortened to keep the expiry in view; screen readers hear the full name.
    assert.deepEqual(rows.map((row) => row.node.facts.service.displayName).sort(), raw.map((service) => service.displayName).sort());
    for (const row of rows) {
      const label = labelOf(row.item);
      const full = row.node.facts.service.displayName;
      assert.ok(label === full || label.includes('…') || full.startsWith(`${label} (`), `"${label}" is "${full}", shortened or without its parent's name`);
      assert.ok(row.item.accessibilityInformation?.label.startsWith(`${full}, `), `screen readers hear "${full}"`);
    }

    for (const row of rows) {
      const service = raw.find((entry) => entry.serviceId === row.node.facts.service.serviceId);
      assert.ok(service);
      assert.equal(row.item.id, `${account.id}:service:${service.serviceId}`, 'ids come from account + serviceId');
      assert.equal(iconOf(row.item).color, expectedColor(service, now, 30), `colour of ${service.displayName}`);
      assert.ok(typeof row.item.description === 'string' && row.item.description.length > 0);
    }

    const item = (name: string, type?: ServiceSummary['type']) => {
      const service = findRaw(raw, name, type);
      const row = rows.find((entry) => entry.node.facts.service.serviceId === service.serviceId);
      assert.ok(row, name);
      return row;
    };
    const pixel = item('pixel.net', 'domain');
    assert.equal(pixel.item.description, 'in 3 days');
    assert.equal(pixel.item.accessibilityInformation?.label, 'pixel.net, in 3 days, manual, expires within 7 days');
    assert.deepEqual(iconOf(pixel.item), { id: 'globe', color: 'ovhcloud.urgency.critical' });

    const expired = item('orbit-garden.fr');
    assert.match(String(expired.item.description), /^expired \d+ days ago$/);
    assert.deepEqual(iconOf(expired.item), { id: 'globe', color: 'list.errorForeground' });

    const ending = item('ns3358336.ip-115-231-30.eu');
    assert.match(String(ending.item.description), /^ends in \d+ days$/);
    assert.deepEqual(iconOf(ending.item), { id: 'server', color: 'ovhcloud.urgency.warning' });
    assert.match(tooltipText(ending.item), /\$\(warning\) Will be terminated at expiry$/);

    const later = item('atelier.eu');
    assert.match(String(later.item.description), /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/, 'a date, not "in N days", when not soon');
    assert.deepEqual(iconOf(later.item), { id: 'globe', color: 'ovhcloud.urgency.ok' });

    const gone = item('cloud.org');
    assert.equal(gone.item.description, 'terminated');
    assert.equal(gone.item.accessibilityInformation?.label, 'cloud.org, terminated', 'each fact once');
    assert.equal(iconOf(gone.item).color, 'disabledForeground');

    const tooltip = tooltipText(pixel.item);
    const service = pixel.node.facts.service;
    for (const expected of [
      `**pixel.net**`,
      'Product: Domain',
      'Service name: `pixel.net`',
      `Service ID: \`${service.serviceId}\``,
      'Created: ',
      'Renewal: manual',
      'State: active',
    ]) {
      assert.ok(tooltip.includes(expected), `tooltip has "${expected}": ${tooltip}`);
    }
    assert.match(tooltip, /Expires: [A-Z][a-z]{2} \d{1,2}, \d{4} \(in 3 days\) · expires within 7 days/);
    assert.doesNotMatch(tooltip, /terminated/);

    const vps = item('Entwicklung München');
    assert.equal(vps.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const options = view.provider.getChildren(vps.node);
    assert.deepEqual(
      options.map((node) => labelOf(view.provider.getTreeItem(node))).sort(),
      ['Automated Backup', 'Snapshot'],
      "options under their parent, without repeating the parent's name",
    );
    for (const option of options) assert.equal(view.provider.getParent(option), vps.node, 'getParent of an option is its service');
    assert.equal(view.provider.getParent(vps.node)?.kind, 'group');
    assert.match(String(vps.item.contextValue), /renewable/);
    assert.doesNotMatch(String(view.provider.getTreeItem(options[0]).contextValue), /renewable/, 'options renew with their parent');
  });

  test('ids survive a refresh; reveal selects a nested option', async () => {
    await loadTree(view);
    const option = findRaw(raw, 'Snapshot (Entwicklung München)');
    const before = view.provider.findService(account.id, option.serviceId);
    await vscode.commands.executeCommand('ovhcloud.services.refresh');
    await view.model.whenIdle();
    const after = view.provider.findService(account.id, option.serviceId);
    assert.ok(before && after && before !== after, 'new node objects after the refresh');
    assert.equal(view.provider.getTreeItem(after).id, view.provider.getTreeItem(before).id);

    await vscode.commands.executeCommand('ovhcloud.services.focus');
    assert.equal(await view.reveal({ accountId: account.id, serviceId: option.serviceId }), true);
    await until('the option is selected', () => view.view.selection[0]?.id === `${account.id}:service:${option.serviceId}`);
  });

  test('group by expiry and flat, sort by expiry and by name: through the commands, remembered', async () => {
    await loadTree(view);
    await vscode.commands.executeCommand('ovhcloud.services.groupByExpiry');
    const groups = view.provider.getChildren();
    assert.deepEqual(
      groups.map((node) => labelOf(view.provider.getTreeItem(node))),
      ['Expired', 'Within 7 days', 'Within 30 days', 'Later', 'Terminated'],
    );
    const expiredNames = serviceRows(view, [groups[0]])
      .filter((row) => row.depth === 1)
      .map((row) => row.node.facts.service.displayName);
    const oracle = raw.filter(
      (service) =>
        service.lifecycleState !== 'terminated' && Date.parse(service.expirationDate ?? '') - now.getTime() <= 0 && service.parentServiceId === undefined,
    );
    assert.deepEqual(expiredNames.sort(), oracle.map((service) => service.displayName).sort());
    assert.deepEqual(testing.globalState.get('ovhcloud.services.arrangement'), { groupBy: 'expiry', sortBy: 'expiry' });

    await vscode.commands.executeCommand('ovhcloud.services.groupByNone');
    const flat = serviceRows(view).filter((row) => row.depth === 0);
    const live = flat
      .filter((row) => row.node.facts.service.lifecycleState !== 'terminated')
      .map((row) => Date.parse(row.node.facts.service.expirationDate ?? ''));
    assert.deepEqual(
      live,
      [...live].sort((a, b) => a - b),
      'soonest first',
    );
    assert.equal(flat[flat.length - 1].node.facts.service.lifecycleState, 'terminated', 'terminated services last');

    await vscode.commands.executeCommand('ovhcloud.services.sortByName');
    const byName = serviceRows(view)
      .filter((row) => row.depth === 0)
      .map((row) => row.node.facts.service.displayName);
    assert.deepEqual(byName, [...byName].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare));
    assert.notDeepEqual(
      byName,
      flat.map((row) => row.node.facts.service.displayName),
    );
    assert.deepEqual(testing.globalState.get('ovhcloud.services.arrangement'), { groupBy: 'none', sortBy: 'name' });
  });

  test('filters: text, quick toggles, view description, no-match state', async () => {
    await loadTree(view);
    const shown = (): string[] =>
      serviceRows(view)
        .map((row) => row.node.facts.service.displayName)
        .sort();
    const filter = (value: object) => vscode.commands.executeCommand('ovhcloud.services.filter', value);

    await filter({ text: 'pixel' });
    assert.deepEqual(shown(), ['MX Plan email', 'pixel.net', 'pixel.net']);
    assert.equal(view.view.description, 'Filter: "pixel"');
    assert.equal(view.view.message, 'Filter: "pixel"', 'also above the tree, visible when the view header is folded away');

    await filter({ within: 7 });
    const soon = raw.filter(
      (service) =>
        service.lifecycleState !== 'terminated' &&
        (Date.parse(service.expirationDate ?? '') - now.getTime()) / DAY > 0 &&
        (Date.parse(service.expirationDate ?? '') - now.getTime()) / DAY <= 7,
    );
    assert.deepEqual(shown(), soon.map((service) => service.displayName).sort());
    assert.equal(view.view.description, 'Filter: within 7 days');

    await filter({ expired: true });
    assert.deepEqual(shown(), ['café-crème.fr', 'orbit-garden.fr']);

    await filter({ manualOnly: true });
    const manualIds = new Set(raw.filter((service) => service.renewMode === 'manual').map((service) => service.serviceId));
    const rows = serviceRows(view);
    assert.ok(rows.length > 0 && rows.every((row) => manualIds.has(row.node.facts.service.serviceId)), 'only manual services');
    assert.equal(rows.length, manualIds.size);

    await filter({ text: 'no-such-service' });
    assert.deepEqual(view.provider.getChildren(), [], 'an empty root lets viewsWelcome explain');
    assert.equal(view.provider.rootState, 'noMatch');

    await vscode.commands.executeCommand('ovhcloud.services.clearFilter');
    assert.equal(view.view.description, undefined);
    assert.equal(view.view.message, undefined);
    assert.equal(serviceRows(view).length, raw.length);
    assert.equal(view.provider.rootState, 'ready');
  });
});
