/**
 * The user's locale, and names sorted the way people of that locale sort them. Pure.
 */
import { collator } from './intlCache';

/**
 * The locale for Intl formatting, from vscode.env.language. VS Code's language ids are
 * BCP 47 tags in practice, but Intl throws on a malformed tag; a bad value must never
 * break the tree, so anything Intl rejects falls back to English.
 */
export function safeLocale(language: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(language || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Names as people sort them: "vps-2" before "vps-10", case and accents ignored. */
const NAME_ORDER: Intl.CollatorOptions = { sensitivity: 'base', numeric: true };

/**
 * Compares names in the locale. The collator is made on the first comparison: the first
 * collator of a locale costs milliseconds (the badge sorts a few urgent services at
 * activation, and rarely compares names).
 */
export function compareNames(locale: string): (a: string, b: string) => number {
  let names: Intl.Collator | undefined;
  return (a, b) => (names ??= collator(locale, NAME_ORDER)).compare(a, b);
}
