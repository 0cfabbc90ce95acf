// Running one test layer and reading what it left in test-results/<layer>/.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const resultsRoot = path.join(projectRoot, 'test-results');

/**
 * Runs a shell command, echoing its output (to `stdout`/`stderr`, default the process's);
 * `onLine` sees every line. Resolves with the exit code.
 */
export function runCommand(command, { onLine = () => {}, env = {}, quiet = false, stdout = process.stdout, stderr = process.stderr } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const scan = (stream, sink) => {
      let pending = '';
      stream.on('data', (chunk) => {
        if (!quiet) sink.write(chunk);
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
      stream.on('end', () => onLine(pending));
    };
    scan(child.stdout, stdout);
    scan(child.stderr, stderr);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The layer's results.json (see test/harness/failureLog.ts), or undefined when the run never finished. */
export function readResults(results) {
  try {
    return JSON.parse(fs.readFileSync(path.join(resultsRoot, results, 'results.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every file a failed layer left beside its results: screenshots, logs. */
function artefacts(results) {
  const dir = path.join(resultsRoot, results);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(png|log)$/.test(file) && (results !== 'e2e' || /^(failures|logs)\//.test(file)))
    .map((file) => path.relative(projectRoot, path.join(dir, file)))
    .sort();
}

/** What to print when a layer failed: its failing tests with their errors, then its artefacts. */
export function describeFailure(results) {
  const record = readResults(results);
  const lines = [];
  if (!record) {
    lines.push(`No results from this layer (test-results/${results}/results.json): it stopped before its tests finished; the output above says why.`);
  } else {
    lines.push(`${record.failed} failing test(s) in ${record.layer}:`);
    for (const failure of record.failures) {
      lines.push(`  ✗ ${failure.title}`);
      for (const line of failure.error.split('\n')) lines.push(`      ${line}`);
    }
  }
  const files = artefacts(results);
  // The pictures, code-server's output and the extension's own log; the rest stays in the folder.
  const shown = files.filter((file) => file.endsWith('.png') || /code-server\.log$|ovhcloud-renewals[\\/][^\\/]+\.log$/.test(file)).slice(0, 20);
  if (shown.length > 0) {
    lines.push(`Screenshots and logs (under ${path.join('test-results', results)}; ${files.length} files in all):`);
    for (const file of shown) lines.push(`  ${file}`);
  }
  return `${lines.join('\n')}\n`;
}
