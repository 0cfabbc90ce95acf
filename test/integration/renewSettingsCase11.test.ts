import * as assert from 'node:assert/strict';
import type { ServiceSummary } from '../../src/ovh';
import { ledger, openPanel } from './support/renew';
import { admin } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { ending, settingsDriver } from './support/settingsDriver';
import { loadTree } from './support/servicesTree';

/**
 * Issue 27, case 11: renew settings say only what OVH shows. A change OVH did not answer is
 * not "sent"; Keep Renewing withdraws a deletion at expiry through the route that set it; and
 * a renewal order this extension has in flight for the service is named in the confirmation.
 */
suite('Renew settings and money in flight (issue 27, case 11; real extension host + sandbox)', function () {
  this.timeout(120_000);
  const s = servicesSuite({ anchorNow: false });
  const { command, fresh } = settingsDriver(s);

  teardown(async () => {
    s.testing.renewPanels.dispose();
    for (const entry of s.testing.orderJournal.all()) await s.testing.orderJournal.end(entry.id);
  });

  const ref = (serviceId: number) => ({ accountId: s.account.id, serviceId });

  test('a stop at expiry answered 503 before OVH acted is "not answered, may not be made, try again", never "sent"', async () => {
    await loadTree(s.view);
    const target = s.raw.find((x) => x.parentServiceId === undefined && x.lifecycleState === 'active' && x.renewMode === 'automatic' && !ending(x));
    assert.ok(target, 'an automatic service that is not ending');
    await admin('POST', 'faults', { method: 'PUT', path: `/services/${target.serviceId}`, kind: 'status', status: 503, times: 1 });
    const { run, prompter } = await command('ovhcloud.services.stopAtExpiry', [{ confirm: 'Stop Renewing' }, { confirm: undefined }], ref(target.serviceId));
    assert.equal(run.status, 'done');
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['unconfirmed'],
    );
    assert.ok(!ending(await fresh(target.serviceId)), 'OVH did not act');
    const line = prompter.details.at(-1) ?? '';
    assert.doesNotMatch(line, /\bsent\b/, 'nothing says it was sent');
    assert.match(line, /did not answer \(HTTP 503\)/);
    assert.match(line, /may not have been made/);
    assert.match(line, /try again/i);
  });

  test('Keep Renewing withdraws a deletion at expiry set through the product route (deleteAtExpiration): the sandbox and the result say it keeps renewing', async () => {
    await loadTree(s.view);
    const target = s.raw.find((x) => x.parentServiceId === undefined && x.pendingActions.includes('deleteAtExpiration') && x.renewMode === 'automatic');
    assert.ok(target, 'the sandbox has an automatic service deleted at expiry by its renew flag');
    const { run } = await command('ovhcloud.services.keepRenewing', [{ confirm: 'Keep Renewing' }], ref(target.serviceId));
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['changed'],
    );
    assert.equal(run.message, `${target.displayName} keeps renewing.`);
    const after = await fresh(target.serviceId);
    assert.ok(!after.pendingActions.includes('deleteAtExpiration'), `still deleted at expiry: ${after.pendingActions.join(', ')}`);
    assert.ok(!ending(after));
  });

  test('a renewal order waiting for payment in this extension is named in the stop-at-expiry and automatic-renewal confirmations', async () => {
    await loadTree(s.view);
    const api = (await s.testing.accounts.api(s.account.id))!;
    let target: ServiceSummary | undefined;
    for (const candidate of s.raw.filter((x) => x.type === 'domain' && x.parentServiceId === undefined && x.lifecycleState === 'active' && !ending(x))) {
      const descriptions = await api.listRenewDescriptions(candidate.serviceId, false).catch(() => []);
      if (descriptions.some((d) => d.strategies.some((strategy) => strategy.services.length === 1)) && candidate.renewModes?.includes('manual')) {
        target = candidate;
        break;
      }
    }
    assert.ok(target, 'a domain renewable alone');
    const driver = await openPanel(s.testing, s.account.id, target.serviceId);
    const row = driver.state.rows.find((candidate) => candidate.services.length === 1);
    assert.ok(row);
    await driver.previewRow(row.key);
    await driver.send({ type: 'placeOrder' }, [{ confirm: 'Place Order' }]);
    const ordered = await driver.until('the order', (state) => state.order !== undefined && state.busy === undefined, 30_000);
    const orderId = ordered.order?.orderId;
    assert.equal((await ledger()).orders.length, 1);

    const stop = await command('ovhcloud.services.stopAtExpiry', [{ confirm: undefined }], ref(target.serviceId));
    assert.equal(stop.run.status, 'cancelled');
    assert.match(stop.prompter.details[0] ?? '', new RegExp(`order ${orderId}\\b.*waiting for payment`));
    assert.match(stop.prompter.details[0] ?? '', /does not cancel/);

    const automatic = await command(
      'ovhcloud.services.changeRenewal',
      [{ pick: 'Automatic renewal' }, { pick: /./ }, { confirm: undefined }],
      ref(target.serviceId),
    );
    assert.equal(automatic.run.status, 'cancelled');
    assert.match(automatic.prompter.details[0] ?? '', new RegExp(`order ${orderId}\\b.*waiting for payment`));
    assert.match(automatic.prompter.details[0] ?? '', /twice/);
    assert.equal((await ledger()).payments.length, 0, 'nothing was paid');
  });
});
