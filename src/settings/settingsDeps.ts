import type * as vscode from 'vscode';
import type { AccountMeta } from '../auth/accountTypes';
import type { Prompter } from '../auth/prompter';
import type { OvhApi, ServiceSummary } from '../ovh';
import type { ServiceOutcome } from '../renewal';
import type { ServiceRef } from '../protocol/serviceRef';
import type { OrderInFlight } from './pure/settingsText';

/** What the renew-settings flows are given (by extension.ts), and what a run of one answers. */

export interface SettingsModel {
  listing(accountId: string): { readonly services?: readonly ServiceSummary[] };
  refresh(accountId?: string, options?: { fresh?: boolean }): Promise<void>;
  whenIdle(): Promise<void>;
}

export interface SettingsDeps {
  readonly model: SettingsModel;
  readonly accounts: { api(accountId: string): Promise<OvhApi | undefined>; list(): readonly AccountMeta[] };
  readonly prompter: () => Prompter;
  readonly pickService: () => Promise<ServiceRef | undefined>;
  /** Sign In, offered when a key lacks the rules renew settings need. */
  readonly signIn: () => Promise<unknown>;
  /** This extension's renewal order in flight for a service (the order journal), named in the confirmation. */
  readonly orderInFlight: (accountId: string, serviceId: number) => OrderInFlight | undefined;
  readonly log: vscode.LogOutputChannel;
}

export interface SettingsRun {
  readonly status: 'cancelled' | 'reauthorize' | 'nothingToDo' | 'done';
  readonly results: readonly ServiceOutcome[];
  /** What the user was told at the end, when the flow got that far. */
  readonly message?: string;
}

export function endpointOf(deps: SettingsDeps, accountId: string): AccountMeta['endpointId'] | undefined {
  return deps.accounts.list().find((meta) => meta.id === accountId)?.endpointId;
}
