import { knownName, type OrderPreview, type ServiceSummary } from '../../ovh';
import type { Translate } from '../../translate';
import type { BatchMessage, BatchRow, BatchState, RowStatus } from '../../protocol/batchPanel';
import type { Coverage, ManualOrderBlock, RenewOptionRow } from '../../renewal';
import { manualOrderBlockText } from '../orders/orderHoldText';
import type { PanelFormat } from '../orders/panelFormat';
import type { KnownOrder, Step } from '../orders/renewSteps';

/**
 * Renewing several services as an explicit state machine. The batch has one step; each
 * row has one state. One table says which webview messages each batch step accepts, one
 * which rows may be retried or checked again, and pure functions turn a row's renew
 * session step into its row state and the whole into what the webview shows. Each row is
 * placed and paid by its own RenewSession: the same lease, journal and search as a
 * single renewal, once per row.
 */

export type BatchStep =
  | { readonly kind: 'loading' }
  | { readonly kind: 'choosing' }
  | { readonly kind: 'previewing' }
  | { readonly kind: 'previewed' }
  /** The batch modal is open. */
  | { readonly kind: 'confirmingOrders' }
  /** Orders are placed one after the other; `row` is the one in flight. */
  | { readonly kind: 'ordering'; readonly row: number }
  /** A row's order has no proven outcome: nothing more is ordered until it is resolved. */
  | { readonly kind: 'paused'; readonly row: number }
  /** Orders exist and are unpaid. */
  | { readonly kind: 'ordered' }
  | { readonly kind: 'confirmingPay' }
  | { readonly kind: 'paying'; readonly row: number }
  | { readonly kind: 'done' };

export type BatchStepKind = BatchStep['kind'];
type MessageType = BatchMessage['type'];

const CHOOSING: readonly MessageType[] = ['setIncluded', 'choose', 'previewAll'];
const RESULTS: readonly MessageType[] = ['retryRow', 'openLink', 'openPanel'];

/** What each batch step accepts ('ready' is always answered: it only repaints). */
export const BATCH_ACCEPTS: Readonly<Record<BatchStepKind, readonly MessageType[]>> = {
  loading: [],
  choosing: CHOOSING,
  previewing: [],
  previewed: [...CHOOSING, 'placeOrders', ...RESULTS],
  confirmingOrders: [],
  ordering: [],
  paused: ['checkAgain', 'stopBatch', 'openLink', 'openPanel'],
  ordered: ['selectPayment', 'payAll', 'payLater', ...RESULTS],
  confirmingPay: [],
  paying: [],
  done: ['selectPayment', 'payAll', ...RESULTS],
};

export function batchAccepts(step: BatchStep, type: MessageType): boolean {
  return type === 'ready' || BATCH_ACCEPTS[step.kind].includes(type);
}

/** Why a row is left out before anything is ordered. */
export type RowBlock = 'terminated' | 'attachedOption' | 'noOffer' | 'loadFailed' | ManualOrderBlock;

export type RowState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'blocked'; readonly reason: RowBlock }
  | { readonly kind: 'ready' }
  | { readonly kind: 'previewing' }
  | { readonly kind: 'previewed'; readonly row: RenewOptionRow; readonly preview: OrderPreview }
  | { readonly kind: 'previewFailed' }
  | { readonly kind: 'placing' }
  /** OVH refused the order with a clear 4xx: proven that nothing was ordered. */
  | { readonly kind: 'refused' }
  /** The order request has no proven outcome: recorded in the journal, searched for. */
  | { readonly kind: 'uncertain' }
  /** Another window or panel is ordering or paying these services. */
  | { readonly kind: 'elsewhere' }
  /** Confirmed, but the batch stopped before this row: nothing was sent. */
  | { readonly kind: 'notAttempted' }
  | { readonly kind: 'ordered'; readonly known: KnownOrder }
  | { readonly kind: 'paying'; readonly known: KnownOrder }
  | { readonly kind: 'payFailed'; readonly known: KnownOrder }
  | { readonly kind: 'payUncertain'; readonly known: KnownOrder }
  | { readonly kind: 'paid'; readonly known: KnownOrder }
  | { readonly kind: 'delivered'; readonly known: KnownOrder }
  | { readonly kind: 'ended'; readonly known: KnownOrder };

export type RowStateKind = RowState['kind'];

/**
 * Rows proven to have no order: only these offer Retry. Not 'elsewhere': another window
 * may be creating that service's order; its own panel shows what came of it.
 */
