import * as assert from 'node:assert/strict';
import {
  changeVisible,
  commonPeriods,
  countOutcomes,
  isForcedAutomatic,
  modesOffered,
  type SettingsChange,
  settingsBody,
  type SettingsTarget,
  skipReason,
} from '../../../src/renewal/renewSettings';

const target = (over: Partial<SettingsTarget> = {}): SettingsTarget => ({
  serviceId: 1,
  displayName: 'pixel.net',
  type: 'domain',
  renewMode: 'manual',
  renewModes: ['automatic', 'manual'],
  pendingActions: [],
  ...over,
});

suite('renewal: renew settings', () => {
  test('modes come from billing.renew.capacities.mode; forced-automatic services are recognised', () => {
    assert.deepEqual(modesOffered(target()), ['automatic', 'manual']);
    assert.deepEqual(modesOffered(target({ renewModes: ['automatic'] })), ['automatic']);
    assert.deepEqual(modesOffered(target({ renewModes: undefined })), ['automatic', 'manual']);
    assert.equal(isForcedAutomatic(target({ renewModes: ['automatic'] })), true);
    assert.equal(isForcedAutomatic(target()), false);
  });

  test('common periods: only those every service accepts, shortest first, unreadable ones dropped', () => {
    assert.deepEqual(
      commonPeriods([
        ['P1Y', 'P1M', 'P3M', 'weird'],
        ['P3M', 'P1Y', 'P2Y'],
      ]),
      ['P3M', 'P1Y'],
    );
    assert.deepEqual(commonPeriods([]), []);
    assert.deepEqual(commonPeriods([['P2Y', 'P12M', 'P1M']]), ['P1M', 'P12M', 'P2Y']);
  });

  test('skip reasons are known before any request', () => {
    const toAuto: SettingsChange = { kind: 'renew', mode: 'automatic', period: 'P1Y' };
    assert.equal(skipReason(target(), toAuto, ['P1Y']), undefined);
    assert.equal(skipReason(target(), toAuto, ['P1M']), 'periodNotOffered');
    assert.equal(skipReason(target({ renewModes: ['automatic'], renewMode: 'automatic' }), { kind: 'renew', mode: 'manual' }), 'forcedAutomatic');
    assert.equal(skipReason(target({ renewMode: 'automatic', renewPeriod: 'P1Y' }), toAuto, ['P1Y']), 'unchanged');
    assert.equal(skipReason(target({ lifecycleState: 'terminated' }), toAuto), 'terminated');
    // Issue 28: an option stops on its own (the Control Panel does so); its renewal still follows its service.
    assert.equal(skipReason(target({ parentServiceId: 9 }), { kind: 'stopAtExpiry' }), undefined);
    assert.equal(skipReason(target({ parentServiceId: 9 }), { kind: 'renew', mode: 'manual' }), 'option');
    assert.equal(skipReason(target({ pendingActions: ['terminateAtExpirationDate'] }), { kind: 'stopAtExpiry' }), 'alreadyEnding');
    assert.equal(skipReason(target(), { kind: 'keepRenewing' }), 'notEnding');
    assert.equal(skipReason(target({ pendingActions: ['deleteAtExpiration'] }), { kind: 'keepRenewing' }), undefined);
  });

  test('PUT bodies follow services.update.Service', () => {
    assert.deepEqual(settingsBody({ kind: 'renew', mode: 'automatic', period: 'P1Y' }), { renew: { mode: 'automatic', period: 'P1Y' } });
    assert.deepEqual(settingsBody({ kind: 'renew', mode: 'manual' }), { renew: { mode: 'manual' } });
    assert.deepEqual(settingsBody({ kind: 'stopAtExpiry' }), { terminationPolicy: 'terminateAtExpirationDate' });
    assert.deepEqual(settingsBody({ kind: 'keepRenewing' }), { terminationPolicy: 'empty' });
  });

  test('a change counts as done only once fresh data shows it', () => {
    const toAuto: SettingsChange = { kind: 'renew', mode: 'automatic', period: 'P2Y' };
    assert.equal(changeVisible(target({ renewMode: 'automatic', renewPeriod: 'P2Y' }), toAuto), true);
    assert.equal(changeVisible(target({ renewMode: 'automatic', renewPeriod: 'P1Y' }), toAuto), false);
    assert.equal(changeVisible(target(), toAuto), false);
    assert.equal(changeVisible(target({ pendingActions: ['terminateAtExpirationDate'] }), { kind: 'stopAtExpiry' }), true);
    assert.equal(changeVisible(target(), { kind: 'keepRenewing' }), true);
    assert.deepEqual(
      countOutcomes([
        { serviceId: 1, displayName: 'a', outcome: 'changed' },
        { serviceId: 2, displayName: 'b', outcome: 'refused' },
        { serviceId: 3, displayName: 'c', outcome: 'changed' },
      ]),
      { changed: 2, notApplied: 0, unconfirmed: 0, refused: 1, skipped: 0, failed: 0 },
    );
  });
});
