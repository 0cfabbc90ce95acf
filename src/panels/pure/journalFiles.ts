import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JournalStore } from './orderJournal';

/**
 * Where the order journal lives: one JSON file per entry in a folder that every window of
 * this machine shares (under globalStorageUri). Not globalState: VS Code keeps an
 * extension's globalState as one object that each window writes whole and replaces whole
 * when the workbench's copy changes, so two windows writing different entries at once lose
 * one, and a window can see its own fresh entry undone for a moment. A file is read as it
 * is, by every window at once, and each entry is written to a temporary name then renamed:
 * a reader never sees half an entry.
 */
export class JournalFiles implements JournalStore {
  constructor(private readonly dir: string) {}

  keys(): readonly string[] {
    try {
      return fs
        .readdirSync(this.dir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => decodeURIComponent(name.slice(0, -'.json'.length)));
    } catch {
      return [];
    }
  }

  get<T>(key: string): T | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as T;
    } catch {
      // Absent, or being replaced by a rename this very moment on a file system without atomic rename.
      return undefined;
    }
  }

  async update(key: string, value: unknown): Promise<void> {
    const file = this.file(key);
    if (value === undefined) {
      await fs.promises.rm(file, { force: true });
      return;
    }
    await fs.promises.mkdir(this.dir, { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await fs.promises.writeFile(temporary, JSON.stringify(value));
    await fs.promises.rename(temporary, file);
  }

  private file(key: string): string {
    return path.join(this.dir, `${encodeURIComponent(key)}.json`);
  }
}
