import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from './paths';

const run = promisify(execFile);

/** code-server 4.99.4 is the last release that runs on Node 20; it bundles VS Code 1.99.3. */
export const CODE_SERVER_VERSION = '4.99.4';

/**
 * Where code-server is installed: once per machine, not once per clone. Its native modules
 * are built for one Node ABI, so the folder is keyed by code-server's version, the platform
 * and the ABI. OVHCLOUD_CODE_SERVER_CACHE moves the cache (default: $XDG_CACHE_HOME or
 * ~/.cache, then ovhcloud-renewals-tests/).
 */
const installName = `code-server-${CODE_SERVER_VERSION}-${process.platform}-${process.arch}-node${process.versions.modules}`;

function machineCacheRoot(): string {
  if (process.env.OVHCLOUD_CODE_SERVER_CACHE) return path.resolve(process.env.OVHCLOUD_CODE_SERVER_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'ovhcloud-renewals-tests');
}

/** The marker written last, inside the folder, before it takes its final name. */
const MARKER = '.complete';

/** A clone's own .vscode-test/code-server-<version>/ from before the machine cache still serves. */
const projectInstall = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);

function complete(installRoot: string): boolean {
  return fs.existsSync(path.join(installRoot, MARKER));
}

const packageRootOf = (installRoot: string): string => path.join(installRoot, 'node_modules', 'code-server');

async function npm(installRoot: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  process.stderr.write(`[code-server] (${path.relative(installRoot, cwd) || '.'}) npm ${args.join(' ')}\n`);
  await run(npmCmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Installs code-server from the npm registry without its install scripts, which
 * would download ripgrep from GitHub and need Kerberos headers. Only the native
 * modules the server loads at start-up are rebuilt.
 */
async function install(installRoot: string): Promise<void> {
  const packageRoot = packageRootOf(installRoot);
  fs.writeFileSync(path.join(installRoot, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  await npm(installRoot, installRoot, ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`]);
  await npm(installRoot, packageRoot, ['rebuild', 'argon2', '--prefix', installRoot]);
  const vscodeRoot = path.join(packageRoot, 'lib', 'vscode');
  await npm(installRoot, vscodeRoot, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
  await npm(installRoot, vscodeRoot, ['rebuild', '@vscode/spdlog', 'node-pty', 'native-watchdog'], { npm_config_yes: 'true' });
  fs.rmSync(path.join(vscodeRoot, 'node_modules.asar'), { force: true });
  fs.symlinkSync('node_modules', path.join(vscodeRoot, 'node_modules.asar'));
  await npm(installRoot, path.join(vscodeRoot, 'extensions'), ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
}

let provisioned: Promise<string> | undefined;

/**
 * The code-server package folder, provisioned on first use into the machine cache. The
 * install happens in a folder of its own that takes the cache's name only once its marker
 * is written (a rename is atomic): a run killed half-way, or two clones provisioning at
 * once, never leave a half-installed server behind that a later run would trust.
 */
export function ensureCodeServer(): Promise<string> {
  provisioned ??= provision();
  return provisioned;
}

async function provision(): Promise<string> {
  if (complete(projectInstall)) return packageRootOf(projectInstall);
  const cache = machineCacheRoot();
  const installRoot = path.join(cache, installName);
  if (complete(installRoot)) return packageRootOf(installRoot);
  const started = Date.now();
  fs.mkdirSync(cache, { recursive: true });
  const partial = fs.mkdtempSync(path.join(cache, `${installName}.partial-`));
  process.stderr.write(`[code-server] provisioning ${CODE_SERVER_VERSION} into ${installRoot} (once per machine)\n`);
  try {
    await install(partial);
    fs.writeFileSync(path.join(partial, MARKER), new Date().toISOString());
    // An earlier incomplete folder of that name (from before the marker existed) is replaced.
    if (fs.existsSync(installRoot) && !complete(installRoot)) fs.rmSync(installRoot, { recursive: true, force: true });
    try {
      fs.renameSync(partial, installRoot);
    } catch (error) {
      // Another run finished first: its complete install serves, this one goes.
      if (!complete(installRoot)) throw error;
      fs.rmSync(partial, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  process.stderr.write(`[code-server] ready after ${Math.round((Date.now() - started) / 1000)} s\n`);
  return packageRootOf(installRoot);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function entryScript(root: string): string {
  return path.join(root, 'out', 'node', 'entry.js');
}

/** Runs the code-server CLI once, e.g. to install a .vsix. */
export async function codeServerCli(args: string[]): Promise<string> {
  const root = await ensureCodeServer();
  const { stdout } = await run(process.execPath, [entryScript(root), ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export interface CodeServerOptions {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  /** Extra environment for the server and, through it, the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  /** Display language, e.g. "nl": what vscode.env.language reports to extensions. */
  readonly locale?: string;
  /** Receives the server's own output, line by line. */
  readonly onOutput?: (line: string) => void;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const root = await ensureCodeServer();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      entryScript(root),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.locale ? ['--locale', options.locale] : []),
      // A config file of its own, so a test run never writes into ~/.config/code-server.
      '--config',
      path.join(options.userDataDir, 'code-server.yaml'),
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' },
  );
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The server spawns extension hosts and file watchers; stop the whole group.
    try {
      if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHttp(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, stop };
}
