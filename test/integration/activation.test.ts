import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'renewalsdev.ovhcloud-renewals';

suite('Extension host', () => {
  test('runs inside VS Code 1.99.3', () => {
    console.log(`vscode.version inside the extension host: ${vscode.version}`);
    assert.equal(vscode.version, '1.99.3');
  });

  test('activates the extension and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('is loaded from the location this run is meant to test', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const mode = process.env.OVHCLOUD_TEST_MODE;
    console.log(`test mode ${String(mode)}; extension loaded from ${extension.extensionPath}`);
    if (mode === 'vsix') {
      assert.match(extension.extensionPath, /[\\/]extensions[\\/]renewalsdev\.ovhcloud-renewals-/);
    } else {
      assert.equal(mode, 'development');
      assert.ok(!extension.extensionPath.includes(`${'/'}extensions${'/'}renewalsdev.`), extension.extensionPath);
    }
  });
});
