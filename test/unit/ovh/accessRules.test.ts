import * as assert from 'node:assert/strict';
import { REQUIRED_ACCESS_RULES, ruleGrants } from '../../../src/ovh';

/** Every call the client makes, in access-rule terms. */
const CALLS: Array<[string, string]> = [
  ['GET', '/me'],
  ['GET', '/services'],
  ['GET', '/services/12345'],
  ['PUT', '/services/12345'],
  ['GET', '/services/12345/renewPeriodCapacities'],
  // Renew mode and period through the product's own route, as OVH's Control Panel does.
  ...['/domain/example.com', '/hosting/web/example.com', '/vps/vps-1.vps.ovh.net', '/dedicated/server/ns1.ip-1-2-3.eu'].flatMap(
    (route): Array<[string, string]> => [
      ['GET', `${route}/serviceInfos`],
      ['PUT', `${route}/serviceInfos`],
    ],
  ),
  ['GET', '/service/12345/renew'],
  ['POST', '/service/12345/renew'],
  ['GET', '/me/order'],
  ['GET', '/me/order/987'],
  ['GET', '/me/order/987/status'],
  ['GET', '/me/order/987/availableRegisteredPaymentMean'],
  ['GET', '/me/order/987/paymentMethods'],
  ['POST', '/me/order/987/pay'],
  ['POST', '/me/order/987/payWithRegisteredPaymentMean'],
  ['GET', '/me/ovhAccount'],
  ['GET', '/me/ovhAccount/XX1234-OVH'],
  ['GET', '/me/payment/method'],
  ['GET', '/me/payment/method/5678'],
];

suite('Access rules', () => {
  test('every call the client makes is granted', () => {
    for (const [method, path] of CALLS) {
      assert.ok(
        REQUIRED_ACCESS_RULES.some((rule) => ruleGrants(rule, method, path)),
        `${method} ${path}`,
      );
    }
  });

  test('nothing beyond renewals is granted', () => {
    const outside: Array<[string, string]> = [
      ['DELETE', '/services/12345'],
      ['POST', '/me/order/987/payWithOvhAccount'],
      ['POST', '/me/ovhAccount/XX1234-OVH/retrieveMoney'],
      ['GET', '/domain/zone/example.com/record'],
      ['PUT', '/domain/example.com'],
      ['POST', '/vps/vps-1.vps.ovh.net/reboot'],
      ['POST', '/me/payment/method'],
      ['PUT', '/me'],
      ['POST', '/service/12345/terminate'],
    ];
    for (const [method, path] of outside) {
      assert.ok(!REQUIRED_ACCESS_RULES.some((rule) => ruleGrants(rule, method, path)), `${method} ${path} must not be granted`);
    }
  });

  test('no rule is redundant', () => {
    for (const rule of REQUIRED_ACCESS_RULES) {
      const others = REQUIRED_ACCESS_RULES.filter((other) => other !== rule);
      const needed = CALLS.some(([method, path]) => ruleGrants(rule, method, path) && !others.some((other) => ruleGrants(other, method, path)));
      assert.ok(needed, `${rule.method} ${rule.path} grants nothing the others do not`);
    }
  });
});
