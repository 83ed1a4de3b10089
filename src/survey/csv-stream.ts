/**
 * Streaming CSV reader for survey exports, which can be large: the file is read in chunks and never
 * held whole in memory. It reports each record with the exact 1-based line it starts on (quoted
 * fields may hold CR, LF or CRLF line breaks), handles `,` `;` or tab, UTF-8 with or without BOM and
 * Windows-1252, and says where a quote was left open (a truncated file).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { UserError } from '../core/errors.js';
import { fileReadError, looksBinary, sniffDelimiter, type Encoding } from '../core/csv.js';
import { decodeWindows1252 } from '../core/windows1252.js';

const CHUNK = 1 << 20;
/** No survey record is this long; beyond it an open quote is reported instead of read on. */
const MAX_RECORD_CHARS = 4 << 20;

/** Excel's "Unicode Text" export is UTF-16 with a byte-order mark. */
export type SurveyEncoding = Encoding | 'utf-16le' | 'utf-16be';

export const ENCODING_NAMA: Record<SurveyEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

export interface FileFacts {
  file: string;
  /** Base name, used in messages. */
  name: string;
  size: number;
  sha256: string;
  encoding: SurveyEncoding;
}

function openFile(file: string): number {
  try {
    if (fs.statSync(file).isDirectory()) throw new UserError(`${file} adalah folder, bukan berkas.`);
    return fs.openSync(file, 'r');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw fileReadError(file, e);
  }
}

/** Bytes at the end of buf[0..n) that start an incomplete UTF-8 sequence (0–3). */
function utf8Tail(buf: Buffer, n: number): number {
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > k ? k : 0;
    }
    return 0;
  }
  return 0;
}

/**
 * First pass over the file: sha256 (for duplicate refusal), size, binary check and the encoding
 * (UTF-8 when every byte sequence is valid UTF-8, otherwise Windows-1252, unless one is given).
 */
export function examineFile(file: string, encoding?: SurveyEncoding): FileFacts {
  const name = path.basename(file);
  const fd = openFile(file);
  const hash = crypto.createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK + 4);
  let size = 0;
  let utf8 = true;
  let carry = 0;
  let utf16: SurveyEncoding | null = null;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, carry, CHUNK, null);
      if (n === 0) break;
      hash.update(buf.subarray(carry, carry + n));
      if (size === 0 && n >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
        utf16 = buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
      if (size === 0 && !utf16 && looksBinary(buf.subarray(0, n))) throw new UserError(`${name}: berkas ini bukan CSV maupun buku kerja Excel .xlsx (berisi data biner).`, {
        hint: 'paten membaca CSV dan .xlsx: di Google Sheets File → Download → CSV atau Microsoft Excel (.xlsx); di Excel Simpan Sebagai → Excel Workbook (.xlsx) atau CSV UTF-8.',
      });
      size += n;
      const total = carry + n;
      if (utf8 && (encoding === undefined || encoding === 'utf-8') && !utf16) {
        const tail = utf8Tail(buf, total);
        if (!isUtf8(buf.subarray(0, total - tail))) utf8 = false;
        buf.copy(buf, 0, total - tail, total);
        carry = tail;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  if (utf16 && encoding !== undefined && encoding !== utf16)
    throw new UserError(`${name}: berkas ini diawali penanda UTF-16 (Excel "Unicode Text"), bukan ${encoding} (argumen --encoding).`, {
      hint: 'Hapus --encoding: paten mengenali UTF-16 sendiri.',
    });
  if (utf16) return { file, name, size, sha256: hash.digest('hex'), encoding: utf16 };
  if (carry > 0) utf8 = false;
  if (encoding === 'utf-8' && !utf8) throw new UserError(`${name}: berkas bukan teks UTF-8 yang valid (argumen --encoding).`);
  return { file, name, size, sha256: hash.digest('hex'), encoding: encoding ?? (utf8 ? 'utf-8' : 'windows-1252') };
}

export interface StreamResult {
  delimiter: string;
  /** Number of physical lines read. */
  lines: number;
  /** Line where a quoted field was opened and never closed (truncated file), if any. */
  unclosedQuoteLine: number | null;
  /** True when reading stopped because onRecord returned false. */
  stopped: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What Tokenizer.quotedField found: the whole field, the end of the chunk, or the end of the file. */
const OK = 0;
const MORE = 1;
const UNCLOSED = 2;

/** The end of an unquoted field (or of text after a closing quote): the next delimiter, LF or CR. */
function fieldEnd(s: string, k: number, len: number, delim: number): number {
  while (k < len) {
    const ch = s.charCodeAt(k);
    if (ch === delim || ch === LF || ch === CR) break;
    k++;
  }
  return k;
}

/** Line breaks in s[from, to); a CR right before an LF is part of that one break. */
function lineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const ch = s.charCodeAt(k);
    if (ch === LF || (ch === CR && s.charCodeAt(k + 1) !== LF)) n++;
  }
  return n;
}

