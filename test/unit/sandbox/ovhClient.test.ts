import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, request, type OvhFactory, type RenewDescription } from './helpers';

// node-ovh ships no typings; load it untyped and describe the few calls used here.
const ovh = createRequire(__filename)('ovh') as OvhFactory;

/** The exact constructor options the extension needs to reach the sandbox. */
function appKeyClient(sb: Sandbox, consumerKey = sb.consumerKey) {
  return ovh({ appKey: sb.applicationKey, appSecret: sb.applicationSecret, consumerKey, host: '127.0.0.1', port: sb.port, basePath: '/1.0' });
}

function oauthClient(sb: Sandbox, clientSecret = sb.clientSecret) {
  return ovh({ clientID: sb.clientId, clientSecret, tokenURL: sb.tokenUrl, host: '127.0.0.1', port: sb.port, basePath: '/1.0' });
}

suite('sandbox: the real ovh client', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 30, seed: 7 });
  });
  suiteTeardown(() => sb.close());
  teardown(() => sb.reset());

  test('signs GETs the sandbox accepts (custom host, port and basePath)', async () => {
    const client = appKeyClient(sb);
    const me = (await client.requestPromised('GET', '/me')) as { nichandle: string; currency: { code: string } };
    assert.equal(me.currency.code, 'EUR');
    const ids = (await client.requestPromised('GET', '/services')) as number[];
    assert.equal(ids.length, 30);
    const renew = (await client.requestPromised('GET', `/service/${ids[0]}/renew`, { includeOptions: true })) as RenewDescription[];
    assert.ok(Array.isArray(renew));
    assert.ok(sb.requests.count('GET', '/auth/time') >= 1, 'node-ovh syncs its clock first');
  });

  test('signs POST bodies the sandbox accepts', async () => {
    const client = appKeyClient(sb);
    const ids = (await client.requestPromised('GET', '/services')) as number[];
    const id = ids[0] as number;
    const order = (await client.requestPromised('POST', `/service/${id}/renew`, { dryRun: true, duration: 'P1Y', services: [id] })) as { orderId: number };
    assert.equal(order.orderId, 0);
  });

  test('surfaces OVH error messages from the sandbox', async () => {
    const ck = sb.createCredential([{ method: 'GET', path: '/me' }]);
    const client = appKeyClient(sb, ck);
    await assert.rejects(client.requestPromised('GET', '/services'), { error: 403, message: 'This call has not been granted' });
    const unknown = appKeyClient(sb, 'NoSuchConsumerKeyNoSuchConsumer0');
    await assert.rejects(unknown.requestPromised('GET', '/me'), { error: 403, message: 'This credential does not exist' });
  });

  test('node-ovh never signs paths containing /auth, so currentCredential needs a bearer or a hand-signed call', async () => {
    await assert.rejects(appKeyClient(sb).requestPromised('GET', '/auth/currentCredential'), { error: 401, message: 'You must login first' });
  });

  test('requesting a consumer key with node-ovh, then validating it on the page', async () => {
    const bootstrap = ovh({ appKey: sb.applicationKey, appSecret: sb.applicationSecret, host: '127.0.0.1', port: sb.port, basePath: '/1.0' });
    const rules = [
      { method: 'GET', path: '/*' },
      { method: 'POST', path: '/service/*/renew' },
    ];
    const cred = (await bootstrap.requestPromised('POST', '/auth/credential', { accessRules: rules })) as {
      consumerKey: string;
      validationUrl: string;
      state: string;
    };
    assert.equal(cred.state, 'pendingValidation');
    await assert.rejects(appKeyClient(sb, cred.consumerKey).requestPromised('GET', '/me'), { error: 403, message: 'This credential is not valid' });
    const page = await request(cred.validationUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'action=authorize',
    });
    assert.equal(page.status, 200);
    const me = (await appKeyClient(sb, cred.consumerKey).requestPromised('GET', '/me')) as { nichandle: string };
    assert.match(me.nichandle, /-ovh$/);
  });

  test('the client also works through localhost', async () => {
    const client = ovh({
      appKey: sb.applicationKey,
      appSecret: sb.applicationSecret,
      consumerKey: sb.consumerKey,
      host: 'localhost',
      port: sb.port,
      basePath: '/1.0',
    });
    assert.ok(Array.isArray(await client.requestPromised('GET', '/services')));
  });

  test('OAuth2 client credentials: token from tokenUrl, then bearer calls', async () => {
    const client = oauthClient(sb);
    const me = (await client.requestPromised('GET', '/me')) as { nichandle: string };
    assert.match(me.nichandle, /-ovh$/);
    const details = (await client.requestPromised('GET', '/auth/details')) as { method: string };
    assert.equal(details.method, 'oauth2_client_credentials');
    assert.equal(sb.requests.count('POST', '/auth/oauth2/token'), 1, 'the token is reused while valid');
  });

  test("OAuth2 with a wrong client secret fails with the token endpoint's error", async () => {
    await assert.rejects(oauthClient(sb, 'wrong').requestPromised('GET', '/me'), (e: { error: { statusCode: number; message: unknown } }) => {
      assert.equal(e.error.statusCode, 401);
      assert.deepEqual(e.error.message, { error: 'Invalid client' });
      return true;
    });
  });

  test('token endpoint: Basic or form credentials, grant type checked, tokens expire', async () => {
    const basic = Buffer.from(`${sb.clientId}:${sb.clientSecret}`).toString('base64');
    const viaHeader = await request(`${sb.origin}/auth/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=all',
    });
    assert.equal(viaHeader.status, 200);
    const token = viaHeader.json as { access_token: string; token_type: string; expires_in: number; scope: string };
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.expires_in, 3599);
    assert.equal(token.scope, 'all');

    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sb.clientId, client_secret: sb.clientSecret }).toString();
    const viaForm = await request(`${sb.origin}/auth/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal(viaForm.status, 200);

    const wrongGrant = await request(`${sb.origin}/auth/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}` },
      body: 'grant_type=password',
    });
    assert.equal(wrongGrant.status, 400);

    const bearer = await request(`${sb.url}/me`, { headers: { Authorization: `Bearer ${token.access_token}` } });
    assert.equal(bearer.status, 200);
    const bogus = await request(`${sb.url}/me`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(bogus.status, 401);

    await admin(sb, 'POST', '/config', { tokenTtlSeconds: 0 });
    const shortLived = (
      await request(`${sb.origin}/auth/oauth2/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}` },
        body: 'grant_type=client_credentials&scope=all',
      })
    ).json as { access_token: string };
    assert.equal((await request(`${sb.url}/me`, { headers: { Authorization: `Bearer ${shortLived.access_token}` } })).status, 401);
  });
});
