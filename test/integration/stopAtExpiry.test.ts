import * as assert from 'node:assert/strict';
import type { ServiceSummary } from '../../src/ovh';
import { admin } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { settingsDriver } from './support/settingsDriver';
import { loadTree } from './support/servicesTree';

interface RequestLog {
  counts: Record<string, number>;
}

/**
 * Issue 28, point 4: stopping at expiry is gated as OVH's Control Panel gates it: only where
 * `billing.lifecycle.capacities.actions` lists it, only for the admin contact, a committed
 * service through its engagement's end rule, and options on their own.
 */
suite('Stop Renewing at Expiry as the Control Panel gates it (real extension host + sandbox)', function () {
  this.timeout(180_000);
  const s = servicesSuite({ anchorNow: false });
  const { command, fresh, node } = settingsDriver(s);

  const contextValue = (serviceId: number): string => String(s.view.provider.getTreeItem(node(serviceId)).contextValue);
  const sentStops = async (): Promise<number> => {
    const { counts } = await admin<RequestLog>('GET', 'requests');
    return (counts['PUT /services/{serviceId}'] ?? 0) + (counts['PUT /services/{serviceId}/billing/engagement/endRule'] ?? 0);
  };
  /** A running service of this type with nothing pending, after `control` (POST /__sandbox/services/{id}) and a fresh reload. */
  async function prepared(type: ServiceSummary['type'] | 'option', control: Record<string, unknown> = {}): Promise<ServiceSummary> {
    const target = s.raw.find(
      (x) =>
        (type === 'option' ? x.parentServiceId !== undefined && x.renewMode === 'automatic' : x.type === type && x.parentServiceId === undefined) &&
        x.lifecycleState === 'active' &&
        x.pendingActions.length === 0,
    );
    assert.ok(target, `the sandbox has a running ${type}`);
    if (Object.keys(control).length > 0) assert.equal((await admin<{ ok: boolean }>('POST', `services/${target.serviceId}`, control)).ok, true);
    await s.view.model.refresh(s.account.id, { fresh: true });
    await loadTree(s.view);
    await admin('DELETE', 'requests');
    return target;
  }

  test('an option is stopped on its own: the option ends at expiry, its service keeps renewing', async () => {
    const option = await prepared('option');
    assert.match(contextValue(option.serviceId), /\bstoppable\b/, 'the tree offers Stop Renewing on the option');
    const { run } = await command('ovhcloud.services.stopAtExpiry', [{ confirm: 'Stop Renewing' }], node(option.serviceId));
    assert.deepEqual(
      run.results.map((r) => [r.serviceId, r.outcome]),
      [[option.serviceId, 'changed']],
    );
    assert.ok((await fresh(option.serviceId)).pendingActions.includes('terminateAtExpirationDate'), 'OVH holds the stop on the option');
    assert.deepEqual((await fresh(option.parentServiceId!)).pendingActions, [], 'the parent keeps renewing');
    assert.match(contextValue(option.serviceId), /\bending\b/, 'the tree shows the option as ending');
  });

  test('OVH does not list terminateAtExpirationDate: Stop Renewing is not offered, and asked anyway it says why and sends nothing', async () => {
    const target = await prepared('vps', { lifecycleActions: ['earlyRenewal', 'terminate'] });
    assert.doesNotMatch(contextValue(target.serviceId), /\bstoppable\b/);
    const { run, prompter } = await command('ovhcloud.services.stopAtExpiry', [{ confirm: undefined }], {
      accountId: s.account.id,
      serviceId: target.serviceId,
    });
    assert.equal(run.status, 'nothingToDo');
    assert.match(prompter.details.join('\n'), /does not offer to stop it at expiry/);
    assert.equal(await sentStops(), 0, 'nothing sent to OVH');
  });

  test('only the admin contact may stop a service: another account is told who is', async () => {
    const target = await prepared('domain', { contactAdmin: 'someone-else-ovh' });
    const { run, prompter } = await command('ovhcloud.services.stopAtExpiry', [{ confirm: undefined }], node(target.serviceId));
    assert.equal(run.status, 'nothingToDo');
    assert.match(prompter.details.join('\n'), /administrator contact \(someone-else-ovh\)/);
    assert.equal(await sentStops(), 0, 'nothing sent to OVH');
    assert.deepEqual((await fresh(target.serviceId)).pendingActions, []);
  });

  test('a committed service ends through its engagement end rule, at the end of the commitment, and Keep Renewing commits it again', async () => {
    const endDate = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    const target = await prepared('dedicatedServer', {
      engagement: { endDate, endRule: { strategy: 'REACTIVATE_ENGAGEMENT', possibleStrategies: ['CANCEL_SERVICE', 'REACTIVATE_ENGAGEMENT'] } },
    });
    const { run, prompter } = await command('ovhcloud.services.stopAtExpiry', [{ confirm: 'Stop Renewing' }], node(target.serviceId));
    assert.match(prompter.asked[0] ?? '', /at the end of its commitment/);
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['changed'],
    );
    const held = await fresh(target.serviceId);
    assert.equal(held.engagement?.endStrategy, 'CANCEL_SERVICE');
    const { counts } = await admin<RequestLog>('GET', 'requests');
    assert.equal(counts['PUT /services/{serviceId}/billing/engagement/endRule'], 1);
    assert.equal(counts['PUT /services/{serviceId}'] ?? 0, 0, 'never through terminationPolicy');
    assert.match(contextValue(target.serviceId), /\bending\b/);

    await admin('DELETE', 'requests');
    const keep = await command('ovhcloud.services.keepRenewing', [{ confirm: 'Keep Renewing' }], node(target.serviceId));
    assert.deepEqual(
      keep.run.results.map((r) => r.outcome),
      ['changed'],
    );
    assert.equal((await fresh(target.serviceId)).engagement?.endStrategy, 'REACTIVATE_ENGAGEMENT');
  });
});
