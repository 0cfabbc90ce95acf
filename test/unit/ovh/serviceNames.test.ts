import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { knownName, knownNames, unicodeDomain } from '../../../src/ovh/serviceNames';
import { summarizeService } from '../../../src/ovh/serviceSummary';
import type { Service } from '../../../src/ovh/schemas';

suite('ovh/serviceNames: the name a person knows', () => {
  test('IDN domains in Unicode, every label; anything else as given', () => {
    assert.equal(unicodeDomain('xn--caf-crme-60ag.fr'), 'café-crème.fr');
    assert.equal(unicodeDomain('xn--aejo-gqa.io'), 'añejo.io');
    assert.equal(unicodeDomain('shop.xn--mnchen-3ya.de'), 'shop.münchen.de');
    assert.equal(unicodeDomain('XN--CAF-CRME-60AG.FR'), 'café-crème.fr');
    assert.equal(unicodeDomain('vps-9af9ed02.vps.ovh.net'), 'vps-9af9ed02.vps.ovh.net');
    // Not a valid IDN: shown as OVH sent it rather than as nothing.
    assert.equal(unicodeDomain('xn--.fr'), 'xn--.fr');
    assert.equal(unicodeDomain('Entwicklung München'), 'Entwicklung München');
  });

  test('the display name where OVH gives one, else the technical name, else the id', () => {
    assert.equal(knownName({ serviceId: 1, name: 'vps-1.vps.ovh.net', displayName: 'Entwicklung München' }), 'Entwicklung München');
    assert.equal(knownName({ serviceId: 1, name: 'xn--caf-crme-60ag.fr', displayName: 'xn--caf-crme-60ag.fr' }), 'café-crème.fr');
    assert.equal(knownName({ serviceId: 1, name: 'xn--caf-crme-60ag.fr', displayName: '  ' }), 'café-crème.fr');
    assert.equal(knownName({ serviceId: 1, name: null }), '#1');
  });

  test('two services of the same name say which is which', () => {
    const services = [
      { serviceId: 1, name: 'data-studio.de', type: 'Domain .de' },
      { serviceId: 2, name: 'data-studio.de', type: 'Hosting Perso' },
      { serviceId: 3, name: 'xn--caf-crme-60ag.fr', type: 'Domain .fr' },
    ];
    assert.deepEqual(
      knownNames(services, (service) => service.type),
      ['data-studio.de (Domain .de)', 'data-studio.de (Hosting Perso)', 'café-crème.fr'],
    );
  });

  test('property: no xn-- left in a name made of valid IDN labels', () => {
    const label = fc.stringMatching(/^[a-zà-ÿœłńźżśćęą]{1,12}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('fr', 'de', 'io', 'xn--p1ai'), (labels, tld) => {
        const ascii = domainToASCII(`${labels.join('.')}.${tld}`);
        fc.pre(ascii !== '');
        assert.doesNotMatch(knownName({ serviceId: 1, name: ascii }), /xn--/);
      }),
    );
  });

  test('the listing keeps the Unicode name whichever form OVH sends as the display name', () => {
    const service = (displayName: string | null) =>
      ({
        serviceId: 5,
        route: { path: '/domain/{serviceName}', url: '', vars: [] },
        resource: { name: 'xn--aejo-gqa.io', displayName, state: 'ok', product: null },
        billing: { expirationDate: '2026-12-08T00:00:00+01:00', plan: null },
      }) as unknown as Service;
    assert.equal(summarizeService(service('xn--aejo-gqa.io')).displayName, 'añejo.io');
    assert.equal(summarizeService(service(null)).displayName, 'añejo.io');
    assert.equal(summarizeService(service('añejo.io')).name, 'xn--aejo-gqa.io', 'the technical name stays for API calls and order matching');
  });
});
