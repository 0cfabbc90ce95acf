// `node scripts/stagedPackage.mjs`: `npm run package` in a temporary copy of the working
// tree, then the .vsix moves to ovhcloud-renewals.vsix here. The production build never
// rewrites this checkout's dist/, so `npm test` packages while other layers still run
// against the development build.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from './runLayer.mjs';

// Generated, cached or installed: never part of what the package is built from.
const NOT_COPIED = new Set(['.git', 'node_modules', '.vscode-test', 'out', 'dist', 'test-results']);
const notCopied = (relative) => NOT_COPIED.has(relative.split(path.sep)[0]) || relative.endsWith('.vsix') || relative === path.join('bench', 'results.json');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-renewals-package-'));
let code = 1;
try {
  for (const entry of fs.readdirSync(projectRoot)) {
    if (notCopied(entry)) continue;
    fs.cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true, filter: (source) => !notCopied(path.relative(projectRoot, source)) });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  code = await new Promise((resolve) => {
    const child = spawn('npm run package', { shell: true, cwd: dir, stdio: 'inherit' });
    child.on('close', (status) => resolve(status ?? 1));
  });
  if (code === 0) fs.copyFileSync(path.join(dir, 'ovhcloud-renewals.vsix'), path.join(projectRoot, 'ovhcloud-renewals.vsix'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