export const RETRYABLE: ReadonlySet<RowStateKind> = new Set(['previewFailed', 'refused', 'notAttempted']);
/** Rows whose state came from an order (or an attempt): their choice is fixed. */
const SETTLED: ReadonlySet<RowStateKind> = new Set(['placing', 'uncertain', 'ordered', 'paying', 'payFailed', 'payUncertain', 'paid', 'delivered', 'ended']);

export function isSettled(state: RowState): boolean {
  return SETTLED.has(state.kind);
}

/**
 * The state a row reaches after its renew session ran an order or a payment. `hasEntry`:
 * the journal still holds an attempt for the row's services. A session back on its
 * preview with an entry left is never taken for a refusal: the row stays uncertain.
 */
export function rowStateAfter(step: Step, hasEntry: boolean, refusal: boolean): RowState {
  switch (step.kind) {
    case 'unpaid':
    case 'confirmingPrice':
      return step.known.status === 'notPaid' && refusal ? { kind: 'payFailed', known: step.known } : { kind: 'ordered', known: step.known };
    case 'confirmingPay':
    case 'paying':
      return { kind: 'paying', known: step.known };
    case 'payFollowing':
    case 'payUncertain':
      return { kind: 'payUncertain', known: step.known };
    case 'tracking':
      return { kind: 'paid', known: step.known };
    case 'ended':
      return step.known.status === 'delivered' ? { kind: 'delivered', known: step.known } : { kind: 'ended', known: step.known };
    case 'searching':
    case 'orderUncertain':
      return { kind: 'uncertain' };
    case 'elsewhere':
      return hasEntry ? { kind: 'uncertain' } : { kind: 'elsewhere' };
    case 'confirmingOrder':
    case 'placing':
      return { kind: 'placing' };
    default:
      if (hasEntry) return { kind: 'uncertain' };
      return refusal ? { kind: 'refused' } : { kind: 'notAttempted' };
  }
}

/** One row as the batch holds it. */
export interface RowModel {
  readonly key: string;
  readonly serviceId: number;
  readonly summary: ServiceSummary | undefined;
  readonly included: boolean;
  readonly options: readonly RenewOptionRow[];
  readonly chosenKey: string | undefined;
  readonly state: RowState;
  readonly coverage: Coverage;
  readonly errorText: string | undefined;
}

export interface BatchView {
  readonly format: PanelFormat;
  readonly t: Translate;
  readonly rows: readonly RowModel[];
  readonly payment: BatchState['payment'];
  readonly progress: BatchState['progress'];
  readonly notice: string | undefined;
  readonly error: string | undefined;
  /** Grand totals per currency, already formatted. */
  readonly totals: readonly string[];
}

const knownNameOf = (summary: ServiceSummary | undefined, serviceId: number): string => (summary ? knownName(summary) : `#${serviceId}`);

/** The status the table shows: what the row's order did, else where its choice stands. */
export function rowStatus(row: RowModel): RowStatus {
  const kind = row.state.kind;
  if (
    kind === 'blocked' ||
    kind === 'loading' ||
    isSettled(row.state) ||
    kind === 'refused' ||
    kind === 'notAttempted' ||
    kind === 'elsewhere' ||
    kind === 'previewFailed'
  )
    return kind;
  if (!row.included) return 'excluded';
  if (row.coverage.kind === 'covered' || row.coverage.kind === 'conflict') return row.coverage.kind;
  return kind;
}

const NO_NEW_EXPIRY: ReadonlySet<RowStatus> = new Set(['covered', 'excluded', 'blocked', 'delivered', 'ended', 'refused', 'notAttempted', 'previewFailed']);

