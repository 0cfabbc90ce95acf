import * as assert from 'node:assert/strict';
import { BATCH_ACCEPTS, batchAccepts, RETRYABLE, rowStateAfter, rowStatus, type BatchStep, type RowModel } from '../../../src/core/batch/batchSteps';
import type { KnownOrder, Step } from '../../../src/core/orders/renewSteps';
import type { BatchMessage } from '../../../src/protocol/batchPanel';
import { order } from '../../kit/orders';

const MESSAGES: ReadonlyArray<BatchMessage['type']> = [
  'ready',
  'setIncluded',
  'choose',
  'previewAll',
  'placeOrders',
  'checkAgain',
  'stopBatch',
  'selectPayment',
  'payAll',
  'payLater',
  'retryRow',
  'openLink',
  'openPanel',
];

const STEPS: BatchStep[] = [
  { kind: 'loading' },
  { kind: 'choosing' },
  { kind: 'previewing' },
  { kind: 'previewed' },
  { kind: 'confirmingOrders' },
  { kind: 'ordering', row: 0 },
  { kind: 'paused', row: 0 },
  { kind: 'ordered' },
  { kind: 'confirmingPay' },
  { kind: 'paying', row: 0 },
  { kind: 'done' },
];

const known = (status: string): KnownOrder => ({
  entry: {
    id: 'e1',
    identity: 'ovh-eu/x',
    serviceId: 2,
    services: [2],
    serviceNames: ['beta.com'],
    intentKey: 'P1Y|2',
    duration: 'P1Y',
    state: 'unpaid',
    orderId: 7,
    withTaxValue: 12,
    startedAt: '2026-11-01T10:00:00.000Z',
  },
  order: order(7),
  status,
});

suite('batch steps: the table of allowed messages', () => {
  test('while a modal is open or requests run, nothing but ready is accepted', () => {
    for (const kind of ['loading', 'previewing', 'confirmingOrders', 'ordering', 'confirmingPay', 'paying'] as const) {
      const step = STEPS.find((candidate) => candidate.kind === kind) as BatchStep;
      assert.deepEqual(
        MESSAGES.filter((type) => batchAccepts(step, type)),
        ['ready'],
        kind,
      );
    }
  });
  test('orders are placed only from previews; payments only once orders exist', () => {
    for (const step of STEPS) {
      assert.equal(batchAccepts(step, 'placeOrders'), step.kind === 'previewed', step.kind);
      assert.equal(batchAccepts(step, 'payAll'), step.kind === 'ordered' || step.kind === 'done', step.kind);
    }
  });
  test('a paused batch accepts only looking again, stopping, and links', () => {
    assert.deepEqual(
      MESSAGES.filter((type) => batchAccepts({ kind: 'paused', row: 0 }, type)),
      ['ready', 'checkAgain', 'stopBatch', 'openLink', 'openPanel'],
    );
  });
  test('every step has an entry and every entry is a protocol message', () => {
    for (const step of STEPS)
      assert.ok(
        BATCH_ACCEPTS[step.kind].every((type) => MESSAGES.includes(type)),
        step.kind,
      );
    assert.equal(Object.keys(BATCH_ACCEPTS).length, STEPS.length);
  });
});

suite('batch steps: a row session step becomes a row phase', () => {
  const cases: Array<[Step, boolean, boolean, string]> = [
    [{ kind: 'unpaid', known: known('notPaid') }, true, false, 'ordered'],
    [{ kind: 'unpaid', known: known('notPaid') }, true, true, 'payFailed'],
    [{ kind: 'confirmingPrice', known: known('notPaid') }, true, false, 'ordered'],
    [{ kind: 'paying', known: known('notPaid') }, true, false, 'paying'],
    [{ kind: 'payFollowing', known: known('notPaid') }, true, true, 'payUncertain'],
    [{ kind: 'payUncertain', known: known('notPaid') }, true, true, 'payUncertain'],
    [{ kind: 'tracking', known: known('checking') }, true, false, 'paid'],
    [{ kind: 'ended', known: known('delivered') }, false, false, 'delivered'],
    [{ kind: 'ended', known: known('cancelled') }, false, false, 'ended'],
    [{ kind: 'orderUncertain', entry: known('notPaid').entry }, true, true, 'uncertain'],
    [{ kind: 'elsewhere', services: [1] }, false, false, 'elsewhere'],
    [{ kind: 'elsewhere', services: [1] }, true, false, 'uncertain'],
    [{ kind: 'choosing' }, false, true, 'refused'],
    [{ kind: 'choosing' }, false, false, 'notAttempted'],
    [{ kind: 'choosing' }, true, true, 'uncertain'],
  ];
  for (const [step, hasEntry, refusal, expected] of cases) {
    test(`${step.kind}${hasEntry ? ' with a journal entry' : ''}${refusal ? ' after an error' : ''} → ${expected}`, () => {
      assert.equal(rowStateAfter(step, hasEntry, refusal).kind, expected);
    });
  }
  test('a session back on its preview with an attempt still recorded is never a refusal', () => {
    const previewedStep = { kind: 'previewed', previewed: {} } as unknown as Step;
    assert.equal(rowStateAfter(previewedStep, true, true).kind, 'uncertain');
    assert.equal(rowStateAfter(previewedStep, false, true).kind, 'refused');
  });
});

suite('batch steps: what the table shows for a row', () => {
  const base: RowModel = {
    key: '1',
    serviceId: 1,
    summary: undefined,
    included: true,
    options: [],
    chosenKey: undefined,
    state: { kind: 'ready' },
    coverage: { kind: 'orders', services: [1] },
    errorText: undefined,
  };
  test('an unchecked row is left out; a covered one says so; an ordered one shows its order whatever the choice', () => {
    assert.equal(rowStatus({ ...base, included: false }), 'excluded');
    assert.equal(rowStatus({ ...base, coverage: { kind: 'covered', by: 2 } }), 'covered');
    assert.equal(rowStatus({ ...base, included: false, state: { kind: 'ordered', known: known('notPaid') } }), 'ordered');
    assert.equal(rowStatus({ ...base, state: { kind: 'blocked', reason: 'noOffer' } }), 'blocked');
  });
});

suite('batch steps: Retry only where no order can exist', () => {
  test("refused, not attempted and failed previews; never an order, an attempt, or another window's work", () => {
    assert.deepEqual([...RETRYABLE].sort(), ['notAttempted', 'previewFailed', 'refused']);
  });
});
