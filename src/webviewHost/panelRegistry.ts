import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

/** What the registry needs of an open panel. */
export interface RegisteredPanel {
  readonly key: string;
  readonly onDidClose: vscode.Event<void>;
  reveal(): void;
  dispose(): void;
}

/**
 * This extension host, for lease owners. Not vscode.env.sessionId alone: code-server
 * gives every window the same placeholder ("someValue.sessionId"), and a window that
 * takes another window's lease for its own no longer waits for it.
 */
const hostId = randomUUID();
let ownerCount = 0;

/** One lease owner per panel, in one format for every kind: window, extension host, kind and number. */
export function newLeaseOwner(kind: string): string {
  return `${vscode.env.sessionId}/${hostId}/${kind}${++ownerCount}`;
}

/** The open panels of one kind by key: a second open of the same key reveals the first. */
export class PanelRegistry<P extends RegisteredPanel> implements vscode.Disposable {
  private readonly open = new Map<string, P>();

  get(key: string): P | undefined {
    return this.open.get(key);
  }

  values(): P[] {
    return [...this.open.values()];
  }

  /** Reveals the open panel for this key, if any. */
  reveal(key: string): P | undefined {
    const existing = this.open.get(key);
    existing?.reveal();
    return existing;
  }

  add(panel: P): P {
    this.open.set(panel.key, panel);
    panel.onDidClose(() => {
      if (this.open.get(panel.key) === panel) this.open.delete(panel.key);
    });
    return panel;
  }

  dispose(): void {
    for (const panel of this.values()) panel.dispose();
    this.open.clear();
  }
}
