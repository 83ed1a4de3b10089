/**
 * Streaming CSV reader for survey exports, which can be large: the file is read in chunks and never
 * held whole in memory. It reports each record with the exact 1-based line it starts on (quoted
 * fields may hold CR, LF or CRLF line breaks), handles `,` `;` or tab, UTF-8 with or without BOM and
 * Windows-1252, and says where a quote was left open (a truncated file).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { UserError } from '../core/errors.js';
import { fileReadError, looksBinary, sniffDelimiter, type Encoding } from '../core/csv.js';
import { decodeWindows1252 } from '../core/windows1252.js';

const CHUNK = 1 << 20;
/** No survey record is this long; beyond it an open quote is reported instead of read on. */
const MAX_RECORD_CHARS = 4 << 20;
/**
 * Text is tokenized in pieces of this many bytes (or characters, for the header chunk) although
 * the file is read 1 MB at a time: V8 keeps strings under 128 KB in its young generation, whose
 * memory is reused, while each bigger string is a fresh large-object allocation whose pages the
 * kernel must fault in (several ms per MB on this machine, more than the tokenizing itself). 32 KB
 * keeps a piece's text under that size even as two-byte characters from TextDecoder or
 * Windows-1252 (64 KB pieces made a Windows-1252 file with a – on every row 3.5x slower).
 */
const PIECE = 1 << 15;

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

/** The end of the text after a closing quote (`"abc"def`): the next delimiter, LF or CR. */
function fieldEnd(s: string, k: number, len: number, delim: number): number {
  while (k < len) {
    const ch = s.charCodeAt(k);
    if (ch === delim || ch === LF || ch === CR) break;
    k++;
  }
  return k;
}

function indexOrLen(s: string, ch: string, from: number): number {
  const k = s.indexOf(ch, from);
  return k === -1 ? s.length : k;
}

/**
 * Incremental tokenizer. push() parses every complete record in the text so far and keeps the
 * incomplete rest for the next chunk; push(…, true) parses the rest as the end of the file.
 *
 * Most of a survey file is plain text, so the work goes to native string calls: a record without a
 * quote is one slice and split; a record with one is split natively up to each quoted field, and
 * only the quoted fields are read here (indexOf to the closing quote). The next LF, CR and quote are
 * each found with indexOf and remembered until passed, so each kind is searched for once per character.
 */
class Tokenizer {
  private rest = '';
  /** Text pushed while a long record is open, parsed at the end of the chunk. */
  private held: string[] = [];
  line = 1;
  unclosedQuoteLine: number | null = null;
  stopped = false;
  private readonly delimChar: string;
  // The text being parsed, and the next LF / CR / quote at or after where each was last looked for
  // (len when there is none; -1 before the first look).
  private s = '';
  private len = 0;
  private eof = false;
  private nextLF = -1;
  private nextCR = -1;
  private nextQuote = -1;
  // The field quotedField read last: its value, the index after it and the line breaks inside it
  // (kept on the instance, so the per-field path allocates nothing).
  private qValue = '';
  private qEnd = 0;
  private qLines = 0;

  constructor(
    private readonly delim: number,
    private readonly onRecord: (values: string[], line: number) => boolean | void,
  ) {
    this.delimChar = String.fromCharCode(delim);
  }

  push(text: string, eof: boolean): void {
    // A record longer than a piece (a long quoted field, a quote never closed) would be parsed again
    // from its start at every piece: hold the text until the end of the read chunk instead.
    if (!eof && this.rest.length > PIECE) {
      this.held.push(text);
      return;
    }
    if (this.held.length) {
      this.held.push(text);
      text = this.held.join('');
      this.held = [];
    }
    this.feed(text, eof);
  }

  /** Called after each read chunk: parses held text; a record still open after MAX_RECORD_CHARS is an unclosed quote. */
  endChunk(): void {
    if (this.held.length && !this.stopped) {
      const text = this.held.join('');
      this.held = [];
      this.feed(text, false);
    }
    if (this.rest.length > MAX_RECORD_CHARS) {
      this.unclosedQuoteLine = this.line;
      this.stopped = true;
    }
  }

  private feed(text: string, eof: boolean): void {
    const s = this.rest.length ? this.rest + text : text;
    const used = this.parse(s, eof);
    this.rest = used < s.length ? s.slice(used) : '';
  }

  /** Parses records from s; returns how many characters were consumed. */
  private parse(s: string, eof: boolean): number {
    this.s = s;
    this.len = s.length;
    this.eof = eof;
    this.nextLF = this.nextCR = this.nextQuote = -1;
    const len = s.length;
    let i = 0;
    while (i < len && !this.stopped) {
      const end = this.lineEnd(i);
      if (this.nextQuote < i) this.nextQuote = indexOrLen(s, '"', i);
      const next = this.nextQuote >= end ? this.plainRecord(i, end) : this.quotedRecord(i);
      if (next < 0) return i;
      i = next;
    }
    return i;
  }

