/**
 * .xlsx workbooks as plain cell grids, and the one place that tells a workbook from a CSV file.
 *
 * Reading goes through read-excel-file (pinned, MIT, few small dependencies; exceljs is eight times
 * larger and unmaintained, SheetJS on npm carries unfixed CVEs). It is imported lazily because
 * start-up must stay fast. Everything a user can hand us that is not a readable .xlsx (old .xls,
 * .ods, a password-protected workbook, a truncated download, some other zip) becomes a UserError in
 * Indonesian naming the file and saying how to re-save it — never a stack trace.
 *
 * Cells keep their positions: rows[r][c] is Excel row r+1, column c (A = 0), so messages can name
 * the real cell (`lembar "KTP-el", sel F12`). Strings are not trimmed, like the CSV reader's fields.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { columnLetters, UserError } from './errors.js';

export type CellValue = string | number | boolean | Date | null;
export interface SheetData {
  name: string;
  /** rows[r][c]: r = 0 is Excel row 1, c = 0 is column A; leading empty rows and columns are kept. */
  rows: CellValue[][];
}
export type SpreadsheetKind = 'xlsx' | 'xls' | 'ods' | 'encrypted';

const SAVE_AS =
  'Buka berkas itu di Excel, pilih File → Save As → "Excel Workbook (.xlsx)" atau "CSV UTF-8", lalu impor berkas baru itu. ' +
  'Di LibreOffice: File → Save As → "Excel 2007-365 (.xlsx)".';

// ---------------------------------------------------------------------------------------------
// Telling the kind of a file by its bytes

/** Random access to bytes, so that a large CSV is never read whole just to learn it is a CSV. */
interface ByteSource {
  size: number;
  read(pos: number, len: number): Buffer;
}

function bufferSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: (pos, len) => buf.subarray(pos, Math.min(buf.length, pos + len)) };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// Stream names in an OLE2 directory are UTF-16LE; Office's "Encrypt with Password" wraps the
// whole .xlsx into these two streams.
const ENCRYPTED_STREAMS = ['EncryptedPackage', 'EncryptionInfo'].map((s) => Buffer.from(s, 'utf16le'));
const ODS_MIMETYPE = Buffer.from('application/vnd.oasis.opendocument.spreadsheet');

function kindFromBytes(src: ByteSource): SpreadsheetKind | 'zip' | null {
  const head = src.read(0, 512);
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    // OpenDocument puts an uncompressed `mimetype` entry first, so its text sits in the head.
    if (head.includes(ODS_MIMETYPE)) return 'ods';
    const entries = zipEntries(src);
    if (entries === null || entries.some((e) => e.name.startsWith('xl/'))) return 'xlsx';
    return 'zip';
  }
  if (head.subarray(0, 8).equals(OLE2_MAGIC)) {
    const all = src.read(0, src.size);
    return ENCRYPTED_STREAMS.some((s) => all.includes(s)) ? 'encrypted' : 'xls';
  }
  return null;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Entries of a zip's central directory, or null when the directory is missing (truncated). */
function zipEntries(src: ByteSource): ZipEntry[] | null {
  const tailLen = Math.min(src.size, 22 + 0xffff);
  const tail = src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > src.size) return null;
  const cd = src.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One entry's bytes (stored or deflated), or null when it cannot be read. */
function zipEntryBytes(buf: Buffer, e: ZipEntry): Buffer | null {
  if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  try {
    if (e.method === 0) return data;
    if (e.method === 8) return zlib.inflateRawSync(data);
  } catch {
    /* damaged entry: the caller reports the workbook as broken */
  }
  return null;
}

function kindFromExtension(file: string): SpreadsheetKind | null {
  const ext = path.extname(file).toLowerCase();
  if (['.xlsx', '.xlsm', '.xltx', '.xltm'].includes(ext)) return 'xlsx';
  if (ext === '.xls') return 'xls';
  if (ext === '.ods') return 'ods';
  return null;
}

/**
 * What kind of spreadsheet `file` is: by its bytes first, its extension second. null means "treat
 * it as a text (CSV) file". A zip that is no workbook counts as 'xlsx' so that readWorkbook can say
 * what is wrong with it, instead of a CSV reader calling it binary.
 */
export function spreadsheetKind(file: string): SpreadsheetKind | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const handle = fd;
    const size = fs.fstatSync(handle).size;
    const src: ByteSource = {
      size,
      read(pos, len) {
        const out = Buffer.alloc(Math.max(0, Math.min(len, size - pos)));
        fs.readSync(handle, out, 0, out.length, pos);
        return out;
      },
    };
    const kind = kindFromBytes(src);
    if (kind === 'zip') return 'xlsx';
    return kind ?? kindFromExtension(file);
  } catch {
    // Unreadable (missing, a folder, no permission): the reader that follows reports why.
    return kindFromExtension(file);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

function readError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`Berkas tidak ditemukan: ${file}`, { hint: 'Periksa nama berkas dan foldernya; apit nama yang berisi spasi dengan tanda kutip.' });
  if (code === 'EISDIR') return new UserError(`${file} adalah folder, bukan berkas.`, { hint: 'Sebutkan berkas .xlsx di dalam folder itu, misalnya "folder/data.xlsx".' });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return new UserError(`Tidak dapat membaca ${file}: tidak ada izin membaca, atau berkas sedang dikunci program lain.`, { hint: 'Tutup berkas itu di Excel, lalu ulangi.' });
  }
  return new UserError(`Tidak dapat membaca ${file}: ${(e as Error).message}`);
}

