import * as assert from 'node:assert/strict';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel, renewableService } from './support/renew';
import { renewSuite } from './support/renewSuite';
import { admin } from './support/sandbox';

interface RequestLog {
  counts: Record<string, number>;
}

/** Issue 28, point 2: while OVH renews a service itself, a manual order could renew it twice. */
suite('A service OVHcloud is renewing itself (autorenewInProgress): no manual order (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let account: AccountMeta;
  const renew = renewSuite({ orderStepMs: 40 });
  suiteSetup(() => {
    ({ testing, account } = renew);
  });

  test('the renew panel says why and offers no order; a preview message sends nothing', async () => {
    const serviceId = await renewableService(testing, account, false);
    assert.equal((await admin<{ ok: boolean }>('POST', `services/${serviceId}`, { state: 'autorenewInProgress' })).ok, true);
    await admin('DELETE', 'requests');
    const driver = await openPanel(testing, account.id, serviceId);
    assert.deepEqual(driver.state.rows, []);
    assert.match(driver.state.notice ?? '', /OVHcloud is renewing this service itself/);
    await driver.send({ type: 'select', key: 'any' });
    await driver.send({ type: 'preview' });
    await driver.send({ type: 'placeOrder' });
    const counts = (await admin<RequestLog>('GET', 'requests')).counts;
    assert.equal(counts['POST /service/{serviceId}/renew'] ?? 0, 0);
    assert.deepEqual((await ledger()).orders, []);
  });
});
