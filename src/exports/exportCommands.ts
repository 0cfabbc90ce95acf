import * as vscode from 'vscode';
import type { ServiceSummary } from '../ovh';
import { calendarEvents, type ExportService, parseDuration, type RenewalFacts, servicesCsv, writeCalendar } from '../renewal';
import { formatDuration, formatOvhDay, productTypeText, safeLocale } from '../format';

/**
 * "Export Expiry Calendar…" and "Export Services as CSV…": the services already
 * listed (no request per service), written where the user chooses in the save
 * dialog, never anywhere else. Nothing secret is in either file.
 */

export interface ExportSource {
  accountIds(): string[];
  listing(accountId: string): { readonly services?: readonly ServiceSummary[] };
  ensureLoaded(accountId: string): void;
  whenIdle(): Promise<void>;
}

export interface ExportDeps {
  readonly model: ExportSource;
  readonly log: vscode.LogOutputChannel;
  /** The test hook answering the save dialog, if any (see TestHooks); otherwise the window's. */
  readonly save: () => ((options: vscode.SaveDialogOptions) => Promise<vscode.Uri | undefined>) | undefined;
  readonly now?: () => Date;
}

export interface ExportResult {
  readonly uri: vscode.Uri;
  readonly count: number;
}

const windowSave = (options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> => Promise.resolve(vscode.window.showSaveDialog(options));

async function listedServices(model: ExportSource): Promise<{ accountId: string; service: ServiceSummary }[]> {
  const ids = model.accountIds();
  for (const id of ids) if (!model.listing(id).services) model.ensureLoaded(id);
  await model.whenIdle();
  return ids.flatMap((accountId) => (model.listing(accountId).services ?? []).map((service) => ({ accountId, service })));
}

function defaultUri(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}

function periodText(facts: RenewalFacts, locale: string): string {
  const duration = parseDuration(facts.period);
  return duration ? formatDuration(duration, locale) : '';
}

function modeText(facts: RenewalFacts): string {
  if (facts.kind === 'ending') return vscode.l10n.t('set to end at expiry');
  return facts.kind === 'automatic' ? vscode.l10n.t('automatic') : vscode.l10n.t('manual');
}

/** Entry point of ovhcloud.exportCalendar ('calendar') and ovhcloud.exportCsv ('csv'). */
export async function exportServices(deps: ExportDeps, what: 'calendar' | 'csv'): Promise<ExportResult | undefined> {
  const rows = await listedServices(deps.model);
  if (rows.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no services to export yet. Sign in and let the Services view load first.'));
    return undefined;
  }
  const calendar = what === 'calendar';
  const uri = await (deps.save() ?? windowSave)({
    defaultUri: defaultUri(calendar ? 'ovhcloud-expiries.ics' : 'ovhcloud-services.csv'),
    filters: calendar ? { [vscode.l10n.t('iCalendar')]: ['ics'] } : { [vscode.l10n.t('CSV (comma separated)')]: ['csv'] },
    saveLabel: vscode.l10n.t('Export'),
    title: calendar ? vscode.l10n.t('Export Expiry Calendar') : vscode.l10n.t('Export Services as CSV'),
  });
  if (!uri) {
    deps.log.info(`Export of the ${what} cancelled in the save dialog`);
    return undefined;
  }
  const locale = safeLocale(vscode.env.language);
  const t = vscode.l10n.t;
  let text: string;
  let count: number;
  if (calendar) {
    const warningDays = vscode.workspace.getConfiguration('ovhcloud').get<number>('expiryWarningDays', 30);
    const events = rows.flatMap(({ accountId, service }) =>
      calendarEvents([service as ExportService], accountId, warningDays, {
        summary: (s) => t('{0} expires', s.displayName),
        description: (s, facts) =>
          [
            `${productTypeText(service.type, t)} · ${s.name}`,
            `${t('Renewal')}: ${modeText(facts)}${facts.period ? ` (${periodText(facts, locale)})` : ''}`,
            `${t('Expiry')}: ${formatOvhDay(s.expirationDate, locale) ?? ''}`,
            `${t('Service id')}: ${s.serviceId}`,
          ].join('\n'),
        alarm: (s) => t('{0} expires soon', s.displayName),
      }),
    );
    text = writeCalendar(events, { calendarName: t('OVHcloud expiries'), stamp: (deps.now ?? (() => new Date()))() });
    count = events.length;
  } else {
    text = servicesCsv(
      rows.map(({ service }) => service as ExportService),
      {
        header: [t('Type'), t('Name'), t('Service id'), t('Expiry'), t('Renewal'), t('Period'), t('Price'), t('Currency')],
        type: (type) => productTypeText(type as ServiceSummary['type'], t),
      },
    );
    count = rows.length;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  deps.log.info(`Exported ${count} service(s) as ${what} to ${uri.toString()}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} services to {1}.', count, uri.fsPath || uri.toString()));
  return { uri, count };
}
