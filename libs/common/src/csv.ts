/** A cell: text as it is, a number as written, nothing as an empty cell. */
export type CsvCell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '""';
  if (typeof value === 'number') return `"${String(value)}"`;
  // Text that would start a formula is kept as text with a leading apostrophe, as OWASP advises.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A CSV file as Excel in Japan opens it: UTF-8 with a BOM, CRLF line ends, every cell quoted.
 * Text beginning with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so
 * no cell runs as a formula.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
