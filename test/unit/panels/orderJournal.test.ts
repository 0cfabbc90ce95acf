import * as assert from 'node:assert/strict';
import { accountIdentity } from '../../../src/auth/accountIdentity';
import { OrderJournal, type JournalEntry } from '../../../src/core/orders/orderJournal';
import { SimWorld } from './simWorld';
import { TEST_IDENTITY, TEST_NICHANDLE } from '../../kit/identity';

function entry(id: string, serviceId: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id,
    identity: TEST_IDENTITY,
    serviceId,
    services: [serviceId],
    serviceNames: [`s${serviceId}`],
    intentKey: `P1Y|${serviceId}`,
    duration: 'P1Y',
    state: 'unpaid',
    withTaxValue: 12,
    startedAt: '2026-11-01T10:00:00.000Z',
    ...extra,
  };
}

suite('Order journal', () => {
  let world: SimWorld;
  setup(() => {
    world = new SimWorld();
  });
  teardown(() => world.dispose());

  test('two windows writing at once keep both entries (one key per entry)', async () => {
    const a = world.window('A');
    const b = world.window('B');
    await Promise.all([a.journal().write(entry('a', 1)), b.journal().write(entry('b', 2))]);
    world.propagate();
    assert.deepEqual(
      world
        .window('C')
        .journal()
        .all()
        .map((e) => e.id)
        .sort(),
      ['a', 'b'],
    );
  });

  test('several entries per service; a bundle entry counts for each of its services', async () => {
    const journal = world.journal();
    await journal.write(entry('old', 2, { orderId: 1, startedAt: '2026-10-01T00:00:00.000Z' }));
    await journal.write(entry('new', 2, { orderId: 2 }));
    await journal.write(entry('bundle', 2, { services: [2, 3], orderId: 3, startedAt: '2026-11-02T10:00:00.000Z' }));
    assert.deepEqual(
      journal.forServices(TEST_IDENTITY, [2]).map((e) => e.id),
      ['old', 'new', 'bundle'],
    );
    assert.deepEqual(
      journal.forServices(TEST_IDENTITY, [3]).map((e) => e.id),
      ['bundle'],
    );
    assert.deepEqual(journal.forServices('other/identity', [2]), []);
    assert.deepEqual([...journal.claimedOrderIds(TEST_IDENTITY, 'new')].sort(), [1, 3]);
    await journal.end('old');
    assert.deepEqual(
      journal
        .all()
        .map((e) => e.id)
        .sort(),
      ['bundle', 'new'],
    );
  });

  test('the tree asks by account id; any sign-in of the same account sees the entries', async () => {
    const window = world.window('A');
    const journal = new OrderJournal(window.memento, (accountId) => (accountId === 'gone' ? undefined : TEST_IDENTITY));
    await journal.write(entry('a', 2));
    assert.equal(journal.forService('app-key-sign-in', 2)?.id, 'a');
    assert.equal(journal.forService('oauth2-sign-in', 2)?.id, 'a');
    assert.equal(journal.forService('gone', 2), undefined);
  });

  test('unreadable entries are skipped, never fatal', async () => {
    const window = world.window('A');
    await window.memento.update('ovhcloud.orderJournal.bad', { id: 'bad', serviceId: 'x' });
    await window.journal().write(entry('good', 1));
    assert.deepEqual(
      window
        .journal()
        .all()
        .map((e) => e.id),
      ['good'],
    );
  });

  test('records of the previous version become entries: no unpaid order is forgotten by the upgrade', async () => {
    const window = world.window('A');
    await window.memento.update('ovhcloud.pendingOrders', [
      {
        accountId: 'acc',
        serviceId: 2,
        intentKey: 'P1Y|2',
        duration: 'P1Y',
        services: [2],
        state: 'unpaid',
        orderId: 5,
        withTaxText: '€12.00',
        withTaxValue: 12,
        startedAt: '2026-11-01T10:00:00.000Z',
      },
      {
        accountId: 'acc',
        serviceId: 3,
        intentKey: 'P1Y|3',
        duration: 'P1Y',
        services: [3],
        state: 'placing',
        withTaxText: '€48.00',
        withTaxValue: 48,
        startedAt: '2026-11-01T10:00:00.000Z',
      },
    ]);
    const journal = new OrderJournal(window.memento, () => TEST_IDENTITY);
    await journal.migrateLegacy();
    const entries = journal.all().sort((x, y) => x.serviceId - y.serviceId);
    assert.deepEqual(
      entries.map((e) => [e.serviceId, e.state, e.orderId]),
      [
        [2, 'unpaid', 5],
        [3, 'unknown', undefined],
      ],
    );
    assert.equal(window.memento.get('ovhcloud.pendingOrders'), undefined);
  });

  test('identity is the account (endpoint + nichandle), not the sign-in method', () => {
    const appKey = accountIdentity({ endpointId: 'ovh-eu', nichandle: TEST_NICHANDLE });
    assert.equal(accountIdentity({ endpointId: 'ovh-eu', nichandle: 'AB12345-OVH' }), appKey);
    assert.notEqual(accountIdentity({ endpointId: 'ovh-ca', nichandle: TEST_NICHANDLE }), appKey);
    assert.notEqual(
      accountIdentity({ endpointId: 'custom', customUrl: 'https://a.example/1.0', nichandle: TEST_NICHANDLE }),
      accountIdentity({ endpointId: 'custom', customUrl: 'https://b.example/1.0', nichandle: TEST_NICHANDLE }),
    );
  });
});
