import * as assert from 'node:assert/strict';
import { attentionItems, attentionMessage, localDayKey, shouldNotify } from '../../../src/views/pure/attention';
import { controlPanelUrl } from '../../../src/views/pure/controlPanel';
import { pickEntries } from '../../../src/views/pure/pickItems';
import { clampWarningDays } from '../../../src/views/pure/serviceFacts';
import { expiringIn, NOW, service, t } from './fixtures';

suite('views: badge count, notification, quick pick, control panel', () => {
  const parent = service({ serviceId: 1, displayName: 'vps-a', type: 'vps', expirationDate: expiringIn(5) });
  const option = service({ serviceId: 2, parentServiceId: 1, displayName: 'Backup', type: 'option', expirationDate: expiringIn(5) });
  const orphan = service({ serviceId: 3, parentServiceId: 77, displayName: 'Orphan', type: 'option', expirationDate: expiringIn(6) });
  const expired = service({ serviceId: 4, displayName: 'expired.fr', expirationDate: expiringIn(-4), lifecycleState: 'unrenewed' });
  const terminated = service({ serviceId: 5, displayName: 'gone.fr', expirationDate: expiringIn(-40), lifecycleState: 'terminated' });
  const warning = service({ serviceId: 6, displayName: 'month.fr', expirationDate: expiringIn(25) });
  const later = service({ serviceId: 7, displayName: 'later.fr', expirationDate: expiringIn(45) });
  const accounts = [{ accountId: 'A', services: [parent, option, orphan, expired, terminated, warning, later] }];

  test('counts expired and expiring services, not terminated ones nor options listed with their parent', () => {
    const items = attentionItems(accounts, NOW, 30, 'en');
    assert.deepEqual(
      items.map((item) => item.facts.service.serviceId),
      [4, 1, 3, 6],
    );
    assert.equal(attentionItems(accounts, NOW, 7, 'en').length, 3);
    assert.equal(attentionItems(accounts, NOW, 60, 'en').length, 5);
  });

  test('counts across accounts', () => {
    const items = attentionItems([...accounts, { accountId: 'B', services: [warning] }], NOW, 30, 'en');
    assert.equal(items.length, 5);
    assert.deepEqual(
      items.filter((item) => item.accountId === 'B').map((item) => item.facts.service.serviceId),
      [6],
    );
  });

  test('the notification names the first three, soonest first', () => {
    const items = attentionItems(accounts, NOW, 30, 'en');
    assert.equal(
      attentionMessage(items, 30, 'en', t),
      '4 OVHcloud services have expired or expire within 30 days: expired.fr (expired 4 days ago), vps-a (in 5 days), Orphan (in 6 days) and 1 more',
    );
    assert.equal(attentionMessage(items.slice(3), 30, 'en', t), '1 OVHcloud service has expired or expires within 30 days: month.fr (in 25 days)');
  });

  test('the notification shows once per local day, and only when enabled and needed', () => {
    const today = localDayKey(NOW);
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(shouldNotify({ enabled: true, count: 2, lastShownDay: undefined, now: NOW }), true);
    assert.equal(shouldNotify({ enabled: true, count: 2, lastShownDay: today, now: NOW }), false);
    assert.equal(shouldNotify({ enabled: true, count: 2, lastShownDay: today, now: new Date(NOW.getTime() + 86_400_000) }), true);
    assert.equal(shouldNotify({ enabled: false, count: 2, lastShownDay: undefined, now: NOW }), false);
    assert.equal(shouldNotify({ enabled: true, count: 0, lastShownDay: undefined, now: NOW }), false);
  });

  test('the service quick pick: soonest first, no terminated services, no attached options', () => {
    const entries = pickEntries([{ accountId: 'A', accountLabel: 'acc (EU)', services: accounts[0].services }], { now: NOW, warningDays: 30, locale: 'en' }, t);
    assert.deepEqual(
      entries.map((entry) => entry.serviceId),
      [4, 1, 3, 6, 7],
    );
    assert.equal(entries[1].description, 'VPS · in 5 days · automatic');
    assert.equal(entries[1].detail, 'vps-a');
  });

  test('same-name services (a domain and its hosting) differ on the first line of the quick pick', () => {
    const domain = service({ serviceId: 11, displayName: 'data-studio.de', type: 'domain', expirationDate: expiringIn(20) });
    const hosting = service({ serviceId: 12, displayName: 'data-studio.de', type: 'webHosting', expirationDate: expiringIn(20) });
    const entries = pickEntries([{ accountId: 'A', accountLabel: 'acc (EU)', services: [domain, hosting] }], { now: NOW, warningDays: 30, locale: 'en' }, t);
    const firstLines = entries.map((entry) => `${entry.label} ${entry.description}`);
    assert.equal(new Set(firstLines).size, 2, firstLines.join(' | '));
    assert.deepEqual(entries.map((entry) => entry.description.split(' · ')[0]).sort(), ['Domain', 'Web hosting']);
  });

  test('the quick pick names the account when several are signed in, and can be restricted', () => {
    const entries = pickEntries(
      [
        { accountId: 'A', accountLabel: 'a-ovh (EU)', services: [warning] },
        { accountId: 'B', accountLabel: 'b-ovh (CA)', services: [later, expired] },
      ],
      { now: NOW, warningDays: 30, locale: 'en', only: new Set(['B/7', 'A/6']) },
      t,
    );
    assert.deepEqual(
      entries.map((entry) => `${entry.accountId}/${entry.serviceId} ${entry.detail}`),
      ['A/6 month.fr · a-ovh (EU)', 'B/7 later.fr · b-ovh (CA)'],
    );
  });

  test('Control Panel URLs per endpoint; none for a custom API URL', () => {
    assert.equal(controlPanelUrl('ovh-eu', { name: 'pixel.net' }), 'https://www.ovh.com/manager/#/billing/autorenew/services?searchText=pixel.net');
    assert.equal(controlPanelUrl('ovh-ca', { name: 'a b' }), 'https://ca.ovh.com/manager/#/billing/autorenew/services?searchText=a%20b');
    assert.match(controlPanelUrl('ovh-us', { name: 'x' }) ?? '', /^https:\/\/us\.ovhcloud\.com\/manager\/#/);
    assert.match(controlPanelUrl('kimsufi-eu', { name: 'x' }) ?? '', /^https:\/\/eu\.kimsufi\.com\/manager\/#/);
    assert.match(controlPanelUrl('soyoustart-ca', { name: 'x' }) ?? '', /^https:\/\/ca\.soyoustart\.com\/manager\/#/);
    assert.equal(controlPanelUrl('custom', { name: 'x' }), undefined);
  });

  test('the warning window setting is clamped to whole days in 1..365', () => {
    assert.equal(clampWarningDays(30), 30);
    assert.equal(clampWarningDays(0), 1);
    assert.equal(clampWarningDays(1000), 365);
    assert.equal(clampWarningDays(12.6), 13);
    assert.equal(clampWarningDays('x'), 30);
  });
});
