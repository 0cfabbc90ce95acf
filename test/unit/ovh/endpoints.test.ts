import * as assert from 'node:assert/strict';
import {
  controlPanelRoot,
  ENDPOINT_IDS,
  endpointBaseUrl,
  endpointLabel,
  isOwnOrderLink,
  KNOWN_ENDPOINT_IDS,
  knownEndpoint,
  parseCustomEndpoint,
} from '../../../src/ovh';

suite('Endpoints', () => {
  test('the seven OVH endpoints, with OAuth2 on EU/CA/US only', () => {
    assert.deepEqual([...KNOWN_ENDPOINT_IDS].sort(), ['kimsufi-ca', 'kimsufi-eu', 'ovh-ca', 'ovh-eu', 'ovh-us', 'soyoustart-ca', 'soyoustart-eu']);
    const oauth = KNOWN_ENDPOINT_IDS.filter((id) => knownEndpoint(id).tokenUrl !== undefined).sort();
    assert.deepEqual(oauth, ['ovh-ca', 'ovh-eu', 'ovh-us']);
    assert.equal(endpointBaseUrl(knownEndpoint('ovh-eu')), 'https://eu.api.ovh.com/1.0');
  });

  test('a custom https URL with port and base path', () => {
    const result = parseCustomEndpoint('  https://127.0.0.1:8443/1.0/ ');
    assert.ok(result.ok);
    assert.equal(result.endpoint.host, '127.0.0.1');
    assert.equal(result.endpoint.port, 8443);
    assert.equal(result.endpoint.basePath, '/1.0');
    assert.equal(endpointBaseUrl(result.endpoint), 'https://127.0.0.1:8443/1.0');
  });

  test('pasted quotes are removed and a bare host gets /1.0', () => {
    const result = parseCustomEndpoint('"https://api.example.com"');
    assert.ok(result.ok);
    assert.equal(result.endpoint.basePath, '/1.0');
  });

  const rejected: Array<[string, string]> = [
    ['', 'empty'],
    ['eu.api.ovh.com', 'notUrl'],
    ['http://127.0.0.1:8080/1.0', 'notHttps'],
    ['https://user:pass@api.example.com/1.0', 'hasCredentials'],
    ['https://api.example.com/1.0?x=1', 'hasQuery'],
    ['https://api.example.com/1.0/a b', 'badPath'],
  ];
  for (const [input, problem] of rejected) {
    test(`rejects ${JSON.stringify(input)} as ${problem}`, () => {
      const result = parseCustomEndpoint(input);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problem, problem);
    });
  }

  test("order links open only on the endpoint's own OVH sites", () => {
    const eu = knownEndpoint('ovh-eu');
    const yes = ['https://www.ovh.com/cgi-bin/order/displayOrder.cgi?orderId=1', 'https://www.ovh.de/order/1.pdf', 'https://eu.ovhcloud.com/x'];
    const no = [
      'https://evil.example/order',
      'https://www.ovh.com.evil.example/x',
      'https://evilovh.com/x',
      'http://www.ovh.com/order',
      'https://user:pw@www.ovh.com/x',
      'https://www.soyoustart.com/order',
      'javascript:alert(1)',
      '',
      null,
    ];
    for (const link of yes) assert.equal(isOwnOrderLink(eu, link), true, String(link));
    for (const link of no) assert.equal(isOwnOrderLink(eu, link), false, String(link));
    assert.equal(isOwnOrderLink(knownEndpoint('soyoustart-eu'), 'https://eu.soyoustart.com/order'), true);
    assert.equal(isOwnOrderLink(knownEndpoint('kimsufi-ca'), 'https://www.ovh.com/order'), false);
    assert.equal(isOwnOrderLink(knownEndpoint('ovh-us'), 'https://us.ovhcloud.com/order'), true);
    const custom = parseCustomEndpoint('https://127.0.0.1:8443/1.0');
    assert.ok(custom.ok);
    assert.equal(isOwnOrderLink(custom.endpoint, 'https://127.0.0.1:8443/order/displayOrder?orderId=1'), true);
    assert.equal(isOwnOrderLink(custom.endpoint, 'https://www.ovh.com/order'), false);
  });

  test('one table: every known endpoint has a name, a Control Panel on its own sites, and the stored ids are exactly the table plus custom', () => {
    assert.deepEqual([...ENDPOINT_IDS].sort(), [...KNOWN_ENDPOINT_IDS, 'custom'].sort());
    for (const id of KNOWN_ENDPOINT_IDS) {
      assert.ok(endpointLabel(id).length > 0, id);
      const root = controlPanelRoot(id);
      assert.ok(root && isOwnOrderLink(knownEndpoint(id), root), `${id}: ${root}`);
    }
    assert.equal(new Set(KNOWN_ENDPOINT_IDS.map(endpointLabel)).size, KNOWN_ENDPOINT_IDS.length);
    assert.equal(controlPanelRoot('custom'), undefined);
  });
});
