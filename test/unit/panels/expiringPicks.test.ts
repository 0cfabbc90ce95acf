import * as assert from 'node:assert/strict';
import { expiringPicks } from '../../../src/core/batch/expiringPicks';
import { PanelFormat } from '../../../src/core/orders/panelFormat';
import { compareRenewStrategies } from '../../../src/renewal';
import { expiringIn, NOW, service, t } from '../views/fixtures';

suite('Renew Expiring Services… rows', () => {
  const account = (services: ReturnType<typeof service>[]) => [{ accountId: 'a', accountLabel: 'Main', services }];

  test("soonest first, each with its product type and the tree's words for the expiry", () => {
    const domain = service({ serviceId: 1, displayName: 'data-studio.de', type: 'domain', expirationDate: expiringIn(-3) });
    const hosting = service({ serviceId: 2, displayName: 'data-studio.de', type: 'webHosting', expirationDate: expiringIn(-3) });
    const garden = service({ serviceId: 3, displayName: 'data-garden.eu', expirationDate: expiringIn(1) });
    const later = service({ serviceId: 4, displayName: 'later.eu', expirationDate: expiringIn(200) });
    const gone = service({ serviceId: 5, displayName: 'gone.eu', expirationDate: expiringIn(-40), lifecycleState: 'terminated' });
    const picks = expiringPicks(account([garden, later, hosting, gone, domain]), 'withinWarning', { now: NOW, warningDays: 30, locale: 'en' }, t);
    assert.deepEqual(
      picks.map((pick) => [pick.label, pick.description]),
      [
        ['data-studio.de', 'Domain · expired 3 days ago'],
        ['data-studio.de', 'Web hosting · expired 3 days ago'],
        ['data-garden.eu', 'Domain · tomorrow'],
      ],
    );
  });

  test('IDN names in Unicode; the technical name below, once, where it differs', () => {
    const idn = service({ serviceId: 1, name: 'xn--caf-crme-60ag.fr', displayName: 'xn--caf-crme-60ag.fr', expirationDate: expiringIn(2) });
    const [pick] = expiringPicks(account([idn]), 'within7Days', { now: NOW, warningDays: 30, locale: 'en' }, t);
    assert.equal(pick?.label, 'café-crème.fr');
    assert.equal(pick?.detail, 'xn--caf-crme-60ag.fr');
  });
});

suite('Panel formatting: the names people know', () => {
  const row = (details: Array<{ serviceId: number; serviceName?: string; serviceType?: string }>) =>
    compareRenewStrategies(
      [
        {
          renewPeriod: 'P1Y',
          strategies: [{ price: { currencyCode: 'EUR', text: '10 €', value: 10 }, services: details.map((d) => d.serviceId), servicesDetails: details }],
        },
      ],
      details[0]?.serviceId ?? 1,
      expiringIn(10),
      NOW,
    ).rows[0]!;

  test('a strategy names IDN domains in Unicode and display names where the listing has them', () => {
    const vps = service({ serviceId: 9, name: 'vps-1.vps.ovh.net', displayName: 'Entwicklung München', type: 'vps' });
    const format = new PanelFormat(t, 'en', () => [vps]);
    assert.equal(format.servicesText(row([{ serviceId: 1, serviceName: 'xn--caf-crme-60ag.net', serviceType: 'Domain .net' }])), 'café-crème.net');
    assert.equal(format.servicesText(row([{ serviceId: 9, serviceName: 'vps-1.vps.ovh.net', serviceType: 'VPS' }])), 'Entwicklung München');
    assert.deepEqual(
      format.row(row([{ serviceId: 1, serviceName: 'xn--aejo-gqa.io' }]), 1).services.map((s) => s.name),
      ['añejo.io'],
    );
  });

  test('a domain and its hosting in one strategy, or side by side in a batch, say which is which', () => {
    const bundle = row([
      { serviceId: 1, serviceName: 'pixel.net', serviceType: 'Domain .net' },
      { serviceId: 2, serviceName: 'pixel.net', serviceType: 'Hosting Perso' },
    ]);
    assert.equal(new PanelFormat(t, 'en').servicesText(bundle), 'pixel.net (Domain .net), pixel.net (Hosting Perso)');
    // The panel's table shows the product label beside each name already: the name alone there.
    assert.deepEqual(
      new PanelFormat(t, 'en').row(bundle, 1).services.map((s) => [s.name, s.type]),
      [
        ['pixel.net', 'Domain .net'],
        ['pixel.net', 'Hosting Perso'],
      ],
    );
    const domain = service({ serviceId: 1, displayName: 'pixel.net', type: 'domain' });
    const hosting = service({ serviceId: 2, displayName: 'pixel.net', type: 'webHosting', productDescription: 'Web hosting Perso' });
    const batch = new PanelFormat(t, 'en', () => [domain, hosting]);
    assert.equal(batch.servicesText(row([{ serviceId: 1, serviceName: 'pixel.net', serviceType: 'Domain .net' }])), 'pixel.net (Domain .net)');
    assert.equal(batch.servicesText(row([{ serviceId: 2, serviceName: 'pixel.net' }])), 'pixel.net (Web hosting)');
  });
});
