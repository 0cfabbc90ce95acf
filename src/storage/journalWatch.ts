import * as fs from 'node:fs';

/**
 * Tells this window when the journal's folder changes, whoever wrote it: every window of
 * the machine shares the folder (see JournalFiles), and a window that paid or ended an
 * order elsewhere changes only files here. Without this, this window's tree would mark a
 * service "unpaid order" until the next manual refresh. A burst of changes (a write is a
 * temporary file, then a rename) gives one call, `debounceMs` after the last one.
 */
export function watchJournalFolder(
  dir: string,
  changed: () => void,
  options: { readonly debounceMs?: number; readonly onError?: (error: unknown) => void } = {},
): { dispose(): void } {
  const debounceMs = options.debounceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watcher: fs.FSWatcher | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(changed, debounceMs);
  };
  try {
    // fs.watch needs the folder: the first order of this machine creates it otherwise.
    fs.mkdirSync(dir, { recursive: true });
    watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
      // A temporary file is followed by its rename, which is the change that counts.
      if (name !== null && String(name).endsWith('.tmp')) return;
      schedule();
    });
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    // No watching (a read-only or vanished folder): the tree still updates on this window's changes and on refresh.
    options.onError?.(error);
  }
  return {
    dispose: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
