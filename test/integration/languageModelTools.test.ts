import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import { compareRenewStrategies, ovhCalendarDay, renewalOutlook } from '../../src/renewal';
import { formatMoney } from '../../src/format';
import { ledger } from './support/renew';
import { admin, sandbox } from './support/sandbox';
import { servicesSuite } from './support/servicesSuite';
import { expectedAttention, findRaw, loadTree } from './support/servicesTree';
import { signInToSandbox, signOutEverything } from './support/signIn';
import { waitFor } from './support/wait';

interface RequestLog {
  counts: Record<string, number>;
}

const DAY = 86_400_000;
const TOOLS = ['ovhcloud_expiringServices', 'ovhcloud_renewalOutlook', 'ovhcloud_renewOptions', 'ovhcloud_openRenewal'];
/** The cache key the Services view writes (src/core/listing/cachedListing.ts). */
const cacheKey = (accountId: string): string => `ovhcloud.services.listing.${accountId}`;

/** The sandbox's request counts since the last clear, without the clock reads every signed call may make. */
async function apiRequests(): Promise<Record<string, number>> {
  const { counts } = await admin<RequestLog>('GET', 'requests');
  return Object.fromEntries(Object.entries(counts).filter(([route]) => !route.includes('/auth/time')));
}

/** Calls a tool the way Copilot's agent mode does, through VS Code's tool service; returns its text. */
async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** The service ids an answer lists ("service id 123"), in order. */
const listedIds = (text: string): number[] => [...text.matchAll(/service id (\d+)/g)].map((match) => Number(match[1]));

/** The transcript docs/copilot-tools.md shows is printed by these tests (OVHCLOUD_TEST_GREP=transcript). */
function transcript(question: string, tool: string, input: object, answer: string): void {
  console.log(`\n>>> ${question}\n[${tool} ${JSON.stringify(input)}]\n${answer}\n`);
}

