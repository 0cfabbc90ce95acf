import type { Order, OrderPreview, ServiceSummary } from '../../ovh';
import type { RenewPanelState, Row, RenewPanelMessage } from '../../protocol/renewPanel';
import type { RenewOptionRow } from '../../renewal';
import type { JournalEntry } from './orderJournal';
import type { PanelFormat } from './panelFormat';

/**
 * The renew flow as an explicit state machine: one Step says where the panel is, one
 * table says which webview messages each step accepts, and one pure function turns a
 * step into what the webview shows. The session only runs API calls between steps.
 */

export interface Previewed {
  readonly row: RenewOptionRow;
  readonly preview: OrderPreview;
  /**
   * When the dry run answered (ISO, by OVH's clock when it says): an order for these services
   * placed since then is someone else's work the user has not seen.
   */
  readonly at: string;
}

/** An order that exists at OVH, with the journal entry that stands for it. */
export interface KnownOrder {
  readonly entry: JournalEntry;
  readonly order: Order;
  readonly status: string;
}

export type Step =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loadFailed' }
  | { readonly kind: 'choosing' }
  | { readonly kind: 'previewing'; readonly row: RenewOptionRow }
  | { readonly kind: 'previewed'; readonly previewed: Previewed }
  /** The modal is open, then the lock, journal and OVH are checked again. */
  | { readonly kind: 'confirmingOrder'; readonly previewed: Previewed }
  | { readonly kind: 'placing'; readonly previewed: Previewed }
  /** The order POST got no clear answer: looking for the order by content. */
  | { readonly kind: 'searching'; readonly entry: JournalEntry }
  /** Searched, found nothing provable: the attempt stays recorded. */
  | { readonly kind: 'orderUncertain'; readonly entry: JournalEntry }
  /**
   * Another window or panel holds the lease of one of these services (placing an order, or
   * paying `known`); followed until it lets go.
   */
  | { readonly kind: 'elsewhere'; readonly services: readonly number[]; readonly known?: KnownOrder }
  | { readonly kind: 'unpaid'; readonly known: KnownOrder }
  /** The order's amount differs from the confirmed one: asking again. */
  | { readonly kind: 'confirmingPrice'; readonly known: KnownOrder }
  | { readonly kind: 'confirmingPay'; readonly known: KnownOrder }
  | { readonly kind: 'paying'; readonly known: KnownOrder }
  /** The payment got no clear answer: Pay is off while the status is followed. */
  | { readonly kind: 'payFollowing'; readonly known: KnownOrder }
  /**
   * A payment was sent and OVH does not show it yet: in progress, never failed. The status
   * is still followed; only an explicit Pay Again, behind its own warning, sends another.
   */
  | { readonly kind: 'payUncertain'; readonly known: KnownOrder }
  | { readonly kind: 'tracking'; readonly known: KnownOrder }
  | { readonly kind: 'ended'; readonly known: KnownOrder };

export type StepKind = Step['kind'];
type MessageType = RenewPanelMessage['type'];

const CHOOSING: readonly MessageType[] = ['retry', 'setIncludeOptions', 'select', 'preview'];

/** What each step accepts ('ready' is always answered: it only repaints). */
export const ACCEPTS: Readonly<Record<StepKind, readonly MessageType[]>> = {
  loading: [],
  loadFailed: ['retry'],
  choosing: CHOOSING,
  previewing: [],
  previewed: [...CHOOSING, 'placeOrder'],
  confirmingOrder: [],
  placing: [],
  searching: [],
  orderUncertain: ['retry'],
  // The options stay usable: ordering again re-checks the lease and the journal.
  elsewhere: CHOOSING,
  unpaid: ['retry', 'selectPayment', 'pay', 'openLink'],
  confirmingPrice: ['openLink'],
  confirmingPay: [],
  paying: [],
  payFollowing: ['openLink'],
  // Pay Again stays possible, behind a dialog that says the first payment may still go through.
  payUncertain: ['retry', 'selectPayment', 'pay', 'openLink'],
  tracking: ['openLink'],
  ended: [...CHOOSING, 'openLink'],
};

export function accepts(step: Step, type: MessageType): boolean {
  return type === 'ready' || ACCEPTS[step.kind].includes(type);
}

/** The order a step is about, if any. */
export function knownOrder(step: Step): KnownOrder | undefined {
  return 'known' in step ? step.known : undefined;
}

const BUSY: Readonly<Partial<Record<StepKind, NonNullable<RenewPanelState['busy']>>>> = {
  loading: 'loading',
  previewing: 'preview',
  confirmingOrder: 'order',
  placing: 'order',
  searching: 'recovering',
  confirmingPrice: 'pay',
  confirmingPay: 'pay',
  paying: 'pay',
  payFollowing: 'tracking',
  tracking: 'tracking',
};

/** What the session knows besides the step: the service, the options and messages. */
export interface StepView {
  readonly format: PanelFormat;
  readonly service: RenewPanelState['service'];
  readonly summary: ServiceSummary | undefined;
  readonly includeOptions: boolean;
  readonly rows: readonly Row[];
  readonly selectedKey: string | undefined;
  readonly payment: RenewPanelState['payment'];
  readonly notice: string | undefined;
  readonly error: RenewPanelState['error'];
}

/** Pure: the panel state for a step. Payment choices show only where Pay is allowed. */
export function panelStateOf(step: Step, view: StepView): RenewPanelState {
  const previewed = 'previewed' in step ? step.previewed : undefined;
  const known = knownOrder(step);
  const payable = step.kind === 'unpaid' || step.kind === 'confirmingPay' || step.kind === 'paying' || step.kind === 'payUncertain';
  return {
    service: view.service,
    includeOptions: view.includeOptions,
    phase: step.kind === 'loading' ? 'loading' : step.kind === 'loadFailed' ? 'error' : view.rows.length === 0 && !known ? 'empty' : 'ready',
    rows: [...view.rows],
    selectedKey: view.selectedKey,
    busy: BUSY[step.kind],
    preview: previewed ? view.format.preview(previewed.row, previewed.preview) : undefined,
    order: known ? orderView(known, view) : undefined,
    payment: payable ? view.payment : undefined,
    error: view.error,
    notice: view.notice,
  };
}

function orderView(known: KnownOrder, view: StepView): NonNullable<RenewPanelState['order']> {
  const base = view.format.order(known.order, known.status, view.summary);
  // A record restored from a batch names no service: the order alone is shown.
  if (known.entry.serviceNames.length === 0) return base;
  const bought = view.format.entry(known.entry);
  return { ...base, servicesText: bought.servicesText, periodText: bought.periodText, expectedExpiryText: bought.newExpiryText };
}
