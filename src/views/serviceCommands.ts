import * as vscode from 'vscode';
import type { AccountMeta } from '../auth/accountTypes';
import type { ServiceSummary } from '../ovh';
import { controlPanelUrl } from './pure/controlPanel';
import { promptFilter } from './filterPrompt';
import { serviceRefOf, type ServiceRef } from '../protocol/serviceRef';
import type { ServicesModel } from '../core/listing/servicesModel';
import { parseFilter, type GroupBy, type SortBy } from './pure/viewOptions';
import type { ViewState } from './viewState';
import type { ViewUi } from './viewUi';

export interface ServiceCommandDeps {
  readonly model: ServicesModel;
  readonly viewState: ViewState;
  readonly accounts: { list(): AccountMeta[] };
  readonly ui: () => ViewUi;
  readonly log: vscode.LogOutputChannel;
}

function findService(model: ServicesModel, ref: ServiceRef | undefined): ServiceSummary | undefined {
  if (!ref) return undefined;
  return model.listing(ref.accountId).services?.find((service) => service.serviceId === ref.serviceId);
}

/** The account a retry targets: an error node, an account node, or an id string. */
function accountIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg !== null && typeof arg === 'object' && typeof (arg as { accountId?: unknown }).accountId === 'string')
    return (arg as { accountId: string }).accountId;
  return undefined;
}

/** The entry points of the Services view's commands (registered in src/commands/registerCommands.ts). */
export interface ServiceCommands {
  refresh(): Promise<void>;
  retry(arg?: unknown): Promise<void>;
  filter(arg?: unknown): Promise<void>;
  clearFilter(): Promise<void>;
  groupBy(groupBy: GroupBy): Promise<void>;
  sortBy(sortBy: SortBy): Promise<void>;
  copyName(arg?: unknown): Promise<void>;
  copyId(arg?: unknown): Promise<void>;
  openInControlPanel(arg?: unknown): Promise<boolean>;
}

export function serviceCommands(deps: ServiceCommandDeps): ServiceCommands {
  const { model, viewState } = deps;
  return {
    refresh: () => model.refresh(undefined, { clearCache: true }),
    retry: (arg) => model.refresh(accountIdOf(arg)),
    filter: async (arg) => {
      // A filter passed as argument applies directly (keybindings, tests); otherwise ask.
      const filter = parseFilter(arg) ?? (await promptFilter(viewState.current.filter));
      if (filter) await viewState.setFilter(filter);
    },
    clearFilter: () => viewState.clearFilter(),
    groupBy: (groupBy) => viewState.setGroupBy(groupBy),
    sortBy: (sortBy) => viewState.setSortBy(sortBy),
    copyName: async (arg) => {
      const service = findService(model, serviceRefOf(arg));
      if (service) await vscode.env.clipboard.writeText(service.name);
    },
    copyId: async (arg) => {
      const service = findService(model, serviceRefOf(arg));
      if (service) await vscode.env.clipboard.writeText(String(service.serviceId));
    },
    openInControlPanel: async (arg) => {
      const ref = serviceRefOf(arg);
      const service = findService(model, ref);
      const meta = deps.accounts.list().find((account) => account.id === ref?.accountId);
      if (!service || !meta) return false;
      const url = controlPanelUrl(meta.endpointId, service);
      if (!url) {
        deps.ui().inform(vscode.l10n.t('No OVHcloud Control Panel is known for the API URL of {0}.', meta.label));
        return false;
      }
      deps.log.info(`Opening the Control Panel for service ${service.serviceId}`);
      return deps.ui().openExternal(url);
    },
  };
}
