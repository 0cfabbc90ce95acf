import * as vscode from 'vscode';
import { type CommandTable, registerCommandTable } from '../commands/commandTable';
import type * as Features from '../features';
import { features } from '../loadFeatures';

/** What every kind's registry of open panels offers the framework. */
export interface PanelKindPanels extends vscode.Disposable {
  /** Brings a panel back after a window reload from the state its webview saved (untrusted: revalidated). */
  restore(panel: vscode.WebviewPanel, state: unknown): unknown;
}

/** One kind of webview panel: all the framework needs to register it, its commands included. */
export interface PanelKindDescriptor<Panels extends PanelKindPanels, EntryPoints> {
  /** The webview type, also its activation event (onWebviewPanel:<viewType> in package.json). */
  readonly viewType: string;
  /** Builds the kind's registry from dist/features.js, on first use only. */
  readonly create: (loaded: typeof Features) => Panels;
  /**
   * The kind's entry points, what its commands, the other features, the tools and the tests
   * call, built on the registry's getter (which loads dist/features.js on its first call,
   * never before): building them loads nothing.
   */
  readonly entryPoints: (panels: () => Panels) => EntryPoints;
  /**
   * The commands that open or act on the kind's panels: id (as in package.json's
   * contributes.commands) → the entry point it runs. Registered once, with the others.
   */
  readonly commands: (entryPoints: EntryPoints) => CommandTable;
}

/**
 * Registers a kind of panel: its serializer (a panel restored after a window reload), its
 * commands and the lazy load of its code. The registry, the panels, their protocol's
 * schemas and everything they use live in dist/features.js, loaded the first time a
 * command opens a panel or VS Code restores one; activation loads none of it. Returns the
 * kind's entry points.
 */
export function registerPanelKind<Panels extends PanelKindPanels, EntryPoints>(
  context: vscode.ExtensionContext,
  kind: PanelKindDescriptor<Panels, EntryPoints>,
): EntryPoints {
  let panels: Panels | undefined;
  const load = (): Panels => {
    if (!panels) {
      panels = kind.create(features());
      context.subscriptions.push(panels);
    }
    return panels;
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(kind.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => void (await load().restore(panel, state)),
    }),
  );
  const entryPoints = kind.entryPoints(load);
  registerCommandTable(context, kind.commands(entryPoints));
  return entryPoints;
}
