import type { ServiceSummary } from '../../ovh';
import type { BatchState } from '../../protocol/batchPanel';
import type { BatchItem } from './batchItems';
import type { BatchStep, RowState } from './batchSteps';
import type { JournalStore } from '../orders/orderJournal';
import type { PanelFormat } from '../orders/panelFormat';
import type { Confirmation, SessionDeps } from '../orders/sessionDeps';

/** What a batch needs besides what each item's renew session needs. */
export interface BatchDeps extends Omit<SessionDeps, 'serviceId' | 'summary' | 'onState' | 'onRenewed' | 'confirm'> {
  readonly batchId: string;
  /** The selection; a reloaded batch knows only the ids its record holds. */
  readonly services: ReadonlyArray<{ readonly serviceId: number; readonly summary?: ServiceSummary }>;
  /** The one modal of each confirmation: true only when the user chose `action`. */
  readonly confirm: (message: string, detail: string, action: string) => Promise<boolean>;
  readonly records: JournalStore;
  readonly onState: (state: BatchState) => void;
  /** Called once, when the batch is over and something was renewed: the tree refreshes once. */
  readonly onRenewed: (accountId: string) => void;
  readonly openPanel: (serviceId: number) => Promise<void>;
  /** Items previewed at once; the API client's limiter bounds the requests below this. */
  readonly concurrency?: number;
}

/** What the batch's ordering and payment parts use of the batch session. */
export interface BatchHost {
  readonly deps: BatchDeps;
  readonly items: readonly BatchItem[];
  readonly format: PanelFormat;
  readonly currentStep: BatchStep;
  readonly isDisposed: boolean;
  go(step: BatchStep, patch?: { notice?: string; error?: string }): void;
  setRowState(item: BatchItem, state: RowState, errorText?: string): void;
  /** Reads the item's outcome from its session and records it. */
  settle(item: BatchItem): Promise<void>;
  save(): Promise<void>;
  emit(): void;
  /** Services of this item's live journal entries (an order or an attempt). */
  journalServices(item: BatchItem): number[];
  /** Whether a delivery happened since the last call (the tree refreshes once per batch). */
  takeRenewed(): boolean;
}

/** The policy an item's command runs under: the batch modal answered `covered`; a changed amount is asked. */
export function batchPolicy(deps: Pick<BatchDeps, 'confirm'>, covered: 'order' | 'pay'): Confirmation {
  return async (message, detail, action, kind) => (kind === 'priceChange' ? deps.confirm(message, detail, action) : kind === covered);
}
