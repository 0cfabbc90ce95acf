import type { Plan } from './catalog';

/** Internal records of the sandbox; the wire shapes are built from them in render.ts. */

export type ServiceKind = 'domain' | 'hosting' | 'vps' | 'dedicated' | 'option';
export type RenewMode = 'automatic' | 'manual';
export type LifecycleState = 'active' | 'error' | 'inCreation' | 'rupture' | 'terminated' | 'toRenew' | 'unpaid' | 'unrenewed';
export type LifecycleAction =
  'autorenewInProgress' | 'deleteAtExpiration' | 'earlyRenewal' | 'terminate' | 'terminateAtEngagementDate' | 'terminateAtExpirationDate';
export type ResourceState = 'active' | 'deleted' | 'suspended' | 'toActivate' | 'toDelete' | 'toSuspend';

export interface ServiceRecord {
  readonly serviceId: number;
  readonly parentServiceId: number | null;
  readonly kind: ServiceKind;
  readonly plan: Plan;
  readonly name: string;
  displayName: string;
  /** API route template such as `/vps/{serviceName}`; options have none. */
  readonly routePath: string | null;
  readonly creationMs: number;
  expirationMs: number;
  renewMode: RenewMode;
  renewPeriod: string;
  /** How /services spells renewPeriod when a serviceInfos change set it in months (control renewPeriodSpelling). */
  renewPeriodShown?: string;
  /** Renewal is forced automatic: the renew API offers nothing to order. */
  readonly automaticOnly: boolean;
  lifecycleState: LifecycleState;
  pendingActions: LifecycleAction[];
  terminationMs: number | null;
  resourceState: ResourceState;
  /** The hosting of a bundled domain, or the domain of a bundled hosting. */
  readonly bundleId: number | null;
  readonly optionIds: number[];
  /** `billing.lifecycle.capacities.actions` set through /__sandbox/services/{id}; undefined: the seeded default. */
  lifecycleActions?: LifecycleAction[];
  /** `billing.engagement` (a commitment), set through /__sandbox/services/{id}. */
  engagement?: Engagement | null;
  /** Nichandles of the admin and billing contacts; undefined: the account itself. */
  contactAdmin?: string;
  contactBilling?: string;
}

/** services.expanded.EngagementSummary */
export interface Engagement {
  endDate: string | null;
  endRule: { strategy: string; possibleStrategies: string[] } | null;
}

export interface Account {
  nichandle: string;
  email: string;
  firstname: string;
  name: string;
  customerCode: string;
}

export type PaymentMethodStatus = 'VALID' | 'EXPIRED' | 'CANCELED' | 'ERROR';

export interface PaymentMethodRecord {
  readonly paymentMethodId: number;
  /** The legacy id; null for newer methods (SEPA mandates, recent cards), as OVH's schema allows. */
  readonly paymentMeanId: number | null;
  readonly paymentType: 'CREDIT_CARD' | 'PAYPAL' | 'SEPA_DIRECT_DEBIT';
  readonly paymentSubType: string | null;
  readonly label: string;
  readonly description: string | null;
  isDefault: boolean;
  readonly status: PaymentMethodStatus;
  readonly creationMs: number;
  readonly expirationMs: number | null;
}

export interface OrderPayment {
  readonly paymentMean: string;
  readonly paymentMeanId: number | null;
  readonly atMs: number;
}

export interface OrderRecord {
  readonly orderId: number;
  readonly password: string;
  readonly dateMs: number;
  /** Mutable: /__sandbox/orders/{id} can make it pass. */
  expirationMs: number;
  readonly withoutTaxCents: number;
  readonly taxCents: number;
  /** The service the renew was ordered from (path id of POST /service/{id}/renew). */
  readonly serviceId: number;
  readonly duration: string;
  readonly services: readonly number[];
  /** Per renewed service, the pre-tax amount, for /details. */
  readonly lines: readonly { serviceId: number; cents: number }[];
  payment: OrderPayment | null;
  /** Set once the renewal has been applied to the services. */
  delivered: boolean;
  /** Seeded history orders are not in the ledger. */
  readonly seeded: boolean;
  /** Placed elsewhere (Control Panel, another machine) through /__sandbox/orders: not in the ledger's orders, but its payments are. */
  readonly external?: boolean;
  /** Deleted by OVH (GET answers 404), through /__sandbox/orders/{id}. */
  gone?: boolean;
  /** Held for checks after payment (GET /me/order/{id}/followUp), through /__sandbox/orders/{id}: it stays `checking`. */
  held?: HeldCheck;
}

export interface LedgerOrder {
  orderId: number;
  serviceId: number;
  duration: string;
  services: number[];
  createdAt: string;
}

export interface LedgerPayment {
  orderId: number;
  paymentMean: string;
  paymentMeanId: number | null;
  /** The /me/payment/method id when paid through POST /me/order/{id}/pay, else null. */
  paymentMethodId: number | null;
  route: 'pay' | 'payWithRegisteredPaymentMean';
  at: string;
}

export interface Ledger {
  orders: LedgerOrder[];
  payments: LedgerPayment[];
}

/** The follow-up labels of an order held for checks (billing.order.followUp.HistoryStatusEnum). */
export type HeldCheck = 'FRAUD_DOCS_REQUESTED' | 'FRAUD_MANUAL_REVIEW' | 'FRAUD_REFUSED';
