/**
 * The store the order journal and the batch records are kept in: the part of vscode.Memento
 * they use, which the journal's files implement (journalFiles.ts) and tests fake.
 */

/** What a store returns for an entry that exists but cannot be read (empty, cut, not JSON). */
export const UNREADABLE: unique symbol = Symbol('unreadable journal entry');

/** The part of vscode.Memento the journal uses. */
export interface JournalStore {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
  /** Keeps an unreadable entry out of the way without deleting it (files keep it for diagnosis). */
  setAside?(key: string): Promise<void>;
}
