import fc from 'fast-check';
import { askSettings, BatchView, PanelView, type BatchAction, type SettingsKind, type View } from './sessionDriver';
import { CATALOG, FAULTS, type FaultKind } from './simOvh';
import { context } from './simStorage';
import { WindowInstance, WINDOWS, type WindowName, type World } from './world';

/**
 * The user's programs: random sequences of actions in up to three windows (open a panel,
 * preview, order, pay, check again, answer a dialog, batch actions, a renew settings
 * change, crash, reload, a kill mid-write) and of what OVH does meanwhile (faults on the next POST, late listings,
 * late settlements, price changes, orders placed outside the app). Each action starts and
 * then lets the scheduler release a few waits: the rest of it interleaves with what follows.
 */

export interface Real {
  readonly world: World;
  readonly views: View[];
  count: number;
}

type Model = Record<string, never>;
type Command = fc.AsyncCommand<Model, Real, false>;

function live(real: Real, window: WindowName): WindowInstance {
  const current = real.world.windows.get(window) as WindowInstance;
  if (!current.dead) return current;
  // A window that died is started again by the user.
  const next = new WindowInstance(window, current.generation + 1);
  real.world.windows.set(window, next);
  return next;
}

function lastView<T extends View>(real: Real, window: WindowName, kind: 'panel' | 'batch', match: (view: T) => boolean = () => true): T | undefined {
  const current = real.world.windows.get(window);
  return real.views.filter((view): view is T => view.kind === kind && view.window === current && !current.dead && match(view as T)).at(-1);
}

abstract class Base implements Command {
  constructor(readonly steps: number) {}
  check(): true {
    return true;
  }
  abstract act(real: Real): void;
  abstract describe(): string;
  async run(_model: Model, real: Real): Promise<void> {
    this.act(real);
    await real.world.step(this.steps);
  }
  toString(): string {
    return `${this.describe()} ~${this.steps}`;
  }
}

class OpenPanel extends Base {
  constructor(
    readonly window: WindowName,
    readonly serviceId: number,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const window = live(real, this.window);
    const view = new PanelView(real.world, window, this.serviceId, `panel${++real.count}`);
    real.views.push(view);
    real.world.start(window, view.id, () => view.act('open'));
  }
  describe(): string {
    return `${this.window}: open ${CATALOG.find((s) => s.serviceId === this.serviceId)?.name}`;
  }
}

type PanelStep = { kind: 'preview'; services: readonly number[] } | { kind: 'order' | 'pay' | 'check' };

class PanelAct extends Base {
  constructor(
    readonly window: WindowName,
    readonly serviceId: number,
    readonly what: PanelStep,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const view = lastView<PanelView>(real, this.window, 'panel', (candidate) => candidate.serviceId === this.serviceId);
    if (!view) return;
    const what = this.what;
    real.world.start(view.window, view.id, () => (what.kind === 'preview' ? view.act('preview', what.services) : view.act(what.kind)));
  }
  describe(): string {
    const what = this.what.kind === 'preview' ? `preview ${this.what.services.join('+')}` : this.what.kind;
    return `${this.window}: panel ${this.serviceId} ${what}`;
  }
}

type UpTo = 'preview' | 'order' | 'order+check' | 'pay';

/**
 * A user's journey in one panel, as one chain of actions: open the panel (or use the one
 * open in this window), preview the option, place the order, pay it. Dialogs wait for the
 * program's answers; the chain interleaves with everything else.
 */
class Journey extends Base {
  constructor(
    readonly window: WindowName,
    readonly services: readonly number[],
    readonly upTo: UpTo,
    steps: number,
  ) {
    super(steps);
  }
  get serviceId(): number {
    return this.services[0] ?? 1;
  }
  act(real: Real): void {
    let view = lastView<PanelView>(real, this.window, 'panel', (candidate) => candidate.serviceId === this.serviceId);
    const fresh = !view;
    if (!view) {
      view = new PanelView(real.world, live(real, this.window), this.serviceId, `panel${++real.count}`);
      real.views.push(view);
    }
    const panel = view;
    real.world.start(panel.window, panel.id, async () => {
      if (fresh) await panel.act('open');
      await panel.act('preview', this.services);
      if (this.upTo === 'preview') return;
      await panel.act('order');
      // An order with no known outcome: the user checks again (Try Again), then pays if offered.
      if (this.upTo === 'order+check') {
        await real.world.sleep(150_000);
        await panel.act('check');
      }
      if (this.upTo !== 'order') await panel.act('pay');
    });
  }
  describe(): string {
    const steps = { preview: 'preview', order: 'preview, order', 'order+check': 'preview, order, wait 150 s, try again, pay', pay: 'preview, order, pay' }[
      this.upTo
    ];
    return `${this.window}: panel ${this.serviceId}: ${steps} ${this.services.join('+')}`;
  }
}

