import { measureActivation } from './activation';
import { hostOptions, report, sleep } from './control';
import { withCpuProfile } from './cpuProfile';
import { measureHeap } from './heap';
import { measurePanel } from './panelTiming';

/**
 * extensionTestsPath of every later window (a fresh extension host on the same
 * profile, so the signed-in account is already stored): activation first, before
 * anything else touches the extension, then the first command (a renew panel, which
 * loads dist/features.js), then the optional workload.
 */
export async function run(): Promise<void> {
  const options = await hostOptions();
  await sleep(options.quietMs);
  const { sample, api } = await measureActivation(options.settleMs);
  // The driver reads the sandbox's request log while answering this call.
  await report({ kind: 'activation', sample });
  const testing = api.testing!;
  if (options.firstCommand) {
    const first = await withCpuProfile('firstCommand', () => measurePanel(testing, 1, options.panelServiceId));
    await report({ kind: 'firstCommand', round: first.rounds[0]! });
  }
  if (options.heapRounds > 0) await report({ kind: 'heap', heap: await measureHeap(testing, options.heapRounds) });
  if (options.panelRounds > 0) await report({ kind: 'panel', panel: await measurePanel(testing, options.panelRounds, options.panelServiceId) });
}
