import * as assert from 'node:assert/strict';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { CUSTOM, runSignIn, signOutEverything } from './support/signIn';
import { writeWorkspaceSettings } from './support/workspaceSettings';

suite('Sign-in: an endpoint a workspace sets is ignored, and the user is told where to set it', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  suiteSetup(async () => {
    testing = await testingApi();
    await signOutEverything(testing);
  });

  async function urlPrompt(): Promise<string | undefined> {
    const prompter = new ScriptedPrompter([{ pick: CUSTOM }, { cancel: true }]);
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'cancelled');
    return prompter.asked.find((asked) => asked.startsWith('input: '));
  }

  test('the custom URL step says the workspace value is ignored and names the user settings', async () => {
    assert.equal(await urlPrompt(), 'input: API base URL', 'no workspace value: the plain prompt');
    await writeWorkspaceSettings({ 'editor.tabSize': 7, 'ovhcloud.customEndpoint.url': 'https://attacker.example/1.0' });
    try {
      assert.equal(
        await urlPrompt(),
        'input: API base URL. This workspace sets ovhcloud.customEndpoint.url, which is ignored: set it in your user settings (Preferences: Open User Settings).',
      );
    } finally {
      await writeWorkspaceSettings(undefined);
    }
  });
});
