import { activationNetworkBudget, batchPreviewBudget, fallbackBudget, paginatedBudget, sizeBudgets, type BudgetResult } from './budgets';
import { QUICK } from './config';
import { runOutlookBench } from './outlook/outlookBench';
import { buildStagedPackage } from './package/stagedPackage';
import { withSandbox } from './sandbox/sandboxRun';
import { ensureSandboxCa } from './shared/sandboxCa';
import { runHostBench } from './workbench/hostBench';

/**
 * `npm run bench:quick`, the CI variant: budgets on request counts and sizes, never
 * on wall-clock time. One line per budget, then "N passed, N failed"; exits 1 when
 * a budget is broken. Needs `npm run build && npx tsc -p tsconfig.test.json` first
 * (it builds the production bundle and the .vsix itself, in a temporary copy).
 */
const log = (line: string): void => void process.stderr.write(`[bench:quick] ${line}\n`);

async function attempt(names: string[], work: () => Promise<BudgetResult[]>): Promise<BudgetResult[]> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return names.map((name) => ({ name, passed: false, detail: `could not measure: ${message}` }));
  }
}

async function main(): Promise<number> {
  ensureSandboxCa();
  const results: BudgetResult[] = [];
  log('listing budgets…');
  results.push(...(await attempt(['paginated listing'], async () => [await paginatedBudget()])));
  results.push(...(await attempt(['fallback listing'], async () => [await fallbackBudget()])));
  results.push(...(await attempt(['batch preview'], async () => [await batchPreviewBudget()])));

  results.push(
    ...(await attempt(['outlook from the cached listing'], async () => {
      const outlook = await runOutlookBench(QUICK.paginated.n, log);
      return [
        {
          name: 'outlook from the cached listing',
          passed: outlook.requests === 0,
          detail: `${outlook.requests} request(s) for ${outlook.services} services (budget 0)`,
        },
      ];
    })),
  );

  log('production build and .vsix (in a copy of the working tree)…');
  const sizeNames = ['dist/extension.js size', '.vsix size', 'no network during activation'];
  results.push(
    ...(await attempt(sizeNames, async () => {
      const staged = await buildStagedPackage();
      try {
        const sizes = sizeBudgets(staged);
        log('activation in code-server with a stored account…');
        const network = await attempt([sizeNames[2]!], async () => {
          const spec = QUICK.host;
          const host = await withSandbox({ services: spec.services, latencyMs: spec.latencyMs }, (sandbox) =>
            runHostBench({ vsix: staged.vsixPath, sandbox, ...spec, verbose: process.argv.includes('--verbose') }),
          );
          return [activationNetworkBudget(host)];
        });
        return [...sizes, ...network];
      } finally {
        staged.dispose();
      }
    })),
  );

  for (const result of results) process.stdout.write(`${result.passed ? 'PASS' : 'FAIL'}  ${result.name}: ${result.detail}\n`);
  const failed = results.filter((result) => !result.passed).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
