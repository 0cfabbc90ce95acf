/**
 * The locale for Intl formatting, from vscode.env.language. VS Code's language ids are
 * BCP 47 tags in practice, but Intl throws on a malformed tag; a bad value must never
 * break the tree, so anything Intl rejects falls back to English. Pure.
 */
export function safeLocale(language: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(language || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}
