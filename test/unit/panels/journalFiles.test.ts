import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalFiles } from '../../../src/storage/journalFiles';
import { OrderJournal, type JournalEntry } from '../../../src/core/orders/orderJournal';
import { SimWorld } from './simWorld';
import { TEST_IDENTITY } from '../../kit/identity';

function entry(id: string, serviceId: number): JournalEntry {
  return {
    id,
    identity: TEST_IDENTITY,
    serviceId,
    services: [serviceId],
    serviceNames: [`s${serviceId}`],
    intentKey: `P1Y|${serviceId}`,
    duration: 'P1Y',
    state: 'placing',
    withTaxValue: 12,
    startedAt: '2026-11-01T10:00:00.000Z',
  };
}

suite('Order journal files (shared by every window of the machine)', () => {
  let dir: string;
  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-journal-files-'));
  });
  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  const journalIn = (folder: string): OrderJournal => new OrderJournal(new JournalFiles(folder), () => TEST_IDENTITY);

  test('globalState as VS Code keeps it loses one of two windows writing at once; the files keep both', async () => {
    // Why the journal is not in globalState: each window writes its whole copy back.
    const world = new SimWorld();
    try {
      const [a, b] = [world.window('A'), world.window('B')];
      const inState = (window: typeof a): OrderJournal => new OrderJournal(window.memento, () => TEST_IDENTITY);
      await Promise.all([inState(a).write(entry('a', 1)), inState(b).write(entry('b', 2))]);
      world.propagate();
      assert.equal(inState(world.window('C')).all().length, 1, 'the last whole-object write won');
    } finally {
      world.dispose();
    }
    const windowA = journalIn(dir);
    const windowB = journalIn(dir);
    await Promise.all([windowA.write(entry('a', 1)), windowB.write(entry('b', 2))]);
    assert.deepEqual(
      journalIn(dir)
        .all()
        .map((e) => e.id)
        .sort(),
      ['a', 'b'],
    );
  });

  test("one window's entry is visible to another at once, and its end too", async () => {
    const windowA = journalIn(dir);
    const windowB = journalIn(dir);
    await windowA.write(entry('a', 1));
    assert.equal(windowB.get('a')?.state, 'placing', 'no propagation delay');
    await windowA.write({ ...entry('a', 1), state: 'unpaid', orderId: 7 });
    assert.equal(windowB.get('a')?.orderId, 7);
    await windowB.end('a');
    assert.equal(windowA.get('a'), undefined);
  });

  test('entries are whole files: nothing temporary is left, and an unreadable file is skipped', async () => {
    const journal = journalIn(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.write(entry(`e${i}`, i))));
    assert.equal(journal.all().length, 20);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => !name.endsWith('.json')),
      [],
    );
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"id": "half');
    assert.equal(journal.all().length, 20);
    assert.deepEqual(journalIn(path.join(dir, 'missing')).all(), [], 'no folder yet: no entry');
  });
});
