import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceSummary } from '../../../src/ovh/serviceSummary';
import type { TestingApi } from '../../../src/testing';
import type { TestedServicesView as ServicesView } from '../../../src/testing';
import type { ServiceNode, ServicesNode } from '../../../src/views/treeNodes';

/** Helpers for the Services tree suites: walking the real provider, and an independent oracle. */

export interface Row {
  readonly node: ServicesNode;
  readonly item: vscode.TreeItem;
  readonly depth: number;
}

/** Every node under `nodes` (the root by default), depth first, with its TreeItem. */
export function walk(view: ServicesView, nodes: ServicesNode[] = view.provider.getChildren(), depth = 0): Row[] {
  return nodes.flatMap((node) => [{ node, item: view.provider.getTreeItem(node), depth }, ...walk(view, view.provider.getChildren(node), depth + 1)]);
}

export function serviceRows(view: ServicesView, nodes?: ServicesNode[]): Array<Row & { node: ServiceNode }> {
  return walk(view, nodes).filter((row): row is Row & { node: ServiceNode } => row.node.kind === 'service');
}

export const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

export function iconOf(item: vscode.TreeItem): { id: string; color?: string } {
  assert.ok(item.iconPath instanceof vscode.ThemeIcon, `${labelOf(item)} has a ThemeIcon`);
  return { id: item.iconPath.id, color: item.iconPath.color?.id };
}

/** A MarkdownString tooltip as the user reads it (appendText escapes and turns spaces into &nbsp;). */
export function tooltipText(item: vscode.TreeItem): string {
  assert.ok(item.tooltip instanceof vscode.MarkdownString, `${labelOf(item)} has a Markdown tooltip`);
  return item.tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** Asks the tree for its root (which starts loading) and waits for every load to end. */
export async function loadTree(view: ServicesView): Promise<ServicesNode[]> {
  view.provider.getChildren();
  await view.model.whenIdle();
  return view.provider.getChildren();
}

/** The account's services straight from the API layer: the oracle the tree is checked against. */
export async function rawServices(testing: TestingApi, accountId: string): Promise<ServiceSummary[]> {
  const api = await testing.accounts.api(accountId);
  assert.ok(api, 'the account has an API client');
  return (await api.listServices()).services;
}

export function findRaw(services: readonly ServiceSummary[], displayName: string, type?: ServiceSummary['type']): ServiceSummary {
  const found = services.find((service) => service.displayName === displayName && (type === undefined || service.type === type));
  assert.ok(found, `the sandbox account has ${displayName}`);
  return found;
}

const DAY = 86_400_000;

/** Days left by plain arithmetic (not the extension's code): ≤ 0 means expired. */
export function daysLeft(service: ServiceSummary, now: Date): number | undefined {
  if (!service.expirationDate) return undefined;
  return (Date.parse(service.expirationDate) - now.getTime()) / DAY;
}

/** The colour the issue asks for, derived independently: red, orange ≤ 7, yellow ≤ window, green. */
export function expectedColor(service: ServiceSummary, now: Date, warningDays: number): string | undefined {
  if (service.lifecycleState === 'terminated') return 'disabledForeground';
  const days = daysLeft(service, now);
  if (days === undefined) return undefined;
  if (days <= 0) return 'list.errorForeground';
  if (days <= 7) return 'ovhcloud.urgency.critical';
  if (days <= warningDays) return 'ovhcloud.urgency.warning';
  return 'ovhcloud.urgency.ok';
}

/** Services that should count in the badge: not terminated, not an option of a listed parent, ≤ window. */
export function expectedAttention(services: readonly ServiceSummary[], now: Date, warningDays: number): ServiceSummary[] {
  const ids = new Set(services.map((service) => service.serviceId));
  return services.filter((service) => {
    if (service.lifecycleState === 'terminated') return false;
    if (service.parentServiceId !== undefined && ids.has(service.parentServiceId)) return false;
    const days = daysLeft(service, now);
    return days !== undefined && days <= warningDays;
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ovhcloud').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Puts the view back to its defaults between tests. */
export async function resetView(view: ServicesView): Promise<void> {
  view.setNow(undefined);
  await view.viewState.clearFilter();
  await view.viewState.setGroupBy('productType');
  await view.viewState.setSortBy('expiry');
  await view.model.whenIdle();
  view.model.forgetSession();
  await view.signals.resetDailyMemory();
  for (const key of ['expiryWarningDays', 'autoRefreshMinutes', 'showStatusBar', 'expiryNotifications']) await setSetting(key, undefined);
}

/** Polls until `check` holds. */
export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
