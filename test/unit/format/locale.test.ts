import * as assert from 'node:assert/strict';
import { compareNames, safeLocale } from '../../../src/format';

suite('format/locale', () => {
  test('a language id Intl rejects falls back to English instead of breaking the tree', () => {
    assert.equal(safeLocale('fr'), 'fr');
    assert.equal(safeLocale('pt-br'), 'pt-BR');
    assert.equal(safeLocale('not a locale!'), 'en');
    assert.equal(safeLocale(undefined), 'en');
    assert.equal(safeLocale(''), 'en');
  });

  test('names sort as people sort them: numbers by value, case and accents ignored', () => {
    const names = ['vps-10', 'Émile', 'vps-2', 'emile', 'alpha'];
    assert.deepEqual([...names].sort(compareNames('en')), ['alpha', 'Émile', 'emile', 'vps-2', 'vps-10']);
  });
});
