import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CRITICAL_DAYS,
  DEFAULT_WARNING_DAYS,
  expirationDateOf,
  type ExpiryBucket,
  expiryStatus,
  renewModeOf,
  type ServiceLike,
  willTerminate,
} from '../../../src/renewal';
import { MS_PER_DAY } from './arbitraries';

const NOW = new Date('2025-05-01T00:00:00.000Z');

function at(offsetMs: number): Date {
  return new Date(NOW.getTime() + offsetMs);
}

suite('renewal/expiry: expiryStatus boundaries', () => {
  const cases: [string, number, ExpiryBucket, number][] = [
    ['2 days ago', -2 * MS_PER_DAY, 'expired', -2],
    ['1 day and 1 ms ago', -MS_PER_DAY - 1, 'expired', -1],
    ['exactly 1 day ago', -MS_PER_DAY, 'expired', -1],
    ['1 ms ago', -1, 'expired', 0],
    ['this very instant', 0, 'expired', 0],
    ['in 1 ms', 1, 'critical', 1],
    ['in 23 h', 23 * 3_600_000, 'critical', 1],
    ['in exactly 1 day', MS_PER_DAY, 'critical', 1],
    ['in exactly 7 days', 7 * MS_PER_DAY, 'critical', 7],
    ['in 7 days and 1 ms', 7 * MS_PER_DAY + 1, 'warning', 8],
    ['in exactly 30 days', 30 * MS_PER_DAY, 'warning', 30],
    ['in 30 days and 1 ms', 30 * MS_PER_DAY + 1, 'ok', 31],
    ['in 400 days', 400 * MS_PER_DAY, 'ok', 400],
  ];
  for (const [label, offset, bucket, daysLeft] of cases) {
    test(`expiring ${label} → ${bucket}, daysLeft ${daysLeft}`, () => {
      const status = expiryStatus(at(offset), NOW);
      assert.equal(status.bucket, bucket);
      assert.equal(status.daysLeft, daysLeft);
      assert.equal(status.expiresAt?.getTime(), NOW.getTime() + offset);
    });
  }

  test('defaults are 7 critical days and 30 warning days', () => {
    assert.equal(CRITICAL_DAYS, 7);
    assert.equal(DEFAULT_WARNING_DAYS, 30);
  });

  test('warningDays moves only the warning/ok boundary', () => {
    assert.equal(expiryStatus(at(45 * MS_PER_DAY), NOW, 60).bucket, 'warning');
    assert.equal(expiryStatus(at(60 * MS_PER_DAY), NOW, 60).bucket, 'warning');
    assert.equal(expiryStatus(at(60 * MS_PER_DAY + 1), NOW, 60).bucket, 'ok');
    assert.equal(expiryStatus(at(8 * MS_PER_DAY), NOW, 0).bucket, 'ok');
    // Critical wins even when warningDays is smaller.
    assert.equal(expiryStatus(at(6 * MS_PER_DAY), NOW, 5).bucket, 'critical');
    assert.equal(expiryStatus(at(8 * MS_PER_DAY), NOW, 5).bucket, 'ok');
  });

  test('OVH date strings: date-only is UTC midnight, offsets are honoured', () => {
    assert.deepEqual(expiryStatus('2025-05-13', NOW).daysLeft, 12);
    const paris = expiryStatus('2025-06-01T00:00:00+02:00', new Date('2025-05-20T10:00:00+02:00'));
    assert.equal(paris.bucket, 'warning');
    assert.equal(paris.daysLeft, 12);
    assert.equal(paris.expiresAt?.toISOString(), '2025-05-31T22:00:00.000Z');
  });

  for (const missing of [null, undefined, '', 'soon', '2025-02-30', '01/06/2025', new Date(Number.NaN)]) {
    test(`no usable date (${String(missing)}) → none`, () => {
      assert.deepEqual(expiryStatus(missing, NOW), { bucket: 'none' });
    });
  }

  test('programming errors throw', () => {
    assert.throws(() => expiryStatus('2025-06-01', new Date(Number.NaN)), RangeError);
    assert.throws(() => expiryStatus('2025-06-01', NOW, -1), RangeError);
    assert.throws(() => expiryStatus('2025-06-01', NOW, Number.NaN), RangeError);
  });

  const rank: Record<ExpiryBucket, number> = { expired: 0, critical: 1, warning: 2, ok: 3, none: 4 };

  test('property: the bucket can be read off daysLeft with the same boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * MS_PER_DAY, max: 400 * MS_PER_DAY }), fc.integer({ min: 0, max: 100 }), (offset, warningDays) => {
        const { bucket, daysLeft } = expiryStatus(at(offset), NOW, warningDays);
        assert.ok(daysLeft !== undefined && Number.isInteger(daysLeft) && !Object.is(daysLeft, -0));
        const expected: ExpiryBucket = daysLeft <= 0 ? 'expired' : daysLeft <= 7 ? 'critical' : daysLeft <= warningDays ? 'warning' : 'ok';
        assert.equal(bucket, expected);
        assert.ok(daysLeft - 1 < offset / MS_PER_DAY && offset / MS_PER_DAY <= daysLeft);
      }),
    );
  });

  test('property: a later expiry is never more urgent', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * MS_PER_DAY, max: 400 * MS_PER_DAY }), fc.integer({ min: 0, max: 400 * MS_PER_DAY }), (offset, extra) => {
        const sooner = expiryStatus(at(offset), NOW);
        const later = expiryStatus(at(offset + extra), NOW);
        assert.ok(rank[sooner.bucket] <= rank[later.bucket]);
        assert.ok((sooner.daysLeft ?? 0) <= (later.daysLeft ?? 0));
      }),
    );
  });
});

