import * as assert from 'node:assert/strict';
import { describeError, OvhApi, OvhApiError } from '../../../src/ovh';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { until } from '../sandbox/helpers';
import { apiFor, apiOptions } from './sandboxClient';

/** The extension's client, over real HTTPS, against the sandbox OVH API. */
suite('OVH client against the sandbox: the renewal journey', function () {
  let sb: Sandbox;
  let api: OvhApi;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 60, seed: 3, orderStepMs: 20 });
  });
  suiteTeardown(() => sb.close());
  setup(() => {
    sb.reset();
    api = apiFor(sb);
  });
  teardown(() => api.dispose());

  test('GET /me with a signed request', async () => {
    assert.equal((await api.me()).nichandle, sb.state.account.nichandle);
  });

  test('OAuth2 client credentials reach the same account', async () => {
    const oauth = apiFor(sb, { kind: 'oauth2' });
    try {
      assert.equal((await oauth.me()).nichandle, sb.state.account.nichandle);
    } finally {
      oauth.dispose();
    }
  });

  test('listing via pagination: every service in one page request', async () => {
    sb.requests.reset();
    const listing = await api.listServices();
    assert.equal(listing.mode, 'pages');
    assert.equal(listing.services.length, sb.state.services.length);
    assert.deepEqual(listing.unreadable, []);
    assert.equal(sb.requests.count('GET', '/services'), 1);
    assert.equal(sb.requests.count('GET', '/services/{serviceId}'), 0);
  });

  test('listing via pagination across several pages', async () => {
    const small = apiFor(sb, undefined, { pageSize: 7 });
    try {
      sb.requests.reset();
      const progress: number[] = [];
      const listing = await small.listServices((loaded) => progress.push(loaded));
      assert.equal(listing.services.length, sb.state.services.length);
      assert.equal(new Set(listing.services.map((s) => s.serviceId)).size, sb.state.services.length, 'no duplicates across pages');
      assert.equal(sb.requests.count('GET', '/services'), Math.ceil(sb.state.services.length / 7));
      assert.equal(progress.at(-1), sb.state.services.length);
    } finally {
      small.dispose();
    }
  });

  test('non-ASCII names, escaped as \\uXXXX on the wire, arrive intact', async () => {
    const listing = await api.listServices();
    const expected = sb.state.services
      .filter((s) => /[^\x00-\x7f]/.test(s.displayName))
      .map((s) => s.displayName)
      .sort();
    assert.ok(expected.length > 0, 'the seeded account has non-ASCII names');
    const names = listing.services.map((s) => s.displayName);
    for (const name of expected) assert.ok(names.includes(name), name);
  });

  test('the fallback path: an id list, then one GET per service', async () => {
    sb.config.pagination = false;
    sb.requests.reset();
    const listing = await api.listServices();
    assert.equal(listing.mode, 'ids');
    assert.equal(listing.services.length, sb.state.services.length);
    assert.equal(sb.requests.count('GET', '/services/{serviceId}'), sb.state.services.length);
  });

  test('every sandbox answer the extension reads matches the project schemas', async () => {
    // The transport validates each body with its zod schema and throws schemaMismatch otherwise.
    const listing = await api.listServices();
    assert.deepEqual(listing.unreadable, []);
    for (const service of listing.services) {
      await api.getService(service.serviceId);
      await api.listRenewDescriptions(service.serviceId, true);
    }
    const methods = await api.listPaymentMethods();
    assert.equal(methods.length, sb.state.paymentMethods.length);
    for (const id of await api.listOrderIds()) await api.getOrder(id);
    assert.equal((await api.currentCredential()).status, 'validated');
  });

  test('renew → dry run → order → payment means → pay → status delivered → expiry moved', async () => {
    const domain = sb.state.services.find((s) => s.kind === 'domain' && s.bundleId !== null && !s.automaticOnly && s.lifecycleState !== 'terminated');
    assert.ok(domain, 'the seeded account has a bundled domain');
    const descriptions = await api.listRenewDescriptions(domain.serviceId, false);
    assert.ok(descriptions.length > 0);
    const period = descriptions[0];
    const bundle = period.strategies.find((strategy) => strategy.services.length > 1);
    assert.ok(bundle, 'a strategy renews the domain with its hosting');

    const request = { duration: period.renewPeriod, services: bundle.services };
    const preview = await api.previewRenew(domain.serviceId, request);
    assert.ok(preview.priceWithTax.value > preview.priceWithoutTax.value);
    assert.equal(sb.ledger().orders.length, 0, 'a dry run creates nothing');

    const order = await api.createRenewOrder(domain.serviceId, request);
    assert.equal(order.priceWithTax.value, preview.priceWithTax.value);
    assert.equal(sb.ledger().orders.length, 1);
    assert.equal(await api.getOrderStatus(order.orderId), 'notPaid');
    assert.equal((await api.getOrder(order.orderId)).orderId, order.orderId);
    assert.ok((await api.listOrderIds(new Date(Date.now() - 60_000))).includes(order.orderId));

    const options = await api.listOrderPaymentMethods(order.orderId);
    assert.ok(options.length >= 2);
    assert.equal(options[0].isDefault, true, 'the default method comes first');
    assert.ok(
      options.some((option) => !option.selectable),
      'an expired method is listed but not selectable',
    );
    assert.match(options[0].label, /•••• \d{4}$/);

    const before = domain.expirationMs;
    await api.payOrder(order.orderId, options[0]);
    assert.deepEqual(
      sb.ledger().payments.map((p) => p.orderId),
      [order.orderId],
    );
    const seen = new Set<string>();
    await until('the order is delivered', async () => {
      seen.add(await api.getOrderStatus(order.orderId));
      return seen.has('delivered');
    });
    assert.ok(seen.has('delivered'), [...seen].join(','));
    const renewed = await api.getService(domain.serviceId);
    assert.ok(Date.parse(renewed.expirationDate ?? '') > before, 'the expiry moved forward');
  });
});

