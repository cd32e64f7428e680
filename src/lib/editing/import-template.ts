/**
 * The downloadable template of the federations' spreadsheet: the header row only, so that an
 * example can never be imported by mistake (how to fill each column is in content/README.md and on
 * /donnees/).
 */
import { toCsv } from '../exports/csv-format.ts';
import { SPREADSHEET_COLUMNS } from './spreadsheet-columns.ts';

/** CSV text of the template (UTF-8 with BOM, so that spreadsheet programs read accents). */
export function importTemplateCsv(): string {
  return toCsv([SPREADSHEET_COLUMNS.map((c) => c.header)], { bom: true });
}
