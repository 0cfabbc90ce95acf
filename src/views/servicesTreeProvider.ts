import * as vscode from 'vscode';
import { safeLocale } from '../format';
import type { AccountMeta } from '../auth/accountTypes';
import { layoutServices, type ServiceEntry } from './pure/layout';
import { CredentialsUnavailableError, type ServicesModel } from '../core/listing/servicesModel';
import { nodeIds, toTreeItem, type AccountNode, type GroupNode, type MessageNode, type ServiceNode, type ServicesNode } from './treeNodes';
import type { ViewOptions } from './pure/viewOptions';

export interface ProviderDeps {
  readonly model: ServicesModel;
  readonly accounts: { list(): AccountMeta[]; isSignInNeeded(accountId: string): boolean };
  readonly options: () => ViewOptions;
  readonly warningDays: () => number;
  readonly now: () => Date;
  readonly hasUnpaidOrder?: (accountId: string, serviceId: number) => boolean;
}

/** What the root shows when it has no children, for the viewsWelcome `when` clauses. */
export type RootState = 'signedOut' | 'empty' | 'noMatch' | 'loading' | 'ready';

/**
 * Maps the model's listings to tree nodes; holds no data of its own beyond a memo of
 * the nodes it built, dropped on every change. Asking for the root children is what
 * starts the first fetch of the session (the model does it once per account).
 */