interface ErrorCase {
  readonly name: string;
  readonly kind: OvhApiError['kind'];
  readonly explanation: RegExp;
  /** Sets the fault up; returns the call that should fail. */
  readonly arrange: (sb: Sandbox, api: OvhApi) => Promise<() => Promise<unknown>>;
}

const fault = (sb: Sandbox, spec: Parameters<Sandbox['faults']['add']>[0]): void => void sb.faults.add(spec);

const ERROR_CASES: ErrorCase[] = [
  {
    name: '400 invalid signature (wrong application secret)',
    kind: 'invalidSignature',
    explanation: /signature/,
    arrange: async (sb) => {
      const wrong = apiFor(sb, { kind: 'appKey', applicationSecret: 'WrongSecretWrongSecretWrongSecre' } as never);
      return () => wrong.me();
    },
  },
  {
    name: '400 clock skew (server clock moved after the client synced)',
    kind: 'clockSkew',
    explanation: /clock/,
    arrange: async (sb, api) => {
      await api.me();
      sb.setClockOffset(3600);
      return () => api.me();
    },
  },
  {
    name: '401',
    kind: 'unauthorized',
    explanation: /sign-in/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'status', status: 401 }), () => api.me()),
  },
  {
    name: '403 invalid credential',
    kind: 'invalidCredential',
    explanation: /no longer valid/,
    arrange: async (sb) => {
      const pending = apiFor(sb, { kind: 'appKey', consumerKey: sb.createCredential(undefined, 'expired') } as never);
      return () => pending.me();
    },
  },
  {
    name: '403 not granted (a key limited to GET /me)',
    kind: 'notGranted',
    explanation: /not allowed to call GET \/services/,
    arrange: async (sb) => {
      const limited = apiFor(sb, { kind: 'appKey', consumerKey: sb.createCredential([{ method: 'GET', path: '/me' }]) } as never);
      return () => limited.listServices();
    },
  },
  { name: '404', kind: 'notFound', explanation: /does not know/, arrange: async (_sb, api) => () => api.getService(999_999_999) },
  {
    name: '409 paying twice',
    kind: 'conflict',
    explanation: /conflict/,
    arrange: async (sb, api) => {
      const service = sb.state.services.find((s) => s.kind === 'vps' && !s.automaticOnly && s.lifecycleState !== 'terminated');
      assert.ok(service);
      const [period] = await api.listRenewDescriptions(service.serviceId, false);
      const order = await api.createRenewOrder(service.serviceId, { duration: period.renewPeriod, services: period.strategies[0].services });
      const [option] = await api.listOrderPaymentMethods(order.orderId);
      await api.payOrder(order.orderId, option);
      return () => api.payOrder(order.orderId, option);
    },
  },
  {
    name: '429 with Retry-After',
    kind: 'rateLimited',
    explanation: /wait 2 seconds/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'rateLimit', retryAfter: 2 }), () => api.me()),
  },
  {
    name: '460 expired service',
    kind: 'expiredService',
    explanation: /expired/,
    arrange: async (sb, api) => {
      const terminated = sb.state.services.find((s) => s.lifecycleState === 'terminated' && s.parentServiceId === null);
      assert.ok(terminated, 'the seeded account has a terminated service');
      return () => api.createRenewOrder(terminated.serviceId, { duration: 'P1Y', services: [terminated.serviceId] });
    },
  },
  {
    name: '500',
    kind: 'server',
    explanation: /internal problem \(500\)/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'status', status: 500 }), () => api.me()),
  },
  {
    name: '503',
    kind: 'server',
    explanation: /internal problem \(503\)/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'status', status: 503 }), () => api.me()),
  },
  {
    name: 'timeout',
    kind: 'timeout',
    explanation: /did not answer in time/,
    arrange: async (sb) => {
      fault(sb, { path: '/me', kind: 'timeout' });
      const impatient = apiFor(sb, undefined, { timeoutMs: 150 });
      return () => impatient.me();
    },
  },
  {
    name: 'connection reset',
    kind: 'connectionReset',
    explanation: /connection/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'reset' }), () => api.me()),
  },
  {
    name: 'connection refused',
    kind: 'connectionRefused',
    explanation: /refused/,
    arrange: async (sb) => {
      const other = await startSandbox({ services: 1 });
      const closedPort = other.port;
      await other.close();
      const refused = apiFor({ ...sb, url: `https://127.0.0.1:${closedPort}/1.0`, tokenUrl: sb.tokenUrl } as Sandbox);
      return () => refused.me();
    },
  },
  {
    name: 'a non-JSON body',
    kind: 'malformedResponse',
    explanation: /not valid JSON/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'malformedJson' }), () => api.me()),
  },
  {
    name: 'a body that breaks the schema',
    kind: 'schemaMismatch',
    explanation: /shape this version does not understand/,
    arrange: async (sb, api) => (fault(sb, { path: '/me', kind: 'schemaViolation' }), () => api.me()),
  },
];

