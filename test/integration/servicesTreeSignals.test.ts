import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestingApi } from '../../src/testing';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import { servicesSuite } from './support/servicesSuite';
import { acceptQuickPickUntil } from './support/wait';
import { expectedAttention, findRaw, iconOf, loadTree, serviceRows, setSetting, until } from './support/servicesTree';

const DAY = 86_400_000;

suite('Services tree: badge, status bar, daily notification (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: true });
  const { notifications } = s;
  let testing: TestingApi;
  let view: ServicesView;
  let account: AccountMeta;
  let raw: ServiceSummary[];
  let now: Date;
  setup(() => {
    ({ testing, view, account, raw, now } = s);
  });

  test('badge and status bar count what expires within the warning window, and follow the setting', async () => {
    await loadTree(view);
    const expected30 = expectedAttention(raw, now, 30).length;
    assert.ok(expected30 >= 5, `the sandbox has urgent services (${expected30})`);
    assert.equal(view.view.badge?.value, expected30);
    assert.match(view.view.badge?.tooltip ?? '', new RegExp(`^${expected30} OVHcloud services have expired or expire within 30 days`));
    assert.equal(view.signals.statusBarItem.text, `$(calendar) ${expected30}`);
    assert.equal(view.signals.statusBarVisible, true);

    await setSetting('expiryWarningDays', 7);
    const expected7 = expectedAttention(raw, now, 7).length;
    assert.ok(expected7 < expected30);
    await until('the badge follows the setting', () => view.view.badge?.value === expected7);
    const month = serviceRows(view).find((row) => row.node.facts.service.displayName === 'ns3358336.ip-115-231-30.eu');
    assert.equal(iconOf(month?.item ?? new vscode.TreeItem('')).color, 'ovhcloud.urgency.ok', 'outside the 7-day window now');

    await setSetting('showStatusBar', false);
    await until('the status bar item hides', () => !view.signals.statusBarVisible);
    assert.equal(view.view.badge?.value, expected7, 'the badge stays');

    view.setNow(new Date(now.getTime() - 400 * DAY));
    assert.equal(view.view.badge, undefined, 'nothing to renew: no badge');
  });

  test('the notification: once a day, lists what expires, "Show" reveals the first service', async () => {
    s.answer = 'Show';
    await loadTree(view);
    await until('the notification', () => notifications.length === 1);
    const expected = expectedAttention(raw, now, 30).length;
    assert.match(
      notifications[0].message,
      new RegExp(`^${expected} OVHcloud services have expired or expire within 30 days: orbit-garden\\.fr \\(expired \\d+ days ago\\)`),
    );
    assert.deepEqual(notifications[0].actions, ['Show', 'Renew…', "Don't Show Again"]);
    const first = findRaw(raw, 'orbit-garden.fr');
    await until('"Show" selects the first service', () => view.view.selection[0]?.id === `${account.id}:service:${first.serviceId}`);

    s.answer = undefined;
    await vscode.commands.executeCommand('ovhcloud.services.refresh');
    await view.model.whenIdle();
    await view.signals.whenSettled();
    assert.equal(notifications.length, 1, 'not twice the same day');

    view.setNow(new Date(now.getTime() + DAY));
    await vscode.commands.executeCommand('ovhcloud.services.retry', account.id);
    await until('the next day, again', () => notifications.length === 2);

    // "Renew…": a quick pick of just those services, then the renew panel of the one picked.
    s.answer = 'Renew…';
    view.setNow(new Date(now.getTime() + 2 * DAY));
    await vscode.commands.executeCommand('ovhcloud.services.retry', account.id);
    await until('the third notification', () => notifications.length === 3);
    const renewed = findRaw(raw, 'orbit-garden.fr');
    await acceptQuickPickUntil('the renew panel of the picked service', () => Boolean(testing.renewPanels.get(account.id, renewed.serviceId)));
    const panel = testing.renewPanels.get(account.id, renewed.serviceId);
    assert.ok(panel, 'the renew panel opened for the soonest service');
    panel.dispose();
    s.answer = undefined;

    await setSetting('expiryNotifications', false);
    await view.signals.resetDailyMemory();
    await vscode.commands.executeCommand('ovhcloud.services.retry', account.id);
    await view.model.whenIdle();
    await view.signals.whenSettled();
    assert.equal(notifications.length, 3, 'turned off');
  });

  test('"Don\'t Show Again" turns the setting off and says where to turn it back on', async () => {
    s.answer = "Don't Show Again";
    await loadTree(view);
    await until('the notification', () => notifications.length === 1);
    await until('the setting is off', () => vscode.workspace.getConfiguration('ovhcloud').inspect<boolean>('expiryNotifications')?.globalValue === false);
    await until('the user is told where to undo it', () => s.informed.length === 1);
    assert.equal(
      s.informed[0],
      'Expiry notifications are off. To turn them back on, check "Expiry Notifications" in the settings (ovhcloud.expiryNotifications).',
    );
    s.answer = undefined;
    view.setNow(new Date(now.getTime() + DAY));
    await vscode.commands.executeCommand('ovhcloud.services.retry', account.id);
    await view.model.whenIdle();
    await view.signals.whenSettled();
    assert.equal(notifications.length, 1, 'not the next day either');
  });
});
