import * as z from 'zod/mini';
import { fromWebview } from './fromWebview';
import { PaymentChoicesSchema } from './paymentChoices';

/*
 * The renew panel's message protocol, shared by the extension host and the webview.
 * The webview only ever names a choice (a row key, a payment option id); amounts,
 * services, order ids and links stay in the host, so a compromised webview cannot
 * make the host order or pay anything the user did not see and confirm in VS Code.
 */

const Key = z.string().check(z.maxLength(200));

export const RenewPanelMessageSchema = fromWebview(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({ type: z.literal('retry') }),
    z.strictObject({ type: z.literal('setIncludeOptions'), value: z.boolean() }),
    z.strictObject({ type: z.literal('select'), key: Key }),
    z.strictObject({ type: z.literal('preview') }),
    z.strictObject({ type: z.literal('placeOrder') }),
    z.strictObject({ type: z.literal('selectPayment'), optionId: Key }),
    z.strictObject({ type: z.literal('pay') }),
    z.strictObject({ type: z.literal('openLink'), which: z.enum(['order', 'pdf']) }),
    // Opens the renew settings of this panel's service (questions and confirmation in VS Code).
    z.strictObject({ type: z.literal('renewSettings') }),
  ]),
);
export type RenewPanelMessage = z.infer<typeof RenewPanelMessageSchema>;

const Text = z.string();
const OptionalText = z.optional(z.string());

export const RowSchema = z.object({
  key: Key,
  periodLabel: Text,
  months: z.number(),
  services: z.array(z.object({ name: Text, type: Text, isThisService: z.boolean() })),
  totalText: Text,
  perMonthText: Text,
  totalUcents: z.number(),
  perMonthUcents: z.number(),
  newExpiryText: Text,
  /** Set when the new expiry counts from an expiry already past: says from what, and how soon it comes. */
  expiryNoteText: OptionalText,
  cheapestPerMonth: z.boolean(),
  /** What this period saves or costs against the shortest one (neutral when the same per month). */
  versusShortestText: OptionalText,
  renewsMore: z.boolean(),
});
export type Row = z.infer<typeof RowSchema>;

export const RenewPanelStateSchema = z.object({
  service: z.object({ serviceId: z.number(), displayName: Text, typeLabel: Text, expiryText: Text }),
  includeOptions: z.boolean(),
  phase: z.enum(['loading', 'empty', 'error', 'ready']),
  rows: z.array(RowSchema),
  selectedKey: OptionalText,
  busy: z.optional(z.enum(['loading', 'preview', 'order', 'pay', 'tracking', 'recovering'])),
  preview: z.optional(
    z.object({
      key: Key,
      periodLabel: Text,
      servicesText: Text,
      withoutTaxText: Text,
      taxText: Text,
      withTaxText: Text,
      newExpiryText: Text,
      expiryNoteText: OptionalText,
    }),
  ),
  order: z.optional(
    z.object({
      orderId: z.number(),
      withTaxText: Text,
      retractionText: OptionalText,
      statusLabel: Text,
      paid: z.boolean(),
      delivered: z.boolean(),
      hasOrderLink: z.boolean(),
      hasPdfLink: z.boolean(),
      newExpiryText: OptionalText,
      /** What the order buys, kept visible once ordered: services, period, expected expiry. */
      servicesText: OptionalText,
      periodText: OptionalText,
      expectedExpiryText: OptionalText,
    }),
  ),
  payment: z.optional(
    z.extend(PaymentChoicesSchema, {
      /** A payment was sent and OVH does not show it yet: the button says Pay again. */
      again: z.optional(z.boolean()),
    }),
  ),
  error: z.optional(z.object({ explanation: Text, nextStep: Text, details: OptionalText })),
  notice: OptionalText,
});
export type RenewPanelState = z.infer<typeof RenewPanelStateSchema>;

/** What the webview saves with setState and the serializer revalidates after a reload. */
export const SavedStateSchema = z.strictObject({
  accountId: z.string().check(z.maxLength(100)),
  serviceId: z.number().check(z.int(), z.positive()),
  sort: z.optional(z.enum(['total', 'perMonth'])),
});
export type SavedState = z.infer<typeof SavedStateSchema>;

export const RenewHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), strings: z.record(z.string(), z.string()), locale: z.string(), saved: SavedStateSchema }),
  z.object({ type: z.literal('state'), state: RenewPanelStateSchema }),
]);
export type RenewHostMessage = z.infer<typeof RenewHostMessageSchema>;

/**
 * Every text the webview shows, in English. The host translates each with
 * vscode.l10n.t and sends the result in the init message.
 */
export const PANEL_STRINGS = {
  title: 'Renew {0}',
  renewSettings: 'Renew Settings…',
  loading: 'Loading renewal options…',
  emptyTitle: 'This service cannot be renewed manually',
  emptyBody: 'OVHcloud offers no manual renewal for it (for example, it renews automatically or has ended).',
  errorTitle: 'Something went wrong',
  retry: 'Try again',
  includeOptions: 'Include options',
  sortBy: 'Sort by',
  sortTotal: 'Total price',
  sortPerMonth: 'Price per month',
  period: 'Period',
  renews: 'Renews',
  price: 'Price',
  perMonth: 'Per month',
  newExpiry: 'New expiry',
  cheapest: 'Cheapest per month',
  renewsMore: 'Also renews other services',
  thisService: 'this service',
  currentExpiry: 'Current expiry: {0}',
  previewOrder: 'Preview order',
  previewTitle: 'Order preview (nothing is ordered yet)',
  withoutTax: 'Without tax',
  tax: 'Tax',
  withTax: 'Total with tax',
  placeOrder: 'Place order…',
  orderTitle: 'Order {0}',
  orderWhat: 'Renews {0} for {1}. New expiry: {2}',
  orderStatus: 'Status',
  retraction: 'Withdrawal possible until {0}',
  openOrder: 'Open order page',
  openPdf: 'Open PDF',
  paymentTitle: 'Pay this order',
  pay: 'Pay…',
  payAgain: 'Pay again…',
  delivered: 'Renewed. New expiry: {0}',
  working: 'Working…',
  chooseStrategy: 'Choose a renewal option',
  defaultMethod: 'default',
  buyingTitle: 'What you are buying',
  announcePreview: 'Order preview ready: {0} with tax. Next: Place order.',
  announceOrder: 'Order {0} created: {1} with tax. Next: choose how to pay, then Pay.',
  announceStatus: 'Order {0}: {1}.',
  optionLabel: '{0}, {1}, new expiry {2}',
} as const;
export type PanelStringKey = keyof typeof PANEL_STRINGS;
