/**
 * OVHCLOUD_TEST_FILES narrows a suite to some of its test files: a regular expression on the
 * file name, or `!` and one to leave those files out. `npm test` runs a layer as two parts
 * side by side with the same expression both ways, so every file runs in exactly one part.
 */
export function selectTestFiles(files: readonly string[], filter = process.env.OVHCLOUD_TEST_FILES): string[] {
  if (!filter) return [...files];
  const exclude = filter.startsWith('!');
  const pattern = new RegExp(exclude ? filter.slice(1) : filter);
  return files.filter((file) => pattern.test(file) !== exclude);
}

/** The results folder of a layer run in parts: `integration` stays `integration`, a part gets its own. */
export function partSuffix(filter = process.env.OVHCLOUD_TEST_FILES): string {
  if (!filter) return '';
  return `-${filter.startsWith('!') ? 'without-' : ''}${filter
    .replace(/^!/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
