import * as assert from 'node:assert/strict';
import { OvhApiError } from '../../../src/ovh/errors';
import type { SettingsTarget } from '../../../src/renewal';
import { confirmationText, noAnswerReason, type OrderInFlight, outcomeLine, settingsConfirmation } from '../../../src/settings/pure/settingsText';
import { english } from '../../../src/translate';

/** Issue 27, case 11: the settings dialogs name a renewal order in flight and never call an unanswered change "sent". */
suite('settings: orders in flight and unanswered changes', () => {
  const target = { serviceId: 7, displayName: 'beta.com', expirationDate: '2027-01-10', pendingActions: [] } as unknown as SettingsTarget;
  const detail = (change: Parameters<typeof confirmationText>[0], order: OrderInFlight): string =>
    confirmationText(change, [target], [], 'en', english, [{ target, order }]).detail;

  test('each journal state is named, and the consequence depends on the change', () => {
    assert.match(
      detail({ kind: 'stopAtExpiry' }, { state: 'unpaid', orderId: 41 }),
      /beta\.com: renewal order 41, .* waiting for payment\.[\s\S]*does not cancel that order: if it is paid, the service is renewed/,
    );
    assert.match(
      detail({ kind: 'renew', mode: 'automatic', period: 'P1Y' }, { state: 'payUncertain', orderId: 41 }),
      /payment of renewal order 41, .* is in progress[\s\S]*renewed twice/,
    );
    assert.match(detail({ kind: 'renew', mode: 'manual' }, { state: 'unknown' }), /no known outcome yet\.[\s\S]*This change does not cancel that order\.$/);
    assert.doesNotMatch(confirmationText({ kind: 'stopAtExpiry' }, [target], [], 'en', english).detail, /order/);
  });

  test('an unreadable journal record of the account is named: it may stand for an order of this service', () => {
    // The money model found a stop-at-expiry dialog silent about an order whose only record a power cut had emptied.
    assert.match(
      detail({ kind: 'stopAtExpiry' }, { state: 'unreadable' }),
      /beta\.com: a record of a renewal order attempt .* cannot be read, so an order may be in flight\.[\s\S]*does not cancel that order/,
    );
    assert.match(detail({ kind: 'renew', mode: 'automatic', period: 'P1Y' }, { state: 'unreadable' }), /may be in flight[\s\S]*renewed twice/);
  });

  test('the confirmation looks up each service sent, by its account, and names only the orders found', () => {
    const other = { ...target, serviceId: 8, displayName: 'gamma.com' } as SettingsTarget;
    const asked: string[] = [];
    const text = settingsConfirmation(
      { kind: 'stopAtExpiry' },
      [
        { accountId: 'a1', target },
        { accountId: 'a2', target: other },
      ],
      [],
      'en',
      english,
      (accountId, serviceId) => {
        asked.push(`${accountId}/${serviceId}`);
        return serviceId === 8 ? { state: 'unpaid', orderId: 42 } : undefined;
      },
    );
    assert.deepEqual(asked, ['a1/7', 'a2/8']);
    assert.match(text.detail, /gamma\.com: renewal order 42, .* waiting for payment/);
    assert.doesNotMatch(text.detail, /beta\.com: .*renewal order/);
    assert.deepEqual(
      text,
      confirmationText({ kind: 'stopAtExpiry' }, [target, other], [], 'en', english, [{ target: other, order: { state: 'unpaid', orderId: 42 } }]),
    );
  });

  test('an unanswered change says why and that it may not have been made; an answered one that cannot be read back says so', () => {
    const status = new OvhApiError({ kind: 'server', method: 'PUT', path: '/services/7', status: 503 });
    const timeout = new OvhApiError({ kind: 'timeout', method: 'PUT', path: '/services/7' });
    assert.equal(noAnswerReason(status, english), 'HTTP 503');
    assert.equal(noAnswerReason(timeout, english), 'no answer in time');
    assert.equal(noAnswerReason(new Error('socket hang up'), english), 'the connection was lost');
    const line = outcomeLine({ serviceId: 7, displayName: 'beta.com', outcome: 'unconfirmed', detail: 'HTTP 503' }, english);
    assert.match(line, /did not answer \(HTTP 503\) .* may not have been made.* try again/);
    assert.doesNotMatch(line, /\bsent\b/);
    assert.match(
      outcomeLine({ serviceId: 7, displayName: 'beta.com', outcome: 'unconfirmed' }, english),
      /accepted the change, but the service could not be read back/,
    );
  });
});
