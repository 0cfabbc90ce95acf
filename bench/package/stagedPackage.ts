import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../test/harness/paths';

const run = promisify(execFile);

/**
 * Everything at the project root is copied (about 3 MB), so whatever .vscodeignore
 * lets into the package is there, except what is generated, cached or installed.
 */
const NOT_COPIED = new Set(['.git', 'node_modules', '.vscode-test', 'out', 'dist', 'test-results']);
const notCopied = (name: string): boolean => NOT_COPIED.has(name) || name.endsWith('.vsix') || name === path.join('bench', 'results.json');

export interface StagedPackage {
  readonly dir: string;
  /** The production dist/extension.js, built by the project's own build script. */
  readonly bundlePath: string;
  readonly bundleBytes: number;
  /** esbuild's metafile of that build. */
  readonly metafilePath: string;
  readonly vsixPath: string;
  readonly vsixBytes: number;
  /** What the .vsix holds (`vsce ls`), largest first, with each file's size before compression. */
  readonly packagedFiles: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
  dispose(): void;
}

/**
 * The production bundle and the .vsix, built from a copy of the working tree in a
 * temporary folder: exactly `node scripts/build.mjs --production --metafile` (with the test
 * seams, OVHCLOUD_BUILD_TEST_SEAMS=1) and
 * `vsce package --no-dependencies`, without rewriting the dist/ and .vsix that
 * other runs in this checkout (tests, watch builds) may be using.
 */
/** The bench drives the packaged extension through its testing API: a test build of the production bundle. */
const testBuild = { ...process.env, OVHCLOUD_BUILD_TEST_SEAMS: '1' };

export async function buildStagedPackage(): Promise<StagedPackage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovhcloud-renewals-bench-'));
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const entry of fs.readdirSync(projectRoot)) {
      if (notCopied(entry)) continue;
      fs.cpSync(path.join(projectRoot, entry), path.join(dir, entry), {
        recursive: true,
        filter: (source) => !notCopied(path.relative(projectRoot, source)),
      });
    }
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

    // vsce runs vscode:prepublish (a production build without the metafile), so package first...
    const vsixPath = path.join(dir, 'ovhcloud-renewals.vsix');
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    await run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], { cwd: dir, maxBuffer: 16 * 1024 * 1024, env: testBuild });
    const packagedBytes = fs.statSync(path.join(dir, 'dist', 'extension.js')).size;
    const listed = await run(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: dir, maxBuffer: 16 * 1024 * 1024, env: testBuild });
    const packagedFiles = listed.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((file) => file !== '' && fs.existsSync(path.join(dir, file)))
      .map((file) => ({ path: file, bytes: fs.statSync(path.join(dir, file)).size }))
      .sort((a, b) => b.bytes - a.bytes);
    // ...then build again with the metafile: the same inputs give the same bundle.
    await run(process.execPath, ['scripts/build.mjs', '--production', '--metafile'], { cwd: dir, maxBuffer: 16 * 1024 * 1024, env: testBuild });
    const bundlePath = path.join(dir, 'dist', 'extension.js');
    const bundleBytes = fs.statSync(bundlePath).size;
    if (bundleBytes !== packagedBytes) throw new Error(`the metafile build (${bundleBytes} B) differs from the packaged bundle (${packagedBytes} B)`);
    return {
      dir,
      bundlePath,
      bundleBytes,
      metafilePath: path.join(dir, 'dist', 'extension.meta.json'),
      vsixPath,
      vsixBytes: fs.statSync(vsixPath).size,
      packagedFiles,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}
