import { startSandbox, type SandboxOptions } from './server';

/**
 * `node out/test/sandbox/cli.js --port 0 --services 50 --seed 1 [--latency 25] [--host 127.0.0.1]`
 * Prints one JSON line with the connection details on stdout once listening; everything
 * else goes to stderr so scripts can read stdout as-is.
 */

const USAGE = `usage: cli.js [--port N] [--host ADDR] [--services N] [--seed N] [--latency MS] [--order-step MS] [--now ISO-DATE]`;

class UsageError extends Error {}

const INT_FLAGS: Record<string, keyof SandboxOptions> = {
  '--port': 'port',
  '--services': 'services',
  '--seed': 'seed',
  '--latency': 'latencyMs',
  '--order-step': 'orderStepMs',
};

export function parseArgs(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') throw new UsageError('');
    const intKey = INT_FLAGS[flag];
    if (intKey) {
      const raw = value();
      if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} expects a non-negative integer, got ${JSON.stringify(raw)}`);
      (options as Record<string, number>)[intKey] = Number(raw);
    } else if (flag === '--host') {
      options.host = value();
    } else if (flag === '--now') {
      const raw = value();
      if (Number.isNaN(Date.parse(raw))) throw new UsageError(`--now expects an ISO date, got ${JSON.stringify(raw)}`);
      options.now = Date.parse(raw);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`sandbox: ${e.message}`);
    console.error(USAGE);
    process.exit(e.message ? 2 : 0);
  }
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (e) {
    console.error(`sandbox: cannot start: ${(e as Error).message}`);
    process.exit(e instanceof RangeError ? 2 : 1);
  }
  // Handlers first: a launcher may signal as soon as it has read the line.
  const stop = (signal: string): void => {
    console.error(`sandbox: ${signal}, closing`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(JSON.stringify(sandbox.info()) + '\n');
  console.error(`sandbox: ${sandbox.state.services.length} services on ${sandbox.url} (controls at ${sandbox.origin}/__sandbox/)`);
  if (!['127.0.0.1', '::1', 'localhost'].includes(sandbox.host)) {
    console.error('sandbox: warning: listening beyond loopback; /__sandbox controls need no authentication');
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error('sandbox:', e);
    process.exit(1);
  });
}
