import * as assert from 'node:assert/strict';
import { BatchRecords, RECORDED_OUTCOME, type BatchRecord } from '../../../src/core/batch/batchRecords';
import type { JournalStore } from '../../../src/core/orders/orderJournal';
import { TEST_IDENTITY } from '../../kit/identity';

/** A batch record must stay readable whatever state its rows were saved in. */
suite('Batch records: every row state is recorded in a form a reload can read', () => {
  function memoryStore(): JournalStore {
    const values = new Map<string, unknown>();
    return {
      keys: () => [...values.keys()],
      get: <T>(key: string) => values.get(key) as T | undefined,
      update: async (key, value) => void (value === undefined ? values.delete(key) : values.set(key, JSON.parse(JSON.stringify(value)))),
    };
  }

  for (const [state, outcome] of Object.entries(RECORDED_OUTCOME)) {
    test(`a row saved while '${state}' reads back as ${outcome ?? 'no outcome'}`, async () => {
      const records = new BatchRecords(memoryStore());
      const record: BatchRecord = {
        id: 'batch-1',
        identity: TEST_IDENTITY,
        accountId: 'account-1',
        createdAt: '2026-11-01T10:00:00.000Z',
        rows: [
          { serviceId: 1, included: true, outcome: 'delivered', order: { orderId: 7, priceWithTax: { value: 12 } }, status: 'delivered' },
          // Stored as JSON: a row with no outcome has no such key.
          outcome ? { serviceId: 2, included: true, outcome } : { serviceId: 2, included: true },
        ],
      };
      await records.write(record);
      assert.deepEqual(records.get('batch-1'), record);
    });
  }

  test('a row caught in flight is recorded as uncertain, never as nothing done', () => {
    assert.equal(RECORDED_OUTCOME.placing, 'uncertain');
    assert.equal(RECORDED_OUTCOME.paying, 'ordered');
  });
});

suite('Batch records: writes land in the order they were asked for', () => {
  test('a later record is never overwritten by an earlier write that finished late (Pay All saves each delivery at once)', async () => {
    const values = new Map<string, unknown>();
    const received: string[] = [];
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const store: JournalStore = {
      keys: () => [...values.keys()],
      get: <T>(key: string) => values.get(key) as T | undefined,
      update: async (key, value) => {
        const createdAt = (value as BatchRecord).createdAt;
        received.push(createdAt);
        // The first write is slow (a loaded disk): it finishes only when the test says so.
        if (createdAt === 'first') await firstHeld;
        values.set(key, value);
      },
    };
    const records = new BatchRecords(store);
    const record = (createdAt: string): BatchRecord => ({ id: 'batch-1', identity: TEST_IDENTITY, accountId: 'a', createdAt, rows: [] });
    const first = records.write(record('first'));
    const second = records.write(record('second'));
    for (let turn = 0; turn < 10; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(received, ['first'], 'the second write started before the first had landed');
    releaseFirst();
    await Promise.all([first, second]);
    assert.equal(records.get('batch-1')?.createdAt, 'second');
  });
});
