import * as assert from 'node:assert/strict';
import {
  batchBlock,
  batchTotals,
  defaultOption,
  inScope,
  parseDurationOrThrow,
  resolveCoverage,
  soonestFirst,
  type BatchOption,
  type CoverageInput,
} from '../../../src/renewal';

function option(key: string, renewPeriod: string, services: number[], perMonthUcents = 100): BatchOption {
  return { key, renewPeriod, period: parseDurationOrThrow(renewPeriod), services, perMonthUcents, currencyCode: 'EUR' };
}

suite('batch domain: the option a row starts on', () => {
  test('the service alone for its current renew period when OVH offers it', () => {
    const options = [option('a', 'P1Y', [1]), option('b', 'P2Y', [1]), option('c', 'P1M', [1, 2])];
    assert.equal(defaultOption(options, 1, 'P2Y')?.key, 'b');
  });
  test('else the service alone for the shortest period, never a bundle', () => {
    const options = [option('c', 'P1M', [1, 2]), option('b', 'P2Y', [1]), option('a', 'P1Y', [1])];
    assert.equal(defaultOption(options, 1, 'P3Y')?.key, 'a');
    assert.equal(defaultOption(options, 1, undefined)?.key, 'a');
  });
  test('only bundles: the shortest bundle; nothing offered: none', () => {
    assert.equal(defaultOption([option('x', 'P2Y', [1, 2]), option('y', 'P1Y', [1, 3])], 1, undefined)?.key, 'y');
    assert.equal(defaultOption([], 1, 'P1Y'), undefined);
  });
});

suite('batch domain: services left out before anything is asked', () => {
  test('ended services and options listed with their parent', () => {
    assert.equal(batchBlock({ serviceId: 1, lifecycleState: 'terminated' }, new Set([1])), 'terminated');
    assert.equal(batchBlock({ serviceId: 2, parentServiceId: 1 }, new Set([1, 2])), 'attachedOption');
    assert.equal(batchBlock({ serviceId: 2, parentServiceId: 1 }, new Set([2])), undefined);
    assert.equal(batchBlock({ serviceId: 3, lifecycleState: 'active' }, new Set([3])), undefined);
  });

  test('a service OVH is renewing itself (autorenewInProgress) gets no manual order: no double renewal', () => {
    const renewing = { serviceId: 4, lifecycleState: 'active', pendingActions: ['autorenewInProgress'] };
    assert.equal(batchBlock(renewing, new Set([4])), 'autorenewInProgress');
  });
});

suite('batch domain: coverage (no two orders renew the same service)', () => {
  test('a bundle chosen in a later row covers the earlier row of the other service', () => {
    const coverage = resolveCoverage([
      { serviceId: 2, chosen: { services: [2] } },
      { serviceId: 3, chosen: { services: [2, 3] } },
    ]);
    assert.deepEqual(coverage, [
      { kind: 'covered', by: 3 },
      { kind: 'orders', services: [2, 3] },
    ]);
  });
  test('two overlapping bundles: the second is a conflict, not a second order', () => {
    const coverage = resolveCoverage([
      { serviceId: 1, chosen: { services: [1, 2] } },
      { serviceId: 3, chosen: { services: [3, 2] } },
    ]);
    assert.deepEqual(coverage, [
      { kind: 'orders', services: [1, 2] },
      { kind: 'conflict', with: 1 },
    ]);
  });
  test('an ordered row keeps its services against any later choice', () => {
    const coverage = resolveCoverage([
      { serviceId: 2, fixed: true, chosen: { services: [2] } },
      { serviceId: 3, chosen: { services: [2, 3] } },
    ]);
    assert.deepEqual(coverage, [
      { kind: 'orders', services: [2] },
      { kind: 'conflict', with: 2 },
    ]);
  });
  test('left-out rows order nothing', () => {
    assert.deepEqual(resolveCoverage([{ serviceId: 1 }]), [{ kind: 'excluded' }]);
  });
  test('property: whatever the choices, each service is renewed by at most one order and every row is accounted for', () => {
    let seed = 17;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 2000; run++) {
      const count = 1 + random(8);
      const rows: CoverageInput[] = Array.from({ length: count }, (_, index) => {
        const serviceId = index + 1;
        if (random(5) === 0) return { serviceId };
        const others = Array.from({ length: random(3) }, () => 1 + random(count + 2));
        return { serviceId, fixed: random(6) === 0, chosen: { services: [...new Set([serviceId, ...others])] } };
      });
      const coverage = resolveCoverage(rows);
      const renewed = coverage.flatMap((entry) => (entry.kind === 'orders' ? entry.services : []));
      assert.equal(new Set(renewed).size, renewed.length, JSON.stringify({ rows, coverage }));
      coverage.forEach((entry, index) => {
        const row = rows[index];
        if (!row) return;
        if (entry.kind === 'covered') assert.ok(renewed.includes(row.serviceId));
        if (entry.kind === 'orders') assert.ok(entry.services.includes(row.serviceId));
        if (row.chosen === undefined) assert.equal(entry.kind, 'excluded');
      });
    }
  });
});

suite('batch domain: totals and the palette scopes', () => {
  test('totals per currency, never across currencies', () => {
    const totals = batchTotals([
      { ucents: 1_200_000_000, currencyCode: 'EUR' },
      { ucents: 500_000_000, currencyCode: 'USD' },
      { ucents: 300_000_000, currencyCode: 'EUR' },
    ]);
    assert.deepEqual(totals, [
      { currencyCode: 'EUR', ucents: 1_500_000_000 },
      { currencyCode: 'USD', ucents: 500_000_000 },
    ]);
  });
  const now = new Date('2026-11-01T00:00:00Z');
  const at = (days: number, renewMode?: string) => ({ expirationDate: new Date(now.getTime() + days * 86_400_000).toISOString(), renewMode });
  test('expired, within 7 days, within the warning window, manual renew only', () => {
    assert.equal(inScope(at(-1), 'expired', now, 30), true);
    assert.equal(inScope(at(1), 'expired', now, 30), false);
    assert.equal(inScope(at(7), 'within7Days', now, 30), true);
    assert.equal(inScope(at(8), 'within7Days', now, 30), false);
    assert.equal(inScope(at(30), 'withinWarning', now, 30), true);
    assert.equal(inScope(at(31), 'withinWarning', now, 30), false);
    assert.equal(inScope(at(3, 'manual'), 'manualRenew', now, 30), true);
    assert.equal(inScope(at(3, 'automatic'), 'manualRenew', now, 30), false);
    assert.equal(inScope({}, 'withinWarning', now, 30), false);
  });
  test('soonest first, services without expiry last, ties by id', () => {
    const sorted = soonestFirst([{ serviceId: 3, ...at(5) }, { serviceId: 1 }, { serviceId: 2, ...at(5) }, { serviceId: 4, ...at(-2) }]);
    assert.deepEqual(
      sorted.map((service) => service.serviceId),
      [4, 2, 3, 1],
    );
  });
});