function indexOrLen(s: string, ch: string, from: number): number {
  const k = s.indexOf(ch, from);
  return k === -1 ? s.length : k;
}

/**
 * Incremental tokenizer. push() parses every complete record in the text so far and keeps the
 * incomplete rest for the next chunk; finish() parses the rest as the end of the file.
 */
class Tokenizer {
  private rest = '';
  line = 1;
  unclosedQuoteLine: number | null = null;
  stopped = false;
  constructor(
    private readonly delim: number,
    private readonly onRecord: (values: string[], line: number) => boolean | void,
  ) {}

  push(text: string, eof: boolean): void {
    const s = this.rest.length ? this.rest + text : text;
    const used = this.parse(s, eof);
    this.rest = used < s.length ? s.slice(used) : '';
    if (!eof && this.rest.length > MAX_RECORD_CHARS) {
      this.unclosedQuoteLine = this.line;
      this.stopped = true;
    }
  }

  // The field quotedField read last: its value, the index after it and the line breaks inside it
  // (kept on the instance, so the per-field hot path allocates nothing).
  private qValue = '';
  private qEnd = 0;
  private qLines = 0;

  /**
   * Reads the quoted field that starts at s[i]. MORE: the chunk ends inside it (wait for the next
   * one); UNCLOSED: the file ends inside it. Doubled quotes are one quote; text after the closing
   * quote (`"abc"def`) is kept, as Excel does.
   */
  private quotedField(s: string, i: number, eof: boolean): typeof OK | typeof MORE | typeof UNCLOSED {
    const len = s.length;
    let j = i + 1;
    let seg = j;
    let value = '';
    let lines = 0;
    for (;;) {
      const q = s.indexOf('"', j);
      if (q === -1) return eof ? UNCLOSED : MORE;
      lines += lineBreaks(s, j, q);
      if (q + 1 >= len && !eof) return MORE;
      if (s.charCodeAt(q + 1) === QUOTE) {
        value += s.slice(seg, q + 1);
        j = q + 2;
        seg = j;
        continue;
      }
      value += s.slice(seg, q);
      const k = fieldEnd(s, q + 1, len, this.delim);
      if (k > q + 1) value += s.slice(q + 1, k);
      this.qValue = value;
      this.qEnd = k;
      this.qLines = lines;
      return OK;
    }
  }

