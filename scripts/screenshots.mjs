// Copies the README's pictures from the last E2E run (test-results/e2e/) into
// media/screenshots/. `npm run screenshots` runs the E2E suite first, so every
// picture in the README comes from the test suite, never from a hand-made mock-up.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const PICTURES = [
  'services-tree.png',
  'services-tree-filtered.png',
  'services-tree-light.png',
  'services-tree-default-width-light.png',
  'a11y-hc-dark-order.png',
  'panel-compare-dark.png',
  'panel-preview-light.png',
  'panel-confirm-order-dark.png',
  'panel-ordered-dark.png',
  'panel-delivered-dark.png',
  'sign-in-validation-page.png',
  'batch-preview-dark.png',
  'batch-result-dark.png',
  'batch-result-light.png',
  'outlook-dark.png',
  'outlook-month-dark.png',
  'outlook-light.png',
];

const from = 'test-results/e2e';
const to = 'media/screenshots';
mkdirSync(to, { recursive: true });
const missing = PICTURES.filter((name) => !existsSync(join(from, name)));
if (missing.length > 0) {
  console.error(`Missing from ${from}: ${missing.join(', ')}. Run "npm run test:e2e" first.`);
  process.exit(1);
}
for (const name of PICTURES) copyFileSync(join(from, name), join(to, name));
console.log(`Copied ${PICTURES.length} screenshots to ${to}/`);
