import * as vscode from 'vscode';
import type { AccountMeta } from '../auth/accountTypes';
import type { ServiceSummary } from '../ovh/serviceSummary';
import { controlPanelUrl } from './controlPanel';
import { promptFilter } from './filterPrompt';
import { serviceRefOf, type ServiceRef } from '../protocol/serviceRef';
import type { ServicesModel } from './servicesModel';
import { parseFilter, type GroupBy, type SortBy } from './viewOptions';
import type { ViewState } from './viewState';
import type { ViewUi } from './viewUi';

export interface CommandDeps {
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
  if (arg !== null && typeof arg === 'object' && typeof (arg as { accountId?: unknown }).accountId === 'string') return (arg as { accountId: string }).accountId;
  return undefined;
}

const GROUP_COMMANDS: ReadonlyArray<[string, GroupBy]> = [
  ['ovhcloud.services.groupByProductType', 'productType'],
  ['ovhcloud.services.groupByExpiry', 'expiry'],
  ['ovhcloud.services.groupByNone', 'none'],
];
const SORT_COMMANDS: ReadonlyArray<[string, SortBy]> = [
  ['ovhcloud.services.sortByExpiry', 'expiry'],
  ['ovhcloud.services.sortByName', 'name'],
];

export function registerServiceCommands(deps: CommandDeps): vscode.Disposable[] {
  const { model, viewState } = deps;
  const register = vscode.commands.registerCommand;
  return [
    register('ovhcloud.services.refresh', () => model.refresh(undefined, { clearCache: true })),
    register('ovhcloud.services.retry', (arg?: unknown) => model.refresh(accountIdOf(arg))),
    register('ovhcloud.services.filter', async (arg?: unknown) => {
      // A filter passed as argument applies directly (keybindings, tests); otherwise ask.
      const filter = parseFilter(arg) ?? (await promptFilter(viewState.current.filter));
      if (filter) await viewState.setFilter(filter);
    }),
    register('ovhcloud.services.clearFilter', () => viewState.clearFilter()),
    ...GROUP_COMMANDS.map(([id, groupBy]) => register(id, () => viewState.setGroupBy(groupBy))),
    ...SORT_COMMANDS.map(([id, sortBy]) => register(id, () => viewState.setSortBy(sortBy))),
    register('ovhcloud.services.copyName', async (arg?: unknown) => {
      const service = findService(model, serviceRefOf(arg));
      if (service) await vscode.env.clipboard.writeText(service.name);
    }),
    register('ovhcloud.services.copyId', async (arg?: unknown) => {
      const service = findService(model, serviceRefOf(arg));
      if (service) await vscode.env.clipboard.writeText(String(service.serviceId));
    }),
    register('ovhcloud.services.openInControlPanel', async (arg?: unknown) => {
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
    }),
  ];
}
