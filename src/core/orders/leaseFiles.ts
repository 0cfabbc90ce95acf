import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A lock shared by every window and panel on this machine: one lease file per
 * "account + service", created with O_EXCL (`wx`), which the file system grants to one
 * creator only. globalState cannot be a lock: another window sees a write only
 * 100–360 ms later. A lease has an owner and an expiry longer than a request timeout,
 * so a crashed window's lease is taken over once it is stale, never while fresh.
 */

export interface LeaseHolder {
  readonly owner: string;
  readonly expiresAt: number;
}

export interface Lease {
  /** Pushes the expiry forward during long work (searching for an order, following a payment). */
  refresh(): Promise<void>;
  /**
   * Right before an order or payment POST: proves every file still holds this lease (not
   * taken over after going stale while we waited) and pushes its expiry forward, or throws
   * LeaseLostError. Never assume a lease taken earlier is still ours.
   */
  confirm(): Promise<void>;
  release(): Promise<void>;
}

/** The lease went stale and another window or panel took it over: nothing may be sent. */
export class LeaseLostError extends Error {
  constructor(readonly holder: LeaseHolder | undefined) {
    super(`The lease is held by ${holder?.owner ?? 'nobody'}`);
    this.name = 'LeaseLostError';
  }
}

/**
 * How long a lease lives without a refresh: longer than the longest request timeout the
 * settings allow (300 s), and the same in every window whatever its settings, so no window
 * judges another's lease stale while its request may still be on the way.
 */
export const LEASE_TTL_MS = 6 * 60_000;

interface LeaseContent extends LeaseHolder {
  readonly token: string;
}

export class LeaseFiles {
  constructor(
    private readonly dir: string,
    /** LEASE_TTL_MS in the extension; tests shorten it. */
    private readonly ttl: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  private get ttlMs(): number {
    return this.ttl();
  }

  /** Takes every key or none; `heldBy` names a fresh lease of someone else. */
  async acquire(keys: readonly string[], owner: string): Promise<{ lease: Lease } | { heldBy: LeaseHolder }> {
    await fs.mkdir(this.dir, { recursive: true });
    const token = randomUUID();
    const taken: string[] = [];
    // Sorted, so two takers of overlapping sets meet on the same first file.
    for (const key of [...new Set(keys)].sort()) {
      const result = await this.take(this.file(key), owner, token);
      if (result !== 'taken') {
        await Promise.all(taken.map((file) => this.releaseFile(file, token)));
        return { heldBy: result };
      }
      taken.push(this.file(key));
    }
    return {
      lease: {
        refresh: async () => {
          for (const file of taken) await this.rewrite(file, { owner, token, expiresAt: this.now() + this.ttlMs });
        },
        confirm: async () => {
          for (const file of taken) {
            const current = await this.read(file);
            if (typeof current !== 'object' || current.token !== token || current.expiresAt <= this.now())
              throw new LeaseLostError(typeof current === 'object' ? current : undefined);
          }
          for (const file of taken) await this.rewrite(file, { owner, token, expiresAt: this.now() + this.ttlMs });
        },
        release: async () => {
          await Promise.all(taken.map((file) => this.releaseFile(file, token)));
        },
      },
    };
  }

  /** A fresh lease of someone other than `self` on any of these keys: someone is placing or paying. */
  async holder(keys: readonly string[], self: string): Promise<LeaseHolder | undefined> {
    for (const key of keys) {
      const content = await this.read(this.file(key));
      if (content === 'unreadable') {
        // Being written right now, or garbage: held until it is older than a lease.
        const stat = await fs.stat(this.file(key)).catch(() => undefined);
        if (stat && stat.mtimeMs + this.ttlMs > this.now()) return { owner: 'unknown', expiresAt: stat.mtimeMs + this.ttlMs };
        continue;
      }
      if (content && content.owner !== self && content.expiresAt > this.now()) return { owner: content.owner, expiresAt: content.expiresAt };
    }
    return undefined;
  }

  /**
   * Resolves once nobody but `self` holds a fresh lease on these keys (released, or gone
   * stale), or once `stop()` is true. A lease lives in a local file: reading it a few
   * times a second costs nothing.
   */
  async whenFree(keys: readonly string[], self: string, stop: () => boolean, pollMs = 250): Promise<void> {
    while (!stop()) {
      const held = await this.holder(keys, self);
      if (!held) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, Math.min(pollMs, held.expiresAt - this.now()))));
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.lease`);
  }

  private async take(file: string, owner: string, token: string, attempt = 0): Promise<'taken' | LeaseHolder> {
    const content: LeaseContent = { owner, token, expiresAt: this.now() + this.ttlMs };
    try {
      await fs.writeFile(file, JSON.stringify(content), { flag: 'wx' });
      return 'taken';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await this.read(file);
    if (existing === 'unreadable') {
      // Being written by its creator right now, or garbage: fresh unless it is old.
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat || attempt > 0 || stat.mtimeMs + this.ttlMs > this.now()) return { owner: 'unknown', expiresAt: (stat?.mtimeMs ?? this.now()) + this.ttlMs };
    } else if (existing === undefined) {
      if (attempt > 0) return { owner: 'unknown', expiresAt: this.now() + this.ttlMs };
      return this.take(file, owner, token, attempt + 1);
    } else if (existing.expiresAt > this.now() || attempt > 0) {
      return { owner: existing.owner, expiresAt: existing.expiresAt };
    }
    // Stale: move it aside (rename is atomic: one taker wins), then check we moved the stale one.
    const aside = `${file}.${token}.stale`;
    try {
      await fs.rename(file, aside);
    } catch {
      return this.take(file, owner, token, attempt + 1);
    }
    const moved = await this.read(aside);
    const stillStale = moved === 'unreadable' || moved === undefined || moved.expiresAt <= this.now();
    if (!stillStale) {
      // Someone else took it over between our read and our rename: put their lease back.
      await fs.link(aside, file).catch(() => undefined);
      await fs.unlink(aside).catch(() => undefined);
      return { owner: moved.owner, expiresAt: moved.expiresAt };
    }
    await fs.unlink(aside).catch(() => undefined);
    return this.take(file, owner, token, attempt + 1);
  }

  private async read(file: string): Promise<LeaseContent | 'unreadable' | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const value = JSON.parse(text) as Partial<LeaseContent>;
      if (typeof value.owner === 'string' && typeof value.token === 'string' && typeof value.expiresAt === 'number') return value as LeaseContent;
    } catch {
      // fall through
    }
    return 'unreadable';
  }

  /** Replaces our own lease atomically (write aside, rename over), never someone else's. */
  private async rewrite(file: string, content: LeaseContent): Promise<void> {
    const current = await this.read(file);
    if (typeof current !== 'object' || current.token !== content.token) return;
    const temp = `${file}.${content.token}.tmp`;
    await fs.writeFile(temp, JSON.stringify(content));
    await fs.rename(temp, file);
  }

  private async releaseFile(file: string, token: string): Promise<void> {
    const current = await this.read(file);
    if (typeof current === 'object' && current.token === token) await fs.unlink(file).catch(() => undefined);
  }
}
