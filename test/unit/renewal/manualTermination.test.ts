import * as assert from 'node:assert/strict';
import { outlookKind, willTerminate } from '../../../src/renewal';
import { skipReason, type SettingsTarget } from '../../../src/renewal/renewSettings';

const service = (renewMode: string, pendingActions: string[]): SettingsTarget => ({
  serviceId: 1,
  displayName: 'pixel.net',
  type: 'domain',
  renewMode,
  renewModes: ['automatic', 'manual'],
  pendingActions,
  expirationDate: '2027-03-01T00:00:00+01:00',
  terminationDate: pendingActions.length > 0 ? '2027-03-01T00:00:00+01:00' : undefined,
});

/**
 * Issue 28, point 3: OVH's Control Panel counts a pending termination only for services not
 * in manual mode, and keeps terminateAtExpirationDate on manual domains on purpose: such a
 * service is not "ending", it expires unless paid.
 */
suite('renewal: manual services with terminateAtExpirationDate', () => {
  test('are manual, not ending, in the tree and the outlook', () => {
    const manual = service('manual', ['terminateAtExpirationDate']);
    assert.equal(outlookKind(manual), 'manual');
    assert.equal(
      willTerminate({
        billing: {
          renew: { current: { mode: 'manual', period: null } },
          lifecycle: { current: { pendingActions: manual.pendingActions, state: 'active', terminationDate: manual.terminationDate ?? null } },
        },
      }),
      false,
    );
  });

  test('an automatic service with it still ends; deleteAtExpiration still ends a manual one', () => {
    assert.equal(outlookKind(service('automatic', ['terminateAtExpirationDate'])), 'ending');
    assert.equal(outlookKind(service('manual', ['deleteAtExpiration'])), 'ending');
  });

  test('"Keep Renewing" sends nothing for them: OVH\'s own flow keeps that status', () => {
    assert.equal(skipReason(service('manual', ['terminateAtExpirationDate']), { kind: 'keepRenewing' }), 'notEnding');
  });
});
