import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import { serviceInfosPath, type ServiceSummary } from '../../src/ovh';
import { willTerminate } from '../../src/renewal';
import type { SettingsRun } from '../../src/settings/settingsDeps';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { type Fault, faultMatrixHooks, FAULTS, iamBody } from './support/faultList';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { signInToSandbox, signOutEverything } from './support/signIn';

/**
 * The fault matrix of renew settings (issue 28): every fault of the money matrix on the PUT
 * that switches a service to manual renewal, through the product's own serviceInfos route as
 * OVH's Control Panel does. For each: the result names what happened (changed, refused with
 * OVH's reason, or not answered and not shown), the tree shows what the sandbox holds, the
 * PUT is never repeated by itself, trying again once the fault is gone ends with the change
 * made, and nothing unhandled reaches the extension host.
 */
suite('Fault matrix: every fault × a renew-settings change (real extension host + sandbox)', function () {
  this.timeout(120_000);
  let testing: TestingApi;
  let account: AccountMeta;

  suiteSetup(async () => {
    testing = await testingApi();
    await signOutEverything(testing);
    account = await signInToSandbox(testing);
  });
  const unhandled = faultMatrixHooks();
  suiteTeardown(async () => {
    await admin('DELETE', 'faults');
    await admin('POST', 'clock', { offsetSeconds: 0 });
    await signOutEverything(testing);
  });
  setup(() => admin('POST', 'reset'));

  const listed = (serviceId: number): ServiceSummary | undefined => testing.services.model.listing(account.id).services?.find((s) => s.serviceId === serviceId);
  const fresh = async (serviceId: number): Promise<ServiceSummary> => (await testing.accounts.api(account.id))!.getService(serviceId);
  const ending = (s: ServiceSummary): boolean =>
    willTerminate({
      billing: { lifecycle: { current: { pendingActions: s.pendingActions, state: s.lifecycleState ?? null, terminationDate: s.terminationDate ?? null } } },
    });

  /** Change Renewal… → Manual renewal → confirm; the result dialog, when there is one, is read and closed. */
  async function toManual(serviceId: number): Promise<{ run: SettingsRun; prompter: ScriptedPrompter }> {
    const prompter = new ScriptedPrompter([{ pick: 'Manual renewal' }, { confirm: 'Change Renewal' }, { confirm: undefined }]);
    testing.setPrompter(prompter);
    try {
      const run = (await vscode.commands.executeCommand('ovhcloud.services.changeRenewal', { accountId: account.id, serviceId })) as SettingsRun;
      return { run, prompter };
    } finally {
      testing.setPrompter(undefined);
    }
  }

  for (const fault of FAULTS) {
    test(`switch to manual renewal × ${fault.name}`, async () => {
      await testing.services.model.refresh(account.id, { fresh: true });
      const target = testing.services.model
        .listing(account.id)
        .services?.find(
          (s) =>
            s.type === 'vps' &&
            s.parentServiceId === undefined &&
            s.lifecycleState === 'active' &&
            s.renewMode === 'automatic' &&
            s.renewModes?.includes('manual') &&
            !ending(s),
        );
      assert.ok(target, 'an automatic VPS that can switch to manual');
      const path = serviceInfosPath(target);
      assert.ok(path, 'the VPS has its product route');
      const route = `PUT ${path.replace(/\/[^/]+\/serviceInfos$/, '/{serviceName}/serviceInfos')}`;
      await inject(fault, path);

      const { run, prompter } = await toManual(target.serviceId);
      assert.equal(run.status, 'done', `asked: ${prompter.asked.join(' → ')}`);
      const [result] = run.results;
      assert.ok(result && ['changed', 'notApplied', 'unconfirmed', 'refused'].includes(result.outcome), JSON.stringify(run.results));
      if (result.outcome !== 'changed') {
        const line = prompter.details.at(-1) ?? '';
        assert.ok(line.length > 20 && !/undefined|\[object/.test(line), `the result says what happened: ${line}`);
      }
      const puts = Object.entries((await admin<{ counts: Record<string, number> }>('GET', 'requests')).counts)
        .filter(([name]) => name === route || /^PUT \/vps\/.+\/serviceInfos$/.test(name))
        .reduce((n, [, count]) => n + count, 0);
      assert.ok(puts <= 1, `the PUT was never repeated by itself (${puts})`);
      await heal();
      if (testing.accounts.isSignInNeeded(account.id)) account = await signInToSandbox(testing);

      // The tree shows what OVH holds, whatever the message said.
      const held = await fresh(target.serviceId);
      await testing.services.model.refresh(account.id, { fresh: true });
      assert.equal(listed(target.serviceId)?.renewMode, held.renewMode, 'the tree shows what the sandbox holds');
      if (result.outcome === 'changed') assert.equal(held.renewMode, 'manual');
      if (result.outcome === 'refused') assert.equal(held.renewMode, 'automatic', 'a refusal changed nothing');

      // The user tries again once the fault is gone: the change is made (or was made already).
      if (held.renewMode !== 'manual') {
        const again = await toManual(target.serviceId);
        assert.deepEqual(
          again.run.results.map((r) => r.outcome),
          ['changed'],
        );
      }
      assert.equal((await fresh(target.serviceId)).renewMode, 'manual');
      assert.deepEqual(unhandled, [], 'nothing unhandled reached the extension host');
    });
  }

  async function inject(fault: Fault, path: string): Promise<void> {
    await admin('DELETE', 'requests');
    if (fault.clockSkew) {
      await admin('POST', 'clock', { offsetSeconds: 3600 });
      return;
    }
    const spec = fault.iam ? { kind: 'status', status: 403, body: iamBody('vps:apiovh:serviceInfos/edit') } : fault.spec;
    if (fault.config) await admin('POST', 'config', fault.config);
    await admin('POST', 'faults', { method: 'PUT', path, ...spec });
  }
  async function heal(): Promise<void> {
    await admin('DELETE', 'faults');
    await admin('POST', 'clock', { offsetSeconds: 0 });
  }
});
