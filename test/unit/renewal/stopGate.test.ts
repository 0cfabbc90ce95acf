import * as assert from 'node:assert/strict';
import { keepRoute, skipReason, stopGate, type SettingsTarget } from '../../../src/renewal/renewSettings';
import { confirmationText, skipText } from '../../../src/settings/pure/settingsText';
import { english } from '../../../src/translate';

const NOW = Date.parse('2027-01-10T12:00:00Z');
const base: SettingsTarget = {
  serviceId: 1,
  displayName: 'ns1.example.net',
  type: 'dedicatedServer',
  renewMode: 'automatic',
  renewModes: ['automatic', 'manual'],
  pendingActions: [],
  expirationDate: '2027-03-01T00:00:00+01:00',
  lifecycleActions: ['earlyRenewal', 'terminate', 'terminateAtExpirationDate'],
};
const me = { nichandle: 'ab12345-ovh', customerCode: '1234-5678-90' };
const engaged = (endDate: string, endStrategies: string[], endStrategy = 'REACTIVATE_ENGAGEMENT'): SettingsTarget => ({
  ...base,
  engagement: { endDate, endStrategy, endStrategies },
});

/** Issue 28, point 4: stopping at expiry as OVH's Control Panel gates it. */
suite('renewal: the stop-at-expiry gate', () => {
  test('offered only where billing.lifecycle.capacities.actions lists terminateAtExpirationDate (absent: OVH decides)', () => {
    assert.deepEqual(stopGate(base, me, NOW), { via: 'policy' });
    assert.equal(stopGate({ ...base, lifecycleActions: ['earlyRenewal', 'terminate'] }, me, NOW), 'stopNotOffered');
    assert.deepEqual(stopGate({ ...base, lifecycleActions: undefined }, me, NOW), { via: 'policy' });
  });

  test('only for the admin contact, by nichandle or customer code, in any case; unknown on either side lets OVH decide', () => {
    assert.equal(stopGate({ ...base, adminContact: 'someone-else' }, me, NOW), 'notAdmin');
    assert.deepEqual(stopGate({ ...base, adminContact: 'AB12345-OVH' }, me, NOW), { via: 'policy' });
    assert.deepEqual(stopGate({ ...base, adminContact: '1234-5678-90' }, me, NOW), { via: 'policy' });
    assert.deepEqual(stopGate({ ...base, adminContact: 'someone-else' }, undefined, NOW), { via: 'policy' });
  });

  test('a committed service ends through its end rule when OVH offers CANCEL_SERVICE, else it is kept and said so; a past commitment no longer counts', () => {
    assert.deepEqual(stopGate(engaged('2027-06-30', ['CANCEL_SERVICE', 'REACTIVATE_ENGAGEMENT']), me, NOW), {
      via: 'endRule',
      strategy: 'CANCEL_SERVICE',
      endDate: '2027-06-30',
    });
    assert.equal(stopGate(engaged('2027-06-30', ['REACTIVATE_ENGAGEMENT']), me, NOW), 'commitmentKept');
    assert.deepEqual(stopGate(engaged('2026-06-30', ['REACTIVATE_ENGAGEMENT']), me, NOW), { via: 'policy' });
    assert.deepEqual(keepRoute(engaged('2027-06-30', ['CANCEL_SERVICE', 'REACTIVATE_ENGAGEMENT'], 'CANCEL_SERVICE')), {
      via: 'endRule',
      strategy: 'REACTIVATE_ENGAGEMENT',
      endDate: '2027-06-30',
    });
    assert.deepEqual(keepRoute(base), { via: 'policy' });
  });

  test('options stop on their own; Change Renewal still leaves them to their service', () => {
    const option = { ...base, parentServiceId: 9 };
    assert.equal(skipReason(option, { kind: 'stopAtExpiry' }, undefined, { me, nowMs: NOW }), undefined);
    assert.equal(skipReason(option, { kind: 'renew', mode: 'manual' }), 'option');
  });

  test('each refusal says why: who the admin contact is, until when the commitment runs', () => {
    assert.match(skipText('notAdmin', english, { ...base, adminContact: 'zz999-ovh' }), /administrator contact \(zz999-ovh\)/);
    assert.match(skipText('commitmentKept', english, engaged('2027-06-30', []), 'en-US'), /until Jun 30, 2027/);
    assert.match(skipText('stopNotOffered', english), /does not offer to stop it at expiry/);
    const text = confirmationText({ kind: 'stopAtExpiry' }, [engaged('2027-06-30', ['CANCEL_SERVICE'])], [], 'en-US', english, [], NOW);
    assert.match(text.message, /at the end of its commitment, on Jun 30, 2027\?$/);
  });
});
