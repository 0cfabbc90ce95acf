import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalFiles } from '../../../src/storage/journalFiles';
import { watchJournalFolder } from '../../../src/storage/journalWatch';

/** Resolves on the next call of the watcher's callback. */
function nextCall(): { promise: Promise<void>; changed: () => void; count: () => number } {
  let calls = 0;
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return {
    promise,
    changed: () => {
      calls++;
      resolve();
    },
    count: () => calls,
  };
}

suite('Journal folder watch (another window changed the journal)', () => {
  let dir: string;
  setup(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-journal-watch-')), 'order-journal');
  });
  teardown(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  test('an entry written by another JournalFiles on the same folder is reported once, after the burst', async () => {
    const call = nextCall();
    const watch = watchJournalFolder(dir, call.changed, { debounceMs: 50 });
    try {
      // Another window: its own JournalFiles, temporary file then rename, then an end.
      const other = new JournalFiles(dir);
      await other.update('ovhcloud.orderJournal.a', { id: 'a' });
      await other.update('ovhcloud.orderJournal.a', undefined);
      await call.promise;
      assert.equal(call.count(), 1);
    } finally {
      watch.dispose();
    }
  });

  test('the folder is created when absent, and a folder that cannot be watched is reported, not thrown', () => {
    const errors: unknown[] = [];
    const watch = watchJournalFolder(dir, () => undefined, { onError: (error) => errors.push(error) });
    watch.dispose();
    assert.ok(fs.statSync(dir).isDirectory());
    const file = path.join(path.dirname(dir), 'a-file');
    fs.writeFileSync(file, '');
    const blocked = watchJournalFolder(path.join(file, 'order-journal'), () => undefined, { onError: (error) => errors.push(error) });
    blocked.dispose();
    assert.equal(errors.length, 1);
  });
});
