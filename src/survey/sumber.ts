/**
 * The read stage of `paten survey import`: a file becomes one or more tables of text cells with
 * their positions, whatever it was saved as. A CSV file is one table, streamed from disk (it can be
 * large); an .xlsx workbook gives one table per sheet, read whole through src/core/xlsx.ts (Excel
 * caps a sheet at about a million rows, and offices' workbooks are far smaller). Every later stage
 * (header, mapping, row checks, storing) sees the same shape: records of strings with the line
 * (for a sheet, the Excel row number) they start on.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileReadError } from '../core/csv.js';
import { UserError } from '../core/errors.js';
import { cellText, readWorkbook, spreadsheetKind } from '../core/xlsx.js';
import { examineFile, streamRecords, type FileFacts, type StreamResult, type SurveyEncoding } from './csv-stream.js';

export type OnRecord = (values: string[], line: number) => boolean | void;

/** One table of a survey file: the whole CSV file, or one sheet of a workbook. */
export interface SurveyTable {
  facts: FileFacts;
  format: 'csv' | 'xlsx';
  /** Sheet name for a workbook, null for CSV. */
  lembar: string | null;
  /**
   * What identifies this table's content for the duplicate-file check (stored as the batch's
   * sha256): the file's hash for CSV, the file's hash with the sheet name for a sheet, so each
   * sheet of a workbook is its own batch.
   */
  identitas: string;
  /** Rows in the table (known up front for a sheet; for CSV only after reading). */
  jumlahBaris: number | null;
  stream(onRecord: OnRecord, onProgress?: (done: number, total: number) => void): StreamResult;
}

export interface OpenOptions {
  encoding?: SurveyEncoding;
}

/** Sheet identity: hash of the file's hash and the sheet name. */
function sheetIdentity(fileSha: string, sheet: string): string {
  return crypto.createHash('sha256').update(`${fileSha}\n${sheet}`).digest('hex');
}

function csvTable(file: string, opts: OpenOptions): SurveyTable {
  const facts = examineFile(file, opts.encoding);
  return {
    facts,
    format: 'csv',
    lembar: null,
    identitas: facts.sha256,
    jumlahBaris: null,
    stream: (onRecord, onProgress) => streamRecords(facts, onRecord, onProgress ? (b) => onProgress(b, facts.size) : undefined),
  };
}

/** Rows of a sheet as records of text; rows that are entirely empty are passed on too (as []), like blank CSV lines. */
function sheetStream(rows: unknown[][], onRecord: OnRecord, onProgress?: (done: number, total: number) => void): StreamResult {
  let stopped = false;
  const total = rows.length;
  for (let r = 0; r < total && !stopped; r++) {
    const cells = rows[r] ?? [];
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] === null || cells[last] === undefined || cells[last] === '')) last--;
    const values = new Array<string>(last + 1);
    for (let c = 0; c <= last; c++) values[c] = cellText((cells[c] ?? null) as Parameters<typeof cellText>[0]);
    if (onRecord(values, r + 1) === false) stopped = true;
    if (onProgress && (r % 5000 === 4999 || r === total - 1)) onProgress(r + 1, total);
  }
  return { delimiter: '', lines: total, unclosedQuoteLine: null, stopped };
}

async function workbookTables(file: string): Promise<SurveyTable[]> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw fileReadError(file, e);
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const sheets = await readWorkbook(file);
  const facts: FileFacts = { file, name, size: bytes.length, sha256, encoding: 'utf-8' };
  return sheets.map((s) => ({
    facts,
    format: 'xlsx' as const,
    lembar: s.name,
    identitas: sheetIdentity(sha256, s.name),
    jumlahBaris: s.rows.length,
    stream: (onRecord: OnRecord, onProgress?: (done: number, total: number) => void) => sheetStream(s.rows, onRecord, onProgress),
  }));
}

/**
 * Opens a survey file as tables. Workbooks are told from CSV by their bytes, not their name; an old
 * .xls, an .ods or a password-protected workbook is refused by the xlsx reader with how to re-save it.
 */
export async function openSurveyFile(file: string, opts: OpenOptions = {}): Promise<SurveyTable[]> {
  const kind = spreadsheetKind(file);
  if (kind === null) return [csvTable(file, opts)];
  if (opts.encoding)
    throw new UserError(`${path.basename(file)} adalah buku kerja Excel, bukan teks: --encoding tidak berlaku untuknya.`, { hint: 'Hapus --encoding.' });
  return workbookTables(file);
}
