import * as vscode from 'vscode';
import { URGENCY_COLORS } from './pure/urgencyColors';
import type { AccountMeta } from '../auth/accountTypes';
import type { ServiceRef } from '../protocol/serviceRef';
import { describeError, type EndpointId, type ServiceType } from '../ovh';
import type { Unreadable } from '../core/listing/cachedListing';
import { stopGate } from '../renewal';
import { controlPanelUrl } from './pure/controlPanel';
import type { GroupKey, ServiceEntry } from './pure/layout';
import type { ServiceFacts, Urgency } from './pure/serviceFacts';
import { accessibleLabel, fitLabel, groupLabel, optionLabel, renewModeText, serviceTooltip, treeDescription, urgencyText } from './pure/serviceText';
import type { GroupBy } from './pure/viewOptions';

/**
 * The elements of the Services tree. Ids are built from raw keys (account id, service
 * id, group key), never from labels, so expansion and selection survive refreshes and
 * renames; `parent` makes getParent (and with it reveal) work.
 */
interface NodeBase {
  readonly id: string;
  readonly accountId: string;
  readonly parent?: ServicesNode;
}

export interface AccountNode extends NodeBase {
  readonly kind: 'account';
  readonly meta: AccountMeta;
  readonly summary: string;
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly groupBy: GroupBy;
  readonly key: GroupKey;
  readonly entries: readonly ServiceEntry[];
}

/** A service reference itself: commands run from its menu decode it with serviceRefOf. */
export interface ServiceNode extends NodeBase, ServiceRef {
  readonly kind: 'service';
  readonly facts: ServiceFacts;
  readonly options: readonly ServiceEntry[];
  readonly endpointId: EndpointId;
  readonly accountLabel: string;
  /** Shown in the tooltip when several accounts are signed in. */
  readonly showAccount: boolean;
}

export type MessageKind = 'loading' | 'error' | 'signIn' | 'unreadable' | 'empty' | 'noMatch';

export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly message: MessageKind;
  readonly accountLabel: string;
  readonly error?: unknown;
  readonly unreadable?: readonly Unreadable[];
}

export type ServicesNode = AccountNode | GroupNode | ServiceNode | MessageNode;

export const nodeIds = {
  account: (accountId: string): string => `account:${accountId}`,
  group: (accountId: string, groupBy: GroupBy, key: GroupKey): string => `${accountId}:group:${groupBy}:${key}`,
  service: (accountId: string, serviceId: number): string => `${accountId}:service:${serviceId}`,
  message: (accountId: string, message: MessageKind): string => `${accountId}:message:${message}`,
};

/** Product codicons; anything unknown gets the generic package icon. */
export const PRODUCT_ICONS: Record<ServiceType, string> = {
  domain: 'globe',
  dnsZone: 'symbol-namespace',
  webHosting: 'server-environment',
  email: 'mail',
  vps: 'vm',
  dedicatedServer: 'server',
  publicCloud: 'cloud',
  privateDatabase: 'database',
  ip: 'radio-tower',
  ssl: 'lock',
  option: 'extensions',
  other: 'package',
};

const URGENCY_GROUP_ICONS: Record<Urgency, string> = {
  expired: 'error',
  critical: 'flame',
  warning: 'clock',
  ok: 'pass',
  none: 'circle-outline',
  terminated: 'circle-slash',
};

export interface ItemContext {
  readonly locale: string;
  readonly warningDays: number;
  readonly t: typeof vscode.l10n.t;
  /** Whether an order for this service waits for payment (placed earlier in the renew panel). */
  readonly hasUnpaidOrder?: (accountId: string, serviceId: number) => boolean;
}

const color = (id: string | undefined): vscode.ThemeColor | undefined => (id ? new vscode.ThemeColor(id) : undefined);

/**
 * contextValue tokens, matched in package.json with `viewItem =~ /\btoken\b/`:
 * service, option, renewable (Compare Renew Strategies), renewSettings (Change Renewal),
 * stoppable (Stop Renewing: where OVH lists the action, options included), ending (Keep
 * Renewing), controlPanel (a known panel URL), unpaidOrder (Pay Unpaid Order), retry (error nodes).
 */
export function serviceContextValue(node: ServiceNode, unpaid = false): string {
  const { service } = node.facts;
  const tokens = ['ovhcloud', 'service'];
  if (unpaid) tokens.push('unpaidOrder');
  if (service.parentServiceId !== undefined) tokens.push('option');
  if (service.parentServiceId === undefined && node.facts.urgency !== 'terminated') tokens.push('renewable');
  const live = node.facts.urgency !== 'terminated';
  if (service.parentServiceId === undefined && live) tokens.push('renewSettings');
  // Stop Renewing only where OVH offers it (lifecycle actions, a commitment's end rule); whether this account is the admin contact, the command checks and says.
  if (live && node.facts.terminating) tokens.push('ending');
  else if (live && typeof stopGate(service, undefined, Date.now()) !== 'string') tokens.push('stoppable');
  if (controlPanelUrl(node.endpointId, service)) tokens.push('controlPanel');
  return tokens.join(' ');
}

function depthOf(node: ServicesNode): number {
  let depth = 0;
  for (let parent = node.parent; parent; parent = parent.parent) depth++;
  return depth;
}

