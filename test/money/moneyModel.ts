import fc from 'fast-check';
import { checkInvariants, type Violation } from './invariants';
import { programArb, type Real } from './program';
import { World } from './world';

/**
 * One property: whatever the program, the scheduler's interleaving and the faults, the
 * invariants hold once everything has settled. `onViolations` sees every run's findings
 * (a survey); the property fails on the violations `fails` selects.
 */

export interface ModelOptions {
  readonly maxCommands: number;
  /** The commands' own replay path, printed with a failure. */
  readonly replayPath?: string;
  /** Which violations fail the run (all by default). */
  readonly fails?: (violation: Violation) => boolean;
  readonly onRun?: (violations: readonly Violation[]) => void;
  /** False: the programs of the command list before renew settings changes (the replays found then). */
  readonly settings?: boolean;
}

/** Math.random drives journal entry ids, whose order decides which entry a panel resumes: seeded per run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ModelViolation extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((violation) => `[${violation.rule}] ${violation.detail}`).join('\n'));
  }
}

export function moneyProperty(options: ModelOptions) {
  return fc.asyncProperty(
    fc.scheduler(),
    programArb(options.maxCommands, options.replayPath, options.settings ?? true),
    fc.integer(),
    fc.constantFrom(true, true, true, false),
    async (scheduler, program, randomSeed, lastAnswer) => {
      const random = Math.random;
      Math.random = seededRandom(randomSeed);
      const world = new World(scheduler);
      const real: Real = { world, views: [], count: 0 };
      try {
        await fc.asyncModelRun(() => ({ model: {}, real }), program);
        const settled = await world.drain(lastAnswer);
        const violations = checkInvariants(world, real.views, settled);
        if (process.env.MONEY_DEBUG)
          console.log(
            `run: ${[...program].length} commands, ${real.views.length} views, ${world.ovh.orderPosts.length} order POSTs, ${world.ovh.orders.size} orders, ${world.ovh.payments.length} payments, ${world.modals.length} dialogs, escaped: ${world.escaped.join(' | ')}`,
          );
        options.onRun?.(violations);
        const failing = violations.filter(options.fails ?? (() => true));
        if (failing.length > 0) throw new ModelViolation(failing);
      } finally {
        for (const view of real.views) view.dispose();
        world.dispose();
        Math.random = random;
      }
    },
  );
}
