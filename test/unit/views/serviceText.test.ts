import * as assert from 'node:assert/strict';
import { factsOf } from '../../../src/views/pure/serviceFacts';
import {
  accessibleLabel,
  expiryText,
  fitLabel,
  groupLabel,
  optionLabel,
  serviceDescription,
  serviceTooltip,
  treeDescription,
} from '../../../src/views/pure/serviceText';
import { expiringIn, NOW, service, t } from './fixtures';

const facts = (partial: Parameters<typeof service>[0], warningDays = 30) => factsOf(service(partial), NOW, warningDays);

suite('views: descriptions and tooltips', () => {
  test('soon is relative ("in 12 days", "expired 3 days ago"), later is a date', () => {
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(12) }), 'en', t), 'in 12 days');
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(1) }), 'en', t), 'tomorrow');
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(-3) }), 'en', t), 'expired 3 days ago');
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(0) }), 'en', t), 'expired today');
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(31) }), 'en', t), 'Apr 10, 2026');
    // The same 12 days is a date when the warning window is shorter.
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(12) }, 10), 'en', t), 'Mar 22, 2026');
    assert.equal(expiryText(facts({ displayName: 'a', expirationDate: expiringIn(12) }), 'de', t), 'in 12 Tagen');
  });

  test('the tree description is the expiry alone (the renew mode moves to the tooltip), plus a coming termination', () => {
    assert.equal(treeDescription(facts({ displayName: 'a', expirationDate: expiringIn(3), renewMode: 'manual' }), 'en', t), 'in 3 days');
    assert.equal(treeDescription(facts({ displayName: 'a', expirationDate: expiringIn(100), renewMode: 'automatic' }), 'en', t), 'Jun 18, 2026');
    assert.equal(
      treeDescription(facts({ displayName: 'a', expirationDate: expiringIn(20), pendingActions: ['deleteAtExpiration'] }), 'en', t),
      'ends in 20 days',
    );
    assert.equal(treeDescription(facts({ displayName: 'a', expirationDate: expiringIn(-60), lifecycleState: 'terminated' }), 'en', t), 'terminated');
  });

  test('an option under its parent drops the repeated parent name', () => {
    assert.equal(optionLabel('Automated Backup (vps-611b8e2c.vps.ovh.net)', ['vps-611b8e2c.vps.ovh.net']), 'Automated Backup');
    assert.equal(optionLabel('Automated Backup (My server)', [undefined, 'My server']), 'Automated Backup');
    assert.equal(optionLabel('Snapshot', ['vps-1']), 'Snapshot');
    assert.equal(optionLabel(' (vps-1)', ['vps-1']), ' (vps-1)', 'never an empty label');
  });

  test('names up to 30 characters keep the expiry in view: the name is shortened in its middle, only when needed', () => {
    assert.equal(fitLabel('pixel.net', 'in 3 days', 1), 'pixel.net');
    assert.equal(fitLabel('café-crème.fr', 'expired 22 days ago', 1), 'café-crème.fr', 'short names are never shortened');
    assert.equal(fitLabel('Entwicklung München', 'Oct 1, 2027', 1), 'Entwicklung München');
    // Deeper rows have less room.
    assert.ok(fitLabel('ns558078.ip-107-99-14.eu', 'Aug 5, 2027', 3).length <= fitLabel('ns558078.ip-107-99-14.eu', 'Aug 5, 2027', 1).length);
    for (const description of ['in 27 days', 'expired 22 days ago', 'Mar 31, 2027', 'ends in 20 days']) {
      for (const depth of [1, 2, 3]) {
        const label = fitLabel('vps-a9c40614.vps.ovh.net-abcde', description, depth);
        assert.ok(label.length < 30, `${label} is shortened next to "${description}" at depth ${depth}`);
        if (label !== 'vps-a9c40614.vps.ovh.net-abcde') {
          assert.match(label, /^vps-.*….*cde$/, 'start and end of the name are kept');
        }
      }
    }
    assert.equal([...fitLabel('日本語テスト日本語テスト日本語テスト日本語テスト', 'expired 22 days ago', 1)].length <= 30, true);
  });

  test('screen readers hear each fact once', () => {
    assert.equal(accessibleLabel(['nova.eu', 'terminated', undefined, 'Terminated']), 'nova.eu, terminated');
    assert.equal(accessibleLabel(['pixel.net', 'in 3 days', 'manual', 'expires within 7 days']), 'pixel.net, in 3 days, manual, expires within 7 days');
  });

  test('the description adds the renew mode, or the termination', () => {
    assert.equal(serviceDescription(facts({ displayName: 'a', expirationDate: expiringIn(3), renewMode: 'manual' }), 'en', t), 'in 3 days · manual');
    assert.equal(serviceDescription(facts({ displayName: 'a', expirationDate: expiringIn(100), renewMode: 'automatic' }), 'en', t), 'Jun 18, 2026 · automatic');
    assert.equal(serviceDescription(facts({ displayName: 'a', expirationDate: expiringIn(100), renewMode: 'brandNewMode' }), 'en', t), 'Jun 18, 2026');
    assert.equal(
      serviceDescription(facts({ displayName: 'a', expirationDate: expiringIn(20), pendingActions: ['deleteAtExpiration'] }), 'en', t),
      'in 20 days · ends at expiry',
    );
    assert.equal(serviceDescription(facts({ displayName: 'a', expirationDate: expiringIn(-60), lifecycleState: 'terminated' }), 'en', t), 'terminated');
    assert.equal(serviceDescription(facts({ displayName: 'a', expirationDate: undefined }), 'en', t), 'no expiry date · automatic');
  });

  test('the tooltip has product, name, id, expiry, creation, renewal, state, pending actions and the termination warning', () => {
    const tip = serviceTooltip(
      facts({
        displayName: 'Backup (prod)',
        name: 'backup.vps-1.vps.ovh.net',
        serviceId: 42,
        type: 'option',
        productDescription: 'Automated Backup',
        expirationDate: expiringIn(5),
        creationDate: '2024-03-01T00:00:00+01:00',
        renewMode: 'automatic',
        renewPeriod: 'P3M',
        lifecycleState: 'active',
        pendingActions: ['deleteAtExpiration'],
      }),
      { locale: 'en', warningDays: 30, accountLabel: 'xx1-ovh (EU)' },
      t,
    );
    assert.equal(tip.title, 'Backup (prod)');
    assert.deepEqual(
      tip.rows.map((row) => `${row.label}: ${row.value}`),
      [
        'Product: Option · Automated Backup',
        'Service name: backup.vps-1.vps.ovh.net',
        'Service ID: 42',
        'Expires: Mar 15, 2026 (in 5 days) · expires within 7 days',
        'Created: Mar 1, 2024',
        'Renewal: automatic, every 3 months',
        'State: active',
        'Pending actions: deleteAtExpiration',
        'Account: xx1-ovh (EU)',
      ],
    );
    assert.equal(tip.warning, 'Will be terminated at expiry');
    assert.equal(serviceTooltip(facts({ displayName: 'a' }), { locale: 'en', warningDays: 30 }, t).warning, undefined);
  });

  test('group labels for both groupings', () => {
    assert.equal(groupLabel('productType', 'dedicatedServer', 30, t), 'Dedicated servers');
    assert.equal(groupLabel('expiry', 'warning', 45, t), 'Within 45 days');
    assert.equal(groupLabel('expiry', 'terminated', 30, t), 'Terminated');
  });
});
