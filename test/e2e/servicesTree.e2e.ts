import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { signInThroughUi } from './signIn';
import { chooseMenuItem, closeWorkbench, openWorkbench, page, poll, screenshot, setTheme } from './workbench';

const sidebar = (): Locator => page().locator('.part.sidebar');
const row = (text: string | RegExp): Locator => sidebar().locator('.monaco-list-row', { hasText: text }).first();
const quickInput = (): Locator => page().locator('.quick-input-widget .quick-input-box input');

/** Visible tree rows' labels (the list is virtualised: only what fits on screen). */
async function visibleLabels(): Promise<string[]> {
  return sidebar().locator('.monaco-list-row .label-name').allInnerTexts();
}

async function waitForLabels(what: string, check: (labels: string[]) => boolean): Promise<string[]> {
  let last: string[] = [];
  return poll(what, async () => {
    last = await visibleLabels();
    return check(last) && last;
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; visible: ${last.join(' | ')}`);
  });
}

async function titleAction(label: string): Promise<void> {
  await sidebar().locator(`.title-actions .action-label[aria-label^="${label}"]`).first().click();
}

/** A title-bar submenu opens from its dropdown label; its entries render in a menu. */
async function titleSubmenu(label: string, entry: string): Promise<void> {
  await sidebar().locator(`.title-actions .monaco-dropdown:has([aria-label="${label}"]) .dropdown-label`).first().click();
  await chooseMenuItem(entry);
}

async function openFilter(): Promise<void> {
  await titleAction('Filter Services');
  await page().locator('.quick-input-widget .quick-input-box input[placeholder^="Type part of a name or id"]').waitFor();
}

suite('Services tree (Playwright)', function () {
  this.timeout(180_000);

  suiteSetup(async () => {
    await openWorkbench();
  });

  // Signed in, the workbench no longer shows the welcome view other suites expect: start them afresh.
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('signing in through the UI shows the services with their expiry, badge, status bar and notification', async () => {
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await sidebar().locator('.welcome-view-content', { hasText: 'date each one expires' }).waitFor();
    await signInThroughUi({ screenshotName: 'sign-in-quick-pick' });

    await row('pixel.net').waitFor({ timeout: 30_000 });
    const labels = await visibleLabels();
    assert.ok(labels.includes('Domains'), `grouped by product type: ${labels.join(' | ')}`);
    const descriptions = await sidebar().locator('.monaco-list-row .label-description').allInnerTexts();
    assert.ok(
      descriptions.some((text) => /^(in \d+ days|tomorrow)$/.test(text)),
      `a relative expiry: ${descriptions.join(' | ')}`,
    );
    assert.ok(
      descriptions.some((text) => /^expired \d+ days ago$/.test(text)),
      'an expired service',
    );
    assert.ok(
      descriptions.some((text) => /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/.test(text)),
      'a later one as a date',
    );

    const badge = await page().locator('.activitybar .action-item:has([aria-label^="OVHcloud"]) .badge-content').first().innerText();
    assert.match(badge, /^\d+$/);
    await page().locator('.statusbar-item[aria-label*="OVHcloud services have expired"]').first().waitFor();
    await page().locator('.notifications-toasts', { hasText: 'OVHcloud services have expired or expire within 30 days' }).waitFor({ timeout: 30_000 });
    const file = await screenshot('services-tree');
    assert.ok(fs.statSync(file).size > 10_000);
  });

  test('the filter narrows what is visible: text, then the "Expired" toggle', async () => {
    await openFilter();
    await quickInput().fill('pixel');
    await page().keyboard.press('Enter');
    const filtered = await waitForLabels('only pixel services', (labels) => labels.includes('pixel.net') && !labels.includes('atelier.eu'));
    assert.ok(
      filtered.every((label) => /pixel|Domains|Web hosting|MX Plan/.test(label)),
      filtered.join(' | '),
    );
    // The active filter is spelled out above the tree (the view message).
    await sidebar().getByText('Filter: "pixel"').filter({ visible: true }).first().waitFor();
    await screenshot('services-tree-filtered');

    await openFilter();
    await quickInput().fill('');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Expired' }).first().click();
    await page().keyboard.press('Enter');
    const expired = await waitForLabels('only expired services', (labels) => labels.includes('orbit-garden.fr') && !labels.includes('pixel.net'));
    assert.deepEqual(expired.filter((label) => label !== 'Domains').sort(), ['café-crème.fr', 'orbit-garden.fr']);

    await titleAction('Clear Services Filter');
    await waitForLabels('everything again', (labels) => labels.includes('pixel.net') && labels.includes('orbit-garden.fr'));
  });

  test('group by expiry from the title-bar submenu; screenshots in light and dark themes', async () => {
    await titleSubmenu('Group By', 'Group Services by Expiry');
    const grouped = await waitForLabels(
      'expiry groups',
      (labels) => labels.includes('Expired') && labels.includes('Within 7 days') && !labels.includes('Domains'),
    );
    assert.equal(grouped[0], 'Expired');

    await setTheme('Light Modern', 'vs');
    const light = await screenshot('services-tree-light');
    await setTheme('Dark Modern', 'vs-dark');
    const dark = await screenshot('services-tree-dark');
    assert.ok(fs.statSync(light).size > 10_000 && fs.statSync(dark).size > 10_000);
    assert.notDeepEqual(fs.readFileSync(light), fs.readFileSync(dark));
  });
});
