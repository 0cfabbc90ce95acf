import * as z from 'zod/mini';
import type { Order } from '../../ovh';
import type { RowState, RowStateKind } from './batchSteps';
import type { BatchItem } from './batchItems';
import type { KnownOrder } from '../orders/renewSteps';
import type { JournalStore } from '../orders/orderJournal';

/**
 * What a batch remembers beside the order journal, so that a reloaded window shows the
 * same result table: which services it holds, each row's choice, and the outcome of rows
 * the journal no longer holds (it forgets an order once delivered, and never held a
 * refused or unattempted row). Orders still in progress are taken from the journal, which
 * stays the source of truth. Stored in the journal's folder, under its own prefix. No
 * secrets: order links carry a password and are fetched again when opened.
 */

const PREFIX = 'ovhcloud.batch.';

const OrderSchema = z.object({
  orderId: z.number(),
  date: z.optional(z.nullable(z.string())),
  expirationDate: z.optional(z.nullable(z.string())),
  priceWithTax: z.object({ value: z.number(), currencyCode: z.optional(z.string()), text: z.optional(z.string()) }),
});

const RowRecordSchema = z.object({
  serviceId: z.number(),
  included: z.boolean(),
  chosenKey: z.optional(z.string()),
  /** The outcome as last proven: only final ones are shown as recorded after a reload. */
  outcome: z.optional(z.enum(['refused', 'notAttempted', 'ordered', 'paid', 'delivered', 'ended', 'uncertain', 'payUncertain', 'payFailed', 'elsewhere'])),
  order: z.optional(OrderSchema),
  status: z.optional(z.string()),
  errorText: z.optional(z.string()),
});
export type RowRecord = z.infer<typeof RowRecordSchema>;

/**
 * The outcome recorded for each row state, checked by the compiler against the schema: a
 * state the schema does not know would make the whole record unreadable after a reload.
 * A row caught while its order request is in flight is recorded as uncertain; a paying row
 * as ordered (its payment is followed from the journal); rows with nothing proven, and
 * rows another window is ordering (its own panel follows them), none.
 */
export const RECORDED_OUTCOME: Readonly<Record<RowStateKind, RowRecord['outcome']>> = {
  loading: undefined,
  blocked: undefined,
  ready: undefined,
  previewing: undefined,
  previewed: undefined,
  previewFailed: undefined,
  placing: 'uncertain',
  refused: 'refused',
  uncertain: 'uncertain',
  elsewhere: undefined,
  notAttempted: 'notAttempted',
  ordered: 'ordered',
  paying: 'ordered',
  payFailed: 'payFailed',
  payUncertain: 'payUncertain',
  paid: 'paid',
  delivered: 'delivered',
  ended: 'ended',
};

const BatchRecordSchema = z.object({
  id: z.string(),
  identity: z.string(),
  accountId: z.string(),
  createdAt: z.string(),
  rows: z.array(RowRecordSchema),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

/** Only what the table shows of an order: never its links or password. */
export function recordedOrder(order: Order): RowRecord['order'] {
  return { orderId: order.orderId, date: order.date ?? null, expirationDate: order.expirationDate ?? null, priceWithTax: { ...order.priceWithTax } };
}

export class BatchRecords {
  constructor(private readonly store: JournalStore) {}

  get(id: string): BatchRecord | undefined {
    const parsed = BatchRecordSchema.safeParse(this.store.get(PREFIX + id));
    return parsed.success ? parsed.data : undefined;
  }

  /** Writes still landing, in the order they were asked for. */
  private pending: Promise<void> = Promise.resolve();

  /**
   * One write after the other: a batch saves each of several deliveries at once, and the
   * latest state must be the one left on disk, whatever write a loaded disk finishes first.
   */
  write(record: BatchRecord): Promise<void> {
    const written = this.pending.then(() => this.store.update(PREFIX + record.id, record));
    this.pending = written.catch(() => undefined);
    return written;
  }

  async remove(id: string): Promise<void> {
    await this.store.update(PREFIX + id, undefined);
  }
}

/** What is recorded of each item: its choice and, once proven, its outcome and order. */
export function recordItems(items: readonly BatchItem[]): RowRecord[] {
  return items.map((item) => {
    const known = 'known' in item.state ? item.state.known : undefined;
    return {
      serviceId: item.serviceId,
      included: item.included,
      chosenKey: item.chosenKey,
      outcome: RECORDED_OUTCOME[item.state.kind],
      order: known ? recordedOrder(known.order) : undefined,
      status: known?.status,
      errorText: item.errorText,
    };
  });
}

/**
 * The row state a recorded outcome stands for after a reload, when the journal no longer holds
 * the item's order: without a journal entry an attempt has ended, and what it did is no
 * longer known here.
 */
export function restoredState(recorded: RowRecord, identity: string): RowState {
  const order = recorded.order as Order | undefined;
  const known: KnownOrder | undefined = order
    ? {
        order,
        status: recorded.status ?? 'unknown',
        entry: {
          id: `recorded-${recorded.serviceId}`,
          identity,
          serviceId: recorded.serviceId,
          services: [recorded.serviceId],
          serviceNames: [],
          intentKey: '',
          duration: '',
          state: 'unpaid',
          withTaxValue: order.priceWithTax.value,
          startedAt: '',
        },
      }
    : undefined;
  const outcome = recorded.outcome;
  if (known && (outcome === 'delivered' || outcome === 'ended' || outcome === 'paid')) return { kind: outcome, known };
  if (known) return { kind: 'ended', known };
  return outcome === 'refused' ? { kind: 'refused' } : { kind: 'notAttempted' };
}
