import { startSandboxProcess } from '../../test/harness/sandboxProcess';
import { SandboxAdmin } from './sandboxAdmin';

export interface SandboxSpec {
  readonly services: number;
  readonly latencyMs: number;
  readonly seed?: number;
}

/**
 * Runs `work` against a sandbox in its own process (as OVH would be: the bench's
 * client and the server do not share an event loop), and stops it afterwards.
 */
export async function withSandbox<T>(spec: SandboxSpec, work: (admin: SandboxAdmin) => Promise<T>): Promise<T> {
  const sandbox = await startSandboxProcess(['--services', String(spec.services), '--seed', String(spec.seed ?? 1), '--latency', String(spec.latencyMs)]);
  try {
    return await work(new SandboxAdmin(sandbox.info));
  } finally {
    await sandbox.stop();
  }
}
