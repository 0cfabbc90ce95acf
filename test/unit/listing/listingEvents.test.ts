import * as assert from 'node:assert/strict';
import { Emitter, type Disposable } from '../../../src/core/listing/listingEvents';

/** The listing's emitter stands in for vscode.EventEmitter: the same order, removal and error rules. */
suite('core/listing: events', () => {
  test('listeners hear each event in the order they subscribed, until they unsubscribe', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const first = emitter.event((n) => heard.push(`a${n}`));
    emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, ['a1', 'b1', 'b2']);
  });

  test('a listener removed while an event is delivered is not called; one added then waits for the next event', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const second: { subscription?: Disposable } = {};
    emitter.event((n) => {
      heard.push(`a${n}`);
      second.subscription?.dispose();
      if (n === 1) emitter.event((m) => heard.push(`c${m}`));
    });
    second.subscription = emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['a1', 'a2', 'c2']);
  });

  test('a listener that throws does not stop the others, and its error is reported', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<void>((error) => errors.push(error));
    let heard = 0;
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event(() => heard++);
    emitter.fire();
    assert.equal(heard, 1);
    assert.deepEqual(
      errors.map((error) => (error as Error).message),
      ['boom'],
    );
  });

  test('after dispose nothing fires and nothing subscribes', () => {
    const emitter = new Emitter<void>();
    let heard = 0;
    emitter.event(() => heard++);
    emitter.dispose();
    emitter.fire();
    emitter.event(() => heard++).dispose();
    emitter.fire();
    assert.equal(heard, 0);
  });
});
