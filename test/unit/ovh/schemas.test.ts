import * as assert from 'node:assert/strict';
import {
  CurrentCredentialSchema,
  MeSchema,
  OrderSchema,
  PaymentMethodSchema,
  RenewDescriptionListSchema,
  ServiceSchema,
  summarizeService,
} from '../../../src/ovh';
import { schemaIssuePath } from '../../../src/ovh/schemaIssue';
import { loadFixture } from './fixtures';

suite('OVH schemas against OVH examples', () => {
  test('a documented /services/{id} answer parses and summarizes', () => {
    const service = ServiceSchema.parse(loadFixture('services-vps.json'));
    const summary = summarizeService(service);
    assert.equal(summary.type, 'vps');
    assert.equal(summary.displayName, 'my-vps');
    assert.equal(summary.expirationDate, '2025-06-01T00:00:00+02:00');
    assert.equal(summary.renewMode, 'automatic');
    assert.equal(summary.renewPeriod, 'P1M');
    assert.equal(summary.parentServiceId, undefined);
  });

  test('unknown enum values, nulls and extra fields do not fail parsing', () => {
    const result = ServiceSchema.safeParse(loadFixture('services-drift.json'));
    assert.ok(result.success, JSON.stringify(!result.success && result.error.issues));
    const summary = summarizeService(result.data);
    assert.equal(summary.renewMode, 'automaticV2024');
    assert.equal(summary.lifecycleState, 'hibernating');
    assert.deepEqual(summary.pendingActions, ['deleteAtExpiration', 'aBrandNewAction']);
    assert.equal(summary.type, 'option');
    assert.equal(summary.parentServiceId, 12345);
    assert.equal(summary.expirationDate, undefined);
    assert.ok(!('iam' in result.data), 'unknown fields are stripped');
  });

  test('a missing required field fails with the path that broke', () => {
    const broken = loadFixture('services-vps.json') as { resource: Record<string, unknown> };
    delete broken.resource.name;
    const result = ServiceSchema.safeParse(broken);
    assert.equal(result.success, false);
    assert.equal(!result.success && schemaIssuePath(result.error.issues), 'resource.name');
  });

  test('a wrong type deep in a list names its index', () => {
    const renew = loadFixture('renew-guide.json') as Array<{ strategies: Array<{ services: unknown[] }> }>;
    renew[0].strategies[1].services = ['67890'];
    const result = RenewDescriptionListSchema.safeParse(renew);
    assert.equal(result.success, false);
    assert.equal(!result.success && schemaIssuePath(result.error.issues), '[0].strategies[1].services[0]');
  });

  test('the renewal guide examples parse: renew descriptions, the renew order', () => {
    const renew = RenewDescriptionListSchema.parse(loadFixture('renew-guide.json'));
    assert.equal(renew[0].strategies.length, 2);
    assert.equal(renew[0].strategies[1].price.priceInUcents, null);
    const order = OrderSchema.parse(loadFixture('renew-order.json'));
    assert.equal(order.orderId, 123456789);
    assert.equal(order.priceWithTax.value, 45.44);
    assert.equal(order.retractionDate, null);
  });

  test('/me, a payment method and the current credential parse', () => {
    assert.equal(MeSchema.parse(loadFixture('me.json')).nichandle, 'xx1234-ovh');
    const method = PaymentMethodSchema.parse(loadFixture('payment-method.json'));
    assert.equal(method.paymentMeanId, 4321);
    assert.equal(method.status, 'VALID');
    const credential = CurrentCredentialSchema.parse(loadFixture('current-credential.json'));
    assert.equal(credential.status, 'validated');
    assert.equal(credential.rules.length, 3);
  });
});
