import * as assert from 'node:assert/strict';
import { endpointBaseUrl, KNOWN_ENDPOINT_IDS, knownEndpoint, parseCustomEndpoint } from '../../../src/ovh';

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
});
