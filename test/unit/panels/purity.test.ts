import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/unit/panels; the sources live in <repo>/src/panels.
const SOURCE_DIR = path.resolve(__dirname, '../../../../src/panels/pure');

/** The modules that hold the money invariants run without VS Code, so they are unit-tested for real. */
const PURE = readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts'));

suite('panels: the money modules do not import vscode', () => {
  for (const name of PURE) {
    test(name, () => {
      const source = readFileSync(path.join(SOURCE_DIR, name), 'utf8');
      assert.ok(source.length > 0);
      assert.doesNotMatch(source, /from\s+'vscode'|require\(\s*'vscode'\s*\)/, `${name} imports vscode`);
    });
  }
});
