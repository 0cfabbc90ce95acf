import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Finds every runtime string the extension translates, by reading src/**\/*.ts with
 * the TypeScript compiler API (no type checking, syntax only):
 *
 * - the first argument of calls to `l10n.t`, `vscode.l10n.t`, a bare `t`, or any
 *   property access ending in `.t` (`this.deps.t`, `context.t`, `deps.t`), which is
 *   vscode.l10n.t at run time;
 * - the values of `PANEL_STRINGS` (src/protocol/renewPanel.ts) and `BATCH_STRINGS`
 *   (src/protocol/batchPanel.ts), which the hosts translate one by one for their webviews.
 *
 * A translate call whose first argument is not a string literal (or a template
 * literal without substitutions) cannot be extracted; it is reported as a problem.
 */

// Compiled to out/test/unit/l10n; the project root is four levels up.
export const PROJECT_ROOT = path.resolve(__dirname, '../../../..');
export const SOURCE_ROOT = path.join(PROJECT_ROOT, 'src');
export const L10N_DIR = path.join(PROJECT_ROOT, 'l10n');
export const LANGUAGES = ['nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Occurrence {
  readonly file: string; // relative to the project root, with forward slashes
  readonly line: number; // 1-based
}

export interface Extraction {
  /** English message → where it occurs. */
  readonly strings: Map<string, Occurrence[]>;
  /** Translate calls whose first argument is not a literal (and malformed PANEL_STRINGS entries). */
  readonly problems: Problem[];
}

export interface Problem extends Occurrence {
  /** The offending source text, whitespace collapsed. */
  readonly text: string;
}

export const formatProblem = (problem: Problem): string => `${problem.file}:${problem.line}: ${problem.text}`;

export function sourceFiles(dir = SOURCE_ROOT): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

/** `t`, `l10n.t`, `vscode.l10n.t`, `x.y.t`: any callee whose last name is `t`. */
function isTranslateCallee(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === 't';
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 't';
  return false;
}

/** The webviews' fixed texts, which their hosts translate one by one. */
const STRING_TABLES = new Set(['PANEL_STRINGS', 'BATCH_STRINGS']);

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

export function extractFromSource(fileName: string, text: string, into: Extraction): void {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const where = (node: ts.Node): Occurrence => ({
    file: fileName,
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
  });
  const add = (message: string, node: ts.Node): void => {
    const list = into.strings.get(message) ?? [];
    list.push(where(node));
    into.strings.set(message, list);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isTranslateCallee(node.expression)) {
      const first = node.arguments[0];
      const message = first === undefined ? undefined : literalText(first);
      if (message !== undefined) add(message, first!);
      else into.problems.push({ ...where(node), text: node.getText(source).replace(/\s+/g, ' ').slice(0, 160) });
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && STRING_TABLES.has(node.name.text) && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) into.problems.push({ ...where(node), text: 'PANEL_STRINGS is not an object literal' });
      else {
        for (const property of init.properties) {
          const value = ts.isPropertyAssignment(property) ? literalText(property.initializer) : undefined;
          if (value !== undefined) add(value, property);
          else into.problems.push({ ...where(property), text: `PANEL_STRINGS entry is not a string literal: ${property.getText(source)}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

export function extractAll(files = sourceFiles()): Extraction {
  const extraction: Extraction = { strings: new Map(), problems: [] };
  for (const file of files) {
    const relative = path.relative(PROJECT_ROOT, file).split(path.sep).join('/');
    extractFromSource(relative, readFileSync(file, 'utf8'), extraction);
  }
  return extraction;
}

export function readJson(file: string): Record<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} is not a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new Error(`${file}: the value of ${JSON.stringify(key)} is not a string`);
  }
  return parsed as Record<string, string>;
}

export function readBundle(language: Language): Record<string, string> {
  return readJson(path.join(L10N_DIR, `bundle.l10n.${language}.json`));
}

/** The `{0}`-style placeholders of a message, sorted, with repeats. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\d+)\}/g)].map((match) => match[0]).sort();
}

// CLI: `node out/test/unit/l10n/extract.js` prints the extracted strings as JSON.
if (require.main === module) {
  const { strings, problems } = extractAll();
  const out = Object.fromEntries([...strings.keys()].sort().map((key) => [key, strings.get(key)!.map((o) => `${o.file}:${o.line}`)]));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  for (const problem of problems) process.stderr.write(`not a literal: ${formatProblem(problem)}\n`);
  process.stderr.write(`${strings.size} strings, ${problems.length} problems\n`);
}
