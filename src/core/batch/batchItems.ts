import type { Order, OrderPaymentMethod } from '../../ovh';
import type { BatchState } from '../../protocol/batchPanel';
import { batchTotals, NO_CURRENCY, priceUcents, resolveCoverage, type Coverage } from '../../renewal';
import { formatMoney } from '../../format';
import type { Translate } from '../../translate';
import { isSettled, batchStateOf, RETRYABLE, rowStateAfter, type BatchStep, type RowState } from './batchSteps';
import type { PanelFormat } from '../orders/panelFormat';
import { paymentChoices } from '../orders/paymentChoices';
import type { RenewSession } from '../orders/renewSession';

/**
 * The batch's items (one per selected service, each with its own renew session) and the
 * pure questions the batch asks of them: which would place an order, what the totals are,
 * what the webview shows.
 */
export interface BatchItem {
  readonly key: string;
  readonly serviceId: number;
  readonly session: RenewSession;
  included: boolean;
  chosenKey: string | undefined;
  state: RowState;
  errorText: string | undefined;
  /** The services its order renews, from the moment it is attempted. */
  claims: readonly number[];
}

/** Which item's order renews which service: a bundle chosen for one covers the others. */
export function coverageOf(items: readonly BatchItem[]): Coverage[] {
  return resolveCoverage(
    items.map((item) => {
      if (isSettled(item.state))
        return { serviceId: item.serviceId, fixed: true, chosen: { services: item.claims.length > 0 ? item.claims : [item.serviceId] } };
      const usable = item.included && (item.state.kind === 'ready' || item.state.kind === 'previewing' || item.state.kind === 'previewed');
      const option = usable ? item.session.optionRows.find((candidate) => candidate.key === item.chosenKey) : undefined;
      return { serviceId: item.serviceId, chosen: option ? { services: option.services } : undefined };
    }),
  );
}

/** Included items that would place an order of their own, and have none yet. */
export function orderableItems(items: readonly BatchItem[]): BatchItem[] {
  const coverage = coverageOf(items);
  return items.filter(
    (item, index) =>
      item.included &&
      coverage[index]?.kind === 'orders' &&
      !isSettled(item.state) &&
      (item.state.kind === 'ready' || item.state.kind === 'previewed' || RETRYABLE.has(item.state.kind)),
  );
}

/** Items whose order exists and waits for payment. */
export function unpaidItems(items: readonly BatchItem[]): BatchItem[] {
  return items.filter((item) => item.state.kind === 'ordered' || item.state.kind === 'payFailed');
}

/** The state of an item that met another window's work, or whose delivery is followed, once its session moved on. */
export function followedState(item: BatchItem, hasEntry: () => boolean): RowState {
  const step = item.session.currentStep;
  if (item.state.kind === 'elsewhere' && step.kind !== 'elsewhere' && step.kind !== 'loading')
    return step.kind === 'choosing' ? { kind: 'ready' } : rowStateAfter(step, hasEntry(), false);
  if (item.state.kind === 'paid' && step.kind === 'ended') return rowStateAfter(step, false, false);
  return item.state;
}

/** The error its session shows, as one line for the table. */
export function itemError(item: BatchItem): string | undefined {
  const error = item.session.current.error;
  return error ? [error.explanation, error.nextStep].filter(Boolean).join(' ') : undefined;
}

export function itemName(item: BatchItem): string {
  return item.session.serviceSummary?.displayName ?? `#${item.serviceId}`;
}

export function changeable(item: BatchItem): boolean {
  return !isSettled(item.state) && item.state.kind !== 'blocked' && item.state.kind !== 'loading';
}

/** Amounts summed per currency and formatted. */
export function sumPrices(prices: ReadonlyArray<Order['priceWithTax']>, locale: string): string[] {
  return batchTotals(prices.map((price) => ({ ucents: priceUcents(price), currencyCode: price.currencyCode ?? NO_CURRENCY }))).map((money) =>
    formatMoney(money.ucents, money.currencyCode, locale),
  );
}

/** The previewed prices of the items about to be ordered. */
export function previewedPrices(items: readonly BatchItem[]): Array<Order['priceWithTax']> {
  return items.flatMap((item) => (item.state.kind === 'previewed' ? [item.state.preview.priceWithTax] : []));
}

/** The table's totals: previewed prices of the items about to be ordered, real prices of the created orders. */
export function tableTotals(items: readonly BatchItem[], locale: string): string[] {
  const orderable = new Set(orderableItems(items));
  const prices = items.flatMap((item) => {
    if ('known' in item.state) return [item.state.known.order.priceWithTax];
    return item.state.kind === 'previewed' && orderable.has(item) ? [item.state.preview.priceWithTax] : [];
  });
  return sumPrices(prices, locale);
}

export interface BatchExtras {
  readonly format: PanelFormat;
  readonly t: Translate;
  readonly locale: string;
  readonly payOptions: readonly OrderPaymentMethod[];
  readonly selectedPayment: string | undefined;
  readonly progress: BatchState['progress'];
  readonly notice: string | undefined;
  readonly error: string | undefined;
}

/** Pure: what the webview shows for the batch. */
export function batchView(step: BatchStep, items: readonly BatchItem[], extras: BatchExtras): BatchState {
  const coverage = coverageOf(items);
  const rows = items.map((item, index) => ({
    ...item,
    summary: item.session.serviceSummary,
    options: item.session.optionRows,
    coverage: coverage[index] as Coverage,
  }));
  const payment =
    extras.payOptions.length === 0 ? undefined : { ...paymentChoices(extras.payOptions, extras.t, extras.format), selectedId: extras.selectedPayment };
  return batchStateOf(step, {
    format: extras.format,
    t: extras.t,
    rows,
    payment,
    progress: extras.progress,
    notice: extras.notice,
    error: extras.error,
    totals: tableTotals(items, extras.locale),
  });
}
