// The test layers of `npm test` and `npm run test:repeat`. `needs` names the stages a
// stage waits for; `npm test` starts every stage whose needs have passed, so independent
// ones overlap (see scripts/test.mjs). `workbench` marks a stage that runs code-server and
// a browser: at most OVHCLOUD_TEST_WORKBENCHES of them (default 2) run at once. `results`
// names the folder under test-results/ where a mocha layer leaves results.json (failing
// tests) plus, on failure, screenshots and logs.
export const layers = [
  { name: 'lint', command: 'npm run lint' },
  { name: 'type-check', command: 'npm run check-types' },
  { name: 'build', command: 'npm run build' },
  { name: 'compile tests', command: 'npm run compile-tests' },
  // Once per machine (a cache outside the clone, see test/harness/codeServer.ts); a no-op after.
  { name: 'code-server', command: 'node out/test/harness/provisionCodeServer.js', needs: ['compile tests'] },
  // The production .vsix, built in a copy of the tree: dist/ keeps the development build.
  { name: 'package', command: 'node scripts/stagedPackage.mjs' },
  { name: 'unit', command: 'npm run test:unit', results: 'unit', repeatable: true, needs: ['compile tests'] },
  {
    name: 'integration (development folder)',
    command: 'npm run test:integration',
    results: 'integration',
    repeatable: true,
    workbench: true,
    needs: ['build', 'compile tests', 'code-server'],
  },
  { name: 'e2e', command: 'npm run test:e2e', results: 'e2e', repeatable: true, workbench: true, needs: ['build', 'compile tests', 'code-server'] },
  {
    name: 'integration (Dutch)',
    command: 'OVHCLOUD_TEST_LOCALE=nl OVHCLOUD_TEST_GREP=Localization node out/test/harness/runIntegration.js',
    results: 'integration-nl',
    repeatable: true,
    workbench: true,
    needs: ['build', 'compile tests', 'code-server'],
  },
  {
    name: 'integration (installed .vsix)',
    command: 'node out/test/harness/runIntegration.js --vsix',
    results: 'integration-vsix',
    repeatable: true,
    workbench: true,
    needs: ['compile tests', 'code-server', 'package'],
  },
  { name: 'bench budgets', command: 'npm run bench:quick', workbench: true, needs: ['build', 'compile tests', 'code-server'] },
];
