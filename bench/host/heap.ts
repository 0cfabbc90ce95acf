import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { TestingApi } from '../../src/testing';
import type { HeapResult, HeapRound } from '../shared/hostProtocol';
import { sleep } from './control';

const SAMPLE_EVERY_MS = 5;

/**
 * A full GC on demand. The extension host runs without --expose-gc; the flag can be
 * set at run time and takes effect for new contexts, which is where gc() is fetched
 * from. Without it, heap numbers include garbage and the best of several rounds is used.
 */
function fullGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  await sleep(50);
  gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Extension-host heap growth for listing every service of the signed-in sandbox
 * account with the extension's own API client, the listing kept referenced.
 */
export async function measureHeap(testing: TestingApi, rounds: number): Promise<HeapResult> {
  const account = testing.accounts.list()[0];
  if (!account) throw new Error('no signed-in account');
  const api = await testing.accounts.api(account.id);
  if (!api) throw new Error('no API client for the signed-in account');
  const gc = fullGc();
  const results: HeapRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = await settledHeap(gc);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), SAMPLE_EVERY_MS);
    const started = performance.now();
    let listing: Awaited<ReturnType<typeof api.listServices>> | undefined = await api.listServices();
    const listingMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const after = await settledHeap(gc);
    results.push({ services: listing.services.length, listingMs, heapBeforeBytes: before, heapAfterBytes: after, heapPeakBytes: peak });
    listing = undefined;
  }
  return { gcAvailable: gc !== undefined, rounds: results };
}
