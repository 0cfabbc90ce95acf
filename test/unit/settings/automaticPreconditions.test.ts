import * as assert from 'node:assert/strict';
import { KNOWN_ENDPOINT_IDS } from '../../../src/ovh';
import { modesInRegion, preconditionLink, preconditionText, refusedPrecondition } from '../../../src/settings/pure/automaticPreconditions';
import { english } from '../../../src/translate';

/** Issue 28, point 5: the preconditions of automatic renewal, named with what to do and where. */
suite('settings: preconditions of automatic renewal', () => {
  test("a refusal is recognised by what OVH's message names; any other refusal is not a precondition", () => {
    assert.equal(refusedPrecondition('Automatic renewal is no longer available for older contracts: accept the new contracts first'), 'contracts');
    assert.equal(refusedPrecondition('Only the billing contact of this service can switch it to automatic renewal'), 'billingContact');
    assert.equal(refusedPrecondition('Automatic renewal is not possible while the account has unpaid debt'), 'debt');
    assert.equal(refusedPrecondition('Renew period 7 is not allowed for this service'), undefined);
    assert.equal(refusedPrecondition(undefined), undefined);
  });

  test("each link is the Control Panel page of the account's own region; a custom API URL has none", () => {
    for (const id of KNOWN_ENDPOINT_IDS) {
      for (const precondition of ['contracts', 'billingContact', 'debt'] as const) {
        const link = preconditionLink(id, precondition, 'pixel.net');
        assert.ok(link?.startsWith('https://'), `${id} ${precondition}`);
      }
    }
    assert.equal(preconditionLink('ovh-eu', 'contracts', 'x'), 'https://www.ovh.com/manager/#/billing/autorenew/agreements');
    assert.equal(preconditionLink('ovh-ca', 'billingContact', 'pixel net'), 'https://ca.ovh.com/manager/#/contacts/services?serviceName=pixel%20net');
    assert.equal(preconditionLink('ovh-us', 'debt', 'x'), 'https://us.ovhcloud.com/manager/#/billing/history');
    assert.equal(preconditionLink('custom', 'debt', 'x'), undefined);
    assert.match(
      preconditionText('debt', english, 'https://www.ovh.com/manager/#/billing/history'),
      /pay them .*\(https:\/\/www\.ovh\.com\/manager\/#\/billing\/history\)$/,
    );
    assert.doesNotMatch(preconditionText('contracts', english, undefined), /\(/);
  });

  test('the US region offers no manual renewal', () => {
    assert.deepEqual(modesInRegion(['automatic', 'manual'], 'ovh-us'), ['automatic']);
    assert.deepEqual(modesInRegion(['automatic', 'manual'], 'ovh-eu'), ['automatic', 'manual']);
    assert.deepEqual(modesInRegion(['automatic', 'manual'], 'custom'), ['automatic', 'manual']);
  });
});
