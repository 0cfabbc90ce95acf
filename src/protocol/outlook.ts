import * as z from 'zod/mini';
import { fromWebview } from './fromWebview';

/*
 * The renewal outlook's message protocol, shared by the extension host and the webview.
 * The host sends every text already formatted (amounts, months, names) and the chart already
 * laid out; the webview names what the user chose (a span, a currency, a month, an opaque
 * service token) and the host maps that back to a service.
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
  /** Sum of the segments, in currency units. */
  total: z.number(),
  totalText: Text,
  count: z.number(),
  segments: z.array(z.object({ kind: Kind, typeLabel: Text, value: z.number(), text: Text, count: z.number() })),
  /** Per kind, for the text table. */
  byKind: z.object({ automatic: Text, manual: Text, ending: Text }),
});
export type OutlookMonthView = z.infer<typeof OutlookMonthSchema>;

/**
 * The bar chart as the host laid it out, in the SVG's own units (its viewBox, which the
 * webview scales to the panel's width): the webview draws these numbers as they are.
 */
export const OutlookChartSchema = z.object({
  width: z.number(),
  height: z.number(),
  /** Where the bars stand: the grid lines span its width, the bars stand on its bottom. */
  plot: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
  /** The value axis from 0, bottom up: each line's y and its formatted amount. */
  ticks: z.array(z.object({ y: z.number(), text: Text })),
  /** One bar per month, in the order of `months`; its segments in the order of the month's segments, stacked upwards. */
  bars: z.array(z.object({ x: z.number(), width: z.number(), segments: z.array(z.object({ y: z.number(), height: z.number() })) })),
});
export type OutlookChart = z.infer<typeof OutlookChartSchema>;

export const OutlookStateSchema = z.object({
  phase: z.enum(['loading', 'empty', 'ready']),
  span: z.union([z.literal(12), z.literal(36)]),
  currency: z.optional(Text),
  currencies: z.array(z.object({ code: Text, label: Text })),
  months: z.array(OutlookMonthSchema),
  chart: OutlookChartSchema,
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
