import * as assert from 'node:assert/strict';
import type { AccountMeta } from '../../../src/auth/accountTypes';
import { OvhApiError } from '../../../src/ovh';
import { followHeldOrders, type HeldOrderApi, type HeldOrderDeps } from '../../../src/panels/heldOrders';
import type { JournalEntry } from '../../../src/core/orders/orderJournal';
import { english } from '../../../src/translate';

const entry = (id: string, orderId: number, state: JournalEntry['state'] = 'paying'): JournalEntry => ({
  id,
  identity: 'ovh-eu/ab1-ovh',
  serviceId: orderId,
  services: [orderId],
  serviceNames: [`s${orderId}.example`],
  intentKey: 'k',
  duration: 'P1Y',
  state,
  orderId,
  withTaxValue: 10,
  startedAt: '2027-01-01T00:00:00Z',
});

function world(entries: JournalEntry[], api: HeldOrderApi) {
  const notes: string[] = [];
  const ended: string[] = [];
  const delivered: string[] = [];
  let seen: Record<string, string> = {};
  const deps: HeldOrderDeps = {
    accounts: { list: () => [{ id: 'a' } as AccountMeta], api: async () => api },
    journal: { all: () => entries.filter((e) => !ended.includes(e.id)), end: async (id) => void ended.push(id) },
    identityOf: () => 'ovh-eu/ab1-ovh',
    seen: { get: () => seen, set: async (value) => void (seen = value) },
    notify: (message) => void notes.push(message),
    onDelivered: (accountId) => void delivered.push(accountId),
    log: { info: () => undefined, warn: () => undefined },
    t: english,
  };
  return { deps, notes, ended, delivered };
}

/** Issue 28, point 7: held orders followed at start, quietly. */
suite('panels: held orders followed at VS Code start', () => {
  test('an unpaid order is left to its panel; an entry without a payment is not read', async () => {
    let reads = 0;
    const w = world([entry('p', 1, 'unpaid'), entry('q', 2)], {
      getOrderStatus: async () => {
        reads++;
        return 'notPaid';
      },
    });
    assert.equal(await followHeldOrders(w.deps, ['a']), false);
    assert.equal(reads, 1, 'only the paid entry is read');
    assert.deepEqual([w.notes, w.ended], [[], []]);
  });

  test('a vanished order (404) leaves the journal without a notification; an unreadable one stays followed', async () => {
    const gone = world([entry('g', 3)], {
      getOrderStatus: async () => {
        throw new OvhApiError({ kind: 'notFound', method: 'GET', path: '/me/order/3/status', status: 404 });
      },
    });
    assert.equal(await followHeldOrders(gone.deps, ['a']), false);
    assert.deepEqual([gone.notes, gone.ended], [[], ['g']]);
    const failing = world([entry('f', 4)], {
      getOrderStatus: async () => {
        throw new Error('socket hang up');
      },
    });
    assert.equal(await followHeldOrders(failing.deps, ['a']), true);
    assert.deepEqual(failing.notes, []);
  });

  test('held: quiet; delivered: one notification, the journal entry ends, the tree refreshes', async () => {
    let status = 'checking';
    const w = world([entry('h', 5)], {
      getOrderStatus: async () => status,
      orderHeldCheck: async () => (status === 'checking' ? 'FRAUD_DOCS_REQUESTED' : undefined),
    });
    assert.equal(await followHeldOrders(w.deps, ['a']), true);
    assert.deepEqual(w.notes, []);
    status = 'delivered';
    assert.equal(await followHeldOrders(w.deps, ['a']), false);
    assert.deepEqual(w.notes, ['Order 5 was delivered: s5.example renewed.']);
    assert.deepEqual([w.ended, w.delivered], [['h'], ['a']]);
  });
});