suite('OVH client against the sandbox: every error class', function () {
  let sb: Sandbox;
  let api: OvhApi;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 30, seed: 5, orderStepMs: 10 });
  });
  suiteTeardown(() => sb.close());
  setup(() => {
    sb.reset();
    api = apiFor(sb);
  });
  teardown(() => api.dispose());

  for (const c of ERROR_CASES) {
    test(`${c.name} → ${c.kind}, with words for the user`, async () => {
      const call = await c.arrange(sb, api);
      const error = await call().then(
        () => assert.fail('the call should have failed'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof OvhApiError, String(error));
      assert.equal(error.kind, c.kind, error.message);
      const description = describeError(error);
      assert.match(description.explanation, c.explanation);
      assert.ok(description.nextStep.length > 0);
      if (error.status !== undefined) assert.ok(error.queryId, 'every OVH answer carries X-Ovh-QueryID');
    });
  }
});

suite('OVH client against the sandbox: retries', function () {
  let sb: Sandbox;
  let api: OvhApi;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 10, seed: 9 });
  });
  suiteTeardown(() => sb.close());
  setup(() => {
    sb.reset();
    api = apiFor(sb);
  });
  teardown(() => api.dispose());

  test('a GET is retried through transient 503s and succeeds', async () => {
    await api.me();
    sb.requests.reset();
    sb.faults.add({ path: '/me', kind: 'status', status: 503, times: 2 });
    assert.equal((await api.me()).nichandle, sb.state.account.nichandle);
    assert.equal(sb.requests.count('GET', '/me'), 3);
  });

  test('a GET honours Retry-After before trying again', async () => {
    await api.me();
    sb.faults.add({ path: '/me', kind: 'rateLimit', retryAfter: 1, times: 1 });
    const slow = apiFor(sb);
    // apiFor caps delays at 50 ms for speed; the transport's own cap is 30 s.
    const started = Date.now();
    await slow.me();
    slow.dispose();
    assert.ok(Date.now() - started >= 40, 'waited before the retry');
  });

  test('requests waiting in the limiter are signed when they leave it, not when they were queued', async () => {
    sb.config.pagination = false;
    sb.config.timestampWindowSeconds = 1;
    // One request at a time, from two per second: the last of 11 waits several seconds in the queue.
    const slow = new OvhApi({ ...apiOptions(sb), limiter: { maxConcurrent: 1, initialConcurrent: 1, initialPerSecond: 2 } });
    try {
      const listing = await slow.listServices();
      assert.equal(listing.services.length, sb.state.services.length);
    } finally {
      slow.dispose();
    }
  });

  test('the fallback stops sending after the first failure instead of draining its queue', async () => {
    sb.config.pagination = false;
    sb.faults.add({ path: '/services/*', kind: 'status', status: 403, errorCode: 'NOT_GRANTED_CALL' });
    sb.requests.reset();
    const slow = new OvhApi({ ...apiOptions(sb), limiter: { maxConcurrent: 2, initialConcurrent: 2, initialPerSecond: 1000 } });
    try {
      await assert.rejects(slow.listServices(), (error: OvhApiError) => error.kind === 'notGranted');
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Two in flight, and one that took the slot the first failure freed: never the other seven.
      const sent = sb.requests.count('GET', '/services/{serviceId}');
      assert.ok(sb.state.services.length >= 10 && sent <= 3, `sent ${sent} of ${sb.state.services.length} GETs`);
    } finally {
      slow.dispose();
    }
  });

  test('a POST is never retried, whatever the failure', async () => {
    const service = sb.state.services.find((s) => !s.automaticOnly && s.lifecycleState !== 'terminated' && s.parentServiceId === null);
    assert.ok(service);
    const [period] = await api.listRenewDescriptions(service.serviceId, false);
    for (const kind of ['status', 'reset', 'rateLimit'] as const) {
      sb.faults.clear();
      sb.requests.reset();
      sb.faults.add({ method: 'POST', path: '/service/*/renew', kind, status: 503, times: 1 });
      await assert.rejects(api.createRenewOrder(service.serviceId, { duration: period.renewPeriod, services: period.strategies[0].services }), OvhApiError);
      assert.equal(sb.requests.count('POST', '/service/{serviceId}/renew'), 1, `${kind}: exactly one POST`);
    }
    assert.equal(sb.ledger().orders.length, 0);
  });
});
