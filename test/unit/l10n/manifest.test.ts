import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isBrandOnly, lostTokens } from './checks';
import { LANGUAGES, placeholders, PROJECT_ROOT, readJson, type Language } from './extract';

/**
 * package.json's %key% placeholders against package.nls.json (English) and its
 * package.nls.<lang>.json translations.
 */

/** Manifest values a translation may keep word for word (same word in that language). */
const SAME_AS_ENGLISH: Record<Language, readonly string[]> = {
  nl: [],
  fr: ['view.services.name'],
};

const list = (items: readonly string[]): string => items.map((item) => `\n  ${item}`).join('');

/** Every %key% in the manifest, with where it is (a JSON path). */
function manifestReferences(): Map<string, string[]> {
  const manifest: unknown = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const found = new Map<string, string[]>();
  const visit = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const match = /^%([^%\s]+)%$/.exec(value);
      if (match) found.set(match[1], [...(found.get(match[1]) ?? []), at]);
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}[${index}]`));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, `${at}.${key}`);
  };
  visit(manifest, '$');
  return found;
}

suite('l10n: package.json and package.nls.*.json', () => {
  const references = manifestReferences();
  const english = readJson(path.join(PROJECT_ROOT, 'package.nls.json'));

  test('the manifest uses %key% placeholders', () => {
    assert.ok(references.size > 20, `only ${references.size} %key% references in package.json`);
  });

  test('every %key% of package.json exists in package.nls.json', () => {
    const missing = [...references].filter(([key]) => !Object.hasOwn(english, key)).map(([key, at]) => `${key} (${at.join(', ')})`);
    assert.deepEqual(missing, [], `missing in package.nls.json:${list(missing)}`);
  });

  test('every key of package.nls.json is used by package.json', () => {
    const unused = Object.keys(english).filter((key) => !references.has(key));
    assert.deepEqual(unused, [], `unused keys in package.nls.json:${list(unused)}`);
  });

  for (const language of LANGUAGES) {
    suite(`package.nls.${language}.json`, () => {
      let translated: Record<string, string>;
      suiteSetup(() => {
        translated = readJson(path.join(PROJECT_ROOT, `package.nls.${language}.json`));
      });

      test('has every key of package.nls.json', () => {
        const missing = Object.keys(english).filter((key) => !Object.hasOwn(translated, key));
        assert.deepEqual(missing, [], `missing in package.nls.${language}.json:${list(missing)}`);
      });

      test('has no key that package.nls.json does not have', () => {
        const extra = Object.keys(translated).filter((key) => !Object.hasOwn(english, key));
        assert.deepEqual(extra, [], `stale keys in package.nls.${language}.json:${list(extra)}`);
      });

      test('keeps placeholders, codicons, link targets, command: URIs and setting references', () => {
        const wrong = Object.entries(translated)
          .filter(([key]) => Object.hasOwn(english, key))
          .flatMap(([key, value]) => {
            const lost = lostTokens(english[key], value);
            const samePlaceholders = placeholders(english[key]).join() === placeholders(value).join();
            return lost.length > 0 || !samePlaceholders ? [`${key}: lost ${lost.join(' ') || 'placeholders'}`] : [];
          });
        assert.deepEqual(wrong, [], `package.nls.${language}.json:${list(wrong)}`);
      });

      test('translations are non-empty and not English copies', () => {
        const allowed = new Set(SAME_AS_ENGLISH[language]);
        const wrong = Object.entries(translated)
          .filter(([key, value]) => value.trim() === '' || (value === english[key] && !allowed.has(key) && !isBrandOnly(value)))
          .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
        assert.deepEqual(wrong, [], `package.nls.${language}.json (translate them, or list the key in SAME_AS_ENGLISH):${list(wrong)}`);
      });
    });
  }
});
