// The test layers of `npm test` and `npm run test:repeat`. `needs` names the stages a
// stage waits for; `npm test` starts every stage whose needs have passed, so independent
// ones overlap (see scripts/test.mjs). `workbench` marks a stage that runs code-server and
// a browser: at most OVHCLOUD_TEST_WORKBENCHES of them (default 2: three at once overloaded a 2-core machine) run at once. `results`
// names the folder under test-results/ where a mocha layer leaves results.json (failing
// tests) plus, on failure, screenshots and logs. `repeatable` layers are what
// `npm run test:repeat` runs (whole); `npm test` runs the long ones in two parts side by
// side (`parts`), the same expression in and out (OVHCLOUD_TEST_FILES, test/harness/fileFilter.ts),
// so every test file runs in exactly one part.
const workbenchNeeds = ['build', 'compile tests', 'code-server'];

/** The longest suites of a layer run in one part, the others in the second. */
function inParts(layer, files, suffix) {
  return [
    { ...layer, name: `${layer.name} [${suffix}]`, command: `OVHCLOUD_TEST_FILES='${files}' ${layer.command}`, results: `${layer.results}${part(files)}` },
    {
      ...layer,
      name: `${layer.name} [the other suites]`,
      command: `OVHCLOUD_TEST_FILES='!${files}' ${layer.command}`,
      results: `${layer.results}${part(`!${files}`)}`,
    },
  ];
}

// The same folder name as test/harness/fileFilter.ts partSuffix().
function part(filter) {
  return `-${filter.startsWith('!') ? 'without-' : ''}${filter
    .replace(/^!/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

const e2e = { name: 'e2e', command: 'npm run test:e2e', results: 'e2e', repeatable: true, workbench: true, needs: workbenchNeeds };
const integration = {
  name: 'integration (development folder)',
  command: 'npm run test:integration',
  results: 'integration',
  repeatable: true,
  workbench: true,
  needs: workbenchNeeds,
};

// The suites about days (expiry days, relative words, month names, exports, the outlook) run again
// under these zones: a date formatted as a moment instead of a day shows the day before
// west of Paris and can show the day after east of it.
const DATE_ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Paris', 'UTC'];
// The 5000-service calendar round trip is about volume, not days, and takes most of the time.
const DATE_SUITES =
  '^(?!.*5000 services).*(Expiry day on every surface|renewal/dates|format/dates|renewal/expiry|renewal/renewedExpiry|views: descriptions and tooltips|outlook|calendar and CSV|Renew panel formatting|Renew Expiring Services)';

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
  // The model-based test of the money core: the fixed CI set of random programs (test/money/run.ts).
  { name: 'money model', command: 'npm run test:money', needs: ['compile tests'] },
  ...DATE_ZONES.map((zone) => ({
    name: `unit (dates, TZ=${zone})`,
    command: `TZ=${zone} OVHCLOUD_TEST_RESULTS=unit-tz-${zone.replace(/\W+/g, '-')} OVHCLOUD_TEST_GREP='${DATE_SUITES}' node out/test/harness/runUnit.js`,
    results: `unit-tz-${zone.replace(/\W+/g, '-')}`,
    needs: ['compile tests'],
  })),
  { ...e2e, parts: inParts(e2e, '^(accessibility|twoWindows)\\.', 'accessibility, two windows') },
  { ...integration, parts: inParts(integration, '^faultMatrix\\.', 'fault matrix') },
  {
    name: 'integration (Dutch)',
    command: 'OVHCLOUD_TEST_LOCALE=nl OVHCLOUD_TEST_GREP=Localization node out/test/harness/runIntegration.js',
    results: 'integration-nl',
    repeatable: true,
    workbench: true,
    needs: workbenchNeeds,
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

/** What `npm test` runs: each layer, or its parts. */
export const stages = layers.flatMap((layer) => layer.parts ?? [layer]);
