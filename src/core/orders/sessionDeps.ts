import type { OvhApi, ServiceSummary } from '../../ovh';
import type { Translate } from '../../translate';
import type { RenewPanelState } from '../../protocol/renewPanel';
import type { LeaseFiles } from './leaseFiles';
import type { OrderJournal } from './orderJournal';

/** The API calls a renew session makes. OVH's clock is optional: our own is the fallback. */
export type RenewApi = Pick<
  OvhApi,
  | 'getService'
  | 'listRenewDescriptions'
  | 'previewRenew'
  | 'createRenewOrder'
  | 'getOrder'
  | 'getOrderStatus'
  | 'listOrderIds'
  | 'listOrderDetailIds'
  | 'getOrderDetail'
  | 'listOrderPaymentMethods'
  | 'payOrder'
> &
  Partial<Pick<OvhApi, 'serverTime' | 'orderHeldCheck'>>;

/** Ordering, going on after the amount changed, paying. */
export type ConfirmKind = 'order' | 'priceChange' | 'pay';

/**
 * A confirmation policy: how a command asks for the user's decision. The renew panel asks
 * with a modal each time; a batch answers the decisions its own modal already covered and
 * asks the rest. Passed with each command, never kept in a field between commands.
 */
export type Confirmation = (message: string, detail: string, action: string, kind: ConfirmKind) => Promise<boolean>;

export interface SessionDeps {
  readonly accountId: string;
  /** The account itself (endpoint + nichandle), whatever the sign-in: journal and locks use it. */
  readonly identity: string;
  readonly serviceId: number;
  /** The service as the listing already has it: the first load then asks OVH only for the options. */
  readonly summary?: ServiceSummary;
  /** This panel, for lease files: "window session id/panel number". */
  readonly owner: string;
  readonly api: () => Promise<RenewApi | undefined>;
  readonly journal: OrderJournal;
  readonly leases: LeaseFiles;
  /**
   * Resolves once no owner but `self` holds a lease on these keys (released, or stale), or
   * once `stop` says the wait no longer matters. Without it a panel that met another
   * window's order waits for the user's Try Again. A batch passes it on to each row's
   * session, whose own owner is `self`.
   */
  readonly whenLeasesFree?: (keys: readonly string[], self: string, stop: () => boolean) => Promise<void>;
  /** A modal confirmation in VS Code; true only when the user chose `action`: the panel's own policy. */
  readonly confirm: Confirmation;
  readonly openExternal: (url: string) => Promise<void>;
  readonly t: Translate;
  readonly locale: string;
  readonly now?: () => Date;
  /** Waits between searches; tests advance a fake clock instead. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * How long a payment with no clear answer is watched before Pay Again is offered (then it is
   * still followed, on a slower pace); twice the request timeout unless said. A batch says 0:
   * Pay All goes on to the next order instead of waiting on this one.
   */
  readonly uncertainPaymentWatchMs?: number;
  /** The API client's request timeout: searches after a lost answer last at least twice this. */
  readonly requestTimeoutMs?: number;
  readonly statusPollMs?: number;
  readonly log: { info(message: string): void; warn(message: string): void };
  readonly onState: (state: RenewPanelState) => void;
  /** The service's expiry changed: refresh it wherever it is shown. */
  readonly onRenewed: (accountId: string, serviceId: number) => void;
  readonly reportFailure?: (error: unknown) => void;
}
