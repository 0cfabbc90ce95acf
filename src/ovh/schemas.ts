import * as z from 'zod/mini';

/*
 * Schemas for every OVH answer the extension reads, with OVH's field names.
 * Principles:
 * - Enums are plain strings: OVH adds values (automaticV2024 came late), and an
 *   unknown value must not hide a service. The renewal layer classifies them.
 * - Unknown extra fields are stripped, never an error.
 * - Fields OVH documents as nullable accept null and absence.
 * - What the extension cannot work without (ids, names, prices) stays required,
 *   so drift in those fails loudly with the path that broke.
 */

const nullableString = z.nullish(z.string());
const nullableNumber = z.nullish(z.number());

export const PriceSchema = z.object({
  currencyCode: z.string(),
  text: z.string(),
  value: z.number(),
  priceInUcents: nullableNumber,
});
export type Price = z.infer<typeof PriceSchema>;

const RouteSchema = z.object({
  path: nullableString,
  url: nullableString,
  vars: z.nullish(z.array(z.object({ key: z.string(), value: z.string() }))),
});

export const ServiceSchema = z.object({
  serviceId: z.number(),
  parentServiceId: nullableNumber,
  route: z.nullish(RouteSchema),
  resource: z.object({
    displayName: nullableString,
    name: z.string(),
    product: z.nullish(z.object({ name: nullableString, description: nullableString })),
    state: nullableString,
  }),
  billing: z.object({
    expirationDate: nullableString,
    nextBillingDate: nullableString,
    plan: z.nullish(z.object({ code: nullableString, invoiceName: nullableString })),
    pricing: z.nullish(z.object({ duration: nullableString, price: z.nullish(PriceSchema), priceInUcents: nullableNumber })),
    renew: z.nullish(
      z.object({
        current: z.nullish(z.object({ mode: nullableString, nextDate: nullableString, period: nullableString })),
        capacities: z.nullish(z.object({ mode: z.nullish(z.array(z.string())) })),
      }),
    ),
    lifecycle: z.nullish(
      z.object({
        current: z.nullish(
          z.object({
            creationDate: nullableString,
            pendingActions: z.nullish(z.array(z.string())),
            state: nullableString,
            terminationDate: nullableString,
          }),
        ),
        capacities: z.nullish(z.object({ actions: z.nullish(z.array(z.string())) })),
      }),
    ),
    // services.expanded.EngagementSummary: a commitment ends through its end rule.
    engagement: z.nullish(
      z.object({
        endDate: nullableString,
        endRule: z.nullish(z.object({ strategy: nullableString, possibleStrategies: z.nullish(z.array(z.string())) })),
      }),
    ),
  }),
  customer: z.nullish(z.object({ contacts: z.nullish(z.array(z.object({ customerCode: nullableString, type: nullableString }))) })),
  tags: z.nullish(z.array(z.string())),
});
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceListSchema = z.array(ServiceSchema);
export const IdListSchema = z.array(z.number());

/**
 * OVH's own renewal guide prints strategy prices as `{"value": 1.99}` only: the currency
 * then comes from the account (GET /me), and the text is ours to format.
 */
export const StrategyPriceSchema = z.object({
  value: z.number(),
  currencyCode: nullableString,
  text: nullableString,
  priceInUcents: nullableNumber,
});
export type StrategyPrice = z.infer<typeof StrategyPriceSchema>;

export const RenewStrategySchema = z.object({
  price: StrategyPriceSchema,
  priceInUcents: nullableNumber,
  services: z.array(z.number()),
  servicesDetails: z.nullish(z.array(z.object({ serviceId: z.number(), serviceName: nullableString, serviceType: nullableString }))),
});
export type RenewStrategy = z.infer<typeof RenewStrategySchema>;

export const RenewDescriptionSchema = z.object({
  renewPeriod: z.string(),
  strategies: z.array(RenewStrategySchema),
});
export type RenewDescription = z.infer<typeof RenewDescriptionSchema>;
/** A renew description as the client hands it on: an unreadable strategy keeps its place, without a price. */
export interface RenewOffer {
  readonly renewPeriod: string;
  readonly strategies: ReadonlyArray<Omit<RenewStrategy, 'price'> & { readonly price: StrategyPrice | null }>;
}
export const RenewDescriptionListSchema = z.array(RenewDescriptionSchema);
/** What the client reads first: each strategy is then checked on its own, so one odd entry hides nothing. */
export const LooseRenewDescriptionListSchema = z.array(z.object({ renewPeriod: z.string(), strategies: z.array(z.unknown()) }));