function expanded(mode: string | null | undefined): ServiceLike {
  return { billing: { renew: { current: { mode } } } };
}

suite('renewal/expiry: renewModeOf', () => {
  const cases: [string, ServiceLike, string][] = [
    ['expanded automatic', expanded('automatic'), 'automatic'],
    ['expanded manual', expanded('manual'), 'manual'],
    ['expanded value OVH may add', expanded('semiAutomatic'), 'unknown'],
    ['expanded null mode', expanded(null), 'unknown'],
    ['no renew block', { billing: { renew: null } }, 'unknown'],
    ['no billing', { serviceId: 1 }, 'unknown'],
    ['legacy automaticV2012', { renew: { mode: 'automaticV2012' } }, 'automatic'],
    ['legacy automaticV2014', { renew: { mode: 'automaticV2014' } }, 'automatic'],
    ['legacy automaticV2016', { renew: { mode: 'automaticV2016' } }, 'automatic'],
    ['legacy automaticV2024', { renew: { mode: 'automaticV2024' } }, 'automatic'],
    ['legacy automaticForcedProduct', { renew: { mode: 'automaticForcedProduct' } }, 'automatic'],
    ['legacy manual', { renew: { mode: 'manual' } }, 'manual'],
    ['legacy deleteAtExpiration', { renew: { mode: 'deleteAtExpiration' } }, 'manual'],
    ['legacy deleteAtEndEngagement', { renew: { mode: 'deleteAtEndEngagement' } }, 'manual'],
    ['legacy oneShot', { renew: { mode: 'oneShot' } }, 'manual'],
    ['legacy option (follows its parent)', { renew: { mode: 'option' } }, 'unknown'],
    ['legacy null renew', { renew: null }, 'unknown'],
    ['case matters: OVH values are camelCase', expanded('Automatic'), 'unknown'],
  ];
  for (const [label, service, expected] of cases) {
    test(`${label} → ${expected}`, () => {
      assert.equal(renewModeOf(service), expected);
    });
  }

  test('property: any string classifies without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (mode) => {
        const result = renewModeOf(expanded(mode));
        assert.ok(['automatic', 'manual', 'unknown'].includes(result));
        assert.equal(result === 'automatic', mode.startsWith('automatic'));
      }),
    );
  });
});

function lifecycle(current: { pendingActions?: string[] | null; state?: string | null; terminationDate?: string | null }): ServiceLike {
  return { billing: { lifecycle: { current } } };
}

suite('renewal/expiry: willTerminate', () => {
  const cases: [string, ServiceLike, boolean][] = [
    ['pending deleteAtExpiration', lifecycle({ pendingActions: ['deleteAtExpiration'], state: 'active' }), true],
    ['pending terminateAtExpirationDate', lifecycle({ pendingActions: ['terminateAtExpirationDate'] }), true],
    ['pending terminateAtEngagementDate', lifecycle({ pendingActions: ['terminateAtEngagementDate'] }), true],
    ['pending terminate', lifecycle({ pendingActions: ['earlyRenewal', 'terminate'] }), true],
    ['only renewal actions', lifecycle({ pendingActions: ['earlyRenewal', 'autorenewInProgress'] }), false],
    ['an action OVH may add', lifecycle({ pendingActions: ['somethingNew'] }), false],
    ['no pending action', lifecycle({ pendingActions: [], state: 'active', terminationDate: null }), false],
    ['a termination date', lifecycle({ pendingActions: [], terminationDate: '2025-06-01T00:00:00+02:00' }), true],
    ['an unparseable termination date', lifecycle({ terminationDate: 'never' }), false],
    ['already terminated', lifecycle({ pendingActions: ['terminate'], state: 'terminated', terminationDate: '2025-01-01' }), false],
    ['legacy deleteAtExpiration mode', { renew: { mode: 'deleteAtExpiration' } }, true],
    ['legacy deleteAtEndEngagement mode', { renew: { mode: 'deleteAtEndEngagement' } }, true],
    ['legacy automatic mode', { renew: { mode: 'automaticV2016' } }, false],
    ['nothing at all', { serviceId: 1 }, false],
  ];
  for (const [label, service, expected] of cases) {
    test(`${label} → ${expected}`, () => {
      assert.equal(willTerminate(service), expected);
    });
  }
});

suite('renewal/expiry: expirationDateOf', () => {
  test('reads both service shapes', () => {
    assert.equal(expirationDateOf({ billing: { expirationDate: '2025-06-01T00:00:00+02:00' } }), '2025-06-01T00:00:00+02:00');
    assert.equal(expirationDateOf({ expirationDate: '2025-06-01' }), '2025-06-01');
    assert.equal(expirationDateOf({ billing: { expirationDate: null } }), null);
    assert.equal(expirationDateOf({ serviceId: 3 }), null);
  });
});