  /** Parses records from s; returns how many characters were consumed. */
  private parse(s: string, eof: boolean): number {
    const len = s.length;
    const delim = this.delim;
    const delimChar = String.fromCharCode(delim);
    // Next quote / CR at or after i (len when none): lines without either take the fast path.
    let nextQuote = -1;
    let nextCR = -1;
    let nextLF = -1;
    let i = 0;
    while (i < len && !this.stopped) {
      if (nextQuote < i) nextQuote = indexOrLen(s, '"', i);
      if (nextCR < i) nextCR = indexOrLen(s, '\r', i);
      if (nextLF < i) nextLF = indexOrLen(s, '\n', i);
      const nl = nextLF < len ? nextLF : -1;
      const end = nextLF;
      // (Without an LF ahead, the general path below handles CR-only line ends and incomplete records.)
      if ((nl !== -1 || eof) && nextQuote >= end) {
        // No quote in this line: split it natively. A CR is allowed only right before the LF.
        let lineEnd = end;
        if (nextCR < end && nextCR === end - 1 && nl !== -1) lineEnd = end - 1;
        if (nextCR >= lineEnd) {
          const rec = s.slice(i, lineEnd).split(delimChar);
          const startLine = this.line;
          this.line++;
          i = nl === -1 ? len : nl + 1;
          if (this.onRecord(rec, startLine) === false) this.stopped = true;
          continue;
        }
      }
      const start = i;
      const startLine = this.line;
      let line = startLine;
      const rec: string[] = [];
      for (;;) {
        let value: string;
        if (i < len && s.charCodeAt(i) === QUOTE) {
          const r = this.quotedField(s, i, eof);
          if (r === MORE) return start;
          if (r === UNCLOSED) {
            this.unclosedQuoteLine = startLine;
            return len;
          }
          value = this.qValue;
          i = this.qEnd;
          line += this.qLines;
        } else {
          const k = fieldEnd(s, i, len, delim);
          value = s.slice(i, k);
          i = k;
        }
        rec.push(value);
        if (i >= len) {
          if (!eof) return start;
          this.line = line;
          if (this.onRecord(rec, startLine) === false) this.stopped = true;
          return len;
        }
        const ch = s.charCodeAt(i);
        if (ch === delim) {
          i++;
          if (i >= len && !eof) return start;
          continue;
        }
        if (ch === CR) {
          if (i + 1 >= len && !eof) return start;
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        line++;
        this.line = line;
        if (this.onRecord(rec, startLine) === false) this.stopped = true;
        break;
      }
    }
    return i;
  }
}

/**
 * Reads the file record by record. onRecord gets the raw field values and the line the record
 * starts on; returning false stops reading (used to sample the first records).
 */
export function streamRecords(
  facts: FileFacts,
  onRecord: (values: string[], line: number) => boolean | void,
  onProgress?: (bytesRead: number) => void,
): StreamResult {
  const fd = openFile(facts.file);
  const buf = Buffer.allocUnsafe(CHUNK);
  // Windows-1252 goes through the shared table decoder: Node's TextDecoder decodes it as Latin-1
  // in some call patterns (see src/core/windows1252.ts). One byte per character, so chunks split anywhere.
  const decoder = facts.encoding === 'windows-1252' ? null : new TextDecoder(facts.encoding, { ignoreBOM: false });
  const decode = (bytes: Buffer | null): string => (decoder ? (bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode()) : bytes ? decodeWindows1252(bytes) : '');
  let tok: Tokenizer | undefined;
  let delimiter = ',';
  let pending = '';
  let read = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      const eof = n === 0;
      let text = decode(eof ? null : buf.subarray(0, n));
      read += n;
      if (!tok) {
        // The delimiter is sniffed on the header line, so wait until it is complete.
        pending += text;
        let first = pending.replace(/^(\uFEFF|\u00ef\u00bb\u00bf)/, '');
        // Excel's optional first line `sep=;` names the delimiter.
        const sep = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r(?!$))/i.exec(first);
        let startLine = 1;
        if (sep) {
          first = first.slice(sep[0].length);
          startLine = 2;
        }
        const end = first.search(/[\r\n]/);
        if (end === -1 && !eof) continue;
        delimiter = sep ? (sep[1] as ',' | ';' | '\t') : sniffDelimiter(end === -1 ? first : first.slice(0, end));
        tok = new Tokenizer(delimiter.charCodeAt(0), onRecord);
        tok.line = startLine;
        text = first;
        pending = '';
      }
      tok.push(text, eof);
      onProgress?.(read);
      if (eof || tok.stopped) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { delimiter, lines: tok!.line, unclosedQuoteLine: tok!.unclosedQuoteLine, stopped: tok!.stopped && tok!.unclosedQuoteLine === null };
}
