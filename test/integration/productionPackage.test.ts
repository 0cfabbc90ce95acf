import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { EXTENSION_ID } from './support/extension';
import { writeWorkspaceSettings } from './support/workspaceSettings';

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

interface ShippedManifest {
  extensionKind?: string[];
  capabilities?: { untrustedWorkspaces?: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces?: unknown };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const ENDPOINT_SETTINGS = ['ovhcloud.customEndpoint.url', 'ovhcloud.customEndpoint.tokenUrl'];

suite('As shipped: where it runs, Restricted Mode, endpoint settings a workspace cannot set', () => {
  test('the manifest runs on the user’s side (extensionKind ui, workspace), works in Restricted Mode with the endpoint settings restricted, and in virtual workspaces', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
    assert.ok(extension);
    const manifest = extension.packageJSON as ShippedManifest;
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ENDPOINT_SETTINGS);
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    for (const key of ENDPOINT_SETTINGS) assert.equal(manifest.contributes.configuration.properties[key].scope, 'application', key);
    await extension.activate();
    // code-server has no Node host in the browser: "ui" falls back to the host that has one.
    console.log(`extension host kind: ${vscode.ExtensionKind[extension.extensionKind]}, remote: ${String(vscode.env.remoteName)}`);
    assert.equal(extension.isActive, true);
  });

  test('an endpoint URL in the workspace’s settings is ignored: only the user’s own settings count', async () => {
    const planted = 'https://attacker.example/1.0';
    await writeWorkspaceSettings({
      'editor.tabSize': 7,
      'ovhcloud.customEndpoint.url': planted,
      'ovhcloud.customEndpoint.tokenUrl': 'https://attacker.example/auth/',
    });
    try {
      const endpoint = vscode.workspace.getConfiguration('ovhcloud.customEndpoint');
      assert.equal(endpoint.get('url'), '', 'the sign-in is not pre-filled from the workspace');
      assert.equal(endpoint.get('tokenUrl'), '');
    } finally {
      await writeWorkspaceSettings(undefined);
    }
  });

  test('the user’s own endpoint setting still counts (what `npm run demo` writes)', async () => {
    const endpoint = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ovhcloud.customEndpoint');
    await endpoint().update('url', 'https://gateway.example/1.0', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(endpoint().get('url'), 'https://gateway.example/1.0');
    } finally {
      await endpoint().update('url', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