function serviceItem(node: ServiceNode, context: ItemContext): vscode.TreeItem {
  const { facts } = node;
  const { service } = facts;
  const unpaidOrder = context.hasUnpaidOrder?.(node.accountId, service.serviceId) ?? false;
  const expiry = treeDescription(facts, context.locale, context.t);
  const description = unpaidOrder ? `${expiry} · ${context.t('unpaid order')}` : expiry;
  const parent = node.parent?.kind === 'service' ? node.parent.facts.service : undefined;
  const name = parent ? optionLabel(service.displayName, [parent.displayName, parent.name]) : service.displayName;
  const item = new vscode.TreeItem(
    fitLabel(name, description, depthOf(node)),
    node.options.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon(PRODUCT_ICONS[service.type] ?? PRODUCT_ICONS.other, color(URGENCY_COLORS[facts.urgency]));
  item.contextValue = serviceContextValue(node, unpaidOrder);
  const tooltip = serviceTooltip(
    facts,
    { locale: context.locale, warningDays: context.warningDays, accountLabel: node.showAccount ? node.accountLabel : undefined },
    context.t,
  );
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown('**');
  markdown.appendText(tooltip.title);
  markdown.appendMarkdown('**\n\n');
  for (const row of tooltip.rows) {
    markdown.appendText(`${row.label}: `);
    if (row.code) markdown.appendMarkdown(`\`${row.value.replace(/`/g, "'")}\``);
    else markdown.appendText(row.value);
    markdown.appendMarkdown('  \n');
  }
  if (tooltip.warning) {
    markdown.appendMarkdown('\n$(warning) ');
    markdown.appendText(tooltip.warning);
  }
  item.tooltip = markdown;
  // Colour alone says nothing to a screen reader: spell the urgency out.
  item.accessibilityInformation = {
    label: accessibleLabel([
      service.displayName,
      description,
      renewModeText(facts.renewMode, context.t),
      urgencyText(facts.urgency, context.warningDays, context.t),
    ]),
  };
  return item;
}

function messageItem(node: MessageNode, context: ItemContext): vscode.TreeItem {
  const { t } = context;
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  switch (node.message) {
    case 'loading':
      item.label = t('Loading services…');
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      break;
    case 'error': {
      const described = describeError(node.error, t);
      item.label = described.explanation;
      item.description = t('Retry');
      item.iconPath = new vscode.ThemeIcon('error', color('list.errorForeground'));
      item.tooltip = new vscode.MarkdownString().appendText(
        `${described.explanation}\n\n${described.nextStep}${described.details ? `\n\n${described.details}` : ''}`,
      );
      item.contextValue = 'ovhcloud error retry';
      item.command = { command: 'ovhcloud.services.retry', title: t('Retry'), arguments: [node.accountId] };
      break;
    }
    case 'signIn':
      item.label = t('Sign in again');
      item.description = t('{0}: the credentials are no longer accepted', node.accountLabel);
      item.iconPath = new vscode.ThemeIcon('sign-in', color('list.warningForeground'));
      item.tooltip = node.error === undefined ? undefined : describeError(node.error, t).explanation;
      item.contextValue = 'ovhcloud signIn';
      item.command = { command: 'ovhcloud.signIn', title: t('Sign In') };
      break;
    case 'unreadable': {
      const count = node.unreadable?.length ?? 0;
      item.label = count === 1 ? t('1 service could not be read') : t('{0} services could not be read', count);
      item.description = t('the others are shown');
      item.iconPath = new vscode.ThemeIcon('warning', color('list.warningForeground'));
      const lines = (node.unreadable ?? []).slice(0, 20).map((entry) => `${entry.serviceId ?? '?'}: ${entry.schemaPath}`);
      item.tooltip = new vscode.MarkdownString().appendText(
        `${t('OVHcloud sent these services in a shape this version does not understand. Updating the extension may help.')}\n\n${lines.join('\n')}`,
      );
      item.contextValue = 'ovhcloud warning';
      item.command = { command: 'ovhcloud.showLog', title: t('Show Log') };
      break;
    }
    case 'empty':
      item.label = t('No services in this account');
      item.iconPath = new vscode.ThemeIcon('info');
      break;
    case 'noMatch':
      item.label = t('No service matches the filter');
      item.iconPath = new vscode.ThemeIcon('filter');
      item.command = { command: 'ovhcloud.services.clearFilter', title: t('Clear Filter') };
      break;
  }
  return item;
}

export function toTreeItem(node: ServicesNode, context: ItemContext): vscode.TreeItem {
  switch (node.kind) {
    case 'service':
      return serviceItem(node, context);
    case 'message':
      return messageItem(node, context);
    case 'group': {
      const item = new vscode.TreeItem(groupLabel(node.groupBy, node.key, context.warningDays, context.t), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = String(node.entries.length);
      const label = typeof item.label === 'string' ? item.label : '';
      item.accessibilityInformation = {
        label: node.entries.length === 1 ? context.t('{0}, 1 service', label) : context.t('{0}, {1} services', label, node.entries.length),
      };
      item.iconPath =
        node.groupBy === 'expiry'
          ? new vscode.ThemeIcon(URGENCY_GROUP_ICONS[node.key as Urgency], color(URGENCY_COLORS[node.key as Urgency]))
          : new vscode.ThemeIcon(PRODUCT_ICONS[node.key as ServiceType] ?? PRODUCT_ICONS.other);
      item.contextValue = 'ovhcloud group';
      return item;
    }
    case 'account': {
      const item = new vscode.TreeItem(node.meta.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = node.summary;
      item.iconPath = new vscode.ThemeIcon('account');
      item.contextValue = 'ovhcloud account';
      return item;
    }
  }
}
