import * as assert from 'node:assert/strict';
import { BatchMessageSchema } from '../../../src/protocol/batchPanel';
import { OutlookWebviewMessageSchema } from '../../../src/protocol/outlook';
import { RenewPanelMessageSchema } from '../../../src/protocol/renewPanel';

const schemas = [
  ['renew panel', RenewPanelMessageSchema, { type: 'pay' }],
  ['batch panel', BatchMessageSchema, { type: 'ready' }],
  ['outlook', OutlookWebviewMessageSchema, { type: 'ready' }],
] as const;

suite('protocol: messages from a webview', () => {
  for (const [name, schema, valid] of schemas) {
    test(`${name}: a message whose fields are inherited from its prototype is refused`, () => {
      // postMessage delivers a structured clone: only own fields, on a plain object.
      // An object that reads "pay" from its prototype was never posted by a webview.
      assert.equal(schema.safeParse({ __proto__: valid }).success, false);
      assert.equal(schema.safeParse(Object.create(valid)).success, false);
    });

    test(`${name}: the same message with its own fields, or as postMessage delivers it, is accepted`, () => {
      assert.equal(schema.safeParse({ ...valid }).success, true);
      assert.equal(schema.safeParse(structuredClone(valid)).success, true);
      assert.equal(schema.safeParse(Object.assign(Object.create(null), valid)).success, true);
    });
  }
});
