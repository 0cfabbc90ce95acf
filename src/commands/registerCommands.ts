import * as vscode from 'vscode';
import type { AuthCommands } from '../auth/registerAuth';
import type { ServiceCommands } from '../views/serviceCommands';
import { type CommandTable, registerCommandTable } from './commandTable';

/** Renew settings and exports: entry points that load dist/features.js when run. */
export interface PlanningCommands {
  /** Tree menus pass (clicked, selected[]); the palette nothing; others one service reference. */
  changeRenewal(first?: unknown, selection?: unknown): unknown;
  stopAtExpiry(first?: unknown, selection?: unknown): unknown;
  keepRenewing(first?: unknown, selection?: unknown): unknown;
  exportCalendar(): unknown;
  exportCsv(): unknown;
}

/** Where each command's work lives: the features hand their entry points here. */
export interface CommandHandlers {
  readonly log: vscode.LogOutputChannel;
  readonly auth: AuthCommands;
  readonly services: ServiceCommands;
  readonly planning: PlanningCommands;
}

/**
 * The commands that are no panel's, each with its id (as in package.json's
 * contributes.commands) and the feature entry point it runs. Handlers decode their arguments themselves (a tree
 * node, a service reference, nothing). Features that load on first use (sign-in, renew
 * settings, exports) load when their command runs. A panel kind's commands (renew, batch,
 * outlook) are in its descriptor, registered by registerPanelKind (src/webviewHost/panelKind.ts).
 */
export function registerCommands(context: vscode.ExtensionContext, handlers: CommandHandlers): void {
  const { auth, services, planning, log } = handlers;
  const commands: CommandTable = {
    'ovhcloud.signIn': () => auth.signIn(),
    'ovhcloud.signOut': (accountId) => auth.signOut(typeof accountId === 'string' ? accountId : undefined),
    'ovhcloud.showLog': () => log.show(true),
    'ovhcloud.services.refresh': () => services.refresh(),
    'ovhcloud.services.retry': (arg) => services.retry(arg),
    'ovhcloud.services.filter': (arg) => services.filter(arg),
    'ovhcloud.services.clearFilter': () => services.clearFilter(),
    'ovhcloud.services.groupByProductType': () => services.groupBy('productType'),
    'ovhcloud.services.groupByExpiry': () => services.groupBy('expiry'),
    'ovhcloud.services.groupByNone': () => services.groupBy('none'),
    'ovhcloud.services.sortByExpiry': () => services.sortBy('expiry'),
    'ovhcloud.services.sortByName': () => services.sortBy('name'),
    'ovhcloud.services.copyName': (arg) => services.copyName(arg),
    'ovhcloud.services.copyId': (arg) => services.copyId(arg),
    'ovhcloud.services.openInControlPanel': (arg) => services.openInControlPanel(arg),
    'ovhcloud.services.changeRenewal': (arg, selection) => planning.changeRenewal(arg, selection),
    'ovhcloud.services.stopAtExpiry': (arg, selection) => planning.stopAtExpiry(arg, selection),
    'ovhcloud.services.keepRenewing': (arg, selection) => planning.keepRenewing(arg, selection),
    'ovhcloud.exportCalendar': () => planning.exportCalendar(),
    'ovhcloud.exportCsv': () => planning.exportCsv(),
  };
  registerCommandTable(context, commands);
}
