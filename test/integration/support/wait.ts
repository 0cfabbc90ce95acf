import * as vscode from 'vscode';

/** Polls until `check` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Accepts the quick pick's selected item until `done` holds. The quick pick shows
 * asynchronously and an accept sent before it is up does nothing, so keep accepting.
 */
export async function acceptQuickPickUntil(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    what,
    async () => {
      if (done()) return true;
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done();
    },
    timeoutMs,
  );
}
