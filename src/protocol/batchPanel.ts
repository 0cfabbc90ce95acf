import * as z from 'zod/mini';
import { fromWebview } from './fromWebview';
import { PaymentChoicesSchema } from './paymentChoices';

/*
 * The batch renew panel's message protocol, shared by the extension host and the webview.
 * As in the single panel, the webview only names choices: a row (by the key the host gave
 * it), an option key, a payment option index. Amounts, service and order ids and links
 * stay in the host; a compromised webview can order or pay nothing the user did not
 * confirm in a VS Code modal.
 */

const Key = z.string().check(z.maxLength(200));

export const BatchMessageSchema = fromWebview(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({ type: z.literal('setIncluded'), row: Key, value: z.boolean() }),
    z.strictObject({ type: z.literal('choose'), row: Key, option: Key }),
    z.strictObject({ type: z.literal('previewAll') }),
    z.strictObject({ type: z.literal('placeOrders') }),
    z.strictObject({ type: z.literal('checkAgain'), row: Key }),
    z.strictObject({ type: z.literal('stopBatch') }),
    z.strictObject({ type: z.literal('selectPayment'), optionId: Key }),
    z.strictObject({ type: z.literal('payAll') }),
    z.strictObject({ type: z.literal('payLater') }),
    z.strictObject({ type: z.literal('retryRow'), row: Key }),
    z.strictObject({ type: z.literal('openLink'), row: Key }),
    z.strictObject({ type: z.literal('openPanel'), row: Key }),
  ]),
);
export type BatchMessage = z.infer<typeof BatchMessageSchema>;

const Text = z.string();
const OptionalText = z.optional(z.string());

/** Where a row stands; the result table shows one of these per service. */
export const ROW_STATUSES = [
  'loading',
  'blocked',
  'excluded',
  'ready',
  'covered',
  'conflict',
  'previewing',
  'previewed',
  'previewFailed',
  'placing',
  'ordered',
  'refused',
  'uncertain',
  'elsewhere',
  'notAttempted',
  'paying',
  'payFailed',
  'payUncertain',
  'paid',
  'delivered',
  'ended',
] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const BatchRowSchema = z.object({
  key: Key,
  name: Text,
  typeLabel: Text,
  expiryText: Text,
  included: z.boolean(),
  /** False for blocked rows and once the row has an order: the checkbox is off. */
  canChange: z.boolean(),
  options: z.array(z.object({ key: Key, label: Text, priceText: Text, perMonthText: Text, cheapestPerMonth: z.boolean(), renewsMore: z.boolean() })),
  chosenKey: OptionalText,
  status: z.enum(ROW_STATUSES),
  statusText: Text,
  /** Price with tax of the dry run, once previewed. */
  withTaxText: OptionalText,
  newExpiryText: OptionalText,
  errorText: OptionalText,
  orderId: z.optional(z.number()),
  canRetry: z.boolean(),
  canCheckAgain: z.boolean(),
  hasOrderLink: z.boolean(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

export const BatchStateSchema = z.object({
  phase: z.enum(['loading', 'choosing', 'previewing', 'previewed', 'confirmingOrders', 'ordering', 'paused', 'ordered', 'confirmingPay', 'paying', 'done']),
  progress: z.optional(z.object({ done: z.number(), total: z.number() })),
  rows: z.array(BatchRowSchema),
  /** One line per currency: never added across currencies. */
  totals: z.array(Text),
  payment: z.optional(PaymentChoicesSchema),
  canPreview: z.boolean(),
  canOrder: z.boolean(),
  canPay: z.boolean(),
  notice: OptionalText,
  error: OptionalText,
});
export type BatchState = z.infer<typeof BatchStateSchema>;

/** What the webview saves with setState and the serializer revalidates after a reload. */
export const BatchSavedSchema = z.strictObject({
  accountId: z.string().check(z.maxLength(100)),
  batchId: z.string().check(z.maxLength(100), z.regex(/^[a-z0-9-]+$/)),
});
export type BatchSaved = z.infer<typeof BatchSavedSchema>;

export const BatchHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), strings: z.record(z.string(), z.string()), locale: z.string(), saved: BatchSavedSchema }),
  z.object({ type: z.literal('state'), state: BatchStateSchema }),
]);
export type BatchHostMessage = z.infer<typeof BatchHostMessageSchema>;

/** Every fixed text the batch webview shows, in English; the host sends them translated. */
export const BATCH_STRINGS = {
  title: 'Renew several services',
  loading: 'Loading renewal options…',
  include: 'Include',
  service: 'Service',
  expiry: 'Expires',
  option: 'Renewal',
  price: 'Price with tax',
  status: 'Status',
  cheapest: 'cheapest per month',
  previewAll: 'Preview all',
  placeOrders: 'Place orders…',
  payAll: 'Pay all…',
  payLater: 'Pay later',
  paymentMethod: 'Payment method',
  total: 'Total with tax',
  retry: 'Retry',
  checkAgain: 'Check again',
  stop: 'Stop the batch',
  openOrder: 'Order {0}',
  openPanel: 'Open panel',
  month: 'month',
} as const;
