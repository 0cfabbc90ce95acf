import * as vscode from 'vscode';
import { features } from '../loadFeatures';
import type { ToolDeps, ToolName } from './languageModelTools';

export interface ToolRegistration extends ToolDeps {
  /** Records each confirmation asked (tests only). */
  readonly onConfirmation?: (confirmation: { tool: string; title: string; message: string }) => void;
}

/** The language-model tools, as contributed in package.json (`contributes.languageModelTools`). */
export const TOOL_NAMES: readonly ToolName[] = ['ovhcloud_expiringServices', 'ovhcloud_renewalOutlook', 'ovhcloud_renewOptions', 'ovhcloud_openRenewal'];

/**
 * Registers the read-only tools Copilot's agent mode (and `#ovhExpiring`…) can call.
 * Only the registration runs at activation: the answers are built in dist/features.js,
 * loaded on the first call. No tool orders, pays or changes a renew setting;
 * `ovhcloud_openRenewal` only opens a panel, after a confirmation that says so.
 */
export function registerTools(context: vscode.ExtensionContext, deps: ToolRegistration): void {
  for (const name of TOOL_NAMES) {
    context.subscriptions.push(
      vscode.lm.registerTool<unknown>(name, {
        prepareInvocation: async (options) => {
          const prepared = await features().prepareTool(name, deps, options.input);
          const asked = prepared?.confirmationMessages;
          if (asked && deps.onConfirmation) {
            deps.onConfirmation({ tool: name, title: asked.title, message: typeof asked.message === 'string' ? asked.message : asked.message.value });
          }
          return prepared;
        },
        invoke: (options) => features().invokeTool(name, deps, options.input),
      }),
    );
  }
}