suite('Language-model tools: invoked through vscode.lm.invokeTool (real extension host + sandbox)', function () {
  this.timeout(120_000);
  const s = servicesSuite({ anchorNow: true });

  async function secondAccount(emptyListing: boolean): Promise<AccountMeta> {
    // localhost is the same sandbox under another name: a second signed-in account.
    const other = await signInToSandbox(s.testing, sandbox().url.replace('127.0.0.1', 'localhost'));
    if (emptyListing) await admin('POST', 'faults', { path: '/services', kind: 'status', status: 200, body: [], times: 1 });
    await s.view.model.refresh(other.id);
    await admin('DELETE', 'faults');
    return other;
  }

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the four tools are offered while signed in (when: ovhcloud.signedIn), and withdrawn once signed out', async () => {
    const ours = (): string[] => vscode.lm.tools.map((tool) => tool.name).filter((name) => name.startsWith('ovhcloud_'));
    // VS Code re-evaluates the tools' `when` clauses on a scheduler after a context key changes.
    await waitFor('the tools to be offered', () => ours().length === TOOLS.length);
    assert.deepEqual(ours().sort(), [...TOOLS].sort());
    const expiring = vscode.lm.tools.find((tool) => tool.name === 'ovhcloud_expiringServices');
    assert.ok(expiring?.tags.includes('read-only'));
    await signOutEverything(s.testing);
    await waitFor('the tools to be withdrawn', () => ours().length === 0);
  });

  test('expiring services: two accounts, one of them empty, answered from the listing the view holds with 0 requests', async () => {
    await loadTree(s.view);
    const empty = await secondAccount(true);
    await admin('DELETE', 'requests');
    const days = 30;
    const answer = await invoke('ovhcloud_expiringServices', { days });
    transcript('What expires this month, and what will it cost?', 'ovhcloud_expiringServices', { days }, answer);
    assert.deepEqual(await apiRequests(), {}, 'no request to OVH');
    const [first, second] = answer.split('\n\n');
    assert.ok(first.startsWith(`Account ${s.account.label}`), first);
    assert.ok(second.startsWith(`Account ${empty.label}`), second);
    assert.match(second, /No service expires within 30 days\./);
    // The oracle: plain date arithmetic over the API's own listing, soonest first.
    const expected = expectedAttention(s.raw, s.now, days).sort((a, b) => Date.parse(a.expirationDate ?? '') - Date.parse(b.expirationDate ?? ''));
    assert.deepEqual(new Set(listedIds(first)), new Set(expected.map((service) => service.serviceId)));
    const pixel = findRaw(s.raw, 'pixel.net', 'domain');
    const line = first.split('\n').find((l) => l.includes(`service id ${pixel.serviceId})`)) ?? '';
    assert.match(line, /in 3 days/);
    assert.ok(line.includes(formatMoney(pixel.pricing?.ucents ?? -1, 'EUR', 'en')), `the current period's price: ${line}`);
    assert.match(line, pixel.renewMode === 'automatic' ? /automatic renewal/ : /manual renewal/);
  });

  test('expiring services: two accounts with services each get their own section; the window defaults to the setting', async () => {
    await loadTree(s.view);
    const other = await secondAccount(false);
    await vscode.workspace.getConfiguration('ovhcloud').update('expiryWarningDays', 7, vscode.ConfigurationTarget.Global);
    await admin('DELETE', 'requests');
    const answer = await invoke('ovhcloud_expiringServices', {});
    assert.deepEqual(await apiRequests(), {});
    const sections = answer.split('\n\n');
    assert.equal(sections.length, 2);
    const expected = new Set(expectedAttention(s.raw, s.now, 7).map((service) => service.serviceId));
    assert.ok(sections[0].startsWith(`Account ${s.account.label}`) && sections[1].startsWith(`Account ${other.label}`));
    for (const section of sections) {
      assert.match(section, /services? expired or expires? within 7 days:/);
      assert.deepEqual(new Set(listedIds(section)), expected);
    }
  });

  test('renewal outlook: 12 and 36 months per currency from the model, 0 requests', async () => {
    await loadTree(s.view);
    await admin('DELETE', 'requests');
    for (const months of [12, 36]) {
      const answer = await invoke('ovhcloud_renewalOutlook', { months });
      if (months === 12) transcript('How much will my renewals cost over the next year?', 'ovhcloud_renewalOutlook', { months }, answer);
      const outlook = renewalOutlook(s.view.model.listing(s.account.id).services ?? [], s.now, months);
      const eur = outlook.totals.find((total) => total.currency === 'EUR');
      assert.ok(eur, 'the sandbox bills in EUR');
      assert.ok(answer.includes(`Renewals over the next ${months} months:`), answer);
      assert.ok(answer.includes(`EUR: ${formatMoney(eur.withoutEnding, 'EUR', 'en')} in all`), answer);
      assert.ok(answer.includes(`manual renewals (need an order) ${formatMoney(eur.manual, 'EUR', 'en')}`), answer);
    }
    assert.deepEqual(await apiRequests(), {});
  });

  test('a stale cache is answered with its date and how to refresh; fresh data is one listing', async () => {
    await loadTree(s.view);
    const cached = s.testing.globalState.get<{ fetchedAt: number }>(cacheKey(s.account.id));
    assert.ok(cached);
    await s.testing.globalState.update(cacheKey(s.account.id), { ...cached, fetchedAt: s.now.getTime() - 3 * DAY });
    s.view.model.forgetSession();
    await admin('DELETE', 'requests');
    const stale = await invoke('ovhcloud_expiringServices', {});
    assert.deepEqual(await apiRequests(), {}, 'the stale cache is read, not refreshed behind the user’s back');
    assert.match(stale, /may be out of date: ask for fresh data/);
    assert.match(stale, /3 days ago/);
    const fresh = await invoke('ovhcloud_expiringServices', { fresh: true });
    assert.deepEqual(await apiRequests(), { 'GET /services': 1 });
    assert.doesNotMatch(fresh, /out of date/);
  });

  test('signed out: every tool says so plainly, with how to sign in, and makes no request', async () => {
    await signOutEverything(s.testing);
    await admin('DELETE', 'requests');
    const inputs: Record<string, object> = {
      ovhcloud_expiringServices: {},
      ovhcloud_renewalOutlook: {},
      ovhcloud_renewOptions: { service: 'pixel.net' },
      ovhcloud_openRenewal: { services: ['pixel.net'] },
    };
    for (const name of TOOLS) {
      const answer = await invoke(name, inputs[name]);
      assert.match(answer, /^Nobody is signed in to OVHcloud in VS Code.*Run "OVHcloud: Sign In"/, `${name}: ${answer}`);
    }
    assert.deepEqual(await apiRequests(), {});
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, 0, 'no panel opened');
  });

  test('renew options: strategies, prices, price per month and new expiry from GET /service/{id}/renew only', async () => {
    await loadTree(s.view);
    const pixel = findRaw(s.raw, 'pixel.net', 'domain');
    await admin('DELETE', 'requests');
    // pixel.net names a domain and its hosting: the tool asks which one.
    const ambiguous = await invoke('ovhcloud_renewOptions', { service: 'pixel.net' });
    transcript('What are my options to renew pixel.net?', 'ovhcloud_renewOptions', { service: 'pixel.net' }, ambiguous);
    assert.ok(
      ambiguous.startsWith('Several services match "pixel.net"') &&
        ambiguous.includes(`pixel.net (Domain, account ${s.account.label}, service id ${pixel.serviceId})`),
      ambiguous,
    );
    const input = { service: String(pixel.serviceId) };
    const answer = await invoke('ovhcloud_renewOptions', input);
    transcript(`The domain, ${pixel.serviceId}`, 'ovhcloud_renewOptions', input, answer);
    const counts = await apiRequests();
    assert.deepEqual(
      Object.keys(counts).filter((route) => !route.startsWith('GET ')),
      [],
      'no POST: no dry run, no order',
    );
    assert.equal(counts['GET /service/{serviceId}/renew'], 1);
    // The oracle: the same offers read straight from the API layer, compared by the domain code.
    const api = await s.testing.accounts.api(s.account.id);
    const offers = await api!.listRenewDescriptions(pixel.serviceId, false);
    const rows = compareRenewStrategies(offers, pixel.serviceId, ovhCalendarDay(pixel.expirationDate)?.toISOString() ?? null, s.now).rows.filter(
      (row) => row.renewsSelected,
    );
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.ok(
        answer.includes(`${formatMoney(row.totalUcents, row.currencyCode, 'en')} (${formatMoney(row.perMonthUcents, row.currencyCode, 'en')} per month)`),
        answer,
      );
    }
    assert.equal((answer.match(/cheapest per month/g) ?? []).length, rows.filter((row) => row.cheapestPerMonth).length);
    assert.match(
      await invoke('ovhcloud_renewOptions', { service: 'no-such-service.example' }),
      /No listed OVHcloud service is called "no-such-service\.example"/,
    );
    assert.match(await invoke('ovhcloud_renewOptions', {}), /The input of ovhcloud_renewOptions was not understood/);
  });

  test('open renewal: the confirmation names the service and says nothing is ordered; the panel opens and no order exists', async () => {
    await loadTree(s.view);
    const pixel = findRaw(s.raw, 'pixel.net', 'domain');
    await admin('DELETE', 'requests');
    const input = { services: [String(pixel.serviceId)] };
    const asked = s.testing.toolConfirmations.length;
    const answer = await invoke('ovhcloud_openRenewal', input);
    transcript('Open its renewal', 'ovhcloud_openRenewal', input, answer);
    // VS Code showed this confirmation before invoking (it answers its own dialogs under test).
    assert.deepEqual(s.testing.toolConfirmations.slice(asked), [
      {
        tool: 'ovhcloud_openRenewal',
        title: 'Open the OVHcloud renew panel?',
        message: `Opens the renew panel for pixel.net (account ${s.account.label}). Nothing is ordered or paid: the panel shows the prices, and only its own confirmations can place an order.`,
      },
    ]);
    assert.match(answer, /^Opened the renew panel for pixel\.net .*Nothing was ordered or paid/);
    const panel = s.testing.renewPanels.get(s.account.id, pixel.serviceId);
    assert.ok(panel, 'the renew panel of pixel.net is open');
    await waitFor('the panel offers its renew options', () => panel.state.rows.length > 0, 30_000);
    const book = await ledger();
    assert.deepEqual([book.orders.length, book.payments.length], [0, 0], 'the ledger holds no order and no payment');
    assert.deepEqual(
      Object.keys(await apiRequests()).filter((route) => !route.startsWith('GET ')),
      [],
      'no POST at all: no dry run either',
    );
  });

  test('open renewal of several services opens one batch panel with them preselected, and orders nothing', async () => {
    await loadTree(s.view);
    const chosen = expectedAttention(s.raw, s.now, 30)
      .filter((service: ServiceSummary) => service.parentServiceId === undefined && service.lifecycleState !== 'terminated')
      .slice(0, 2);
    assert.equal(chosen.length, 2);
    await admin('DELETE', 'requests');
    const asked = s.testing.toolConfirmations.length;
    const answer = await invoke('ovhcloud_openRenewal', { services: chosen.map((service) => String(service.serviceId)) });
    const confirmation = s.testing.toolConfirmations.slice(asked);
    assert.equal(confirmation.length, 1);
    assert.equal(confirmation[0].title, 'Open the OVHcloud batch renew panel?');
    for (const service of chosen) assert.ok(confirmation[0].message.includes(`${service.displayName} (account ${s.account.label})`), confirmation[0].message);
    assert.match(confirmation[0].message, /Nothing is ordered or paid/);
    assert.match(answer, /^Opened the batch renew panel for /);
    const panels = s.testing.batchPanels.openPanels();
    assert.equal(panels.length, 1);
    await panels[0].started;
    assert.equal(panels[0].state.rows.length, 2);
    const book = await ledger();
    assert.deepEqual([book.orders.length, book.payments.length], [0, 0]);
    assert.deepEqual(
      Object.keys(await apiRequests()).filter((route) => !route.startsWith('GET ')),
      [],
    );
  });
});