function kindError(name: string, kind: SpreadsheetKind | 'zip' | null): UserError | null {
  switch (kind) {
    case 'xls':
      return new UserError(`${name}: berkas ini berformat Excel lama (.xls), yang tidak dapat dibaca paten.`, { hint: SAVE_AS });
    case 'ods':
      return new UserError(`${name}: berkas ini berformat OpenDocument (.ods), yang tidak dapat dibaca paten.`, {
        hint: 'Di LibreOffice: File → Save As → pilih "Excel 2007-365 (.xlsx)" atau "Text CSV", lalu impor berkas baru itu.',
      });
    case 'encrypted':
      return new UserError(`${name}: buku kerja ini dilindungi kata sandi, sehingga isinya tidak dapat dibaca.`, {
        hint: 'Buka di Excel dengan kata sandinya, pilih File → Info → Protect Workbook → Encrypt with Password, kosongkan kata sandi, simpan, lalu impor lagi (atau simpan salinan sebagai "CSV UTF-8").',
      });
    case 'zip':
      return new UserError(`${name}: berkas ini arsip ZIP, bukan buku kerja Excel (.xlsx).`, {
        hint: 'Ekstrak dulu isinya, atau buka datanya di Excel lalu File → Save As → "Excel Workbook (.xlsx)" atau "CSV UTF-8".',
      });
    case null:
      return new UserError(`${name}: berkas ini bukan buku kerja Excel (.xlsx).`, { hint: SAVE_AS });
    default:
      return null;
  }
}

function brokenError(name: string, e: unknown): UserError {
  return new UserError(`${name}: buku kerja .xlsx ini rusak atau terpotong (misalnya unduhan yang belum selesai).`, {
    hint: 'Unduh atau salin ulang berkasnya. Jika Excel masih dapat membukanya, simpan ulang: File → Save As → "Excel Workbook (.xlsx)" atau "CSV UTF-8".',
    details: [`Keterangan teknis: ${(e as Error)?.message ?? String(e)}`],
  });
}

/** Every sheet of an .xlsx workbook, in workbook order, with cell positions kept. */
export async function readWorkbook(file: string): Promise<SheetData[]> {
  const name = path.basename(file);
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch (e) {
    throw readError(file, e);
  }
  const src = bufferSource(buf);
  const kind = buf.length === 0 ? 'xlsx' : kindFromBytes(src);
  const refused = kindError(name, kind);
  if (refused) throw refused;
  checkWorkbookZip(name, buf);
  const { default: readXlsxFile } = await import('read-excel-file/node');
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(buf, { trim: false })) as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    throw brokenError(name, e);
  }
  // The reader's cells are already string | number | boolean | Date | null; no copy of a large sheet.
  return sheets.map((s) => ({ name: s.sheet, rows: s.data as CellValue[][] }));
}

/**
 * Checks the zip's own structure before the reader sees it, so that each fault gets its own
 * message: a cut-off download, a zip that holds no workbook, a workbook without any sheet (on
 * which read-excel-file 9.3.17 fails with a TypeError).
 */
function checkWorkbookZip(name: string, buf: Buffer): void {
  const entries = buf.length === 0 ? null : zipEntries(bufferSource(buf));
  if (entries === null) throw brokenError(name, new Error('zip central directory missing'));
  const workbook = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!workbook) {
    if (entries.some((e) => e.name.startsWith('xl/'))) throw brokenError(name, new Error('xl/workbook.xml missing'));
    throw kindError(name, 'zip') as UserError;
  }
  const xml = zipEntryBytes(buf, workbook);
  if (xml === null) throw brokenError(name, new Error('xl/workbook.xml unreadable'));
  if (!/<(\w+:)?sheet\s/.test(xml.toString('utf8'))) {
    throw new UserError(`${name}: buku kerja ini tidak berisi lembar kerja.`, { hint: SAVE_AS });
  }
}

// ---------------------------------------------------------------------------------------------
// Cells as text

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(col0: number): string {
  return columnLetters(col0 + 1);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The text a cell shows, the same text a CSV export of it would hold: numbers in plain decimal
 * with '.', float noise removed at Excel's own 15 significant digits; dates from the UTC fields
 * (read-excel-file puts Excel's wall-clock time there, so the machine's zone never shifts a day),
 * rounded to the second.
 */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return numberText(v);
  const t = v.getTime();
  if (Number.isNaN(t)) return '';
  const d = new Date(Math.round(t / 1000) * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** A number as plain decimal text: no exponent, no trailing zeros, 15 significant digits. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const [mant, expPart] = n.toPrecision(15).split('e');
  const exp = expPart ? Number(expPart) : 0;
  const neg = mant.startsWith('-');
  const [intPart, fracPart = ''] = (neg ? mant.slice(1) : mant).split('.');
  // All significant digits, with the decimal point after position `point`.
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const text = frac ? `${whole}.${frac}` : whole;
  return neg && text !== '0' ? `-${text}` : text;
}