  /** The first LF or CR at or after k (len when none). */
  private lineEnd(k: number): number {
    if (this.nextLF < k) this.nextLF = indexOrLen(this.s, '\n', k);
    if (this.nextCR < k) this.nextCR = indexOrLen(this.s, '\r', k);
    return this.nextLF < this.nextCR ? this.nextLF : this.nextCR;
  }

  /** The index after the line break at e (CR, LF or CRLF; len: the end of the text); -1 when the text may go on. */
  private afterBreak(e: number): number {
    const len = this.len;
    if (e >= len) return this.eof ? len : -1;
    if (this.s.charCodeAt(e) === LF) return e + 1;
    if (e + 1 >= len) return this.eof ? len : -1;
    return this.s.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
  }

  /** A record without a quote, s[i, end): split natively. Returns the index after it, -1 if incomplete. */
  private plainRecord(i: number, end: number): number {
    const next = this.afterBreak(end);
    if (next < 0) return -1;
    const values = this.s.slice(i, end).split(this.delimChar);
    const line = this.line++;
    if (this.onRecord(values, line) === false) this.stopped = true;
    return next;
  }

  /**
   * A record with a quote before its line end: runs of unquoted fields are split natively, quoted
   * fields read by quotedField. Returns the index after the record, -1 when the text ends inside it;
   * a quote still open at the end of the file ends the parse. A last record without a line break
   * leaves the line counter where it is (only plainRecord moves it on there).
   */
  private quotedRecord(start: number): number {
    const s = this.s;
    const len = this.len;
    const startLine = this.line;
    let lines = 0;
    let values: string[] | null = null;
    let k = start;
    for (;;) {
      let e: number;
      if (s.charCodeAt(k) === QUOTE) {
        const r = this.quotedField(k);
        if (r === MORE) return -1;
        if (r === UNCLOSED) {
          this.unclosedQuoteLine = startLine;
          return len;
        }
        e = this.qEnd;
        lines += this.qLines;
        if (values === null) values = [this.qValue];
        else values.push(this.qValue);
      } else {
        e = this.unquotedRun(k);
        const run = s.slice(k, e).split(this.delimChar);
        if (values === null) values = run;
        else for (let f = 0; f < run.length; f++) values.push(run[f]);
      }
      if (e < len && s.charCodeAt(e) === this.delim) {
        k = e + 1;
        continue;
      }
      // The record ends at e: a line break, or the end of the text (complete only at the end of the file).
      if (e >= len && !this.eof) return -1;
      const next = e < len ? this.afterBreak(e) : len;
      if (next < 0) return -1;
      this.line = startLine + lines + (e < len ? 1 : 0);
      if (this.onRecord(values, startLine) === false) this.stopped = true;
      return next;
    }
  }

  /**
   * The end of the unquoted fields from s[k] (not a quote): the line end, or the delimiter before
   * the next field that opens with a quote. A quote inside an unquoted field (`ab"c`) is an ordinary
   * character, so the run then goes on to the end of that field.
   */
  private unquotedRun(k: number): number {
    const end = this.lineEnd(k);
    if (this.nextQuote < k) this.nextQuote = indexOrLen(this.s, '"', k);
    const q = this.nextQuote;
    if (q >= end) return end;
    if (this.s.charCodeAt(q - 1) === this.delim) return q - 1;
    return fieldEnd(this.s, q + 1, this.len, this.delim);
  }

  /**
   * Reads the quoted field that starts at s[i]. MORE: the chunk ends inside it (wait for the next
   * one); UNCLOSED: the file ends inside it. Doubled quotes are one quote; text after the closing
   * quote (`"abc"def`) is kept, as Excel does.
   */
  private quotedField(i: number): typeof OK | typeof MORE | typeof UNCLOSED {
    const s = this.s;
    const len = this.len;
    let j = i + 1;
    let value = '';
    for (;;) {
      const q = s.indexOf('"', j);
      if (q === -1) return this.eof ? UNCLOSED : MORE;
      if (q + 1 >= len && !this.eof) return MORE;
      if (s.charCodeAt(q + 1) === QUOTE) {
        value += s.slice(j, q + 1);
        j = q + 2;
        continue;
      }
      value += s.slice(j, q);
      const k = fieldEnd(s, q + 1, len, this.delim);
      if (k > q + 1) value += s.slice(q + 1, k);
      this.qValue = value;
      this.qEnd = k;
      this.qLines = this.breaksBefore(i, q);
      return OK;
    }
  }

