import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Scheduler } from 'fast-check';
import { JournalFiles } from '../../src/storage/journalFiles';
import { LeaseFiles } from '../../src/core/orders/leaseFiles';
import { OrderJournal } from '../../src/core/orders/orderJournal';
import { SimOvh, type Origin } from './simOvh';
import { context, SimStorage } from './simStorage';

/**
 * The world a program runs in: one simulated OVH account, a clock, a storage folder on
 * disk shared by up to three windows, the user's dialogs. Every wait of the code under
 * test (an OVH call, a sleep) is a task of fast-check's scheduler; the runner releases
 * one task at a time and lets the file operations it starts finish before the next, so a
 * program and its scheduler seed replay exactly.
 */

export const IDENTITY = 'ovh-eu/ab12345-ovh';
export const REQUEST_TIMEOUT_MS = 20_000;
export const WINDOWS = ['A', 'B', 'C'] as const;
export type WindowName = (typeof WINDOWS)[number];

export interface Modal {
  readonly id: number;
  readonly window: string;
  readonly view: string;
  readonly action: string;
  readonly text: string;
  /** OVH's event count when it opened. */
  readonly openedSeq: number;
  /** Orders it names that OVH had already been paid for, or was receiving a payment for, when it opened. */
  readonly alreadyPaying: readonly number[];
  /**
   * Orders it offers to pay again, warning that an earlier payment may still go through, while no
   * payment of theirs had been answered with success and none was in flight: the user's informed choice.
   */
  readonly warnedAgain: readonly number[];
  answer?: boolean;
  resolve: (yes: boolean) => void;
}

/** What OVH and the storage folder held for one service at one moment, read by the model itself (never through the code under test). */
export interface ServiceTruth {
  /** Renewal orders our windows created for it that are not over (not delivered, not expired unpaid). */
  readonly ourOpen: readonly number[];
  /** The journal files that name it (the entry's service or one its order renews): their state and order. */
  readonly entries: ReadonlyArray<{ readonly state: string; readonly orderId?: number }>;
  /**
   * Journal files that cannot be read as an entry (left empty by a power cut mid-write) and
   * were, by what they held or were being given, about this service (or of unknown content).
   */
  readonly unreadable: number;
}

/** A settings change a window asked to confirm, with what was true when its dialog opened. */
export interface SettingsAsked {
  readonly modal: Modal;
  readonly serviceId: number;
  readonly change: 'stopAtExpiry' | 'automatic';
  readonly truth: ServiceTruth;
}

interface RawEntry {
  readonly identity?: unknown;
  readonly serviceId: number;
  readonly services: readonly unknown[];
  readonly state?: unknown;
  readonly orderId?: unknown;
}

function asEntry(raw: unknown): RawEntry | undefined {
  const entry = raw as Partial<RawEntry> | null | undefined;
  return typeof entry === 'object' && entry !== null && typeof entry.serviceId === 'number' && Array.isArray(entry.services) ? (entry as RawEntry) : undefined;
}

/** A journal entry of our account about this service (its own, or one its order renews). */
function names(entry: RawEntry, serviceId: number): boolean {
  return entry.identity === IDENTITY && (entry.serviceId === serviceId || entry.services.includes(serviceId));
}

export class WindowInstance {
  dead = false;
  /** A power cut at this window's next write, or at its n-th next write of a journal entry (a write then its rename count as one). */
  killAt: { readonly target: 'any' } | { readonly target: 'journal'; remaining: number } | undefined;
  constructor(
    readonly name: WindowName,
    readonly generation: number,
  ) {}
  get id(): string {
    return `${this.name}#${this.generation}`;
  }
}

