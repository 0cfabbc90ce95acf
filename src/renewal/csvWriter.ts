/**
 * A CSV writer (RFC 4180): comma separated, CRLF line ends, a field quoted when
 * it holds a comma, a quote, a line break or edge spaces, quotes doubled.
 * A UTF-8 byte order mark leads the text so spreadsheet programs read
 * non-ASCII names (accents, IDN domains) as UTF-8 instead of a legacy code page.
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * gets a leading apostrophe: a service's display name is chosen by whoever
 * named it, and opening an export must never execute it.
 */

export const CSV_BOM = '\uFEFF';

export type CsvCell = string | number | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell, kind: 'text' | 'plain' = 'plain'): string {
  if (value === undefined) return '';
  let text = String(value);
  if (kind === 'text' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * `textColumns` lists the columns holding free text (names): only those get the
 * formula guard, so numbers such as a negative amount stay numbers.
 */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, textColumns: ReadonlySet<number> = new Set()): string {
  const lines = [header.map((cell) => csvField(cell, 'text')).join(',')];
  for (const row of rows) lines.push(row.map((cell, i) => csvField(cell, textColumns.has(i) ? 'text' : 'plain')).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
