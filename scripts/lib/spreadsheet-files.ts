/**
 * Spreadsheet files in and out, through SheetJS (@e965/xlsx, the npm build of SheetJS): CSV (UTF-8 or
 * Windows-1252, comma or semicolon), XLSX and ODS are read; CSV and XLSX are written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { SheetCell } from '../../src/lib/editing/spreadsheet-columns.ts';

export interface SheetData {
  /** Cells of the first non-empty line, as text. */
  header: string[];
  /**
   * The following lines, cells as the file holds them: text in a CSV; text, numbers, true/false or
   * dates (at local midnight) in XLSX and ODS. Which type fits which column is the import's business.
   */
  rows: SheetCell[][];
  /** Spreadsheet line number of rows[0]. */
  firstDataLine: number;
}

export const SPREADSHEET_EXTENSIONS = ['.csv', '.xlsx', '.ods'] as const;

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), else Windows-1252, as Excel writes "CSV (séparateur : point-virgule)". */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads the first sheet of a CSV, XLSX or ODS file. Throws a French message for an unreadable file. */
export function readSpreadsheet(path: string): SheetData {
  const extension = extname(path).toLowerCase();
  if (!(SPREADSHEET_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new Error(`Le fichier « ${path} » n’est ni un .csv, ni un .xlsx, ni un .ods.`);
  }
  const bytes = readFileSync(path);
  let workbook: XLSX.WorkBook;
  try {
    workbook =
      extension === '.csv'
        ? // raw: keep "01000" and "2026-11-23" as written, never turned into numbers or dates.
          XLSX.read(decodeText(bytes), { type: 'string', raw: true, dense: true })
        : XLSX.read(bytes, { type: 'buffer', cellDates: true, dense: true });
  } catch (error) {
    throw new Error(
      `Le fichier « ${path} » ne peut pas être lu comme un tableur (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  const sheetName = workbook.SheetNames[0];
  const sheet = sheetName ? workbook.Sheets[sheetName] : undefined;
  if (!sheet || !sheet['!ref']) return { header: [], rows: [], firstDataLine: 2 };
  const startLine = XLSX.utils.decode_range(sheet['!ref']).s.r + 1;
  const lines = XLSX.utils.sheet_to_json<SheetCell[]>(sheet, { header: 1, raw: true, defval: '', blankrows: true });
  const headerIndex = lines.findIndex((line) => line.some((cell) => String(cell).trim()));
  if (headerIndex < 0) return { header: [], rows: [], firstDataLine: 2 };
  const header = (lines[headerIndex] as SheetCell[]).map((cell) => String(cell));
  return { header, rows: lines.slice(headerIndex + 1), firstDataLine: startLine + headerIndex + 1 };
}

/** Writes rows (first row = header) as an XLSX file with one sheet, text cells only. */
export function writeXlsx(path: string, rows: readonly (readonly string[])[], sheetName = 'Services'): void {
  const sheet = XLSX.utils.aoa_to_sheet(rows as string[][]);
  const header = rows[0] ?? [];
  sheet['!cols'] = header.map((name) => ({ wch: Math.min(Math.max(name.length + 2, 12), 40) }));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, sheetName);
  writeFileSync(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
