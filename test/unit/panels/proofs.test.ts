import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OvhApiError, type OrderDetail } from '../../../src/ovh';
import { LeaseFiles, LeaseLostError } from '../../../src/core/orders/leaseFiles';
import { matchOrder, refusedBeforeActing, sameAmount, statedMonths } from '../../../src/core/orders/proofs';

/** The judgments money depends on, each in one function (issue 27). */
suite('Proofs: what the money core may conclude', () => {
  const error = (status: number | undefined, errorClass?: string, serverMessage?: string, kind: OvhApiError['kind'] = 'unknown') =>
    new OvhApiError({ kind, method: 'POST', path: '/service/1/renew', status, errorClass, serverMessage });

  test('nothing was done: only a JSON 4xx whose class says OVH refused before acting', () => {
    assert.equal(refusedBeforeActing(error(400, 'Client::BadRequest', 'Invalid duration')), true);
    assert.equal(refusedBeforeActing(error(403, 'Client::Forbidden', "This order can't be paid with 'bankAccount'")), true);
    assert.equal(refusedBeforeActing(error(403, 'Client::Forbidden::NotGranted', 'This call has not been granted')), true);
    assert.equal(refusedBeforeActing(error(404, 'Client::NotFound', 'paymentMean not found')), true);
    assert.equal(refusedBeforeActing(error(409, 'Client::Conflict', 'Order 1 has already been paid')), true);
    assert.equal(refusedBeforeActing(error(460, undefined, 'This Service is expired', 'expiredService')), true);
  });

  test('uncertain: 408 pages, "Check timeout", 429, 5xx, bodies without a class, timeouts and resets', () => {
    const uncertain = [
      error(408, undefined, undefined, 'timeout'),
      error(400, 'Client::BadRequest', 'Check timeout. Please retry later'),
      error(400, undefined, '<html><body>Bad Request</body></html>', 'badRequest'),
      error(429, 'Client::TooManyRequests', 'Too many requests', 'rateLimited'),
      error(500, 'Server::InternalServerError', 'Internal server error', 'server'),
      error(502, undefined, undefined, 'server'),
      error(503, 'Server::ServiceUnavailable', 'Service unavailable', 'server'),
      error(504, 'Server::GatewayTimeout', undefined, 'server'),
      error(undefined, undefined, undefined, 'timeout'),
      error(undefined, undefined, undefined, 'connectionReset'),
      error(404, undefined, '<html>Not Found</html>', 'notFound'),
      new Error('socket hang up'),
      undefined,
    ];
    for (const candidate of uncertain) assert.equal(refusedBeforeActing(candidate), false, String(candidate));
  });

  const line = (domain: string, description = 'Renouvellement Domaine - 1 an(s)', detailType: string | null = 'RENEW'): OrderDetail => ({
    orderDetailId: 1,
    description,
    domain,
    detailType,
    quantity: '1',
  });
  const intent = { serviceNames: ['beta.com'], duration: 'P1Y' };

  test('this order is ours: renewals of exactly the chosen services, for the chosen period where stated', () => {
    assert.equal(matchOrder([line('beta.com')], intent), 'exact');
    assert.equal(matchOrder([line('beta.com', 'Renouvellement Domaine - 12 mois')], intent), 'exact', 'P1Y and 12 months are one period');
    assert.equal(matchOrder([line('beta.com', 'Domain renewal')], intent), 'exact', 'no stated period: the set and the type prove it');
    assert.equal(
      matchOrder([line('beta.com'), line('hosting-beta', 'Renouvellement Hébergement - 1 an(s)')], {
        serviceNames: ['beta.com', 'hosting-beta'],
        duration: 'P12M',
      }),
      'exact',
    );
  });

  test('another order naming the service is "other", never ours; one naming none is unrelated', () => {
    assert.equal(matchOrder([line('beta.com'), line('hosting-beta')], intent), 'other', 'a bundle');
    assert.equal(matchOrder([line('beta.com', 'Renouvellement Domaine - 2 an(s)')], intent), 'other', 'another period');
    assert.equal(matchOrder([line('beta.com', 'Transfert', 'TRANSFER')], intent), 'other', 'not a renewal');
    assert.equal(matchOrder([line('beta.com', 'Renouvellement', null)], intent), 'other', 'an untyped line proves nothing');
    assert.equal(matchOrder([line('alpha.com')], intent), 'unrelated');
    assert.equal(matchOrder([], intent), 'unrelated');
    assert.equal(matchOrder([line('beta.com')], { serviceNames: [], duration: 'P1Y' }), 'unrelated', 'no names, no proof');
  });

  test('stated periods in the words OVH writes', () => {
    assert.equal(statedMonths('Renouvellement VPS Starter - 3 mois'), 3);
    assert.equal(statedMonths('Renouvellement Domaine - 1 an(s)'), 12);
    assert.equal(statedMonths('Domain renewal - 2 years'), 24);
    assert.equal(statedMonths('Renewal 6 months'), 6);
    assert.equal(statedMonths('Renouvellement'), undefined);
    assert.equal(statedMonths(null), undefined);
    assert.equal(sameAmount(12, 12.004), true);
    assert.equal(sameAmount(12, 12.01), false);
  });

  test('this lease is still mine: confirmed right before a POST, refused once another holder took it over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-lease-proof-'));
    let now = 1_000_000;
    try {
      const leases = new LeaseFiles(
        dir,
        () => 60_000,
        () => now,
      );
      const taken = await leases.acquire(['id:1'], 'A');
      assert.ok('lease' in taken);
      await taken.lease.confirm();
      // A long wait without a refresh: the lease goes stale and B takes it over.
      now += 61_000;
      const other = await leases.acquire(['id:1'], 'B');
      assert.ok('lease' in other, 'B could not take over a stale lease');
      await assert.rejects(taken.lease.confirm(), LeaseLostError);
      // And a stale lease nobody took is not ours either: confirm refuses, it never revives it.
      await other.lease.release();
      const third = await leases.acquire(['id:2'], 'C');
      assert.ok('lease' in third);
      now += 61_000;
      await assert.rejects(third.lease.confirm(), LeaseLostError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
