import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceSummary } from '../../src/ovh';
import type { SettingsRun } from '../../src/settings/settingsDeps';
import { admin } from './support/sandbox';
import { type Answer, ScriptedPrompter } from './support/scriptedPrompter';
import { servicesSuite } from './support/servicesSuite';
import { loadTree } from './support/servicesTree';

interface RequestLog {
  counts: Record<string, number>;
}

/**
 * Issue 28: renew settings change the way OVH's Control Panel does ({route}/serviceInfos for
 * every product but Zimbra slots), whatever PUT /services/{id} does with `renew`; the result
 * is what OVH shows afterwards.
 */
suite("Renew settings as OVH's Control Panel changes them (real extension host + sandbox)", function () {
  this.timeout(180_000);
  const s = servicesSuite({ anchorNow: false });

  async function command(id: string, answers: Answer[], ...args: unknown[]): Promise<SettingsRun> {
    const prompter = new ScriptedPrompter(answers);
    s.testing.setPrompter(prompter);
    try {
      const run = (await vscode.commands.executeCommand(id, ...args)) as SettingsRun;
      assert.equal(prompter.remaining, 0, `unused answers; asked: ${prompter.asked.join(' → ')}`);
      return run;
    } finally {
      s.testing.setPrompter(undefined);
    }
  }
  const fresh = async (serviceId: number): Promise<ServiceSummary> => (await s.testing.accounts.api(s.account.id))!.getService(serviceId);
  const node = (serviceId: number) => {
    const found = s.view.provider.findService(s.account.id, serviceId);
    assert.ok(found, `the tree shows service ${serviceId}`);
    return found;
  };
  const counts = async (): Promise<Record<string, number>> => (await admin<RequestLog>('GET', 'requests')).counts;
  /** A service of this type that can switch mode, put in manual renewal through the sandbox, and the tree reloaded past OVH's list cache. */
  async function manualService(type: ServiceSummary['type']): Promise<ServiceSummary> {
    const target = s.raw.find(
      (x) =>
        x.type === type &&
        x.parentServiceId === undefined &&
        x.lifecycleState === 'active' &&
        x.renewModes?.includes('manual') &&
        x.pendingActions.length === 0,
    );
    assert.ok(target, `the sandbox has a switchable ${type}`);
    await admin('POST', `services/${target.serviceId}`, { renew: { mode: 'manual' } });
    await s.view.model.refresh(s.account.id, { fresh: true });
    await loadTree(s.view);
    assert.equal(node(target.serviceId).facts.service.renewMode, 'manual');
    await admin('DELETE', 'requests');
    return target;
  }

  for (const type of ['domain', 'webHosting', 'vps', 'dedicatedServer'] as const) {
    for (const putRenew of ['ignored', 'refused', 'applied'] as const) {
      test(`${type}, PUT /services/{id} ${putRenew}: switching to automatic ends with the tree showing what OVH holds, and a message saying so`, async () => {
        await admin('POST', 'config', { servicesPutRenew: putRenew });
        const target = await manualService(type);
        const run = await command(
          'ovhcloud.services.changeRenewal',
          [{ pick: 'Automatic renewal' }, { pick: /./ }, { confirm: 'Change Renewal' }],
          node(target.serviceId),
        );
        const held = await fresh(target.serviceId);
        assert.equal(held.renewMode, 'automatic', 'OVH holds the change');
        assert.equal(node(target.serviceId).facts.service.renewMode, held.renewMode, 'the tree shows what OVH holds');
        assert.deepEqual(
          run.results.map((r) => [r.serviceId, r.outcome]),
          [[target.serviceId, 'changed']],
        );
        assert.match((run as { message?: string }).message ?? '', /^Renewal of .+ changed\.$/);
        const sent = await counts();
        // Through the product's own route, as the Control Panel does; never through PUT /services/{id}.
        assert.equal(sent['PUT /services/{serviceId}'] ?? 0, 0);
        assert.equal(
          Object.entries(sent)
            .filter(([route]) => /^PUT \/.+\/serviceInfos$/.test(route))
            .reduce((n, [, c]) => n + c, 0),
          1,
        );
      });
    }
  }

  test('a period spelled differently (P12M for P1Y) is the same period: the change reads as done', async () => {
    await admin('POST', 'config', { renewPeriodSpelling: 'months' });
    const target = await manualService('domain');
    const run = await command(
      'ovhcloud.services.changeRenewal',
      [{ pick: 'Automatic renewal' }, { pick: '1 year' }, { confirm: 'Change Renewal' }],
      node(target.serviceId),
    );
    const held = await fresh(target.serviceId);
    assert.deepEqual([held.renewMode, held.renewPeriod], ['automatic', 'P12M']);
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['changed'],
    );
  });

  test('a manual service with terminateAtExpirationDate is shown as manual, not ending, and "Keep Renewing" sends nothing', async () => {
    const target = await manualService('domain');
    await admin('POST', `services/${target.serviceId}`, { terminationPolicy: 'terminateAtExpirationDate' });
    await s.view.model.refresh(s.account.id, { fresh: true });
    await loadTree(s.view);
    const item = s.view.provider.getTreeItem(node(target.serviceId));
    assert.doesNotMatch(String(item.description), /^ends /);
    assert.doesNotMatch(String(item.contextValue), /\bending\b/);
    await admin('DELETE', 'requests');
    const run = await command('ovhcloud.services.keepRenewing', [{ confirm: undefined }], node(target.serviceId));
    assert.equal(run.status, 'nothingToDo');
    assert.equal((await counts())['PUT /services/{serviceId}'] ?? 0, 0);
  });

  test('switching to manual reads no renew periods: none are needed', async () => {
    await loadTree(s.view);
    const targets = s.raw
      .filter((x) => x.parentServiceId === undefined && x.lifecycleState === 'active' && x.renewMode === 'automatic' && x.renewModes?.includes('manual'))
      .filter((x) => x.pendingActions.length === 0)
      .slice(0, 3);
    assert.equal(targets.length, 3, 'three automatic services');
    const selection = targets.map((target) => node(target.serviceId));
    const run = await command(
      'ovhcloud.services.changeRenewal',
      [{ pick: 'Manual renewal' }, { confirm: 'Change Renewal' }, { confirm: undefined }],
      selection[0],
      selection,
    );
    assert.equal(run.status, 'done');
    const sent = await counts();
    assert.equal(sent['GET /services/{serviceId}/renewPeriodCapacities'] ?? 0, 0);
    for (const target of targets) assert.equal((await fresh(target.serviceId)).renewMode, 'manual');
  });
});
