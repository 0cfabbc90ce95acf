import * as assert from 'node:assert/strict';
import { heldCheck } from '../../../src/ovh/orderFollowUp';
import { followOrder, isFinalStatus, type PollClock } from '../../../src/core/orders/orderStatus';

/** A clock that jumps instead of waiting, so a 30-minute follow runs at once. */
function fakeClock(): PollClock & { slept: number } {
  const clock = {
    at: 0,
    slept: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
      clock.slept += 1;
    },
  };
  return clock;
}

/** Issue 28, point 7: an order held for checks waits days; it is neither failed nor delivered. */
suite('panels: orders held for checks (GET /me/order/{id}/followUp)', () => {
  test('the held check is the latest follow-up entry when it is one of the checks', () => {
    const at = (label: string, date: string) => ({ label, date });
    assert.equal(
      heldCheck([
        { step: 'VALIDATING', status: 'DOING', history: [at('PAYMENT_RECEIVED', '2026-12-01T10:00:00Z'), at('FRAUD_DOCS_REQUESTED', '2026-12-01T10:05:00Z')] },
        { step: 'DELIVERING', status: 'TODO', history: [] },
      ]),
      'FRAUD_DOCS_REQUESTED',
    );
    assert.equal(
      heldCheck([
        { step: 'VALIDATING', status: 'DONE', history: [at('FRAUD_MANUAL_REVIEW', '2026-12-01T10:05:00Z'), at('ORDER_ACCEPTED', '2026-12-02T09:00:00Z')] },
      ]),
      undefined,
    );
    assert.equal(heldCheck([]), undefined);
  });

  test('a held order is reported at once as waiting on that check, and the follow stops without a final status', async () => {
    const statuses: string[] = [];
    const clock = fakeClock();
    const api = { getOrderStatus: async () => 'checking', orderHeldCheck: async () => 'FRAUD_DOCS_REQUESTED' as const };
    const status = await followOrder(
      api,
      7,
      3000,
      () => false,
      (s) => statuses.push(s),
      clock,
    );
    assert.equal(status, 'documentsRequested');
    assert.deepEqual(statuses, ['documentsRequested']);
    assert.equal(isFinalStatus(status), false);
    assert.equal(clock.slept, 1);
  });

  test('a manual review and a refusal after the checks have their own status', async () => {
    for (const [check, expected] of [
      ['FRAUD_MANUAL_REVIEW', 'manualReview'],
      ['FRAUD_REFUSED', 'checksRefused'],
    ] as const) {
      const api = { getOrderStatus: async () => 'checking', orderHeldCheck: async () => check };
      assert.equal(
        await followOrder(
          api,
          7,
          3000,
          () => false,
          () => undefined,
          fakeClock(),
        ),
        expected,
      );
    }
  });

  test("OVH's 'unknown' status is not final: the order is followed again later", () => {
    assert.equal(isFinalStatus('unknown'), false);
  });
});
