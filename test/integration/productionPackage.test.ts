import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { EXTENSION_ID } from './support/extension';

/**
 * Text only the test seams put in a bundle: the testing API's setters and the variable that
 * turns them on. (The features' reads of an absent hooks object stay, and are inert.)
 */
const SEAM_MARKERS = ['setPrompter', 'setPollInterval', 'setStatusPollInterval', 'setSaveDialog', 'OVHCLOUD_TEST_MODE'];

function bundleText(extension: vscode.Extension<unknown>): string {
  const dist = path.join(extension.extensionPath, 'dist');
  const bundles = fs.readdirSync(dist).filter((name) => name.endsWith('.js'));
  assert.ok(bundles.includes('extension.js') && bundles.includes('features.js'), `bundles: ${bundles.join(', ')}`);
  return bundles.map((name) => fs.readFileSync(path.join(dist, name), 'utf8')).join('\n');
}

suite('Test seams: only in a test build', () => {
  test('the installed production .vsix exports nothing, even with OVHCLOUD_TEST_MODE set; the development build exports its testing API', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const mode = process.env.OVHCLOUD_TEST_MODE;
    assert.ok(mode === 'vsix' || mode === 'development', `OVHCLOUD_TEST_MODE=${String(mode)}`);
    const api = await extension.activate();
    if (mode === 'vsix') {
      // The variable is set in this very extension host, and the package still gives nothing.
      assert.deepEqual(Object.keys(api ?? {}), []);
      assert.equal((api as { testing?: unknown } | undefined)?.testing, undefined);
      const text = bundleText(extension);
      for (const marker of SEAM_MARKERS) assert.ok(!text.includes(marker), `the packaged bundles contain ${marker}`);
    } else {
      assert.ok(api?.testing, 'the development build under test exports its testing API');
      assert.equal(typeof api.testing.setPrompter, 'function');
    }
  });
});
