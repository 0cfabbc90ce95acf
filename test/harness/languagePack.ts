import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';

/**
 * VS Code starts in a display language only when a language pack for it is
 * registered in <user-data>/languagepacks.json, and real packs come from the
 * marketplace, which these machines cannot reach. Registering an empty pack is
 * enough for vscode.env.language to become that locale, so the extension's own
 * l10n bundles load; VS Code's own texts stay in English.
 */
export function registerLanguagePack(locale: string, userDataDir: string): void {
  const translations = path.join(projectRoot, 'test', 'fixtures', 'language-pack', 'main.i18n.json');
  // The server reads the first extension's identifier when it lists installed languages.
  const extensions = [{ extensionIdentifier: { id: `test.language-pack-${locale}` }, version: '1.0.0' }];
  const packs = { [locale]: { hash: `test-${locale}`, label: locale, extensions, translations: { vscode: translations } } };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}
