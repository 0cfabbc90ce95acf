import * as assert from 'node:assert/strict';
import { classifyHttpError, describeError, OvhApiError, parseRetryAfter, type OvhErrorKind } from '../../../src/ovh';

const cases: Array<[number, unknown, OvhErrorKind]> = [
  [400, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' }, 'invalidSignature'],
  [400, { class: 'Client::BadRequest', message: 'Invalid signature' }, 'invalidSignature'],
  [400, { class: 'Client::BadRequest', message: 'Timestamp is too far from the server time' }, 'clockSkew'],
  [400, { class: 'Client::BadRequest::InvalidDuration', message: 'Invalid duration P5Y' }, 'badRequest'],
  [401, { message: 'You must login first' }, 'unauthorized'],
  [403, { errorCode: 'INVALID_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential is not valid' }, 'invalidCredential'],
  [403, { message: 'This credential does not exist' }, 'invalidCredential'],
  [403, { errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted' }, 'notGranted'],
  [403, { class: 'Client::Forbidden', message: 'User not granted for this request' }, 'iamNotGranted'],
  [404, { class: 'Client::NotFound', message: 'This service does not exist' }, 'notFound'],
  [409, { class: 'Client::Conflict::CartAlreadyExists', message: 'exists' }, 'conflict'],
  [429, null, 'rateLimited'],
  [460, { message: 'This Service is expired' }, 'expiredService'],
  [500, { class: 'Server::InternalServerError', message: 'Internal server error' }, 'server'],
  [503, '<html>Service Unavailable</html>', 'server'],
  [418, { message: 'teapot' }, 'unknown'],
];

suite('OVH error classification', () => {
  for (const [status, body, kind] of cases) {
    test(`${status} ${JSON.stringify(body)} → ${kind}`, () => {
      assert.equal(classifyHttpError(status, body).kind, kind);
    });
  }

  test('errorCode, class and message are kept', () => {
    const classified = classifyHttpError(403, { errorCode: 'NOT_GRANTED_CALL', class: 'Client::Forbidden', message: 'This call has not been granted' });
    assert.equal(classified.errorCode, 'NOT_GRANTED_CALL');
    assert.equal(classified.errorClass, 'Client::Forbidden');
    assert.equal(classified.serverMessage, 'This call has not been granted');
  });

  test('Retry-After in seconds and as an HTTP date', () => {
    assert.equal(parseRetryAfter('7'), 7);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  test('only transient kinds are worth retrying', () => {
    const transient = (kind: OvhErrorKind): boolean => new OvhApiError({ kind, method: 'GET', path: '/x' }).transient;
    assert.deepEqual((['rateLimited', 'server', 'timeout', 'connectionReset', 'connectionRefused', 'network'] as OvhErrorKind[]).map(transient), [
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    assert.deepEqual((['notGranted', 'badRequest', 'conflict', 'expiredService', 'schemaMismatch'] as OvhErrorKind[]).map(transient), [
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

suite('User-facing error text', () => {
  const kinds: OvhErrorKind[] = [
    'invalidSignature',
    'clockSkew',
    'badRequest',
    'unauthorized',
    'invalidCredential',
    'notGranted',
    'forbidden',
    'notFound',
    'conflict',
    'rateLimited',
    'expiredService',
    'server',
    'timeout',
    'connectionRefused',
    'connectionReset',
    'network',
    'malformedResponse',
    'schemaMismatch',
    'oauth2',
    'unknown',
  ];

  test('every kind has its own explanation and a next step', () => {
    const explanations = new Set<string>();
    for (const kind of kinds) {
      const description = describeError(new OvhApiError({ kind, method: 'GET', path: '/services' }));
      assert.ok(description.explanation.length > 20, kind);
      assert.ok(description.nextStep.length > 10, kind);
      explanations.add(description.explanation);
    }
    // connectionReset and network share words on purpose; every other kind is distinct.
    assert.equal(explanations.size, kinds.length - 1);
  });

  test('not granted names the call and the access rule to add', () => {
    const description = describeError(new OvhApiError({ kind: 'notGranted', method: 'POST', path: '/service/12345/renew', status: 403 }));
    assert.match(description.explanation, /POST \/service\/12345\/renew/);
    assert.match(description.nextStep, /POST \/service\/\*\/renew/);
  });

  test('rate limiting says how long to wait; details carry OVH message and query id', () => {
    const description = describeError(
      new OvhApiError({
        kind: 'rateLimited',
        method: 'GET',
        path: '/services',
        status: 429,
        retryAfterSeconds: 12,
        serverMessage: 'Slow down',
        queryId: 'EU.ext-1.abc',
      }),
    );
    assert.match(description.explanation, /12 seconds/);
    assert.match(description.details ?? '', /Slow down/);
    assert.match(description.details ?? '', /EU\.ext-1\.abc/);
  });

  test('the translation function receives the English key and arguments', () => {
    const seen: string[] = [];
    describeError(new OvhApiError({ kind: 'server', method: 'GET', path: '/me', status: 503 }), (message, ...args) => {
      seen.push(`${message}|${args.join(',')}`);
      return message;
    });
    assert.ok(seen.includes('OVHcloud had an internal problem ({0}).|503'), seen.join('\n'));
  });

  test('non-OVH errors still get words', () => {
    assert.match(describeError(new Error('boom')).explanation, /boom/);
  });
});
