import * as assert from 'node:assert/strict';
import { decodeAccountMeta, type AccountMeta } from '../../../src/auth/accountTypes';

const stored: AccountMeta = {
  id: 'a1',
  endpointId: 'ovh-eu',
  nichandle: 'xx1234-ovh',
  label: 'xx1234-ovh (EU)',
  method: 'appKey',
  createdConsumerKey: true,
  addedAt: '2026-01-02T03:04:05.000Z',
};

suite('Stored account metadata: read back field by field', () => {
  test('a stored account reads back as it was written', () => {
    assert.deepEqual(decodeAccountMeta(structuredClone(stored)), stored);
    const custom: AccountMeta = { ...stored, endpointId: 'custom', customUrl: 'https://api.example.test/1.0', customTokenUrl: 'https://auth.example.test' };
    assert.deepEqual(decodeAccountMeta(structuredClone(custom)), custom);
  });

  test('fields this version does not know are left behind', () => {
    const decoded = decodeAccountMeta({ ...stored, applicationSecret: 'never kept', extra: 1 });
    assert.deepEqual(decoded, stored);
    assert.deepEqual(Object.keys(decoded ?? {}).sort(), Object.keys(stored).sort());
  });

  test('optional URLs absent or undefined read as absent', () => {
    const decoded = decodeAccountMeta({ ...stored, customUrl: undefined });
    assert.ok(decoded);
    assert.equal('customUrl' in decoded, false);
  });

  for (const [field, value] of [
    ['id', 7],
    ['endpointId', 'ovh-moon'],
    ['customUrl', 42],
    ['customTokenUrl', null],
    ['nichandle', undefined],
    ['label', {}],
    ['method', 'password'],
    ['createdConsumerKey', 'yes'],
    ['addedAt', 0],
  ] as const) {
    test(`an account whose ${field} is ${JSON.stringify(value) ?? 'undefined'} is unreadable`, () => {
      assert.equal(decodeAccountMeta({ ...stored, [field]: value }), undefined);
    });
  }

  test('anything but an object is unreadable', () => {
    for (const raw of [undefined, null, 'a1', 3, [stored]]) assert.equal(decodeAccountMeta(raw), undefined, JSON.stringify(raw));
  });
});
