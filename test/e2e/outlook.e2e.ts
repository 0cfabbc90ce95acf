import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { signInThroughUi } from './signIn';
import { closeWorkbench, openWorkbench, page, panelFrame, poll, reloadWindow, runFromPalette, screenshot, setTheme } from './workbench';

/*
 * The Renewal Outlook in a dark and a light theme: opened from the Services view's title
 * bar, a month chosen with the mouse and with the keyboard, then a service of that month
 * opened in its renew panel.
 */

const sidebar = (): Locator => page().locator('.part.sidebar');

async function openOutlookFromTitleBar(): Promise<Frame> {
  // Nothing over the picture: the sign-in and expiry notifications (cleared while the
  // workbench has the keyboard, before a webview takes it), then the button's hover.
  await runFromPalette('Notifications: Clear All Notifications');
  await page().locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 30_000 });
  const button = sidebar().locator('.actions-container .action-label[aria-label^="Show Renewal Outlook"]').first();
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await page().mouse.move(1, 1);
  return panelFrame('main#app svg.chart .bar');
}

async function monthWithRenewals(frame: Frame): Promise<Locator> {
  const bar = frame.locator('.bar:has(rect.segment[height]:not([height="0"]))').first();
  await bar.waitFor({ timeout: 30_000 });
  return bar;
}

suite('Renewal outlook: chart, month list, renew panel — dark and light (Playwright)', function () {
  this.timeout(300_000);

  suiteSetup(async () => {
    await openWorkbench();
    // The extension activates when its view is first shown.
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await sidebar().locator('.welcome-view-content').first().waitFor({ timeout: 60_000 });
    await signInThroughUi();
    await sidebar().locator('.monaco-list-row .label-description', { hasText: /\d/ }).first().waitFor({ timeout: 30_000 });
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('dark: title-bar button, 12 bars, click a month, open a service in its renew panel', async () => {
    await setTheme('Dark Modern', 'vs-dark');
    const frame = await openOutlookFromTitleBar();
    assert.equal(await frame.locator('.bar').count(), 12);
    // Theme colours: the segments are painted with the theme's chart colours, not black.
    const fill = await frame
      .locator('rect.segment.automatic')
      .first()
      .evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(element).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)');
    await screenshot('outlook-dark');

    const bar = await monthWithRenewals(frame);
    const label = (await bar.getAttribute('aria-label')) ?? '';
    await bar.click();
    const title = frame.locator('#month-title');
    await title.waitFor();
    assert.ok(label.includes(`, ${(await title.innerText()).replace(/^Renewals in /, '')}: `), `${label} / ${await title.innerText()}`);
    const first = frame.locator('.services button.link').first();
    await first.waitFor();
    await screenshot('outlook-month-dark');
    await expectNoAxeViolations(frame, 'month list', 'dark');
    const name = await first.innerText();
    await first.click();
    const renew = await panelFrame('main#app .panel');
    await renew.locator('h1, h2', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await runFromPalette('View: Close All Editors');
  });

  test('light: 36-month toggle and keyboard only: arrows between months, Enter lists one', async () => {
    await setTheme('Light Modern', 'vs');
    await runFromPalette('OVHcloud: Show Renewal Outlook');
    const frame = await panelFrame('main#app svg.chart .bar');
    await frame.locator('#span-36').click();
    await poll('36 bars', async () => (await frame.locator('.bar').count()) === 36);
    await frame.locator('#span-12').click();
    await poll('12 bars', async () => (await frame.locator('.bar').count()) === 12);
    const bars = frame.locator('.bar');
    await bars.first().focus();
    await page().keyboard.press('ArrowRight');
    await poll(
      'focus on the second month',
      async () =>
        (await bars.nth(1).evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)) ||
        undefined,
    );
    const month = await bars.nth(1).getAttribute('data-month');
    await page().keyboard.press('Enter');
    await poll(
      'the second month listed',
      async () => (await frame.locator('#month-title').count()) > 0 && (await bars.nth(1).getAttribute('aria-pressed')) === 'true',
    );
    assert.ok(month);
    // The text table is there for screen readers, one row per month.
    assert.equal(await frame.locator('#outlook-table tbody tr').count(), 12);
    await screenshot('outlook-light');
    await expectNoAxeViolations(frame, 'keyboard month', 'light');
    await runFromPalette('View: Close All Editors');
  });

  test('a reload of the window brings the outlook back with the span and month it showed (WebviewPanelSerializer)', async () => {
    await runFromPalette('OVHcloud: Show Renewal Outlook');
    const frame = await panelFrame('main#app svg.chart .bar');
    await frame.locator('#span-36').click();
    await poll('36 bars', async () => (await frame.locator('.bar').count()) === 36);
    const bar = await monthWithRenewals(frame);
    const month = await bar.getAttribute('data-month');
    assert.ok(month);
    await bar.click();
    await frame.locator('#month-title').waitFor();
    await reloadWindow();
    // Only frames of the new workbench count: the restored outlook shows the same span and month.
    const restored = await panelFrame('main#app svg.chart .bar', 120_000);
    await poll('the restored outlook shows 36 months', async () => (await restored.locator('.bar').count()) === 36);
    await poll(
      'the restored outlook lists the same month',
      async () => (await restored.locator(`.bar[data-month="${month}"][aria-pressed="true"]`).count()) === 1,
    );
    await restored.locator('#month-title').waitFor();
    await runFromPalette('View: Close All Editors');
  });
});
