import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BatchSession, type BatchDeps } from '../../../src/core/batch/batchSession';
import { JournalFiles } from '../../../src/storage/journalFiles';
import { LeaseFiles } from '../../../src/core/orders/leaseFiles';
import { OrderJournal } from '../../../src/core/orders/orderJournal';
import type { BatchMessage, BatchState } from '../../../src/protocol/batchPanel';
import { FakeOvh, SERVICES, type FakeService } from './fakeOvh';
import { english } from './sessionWorld';

/** Ten domains besides the fake's alpha, beta and beta's hosting: a month-end batch. */
export const MANY: readonly FakeService[] = [
  ...SERVICES,
  ...Array.from({ length: 9 }, (_, index): FakeService => ({
    serviceId: 11 + index,
    name: `site${index + 1}.fr`,
    type: 'DOMAIN',
    strategies: [{ services: [11 + index], price: 8 + index }],
  })),
];

export interface Modal {
  readonly message: string;
  readonly detail: string;
  readonly action: string;
}

/** One OVH, one storage folder shared by every batch and panel, a scripted user. */
export class BatchWorld {
  readonly ovh = new FakeOvh(MANY);
  readonly storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-renew-batch-'));
  readonly identity = 'ovh-eu/ab12345-ovh';
  readonly modals: Modal[] = [];
  /** The answers to the next modals, in order; true when none is left. */
  readonly answers: boolean[] = [];
  renewedCalls = 0;
  private count = 0;

  dispose(): void {
    fs.rmSync(this.storageDir, { recursive: true, force: true });
  }

  journal(): OrderJournal {
    return new OrderJournal(new JournalFiles(path.join(this.storageDir, 'order-journal')), () => this.identity);
  }

  /** A batch over these services, loaded. `batchId` again is a reloaded window. */
  async open(serviceIds: readonly number[], batchId = `batch-${++this.count}`): Promise<Batch> {
    const states: BatchState[] = [];
    const api = this.ovh.api();
    const leases = new LeaseFiles(
      path.join(this.storageDir, 'leases'),
      () => 60_000,
      () => this.ovh.clockMs,
    );
    const deps: BatchDeps = {
      accountId: 'account-1',
      identity: this.identity,
      batchId,
      services: serviceIds.map((serviceId) => ({ serviceId, summary: this.ovh.summary(serviceId) })),
      owner: `window/${batchId}`,
      api: async () => api,
      journal: this.journal(),
      leases,
      // Rows follow another window's work, polling the lease files every 5 ms of real time.
      whenLeasesFree: (keys, self, stop) => leases.whenFree(keys, self, stop, 5),
      records: new JournalFiles(path.join(this.storageDir, 'order-journal')),
      confirm: async (message, detail, action) => {
        this.modals.push({ message, detail, action });
        return this.answers.shift() ?? true;
      },
      openExternal: async () => undefined,
      openPanel: async () => undefined,
      t: english,
      locale: 'en',
      now: () => this.ovh.now(),
      sleep: (ms) => this.ovh.sleep(ms),
      requestTimeoutMs: 20_000,
      statusPollMs: 0,
      log: { info: () => undefined, warn: () => undefined },
      onState: (state) => states.push(state),
      onRenewed: () => this.renewedCalls++,
    };
    const session = new BatchSession(deps);
    await session.start();
    return new Batch(session, states);
  }
}

export class Batch {
  constructor(
    readonly session: BatchSession,
    readonly states: BatchState[],
  ) {}

  get state(): BatchState {
    return this.session.current;
  }

  get step(): string {
    return this.session.currentStep.kind;
  }

  row(serviceId: number): BatchState['rows'][number] {
    const row = this.state.rows.find((candidate) => candidate.key === String(serviceId));
    if (!row) throw new Error(`No row ${serviceId}`);
    return row;
  }

  statuses(): Record<string, string> {
    return Object.fromEntries(this.state.rows.map((row) => [row.key, row.status]));
  }

  handle(message: BatchMessage): Promise<void> {
    return this.session.handle(message);
  }
}
