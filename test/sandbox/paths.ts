import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The sandbox runs from out/test/sandbox after compilation but its TLS fixtures stay in
 * test/sandbox/certs, so locate them from the project root rather than from __dirname.
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`sandbox: no package.json above ${start}`);
    dir = parent;
  }
}

export interface CertPaths {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

export function certPaths(root: string = findProjectRoot()): CertPaths {
  const dir = path.join(root, 'test', 'sandbox', 'certs');
  return {
    cert: path.join(dir, 'server.crt'),
    key: path.join(dir, 'server.key'),
    ca: path.join(dir, 'ca.crt'),
  };
}
