import * as z from 'zod/mini';
import { fromWebview } from './fromWebview';

/*
 * The renewal outlook's message protocol, shared by the extension host and the webview.
 * The host sends every text already formatted (amounts, months, names) and the numbers the
 * chart needs for its geometry; the webview names what the user chose (a span, a
 * currency, a month, an opaque service token) and the host maps that back to a service.
 */

const Token = z.string().check(z.maxLength(40));
const Month = z.string().check(z.regex(/^\d{4}-\d{2}$/));
const Kind = z.enum(['automatic', 'manual', 'ending']);

export const OutlookWebviewMessageSchema = fromWebview(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({ type: z.literal('setSpan'), span: z.union([z.literal(12), z.literal(36)]) }),
    z.strictObject({ type: z.literal('setCurrency'), currency: z.string().check(z.regex(/^[A-Za-z/]{1,10}$/)) }),
    z.strictObject({ type: z.literal('selectMonth'), month: Month }),
    z.strictObject({ type: z.literal('openService'), token: Token }),
  ]),
);
export type OutlookWebviewMessage = z.infer<typeof OutlookWebviewMessageSchema>;

const Text = z.string();

export const OutlookMonthSchema = z.object({
  month: Month,
  label: Text,
  shortLabel: Text,
  /** Sum of the segments, in currency units: for the chart's scale only. */
  total: z.number(),
  totalText: Text,
  count: z.number(),
  segments: z.array(z.object({ kind: Kind, typeLabel: Text, value: z.number(), text: Text, count: z.number() })),
  /** Per kind, for the text table. */
  byKind: z.object({ automatic: Text, manual: Text, ending: Text }),
});
export type OutlookMonthView = z.infer<typeof OutlookMonthSchema>;

export const OutlookStateSchema = z.object({
  phase: z.enum(['loading', 'empty', 'ready']),
  span: z.union([z.literal(12), z.literal(36)]),
  currency: z.optional(Text),
  currencies: z.array(z.object({ code: Text, label: Text })),
  months: z.array(OutlookMonthSchema),
  /** The value axis, as niceAxis() computes it from the largest month, with formatted labels. */
  ticks: z.array(z.object({ value: z.number(), text: Text })),
  totals: z.array(z.object({ label: Text, text: Text })),
  notes: z.array(Text),
  selected: z.optional(
    z.object({
      month: Month,
      label: Text,
      services: z.array(z.object({ token: Token, name: Text, typeLabel: Text, dateText: Text, amountText: Text, kind: Kind, kindLabel: Text })),
    }),
  ),
  /** Every label the webview shows, already translated. */
  strings: z.object({
    title: Text,
    chartLabel: Text,
    span12: Text,
    span36: Text,
    currency: Text,
    automatic: Text,
    manual: Text,
    ending: Text,
    total: Text,
    month: Text,
    tableCaption: Text,
    servicesIn: Text,
    noCharges: Text,
    loading: Text,
    empty: Text,
    barHint: Text,
    openHint: Text,
  }),
});
export type OutlookState = z.infer<typeof OutlookStateSchema>;

/** What the webview saves with setState and the serializer revalidates after a reload: what the user chose. */
export const OutlookSavedSchema = z.strictObject({
  span: z.union([z.literal(12), z.literal(36)]),
  currency: z.optional(z.string().check(z.regex(/^[A-Za-z/]{1,10}$/))),
  month: z.optional(Month),
});
export type OutlookSaved = z.infer<typeof OutlookSavedSchema>;

export const OutlookHostMessageSchema = z.object({ type: z.literal('state'), state: OutlookStateSchema });
export type OutlookHostMessage = z.infer<typeof OutlookHostMessageSchema>;