/** Pure: the webview state for a step. */
export function batchStateOf(step: BatchStep, view: BatchView): BatchState {
  const { t, format } = view;
  const nameOf = (serviceId: number): string => knownNameOf(view.rows.find((row) => row.serviceId === serviceId)?.summary, serviceId);
  const previewedCount = view.rows.filter((row) => rowStatus(row) === 'previewed').length;
  const orderable = view.rows.filter((row) => row.included && row.coverage.kind === 'orders' && !isSettled(row.state));
  const unpaid = view.rows.some((row) => row.state.kind === 'ordered' || row.state.kind === 'payFailed');
  return {
    phase: step.kind,
    progress: view.progress,
    rows: view.rows.map((row): BatchRow => {
      const status = rowStatus(row);
      const known = 'known' in row.state ? row.state.known : undefined;
      const preview = row.state.kind === 'previewed' ? row.state : undefined;
      const chosen = row.options.find((option) => option.key === row.chosenKey);
      return {
        key: row.key,
        name: knownNameOf(row.summary, row.serviceId),
        typeLabel: row.summary ? format.service(row.summary).typeLabel : '',
        expiryText: row.summary ? format.date(row.summary.expirationDate) : '',
        included: row.included,
        canChange: !isSettled(row.state) && row.state.kind !== 'blocked' && row.state.kind !== 'loading',
        options: row.options.map((option) => ({
          key: option.key,
          label: `${format.periodLabel(option)} · ${format.servicesText(option)}`,
          priceText: format.row(option, row.serviceId).totalText,
          perMonthText: format.row(option, row.serviceId).perMonthText,
          cheapestPerMonth: option.cheapestPerMonth,
          renewsMore: option.renewsMoreThanSelected,
        })),
        chosenKey: row.chosenKey,
        status,
        statusText: statusText(status, row, nameOf, t),
        withTaxText: known ? format.money(known.order.priceWithTax) : preview ? format.money(preview.preview.priceWithTax) : undefined,
        // Once delivered, the current expiry is the new one: no arrow to it.
        newExpiryText: chosen && !NO_NEW_EXPIRY.has(status) ? format.date(chosen.newExpiry) : undefined,
        errorText: row.errorText,
        orderId: known?.order.orderId,
        canRetry: RETRYABLE.has(row.state.kind) && (step.kind === 'done' || step.kind === 'ordered' || step.kind === 'previewed'),
        canCheckAgain: row.state.kind === 'uncertain' && step.kind === 'paused',
        hasOrderLink: known !== undefined,
      };
    }),
    totals: [...view.totals],
    // Payment choices only while some order waits for payment.
    payment: (step.kind === 'ordered' || step.kind === 'done' || step.kind === 'confirmingPay') && unpaid ? view.payment : undefined,
    canPreview: (step.kind === 'choosing' || step.kind === 'previewed') && orderable.length > 0,
    canOrder: step.kind === 'previewed' && previewedCount > 0 && orderable.every((row) => row.state.kind === 'previewed'),
    canPay: (step.kind === 'ordered' || step.kind === 'done') && unpaid && view.payment?.selectedId !== undefined,
    notice: view.notice,
    error: view.error,
  };
}

function statusText(status: RowStatus, row: RowModel, nameOf: (serviceId: number) => string, t: Translate): string {
  const blockText: Record<RowBlock, string> = {
    terminated: t('Ended: OVHcloud renews nothing for it.'),
    attachedOption: t('Renewed with its parent service.'),
    noOffer: t('OVHcloud offers no manual renewal for it.'),
    loadFailed: t('Its renewal options could not be loaded.'),
    autorenewInProgress: manualOrderBlockText('autorenewInProgress', t),
  };
  switch (status) {
    case 'blocked':
      return row.state.kind === 'blocked' ? blockText[row.state.reason] : '';
    case 'covered':
      return row.coverage.kind === 'covered' ? t('Renewed by the order of {0}.', nameOf(row.coverage.by)) : '';
    case 'conflict':
      return row.coverage.kind === 'conflict' ? t('Also renewed by the order of {0}: choose another option.', nameOf(row.coverage.with)) : '';
    default:
      return STATUS_TEXT[status](t);
  }
}

const STATUS_TEXT: Record<Exclude<RowStatus, 'blocked' | 'covered' | 'conflict'>, (t: Translate) => string> = {
  loading: (t) => t('Loading…'),
  excluded: (t) => t('Left out'),
  ready: (t) => t('Not previewed yet'),
  previewing: (t) => t('Previewing…'),
  previewed: (t) => t('Previewed'),
  previewFailed: (t) => t('Preview failed: left out'),
  placing: (t) => t('Ordering…'),
  ordered: (t) => t('Ordered, not paid'),
  refused: (t) => t('Refused by OVHcloud: nothing was ordered'),
  uncertain: (t) => t('Not known whether the order was created: being checked'),
  elsewhere: (t) => t('Being ordered or paid in another window'),
  notAttempted: (t) => t('Not attempted: nothing was ordered'),
  paying: (t) => t('Paying…'),
  payFailed: (t) => t('Payment refused: not paid'),
  payUncertain: (t) => t('Not known whether the payment went through: being checked'),
  paid: (t) => t('Paid, being delivered'),
  delivered: (t) => t('Paid and delivered'),
  ended: (t) => t('Order ended without delivery'),
};
