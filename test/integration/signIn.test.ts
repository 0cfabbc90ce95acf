import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AccountStore } from '../../src/auth/accountStore';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { admin, answerWhenAsked, sandbox } from './support/sandbox';
import { ScriptedPrompter, type Answer } from './support/scriptedPrompter';
import { CREATE, CUSTOM, existingKeyAnswers, EXISTING, OAUTH2, runSignIn, signOutEverything } from './support/signIn';

suite('Sign-in (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;

  suiteSetup(async () => {
    testing = await testingApi();
    testing.setPollInterval(100);
  });
  setup(() => signOutEverything(testing));
  suiteTeardown(() => signOutEverything(testing));

  test('(b) an existing consumer key: validated with GET /me, stored in SecretStorage only', async () => {
    const prompter = new ScriptedPrompter(existingKeyAnswers());
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'signedIn', JSON.stringify(result));
    assert.equal(prompter.remaining, 0);
    assert.deepEqual(prompter.validationMessages, []);
    assert.deepEqual(prompter.secretPrompts, ['Application secret', 'Consumer key']);
    const [meta] = testing.accounts.list();
    assert.match(meta.label, /^\S+ \(127\.0\.0\.1:\d+\)$/);
    const stored = JSON.parse((await testing.secrets.get(AccountStore.secretKeyOf(meta.id))) ?? '{}') as Record<string, string>;
    assert.equal(stored.consumerKey, sandbox().consumerKey);
    assert.equal(stored.applicationSecret, sandbox().applicationSecret);
  });

  test('(a) create a consumer key: the user approves it on the validation page and the wait ends', async () => {
    let validationUrl = '';
    const prompter = new ScriptedPrompter(
      [{ pick: CUSTOM }, { input: sandbox().url }, { pick: CREATE }, { input: sandbox().applicationKey }, { input: sandbox().applicationSecret }],
      async (uri) => {
        validationUrl = uri;
        // The user clicks "Authorize" while the extension waits for the answer.
        void answerWhenAsked(uri, 'authorize');
      },
    );
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'signedIn', JSON.stringify(result));
    assert.match(validationUrl, /^https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=/);
    const meta = testing.accounts.list()[0];
    assert.equal(meta.createdConsumerKey, true);
    const stored = JSON.parse((await testing.secrets.get(AccountStore.secretKeyOf(meta.id))) ?? '{}') as Record<string, string>;
    assert.ok(stored.consumerKey && stored.consumerKey !== sandbox().consumerKey, 'a new consumer key was stored');
  });

  test('(a) refused on the validation page: nothing is stored', async () => {
    const prompter = new ScriptedPrompter(
      [{ pick: CUSTOM }, { input: sandbox().url }, { pick: CREATE }, { input: sandbox().applicationKey }, { input: sandbox().applicationSecret }],
      async (uri) => void answerWhenAsked(uri, 'refuse'),
    );
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.message : '', /refused/);
    assert.deepEqual(testing.accounts.list(), []);
  });

  test('(c) an OAuth2 service account', async () => {
    const prompter = new ScriptedPrompter([
      { pick: CUSTOM },
      { input: sandbox().url },
      { pick: OAUTH2 },
      { input: sandbox().tokenUrl },
      { input: sandbox().clientId },
      { input: sandbox().clientSecret },
    ]);
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'signedIn', JSON.stringify(result));
    const meta = testing.accounts.list()[0];
    assert.equal(meta.method, 'oauth2');
    const stored = JSON.parse((await testing.secrets.get(AccountStore.secretKeyOf(meta.id))) ?? '{}') as Record<string, string>;
    assert.equal(stored.clientSecret, sandbox().clientSecret);
  });

  test('(c) an OAuth2 service account no IAM policy grants: the missing action is named, not "sign in again"', async () => {
    const account = await admin<{ clientId: string; clientSecret: string }>('POST', 'service-accounts', { policy: 'none' });
    const prompter = new ScriptedPrompter([
      { pick: CUSTOM },
      { input: sandbox().url },
      { pick: OAUTH2 },
      { input: sandbox().tokenUrl },
      { input: account.clientId },
      { input: account.clientSecret },
    ]);
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'failed');
    const message = result.status === 'failed' ? result.message : '';
    assert.match(message, /account:apiovh:me\/get/);
    assert.match(message, /Identity and Access Management/);
    assert.deepEqual(testing.accounts.list(), []);
  });

  test('a wrong application secret names the wrong value, and nothing is stored', async () => {
    const wrongSecret = `${sandbox().applicationSecret.slice(0, -3)}abc`;
    const result = await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers(undefined, undefined, wrongSecret)));
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.message : '', /application secret does not match the application key/);
    assert.deepEqual(testing.accounts.list(), []);
  });

  test('an unknown consumer key names the consumer key', async () => {
    const result = await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers(undefined, 'NoSuchConsumerKey0123456789abcd')));
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.message : '', /consumer key/);
    assert.deepEqual(testing.accounts.list(), []);
  });

  test('typos get messages under the input: http URL, spaces in a key; pasted quotes are forgiven', async () => {
    const prompter = new ScriptedPrompter([{ pick: CUSTOM }, { input: 'http://127.0.0.1/1.0' }]);
    const result = await runSignIn(testing, prompter);
    assert.equal(result.status, 'failed');
    assert.match(prompter.validationMessages[0] ?? '', /https:\/\//);

    const spaced = new ScriptedPrompter([{ pick: CUSTOM }, { input: sandbox().url }, { pick: EXISTING }, { input: 'abc def ghi jkl' }]);
    assert.equal((await runSignIn(testing, spaced)).status, 'failed');
    assert.match(spaced.validationMessages[0] ?? '', /spaces/);

    const long = new ScriptedPrompter([{ pick: CUSTOM }, { input: sandbox().url }, { pick: EXISTING }, { input: 'a'.repeat(5000) }]);
    assert.equal((await runSignIn(testing, long)).status, 'failed');
    assert.match(long.validationMessages[0] ?? '', /too long \(5000 characters\)/);

    const badUrls = ['ftp://127.0.0.1/1.0', 'https://user:pw@127.0.0.1/1.0', 'not a url', `${sandbox().url}?debug=1`];
    for (const url of badUrls) {
      const prompter = new ScriptedPrompter([{ pick: CUSTOM }, { input: url }]);
      assert.equal((await runSignIn(testing, prompter)).status, 'failed', url);
      assert.ok((prompter.validationMessages[0] ?? '').length > 10, `a message for ${url}`);
    }

    const quoted = existingKeyAnswers();
    quoted[3] = { input: ` "${sandbox().applicationKey}"\n` };
    assert.equal((await runSignIn(testing, new ScriptedPrompter(quoted))).status, 'signedIn');
  });

  test('cancelling at any step leaves nothing behind', async () => {
    const steps = existingKeyAnswers();
    for (let stop = 0; stop < steps.length; stop++) {
      const answers: Answer[] = [...steps.slice(0, stop), { cancel: true }];
      const result = await runSignIn(testing, new ScriptedPrompter(answers));
      assert.equal(result.status, 'cancelled', `cancel at step ${stop}`);
      assert.deepEqual(testing.accounts.list(), [], `cancel at step ${stop}`);
    }
  });

  test('two accounts side by side, then sign-out removes every secret', async () => {
    const other = sandbox().url.replace('127.0.0.1', 'localhost');
    assert.equal((await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers()))).status, 'signedIn');
    assert.equal((await runSignIn(testing, new ScriptedPrompter(existingKeyAnswers(other)))).status, 'signedIn');
    const accounts = testing.accounts.list();
    assert.equal(accounts.length, 2);
    assert.notEqual(accounts[0].label, accounts[1].label);
    // What VS Code's Accounts menu lists for the provider.
    const listed = await vscode.authentication.getAccounts('ovhcloud');
    assert.deepEqual(listed.map((account) => account.label).sort(), accounts.map((meta) => meta.label).sort());

    testing.setPrompter(new ScriptedPrompter([{ pick: 'All accounts' }]));
    try {
      await vscode.commands.executeCommand('ovhcloud.signOut');
    } finally {
      testing.setPrompter(undefined);
    }
    assert.deepEqual(testing.accounts.list(), []);
    for (const meta of accounts) assert.equal(await testing.secrets.get(AccountStore.secretKeyOf(meta.id)), undefined);
  });
});
