import * as vscode from 'vscode';
import * as z from 'zod/mini';

/**
 * Orders the user placed here and has not paid yet, and orders being placed right
 * now, per account. It survives window reloads (globalState; no secrets: order
 * links carry a password, so they are fetched again when needed, never stored).
 * It is what lets every panel and the tree offer "Pay" for an existing order
 * instead of creating a second one.
 */
const KEY = 'ovhcloud.pendingOrders';

const RecordSchema = z.object({
  accountId: z.string(),
  serviceId: z.number(),
  /** Row key: period + services, what the user chose. */
  intentKey: z.string(),
  duration: z.string(),
  services: z.array(z.number()),
  /** 'placing' until OVH answered the POST: after a crash it means "go and look". */
  state: z.enum(['placing', 'unpaid', 'paying']),
  orderId: z.optional(z.number()),
  withTaxText: z.string(),
  withTaxValue: z.number(),
  startedAt: z.string(),
});
export type PendingOrder = z.infer<typeof RecordSchema>;

export class PendingOrders implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  dispose(): void {
    this.changed.dispose();
  }

  all(): PendingOrder[] {
    const raw = this.memento.get<unknown[]>(KEY, []);
    return (Array.isArray(raw) ? raw : []).flatMap((entry) => {
      const parsed = RecordSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }

  forService(accountId: string, serviceId: number): PendingOrder | undefined {
    return this.all().find((order) => order.accountId === accountId && (order.serviceId === serviceId || order.services.includes(serviceId)));
  }

  async upsert(order: PendingOrder): Promise<void> {
    const others = this.all().filter((other) => !(other.accountId === order.accountId && other.serviceId === order.serviceId));
    await this.memento.update(KEY, [...others, order]);
    this.changed.fire();
  }

  async remove(accountId: string, serviceId: number): Promise<void> {
    await this.memento.update(
      KEY,
      this.all().filter((order) => !(order.accountId === accountId && order.serviceId === serviceId)),
    );
    this.changed.fire();
  }
}