  /** Line breaks in s(from, to), counted with the remembered LF and CR; a CR right before an LF is part of that one break. */
  private breaksBefore(from: number, to: number): number {
    const s = this.s;
    let n = 0;
    if (this.nextLF < from) this.nextLF = indexOrLen(s, '\n', from);
    for (; this.nextLF < to; this.nextLF = indexOrLen(s, '\n', this.nextLF + 1)) n++;
    if (this.nextCR < from) this.nextCR = indexOrLen(s, '\r', from);
    for (; this.nextCR < to; this.nextCR = indexOrLen(s, '\r', this.nextCR + 1)) if (s.charCodeAt(this.nextCR + 1) !== LF) n++;
    return n;
  }
}

/**
 * Turns the file's bytes into text, piece by piece. A UTF-8 piece that is pure ASCII (nearly every
 * piece of a survey export) is read as Latin-1: the cheapest decode, and it gives V8's one-byte
 * strings, which indexOf and split go through several times faster than the two-byte strings
 * TextDecoder returns. Every other piece goes through one streaming TextDecoder, which carries a
 * character split between pieces; an ASCII piece is taken only when it cannot be holding one.
 */
class PieceDecoder {
  private decoder: TextDecoder | null = null;
  /** The last piece went to the decoder and ended inside a multi-byte character, perhaps. */
  private open = false;
  private started = false;
  constructor(private readonly encoding: SurveyEncoding) {}

  decode(bytes: Buffer): string {
    // Windows-1252 goes through the shared table decoder: Node's TextDecoder decodes it as Latin-1
    // in some call patterns (see src/core/windows1252.ts). One byte per character, so pieces split anywhere.
    if (this.encoding === 'windows-1252') return decodeWindows1252(bytes);
    const first = !this.started;
    this.started = true;
    if (this.encoding === 'utf-8' && !this.open && isAscii(bytes)) return bytes.toString('latin1');
    // The byte-order mark is dropped at the start of the file only: a decoder first needed later
    // keeps U+FEFF as text, as one decoder of the whole file does.
    this.decoder ??= new TextDecoder(this.encoding, { ignoreBOM: !first });
    this.open = bytes[bytes.length - 1] >= 0x80;
    return this.decoder.decode(bytes, { stream: true });
  }

  finish(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}

/** What streamRecords knows before the first record: the delimiter and the line the header is on. */
interface Start {
  delimiter: string;
  line: number;
  text: string;
}

/**
 * The delimiter, sniffed on the header line once it is complete in `pending` (null: read on), after
 * the BOM and Excel's optional first line `sep=;`, which names the delimiter.
 */
function findStart(pending: string, eof: boolean): Start | null {
  let first = pending.replace(/^(\uFEFF|\u00ef\u00bb\u00bf)/, '');
  const sep = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r(?!$))/i.exec(first);
  if (sep) first = first.slice(sep[0].length);
  const end = first.search(/[\r\n]/);
  if (end === -1 && !eof) return null;
  const delimiter = sep ? (sep[1] as ',' | ';' | '\t') : sniffDelimiter(end === -1 ? first : first.slice(0, end));
  return { delimiter, line: sep ? 2 : 1, text: first };
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
  const decoder = new PieceDecoder(facts.encoding);
  let tok: Tokenizer | undefined;
  let delimiter = ',';
  let pending = '';
  let read = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      const eof = n === 0;
      read += n;
      if (!tok) {
        // The delimiter is sniffed on the header line, so wait until it is complete.
        pending += eof ? decoder.finish() : decoder.decode(buf.subarray(0, n));
        const start = findStart(pending, eof);
        if (!start) continue;
        delimiter = start.delimiter;
        tok = new Tokenizer(delimiter.charCodeAt(0), onRecord);
        tok.line = start.line;
        pending = '';
        for (let k = 0; k < start.text.length && !tok.stopped; k += PIECE) tok.push(start.text.slice(k, k + PIECE), false);
        if (eof && !tok.stopped) tok.push('', true);
      } else if (eof) tok.push(decoder.finish(), true);
      else for (let k = 0; k < n && !tok.stopped; k += PIECE) tok.push(decoder.decode(buf.subarray(k, Math.min(n, k + PIECE))), false);
      if (!eof) tok.endChunk();
      onProgress?.(read);
      if (eof || tok.stopped) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { delimiter, lines: tok!.line, unclosedQuoteLine: tok!.unclosedQuoteLine, stopped: tok!.stopped && tok!.unclosedQuoteLine === null };
}
