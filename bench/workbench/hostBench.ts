import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { workbenchUrl } from '../../test/harness/browser';
import { codeServerCli } from '../../test/harness/codeServer';
import { projectRoot } from '../../test/harness/paths';
import { openSession, type WorkbenchSession } from '../../test/harness/session';
import type { LoggedRequest } from '../../test/sandbox/requestLog';
import { packageEmptyExtension } from '../package/emptyExtension';
import type { SandboxAdmin } from '../sandbox/sandboxAdmin';
import {
  CONTROL_URL_ENV,
  type ActivationSample,
  type HeapResult,
  type HostOptions,
  type HostReport,
  type PanelResult,
  type PanelRound,
} from '../shared/hostProtocol';
import { startControlServer } from './controlServer';
import { PanelWatcher } from './panelWatcher';

const WINDOW_TIMEOUT_MS = 5 * 60 * 1000;
/** The empty development extension the integration suite uses to run tests next to an installed .vsix. */
const RUNNER = path.join(projectRoot, 'test', 'fixtures', 'vsix-runner');
const HOST_ENTRIES = path.join(projectRoot, 'out', 'bench', 'host');
/** Errors the offline workbench always logs; --verbose shows them anyway. */
const WORKBENCH_NOISE = [
  /ENOTFOUND open-vsx\.org/,
  /^\[lifecycle\] Long running operations during shutdown/,
  /ripgrep\/bin\/rg ENOENT/,
  /IndexedDB database 'vscode-web-db' is closed/,
];

export interface HostBenchOptions {
  readonly vsix: string;
  readonly sandbox: SandboxAdmin;
  /** Fresh extension hosts whose activation is measured (after the sign-in window). */
  readonly activationWindows: number;
  /** Heap and panel measurements run in the last window. */
  readonly heapRounds: number;
  readonly panelRounds: number;
  /** Each window also times its first command after activation (a renew panel). */
  readonly firstCommand: boolean;
  readonly settleMs: number;
  readonly quietMs: number;
  readonly verbose: boolean;
}

export interface ActivationWindow {
  readonly sample: ActivationSample;
  /** Every request that reached the sandbox from the window's load to the end of the settle window. */
  readonly sandboxRequests: readonly LoggedRequest[];
}

export interface HostBenchResult {
  readonly activations: readonly ActivationWindow[];
  readonly heap?: HeapResult;
  readonly panel?: PanelResult;
  /** The first command after activation in each window, in window order. */
  readonly firstCommands?: readonly PanelRound[];
}

/**
 * The installed .vsix in code-server's real extension host, driven window by
 * window: one window signs in, then each later window is a new extension host on
 * the same profile and browser storage (the account is already stored) that
 * measures activation first. The sandbox's request log is cleared before each
 * window loads, so whatever it holds when activation settles happened at start-up.
 */
export async function runHostBench(options: HostBenchOptions): Promise<HostBenchResult> {
  const activations: ActivationWindow[] = [];
  let heap: HeapResult | undefined;
  let panel: PanelResult | undefined;
  const firstCommands: PanelRound[] = [];
  let panelServiceId: number | undefined;
  let windowOptions: HostOptions = {
    heapRounds: 0,
    panelRounds: 0,
    panelServiceId: undefined,
    firstCommand: false,
    settleMs: options.settleMs,
    quietMs: options.quietMs,
  };
  let watcher: PanelWatcher | undefined;

  const control = await startControlServer({
    options: () => windowOptions,
    result: async (report: HostReport) => {
      if (report.kind === 'activation') activations.push({ sample: report.sample, sandboxRequests: await options.sandbox.requests() });
      else if (report.kind === 'heap') heap = report.heap;
      else if (report.kind === 'panel') panel = report.panel;
      else if (report.kind === 'firstCommand') firstCommands.push(report.round);
      else if (report.kind === 'signedIn') panelServiceId = report.panelServiceId;
    },
    armPanel: async () => watcher?.arm(),
    waitPanel: async (timeoutMs) => ({ interactiveAt: (await watcher?.wait(timeoutMs)) ?? null }),
  });
  const info = options.sandbox.info;
  const empty = await packageEmptyExtension();
  let session: WorkbenchSession | undefined;
  try {
    session = await openSession({
      env: {
        OVHCLOUD_TEST_MODE: 'vsix',
        OVHCLOUD_TEST_SANDBOX: JSON.stringify(info),
        NODE_EXTRA_CA_CERTS: info.caCertPath,
        [CONTROL_URL_ENV]: control.url,
      },
      verbose: options.verbose,
      prepare: async ({ extensionsDir }) => {
        for (const vsix of [options.vsix, empty.vsixPath]) await codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--force']);
      },
    });
    watcher = new PanelWatcher(session.page);
    const windows = new WindowRunner(session, options.verbose);
    await windows.init();
    await windows.run('signInPhase.js');
    for (let index = 0; index < options.activationWindows; index++) {
      const last = index === options.activationWindows - 1;
      windowOptions = {
        heapRounds: last ? options.heapRounds : 0,
        panelRounds: last ? options.panelRounds : 0,
        panelServiceId,
        firstCommand: options.firstCommand,
        settleMs: options.settleMs,
        quietMs: options.quietMs,
      };
      await options.sandbox.clearRequests();
      await windows.run('activationPhase.js');
    }
  } finally {
    await session?.dispose();
    await control.close();
    fs.rmSync(empty.dir, { recursive: true, force: true });
  }
  return { activations, heap, panel, firstCommands };
}

/** Loads the workbench with one bench entry as extensionTestsPath and waits for its exit code. */
class WindowRunner {
  private exit: ((code: number) => void) | undefined;
  private windows = 0;

  constructor(
    private readonly session: WorkbenchSession,
    private readonly verbose: boolean,
  ) {}

  async init(): Promise<void> {
    const page = this.session.page;
    await page.exposeFunction('codeAutomationExit', (code: number) => this.exit?.(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!this.verbose && (type !== 'error' || WORKBENCH_NOISE.some((pattern) => pattern.test(text)))) return;
      process.stderr.write(`[workbench] ${text}\n`);
    });
  }

  async run(entry: string): Promise<void> {
    // A folder of its own per window: open editors are restored per workspace, and a renew
    // panel restored from the previous window would activate the extension before the bench
    // does. The account lives in the profile's global state, which every window shares.
    const folder = path.join(this.session.workspace, `window-${++this.windows}`);
    fs.mkdirSync(folder, { recursive: true });
    const url = workbenchUrl(this.session.server.url, folder, [
      ['extensionDevelopmentPath', RUNNER],
      ['extensionTestsPath', path.join(HOST_ENTRIES, entry)],
    ]);
    let timer: NodeJS.Timeout | undefined;
    const code = new Promise<number>((resolve) => {
      this.exit = resolve;
      timer = setTimeout(() => resolve(-1), WINDOW_TIMEOUT_MS);
    });
    await this.session.page.goto(url);
    const exitCode = await code;
    clearTimeout(timer);
    this.exit = undefined;
    if (exitCode !== 0) throw new Error(`the bench window ${entry} ended with ${exitCode === -1 ? 'a timeout' : `exit code ${exitCode}`}`);
  }
}