class BatchJourney extends Base {
  constructor(
    readonly window: WindowName,
    readonly services: readonly number[],
    readonly upTo: UpTo,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const window = live(real, this.window);
    const id = `batch${++real.count}`;
    const view = new BatchView(real.world, window, this.services, id, id);
    real.views.push(view);
    real.world.start(window, view.id, async () => {
      await view.act('open');
      await view.act('previewAll');
      if (this.upTo === 'preview') return;
      await view.act('placeOrders');
      // A batch paused on an uncertain order: the user checks again, as the batch offers.
      if (this.upTo === 'order+check') {
        await real.world.sleep(150_000);
        await view.act('checkAgain');
      }
      if (this.upTo !== 'order') await view.act('payAll');
    });
  }
  describe(): string {
    return `${this.window}: batch ${this.services.join(',')}: open, preview${this.upTo === 'preview' ? '' : ', order'}${this.upTo === 'order+check' ? ', wait 150 s, check again' : ''}${this.upTo === 'pay' || this.upTo === 'order+check' ? ', pay all' : ''}`;
  }
}

class OpenBatch extends Base {
  constructor(
    readonly window: WindowName,
    readonly services: readonly number[],
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const window = live(real, this.window);
    const id = `batch${++real.count}`;
    const view = new BatchView(real.world, window, this.services, id, id);
    real.views.push(view);
    real.world.start(window, view.id, () => view.act('open'));
  }
  describe(): string {
    return `${this.window}: batch ${this.services.join(',')}`;
  }
}

class BatchAct extends Base {
  constructor(
    readonly window: WindowName,
    readonly action: BatchAction,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const view = lastView<BatchView>(real, this.window, 'batch');
    if (view) real.world.start(view.window, view.id, () => view.act(this.action));
  }
  describe(): string {
    return `${this.window}: batch ${this.action}`;
  }
}

/**
 * Stop Renewing at Expiry… or Change Renewal… (automatic) for one service, in this window, up
 * to its modal confirmation, which waits for the program's answer like every other dialog.
 * A dead window does nothing (the user acts in a window that runs). `after`: first, in this
 * window's panel of the service, preview and place its order (and pay it), as a user who then
 * presses the panel's Renew Settings button; the chain waits for the program's answers.
 */
class Settings extends Base {
  constructor(
    readonly window: WindowName,
    readonly serviceId: number,
    readonly change: SettingsKind,
    readonly after: 'nothing' | 'order' | 'pay',
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const current = real.world.windows.get(this.window);
    if (!current || current.dead) return;
    const ask = (): Promise<void> => askSettings(real.world, this.serviceId, this.change);
    if (this.after === 'nothing') {
      real.world.start(current, `settings${++real.count}`, ask);
      return;
    }
    let view = lastView<PanelView>(real, this.window, 'panel', (candidate) => candidate.serviceId === this.serviceId);
    const fresh = !view;
    if (!view) {
      view = new PanelView(real.world, current, this.serviceId, `panel${++real.count}`);
      real.views.push(view);
    }
    const panel = view;
    real.world.start(current, panel.id, async () => {
      if (fresh) await panel.act('open');
      await panel.act('preview', [this.serviceId]);
      await panel.act('order');
      if (this.after === 'pay') await panel.act('pay');
      await context.run({ window: current.id, view: `settings${++real.count}` }, ask);
    });
  }
  describe(): string {
    const first = this.after === 'nothing' ? '' : `panel ${this.serviceId}: preview, order${this.after === 'pay' ? ', pay' : ''}, then `;
    return `${this.window}: ${first}settings ${this.serviceId} ${this.change === 'stopAtExpiry' ? 'stop renewing at expiry' : 'renew automatically'}`;
  }
}

class Answer extends Base {
  constructor(
    readonly window: WindowName,
    readonly yes: boolean,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const current = real.world.windows.get(this.window);
    const modal = current && !current.dead ? real.world.openModals(current.id)[0] : undefined;
    if (modal) real.world.answer(modal, this.yes);
  }
  describe(): string {
    return `${this.window}: ${this.yes ? 'confirm' : 'cancel'} dialog`;
  }
}

class Wait extends Base {
  act(): void {}
  describe(): string {
    return 'wait';
  }
}

