import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UNREADABLE, type JournalStore } from './recordStore';

/**
 * Where the order journal lives: one JSON file per entry in a folder that every window of
 * this machine shares (under globalStorageUri). Not globalState: VS Code keeps an
 * extension's globalState as one object that each window writes whole and replaces whole
 * when the workbench's copy changes, so two windows writing different entries at once lose
 * one, and a window can see its own fresh entry undone for a moment. A file is read as it
 * is, by every window at once, and each entry is written to a temporary name then renamed:
 * a reader never sees half an entry. The file and then the folder are synced before the
 * rename counts, so a crash of the machine leaves the old entry or the new one, never an
 * empty file where an attempt was recorded; should one appear anyway, it is reported as
 * unreadable, never as absent.
 */
export class JournalFiles implements JournalStore {
  constructor(private readonly dir: string) {}

  keys(): readonly string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (error) {
      // No folder yet: no entry was ever written. Any other failure is not "no entries".
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.filter((name) => name.endsWith('.json')).map((name) => decodeURIComponent(name.slice(0, -'.json'.length)));
  }

  /** The stored value; undefined when absent; UNREADABLE when the file is empty, cut or not JSON. */
  get<T>(key: string): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return UNREADABLE as T;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      return UNREADABLE as T;
    }
  }

  /** Moves an unreadable entry aside (kept for diagnosis, never read again as an entry). */
  async setAside(key: string): Promise<void> {
    const file = this.file(key);
    await fs.promises.rename(file, `${file}.${Date.now()}.unreadable`);
    await syncFolder(this.dir);
  }

  async update(key: string, value: unknown): Promise<void> {
    const file = this.file(key);
    if (value === undefined) {
      await fs.promises.rm(file, { force: true });
      await syncFolder(this.dir).catch(() => undefined);
      return;
    }
    await fs.promises.mkdir(this.dir, { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    const handle = await fs.promises.open(temporary, 'w');
    try {
      await handle.writeFile(JSON.stringify(value));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
    await syncFolder(this.dir);
  }

  private file(key: string): string {
    return path.join(this.dir, `${encodeURIComponent(key)}.json`);
  }
}

/** Makes a rename or removal in the folder durable; not possible on every platform (Windows). */
async function syncFolder(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}
