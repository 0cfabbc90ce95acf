import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { projectRoot } from './paths';

/** What the sandbox prints on its one stdout line once it listens. */
export interface SandboxInfo {
  readonly url: string;
  readonly caCertPath: string;
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenUrl: string;
}

export interface SandboxProcess {
  readonly info: SandboxInfo;
  stop(): Promise<void>;
}

/** Starts `out/test/sandbox/cli.js` as its own process, as the extension host will reach it. */
export async function startSandboxProcess(args: string[] = []): Promise<SandboxProcess> {
  const cli = path.join(projectRoot, 'out', 'test', 'sandbox', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (process.env.OVHCLOUD_TEST_VERBOSE === '1') process.stderr.write(`[sandbox] ${chunk.toString('utf8')}`);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      const timer = setTimeout(() => reject(new Error('the sandbox did not start within 30 s')), 30_000);
      lines.once('line', (first) => {
        clearTimeout(timer);
        resolve(first);
      });
      child.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code}`)));
    });
    return { info: JSON.parse(line) as SandboxInfo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