/** The window's process ends: its memory is lost; with `reload`, VS Code reopens its panels. */
class Crash extends Base {
  constructor(
    readonly window: WindowName,
    readonly reload: boolean,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const old = real.world.windows.get(this.window) as WindowInstance;
    const next = new WindowInstance(this.window, old.generation + 1);
    real.world.windows.set(this.window, next);
    const views = real.views.filter((view) => view.window === old);
    for (const view of views) view.dispose();
    if (!this.reload) return;
    for (const view of views) {
      const reopened =
        view instanceof BatchView
          ? new BatchView(real.world, next, view.services, `batch${++real.count}`, view.batchId)
          : new PanelView(real.world, next, (view as PanelView).serviceId, `panel${++real.count}`);
      real.views.push(reopened);
      real.world.start(next, reopened.id, () => reopened.act('open'));
    }
  }
  describe(): string {
    return `${this.window}: ${this.reload ? 'reload' : 'crash'}`;
  }
}

/**
 * The machine loses power at this window's next file write, or at its n-th next journal
 * write (not fsynced: the file is left empty).
 */
class Kill extends Base {
  constructor(
    readonly window: WindowName,
    readonly journalWrite: number,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const current = real.world.windows.get(this.window);
    if (current) current.killAt = this.journalWrite === 0 ? { target: 'any' } : { target: 'journal', remaining: this.journalWrite };
  }
  describe(): string {
    return `${this.window}: power cut at ${this.journalWrite === 0 ? 'its next write' : `its journal write number ${this.journalWrite}`}`;
  }
}

class OvhDoes extends Base {
  constructor(
    readonly what: OvhEvent,
    steps: number,
  ) {
    super(steps);
  }
  act(real: Real): void {
    const { ovh, storage } = real.world;
    const what = this.what;
    switch (what.kind) {
      case 'fault':
        ovh.nextFault[what.target] = { kind: what.fault, passedOn: what.passedOn };
        return;
      case 'listingDelay':
        ovh.listingDelayMs = what.ms;
        return;
      case 'settleDelay':
        ovh.settleDelayMs = what.ms;
        return;
      case 'price':
        ovh.changePrice(what.serviceId, what.by);
        return;
      case 'outsideOrder': {
        const services = what.order === 'bundle' ? [2, 3] : [what.serviceId];
        const strategyOwner = what.order === 'bundle' ? 2 : what.serviceId;
        ovh.seedOrder(
          services,
          what.order !== 'notRenewal',
          what.ageHours * 3_600_000,
          what.order === 'notRenewal' ? 9.99 : ovh.priceOf(strategyOwner, services),
        );
        return;
      }
      case 'tick':
        ovh.advance(what.ms);
        return;
      case 'storage':
        storage.unwritable = what.unwritable;
        return;
      case 'journalListingFails':
        storage.failNextJournalListing = true;
        return;
      case 'timeFails':
        ovh.timeFails = what.fails;
        return;
    }
  }
  describe(): string {
    return `OVH/world: ${JSON.stringify(this.what)}`;
  }
}

type OvhEvent =
  | { kind: 'fault'; target: 'order' | 'pay'; fault: FaultKind; passedOn: boolean }
  | { kind: 'listingDelay'; ms: number }
  | { kind: 'settleDelay'; ms: number }
  | { kind: 'price'; serviceId: number; by: number }
  | { kind: 'outsideOrder'; order: 'renewal' | 'bundle' | 'notRenewal'; serviceId: number; ageHours: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'storage'; unwritable: boolean }
  | { kind: 'journalListingFails' }
  | { kind: 'timeFails'; fails: boolean };

const windowArb = fc.constantFrom<WindowName>(...WINDOWS);
const serviceArb = fc.constantFrom(1, 2, 3);
const stepsArb = fc.nat({ max: 12 });

const ovhEventArb: fc.Arbitrary<OvhEvent> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      target: fc.constantFrom('order' as const, 'pay' as const),
      fault: fc.constantFrom(...FAULTS),
      passedOn: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('listingDelay' as const), ms: fc.constantFrom(0, 25_000, 120_000) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('settleDelay' as const), ms: fc.constantFrom(0, 60_000, 600_000) }), weight: 2 },
  fc.record({ kind: fc.constant('price' as const), serviceId: serviceArb, by: fc.constantFrom(1, 5) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('outsideOrder' as const),
      order: fc.constantFrom('renewal' as const, 'bundle' as const, 'notRenewal' as const),
      serviceId: serviceArb,
      ageHours: fc.constantFrom(0, 72),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('tick' as const), ms: fc.constantFrom(30_000, 3_600_000) }),
  fc.record({ kind: fc.constant('storage' as const), unwritable: fc.boolean() }),
  fc.record({ kind: fc.constant('journalListingFails' as const) }),
  fc.record({ kind: fc.constant('timeFails' as const), fails: fc.boolean() }),
);

