import * as assert from 'node:assert/strict';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestingApi } from '../../src/testing';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import { openPanel } from './support/renew';
import { servicesSuite } from './support/servicesSuite';
import { expectedAttention, loadTree, until } from './support/servicesTree';

/** Renews a service through its panel, the longest period of it alone, up to delivery. */
async function renewThroughPanel(testing: TestingApi, account: AccountMeta, serviceId: number): Promise<void> {
  const driver = await openPanel(testing, account.id, serviceId);
  const alone = driver.state.rows.filter((row) => !row.renewsMore).sort((a, b) => b.months - a.months)[0];
  assert.ok(alone, 'an option renewing only this service');
  await driver.previewRow(alone.key);
  await driver.send({ type: 'placeOrder' }, [{ confirm: 'Place Order' }]);
  await driver.until('the order', (s) => s.payment !== undefined && s.busy === undefined);
  await driver.send({ type: 'pay' }, [{ confirm: 'Pay' }]);
  await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
  driver.panel.dispose();
}

suite('Attention signals after a renewal (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: false });
  let testing: TestingApi;
  let view: ServicesView;
  let account: AccountMeta;
  let raw: ServiceSummary[];

  setup(async () => {
    ({ testing, view, account, raw } = s);
    testing.setStatusPollInterval(30);
    for (const entry of testing.orderJournal.all()) await testing.orderJournal.end(entry.id);
  });
  teardown(() => testing.renewPanels.dispose());

  test('badge and status bar count from fresh data after a renewal, even when the view was not shown this session', async () => {
    await loadTree(view);
    const before = expectedAttention(raw, s.now, 30);
    const renewable = before.find(
      (service) => service.expirationDate !== undefined && Date.parse(service.expirationDate) < Date.now() && service.type !== 'option',
    );
    assert.ok(renewable, 'an expired service to renew');
    // A new window: badge and status bar paint from the cache, the view has not loaded anything.
    view.model.forgetSession();
    view.signals.update();
    assert.equal(view.view.badge?.value, before.length);

    await renewThroughPanel(testing, account, renewable.serviceId);
    await until('the badge counts one service less', () => view.view.badge?.value === before.length - 1, 20_000);
    assert.equal(view.signals.statusBarItem.text, `$(calendar) ${before.length - 1}`);
    assert.ok(!view.signals.attention.some((item) => item.facts.service.serviceId === renewable.serviceId), 'the renewed service is no longer listed');
  });

  test('a notification answered after a renewal acts on what still needs attention: "Show" skips the renewed service', async () => {
    let answer: (choice: string | undefined) => void = () => undefined;
    const shown: string[] = [];
    view.setUi({
      notify: (message) => {
        shown.push(message);
        return new Promise((resolve) => (answer = resolve));
      },
      inform: (message) => void s.informed.push(message),
    });
    try {
      await view.signals.resetDailyMemory();
      await loadTree(view);
      await until('the notification', () => shown.length === 1);
      const first = view.signals.attention[0];
      assert.ok(shown[0].includes(first.facts.service.displayName), 'the first service is listed');
      await renewThroughPanel(testing, account, first.facts.service.serviceId);
      await until(
        'fresh data without the renewed service',
        () => !view.signals.attention.some((item) => item.facts.service.serviceId === first.facts.service.serviceId),
        20_000,
      );

      const next = view.signals.attention[0];
      answer('Show');
      await until(
        '"Show" selects the first service that still needs attention',
        () => view.view.selection[0]?.id === `${account.id}:service:${next.facts.service.serviceId}`,
      );
      assert.notEqual(next.facts.service.serviceId, first.facts.service.serviceId);
    } finally {
      view.setUi({
        notify: async (message, ...actions) => {
          s.notifications.push({ message, actions });
          return s.answer;
        },
        inform: (message) => void s.informed.push(message),
        openExternal: async (url) => {
          s.opened.push(url);
          return true;
        },
      });
    }
  });
});
