import * as assert from 'node:assert/strict';
import { BatchRecords, RECORDED_OUTCOME, type BatchRecord } from '../../../src/panels/pure/batchRecords';
import type { JournalStore } from '../../../src/panels/pure/orderJournal';

/** A batch record must stay readable whatever phase its rows were saved in. */
suite('Batch records: every row phase is recorded in a form a reload can read', () => {
  function memoryStore(): JournalStore {
    const values = new Map<string, unknown>();
    return {
      keys: () => [...values.keys()],
      get: <T>(key: string) => values.get(key) as T | undefined,
      update: async (key, value) => void (value === undefined ? values.delete(key) : values.set(key, JSON.parse(JSON.stringify(value)))),
    };
  }

  for (const [phase, outcome] of Object.entries(RECORDED_OUTCOME)) {
    test(`a row saved while '${phase}' reads back as ${outcome ?? 'no outcome'}`, async () => {
      const records = new BatchRecords(memoryStore());
      const record: BatchRecord = {
        id: 'batch-1',
        identity: 'ovh-eu/ab12345-ovh',
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
