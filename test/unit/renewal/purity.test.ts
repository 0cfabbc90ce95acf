import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/unit/renewal; the sources live in <repo>/src/renewal.
const SOURCE_DIR = path.resolve(__dirname, '../../../../src/renewal');

suite('renewal: purity', () => {
  const files = readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts'));

  test('the layer has sources', () => {
    assert.ok(files.includes('index.ts'));
  });

  for (const name of files) {
    test(`${name} imports only its own folder`, () => {
      const source = readFileSync(path.join(SOURCE_DIR, name), 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\brequire\(\s*'([^']+)'\s*\)|\bimport\(\s*'([^']+)'\s*\)/g)].map(
        (match) => match[1] ?? match[2] ?? match[3],
      );
      for (const specifier of specifiers) {
        assert.match(specifier, /^\.\/[\w.-]+$/, `${name} imports ${specifier}`);
      }
    });
  }
});
