/**
 * A registry file (desa, layanan, instansi, the bazar day sheet) as a table of text cells, read
 * from CSV or from an .xlsx workbook alike, so every importer takes both without knowing which.
 * A workbook's cells become the text a CSV export of them would hold (cellText), so a desa code
 * typed as a number imports the same as in CSV.
 */
import path from 'node:path';
import { readCsvFile, type CsvRecord, type CsvTable, type Encoding } from './csv.js';
import { UserError } from './errors.js';
import { cellText, readWorkbook, spreadsheetKind, type SheetData } from './xlsx.js';

/** Reads `file` as CSV, or as a workbook when its content (or extension) says it is one. */
export async function readTableFile(file: string, opts: { encoding?: Encoding } = {}): Promise<CsvTable> {
  if (spreadsheetKind(file) === null) return readCsvFile(file, opts);
  return tableFromSheets(path.basename(file), await readWorkbook(file));
}

const blank = (v: string) => v.trim() === '';

/**
 * The first sheet holding any data, as a table: its first non-empty row is the header, the
 * following non-empty rows are records. Positions are kept (line = Excel row, value index = sheet
 * column), so a problem is reported at its real cell.
 */
export function tableFromSheets(name: string, sheets: SheetData[]): CsvTable {
  for (const sheet of sheets) {
    const rows = sheet.rows.map((r) => r.map(cellText));
    const h = rows.findIndex((r) => !r.every(blank));
    if (h < 0) continue;
    const records: CsvRecord[] = [];
    for (let r = h + 1; r < rows.length; r++) if (!rows[r].every(blank)) records.push({ line: r + 1, values: rows[r] });
    return { file: name, sheet: sheet.name, delimiter: '', encoding: 'utf-8', header: rows[h].map((v) => v.trim()), records };
  }
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  throw new UserError(`${name}: buku kerja kosong (tidak ada lembar berisi data; lembar: ${names}).`, {
    hint: 'Isi baris judul kolom di baris pertama lembar, lalu datanya di baris-baris berikutnya.',
  });
}