const panelStepArb: fc.Arbitrary<PanelStep> = fc.oneof(
  { arbitrary: fc.constantFrom<readonly number[]>([1], [2], [3], [2, 3]).map((services) => ({ kind: 'preview' as const, services })), weight: 3 },
  { arbitrary: fc.constant({ kind: 'order' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'pay' as const }), weight: 3 },
  fc.constant({ kind: 'check' as const }),
);

const batchActionArb = fc.constantFrom<BatchAction>('previewAll', 'placeOrders', 'checkAgain', 'stop', 'payAll', 'payLater', 'retryRow');

const upToArb = fc.constantFrom<UpTo>('preview', 'order', 'order+check', 'pay');
const strategyArb = fc.constantFrom<readonly number[]>([1], [2], [3], [2], [3], [2, 3], [3, 2]);

export const commandArbs: Array<fc.Arbitrary<Command> | { arbitrary: fc.Arbitrary<Command>; weight: number }> = [
  { arbitrary: fc.tuple(windowArb, strategyArb, upToArb, stepsArb).map(([w, s, u, n]) => new Journey(w, s, u, n)), weight: 6 },
  {
    arbitrary: fc
      .tuple(windowArb, fc.constantFrom<readonly number[]>([1, 2], [2, 3], [1, 2, 3]), upToArb, stepsArb)
      .map(([w, s, u, n]) => new BatchJourney(w, s, u, n)),
    weight: 2,
  },
  fc.tuple(windowArb, serviceArb, stepsArb).map(([w, s, n]) => new OpenPanel(w, s, n)),
  fc.tuple(windowArb, serviceArb, panelStepArb, stepsArb).map(([w, s, what, n]) => new PanelAct(w, s, what, n)),
  fc.tuple(windowArb, serviceArb, panelStepArb, stepsArb).map(([w, s, what, n]) => new PanelAct(w, s, what, n)),
  fc.tuple(windowArb, serviceArb, panelStepArb, stepsArb).map(([w, s, what, n]) => new PanelAct(w, s, what, n)),
  fc.tuple(windowArb, fc.constantFrom<readonly number[]>([1, 2], [2, 3], [1, 2, 3]), stepsArb).map(([w, s, n]) => new OpenBatch(w, s, n)),
  fc.tuple(windowArb, batchActionArb, stepsArb).map(([w, a, n]) => new BatchAct(w, a, n)),
  fc.tuple(windowArb, fc.boolean(), stepsArb).map(([w, yes, n]) => new Answer(w, yes, n)),
  fc.tuple(windowArb, fc.boolean(), stepsArb).map(([w, yes, n]) => new Answer(w, yes, n)),
  stepsArb.map((n) => new Wait(n * 3)),
  fc.tuple(windowArb, fc.boolean(), stepsArb).map(([w, reload, n]) => new Crash(w, reload, n)),
  { arbitrary: fc.tuple(windowArb, fc.nat({ max: 3 }), stepsArb).map(([w, j, n]) => new Kill(w, j, n)), weight: 2 },
  fc.tuple(ovhEventArb, stepsArb).map(([e, n]) => new OvhDoes(e, n)),
  fc.tuple(ovhEventArb, stepsArb).map(([e, n]) => new OvhDoes(e, n)),
];

/**
 * Renew settings changes joined the programs later: one more command changes every program a
 * seed draws, so the replays found before (run.ts, REGRESSIONS) draw from the list without them.
 */
const settingsArb: fc.Arbitrary<Command> = fc
  .tuple(
    windowArb,
    serviceArb,
    fc.constantFrom<SettingsKind>('stopAtExpiry', 'automatic'),
    fc.constantFrom('nothing' as const, 'order' as const, 'pay' as const),
    stepsArb,
  )
  .map(([w, s, change, after, n]) => new Settings(w, s, change, after, n));

/** `replayPath`: what fast-check printed with a failing program, so that its shrunk form replays. `settings`: false for the command list before settings changes. */
export const programArb = (maxCommands: number, replayPath?: string, settings = true): fc.Arbitrary<Iterable<Command>> =>
  fc.commands(
    [...commandArbs, ...(settings ? [settingsArb] : [])]
      .map((arbitrary) => ('weight' in arbitrary ? arbitrary : { arbitrary, weight: 1 }))
      .flatMap(({ arbitrary, weight }) => Array.from({ length: weight }, () => arbitrary)),
    { maxCommands, size: 'large', ...(replayPath ? { replayPath } : {}) },
  );