export class ServicesTreeProvider implements vscode.TreeDataProvider<ServicesNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ServicesNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<RootState>();
  /** Fires when the root state changes (for context keys). */
  readonly onDidChangeRootState = this.stateEmitter.event;
  private readonly childrenOf = new Map<string, ServicesNode[]>();
  private readonly byId = new Map<string, ServicesNode>();
  private rootNodes: ServicesNode[] | undefined;
  private state: RootState = 'signedOut';

  constructor(private readonly deps: ProviderDeps) {}

  dispose(): void {
    this.changeEmitter.dispose();
    this.stateEmitter.dispose();
  }

  /** Drops the memo and asks VS Code to read the tree again. */
  refresh(): void {
    this.childrenOf.clear();
    this.byId.clear();
    this.rootNodes = undefined;
    this.changeEmitter.fire();
  }

  get rootState(): RootState {
    return this.state;
  }

  getTreeItem(node: ServicesNode): vscode.TreeItem {
    return toTreeItem(node, {
      locale: safeLocale(vscode.env.language),
      warningDays: this.deps.warningDays(),
      t: vscode.l10n.t,
      hasUnpaidOrder: this.deps.hasUnpaidOrder,
    });
  }

  getChildren(node?: ServicesNode): ServicesNode[] {
    if (!node) return this.root();
    this.root();
    return this.childrenOf.get(node.id) ?? [];
  }

  getParent(node: ServicesNode): ServicesNode | undefined {
    return node.parent;
  }

  /** The node of a service, for reveal; builds the tree if VS Code has not asked yet. */
  findService(accountId: string, serviceId: number): ServiceNode | undefined {
    this.root();
    const node = this.byId.get(nodeIds.service(accountId, serviceId));
    return node?.kind === 'service' ? node : undefined;
  }

  private root(): ServicesNode[] {
    if (this.rootNodes) return this.rootNodes;
    const accounts = this.deps.accounts.list();
    for (const meta of accounts) this.deps.model.ensureLoaded(meta.id);
    let nodes: ServicesNode[];
    let state: RootState;
    if (accounts.length === 0) {
      nodes = [];
      state = 'signedOut';
    } else if (accounts.length === 1) {
      const built = this.buildAccount(accounts[0], false);
      // With one account an empty or filtered-out listing is left to viewsWelcome.
      nodes = built.nodes.filter((child) => child.kind !== 'message' || (child.message !== 'empty' && child.message !== 'noMatch'));
      state = nodes.length > 0 ? 'ready' : built.state;
    } else {
      nodes = accounts.map((meta) => {
        const built = this.buildAccount(meta, true);
        return built.node ?? built.nodes[0];
      });
      state = 'ready';
    }
    this.rootNodes = nodes;
    for (const child of nodes) this.byId.set(child.id, child);
    if (state !== this.state) {
      this.state = state;
      this.stateEmitter.fire(state);
    }
    return nodes;
  }

  /**
   * Builds an account's whole subtree at once (layout is computed for all services
   * anyway), so getParent and findService work before VS Code expands anything.
   */
  private buildAccount(meta: AccountMeta, withAccountNode: boolean): { node?: AccountNode; nodes: ServicesNode[]; state: RootState } {
    const listing = this.deps.model.listing(meta.id);
    const options = this.deps.options();
    const accountId = meta.id;
    const layout = listing.services
      ? layoutServices(listing.services, { ...options, now: this.deps.now(), warningDays: this.deps.warningDays(), locale: safeLocale(vscode.env.language) })
      : undefined;
    const summary = listing.loading && !layout ? vscode.l10n.t('loading…') : layout ? vscode.l10n.t('{0} services', layout.total) : '';
    const accountNode: AccountNode | undefined = withAccountNode ? { kind: 'account', id: nodeIds.account(accountId), accountId, meta, summary } : undefined;
    const parent = accountNode;
    const message = (kind: MessageNode['message'], extra: Partial<MessageNode> = {}): MessageNode => ({
      kind: 'message',
      message: kind,
      id: nodeIds.message(accountId, kind),
      accountId,
      parent,
      accountLabel: meta.label,
      ...extra,
    });

    const nodes: ServicesNode[] = [];
    let state: RootState = 'ready';
    if (this.deps.accounts.isSignInNeeded(accountId) || listing.error instanceof CredentialsUnavailableError) {
      nodes.push(message('signIn', { error: listing.error }));
    } else if (listing.error !== undefined && !listing.loading) {
      nodes.push(message('error', { error: listing.error }));
    }
    if (listing.unreadable.length > 0) nodes.push(message('unreadable', { unreadable: listing.unreadable }));
    if (!layout) {
      if (listing.loading || (listing.error === undefined && !this.deps.accounts.isSignInNeeded(accountId))) {
        nodes.push(message('loading'));
        state = 'loading';
      }
    } else if (layout.total === 0) {
      nodes.push(message('empty'));
      state = 'empty';
    } else if (layout.shown === 0) {
      nodes.push(message('noMatch'));
      state = 'noMatch';
    } else {
      const serviceNode = (entry: ServiceEntry, parentNode: ServicesNode | undefined): ServiceNode => {
        const node: ServiceNode = {
          kind: 'service',
          id: nodeIds.service(accountId, entry.facts.service.serviceId),
          accountId,
          serviceId: entry.facts.service.serviceId,
          parent: parentNode,
          facts: entry.facts,
          options: entry.options,
          endpointId: meta.endpointId,
          accountLabel: meta.label,
          showAccount: withAccountNode,
        };
        this.register(
          node,
          entry.options.map((option) => serviceNode(option, node)),
        );
        return node;
      };
      if (layout.groups.length > 0) {
        for (const group of layout.groups) {
          const groupNode: GroupNode = {
            kind: 'group',
            id: nodeIds.group(accountId, options.groupBy, group.key),
            accountId,
            parent,
            groupBy: options.groupBy,
            key: group.key,
            entries: group.entries,
          };
          this.register(
            groupNode,
            group.entries.map((entry) => serviceNode(entry, groupNode)),
          );
          nodes.push(groupNode);
        }
      } else {
        nodes.push(...layout.entries.map((entry) => serviceNode(entry, parent)));
      }
    }
    for (const node of nodes) this.byId.set(node.id, node);
    if (accountNode) this.register(accountNode, nodes);
    return { node: accountNode, nodes, state };
  }

  private register(node: ServicesNode, children: ServicesNode[]): void {
    this.byId.set(node.id, node);
    for (const child of children) this.byId.set(child.id, child);
    this.childrenOf.set(node.id, children);
  }
}
