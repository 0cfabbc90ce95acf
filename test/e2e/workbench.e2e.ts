import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { closeWorkbench, openWorkbench, page, runFromPalette, screenshot } from './workbench';

suite('Workbench (Playwright)', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    await openWorkbench();
  });

  suiteTeardown(async () => {
    await closeWorkbench();
  });

  test('the OVHcloud activity-bar entry opens the Services view', async () => {
    const entry = page().locator('.activitybar [aria-label^="OVHcloud"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    // With a single view in the container, VS Code folds the view name into the side bar title.
    const title = page().locator('.part.sidebar .composite.title', { hasText: /services/i });
    await title.waitFor();
    const welcome = page().locator('.welcome-view-content', { hasText: 'date each one expires' });
    await welcome.waitFor();
    const file = await screenshot('services-view');
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });

  test('"OVHcloud: Show Log" runs from the command palette and shows the log channel', async () => {
    await runFromPalette('OVHcloud: Show Log');
    // The Output view shows the channel's activation line, written by the extension itself.
    const line = page().locator('.part.panel .view-lines', { hasText: 'Activated renewalsdev.ovhcloud-renewals' });
    await line.waitFor({ timeout: 30_000 });
    assert.match((await line.innerText()).replace(/\u00a0/g, ' '), /in VS Code 1\.99\.3/);
    await screenshot('show-log');
  });
});
