/**
 * Text checks shared by the bundle and manifest tests. Pure.
 */

/** Names and acronyms that stay the same in every language. */
export const BRAND_TERMS = ['OVHcloud', 'OVH', 'SoYouStart', 'Kimsufi', 'PayPal', 'VS Code', 'VPS', 'DNS', 'SSL', 'IP', 'API', 'URL', 'PDF', 'JSON'];

const CODICON = /\$\([a-z0-9~-]+\)/g;
const PLACEHOLDER = /\{\d+\}/g;

/**
 * Whether a message is made only of brand names, acronyms, codicons, placeholders and
 * punctuation, so that a translation identical to it is not an English leftover.
 */
export function isBrandOnly(message: string): boolean {
  let rest = message.replace(CODICON, ' ').replace(PLACEHOLDER, ' ');
  for (const term of BRAND_TERMS) rest = rest.split(term).join(' ');
  return !/\p{L}/u.test(rest);
}

/**
 * What a translation must carry over verbatim: URLs (markdown link targets among
 * them), command: URIs, codicons like $(sign-in), `code`, #setting.id# references,
 * setting ids and command-line flags.
 */
export function preservedTokens(text: string): string[] {
  const patterns = [
    /https?:\/\/[^\s)"'»,]*/g,
    /\]\(([^)]+)\)/g,
    /command:[\w.]+/g,
    CODICON,
    /`[^`]+`/g,
    /#[\w.]+#/g,
    /\bovhcloud\.[\w.]*\w/g,
    /(?<![\w-])--[\w-]+(?:=\w+)?/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? match[0]));
}

/** The tokens of `english` that `translation` lost. */
export function lostTokens(english: string, translation: string): string[] {
  return [...new Set(preservedTokens(english))].filter((token) => !translation.includes(token));
}
