/** CSV text as RFC 4180 describes it: comma separators, CRLF line ends, quotes only where needed. */

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows (the first one is the header) as CSV text. `bom` adds the UTF-8 byte order mark that makes
 * spreadsheet programs read accents correctly.
 */
export function toCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const text = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return options.bom ? `\uFEFF${text}` : text;
}
