/**
 * Minimal structural views of the OVHcloud API objects this layer reads.
 *
 * Field names are OVH's own. Only the fields the domain logic needs are
 * declared, so objects validated elsewhere (with their extra fields) stay
 * assignable. Arrays are `readonly` so both mutable and frozen arrays fit.
 *
 * Enum-like fields are plain `string`: OVH adds values over time and an
 * unknown value must degrade to an "unknown" classification, never break
 * type-checking or throw at run time.
 *
 * Fields that OVH's own renewal guide omits in its examples (currency code,
 * price text, ucents, service name) are optional, and every nullable field in
 * OVH's schema also accepts `null`.
 */

/** `order.Price`. `value` is a double; `priceInUcents` is the exact amount when present. */
export interface OvhPrice {
  readonly currencyCode?: string | null;
  readonly text?: string | null;
  readonly value?: number | null;
  /** Integer micro-cents: 1 currency unit = 100,000,000 ucents. */
  readonly priceInUcents?: number | null;
}

/** `service.renew.Service`: one service that a strategy renews. */
export interface RenewServiceDetail {
  readonly serviceId: number;
  readonly serviceName?: string | null;
  readonly serviceType?: string | null;
}

/** `service.renew.RenewStrategy`: one priced set of services renewed together. */
export interface RenewStrategy {
  readonly price?: OvhPrice | null;
  /** Same amount as `price`, in ucents. Preferred over `price` when present. */
  readonly priceInUcents?: number | null;
  readonly services?: readonly number[] | null;
  readonly servicesDetails?: readonly RenewServiceDetail[] | null;
}

/** `service.renew.RenewDescription`: the strategies available for one renew period. */
export interface RenewDescription {
  /** ISO 8601 duration such as `P1M` or `P1Y`; sent back verbatim when ordering. */
  readonly renewPeriod: string;
  readonly strategies: readonly RenewStrategy[];
}

/** `services.expanded.Service` (`GET /services/{serviceId}`), billing part only. */
export interface ExpandedService {
  readonly serviceId?: number;
  readonly billing?: {
    readonly expirationDate?: string | null;
    readonly renew?: {
      readonly current?: {
        /** `automatic` | `manual` today; OVH may add values. */
        readonly mode?: string | null;
        readonly period?: string | null;
        readonly nextDate?: string | null;
      } | null;
    } | null;
    readonly lifecycle?: {
      readonly current?: {
        /** e.g. `deleteAtExpiration`, `terminateAtExpirationDate`, `autorenewInProgress`. */
        readonly pendingActions?: readonly string[] | null;
        /** e.g. `active`, `toRenew`, `unrenewed`, `terminated`. */
        readonly state?: string | null;
        readonly terminationDate?: string | null;
      } | null;
    } | null;
  } | null;
}

/** Legacy `serviceList.Service` (`GET /service/{serviceId}`), renewal part only. */
export interface LegacyService {
  readonly expirationDate?: string | null;
  readonly renew?: {
    /** e.g. `automaticV2016`, `manual`, `deleteAtExpiration`, `oneShot`. */
    readonly mode?: string | null;
  } | null;
  /** `expired` | `ok` | `pending` | `unpaid`. */
  readonly state?: string | null;
}

/** Either service shape; helpers read whichever fields are present. */
export type ServiceLike = ExpandedService | LegacyService;
