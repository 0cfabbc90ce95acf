import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import * as path from 'node:path';

/**
 * The storage folder the simulated windows share, as the real LeaseFiles and JournalFiles
 * use it (node:fs on a real temporary folder), with what the model needs around it:
 * - every asynchronous file operation is counted, so the runner lets each one finish
 *   before the scheduler releases the next task (the interleaving depends only on the seed);
 * - a window "killed mid-write" leaves what a power cut leaves on a file system that was
 *   not fsynced: the entry renamed into place but empty (a journal entry), or an empty
 *   lease file; the window then never runs again;
 * - the folder can be made unwritable (EACCES), and one listing of the journal folder can fail (EIO).
 * The window calling is known from the async context the runner starts each action in.
 */

export interface CallContext {
  readonly window: string;
  readonly view: string;
}

export const context = new AsyncLocalStorage<CallContext>();

export interface StorageHooks {
  readonly nowMs: () => number;
  /** True when this write of this window instance is the one the power cut hits. */
  readonly killHere: (window: string, file: string) => boolean;
  readonly killed: (window: string) => void;
  /** What the folder went through, for the report: an entry left empty, a listing that failed. */
  readonly damaged: (what: 'journal entry left empty' | 'lease left empty' | 'journal listing failed' | 'write refused') => void;
}

const WRAPPED = ['mkdir', 'writeFile', 'rename', 'rm', 'readFile', 'stat', 'link', 'unlink'] as const;
const WRITES = new Set(['writeFile', 'rename', 'rm', 'unlink', 'link']);

export class SimStorage {
  inFlight = 0;
  unwritable = false;
  failNextJournalListing = false;
  private readonly originals = new Map<string, unknown>();
  private originalReaddirSync: typeof fs.readdirSync | undefined;
  hooks: StorageHooks | undefined;

  constructor(readonly root: string) {}

  install(): void {
    const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of WRAPPED) {
      const original = promises[name] as (...args: unknown[]) => Promise<unknown>;
      this.originals.set(name, original);
      promises[name] = (...args: unknown[]) => this.run(name, original, args);
    }
    // The journal writes through a file handle (to sync it before the rename): open and every handle call count too.
    const open = promises.open as (...args: unknown[]) => Promise<fs.promises.FileHandle>;
    this.originals.set('open', open);
    promises.open = async (...args: unknown[]) => {
      const file = String(args[0]);
      const ours = file.startsWith(this.root);
      if (ours && this.unwritable && String(args[1] ?? 'r') !== 'r') {
        this.hooks?.damaged('write refused');
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: file });
      }
      const handle = await this.counted(() => open.apply(fs.promises, args as never));
      if (!ours) return handle;
      return new Proxy(handle, {
        get: (target, prop) => {
          const value = (target as unknown as Record<PropertyKey, unknown>)[prop];
          if (typeof value !== 'function') return value;
          return (...callArgs: unknown[]) => {
            const window = context.getStore()?.window;
            if (prop === 'writeFile' && window !== undefined && this.hooks?.killHere(window, file)) {
              this.powerCut('writeFile', [file], typeof callArgs[0] === 'string' ? callArgs[0] : undefined);
              this.hooks.killed(window);
              // A dead process's descriptors are closed by the system.
              void target.close().catch(() => undefined);
              return new Promise(() => undefined);
            }
            return this.counted(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, callArgs));
          };
        },
      });
    };
    this.originalReaddirSync = fs.readdirSync;
    const readdir = fs.readdirSync;
    (fs as { readdirSync: unknown }).readdirSync = ((...args: Parameters<typeof fs.readdirSync>) => {
      if (this.failNextJournalListing && String(args[0]).endsWith('order-journal')) {
        this.failNextJournalListing = false;
        this.hooks?.damaged('journal listing failed');
        throw Object.assign(new Error('EIO: i/o error, scandir'), { code: 'EIO' });
      }
      return readdir(...args);
    }) as typeof fs.readdirSync;
  }

  /** The names in a folder as they are, past the model's own faults (a listing the model makes must not use up a fault meant for the code). */
  listAsItIs(dir: string): string[] {
    try {
      return (this.originalReaddirSync ?? fs.readdirSync)(dir) as string[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  uninstall(): void {
    const promises = fs.promises as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) promises[name] = original;
    if (this.originalReaddirSync) (fs as { readdirSync: unknown }).readdirSync = this.originalReaddirSync;
  }

  private async run(name: string, original: (...args: unknown[]) => Promise<unknown>, args: unknown[]): Promise<unknown> {
    const file = String(args[0]);
    const ours = file.startsWith(this.root);
    const window = context.getStore()?.window;
    if (ours && WRITES.has(name) && this.unwritable) {
      this.hooks?.damaged('write refused');
      throw Object.assign(new Error(`EACCES: permission denied, ${name} '${file}'`), { code: 'EACCES', errno: -13, syscall: name, path: file });
    }
    if (
      ours &&
      window !== undefined &&
      (name === 'writeFile' || name === 'rename') &&
      this.hooks?.killHere(window, name === 'rename' ? String(args[1]) : file)
    ) {
      this.powerCut(name, args);
      this.hooks.killed(window);
      return new Promise(() => undefined);
    }
    this.inFlight++;
    try {
      const result = await original.apply(fs.promises, args as never);
      if (ours && name === 'writeFile') this.touch(file);
      return result;
    } finally {
      this.inFlight--;
    }
  }

  private async counted<T>(operation: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await operation();
    } finally {
      this.inFlight--;
    }
  }

  /**
   * What each file a power cut left empty held, or was being given, for the model's own
   * judgment (which service an unreadable journal entry was about); never read by the code.
   */
  readonly lostContent = new Map<string, string>();

  /** What a power cut leaves mid-write, on a file system that was not fsynced. */
  private powerCut(name: string, args: unknown[], writing?: string): void {
    const file = String(name === 'rename' ? args[1] : args[0]);
    // A journal entry is written to a temporary name then renamed: the rename reached the disk, the data did not.
    const target = /\.[0-9a-f-]{36}\.tmp$/.test(file) ? file.replace(/\.[0-9a-f-]{36}\.tmp$/, '') : file;
    const readable = (candidate: string): string | undefined => {
      try {
        const text = fs.readFileSync(candidate, 'utf8');
        return text === '' ? undefined : text;
      } catch {
        return undefined;
      }
    };
    const lost = writing ?? (name === 'rename' ? readable(String(args[0])) : undefined) ?? readable(target);
    if (lost !== undefined) this.lostContent.set(target, lost);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, '');
    this.hooks?.damaged(target.endsWith('.lease') ? 'lease left empty' : 'journal entry left empty');
    if (name === 'rename') fs.rmSync(String(args[0]), { force: true });
    this.touch(target);
  }

  /** Lease files are judged by their modification time against the simulated clock. */
  private touch(file: string): void {
    const seconds = (this.hooks?.nowMs() ?? Date.now()) / 1000;
    try {
      fs.utimesSync(file, seconds, seconds);
    } catch {
      // Gone already.
    }
  }
}
