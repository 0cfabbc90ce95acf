import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { ServiceSummary } from '../../src/ovh';
import { formatDay, productTypeText } from '../../src/format';
import { english } from '../../src/translate';
import { factsOf } from '../../src/views/pure/serviceFacts';
import { serviceDescription, treeDescription } from '../../src/views/pure/serviceText';
import { renewableServices } from './sandboxServices';
import { signInThroughUi } from './signIn';
import { closeWorkbench, openWorkbench, page, panelFrame, poll, runFromPalette, screenshot, setTheme } from './workbench';

const sidebar = (): Locator => page().locator('.part.sidebar');
const widget = (): Locator => page().locator('.quick-input-widget');
const quickRows = (): Locator => widget().locator('.quick-input-list .monaco-list-row');
/** vscode.l10n.t in English: the workbench of these tests runs in English. */
const WARNING_DAYS = 30;

/**
 * The text of the quick pick row whose label is `name`, once the list shows it. Read in one
 * go: the list recycles its row elements as it renders, so a row found first and read
 * after may already show another item.
 */
async function quickRowText(name: string): Promise<string> {
  return poll(`"${name}" in the quick pick`, async () => (await quickRows().allInnerTexts()).find((text) => text.startsWith(name)));
}

/**
 * Issue 32: the day OVH states for a service's expiry (midnight in Paris) is the day every
 * surface shows, whatever the zone of the browser and the extension host.
 */
suite('The same expiry day everywhere (Playwright)', function () {
  this.timeout(300_000);

  suiteSetup(async () => {
    await openWorkbench();
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('five services read the same expiry day from the sandbox API in the tree, the pick list, Renew Expiring Services…, the renew panel and the batch panel', async () => {
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await signInThroughUi();
    await runFromPalette('OVHcloud: Show Services Without Groups');
    await runFromPalette('Notifications: Clear All Notifications');
    await setTheme('Dark Modern', 'vs-dark');
    // Five services of the warning window (Renew Expiring Services… lists only those), each the only one of its name.
    const now = new Date();
    const services = (
      await renewableServices(
        (service, all) =>
          service.parentServiceId === undefined &&
          service.lifecycleState !== 'terminated' &&
          !/[,"]/.test(service.displayName) &&
          all.filter((other) => other.displayName === service.displayName).length === 1 &&
          factsOf(service, now, WARNING_DAYS).status.bucket !== 'ok',
        () => true,
      )
    ).slice(0, 5);
    assert.equal(services.length, 5, services.map((service) => service.displayName).join(', '));
    const facts = (service: ServiceSummary) => factsOf(service, now, WARNING_DAYS);
    // The day OVH states, in the panels' words ("December 8, 2026"); the tree's words for that day ("in 3 days").
    const day = (service: ServiceSummary): string => formatDay(service.expirationDate, 'en', 'long') ?? '';

    // The tree: what screen readers hear starts with the name and the tree's description.
    await runFromPalette('View: Close All Editor Groups');
    for (const service of services) {
      const row = sidebar().locator(`.monaco-list-row[aria-label^="${service.displayName}, "]`).first();
      await row.waitFor({ timeout: 30_000 });
      const label = (await row.getAttribute('aria-label')) ?? '';
      assert.ok(label.startsWith(`${service.displayName}, ${treeDescription(facts(service), 'en', english)}`), `tree: ${label}`);
    }

    // The service pick list (Compare Renew Strategies…), then each service's renew panel.
    for (const service of services) {
      await runFromPalette('OVHcloud: Compare Renew Strategies…');
      const text = await quickRowText(service.displayName);
      assert.ok(text.includes(serviceDescription(facts(service), 'en', english)), `pick list: ${text}`);
      await widget().locator('.quick-input-box input').fill(service.displayName);
      await quickRows().filter({ hasText: service.displayName }).first().waitFor();
      await page().keyboard.press('Enter');
      const frame = await panelFrame('main#app .panel h1');
      await poll(`${service.displayName}'s renew panel`, async () => (await frame.locator('h1').innerText()) === service.displayName);
      const header = await frame.locator('h1 + p.muted').innerText();
      assert.ok(header.includes(`Current expiry: ${day(service)}`), `renew panel: ${header}`);
      await runFromPalette('View: Close All Editor Groups');
    }

    // Renew Expiring Services…: each row has the product type and the tree's words.
    await runFromPalette('OVHcloud: Renew Expiring Services…');
    await quickRowText(`Expiring within ${WARNING_DAYS} days`);
    await widget().locator('.quick-input-box input').fill(`Expiring within ${WARNING_DAYS} days`);
    await page().keyboard.press('Enter');
    for (const service of services) {
      const text = await quickRowText(service.displayName);
      const expected = `${productTypeText(service.type, english)} · ${treeDescription(facts(service), 'en', english)}`;
      assert.ok(text.includes(expected), `Renew Expiring Services…: ${text} (expected ${expected})`);
    }
    await screenshot('renew-expiring-list-dark');
    await page().keyboard.press('Enter');

    // The batch panel it opens: the expiry column says the day OVH states.
    const frame = await panelFrame('main#app .batch table.rows');
    for (const service of services) {
      const cell = frame.locator(`tr.row[data-key="${service.serviceId}"] td`).nth(1);
      await cell.waitFor({ timeout: 60_000 });
      assert.equal((await cell.innerText()).split('\n')[0], day(service), `batch panel: ${service.displayName}`);
    }
    // The chosen strategy's price stands outside its select, whole, at the default editor width.
    const first = frame.locator(`tr.row[data-key="${services[0]!.serviceId}"]`);
    await first.locator('.chosen-price').waitFor({ timeout: 60_000 });
    const price = first.locator('.chosen-price');
    assert.match(await price.innerText(), /\d/);
    // Whole: nothing of its text cut inside its own box, and that box inside the panel (page coordinates both).
    assert.equal(await price.evaluate((element) => element.scrollWidth <= element.clientWidth), true, 'the price text is not cut');
    const [box, panel] = [await price.boundingBox(), await frame.locator('html').boundingBox()];
    assert.ok(box && panel && box.x + box.width <= panel.x + panel.width, `the price is inside the panel: ${JSON.stringify({ box, panel })}`);
    await screenshot('batch-expiring-dark');
  });
});
