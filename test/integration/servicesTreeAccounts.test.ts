import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/auth/accountStore';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestingApi } from '../../src/testing';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import { CACHE_FORMAT } from '../../src/core/listing/cachedListing';
import type { MessageNode, ServicesNode } from '../../src/views/treeNodes';
import { admin, sandbox } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { iconOf, labelOf, loadTree, serviceRows, until } from './support/servicesTree';
import { signInToSandbox, signOutEverything } from './support/signIn';

interface RequestLog {
  counts: Record<string, number>;
}
const listingRequests = async (): Promise<number> => (await admin<RequestLog>('GET', 'requests')).counts['GET /services'] ?? 0;
const cacheKey = (accountId: string): string => `ovhcloud.services.listing.${accountId}`;
const messageOf = (node: ServicesNode | undefined): MessageNode => {
  assert.ok(node?.kind === 'message', `a message node, got ${node?.kind}`);
  return node;
};

suite('Services tree: lazy loading, cache, per-account errors, sign-in again (real extension host + sandbox)', function () {
  this.timeout(90_000);
  const s = servicesSuite({ anchorNow: false });
  let testing: TestingApi;
  let view: ServicesView;
  let account: AccountMeta;
  setup(() => {
    ({ testing, view, account } = s);
  });

  test('nothing is fetched until the tree is asked for its children; the load shows progress in the view', async () => {
    await view.model.whenIdle();
    assert.equal(await listingRequests(), 0, 'signed in, view never resolved: no listing call');
    await view.runAutoRefresh();
    assert.equal(await listingRequests(), 0, 'auto-refresh does not load a view nobody looked at');
    const progress = view.progressShown();
    await loadTree(view);
    assert.equal(await listingRequests(), 1, 'one paginated request lists all 40 services');
    assert.equal(view.progressShown(), progress + 1);
    await view.runAutoRefresh();
    assert.equal(await listingRequests(), 2);
  });

  test('cache-first paint: a new session paints from globalState at once, then refreshes in the background', async () => {
    await loadTree(view);
    const cached = testing.globalState.get<{ format: number; fetchedAt: number; services: ServiceSummary[] }>(cacheKey(account.id));
    assert.equal(cached?.format, CACHE_FORMAT);
    // The outlook reads prices from the cache: they are there, and they are not secret.
    assert.ok(cached?.services.every((service) => service.pricing?.currency === 'EUR'));
    assert.equal(cached?.services.length, 40);
    const text = JSON.stringify(cached);
    for (const secret of [sandbox().consumerKey, sandbox().applicationSecret, sandbox().applicationKey])
      assert.ok(!text.includes(secret), 'no credential in the cache');

    view.model.forgetSession();
    await admin('POST', 'latency', { ms: 1500 });
    const started = Date.now();
    view.provider.getChildren();
    const painted = serviceRows(view);
    assert.ok(Date.now() - started < 1000, 'painted without waiting for OVH');
    assert.equal(painted.length, 40);
    assert.equal(view.model.listing(account.id).source, 'cache');
    assert.equal(view.model.isLoading(account.id), true, 'and refreshing in the background');
    await view.model.whenIdle();
    assert.ok(Date.now() - started >= 1400, 'the background load went to the (slow) sandbox');
    assert.equal(view.model.listing(account.id).source, 'api');
    assert.ok((view.model.listing(account.id).fetchedAt ?? 0) > (cached?.fetchedAt ?? 0));

    // The Refresh button clears the cache first, so what follows is OVH's answer only.
    const refreshing = vscode.commands.executeCommand('ovhcloud.services.refresh');
    await until('the refresh starts', () => view.model.isLoading(account.id));
    assert.equal(testing.globalState.get(cacheKey(account.id)), undefined);
    assert.deepEqual(
      view.provider.getChildren().map((node) => labelOf(view.provider.getTreeItem(node))),
      ['Loading services…'],
    );
    await refreshing;
    await admin('DELETE', 'latency');
    assert.equal(testing.globalState.get<{ services: unknown[] }>(cacheKey(account.id))?.services.length, 40);

    await signOutEverything(testing);
    assert.equal(testing.globalState.get(cacheKey(account.id)), undefined, 'signing out forgets the cached listing');
    assert.deepEqual(view.provider.getChildren(), []);
    assert.equal(view.provider.rootState, 'signedOut');
  });

  test('errors are per-account nodes with a retry action; the other account keeps its services', async () => {
    await loadTree(view);
    await admin('POST', 'faults', { path: '/services', kind: 'status', status: 500, times: 4 });
    const other = await signInToSandbox(testing, sandbox().url.replace('127.0.0.1', 'localhost'));
    await admin('DELETE', 'requests');
    const root = await loadTree(view);
    assert.deepEqual(
      root.map((node) => labelOf(view.provider.getTreeItem(node))),
      [account.label, other.label],
    );
    assert.equal(await listingRequests(), 4, 'the failing GET was tried four times (3 retries), nothing more');
    assert.equal(serviceRows(view, [root[0]]).length, 40, 'the first account still shows everything');

    const error = messageOf(view.provider.getChildren(root[1])[0]);
    assert.equal(error.message, 'error');
    const item = view.provider.getTreeItem(error);
    assert.equal(labelOf(item), 'OVHcloud had an internal problem (500).');
    assert.deepEqual(iconOf(item), { id: 'error', color: 'list.errorForeground' });
    assert.match(String(item.contextValue), /retry/);
    assert.deepEqual(item.command && { command: item.command.command, arguments: item.command.arguments }, {
      command: 'ovhcloud.services.retry',
      arguments: [other.id],
    });

    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await view.model.whenIdle();
    const retried = view.provider.getChildren();
    assert.ok(!view.provider.getChildren(retried[1]).some((node) => node.kind === 'message'), 'the error node is gone');
    assert.equal(serviceRows(view, [retried[1]]).length, 40);

    // A failed refresh keeps the last good listing under the error node.
    await admin('POST', 'faults', { path: '/services', kind: 'status', status: 503, times: 4 });
    await vscode.commands.executeCommand('ovhcloud.services.retry', account.id);
    await view.model.whenIdle();
    const afterFailure = view.provider.getChildren();
    assert.equal(messageOf(view.provider.getChildren(afterFailure[0])[0]).message, 'error');
    assert.equal(serviceRows(view, [afterFailure[0]]).length, 40);
    assert.equal(serviceRows(view, [afterFailure[1]]).length, 40);
  });

  test('a rejected credential shows "Sign in again" once, without a storm of calls', async () => {
    await loadTree(view);
    await admin('POST', 'faults', { path: '/services', kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL', times: 1 });
    const other = await signInToSandbox(testing, sandbox().url.replace('127.0.0.1', 'localhost'));
    // SecretStorage echoes the sign-in's write as a change event whenever it likes
    // (before or after the 403 below): the echo must change nothing, so no wait here.
    await admin('DELETE', 'requests');
    const root = await loadTree(view);
    const signIn = messageOf(view.provider.getChildren(root[1])[0]);
    assert.equal(signIn.message, 'signIn');
    const item = view.provider.getTreeItem(signIn);
    assert.equal(labelOf(item), 'Sign in again');
    assert.equal(item.command?.command, 'ovhcloud.signIn');
    assert.equal(testing.accounts.isSignInNeeded(other.id), true);
    assert.equal(await listingRequests(), 1, 'a credential failure is not retried');
    assert.equal(serviceRows(view, [root[0]]).length, 40);

    await view.runAutoRefresh();
    await vscode.commands.executeCommand('ovhcloud.services.refresh');
    await view.model.whenIdle();
    assert.equal(await listingRequests(), 3, 'refreshes skip the account waiting for a sign-in');

    await signInToSandbox(testing, sandbox().url.replace('127.0.0.1', 'localhost'));
    await until('the account is usable again', () => !testing.accounts.isSignInNeeded(other.id));
    const again = await loadTree(view);
    assert.equal(serviceRows(view, [again[1]]).length, 40, 'signed in again: its services are back');
  });

  test('"Sign in again" survives the echo of the same credentials being written again (this window or another)', async () => {
    await admin('POST', 'faults', { path: '/services', kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL', times: 1 });
    await loadTree(view);
    assert.equal(testing.accounts.isSignInNeeded(account.id), true, 'the rejected credential is flagged');
    const key = AccountStore.secretKeyOf(account.id);
    const echoed = new Promise<void>((resolve) => {
      const listener = testing.secrets.onDidChange((event) => {
        if (event.key !== key) return;
        listener.dispose();
        resolve();
      });
    });
    // What a second window does when it stores the same credentials, and what our own write echoes.
    await testing.secrets.store(key, (await testing.secrets.get(key)) ?? '');
    await echoed;
    // The store reads the secret back before deciding; our read is answered after its read.
    await testing.secrets.get(key);
    assert.equal(testing.accounts.isSignInNeeded(account.id), true, 'an unchanged secret is no new sign-in');

    const other = await signInToSandbox(testing, sandbox().url.replace('127.0.0.1', 'localhost'));
    assert.notEqual(other.id, account.id);
    assert.equal(testing.accounts.isSignInNeeded(account.id), true, "another account's sign-in leaves this account's state alone");
  });
});
