import * as assert from 'node:assert/strict';
import { changeVisible, commonPeriods, type SettingsTarget, skipReason } from '../../../src/renewal/renewSettings';

const target = (over: Partial<SettingsTarget> = {}): SettingsTarget => ({
  serviceId: 1,
  displayName: 'pixel.net',
  type: 'domain',
  renewMode: 'automatic',
  renewModes: ['automatic', 'manual'],
  pendingActions: [],
  ...over,
});

/** Issue 28, point 8: OVH spells a year P1Y or P12M (the Control Panel sends months); they are one period. */
suite('renewal: renew periods compared as durations, not as text', () => {
  test('a change to P1Y is visible when OVH shows P12M', () => {
    assert.equal(changeVisible(target({ renewPeriod: 'P12M' }), { kind: 'renew', mode: 'automatic', period: 'P1Y' }), true);
    assert.equal(changeVisible(target({ renewPeriod: 'P24M' }), { kind: 'renew', mode: 'automatic', period: 'P1Y' }), false);
  });

  test('P12M offered is P1Y offered; a service already renewing every P12M is unchanged by P1Y', () => {
    assert.equal(skipReason(target({ renewMode: 'manual' }), { kind: 'renew', mode: 'automatic', period: 'P1Y' }, ['P12M', 'P24M']), undefined);
    assert.equal(skipReason(target({ renewPeriod: 'P12M' }), { kind: 'renew', mode: 'automatic', period: 'P1Y' }, ['P1Y']), 'unchanged');
  });

  test('common periods match across spellings, each once', () => {
    assert.deepEqual(
      commonPeriods([
        ['P1Y', 'P12M', 'P2Y'],
        ['P12M', 'P24M'],
      ]),
      ['P1Y', 'P2Y'],
    );
  });
});
