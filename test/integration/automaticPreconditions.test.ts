import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceSummary } from '../../src/ovh';
import type { SettingsRun } from '../../src/settings/settingsDeps';
import { admin } from './support/sandbox';
import { type Answer, ScriptedPrompter } from './support/scriptedPrompter';
import { servicesSuite } from './support/servicesSuite';
import { loadTree } from './support/servicesTree';

/**
 * Issue 28, point 5: switching to automatic renewal has preconditions (the new contracts
 * accepted, the billing contact, no unpaid debt). OVH refuses without them (the sandbox with
 * OVH's error class and its own wording); the extension names the missing one and what to do,
 * never OVH's raw message, and the tree keeps what OVH holds.
 */
suite('Switching to automatic renewal names the missing precondition (real extension host + sandbox)', function () {
  this.timeout(180_000);
  const s = servicesSuite({ anchorNow: false });

  async function command(answers: Answer[], ...args: unknown[]): Promise<{ run: SettingsRun; prompter: ScriptedPrompter }> {
    const prompter = new ScriptedPrompter(answers);
    s.testing.setPrompter(prompter);
    try {
      const run = (await vscode.commands.executeCommand('ovhcloud.services.changeRenewal', ...args)) as SettingsRun;
      assert.equal(prompter.remaining, 0, `unused answers; asked: ${prompter.asked.join(' → ')}`);
      return { run, prompter };
    } finally {
      s.testing.setPrompter(undefined);
    }
  }
  const node = (serviceId: number) => {
    const found = s.view.provider.findService(s.account.id, serviceId);
    assert.ok(found, `the tree shows service ${serviceId}`);
    return found;
  };
  async function manualHosting(control: Record<string, unknown> = {}): Promise<ServiceSummary> {
    const target = s.raw.find(
      (x) =>
        x.type === 'webHosting' &&
        x.parentServiceId === undefined &&
        x.lifecycleState === 'active' &&
        x.renewModes?.includes('manual') &&
        x.pendingActions.length === 0,
    );
    assert.ok(target, 'the sandbox has a switchable hosting');
    await admin('POST', `services/${target.serviceId}`, { renew: { mode: 'manual' }, ...control });
    await s.view.model.refresh(s.account.id, { fresh: true });
    await loadTree(s.view);
    return target;
  }

  const cases = [
    {
      name: 'the new contracts are not accepted',
      config: { automaticRenewBlockers: ['contracts'] },
      control: {},
      said: /new OVHcloud contracts accepted first/,
      raw: /older contracts/,
    },
    {
      name: 'the user is not the billing contact',
      config: {},
      control: { contactBilling: 'someone-else-ovh' },
      said: /only the billing contact of this service/,
      raw: /Only the billing contact of this service can switch it/,
    },
    { name: 'the account has unpaid debt', config: { automaticRenewBlockers: ['debt'] }, control: {}, said: /unpaid bills: pay them/, raw: /unpaid debt/ },
  ];
  for (const c of cases) {
    test(`${c.name}: the refusal says so and what to do, and the tree still shows manual renewal`, async () => {
      if (Object.keys(c.config).length > 0) await admin('POST', 'config', c.config);
      const target = await manualHosting(c.control);
      const { run, prompter } = await command(
        [{ pick: 'Automatic renewal' }, { pick: /./ }, { confirm: 'Change Renewal' }, { confirm: undefined }],
        node(target.serviceId),
      );
      assert.deepEqual(
        run.results.map((r) => [r.serviceId, r.outcome]),
        [[target.serviceId, 'refused']],
      );
      assert.match(run.results[0]?.detail ?? '', c.said);
      const shown = prompter.details.at(-1) ?? '';
      assert.match(shown, c.said, 'the result dialog names the precondition');
      assert.doesNotMatch(shown, c.raw, "never OVH's raw message");
      const held = await (await s.testing.accounts.api(s.account.id))!.getService(target.serviceId);
      assert.equal(held.renewMode, 'manual');
      assert.equal(node(target.serviceId).facts.service.renewMode, 'manual', 'the tree shows what OVH holds');
    });
  }
});
