import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError, isRefusedCredential, OvhApi, OvhApiError, REQUIRED_ACCESS_RULES } from '../../../src/ovh';
import { compareRenewStrategies } from '../../../src/renewal';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { renewableDomain } from '../sandbox/helpers';
import { apiFor } from './sandboxClient';

/** The client against the sandbox configured like the real API (ovh-api-realities.md), one point of issue 14 at a time. */
suite('OVH client against the real-API behaviours of the sandbox', function () {
  let sb: Sandbox;
  let api: OvhApi;

  suiteSetup(async () => {
    sb = await startSandbox({ services: 40, seed: 14, orderStepMs: 20 });
  });
  suiteTeardown(() => sb.close());
  setup(() => {
    sb.reset();
    api = apiFor(sb);
  });
  teardown(() => api.dispose());

  const newOrder = async (): Promise<number> => {
    const s = renewableDomain(sb);
    return (await api.createRenewOrder(s.serviceId, { duration: 'P1Y', services: [s.serviceId] })).orderId;
  };
  const rejection = async (work: Promise<unknown>): Promise<OvhApiError> => {
    try {
      await work;
    } catch (error) {
      if (error instanceof OvhApiError) return error;
      throw error;
    }
    throw new Error('expected a failure');
  };

  suite('1. payment', () => {
    test('the default SEPA method (no legacy id) is paid through POST /me/order/{id}/pay and the ledger records its method id', async () => {
      sb.config.defaultPaymentMethod = 'sepa';
      const orderId = await newOrder();
      const options = await api.listOrderPaymentMethods(orderId);
      const chosen = options.find((option) => option.isDefault && option.selectable);
      assert.ok(chosen, 'the default method is offered');
      const sepa = sb.state.paymentMethods.find((m) => m.paymentType === 'SEPA_DIRECT_DEBIT');
      assert.equal(chosen.paymentMethodId, sepa?.paymentMethodId);
      assert.equal(chosen.paymentMeanId, undefined, 'a paymentMethodId is never sent as a paymentMeanId');
      await api.payOrder(orderId, chosen);
      assert.deepEqual(
        sb.ledger().payments.map((p) => [p.orderId, p.route, p.paymentMethodId]),
        [[orderId, 'pay', sepa?.paymentMethodId]],
      );
    });

    test('ovhAccount: offered but not selectable when the balance does not cover the amount; paid when it does', async () => {
      const orderId = await newOrder();
      const amount = (await api.getOrder(orderId)).priceWithTax.value;
      sb.config.ovhAccountBalance = amount - 0.01;
      const low = (await api.listOrderPaymentMethods(orderId)).find((option) => option.paymentMean === 'ovhAccount');
      assert.deepEqual([low?.selectable, low?.status], [false, 'INSUFFICIENT_BALANCE']);
      sb.config.ovhAccountBalance = amount;
      const enough = (await api.listOrderPaymentMethods(orderId)).find((option) => option.paymentMean === 'ovhAccount');
      assert.equal(enough?.selectable, true);
      await api.payOrder(orderId, enough!);
      assert.deepEqual(
        sb.ledger().payments.map((p) => [p.paymentMean, p.route]),
        [['ovhAccount', 'payWithRegisteredPaymentMean']],
      );
      assert.equal(sb.config.ovhAccountBalance, 0);
    });

    test('a refusal ("can\'t be paid with") leaves the order unpaid and payable with another method', async () => {
      const orderId = await newOrder();
      const options = await api.listOrderPaymentMethods(orderId);
      const sepa = options.find((option) => option.paymentMean === 'SEPA_DIRECT_DEBIT' && option.selectable);
      assert.ok(sepa);
      sb.config.refusedPayments = ['SEPA_DIRECT_DEBIT'];
      const refused = await rejection(api.payOrder(orderId, sepa));
      assert.equal(refused.status, 403);
      assert.match(refused.serverMessage ?? '', /can't be paid with/);
      assert.equal(await api.getOrderStatus(orderId), 'notPaid');
      const again = await api.listOrderPaymentMethods(orderId);
      assert.ok(!again.some((option) => option.paymentMean === 'SEPA_DIRECT_DEBIT' && option.selectable), 'the refused type is no longer offered');
      const card = again.find((option) => option.paymentMean === 'CREDIT_CARD' && option.selectable);
      await api.payOrder(orderId, card!);
      assert.equal(sb.ledger().payments.length, 1);
    });

    test('a key created before the new rules: cards with a legacy id pay through the legacy route, SEPA asks to sign in again, nothing is lost', async () => {
      const oldRules = REQUIRED_ACCESS_RULES.filter(
        (rule) => !(rule.method === 'POST' && rule.path === '/me/order/*/pay') && !rule.path.startsWith('/me/ovhAccount'),
      );
      const oldKey = apiFor(sb, { consumerKey: sb.createCredential(oldRules.map((r) => ({ method: r.method as 'GET' | 'POST', path: r.path }))) });
      try {
        const orderId = await newOrder();
        const options = await oldKey.listOrderPaymentMethods(orderId);
        assert.equal(options.find((option) => option.paymentMean === 'ovhAccount')?.status, 'BALANCE_UNKNOWN');
        const sepa = options.find((option) => option.paymentMean === 'SEPA_DIRECT_DEBIT');
        assert.deepEqual([sepa?.selectable, sepa?.status], [false, 'NEEDS_REAUTHORIZE']);
        assert.ok(
          options.filter((option) => option.selectable).every((option) => option.paymentMethodId === undefined),
          'no option needs the route the key lacks',
        );
        // Forcing the newer route anyway: refused as not granted, with the re-authorize step, and nothing is paid.
        const card = sb.state.paymentMethods.find((m) => m.isDefault)!;
        const error = await rejection(oldKey.payOrder(orderId, { paymentMean: 'CREDIT_CARD', paymentMethodId: card.paymentMethodId }));
        assert.equal(error.kind, 'notGranted');
        assert.match(describeError(error).nextStep, /Sign in again .* POST \/me\/order\/\*\/pay/);
        assert.equal(await oldKey.getOrderStatus(orderId), 'notPaid');
        const legacy = options.find((option) => option.isDefault && option.selectable)!;
        assert.equal(legacy.paymentMeanId, card.paymentMeanId);
        await oldKey.payOrder(orderId, legacy);
        assert.deepEqual(
          sb.ledger().payments.map((p) => [p.route, p.paymentMeanId]),
          [['payWithRegisteredPaymentMean', card.paymentMeanId]],
        );
      } finally {
        oldKey.dispose();
      }
    });
  });

  suite('2. prices', () => {
    test('strategy prices with only {value} are compared in the account currency from GET /me', async () => {
      sb.config.renewPrices = 'valueOnly';
      const s = renewableDomain(sb);
      const offers = await api.listRenewDescriptions(s.serviceId, false);
      assert.ok(offers.length > 0);
      assert.ok(offers.every((offer) => offer.strategies.every((st) => st.price?.currencyCode === 'EUR')));
      const comparison = compareRenewStrategies(offers, s.serviceId, null, new Date());
      assert.equal(comparison.issues.length, 0);
      assert.ok(comparison.rows.every((row) => row.currencyCode === 'EUR'));
    });

    test('one unreadable strategy is reported and hides none of the others', async () => {
      sb.config.renewPrices = 'oneBroken';
      const s = renewableDomain(sb);
      const offers = await api.listRenewDescriptions(s.serviceId, false);
      const total = offers.reduce((sum, offer) => sum + offer.strategies.length, 0);
      const comparison = compareRenewStrategies(offers, s.serviceId, null, new Date());
      assert.deepEqual(
        comparison.issues.map((issue) => [issue.kind, issue.descriptionIndex, issue.strategyIndex]),
        [['invalidPrice', 0, 0]],
      );
      assert.equal(comparison.rows.length, total - 1);
    });
  });

  test('3. cached lists: a renewed expiry shows only with Pragma: no-cache', async () => {
    const s = renewableDomain(sb);
    const expiry = async (fresh: boolean): Promise<string | null | undefined> =>
      (await api.listServices(undefined, { fresh })).services.find((x) => x.serviceId === s.serviceId)?.expirationDate;
    const before = await expiry(false);
    s.expirationMs += 365 * 86_400_000;
    assert.equal(await expiry(false), before, 'OVH serves the cached page');
    assert.notEqual(await expiry(true), before, 'Pragma: no-cache bypasses the cache');
  });

  test('4. a dry run answering orderId 0, null or nothing is a preview, never an order', async () => {
    const s = renewableDomain(sb);
    for (const variant of ['zero', 'null', 'absent'] as const) {
      sb.config.dryRunOrderId = variant;
      const preview = await api.previewRenew(s.serviceId, { duration: 'P1Y', services: [s.serviceId] });
      assert.ok(preview.priceWithTax.value > 0, variant);
      assert.equal('orderId' in preview, false, `${variant}: the preview carries no order id`);
    }
    assert.equal(sb.ledger().orders.length, 0);
  });

  suite('5. OAuth2 service accounts and IAM', () => {
    for (const [policy, expected] of [
      ['none', ['account:apiovh:me/get']],
      [['account:apiovh:me/get'], ['account:apiovh:services/get']],
    ] as const) {
      test(`policy ${JSON.stringify(policy)}: the missing IAM actions are named, with how to grant them`, async () => {
        const account = sb.createServiceAccount(policy);
        const oauth = apiFor(sb, { kind: 'oauth2', clientId: account.clientId, clientSecret: account.clientSecret });
        try {
          const error = await rejection(policy === 'none' ? oauth.me() : (async () => (await oauth.me(), await oauth.listServices()))());
          assert.equal(error.kind, 'iamNotGranted');
          assert.deepEqual(error.missingActions, expected);
          const words = describeError(error);
          assert.ok(words.explanation.includes(expected[0]) && words.nextStep.includes(expected[0]));
          assert.match(words.nextStep, /Identity and Access Management/);
          assert.doesNotMatch(words.nextStep, /^Sign in again/);
        } finally {
          oauth.dispose();
        }
      });
    }

    test("a policy with exactly the README's IAM actions runs the whole journey, payment included", async () => {
      const readme = fs.readFileSync(path.join(__dirname, '../../../../README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('### OAuth2 service accounts and IAM'), readme.indexOf('### How the extension talks to OVH'));
      const actions = [...new Set(section.match(/account:apiovh:[A-Za-z/]+/g) ?? [])];
      assert.ok(actions.length >= 10, `${actions.length} actions in the README`);
      const account = sb.createServiceAccount(actions);
      const oauth = apiFor(sb, { kind: 'oauth2', clientId: account.clientId, clientSecret: account.clientSecret });
      try {
        const s = renewableDomain(sb);
        await oauth.me();
        await oauth.listServices();
        await oauth.listRenewDescriptions(s.serviceId, false);
        await oauth.previewRenew(s.serviceId, { duration: 'P1Y', services: [s.serviceId] });
        const order = await oauth.createRenewOrder(s.serviceId, { duration: 'P1Y', services: [s.serviceId] });
        await oauth.listOrderIds(new Date(0));
        sb.config.ovhAccountBalance = 1000;
        const options = await oauth.listOrderPaymentMethods(order.orderId);
        await oauth.payOrder(
          order.orderId,
          options.find((option) => option.paymentMean === 'ovhAccount' && option.selectable)!,
        );
        assert.notEqual(await oauth.getOrderStatus(order.orderId), 'notPaid');
        const second = await oauth.createRenewOrder(s.serviceId, { duration: 'P1Y', services: [s.serviceId] });
        const card = (await oauth.listOrderPaymentMethods(second.orderId)).find((option) => option.paymentMethodId !== undefined && option.selectable);
        await oauth.payOrder(second.orderId, card!);
        assert.deepEqual(
          sb.ledger().payments.map((p) => p.route),
          ['payWithRegisteredPaymentMean', 'pay'],
        );
      } finally {
        oauth.dispose();
      }
    });

    test('policy all: the whole journey works', async () => {
      const account = sb.createServiceAccount('all');
      const oauth = apiFor(sb, { kind: 'oauth2', clientId: account.clientId, clientSecret: account.clientSecret });
      try {
        assert.ok((await oauth.listServices()).services.length > 0);
      } finally {
        oauth.dispose();
      }
    });
  });

  test('6. a key waiting for approval answers INVALID_CREDENTIAL ("not yet"); a refused one is recognised as refused', async () => {
    const pending = apiFor(sb, { consumerKey: sb.createCredential(undefined, 'pendingValidation') });
    const refused = apiFor(sb, { consumerKey: sb.createCredential(undefined, 'refused') });
    try {
      const wait = await rejection(pending.currentCredential());
      assert.deepEqual([wait.kind, isRefusedCredential(wait)], ['invalidCredential', false]);
      const no = await rejection(refused.currentCredential());
      assert.deepEqual([no.kind, isRefusedCredential(no)], ['invalidCredential', true]);
    } finally {
      pending.dispose();
      refused.dispose();
    }
  });

  test("8. order links are kept only on the endpoint's own host", async () => {
    const orderId = await newOrder();
    const order = await api.getOrder(orderId);
    assert.ok(order.url?.startsWith(sb.origin) && order.pdfUrl?.startsWith(sb.origin));
    const raw = (await api.transport.get(`/me/order/${orderId}`, { schema: (await import('zod/mini')).unknown() })).data as Record<string, unknown>;
    sb.faults.add({
      method: 'GET',
      path: `/me/order/${orderId}`,
      kind: 'status',
      status: 200,
      body: { ...raw, url: 'https://evil.example/order', pdfUrl: 'https://www.ovh.com.evil.example/x.pdf' },
    });
    const tampered = await api.getOrder(orderId);
    assert.deepEqual([tampered.url, tampered.pdfUrl], [null, null]);
  });
});
