import * as assert from 'node:assert/strict';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh';
import type { TestingApi } from '../../src/testing';
import { ledger, openPanel } from './support/renew';
import { renewSuite } from './support/renewSuite';

const PLACE = 'Place Order';
const PAY = 'Pay';

/** Renewable services of the signed-in account whose expiry is past (or not), shortest option renewing only themselves. */
async function renewable(testing: TestingApi, account: AccountMeta, expired: boolean): Promise<ServiceSummary> {
  const api = await testing.accounts.api(account.id);
  if (!api) throw new Error('no API client');
  const today = new Date().toISOString().slice(0, 10);
  const { services } = await api.listServices();
  for (const service of services) {
    const day = service.expirationDate?.slice(0, 10);
    if (day === undefined || (expired ? day >= today : day <= today)) continue;
    const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
    if (descriptions.some((description) => description.strategies.some((strategy) => strategy.services.length === 1))) return service;
  }
  throw new Error(`the sandbox account has no renewable ${expired ? 'expired' : 'running'} service`);
}

suite('Renew panel: the promised new expiry is the delivered one (real extension host + sandbox)', function () {
  this.timeout(90_000);
  let testing: TestingApi;
  let account: AccountMeta;

  const renew = renewSuite({ orderStepMs: 40 });
  suiteSetup(() => {
    ({ testing, account } = renew);
  });

  for (const expired of [true, false]) {
    test(`${expired ? 'an expired' : 'a running'} service: comparison, preview and delivered result state the same date${expired ? ', said to count from the past expiry' : ''}`, async () => {
      const service = await renewable(testing, account, expired);
      const driver = await openPanel(testing, account.id, service.serviceId);
      const row = driver.state.rows.find((candidate) => !candidate.renewsMore);
      assert.ok(row, 'an option renewing only this service');
      const promised = row.newExpiryText;
      if (expired) {
        assert.ok(row.expiryNoteText, 'the row says the new expiry counts from the past expiry');
        assert.ok(
          row.expiryNoteText.includes(driver.state.service.expiryText),
          `${row.expiryNoteText} names the expiry date ${driver.state.service.expiryText}`,
        );
        assert.ok(row.expiryNoteText.includes(promised));
      } else {
        assert.equal(row.expiryNoteText, undefined);
      }

      const previewed = await driver.previewRow(row.key);
      assert.equal(previewed.preview?.newExpiryText, promised);
      assert.equal(previewed.preview?.expiryNoteText, row.expiryNoteText);

      await driver.send({ type: 'placeOrder' }, [{ confirm: PLACE }]);
      await driver.until('the order and its payment options', (s) => s.payment !== undefined && s.busy === undefined);
      await driver.send({ type: 'pay' }, [{ confirm: PAY }]);
      const delivered = await driver.until('delivery', (s) => s.order?.delivered === true && s.busy === undefined);
      assert.equal((await ledger()).payments.length, 1);
      assert.equal(delivered.order?.newExpiryText, promised, 'the delivered expiry is the promised one');
    });
  }
});
