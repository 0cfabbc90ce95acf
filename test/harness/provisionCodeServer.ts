import { ensureCodeServer } from './codeServer';

/**
 * `node out/test/harness/provisionCodeServer.js`: installs code-server into the machine
 * cache when it is not there yet (see codeServer.ts), so `npm test` can do it while the
 * unit tests run instead of inside the first integration layer.
 */
ensureCodeServer().then(
  (root) => process.stdout.write(`[code-server] ${root}\n`),
  (error: unknown) => {
    process.stderr.write(`[code-server] provisioning failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
