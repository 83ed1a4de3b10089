/**
 * CSV for the small files staff edit in Excel (desa list, catalog, bazar sheets).
 * Reading: `,` `;` or tab (sniffed), UTF-8 with or without BOM, or Windows-1252; CRLF or LF.
 * Writing: UTF-8 with BOM and CRLF so that Excel on Windows opens it with the right characters.
 * Formula injection: a text cell that Excel would run as a formula (it begins with = + - @ tab or
 * CR) is written with a leading apostrophe, as the OWASP guidance advises; reading removes exactly
 * that apostrophe, so a value exported and imported back is unchanged.
 * (Large survey exports are streamed by src/survey, not read here.)
 */
import fs from 'node:fs';
import { removeStaleTemps } from './tempfiles.js';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileWriteError, UserError } from './errors.js';
import { decodeWindows1252 } from './windows1252.js';

const require = createRequire(import.meta.url);

export type Encoding = 'utf-8' | 'windows-1252';

/** Decodes bytes as UTF-8 (BOM stripped) or, when they are not valid UTF-8, as Windows-1252. */
export function decodeText(buf: Buffer, encoding?: Encoding): { text: string; encoding: Encoding } {
  if (encoding === 'windows-1252') return { text: decodeWindows1252(buf), encoding };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
    return { text, encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') throw new UserError('Berkas bukan teks UTF-8 yang valid.');
    return { text: decodeWindows1252(buf), encoding: 'windows-1252' };
  }
}

/** True when the bytes look like a binary file (NUL bytes) rather than text. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Picks the delimiter that splits the header line into the most fields, ignoring quoted parts. */
export function sniffDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch]++;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file. */
  line: number;
  values: string[];
}

export interface CsvTable {
  file: string;
  /** Set when the table came from a workbook sheet: record lines are then Excel row numbers and
   *  value indexes are sheet columns (A = 0), so problems name the cell. */
  sheet?: string;
  delimiter: string;
  encoding: Encoding;
  header: string[];
  records: CsvRecord[];
}

/** The table's name in a message: the file, and for a workbook its sheet (`desa.xlsx, lembar "Desa"`). */
export function tableName(t: CsvTable): string {
  return t.sheet === undefined ? t.file : `${t.file}, lembar "${t.sheet}"`;
}

/** Reads a whole (small) CSV file. Throws UserError naming file, line and column on malformed input. */
export function readCsvFile(file: string, opts: { encoding?: Encoding } = {}): CsvTable {
  const name = path.basename(file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    throw fileReadError(file, e);
  }
  if (looksBinary(buf)) throw new UserError(`${name}: berkas ini bukan CSV maupun buku kerja Excel .xlsx (berisi data biner).`, { hint: 'Simpan dari Excel sebagai Excel Workbook (.xlsx) atau CSV UTF-8.' });
  const { text, encoding } = decodeText(buf, opts.encoding);
  return parseCsvText(text, name, encoding);
}

export function parseCsvText(text: string, name: string, encoding: Encoding = 'utf-8'): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new UserError(`${name}: berkas kosong.`);
  const firstLine = body.split(/\r?\n/, 1)[0];
  const delimiter = sniffDelimiter(firstLine);
  const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
  // Parse bytes so that info.bytes (end offset of each record, delimiter included) can be mapped
  // back to line numbers; csv-parse's own line counter miscounts CRLF inside quoted fields.
  const bytes = Buffer.from(body, 'utf8');
  let rows: { record: string[]; info: { bytes: number } }[];
  try {
    rows = parse(bytes, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message?: string; code?: string };
    const where = err.lines ? `, baris ${err.lines}` : '';
    const reason =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'tanda kutip (") dibuka tetapi tidak ditutup'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'tanda kutip (") di tengah nilai; apit nilai dengan kutip dan gandakan kutip di dalamnya'
          : (err.message ?? 'format CSV tidak valid');
    throw new UserError(`${name}${where}: ${reason}.`);
  }
  if (rows.length === 0) throw new UserError(`${name}: berkas kosong.`);
  const records: CsvRecord[] = [];
  const header = rows[0].record.map((h) => h.trim());
  // Walk the bytes once, counting newlines up to each record's first byte.
  let pos = 0;
  let line = 1;
  const advanceTo = (offset: number) => {
    for (; pos < offset; pos++) if (bytes[pos] === 0x0a) line++;
  };
  for (let i = 1; i < rows.length; i++) {
    let start = rows[i - 1].info.bytes;
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++;
    advanceTo(start);
    const { record } = rows[i];
    if (record.every((v) => v.trim() === '')) continue;
    records.push({ line, values: record.map(unguardFormula) });
  }
  return { file: name, delimiter, encoding, header, records };
}

