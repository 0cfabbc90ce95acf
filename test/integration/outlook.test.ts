import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OutlookPanel } from '../../src/outlook/outlookPanel';
import { serviceKey } from '../../src/protocol/serviceRef';
import { renewalOutlook, UCENTS_PER_UNIT } from '../../src/renewal';
import { admin } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { loadTree, until } from './support/servicesTree';

interface RequestLog {
  counts: Record<string, number>;
}

suite('Renewal outlook panel (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: false });
  let panel: OutlookPanel | undefined;

  teardown(async () => {
    panel?.panel.dispose();
    panel = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function open(): Promise<OutlookPanel> {
    await vscode.commands.executeCommand('ovhcloud.showRenewalOutlook');
    const current = s.testing.outlook.current;
    assert.ok(current, 'the outlook panel is open');
    panel = current;
    // The first outlook webview of a run loads its bundle cold: on a loaded 2-core machine it has
    // twice not sent 'ready' within 30 s (once in a helper's run, once in a clean-clone CI). The cause
    // is not pinned down, so the deadline is the suite's and a timeout says which side stalled.
    await until('the webview has its first state with data', () => current.state?.phase === 'ready', 80_000).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)} (panel visible: ${current.panel.visible}, active: ${current.panel.active}; states posted: ${current.posted.length}; last phase: ${current.state?.phase ?? 'none, so no "ready" came from the webview'})`,
      );
    });
    return current;
  }

  test('months, totals and the span toggle come from the loaded listing, with no request per service', async () => {
    await loadTree(s.view);
    await admin('DELETE', 'requests');
    const outlook = await open();
    const state = outlook.state!;
    assert.equal(state.span, 12);
    assert.equal(state.months.length, 12);
    assert.equal(state.currency, 'EUR');
    // The oracle: the pure arithmetic over the same listing.
    const expected = renewalOutlook(s.view.model.listing(s.account.id).services!, new Date(), 12);
    assert.deepEqual(
      state.months.map((m) => Math.round(m.total * UCENTS_PER_UNIT)),
      expected.months.map((m) => m.charges.reduce((sum, c) => sum + c.ucents, 0)),
    );
    assert.ok(
      state.months.some((m) => m.segments.some((seg) => seg.kind === 'ending')),
      'services set to end are shown',
    );
    assert.deepEqual(
      Object.keys((await admin<RequestLog>('GET', 'requests')).counts).filter((key) => !key.includes('/auth/time')),
      [],
    );

    await outlook.simulate({ type: 'setSpan', span: 36 });
    assert.equal(outlook.state?.months.length, 36);
    await outlook.simulate({ type: 'setSpan', span: 24 });
    await outlook.simulate({ type: 'openService', token: 'x'.repeat(500) });
    assert.equal(outlook.state?.span, 36, 'messages outside the protocol are dropped');
  });

  test('a month lists its services; a service opens its renew panel', async () => {
    await loadTree(s.view);
    const outlook = await open();
    const month = outlook.state!.months.find((m) => m.count > 0)!;
    await outlook.simulate({ type: 'selectMonth', month: month.month });
    const selected = outlook.state?.selected;
    assert.equal(selected?.month, month.month);
    assert.equal(selected?.services.length, month.count);
    const first = selected!.services[0];
    const named = s.raw.filter((x) => x.displayName === first.name).map((x) => x.serviceId);
    assert.ok(named.length > 0);
    await outlook.simulate({ type: 'openService', token: first.token });
    assert.equal(outlook.opened.length, 1);
    const keys = named.map((serviceId) => serviceKey({ accountId: s.account.id, serviceId }));
    assert.ok(keys.includes(outlook.opened[0]), `${outlook.opened[0]} is ${first.name}`);
  });

  test("the serializer brings the outlook back on its saved span and month, and closes a panel whose saved state is not the protocol's", async () => {
    await loadTree(s.view);
    const restore = async (state: unknown): Promise<OutlookPanel | undefined> => {
      const webview = vscode.window.createWebviewPanel('ovhcloud.renewalOutlook', 'Renewal Outlook', vscode.ViewColumn.Active, { enableScripts: true });
      let closed = false;
      webview.onDidDispose(() => (closed = true));
      const restored = s.testing.outlook.restore(webview, state);
      assert.equal(closed, restored === undefined, 'a refused state closes its panel');
      if (restored) await until('the restored outlook has data', () => restored.state?.phase === 'ready', 30_000);
      return restored;
    };
    assert.equal(await restore({ span: 24 }), undefined);
    assert.equal(await restore({ span: 36, token: 'x' }), undefined);
    assert.equal(s.testing.outlook.current, undefined);

    panel = await restore({ span: 36 });
    const month = panel!.state!.months.find((m) => m.count > 0)!.month;
    panel!.panel.dispose();
    panel = await restore({ span: 36, month });
    assert.equal(panel?.state?.months.length, 36);
    assert.equal(panel?.state?.selected?.month, month);
    assert.equal(s.testing.outlook.current, panel);
  });
});
