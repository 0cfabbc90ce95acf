import * as assert from 'node:assert/strict';
import { activationNetworkBudget } from '../../../bench/budgets';
import { contributorOf } from '../../../bench/package/bundleContributors';
import { markdownTable } from '../../../bench/report/format';
import { failureReason, fallbackMeetsGoal } from '../../../bench/report/goals';
import type { ListingRun } from '../../../bench/report/results';
import { requestStats } from '../../../bench/sandbox/requestStats';
import type { ActivationSample } from '../../../bench/shared/hostProtocol';
import { median, peakInWindow } from '../../../bench/shared/stats';
import type { LoggedRequest } from '../../sandbox/requestLog';

const logged = (at: number, status = 200, route = '/services/{serviceId}'): LoggedRequest => ({
  method: 'GET',
  path: route.replace('{serviceId}', '1'),
  route,
  status,
  at: new Date(at).toISOString(),
  durationMs: 1,
});

const sample = (overrides: Partial<ActivationSample> = {}): ActivationSample => ({
  alreadyActive: false,
  activateMs: 50,
  loadMs: 40,
  emptyExtensionMs: 5,
  startedAt: 0,
  settledAt: 1000,
  sockets: [],
  accounts: 1,
  credentialsStored: true,
  ...overrides,
});

suite('bench helpers', () => {
  test('median of odd and even samples', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  test('peak requests in any one-second window', () => {
    assert.equal(peakInWindow([0, 100, 999, 1000, 1500, 1999], 1000), 3);
    assert.equal(peakInWindow([0, 100, 200, 999, 1000], 1000), 4);
    assert.equal(peakInWindow([], 1000), 0);
  });

  test('request stats count routes, 429s and the peak rate from the sandbox log', () => {
    const stats = requestStats([logged(0, 200, '/auth/time'), logged(10, 200, '/services'), logged(20), logged(30, 429), logged(2000)]);
    assert.equal(stats.total, 5);
    assert.equal(stats.byRoute['GET /services/{serviceId}'], 3);
    assert.equal(stats.tooManyRequests, 1);
    assert.equal(stats.peakPerSecond, 4);
  });

  test('bundle bytes are charged to the innermost package, or to the src/ folder', () => {
    assert.equal(contributorOf('../../work/main/node_modules/joi/lib/base.js'), 'joi');
    assert.equal(contributorOf('node_modules/simple-oauth2/node_modules/@hapi/hoek/lib/index.js'), '@hapi/hoek');
    assert.equal(contributorOf('src/views/treeNodes.ts'), 'src/views');
    assert.equal(contributorOf('src/extension.ts'), 'src/extension.ts');
  });

  test('the fallback goal: faster than the baseline of the same run, at most 1 % of answers 429', () => {
    const run = (wallMs: number, statuses: number[]): ListingRun => ({
      n: statuses.length,
      variant: 'fallback',
      label: 'fallback',
      serverRateLimit: 100,
      wallMs,
      requests: statuses.length,
      stats: requestStats(statuses.map((status, i) => logged(i, status))),
      servicesListed: statuses.length,
    });
    const baseline = run(27_000, Array<number>(1000).fill(200));
    const clean = Array<number>(1000).fill(200);
    assert.equal(fallbackMeetsGoal(run(13_000, [...clean, ...Array<number>(10).fill(429)]), baseline), true, '10 of 1010 answers 429');
    assert.equal(fallbackMeetsGoal(run(13_000, [...clean, ...Array<number>(11).fill(429)]), baseline), false, '11 of 1011 answers 429');
    assert.equal(fallbackMeetsGoal(run(27_000, clean), baseline), false, 'as slow as the baseline');
    assert.equal(fallbackMeetsGoal({ ...run(1000, clean), error: 'rate limited' }, baseline), false, 'a failed listing');
  });

  test('a failed listing is summarised by its status and error kind', () => {
    const message = 'OVH API GET /services/13848304 failed 400 [clockSkew/INVALID_TIMESTAMP]: Invalid timestamp (X-Ovh-QueryID EU.x.1)';
    assert.equal(failureReason(message), '400 clockSkew/INVALID_TIMESTAMP');
    assert.equal(failureReason('socket hang up'), 'socket hang up');
  });

  test('markdown tables pad and right-align', () => {
    assert.equal(markdownTable(['a', 'b'], [['x', '10']], new Set([1])), '| a |  b |\n|---|---:|\n| x | 10 |');
  });

  test('the activation budget needs a stored account and no request or socket', () => {
    assert.equal(activationNetworkBudget({ activations: [{ sample: sample(), sandboxRequests: [] }] }).passed, true);
    assert.equal(activationNetworkBudget({ activations: [{ sample: sample(), sandboxRequests: [logged(0, 200, '/me')] }] }).passed, false);
    assert.equal(
      activationNetworkBudget({ activations: [{ sample: sample({ sockets: [{ host: '127.0.0.1', port: 1, atMs: 3 }] }), sandboxRequests: [] }] }).passed,
      false,
    );
    assert.equal(
      activationNetworkBudget({ activations: [{ sample: sample({ accounts: 0 }), sandboxRequests: [] }] }).passed,
      false,
      'vacuous without an account',
    );
    assert.equal(activationNetworkBudget({ activations: [] }).passed, false);
  });
});