// Characters that make Excel (and LibreOffice) treat a cell as a formula. Any run of apostrophes
// before them is part of the pattern so that the guard is reversible: a value that already begins
// with "'=" gains a second apostrophe on export and loses exactly one on import.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
// A plain number written as text (a toFixed result, a negative difference) cannot run as a formula
// and must stay a number when Excel opens the file.
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)*%?$/;

/** Neutralises a text cell that a spreadsheet would evaluate, by prefixing an apostrophe. */
export function guardFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** Inverse of guardFormula: removes the apostrophe the writer added, and nothing else. */
export function unguardFormula(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}

/** A decimal written as text by the program (`83.38`, `-1.25`, `12.5%`; toFixed results). */
const DECIMAL_TEXT = /^-?\d+\.\d+%?$/;

/**
 * A `;`-separated file is the one Excel opens with Indonesian (or other comma-decimal) regional
 * settings, and there a decimal point makes `83.38` text (or 8.338). Such files get a decimal
 * comma in every number; `,` and tab files keep the plain point that scripts read.
 */
export function decimalFor(delimiter: string, s: string): string {
  return delimiter === ';' && DECIMAL_TEXT.test(s) ? s.replace('.', ',') : s;
}

export interface CsvOptions {
  /**
   * Text cells that are decimals (`83.38`, the toFixed figures of reports) get the `;` file's
   * decimal comma too (default). Registry exports say false: their text is what staff typed and
   * must import back unchanged.
   */
  desimalTeks?: boolean;
}

/** Escapes one CSV field. Numbers are written as numbers; text passes through guardFormula. */
function csvField(value: unknown, delimiter: string, opts: CsvOptions): string {
  if (value === null || value === undefined) return '';
  const text = (s: string) => (opts.desimalTeks === false ? s : decimalFor(delimiter, s));
  const s = typeof value === 'number' || typeof value === 'bigint' ? decimalFor(delimiter, String(value)) : text(guardFormula(String(value)));
  if (s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r') || /^\s|\s$/.test(s)) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

const csvLine = (r: unknown[], delimiter: string, opts: CsvOptions = {}) => r.map((v) => csvField(v, delimiter, opts)).join(delimiter);

/** Builds Excel-friendly CSV text: UTF-8 BOM, CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][], delimiter = ',', opts: CsvOptions = {}): string {
  const lines = [header, ...rows].map((r) => csvLine(r, delimiter, opts));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * Writes the same bytes as toCsv atomically (see writeFileAtomic), taking the rows one at a time,
 * so a table of a million respondents is never held in memory.
 */
export function writeCsvAtomic(file: string, header: string[], rows: Iterable<unknown[]>, delimiter = ','): void {
  writeAtomic(file, (fd) => {
    let buf = '\uFEFF' + csvLine(header, delimiter) + '\r\n';
    for (const r of rows) {
      buf += csvLine(r, delimiter) + '\r\n';
      if (buf.length >= 1 << 16) {
        writeAll(fd, buf);
        buf = '';
      }
    }
    writeAll(fd, buf);
  });
}

export function fileReadError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`Berkas tidak ditemukan: ${file}`);
  if (code === 'EISDIR') return new UserError(`${file} adalah folder, bukan berkas.`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`Tidak ada izin membaca berkas: ${file}`);
  return new UserError(`Tidak dapat membaca ${file}: ${(e as Error).message}`);
}

/**
 * writeFileAtomic without blocking: the write and rename run on libuv's threads while the caller
 * goes on (the poster writer draws the next PDF meanwhile). The folder must exist.
 */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  removeStaleTemps(dir);
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw fileWriteError(file, e);
  }
}

/**
 * Writes a file atomically: to a temporary file beside it, then rename. A failure never leaves a
 * half-written file at the destination.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  writeAtomic(file, (fd) => writeAll(fd, data));
}

/** write(2) may write less than asked (fs.writeFileSync loops the same way). */
function writeAll(fd: number, data: string | Uint8Array): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off, buf.length - off);
}

/** writeFileAtomic with the content written by `fill` into the open temporary file. */
function writeAtomic(file: string, fill: (fd: number) => void): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  removeStaleTemps(dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      fill(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* ignore */
    }
    // a failure of what produces the content (a database read) is not a write failure
    throw typeof (e as NodeJS.ErrnoException).syscall === 'string' ? fileWriteError(file, e) : e;
  }
}
