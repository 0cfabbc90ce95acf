import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isBrandOnly, lostTokens } from './checks';
import { extractAll, extractFromSource, formatProblem, LANGUAGES, placeholders, PROJECT_ROOT, readBundle, type Extraction, type Language } from './extract';

/**
 * The runtime strings (vscode.l10n.t and the renew panel's PANEL_STRINGS) against
 * l10n/bundle.l10n.<lang>.json: nothing missing, nothing stale, the same {n}
 * placeholders, and real translations rather than English copies.
 */

/**
 * Translate calls that cannot have a literal argument, by design. The renew panel
 * translates each PANEL_STRINGS value in a loop; the extractor reads those values
 * from PANEL_STRINGS itself.
 */
const KNOWN_DYNAMIC_CALLS = [{ file: 'src/webviewHost/webviewHost.ts', text: 'vscode.l10n.t(english)' }];

/**
 * English messages a translation may keep word for word, because the word is the
 * same in that language (or is the name OVHcloud's own site uses). Brand names,
 * acronyms and codicons are allowed without being listed (see isBrandOnly).
 */
export const SAME_AS_ENGLISH: Record<Language, readonly string[]> = {
  nl: ['Account', 'Dedicated server', 'Dedicated servers', 'Filter: {0}', 'Later', 'Product', 'Status'],
  fr: ['Option', 'Options', 'Service', 'Total', '{0} services'],
};

const list = (items: readonly string[]): string => items.map((item) => `\n  ${JSON.stringify(item)}`).join('');

// Parsing every source file is the slow part (seconds on a loaded machine): done once, when the
// suites are defined, outside any test's time limit, and shared by every test that reads it.
let extracted: Extraction | undefined;
const sources = (): Extraction => (extracted ??= extractAll());

suite('l10n: extractor', () => {
  const sample = (text: string): Extraction => {
    const extraction: Extraction = { strings: new Map(), problems: [] };
    extractFromSource('sample.ts', text, extraction);
    return extraction;
  };

  test('finds l10n.t, vscode.l10n.t, t and any *.t call, and PANEL_STRINGS values', () => {
    const { strings, problems } = sample(`
      vscode.l10n.t('one {0}', x);
      l10n.t("two");
      t(\`three\`);
      this.deps.t('four');
      context.t('five', 1, 2);
      export const PANEL_STRINGS = { a: 'six', b: "seven {0}" } as const;
      other('not me'); tt('nor me'); x.translate('nor me'); x.t2('nor me');
    `);
    assert.deepEqual([...strings.keys()].sort(), ['five', 'four', 'one {0}', 'seven {0}', 'six', 'three', 'two']);
    assert.deepEqual(strings.get('four'), [{ file: 'sample.ts', line: 5 }]);
    assert.deepEqual(problems, []);
  });

  test('reports translate calls whose message is not a literal', () => {
    const { strings, problems } = sample(`
      t(message);
      vscode.l10n.t(\`Hello \${name}\`);
      deps.t('a' + b);
      t();
      const PANEL_STRINGS = { a: 'ok', b: other };
    `);
    assert.deepEqual([...strings.keys()], ['ok']);
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [2, 3, 4, 5, 6],
      problems.map(formatProblem).join('\n'),
    );
  });

  test('the sources have translatable strings, the panel strings among them', () => {
    const { strings } = sources();
    assert.ok(strings.size > 150, `only ${strings.size} strings found: is the extractor looking at src/?`);
    assert.ok(strings.has('Preview order'), 'PANEL_STRINGS.previewOrder is extracted');
    assert.ok(strings.has('Renew {0}'));
  });

  test('every translate call in src/ has a literal message', () => {
    const { problems } = sources();
    const unexpected = problems.filter((problem) => !KNOWN_DYNAMIC_CALLS.some((known) => known.file === problem.file && known.text === problem.text));
    assert.deepEqual(unexpected.map(formatProblem), [], `translate calls without a literal message cannot be extracted:${list(unexpected.map(formatProblem))}`);
  });
});

suite('l10n: runtime bundles', () => {
  const { strings } = sources();
  const english = [...strings.keys()].sort();
  const where = (message: string): string => {
    const first = strings.get(message)?.[0];
    return first ? ` (${first.file}:${first.line})` : '';
  };

  for (const language of LANGUAGES) {
    suite(`bundle.l10n.${language}.json`, () => {
      let bundle: Record<string, string>;
      suiteSetup(() => {
        bundle = readBundle(language);
      });

      test('translates every string of the sources', () => {
        const missing = english.filter((message) => !Object.hasOwn(bundle, message));
        assert.deepEqual(missing, [], `${missing.length} string(s) missing in ${language}:${list(missing.map((message) => message + where(message)))}`);
      });

      test('has no stale keys (strings the sources no longer use)', () => {
        const stale = Object.keys(bundle).filter((message) => !strings.has(message));
        assert.deepEqual(stale, [], `${stale.length} stale key(s) in ${language}:${list(stale)}`);
      });

      test('keeps exactly the {n} placeholders of the English message', () => {
        const wrong = Object.entries(bundle)
          .filter(([message, translation]) => placeholders(message).join() !== placeholders(translation).join())
          .map(([message, translation]) => `${message} → ${translation}`);
        assert.deepEqual(wrong, [], `placeholders differ in ${language}:${list(wrong)}`);
      });

      test('keeps URLs, codicons, command links and code unchanged, and a trailing ellipsis', () => {
        const wrong = Object.entries(bundle)
          .filter(([message, translation]) => lostTokens(message, translation).length > 0 || message.endsWith('…') !== translation.endsWith('…'))
          .map(([message, translation]) => `${message} → ${translation}`);
        assert.deepEqual(wrong, [], `tokens lost in ${language}:${list(wrong)}`);
      });

      test('translations are non-empty and not English copies', () => {
        const allowed = new Set(SAME_AS_ENGLISH[language]);
        const empty = Object.entries(bundle)
          .filter(([, translation]) => translation.trim() === '')
          .map(([message]) => message);
        assert.deepEqual(empty, [], `empty translations in ${language}:${list(empty)}`);
        const copies = Object.entries(bundle)
          .filter(([message, translation]) => translation === message && !allowed.has(message) && !isBrandOnly(message))
          .map(([message]) => message);
        assert.deepEqual(copies, [], `still English in ${language} (translate them, or list them in SAME_AS_ENGLISH if the word is the same):${list(copies)}`);
      });

      test('the same-as-English list holds only strings the sources use', () => {
        const unknown = SAME_AS_ENGLISH[language].filter((message) => !strings.has(message));
        assert.deepEqual(unknown, [], `SAME_AS_ENGLISH.${language} lists strings no longer in the sources:${list(unknown)}`);
      });
    });
  }

  test('bundles live where package.json "l10n" points', () => {
    const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { l10n?: unknown };
    assert.equal(path.posix.normalize(String(manifest.l10n)), 'l10n');
  });
});
