import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LeaseFiles } from '../../../src/core/orders/leaseFiles';

suite('Lease files: the cross-window lock', () => {
  let dir: string;
  let now: number;
  let leases: LeaseFiles;
  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-leases-'));
    now = 1_000_000;
    leases = new LeaseFiles(
      dir,
      () => 60_000,
      () => now,
    );
  });
  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('one taker at a time, even when both try at once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => leases.acquire(['acct:1'], `window-${i}`)));
    assert.equal(results.filter((result) => 'lease' in result).length, 1);
    for (const result of results) if ('heldBy' in result) assert.match(result.heldBy.owner, /^window-\d$/);
  });

  test('several keys: all or none (a bundle takes every service)', async () => {
    const bundle = await leases.acquire(['acct:2', 'acct:3'], 'domain-panel');
    assert.ok('lease' in bundle);
    const hosting = await leases.acquire(['acct:3'], 'hosting-panel');
    assert.ok('heldBy' in hosting);
    assert.equal(hosting.heldBy.owner, 'domain-panel');
    const other = await leases.acquire(['acct:1', 'acct:2'], 'other');
    assert.ok('heldBy' in other);
    assert.ok('lease' in (await leases.acquire(['acct:1'], 'third')), 'a refused multi-key take released what it had taken');
  });

  test('release frees it; holder() names others only', async () => {
    const taken = await leases.acquire(['acct:1'], 'me');
    assert.ok('lease' in taken);
    assert.equal(await leases.holder(['acct:1'], 'me'), undefined);
    assert.equal((await leases.holder(['acct:1'], 'you'))?.owner, 'me');
    await taken.lease.release();
    assert.equal(await leases.holder(['acct:1'], 'you'), undefined);
    assert.ok('lease' in (await leases.acquire(['acct:1'], 'you')));
  });

  test('a stale lease (crashed window) is taken over; a fresh one never', async () => {
    const crashed = await leases.acquire(['acct:1'], 'crashed');
    assert.ok('lease' in crashed);
    now += 59_000;
    assert.ok('heldBy' in (await leases.acquire(['acct:1'], 'next')));
    now += 2_000;
    const next = await leases.acquire(['acct:1'], 'next');
    assert.ok('lease' in next);
    await crashed.lease.release();
    assert.equal((await leases.holder(['acct:1'], 'someone'))?.owner, 'next', "the old owner's release does not free the new lease");
  });

  test('refresh pushes the expiry forward', async () => {
    const taken = await leases.acquire(['acct:1'], 'me');
    assert.ok('lease' in taken);
    now += 50_000;
    await taken.lease.refresh();
    now += 50_000;
    assert.ok('heldBy' in (await leases.acquire(['acct:1'], 'you')));
  });

  test('a garbage lease file blocks while young and is taken over once old', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const first = await leases.acquire(['acct:1'], 'me');
    assert.ok('lease' in first);
    const [file] = fs.readdirSync(dir).filter((name) => name.endsWith('.lease'));
    assert.ok(file);
    fs.writeFileSync(path.join(dir, file), '{"half');
    now = Date.now();
    assert.ok('heldBy' in (await leases.acquire(['acct:1'], 'you')));
    now = Date.now() + 120_000;
    assert.ok('lease' in (await leases.acquire(['acct:1'], 'you')));
  });
});
