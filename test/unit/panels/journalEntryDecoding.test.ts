import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJournalEntry, OrderJournal, type JournalEntry } from '../../../src/core/orders/orderJournal';
import { TEST_IDENTITY } from '../../kit/identity';

// Every entry the extension can write (JSON, as the journal files hold it): the journal's record of an order in flight must
// never be read back as "no entry" (the service would look free for a second order).
const text = fc.string({ maxLength: 20 });
const entries: fc.Arbitrary<JournalEntry> = fc.record(
  {
    id: text,
    identity: text,
    serviceId: fc.integer({ min: 1, max: 2 ** 31 }),
    services: fc.array(fc.integer({ min: 1, max: 2 ** 31 }), { maxLength: 4 }),
    serviceNames: fc.array(text, { maxLength: 4 }),
    intentKey: text,
    duration: fc.constantFrom('P1M', 'P1Y', 'P2Y'),
    state: fc.constantFrom('placing', 'unknown', 'unpaid', 'paying', 'payUncertain', 'payAccepted'),
    orderId: fc.integer({ min: 1, max: 2 ** 40 }),
    withTaxValue: fc.double({ min: 0, max: 1e6, noNaN: true }),
    currencyCode: fc.constantFrom('EUR', 'USD', 'GBP'),
    startedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    newExpiry: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  },
  { requiredKeys: ['id', 'identity', 'serviceId', 'services', 'serviceNames', 'intentKey', 'duration', 'state', 'withTaxValue', 'startedAt'] },
);
const stored = (entry: unknown): unknown => JSON.parse(JSON.stringify(entry));

const valid: JournalEntry = {
  id: 'e1',
  identity: TEST_IDENTITY,
  serviceId: 7,
  services: [7, 8],
  serviceNames: ['example.com', 'zone example.com'],
  intentKey: 'P1Y|7,8',
  duration: 'P1Y',
  state: 'unpaid',
  orderId: 42,
  withTaxValue: 12,
  currencyCode: 'EUR',
  startedAt: '2026-11-01T10:00:00.000Z',
  newExpiry: '2027-11-01T00:00:00.000Z',
};

suite('Order journal entries: read back field by field', () => {
  test('property: every entry the journal writes reads back equal', () => {
    fc.assert(fc.property(entries, (entry) => assert.deepEqual(decodeJournalEntry(stored(entry)), stored(entry))));
  });

  test('property: a journal write then read returns the entry (through the journal itself)', async () => {
    await fc.assert(
      fc.asyncProperty(entries, async (entry) => {
        const values = new Map<string, unknown>();
        const journal = new OrderJournal(
          { keys: () => [...values.keys()], get: <T>(key: string) => stored(values.get(key)) as T, update: async (key, value) => void values.set(key, value) },
          () => undefined,
        );
        await journal.write(entry);
        assert.deepEqual(journal.get(entry.id), stored(entry));
        assert.deepEqual(journal.all(), [stored(entry)]);
      }),
    );
  });

  test('an entry of an earlier version, with its texts, still reads: amounts, ids and names kept, texts left behind', () => {
    const older: JournalEntry = { ...valid };
    delete (older as { currencyCode?: string }).currencyCode;
    delete (older as { newExpiry?: string }).newExpiry;
    const stored = { ...older, withTaxText: '€12.00', summary: { servicesText: 'example.com', periodText: '1 year', newExpiryText: '1 Nov 2027' } };
    assert.deepEqual(decodeJournalEntry(stored), older);
  });

  test('fields this version does not know are left behind', () => {
    assert.deepEqual(decodeJournalEntry({ ...valid, paymentLink: 'https://secret', extra: 1 }), valid);
  });

  for (const [field, value] of [
    ['id', 1],
    ['identity', null],
    ['serviceId', '7'],
    ['services', [7, '8']],
    ['services', 7],
    ['serviceNames', [null]],
    ['intentKey', undefined],
    ['duration', 12],
    ['state', 'paid'],
    ['orderId', '42'],
    ['withTaxValue', '12'],
    ['currencyCode', 978],
    ['startedAt', 0],
    ['newExpiry', 20271101],
  ] as const) {
    test(`an entry whose ${field} is ${JSON.stringify(value) ?? 'undefined'} is unreadable`, () => {
      assert.equal(decodeJournalEntry({ ...valid, [field]: value }), undefined);
    });
  }

  test('anything but a record is unreadable', () => {
    for (const raw of [undefined, null, 'e1', 3, [valid]]) assert.equal(decodeJournalEntry(raw), undefined, JSON.stringify(raw));
  });
});
