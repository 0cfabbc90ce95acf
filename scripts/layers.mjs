// The test layers, in the order `npm test` runs them: one list for `npm test` and
// `npm run test:repeat`. `results` names the folder under test-results/ where a mocha
// layer leaves results.json (failing tests) plus, on failure, screenshots and logs.

// The suites about days (expiry days, relative words, exports, the outlook) run again
// under these zones: a date formatted as a moment instead of a day shows the day before
// west of Paris and can show the day after east of it.
const DATE_ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Paris', 'UTC'];
// The 5000-service calendar round trip is about volume, not days, and takes most of the time.
const DATE_SUITES =
  '^(?!.*5000 services).*(Expiry day on every surface|renewal/dates|renewal/expiry|renewal/renewedExpiry|views: descriptions and tooltips|outlook|calendar and CSV|Renew panel formatting|Renew Expiring Services)';

export const layers = [
  { name: 'lint', command: 'npm run lint' },
  { name: 'type-check', command: 'npm run check-types' },
  { name: 'build', command: 'npm run build' },
  { name: 'compile tests', command: 'npm run compile-tests' },
  { name: 'unit', command: 'npm run test:unit', results: 'unit', repeatable: true },
  // The model-based test of the money core: a fixed set of programs (same seed every run).
  { name: 'money model', command: 'npm run test:money' },
  ...DATE_ZONES.map((zone) => ({
    name: `unit (dates, TZ=${zone})`,
    command: `TZ=${zone} OVHCLOUD_TEST_RESULTS=unit-tz OVHCLOUD_TEST_GREP='${DATE_SUITES}' node out/test/harness/runUnit.js`,
    results: 'unit-tz',
  })),
  { name: 'integration (development folder)', command: 'npm run test:integration', results: 'integration', repeatable: true },
  {
    name: 'integration (Dutch)',
    command: 'OVHCLOUD_TEST_LOCALE=nl OVHCLOUD_TEST_GREP=Localization node out/test/harness/runIntegration.js',
    results: 'integration-nl',
    repeatable: true,
  },
  { name: 'integration (installed .vsix)', command: 'npm run test:integration:vsix', results: 'integration-vsix', repeatable: true },
  { name: 'e2e', command: 'npm run test:e2e', results: 'e2e', repeatable: true },
  { name: 'bench budgets', command: 'npm run bench:quick' },
];
