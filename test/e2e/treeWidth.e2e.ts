import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { signInThroughUi } from './signIn';
import { closeWorkbench, openWorkbench, page, runFromPalette, screenshot, setTheme } from './workbench';

/*
 * The Services view at VS Code's default sidebar width, in a light and a dark theme:
 * every visible row must show its expiry in full (nothing cut by an ellipsis), because
 * the expiry is the one thing the view exists for.
 */

const THEMES = [
  { name: 'Light Modern', workbench: 'vs', slug: 'light' },
  { name: 'Dark Modern', workbench: 'vs-dark', slug: 'dark' },
] as const;

const sidebar = (): Locator => page().locator('.part.sidebar');

interface RowFit {
  label: string;
  description: string;
  clipped: boolean;
  rowRight: number;
  textRight: number;
}

/** For each visible row: its texts, and whether the label container cuts them (ellipsis). */
async function rowFits(): Promise<RowFit[]> {
  return sidebar()
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((row) => {
        type Box = { getBoundingClientRect(): { right: number }; scrollWidth: number; clientWidth: number; textContent: string | null };
        const element = row as unknown as { querySelector(selector: string): Box | null; getBoundingClientRect(): { right: number } };
        const container = element.querySelector('.monaco-icon-label-container');
        const description = element.querySelector('.label-description');
        return {
          label: element.querySelector('.label-name')?.textContent ?? '',
          description: description?.textContent ?? '',
          clipped: container ? container.scrollWidth > container.clientWidth + 1 : true,
          rowRight: element.getBoundingClientRect().right,
          textRight: description?.getBoundingClientRect().right ?? 0,
        };
      }),
    );
}

suite('Services tree at the default sidebar width: every expiry in full (Playwright)', function () {
  this.timeout(300_000);

  suiteSetup(async () => {
    await openWorkbench();
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await sidebar().locator('.welcome-view-content').first().waitFor({ timeout: 60_000 });
    await signInThroughUi();
    await sidebar().locator('.monaco-list-row .label-description', { hasText: /\d/ }).first().waitFor({ timeout: 30_000 });
    // Nothing hovered: inline actions appear on hover only.
    await page().mouse.move(900, 500);
  });
  suiteTeardown(async () => {
    await closeWorkbench();
  });

  for (const theme of THEMES) {
    test(`${theme.name}: every visible row shows its expiry text in full`, async () => {
      await setTheme(theme.name, theme.workbench);
      await runFromPalette('Notifications: Clear All Notifications');
      const width = await sidebar().evaluate((element) => (element as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width);
      assert.ok(width >= 250 && width <= 320, `the default sidebar width (${width}px)`);
      const fits = await rowFits();
      const services = fits.filter((row) => /\d|terminated|no expiry date/.test(row.description) && !/^\d+$/.test(row.description));
      assert.ok(services.length >= 15, `service rows are visible (${services.length})`);
      assert.ok(
        services.some((row) => row.label.length >= 20 || row.label.includes('…')),
        'long names are among them',
      );
      const clipped = fits.filter((row) => row.clipped);
      await screenshot(`services-tree-default-width-${theme.slug}`);
      assert.deepEqual(
        clipped.map((row) => `${row.label} | ${row.description}`),
        [],
        'rows whose expiry is cut at the default width',
      );
    });
  }
});