export class World {
  // In memory where the system offers it: each journal write syncs the file and its folder, which a
  // disk makes slow, and the model cuts power by its own hooks, never by the disk.
  readonly dir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'ovh-money-model-'));
  readonly storage = new SimStorage(this.dir);
  readonly ovh: SimOvh;
  readonly modals: Modal[] = [];
  /** Every wait of the code under test, by view, with OVH's event count when it ended. */
  readonly waits: Array<{ readonly view: string; readonly ms: number; readonly seq: number }> = [];
  readonly windows = new Map<WindowName, WindowInstance>();
  /** Errors an action let escape (a raw crash of a session), for the report. */
  readonly escaped: string[] = [];
  /** The settings dialogs opened, with what was true then. */
  readonly settingsAsked: SettingsAsked[] = [];
  /** What happened to the storage folder, with OVH's event count then. */
  readonly damage: Array<{ readonly seq: number; readonly what: string }> = [];
  private readonly pending: Array<Promise<void>> = [];

  constructor(readonly scheduler: Scheduler) {
    this.ovh = new SimOvh({
      gate: (label) => this.gate(label),
      origin: () => this.origin(),
      hangIfDead: (origin) => this.hangIfDead(origin),
    });
    this.storage.hooks = {
      nowMs: () => this.ovh.clockMs,
      killHere: (window, file) => {
        const kill = this.instance(window)?.killAt;
        if (!kill) return false;
        if (kill.target === 'any') return true;
        if (!file.includes('order-journal') || !file.endsWith('.tmp')) return false;
        kill.remaining--;
        return kill.remaining <= 0;
      },
      damaged: (what) => this.damage.push({ seq: this.ovh.seq, what }),
      killed: (window) => {
        const instance = this.instance(window);
        if (instance) instance.dead = true;
      },
    };
    this.storage.install();
    this.installTimers();
    for (const name of WINDOWS) this.windows.set(name, new WindowInstance(name, 1));
  }

  private realSetTimeout: typeof setTimeout | undefined;

  /**
   * The renew session follows a paid order with followOrder's default clock (real
   * setTimeout): the only real timer of the money core. While a program runs, setTimeout
   * is a wait of the scheduler on the simulated clock, like every other sleep.
   */
  private installTimers(): void {
    this.realSetTimeout = globalThis.setTimeout;
    const fake = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      void this.sleep(ms ?? 0).then(() => callback(...args));
      return { ref: () => undefined, unref: () => undefined, hasRef: () => false, refresh: () => undefined, [Symbol.toPrimitive]: () => 0 };
    }) as unknown as typeof setTimeout;
    globalThis.setTimeout = fake;
  }

  dispose(): void {
    if (this.realSetTimeout) globalThis.setTimeout = this.realSetTimeout;
    this.storage.uninstall();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private instance(id: string): WindowInstance | undefined {
    return [...this.windows.values()].find((candidate) => candidate.id === id);
  }

  origin(): Origin {
    return context.getStore() ?? { window: 'outside', view: 'outside' };
  }

  gate(label: string): Promise<void> {
    return this.scheduler.schedule(Promise.resolve(), label);
  }

  async hangIfDead(origin: Origin): Promise<void> {
    const instance = [...this.windows.values()].find((candidate) => candidate.id === origin.window);
    const current = this.windows.get(origin.window.split('#')[0] as WindowName);
    if (instance?.dead || (current && current.id !== origin.window)) await new Promise<void>(() => undefined);
  }

  /** A wait of the code under test: the clock moves on when the scheduler lets it end. */
  async sleep(ms: number): Promise<void> {
    const origin = this.origin();
    const start = this.ovh.clockMs;
    await this.gate(`${origin.view} sleep ${ms}`);
    this.ovh.clockMs = Math.max(this.ovh.clockMs, start + ms);
    this.waits.push({ view: origin.view, ms, seq: this.ovh.seq });
    await this.hangIfDead(origin);
  }

  journal(): OrderJournal {
    return new OrderJournal(new JournalFiles(this.journalDir), () => IDENTITY);
  }

  get journalDir(): string {
    return path.join(this.dir, 'order-journal');
  }

  /** What OVH and the journal's folder hold now for a service (see ServiceTruth). */
  serviceTruth(serviceId: number): ServiceTruth {
    const ourOpen = [...this.ovh.orders.values()]
      .filter((order) => order.origin !== 'outside' && order.renewal && order.services.includes(serviceId) && this.ovh.isOpen(order))
      .map((order) => order.orderId);
    const entries: Array<{ state: string; orderId?: number }> = [];
    let unreadable = 0;
    for (const name of this.storage.listAsItIs(this.journalDir)) {
      if (!name.endsWith('.json')) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(path.join(this.journalDir, name), 'utf8'));
      } catch (error) {
        // Ended by a window since the listing: gone, not unreadable.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        raw = undefined;
      }
      const entry = asEntry(raw);
      if (!entry) {
        // The model knows what the power cut destroyed; the code does not.
        const lost = this.storage.lostContent.get(path.join(this.journalDir, name));
        let before: ReturnType<typeof asEntry>;
        try {
          before = lost === undefined ? undefined : asEntry(JSON.parse(lost));
        } catch {
          before = undefined;
        }
        if (!before || names(before, serviceId)) unreadable++;
        continue;
      }
      if (names(entry, serviceId)) entries.push({ state: String(entry.state), ...(typeof entry.orderId === 'number' ? { orderId: entry.orderId } : {}) });
    }
    return { ourOpen, entries, unreadable };
  }

  leases(): LeaseFiles {
    return new LeaseFiles(
      path.join(this.dir, 'leases'),
      () => 3 * REQUEST_TIMEOUT_MS,
      () => this.ovh.clockMs,
    );
  }

  /** Polls the leases on the simulated clock (the real whenFree waits on real timers). */
  async whenLeasesFree(leases: LeaseFiles, keys: readonly string[], owner: string, stop: () => boolean): Promise<void> {
    while (!stop()) {
      if (!(await leases.holder(keys, owner))) return;
      await this.sleep(1000);
    }
  }

  /** When each view's current user action began, on the simulated OVH's count of moments. */
  private readonly actedAt = new Map<string, number>();

  /** Every payment of the order so far went unanswered or got an unclear answer, and none is in flight. */
  private unclearPayment(orderId: number): boolean {
    const sent = this.ovh.payments.filter((payment) => payment.orderId === orderId);
    return sent.length > 0 && sent.every((payment) => payment.fault !== undefined) && (this.ovh.payInFlight.get(orderId) ?? 0) === 0;
  }

  /** A user starts an action in a view (a click: Pay, Pay All, Place Order…). */
  userActs(view: string): void {
    this.actedAt.set(view, ++this.ovh.moment);
  }

  /** A modal dialog: it stays open until the program (or the end of the program) answers it. */
  confirm(action: string, message: string, detail: string): Promise<boolean> {
    const origin = this.origin();
    const text = `${message}\n${detail}`;
    const named = [...text.matchAll(/\b(1248\d{5})\b/g)].map((match) => Number(match[1]));
    // Paid, or being paid, since before the user asked: the window had all that time to see it.
    // A payment another window starts while this one checks (both users clicked at about the
    // same moment) cannot be seen before the dialog; it is caught under the lease after it,
    // and "one payment per order" holds that to account.
    const askedAt = this.actedAt.get(origin.view) ?? Number.POSITIVE_INFINITY;
    const warnedAgain = /pay again/i.test(action) && /may still go through/.test(text) ? named.filter((orderId) => this.unclearPayment(orderId)) : [];
    const alreadyPaying = named.filter((orderId) => {
      const order = this.ovh.orders.get(orderId);
      const busy = order?.paidAtMs !== undefined || (this.ovh.payInFlight.get(orderId) ?? 0) > 0;
      return busy && !warnedAgain.includes(orderId) && (this.ovh.paySentAt.get(orderId) ?? 0) < askedAt && /pay/i.test(action);
    });
    return new Promise<boolean>((resolve) => {
      this.modals.push({
        id: this.modals.length + 1,
        window: origin.window,
        view: origin.view,
        action,
        text,
        openedSeq: this.ovh.seq,
        alreadyPaying,
        warnedAgain,
        resolve,
      });
    });
  }

  openModals(window?: string): Modal[] {
    return this.modals.filter((modal) => modal.answer === undefined && (window === undefined || modal.window === window));
  }

  answer(modal: Modal, yes: boolean): void {
    modal.answer = yes;
    modal.resolve(yes);
  }

  /** Starts a user action in a window: not awaited, it runs as the scheduler releases its waits. */
  start(window: WindowInstance, view: string, action: () => Promise<void>): void {
    if (window.dead) return;
    const run = context.run({ window: window.id, view }, () =>
      action().catch((error: unknown) => {
        this.escaped.push(`${view}: ${error instanceof Error ? error.message : String(error)}`);
      }),
    );
    this.pending.push(run);
  }

  /** Lets the file operations under way finish, and every continuation run up to its next wait. */
  async quiesce(): Promise<void> {
    do await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.storage.inFlight > 0);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Releases up to n scheduled waits, one at a time. */
  async step(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await this.quiesce();
      if (this.scheduler.count() === 0) break;
      await this.scheduler.waitOne();
    }
    await this.quiesce();
  }

  /**
   * Runs everything to its end: scheduled waits first, then the oldest open dialog gets the
   * user's default answer. False when it never settles within `limit` releases.
   */
  async drain(answerWith: boolean, limit = 4000): Promise<boolean> {
    for (let released = 0; released < limit; released++) {
      await this.quiesce();
      if (this.scheduler.count() > 0) {
        await this.scheduler.waitOne();
        continue;
      }
      const modal = this.openModals().find((candidate) => !this.isDeadWindow(candidate.window));
      if (!modal) return true;
      this.answer(modal, answerWith);
    }
    return false;
  }

  isDeadWindow(id: string): boolean {
    const name = id.split('#')[0] as WindowName;
    const current = this.windows.get(name);
    return !current || current.id !== id || current.dead;
  }
}
