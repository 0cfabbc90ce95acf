import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REQUIRED_ACCESS_RULES, serviceInfosPath, type ServiceSummary } from '../../src/ovh';
import { parseDurationOrThrow } from '../../src/renewal';
import { formatDuration } from '../../src/format';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { servicesSuite } from './support/servicesSuite';
import { ending, settingsDriver } from './support/settingsDriver';
import { loadTree } from './support/servicesTree';
import { existingKeyAnswers, runSignIn } from './support/signIn';

interface RequestLog {
  counts: Record<string, number>;
}

const PUT = 'PUT /services/{serviceId}';

suite('Renew settings: automatic/manual, period, stop at expiry (real extension host + sandbox)', function () {
  this.timeout(120_000);
  const s = servicesSuite({ anchorNow: false });
  const { command, fresh, node } = settingsDriver(s);

  const puts = async (): Promise<number> => (await admin<RequestLog>('GET', 'requests')).counts[PUT] ?? 0;
  /** Renew mode and period go through the product's {route}/serviceInfos when it has one, as OVH's Control Panel does. */
  const renewPuts = async (): Promise<number> =>
    Object.entries((await admin<RequestLog>('GET', 'requests')).counts)
      .filter(([route]) => route === PUT || /^PUT \/.+\/serviceInfos$/.test(route))
      .reduce((n, [, count]) => n + count, 0);
  const switchable = (mode: string): ServiceSummary[] =>
    s.raw.filter(
      (x) => x.parentServiceId === undefined && x.lifecycleState === 'active' && x.renewModes?.includes('manual') && !ending(x) && x.renewMode === mode,
    );

  test('one service: manual to automatic with a period OVH offers; the sandbox and the tree show it', async () => {
    await loadTree(s.view);
    const target = switchable('manual')[0];
    assert.ok(target, 'the sandbox has a manual service');
    const periods = await (await s.testing.accounts.api(s.account.id))!.renewPeriodCapacities(target.serviceId);
    const period = periods[periods.length - 1];
    const { run, prompter } = await command(
      'ovhcloud.services.changeRenewal',
      [{ pick: 'Automatic renewal' }, { pick: formatDuration(parseDurationOrThrow(period), 'en') }, { confirm: 'Change Renewal' }],
      node(target.serviceId),
    );
    assert.equal(run.status, 'done');
    assert.deepEqual(
      run.results.map((r) => [r.serviceId, r.outcome]),
      [[target.serviceId, 'changed']],
    );
    assert.match(prompter.asked[2], new RegExp(`^confirm: Renew .+ automatically, every ${formatDuration(parseDurationOrThrow(period), 'en')}\\?$`));
    const after = await fresh(target.serviceId);
    assert.deepEqual([after.renewMode, after.renewPeriod], ['automatic', period]);
    assert.equal(node(target.serviceId).facts.service.renewMode, 'automatic');
    assert.equal(await renewPuts(), 1);
  });

  test('several services to manual: one refused by OVHcloud, one forced automatic; each gets its own result', async () => {
    await loadTree(s.view);
    const [a, b] = switchable('automatic');
    const forced = s.raw.find(
      (x) => x.renewModes?.length === 1 && x.renewModes[0] === 'automatic' && x.parentServiceId === undefined && x.lifecycleState === 'active',
    );
    assert.ok(a && b && forced, 'two switchable automatic services and a forced-automatic one');
    await admin('POST', 'faults', {
      method: 'PUT',
      path: serviceInfosPath(b) ?? `/services/${b.serviceId}`,
      kind: 'status',
      status: 400,
      message: 'Renew mode manual is not allowed for this service',
      times: 1,
    });
    const selection = [node(a.serviceId), node(b.serviceId), node(forced.serviceId)];
    const { run, prompter } = await command(
      'ovhcloud.services.changeRenewal',
      [{ pick: 'Manual renewal' }, { confirm: 'Change Renewal' }, { confirm: undefined }],
      selection[0],
      selection,
    );
    assert.equal(run.status, 'done');
    const outcome = Object.fromEntries(run.results.map((r) => [r.serviceId, r.outcome]));
    assert.deepEqual(outcome, { [a.serviceId]: 'changed', [b.serviceId]: 'refused', [forced.serviceId]: 'skipped' });
    assert.match(run.results.find((r) => r.serviceId === b.serviceId)?.detail ?? '', /not allowed/);
    assert.match(prompter.asked[2], /^confirm: 1 changed, 1 refused, 0 not confirmed yet, 1 left unchanged$/);
    assert.deepEqual(
      [(await fresh(a.serviceId)).renewMode, (await fresh(b.serviceId)).renewMode, (await fresh(forced.serviceId)).renewMode],
      ['manual', 'automatic', 'automatic'],
    );
    assert.equal(node(a.serviceId).facts.service.renewMode, 'manual');
    assert.equal(node(b.serviceId).facts.service.renewMode, 'automatic');
    // The forced-automatic service was never sent.
    assert.equal(await renewPuts(), 2);
  });

  test('stop renewing at expiry, then undo: the sandbox and the tree follow', async () => {
    await loadTree(s.view);
    const target = switchable('automatic')[0];
    const stop = await command('ovhcloud.services.stopAtExpiry', [{ confirm: 'Stop Renewing' }], node(target.serviceId));
    assert.match(stop.prompter.asked[0], /^confirm: Stop renewing .+ at expiry\?$/);
    assert.deepEqual(
      stop.run.results.map((r) => r.outcome),
      ['changed'],
    );
    assert.ok((await fresh(target.serviceId)).pendingActions.includes('terminateAtExpirationDate'));
    const marked = s.view.provider.getTreeItem(node(target.serviceId));
    assert.match(String(marked.contextValue), /\bending\b/);
    assert.match(String(marked.description), /^ends /);

    const undo = await command('ovhcloud.services.keepRenewing', [{ confirm: 'Keep Renewing' }], node(target.serviceId));
    assert.deepEqual(
      undo.run.results.map((r) => r.outcome),
      ['changed'],
    );
    assert.ok(!ending(await fresh(target.serviceId)));
    assert.match(String(s.view.provider.getTreeItem(node(target.serviceId)).contextValue), /\brenewSettings\b/);
    assert.equal(await puts(), 2);
  });

  test('from the renew panel: "Renew Settings…" offers what applies, then the same confirmed flow', async () => {
    await loadTree(s.view);
    const target = switchable('automatic')[0];
    await vscode.commands.executeCommand('ovhcloud.compareRenewStrategies', { accountId: s.account.id, serviceId: target.serviceId });
    const panel = s.testing.renewPanels.get(s.account.id, target.serviceId);
    assert.ok(panel, 'the renew panel is open');
    const prompter = new ScriptedPrompter([{ pick: 'Stop Renewing at Expiry…' }, { confirm: 'Stop Renewing' }]);
    s.testing.setPrompter(prompter);
    try {
      await panel.receive({ type: 'renewSettings' });
    } finally {
      s.testing.setPrompter(undefined);
    }
    assert.deepEqual(
      prompter.asked.map((question) => question.split(':')[0]),
      ['pick', 'confirm'],
    );
    assert.ok((await fresh(target.serviceId)).pendingActions.includes('terminateAtExpirationDate'));
    assert.match(String(s.view.provider.getTreeItem(node(target.serviceId)).contextValue), /\bending\b/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('cancelling at each question or confirmation changes nothing', async () => {
    await loadTree(s.view);
    const target = switchable('manual')[0];
    const endingOne = s.raw.find((x) => ending(x) && x.parentServiceId === undefined);
    assert.ok(endingOne, 'the sandbox has a service set to end');
    const before = [await fresh(target.serviceId), await fresh(endingOne.serviceId)];
    const runs = [
      await command('ovhcloud.services.changeRenewal', [{ cancel: true }], node(target.serviceId)),
      await command('ovhcloud.services.changeRenewal', [{ pick: 'Automatic renewal' }, { cancel: true }], node(target.serviceId)),
      await command('ovhcloud.services.changeRenewal', [{ pick: 'Automatic renewal' }, { pick: /./ }, { cancel: true }], node(target.serviceId)),
      await command('ovhcloud.services.changeRenewal', [{ pick: 'Automatic renewal' }, { pick: /./ }, { confirm: undefined }], node(target.serviceId)),
      await command('ovhcloud.services.stopAtExpiry', [{ cancel: true }], node(target.serviceId)),
      await command('ovhcloud.services.keepRenewing', [{ confirm: undefined }], node(endingOne.serviceId)),
    ];
    assert.deepEqual(
      runs.map(({ run }) => run.status),
      Array(6).fill('cancelled'),
    );
    assert.equal(await puts(), 0);
    assert.deepEqual([await fresh(target.serviceId), await fresh(endingOne.serviceId)], before);
  });

  test('a key approved without PUT /services/* is offered to sign in again, and nothing is sent', async () => {
    const rules = REQUIRED_ACCESS_RULES.filter((rule) => rule.method !== 'PUT');
    const created = await admin<{ consumerKey: string }>('POST', 'credentials', { rules });
    await s.testing.accounts.store.remove(s.account.id);
    const signedIn = await runSignIn(s.testing, new ScriptedPrompter(existingKeyAnswers(undefined, created.consumerKey)));
    assert.equal(signedIn.status, 'signedIn');
    if (signedIn.status !== 'signedIn') return;
    const accountId = signedIn.account.id;
    await loadTree(s.view);
    const target = s.raw.find((x) => x.parentServiceId === undefined && x.lifecycleState === 'active')!;
    const { run, prompter } = await command(
      'ovhcloud.services.stopAtExpiry',
      // "Sign In Again" starts the real sign-in, which the test then leaves at its first question.
      [{ confirm: 'Sign In Again' }, { cancel: true }],
      { accountId, serviceId: target.serviceId },
    );
    assert.equal(run.status, 'reauthorize');
    assert.deepEqual(prompter.asked.slice(0, 1), ['confirm: This OVHcloud key cannot change renew settings yet']);
    assert.match(prompter.asked[1], /^pick: /);
    assert.equal(await puts(), 0);
  });
});
