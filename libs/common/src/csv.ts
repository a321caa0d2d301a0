/** A cell: text as it is, a number as written, nothing as an empty cell. */
export type CsvCell = string | number | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection), with their
 * full-width forms ＝ ＋ － ＠, which a Japanese IME types and Excel converts on opening.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number') return `"${String(value)}"`;
  // Text that would start a formula is kept as text with a leading apostrophe, as OWASP advises.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A CSV file as Excel in Japan opens it: UTF-8 with a BOM, CRLF line ends, every cell quoted.
 * Text beginning with = + - @ (half- or full-width, or a tab or carriage return) is prefixed with
 * an apostrophe, so no cell runs as a formula.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
