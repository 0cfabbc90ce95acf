import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { certPaths } from '../../test/sandbox/paths';

/**
 * The bench talks HTTPS to the sandbox, whose CA Node trusts only through
 * NODE_EXTRA_CA_CERTS, read once at start-up (TLS checks are never turned off).
 * When it is missing, run this same script again with it set and exit with its code.
 */
export function ensureSandboxCa(): void {
  const ca = certPaths().ca;
  if (process.env.NODE_EXTRA_CA_CERTS && path.resolve(process.env.NODE_EXTRA_CA_CERTS) === path.resolve(ca)) return;
  const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca },
  });
  process.exit(result.status ?? 1);
}
