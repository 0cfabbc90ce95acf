import type { OvhApi, Translate } from '../ovh';
import type { PanelState } from '../protocol/renewPanel';
import type { PendingOrders } from './pendingOrders';

/** The API calls a renew session makes. */
export type RenewApi = Pick<
  OvhApi,
  'getService' | 'listRenewDescriptions' | 'previewRenew' | 'createRenewOrder' | 'getOrder' | 'getOrderStatus' | 'listOrderIds' | 'listPaymentOptions' | 'payOrder'
>;

export interface SessionDeps {
  readonly accountId: string;
  readonly serviceId: number;
  readonly api: () => Promise<RenewApi | undefined>;
  readonly pending: PendingOrders;
  /** Orders being placed or paid anywhere in this window, by "account:service": one at a time. */
  readonly locks: Set<string>;
  /** A modal confirmation in VS Code; true only when the user chose `action`. */
  readonly confirm: (message: string, detail: string, action: string) => Promise<boolean>;
  readonly openExternal: (url: string) => Promise<void>;
  readonly t: Translate;
  readonly locale: string;
  readonly now?: () => Date;
  readonly statusPollMs?: number;
  readonly log: { info(message: string): void; warn(message: string): void };
  readonly onState: (state: PanelState) => void;
  /** The service's expiry changed: refresh it wherever it is shown. */
  readonly onRenewed: (accountId: string, serviceId: number) => void;
  readonly reportFailure?: (error: unknown) => void;
}
