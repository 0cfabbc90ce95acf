import * as assert from 'node:assert/strict';
import { serviceKey, serviceRefOf } from '../../../src/protocol/serviceRef';
import type { ServiceNode } from '../../../src/views/treeNodes';

suite('protocol: service reference', () => {
  test('a tree node, a plain reference and a saved panel state decode to the same reference', () => {
    // Only the fields the decoder reads matter; the type ties them to ServiceNode.
    const node: Pick<ServiceNode, 'kind' | 'id' | 'accountId' | 'serviceId'> = { kind: 'service', id: 'a1:service:42', accountId: 'a1', serviceId: 42 };
    const expected = { accountId: 'a1', serviceId: 42 };
    assert.deepEqual(serviceRefOf(node), expected);
    assert.deepEqual(serviceRefOf({ accountId: 'a1', serviceId: 42 }), expected);
    assert.deepEqual(serviceRefOf({ accountId: 'a1', serviceId: 42, sort: 'perMonth' }), expected);
  });

  test('anything else is not a reference', () => {
    for (const arg of [
      undefined,
      null,
      'a1',
      42,
      { accountId: 'a1' },
      { kind: 'account', accountId: 'a1' },
      { accountId: 'a1', serviceId: '42' },
      { accountId: 1, serviceId: 42 },
      { accountId: 'a1', serviceId: 4.2 },
      { accountId: 'a1', serviceId: Number.NaN },
    ]) {
      assert.equal(serviceRefOf(arg), undefined, JSON.stringify(arg));
    }
  });

  test('one key format, distinct for distinct references', () => {
    assert.equal(serviceKey({ accountId: 'a1', serviceId: 42 }), 'a1/42');
    assert.notEqual(serviceKey({ accountId: 'a1', serviceId: 42 }), serviceKey({ accountId: 'a14', serviceId: 2 }));
  });
});
