import * as assert from 'node:assert/strict';
import { activationNetworkBudget } from '../../../bench/budgets';
import { contributorOf } from '../../../bench/package/bundleContributors';
import { markdownTable } from '../../../bench/report/format';
import { failureReason, fallbackTargetMs } from '../../../bench/report/goals';
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

  test('the fallback goal is ⌈N/8⌉ + 2 round trips', () => {
    assert.equal(fallbackTargetMs({ n: 100, latencyMs: 25, roundTripMs: 30, runs: [] }), (13 + 2) * 30);
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