/** The answer to POST /service/{id}/renew, and the shape of GET /me/order/{id}. */
export const OrderSchema = z.object({
  orderId: z.number(),
  date: nullableString,
  expirationDate: nullableString,
  pdfUrl: nullableString,
  url: nullableString,
  password: nullableString,
  priceWithTax: PriceSchema,
  priceWithoutTax: PriceSchema,
  tax: PriceSchema,
  retractionDate: nullableString,
});
export type Order = z.infer<typeof OrderSchema>;

/**
 * The answer to a dry run. No public source shows a real one; the schema says orderId is
 * a non-null long but a preview creates nothing, so 0, null and absence are all accepted,
 * and the id (like the links and password) is dropped: a preview is never an order.
 */
export const OrderPreviewSchema = z.object({
  orderId: z.nullish(z.number()),
  date: nullableString,
  expirationDate: nullableString,
  priceWithTax: PriceSchema,
  priceWithoutTax: PriceSchema,
  tax: PriceSchema,
  retractionDate: nullableString,
});
export type OrderPreview = Pick<Order, 'date' | 'expirationDate' | 'priceWithTax' | 'priceWithoutTax' | 'tax' | 'retractionDate'>;
/** billing.OrderDetail: one line of an order; `domain` names the service it is for. */
export const OrderDetailSchema = z.object({
  orderDetailId: nullableNumber,
  description: nullableString,
  domain: nullableString,
  detailType: nullableString,
  quantity: z.nullish(z.union([z.string(), z.number()])),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const ServerTimeSchema = z.number();

export const OrderStatusSchema = z.string();
export type OrderStatus = 'cancelled' | 'cancelling' | 'checking' | 'delivered' | 'delivering' | 'documentsRequested' | 'notPaid' | 'unknown';

export const RegisteredPaymentMeanListSchema = z.array(z.object({ paymentMean: z.string() }));

/** GET /me/order/{id}/paymentMethods (Beta): the registered methods this order accepts. */
export const OrderPaymentMethodsSchema = z.object({
  registered: z.nullish(z.array(z.number())),
  paymentMethods: z.nullish(z.array(z.unknown())),
});

/** GET /me/ovhAccount/{id}: only the balance matters here. */
export const OvhAccountSchema = z.object({
  ovhAccountId: nullableString,
  balance: z.object({ value: z.number(), currencyCode: nullableString }),
  isActive: z.nullish(z.boolean()),
});
export const StringListSchema = z.array(z.string());

export const PaymentMethodSchema = z.object({
  paymentMethodId: z.number(),
  paymentMeanId: nullableNumber,
  paymentType: z.string(),
  paymentSubType: nullableString,
  label: nullableString,
  description: nullableString,
  default: z.boolean(),
  status: z.string(),
  expirationDate: nullableString,
  icon: z.nullish(z.object({ name: nullableString })),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;
export const PaymentMethodListSchema = z.array(PaymentMethodSchema);

export const MeSchema = z.object({
  nichandle: z.string(),
  customerCode: nullableString,
  email: nullableString,
  firstname: nullableString,
  name: nullableString,
  organisation: nullableString,
  country: nullableString,
  language: nullableString,
  ovhSubsidiary: nullableString,
  currency: z.nullish(z.object({ code: z.string(), symbol: nullableString })),
});
export type Me = z.infer<typeof MeSchema>;

export const AccessRuleSchema = z.object({ method: z.string(), path: z.string() });
export type AccessRule = z.infer<typeof AccessRuleSchema>;

export const CredentialRequestSchema = z.object({
  validationUrl: z.string(),
  consumerKey: z.string(),
  state: z.string(),
});
export type CredentialRequest = z.infer<typeof CredentialRequestSchema>;

export const CurrentCredentialSchema = z.object({
  status: z.string(),
  rules: z.array(AccessRuleSchema),
  applicationId: nullableNumber,
  credentialId: nullableNumber,
  creation: nullableString,
  expiration: nullableString,
  lastUse: nullableString,
  ovhSupport: z.nullish(z.boolean()),
  allowedIPs: z.nullish(z.array(z.string())),
});
export type CurrentCredential = z.infer<typeof CurrentCredentialSchema>;

export const TimeSchema = z.number();
