import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../test/harness/paths';

const run = promisify(execFile);
const SOURCE = path.join(projectRoot, 'bench', 'fixtures', 'empty-extension');

/** Packages bench/fixtures/empty-extension into a temporary .vsix; the caller removes `dir`. */
export async function packageEmptyExtension(): Promise<{ vsixPath: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-renewals-bench-empty-'));
  fs.cpSync(SOURCE, path.join(dir, 'src'), { recursive: true });
  const vsixPath = path.join(dir, 'bench-empty-extension.vsix');
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsixPath], {
    cwd: path.join(dir, 'src'),
  });
  return { vsixPath, dir };
}
