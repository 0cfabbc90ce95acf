import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { admin, call, ok, request, serverTime, sign } from './helpers';

suite('sandbox: request signing and credentials', () => {
  let sb: Sandbox;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 20, seed: 3 });
  });
  suiteTeardown(() => sb.close());
  teardown(() => sb.reset());

  test('GET /auth/time is public and returns bare unix seconds', async () => {
    const res = await request(`${sb.url}/auth/time`);
    assert.equal(res.status, 200);
    assert.match(res.text, /^\d+$/);
    assert.ok(Math.abs((res.json as number) - Date.now() / 1000) < 5);
  });

  test('a correctly signed call succeeds, with or without the port in the signed URL', async () => {
    const me = await ok<{ nichandle: string }>(sb, 'GET', '/me');
    assert.match(me.nichandle, /^[a-z]{2}\d{5}-ovh$/);
    const res = await call(sb, 'GET', '/me', { signWithoutPort: true });
    assert.equal(res.status, 200);
  });

  test('the query string is part of the signed URL', async () => {
    const res = await call(sb, 'GET', '/services?routes=/vps/{serviceName}');
    assert.equal(res.status, 200);
    const tampered = await call(sb, 'GET', '/services', {
      signature: sign(sb.applicationSecret, sb.consumerKey, 'GET', `${sb.url}/services?x=1`, '', serverTime(sb)),
    });
    assert.equal(tampered.status, 400);
  });

  test('a wrong signature answers 400 with OVH\'s "Invalid signature" body', async () => {
    const res = await call(sb, 'GET', '/me', { signature: '$1$0000000000000000000000000000000000000000' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { class: 'Client::BadRequest', errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' });
    assert.ok(res.headers['x-ovh-queryid']);
  });

  test('a wrong application secret is a wrong signature', async () => {
    const res = await call(sb, 'GET', '/me', { applicationSecret: 'not-the-secret' });
    assert.equal(res.status, 400);
    assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_SIGNATURE');
  });

  test('an unknown consumer key answers 403 NOT_CREDENTIAL', async () => {
    const res = await call(sb, 'GET', '/me', { consumerKey: 'NoSuchConsumerKeyNoSuchConsumer0' });
    assert.equal(res.status, 403);
    assert.deepEqual(res.json, {
      class: 'Client::Forbidden',
      errorCode: 'NOT_CREDENTIAL',
      httpCode: '403 Forbidden',
      message: 'This credential does not exist',
    });
  });

  for (const state of ['pendingValidation', 'refused', 'expired'] as const) {
    test(`a ${state} consumer key answers 403 INVALID_CREDENTIAL`, async () => {
      const ck = sb.createCredential(undefined, state);
      const res = await call(sb, 'GET', '/me', { consumerKey: ck });
      assert.equal(res.status, 403);
      assert.deepEqual(res.json, {
        class: 'Client::Forbidden',
        errorCode: 'INVALID_CREDENTIAL',
        httpCode: '403 Forbidden',
        message: 'This credential is not valid',
      });
    });
  }

  test('a key not validated yet gets 403 INVALID_CREDENTIAL even at /auth/currentCredential, as OVH answers (php-ovh #56)', async () => {
    const ck = sb.createCredential(undefined, 'pendingValidation');
    const res = await call(sb, 'GET', '/auth/currentCredential', { consumerKey: ck });
    assert.equal(res.status, 403, res.text);
    assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_CREDENTIAL');
    assert.doesNotMatch((res.json as { message: string }).message, /refus/i);
  });

  test('a refused key answers 403 INVALID_CREDENTIAL naming the refusal at /auth/currentCredential (refusedKeyAnswer: forbidden)', async () => {
    const ck = sb.createCredential(undefined, 'refused');
    const res = await call(sb, 'GET', '/auth/currentCredential', { consumerKey: ck });
    assert.equal(res.status, 403, res.text);
    assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_CREDENTIAL');
    assert.match((res.json as { message: string }).message, /refused/);
  });

  test('with refusedKeyAnswer: status a refused key reads its own status; an expired one always can', async () => {
    sb.config.refusedKeyAnswer = 'status';
    try {
      for (const state of ['refused', 'expired'] as const) {
        const ck = sb.createCredential(undefined, state);
        const res = await call(sb, 'GET', '/auth/currentCredential', { consumerKey: ck });
        assert.equal(res.status, 200, res.text);
        assert.equal((res.json as { status: string }).status, state);
      }
    } finally {
      sb.config.refusedKeyAnswer = 'forbidden';
    }
  });

  test('a consumer key past its expiration stops working', async () => {
    const ck = sb.createCredential(undefined, 'validated', 0);
    const res = await call(sb, 'GET', '/me', { consumerKey: ck });
    assert.equal(res.status, 403);
    assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_CREDENTIAL');
  });

  test('an unknown application key answers 403 INVALID_KEY', async () => {
    const res = await call(sb, 'GET', '/me', { applicationKey: 'unknownAppKey123' });
    assert.equal(res.status, 403);
    assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_KEY');
  });

  test('a call without consumer key answers 401 "You must login first"', async () => {
    const res = await request(`${sb.url}/me`, { headers: { 'X-Ovh-Application': sb.applicationKey } });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, { class: 'Client::Unauthorized', message: 'You must login first' });
  });

  test('a timestamp too far from server time is rejected with 400', async () => {
    for (const skew of [-120, 120]) {
      const res = await call(sb, 'GET', '/me', { timestamp: serverTime(sb) + skew });
      assert.equal(res.status, 400, `skew ${skew}`);
      assert.equal((res.json as { errorCode: string }).errorCode, 'INVALID_TIMESTAMP');
    }
    assert.equal((await call(sb, 'GET', '/me', { timestamp: serverTime(sb) - 20 })).status, 200);
  });

  test('clock skew moves /auth/time and makes client timestamps stale', async () => {
    const before = await ok<number>(sb, 'GET', '/auth/time');
    assert.equal((await admin(sb, 'POST', '/clock', { offsetSeconds: 3600 })).status, 200);
    const after = (await request(`${sb.url}/auth/time`)).json as number;
    assert.ok(after - before >= 3599, `${after} vs ${before}`);
    const stale = await call(sb, 'GET', '/me', { timestamp: Math.floor(Date.now() / 1000) });
    assert.equal(stale.status, 400);
    assert.equal((await call(sb, 'GET', '/me', { timestamp: after })).status, 200);
  });

  test('a call outside the access rules answers 403 "This call has not been granted"', async () => {
    const ck = sb.createCredential([
      { method: 'GET', path: '/me' },
      { method: 'GET', path: '/me/order/*' },
    ]);
    assert.equal((await call(sb, 'GET', '/me', { consumerKey: ck })).status, 200);
    assert.equal((await call(sb, 'GET', '/me/order/1/status', { consumerKey: ck })).status, 404);
    const denied = await call(sb, 'GET', '/services', { consumerKey: ck });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.json, {
      class: 'Client::Forbidden',
      errorCode: 'NOT_GRANTED_CALL',
      httpCode: '403 Forbidden',
      message: 'This call has not been granted',
    });
    // `/me/order/*` does not cover `/me/order` itself, and methods are matched exactly.
    assert.equal((await call(sb, 'GET', '/me/order', { consumerKey: ck })).status, 403);
    const post = await call(sb, 'POST', '/me/order/1/pay', { consumerKey: ck, body: {} });
    assert.equal(post.status, 403);
  });

  test('admin credentials endpoint creates keys in a given state', async () => {
    const res = await admin(sb, 'POST', '/credentials', { rules: [{ method: 'GET', path: '/me' }], state: 'validated' });
    assert.equal(res.status, 201);
    const { consumerKey } = res.json as { consumerKey: string };
    assert.equal((await call(sb, 'GET', '/me', { consumerKey })).status, 200);
    assert.equal((await admin(sb, 'PUT', `/credentials/${consumerKey}`, { state: 'expired' })).status, 200);
    assert.equal((await call(sb, 'GET', '/me', { consumerKey })).status, 403);
    assert.equal((await admin(sb, 'POST', '/credentials', { state: 'bogus' })).status, 400);
  });

  test("GET /auth/currentCredential reports the key with OVH's fields", async () => {
    const cred = await ok<Record<string, unknown>>(sb, 'GET', '/auth/currentCredential');
    assert.deepEqual(Object.keys(cred).sort(), [
      'allowedIPs',
      'applicationId',
      'creation',
      'credentialId',
      'expiration',
      'lastUse',
      'ovhSupport',
      'rules',
      'status',
    ]);
    assert.equal(cred.status, 'validated');
    assert.equal(cred.ovhSupport, false);
    assert.deepEqual(
      cred.rules,
      ['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({ method, path: '/*' })),
    );
    assert.equal(typeof cred.applicationId, 'number');
    assert.match(String(cred.lastUse), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  });

  test("every response carries an X-Ovh-QueryID, unknown routes answer OVH's 404", async () => {
    const res = await call(sb, 'GET', '/no/such/route');
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, { class: 'Client::NotFound', message: 'Got an invalid (or empty) URL' });
    assert.match(String(res.headers['x-ovh-queryid']), /^EU\.ext-/);
    const time = await request(`${sb.url}/auth/time`);
    assert.ok(time.headers['x-ovh-queryid']);
  });

  test('a tampered body breaks the signature', async () => {
    const services = await ok<number[]>(sb, 'GET', '/services');
    const id = services[0] as number;
    const body = { dryRun: true, duration: 'P1Y', services: [id] };
    const signed = await call(sb, 'POST', `/service/${id}/renew`, { body });
    assert.equal(signed.status, 200, signed.text);
    const forged = await call(sb, 'POST', `/service/${id}/renew`, {
      body,
      signature: sign(sb.applicationSecret, sb.consumerKey, 'POST', `${sb.url}/service/${id}/renew`, '{}', serverTime(sb)),
    });
    assert.equal(forged.status, 400);
  });
});
