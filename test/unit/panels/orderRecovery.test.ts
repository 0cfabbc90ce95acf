import * as assert from 'node:assert/strict';
import { exactUnpaidOrders, ordersNaming } from '../../../src/core/orders/orderRecovery';
import { FakeOvh } from './fakeOvh';

suite('Order recovery: proof by content', () => {
  const query = async (ovh: FakeOvh, names: string[], match: 'exact' | 'any', claimed: number[] = []) => {
    const q = { intent: { serviceNames: names, duration: 'P1Y' }, since: new Date(ovh.clockMs - 1000), now: ovh.now(), claimed: new Set(claimed) };
    return match === 'exact' ? exactUnpaidOrders(ovh.api(), q) : (await ordersNaming(ovh.api(), q)).map((found) => found.order);
  };

  test('only orders whose details name exactly the services, never by amount', async () => {
    const ovh = new FakeOvh();
    const alpha = ovh.seedOrder([1], 12);
    const beta = ovh.seedOrder([2], 12);
    const bundle = ovh.seedOrder([2, 3], 60);
    assert.deepEqual(
      (await query(ovh, ['beta.com'], 'exact')).map((o) => o.orderId),
      [beta.orderId],
    );
    assert.deepEqual(
      (await query(ovh, ['beta.com', 'hosting-beta'], 'exact')).map((o) => o.orderId),
      [bundle.orderId],
    );
    assert.deepEqual(
      (await query(ovh, ['hosting-beta'], 'any')).map((o) => o.orderId),
      [bundle.orderId],
    );
    assert.ok(!(await query(ovh, ['beta.com'], 'any')).some((o) => o.orderId === alpha.orderId));
  });

  test('claimed, paid, expired and older orders are never candidates', async () => {
    const ovh = new FakeOvh();
    const old = ovh.seedOrder([2], 12, ovh.clockMs - 60_000);
    const claimed = ovh.seedOrder([2], 12);
    const paid = ovh.seedOrder([2], 12);
    paid.paid = true;
    const expired = ovh.seedOrder([2], 12);
    expired.expirationMs = ovh.clockMs;
    const found = await query(ovh, ['beta.com'], 'exact', [claimed.orderId]);
    assert.deepEqual(found, []);
    assert.ok(old.orderId > 0);
  });

  test('no names, no proof: nothing is matched', async () => {
    const ovh = new FakeOvh();
    ovh.seedOrder([2], 12);
    assert.deepEqual(await query(ovh, [], 'any'), []);
  });
});
