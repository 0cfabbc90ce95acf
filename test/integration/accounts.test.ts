import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/auth/accountStore';
import { SecretStore } from '../../src/auth/secretStore';
import { signIn } from '../../src/auth/signIn';
import { ValidationWaiter } from '../../src/auth/validationWait';
import { OvhApi } from '../../src/ovh';
import type { TestingApi } from '../../src/testing';
import { sandboxApi } from '../kit/sandboxClient';
import { testingApi } from './support/extension';
import { answerWhenAsked, sandbox } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { CREATE, CUSTOM, existingKeyAnswers, runSignIn, signInToSandbox, signOutEverything } from './support/signIn';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** A Linux desktop without a keyring: every SecretStorage call fails the way VS Code's does. */
const brokenKeyring: vscode.SecretStorage = {
  get: () => Promise.reject(new Error("An OS keyring couldn't be identified for storing the encryption related data")),
  store: () => Promise.reject(new Error("An OS keyring couldn't be identified for storing the encryption related data")),
  delete: () => Promise.reject(new Error("An OS keyring couldn't be identified")),
  onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
};

suite('Accounts and SecretStorage (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;

  suiteSetup(async () => {
    testing = await testingApi();
    testing.setPollInterval(100);
  });
  setup(() => signOutEverything(testing));
  suiteTeardown(() => signOutEverything(testing));

  test('a failing keyring gives an actionable message and nothing is kept in plain storage', async () => {
    const memento = new MemoryMemento();
    const store = new AccountStore(memento, new SecretStore(brokenKeyring));
    const log = vscode.window.createOutputChannel('OVHcloud keyring test', { log: true });
    try {
      const result = await signIn({
        store,
        createApi: (endpoint, credentials) => new OvhApi({ endpoint, credentials }),
        prompter: new ScriptedPrompter(existingKeyAnswers()),
        log,
        validationWaiter: new ValidationWaiter(),
      });
      assert.equal(result.status, 'failed');
      assert.match(result.status === 'failed' ? result.message : '', /keyring/);
      assert.match(result.status === 'failed' ? result.message : '', /--password-store=basic/);
      assert.deepEqual(memento.keys(), [], 'no metadata without its secret, and never the secret itself');
    } finally {
      store.dispose();
      log.dispose();
    }
  });

  test('an account added by another window shows up here (secrets.onDidChange)', async () => {
    const changed = new Promise<void>((resolve) => {
      const subscription = testing.accounts.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    // What another window's sign-in writes: the metadata, then the secret.
    const id = 'other-window-account';
    await testing.globalState.update('ovhcloud.accounts', [
      {
        id,
        endpointId: 'custom',
        customUrl: sandbox().url,
        nichandle: 'zz9999-ovh',
        label: 'zz9999-ovh (other window)',
        method: 'appKey',
        createdConsumerKey: false,
        addedAt: new Date().toISOString(),
      },
    ]);
    await testing.secrets.store(
      AccountStore.secretKeyOf(id),
      JSON.stringify({
        kind: 'appKey',
        applicationKey: sandbox().applicationKey,
        applicationSecret: sandbox().applicationSecret,
        consumerKey: sandbox().consumerKey,
      }),
    );
    await changed;
    assert.deepEqual(
      testing.accounts.list().map((meta) => meta.label),
      ['zz9999-ovh (other window)'],
    );
    assert.ok(await testing.accounts.api(id), 'and it is usable');
  });

  test('a sign-out stays a sign-out when globalState briefly reads an older account list', async () => {
    const account = await signInToSandbox(testing);
    const older = testing.globalState.get<unknown[]>('ovhcloud.accounts');
    await testing.accounts.store.remove(account.id);
    // The extension host replaces its globalState with the workbench's copy when that copy
    // changes, and the copy can still be the list from before the sign-out: the same write.
    await testing.globalState.update('ovhcloud.accounts', older);
    assert.deepEqual(testing.accounts.list(), [], 'the signed-out account does not come back');
    const again = await signInToSandbox(testing);
    assert.notEqual(again.id, account.id, 'signing in again makes a new account, never the removed one');
    assert.deepEqual(
      testing.accounts.list().map((meta) => meta.id),
      [again.id],
    );
  });

  test('signing out of a key the extension created can revoke it at OVHcloud', async () => {
    const result = await runSignIn(
      testing,
      new ScriptedPrompter(
        [{ pick: CUSTOM }, { input: sandbox().url }, { pick: CREATE }, { input: sandbox().applicationKey }, { input: sandbox().applicationSecret }],
        async (uri) => void answerWhenAsked(uri, 'authorize'),
      ),
    );
    assert.equal(result.status, 'signedIn');
    const meta = testing.accounts.list()[0];
    const { consumerKey } = JSON.parse((await testing.secrets.get(AccountStore.secretKeyOf(meta.id))) ?? '{}') as { consumerKey: string };
    testing.setPrompter(new ScriptedPrompter([{ confirm: 'Revoke and Sign Out' }]));
    try {
      await vscode.commands.executeCommand('ovhcloud.signOut');
    } finally {
      testing.setPrompter(undefined);
    }
    assert.deepEqual(testing.accounts.list(), []);
    const old = sandboxApi({ ...sandbox(), consumerKey });
    try {
      await assert.rejects(old.me(), (error: { kind?: string }) => error.kind === 'invalidCredential');
    } finally {
      old.dispose();
    }
  });
});
