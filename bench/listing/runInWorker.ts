import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { ListingRun } from '../report/results';
import type { ListingJob } from './listingJob';

const WORKER = path.join(__dirname, 'listingWorker.js');
/** Longer than the sandbox's latency: answers in flight when the worker dies are logged before the next run clears the log. */
const DRAIN_MS = 500;

type Answer<T> = { result: T } | { error: string };

/** Runs one job in a fresh Node process (same env, so the same NODE_EXTRA_CA_CERTS) and kills it afterwards. */
export function runInWorker(job: ListingJob & { kind: 'roundTrip' }): Promise<number>;
export function runInWorker(job: ListingJob): Promise<ListingRun>;
export async function runInWorker(job: ListingJob): Promise<ListingRun | number> {
  const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const answer = await new Promise<Answer<ListingRun | number>>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Answer<ListingRun | number>));
      child.once('exit', (code) => reject(new Error(`the listing worker exited with code ${code} before answering`)));
      child.send(job);
    });
    if ('error' in answer) throw new Error(answer.error);
    return answer.result;
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  }
}
