import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, ok, request } from './helpers';

interface CredentialRequest {
  validationUrl: string;
  consumerKey: string;
  state: string;
}

suite('sandbox: credential request and validation page', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 10, seed: 2 });
  });
  suiteTeardown(() => sb.close());

  const requestCredential = async (body: unknown, applicationKey = sb.applicationKey) =>
    request(`${sb.url}/auth/credential`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ovh-Application': applicationKey },
      body: JSON.stringify(body),
    });

  const submit = (validationUrl: string, action: string) =>
    request(validationUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `action=${action}` });

  test('POST /auth/credential needs only the application key and returns a pending key', async () => {
    const res = await requestCredential({ accessRules: [{ method: 'GET', path: '/me' }], redirection: 'https://example.com/done' });
    assert.equal(res.status, 200, res.text);
    const cred = res.json as CredentialRequest;
    assert.equal(cred.state, 'pendingValidation');
    assert.match(cred.consumerKey, /^\w{32}$/);
    assert.ok(cred.validationUrl.startsWith(`${sb.origin}/auth/?credentialToken=`));
    const early = await call(sb, 'GET', '/me', { consumerKey: cred.consumerKey });
    assert.equal(early.status, 403);
    assert.equal((early.json as { errorCode: string }).errorCode, 'INVALID_CREDENTIAL');
  });

  test('authorizing through the page validates the key and redirects', async () => {
    const cred = (await requestCredential({ accessRules: [{ method: 'GET', path: '/me' }], redirection: 'https://example.com/done' }))
      .json as CredentialRequest;
    const page = await request(cred.validationUrl);
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.text, /<form method="post"/);
    assert.match(page.text, /name="action" value="authorize"/);
    assert.match(page.text, /GET \/me/);

    const done = await submit(cred.validationUrl, 'authorize');
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, 'https://example.com/done');

    const current = await ok<{ status: string; rules: unknown[] }>(sb, 'GET', '/auth/currentCredential', { consumerKey: cred.consumerKey });
    assert.equal(current.status, 'validated');
    assert.deepEqual(current.rules, [{ method: 'GET', path: '/me' }]);
    assert.equal((await call(sb, 'GET', '/me', { consumerKey: cred.consumerKey })).status, 200);
    assert.equal((await call(sb, 'GET', '/services', { consumerKey: cred.consumerKey })).status, 403);
    assert.equal((await request(cred.validationUrl)).status, 404, 'the link is single use');
  });

  test('without redirection the page confirms in place', async () => {
    const cred = (await requestCredential({ accessRules: [{ method: 'GET', path: '/*' }] })).json as CredentialRequest;
    const done = await submit(cred.validationUrl, 'authorize');
    assert.equal(done.status, 200);
    assert.match(done.text, /authorized/i);
  });

  test('refusing marks the key refused', async () => {
    const cred = (await requestCredential({ accessRules: [{ method: 'GET', path: '/*' }] })).json as CredentialRequest;
    assert.equal((await submit(cred.validationUrl, 'refuse')).status, 200);
    assert.equal(sb.core.credentials.credentials.get(cred.consumerKey)?.state, 'refused');
    assert.equal((await call(sb, 'GET', '/me', { consumerKey: cred.consumerKey })).status, 403);
  });

  test('bad credential requests', async () => {
    assert.equal((await requestCredential({ accessRules: [] })).status, 400);
    assert.equal((await requestCredential({ accessRules: [{ method: 'FETCH', path: '/*' }] })).status, 400);
    assert.equal((await requestCredential({ accessRules: [{ method: 'GET', path: '/*' }], redirection: 'javascript:alert(1)' })).status, 400);
    const unknownApp = await requestCredential({ accessRules: [{ method: 'GET', path: '/*' }] }, 'unknownAppKey123');
    assert.equal(unknownApp.status, 403);
    assert.equal((unknownApp.json as { errorCode: string }).errorCode, 'INVALID_KEY');
    assert.equal((await request(`${sb.origin}/auth/?credentialToken=nope`)).status, 404);
  });
});
