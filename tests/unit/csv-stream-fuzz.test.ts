/**
 * Differential test of the streaming survey CSV reader (src/survey/csv-stream.ts): thousands of
 * random CSV texts (quotes, doubled quotes, delimiters inside quotes, CR, LF and CRLF, empty fields,
 * text after a closing quote, quotes inside unquoted fields, an unclosed quote at the end, BOM,
 * `sep=` lines, UTF-8 / Windows-1252 / UTF-16) are written to files and read with streamRecords,
 * and the records, their start lines and the result are compared with a small character-by-character
 * reader written here. Some files put a random spot of the text on a 1 MB read-chunk boundary or a
 * 32 KB piece boundary, or carry a field longer than a chunk, so the chunked reading is exercised;
 * a few fixed cases cover the decoder between pieces, a one-line file and the 4 M-character limit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { rng } from '../helpers/kemlagi-dataset.js';
import { examineFile, streamRecords, type StreamResult } from '../../src/survey/csv-stream.js';
import { sniffDelimiter } from '../../src/core/csv.js';
import { WINDOWS_1252_HIGH, decodeWindows1252 } from '../../src/core/windows1252.js';

const dir = tempDir('paten-csv-fuzz-');
afterAll(() => cleanup(dir));

const CHUNK = 1 << 20;
const PIECE = 1 << 15;

interface Rec {
  line: number;
  values: string[];
}

interface Expected {
  delimiter: string;
  records: Rec[];
  /** The line counter after each record (what `lines` is when reading stops right after it). */
  after: number[];
  lines: number;
  unclosedQuoteLine: number | null;
}

/**
 * The reference reader: the whole decoded text, one character at a time. A record that ends the file
 * without a line break still moves the line counter on when it holds no quote (the reader's fast path
 * for plain lines counts that line; its quoted path does not).
 */
function reference(text: string): Expected {
  let t = text.replace(/^(\uFEFF|\u00ef\u00bb\u00bf)/, '');
  const sep = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r(?!$))/i.exec(t);
  let line = 1;
  if (sep) {
    t = t.slice(sep[0].length);
    line = 2;
  }
  const end = t.search(/[\r\n]/);
  const delimiter = sep ? sep[1] : sniffDelimiter(end === -1 ? t : t.slice(0, end));
  const d = delimiter.charCodeAt(0);
  const out: Expected = { delimiter, records: [], after: [], lines: 0, unclosedQuoteLine: null };
  const n = t.length;
  let i = 0;
  while (i < n) {
    const start = line;
    const values: string[] = [];
    let hasQuote = false;
    for (;;) {
      let field = '';
      if (t[i] === '"') {
        hasQuote = true;
        let from = ++i;
        for (;;) {
          if (i >= n) {
            out.unclosedQuoteLine = start;
            out.lines = start;
            return out;
          }
          const c = t.charCodeAt(i);
          if (c === 34) {
            field += t.slice(from, i);
            if (t[i + 1] !== '"') {
              i++;
              break;
            }
            field += '"';
            i += 2;
            from = i;
            continue;
          }
          if (c === 10 || (c === 13 && t[i + 1] !== '\n')) line++;
          i++;
        }
      }
      const from = i;
      for (let c = t.charCodeAt(i); i < n && c !== d && c !== 10 && c !== 13; c = t.charCodeAt(++i)) if (c === 34) hasQuote = true;
      field += t.slice(from, i);
      values.push(field);
      if (i < n && t[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) {
      i += t[i] === '\r' && t[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (!hasQuote) line++;
    out.records.push({ line: start, values });
    out.after.push(line);
  }
  out.lines = line;
  return out;
}

type Enc = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

const TO_1252 = new Map<string, number>(WINDOWS_1252_HIGH.map((cp, k) => [String.fromCharCode(cp), 0x80 + k]));

function encode(text: string, enc: Enc): Buffer {
  if (enc === 'utf-8') return Buffer.from(text, 'utf8');
  if (enc === 'windows-1252') {
    return Buffer.from(
      text.replace(/[^\x00-\x7f\xa0-\xff]/g, (ch) => String.fromCharCode(TO_1252.get(ch) ?? 0x3f)),
      'latin1',
    );
  }
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  return enc === 'utf-16le' ? le : le.swap16();
}

function decodeWhole(bytes: Buffer, enc: Enc): string {
  return enc === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(enc, { ignoreBOM: false }).decode(bytes);
}

/** Random CSV text: fields of every awkward kind, every line break, sometimes a quote left open. */
class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  plain(chars: readonly string[]): string {
    let s = '';
    for (let k = this.int(8); k > 0; k--) s += this.pick(chars);
    return s;
  }
  quoted(chars: readonly string[], delim: string): string {
    const inner = [...chars, delim, ',', ';', '\t', '""', '""', '\n', '\r', '\r\n'];
    let s = '"';
    for (let k = this.int(12); k > 0; k--) s += this.pick(inner);
    s += '"';
    const r = this.int(10);
    if (r === 0) s += this.plain(chars) + 'x';
    else if (r === 1) s += 'de"f';
    return s;
  }
  field(chars: readonly string[], delim: string): string {
    const r = this.int(10);
    if (r < 2) return '';
    if (r < 6) return this.plain(chars);
    if (r < 9) return this.quoted(chars, delim);
    return this.plain(chars) + '"' + this.plain(chars);
  }
  body(chars: readonly string[], delim: string, records: number): string {
    let s = '';
    for (let r = 0; r < records; r++) {
      if (r > 0) s += this.pick(['\n', '\n', '\r\n', '\r\n', '\r']);
      if (this.int(12) === 0) continue;
      const fields: string[] = [];
      for (let k = 1 + this.int(6); k > 0; k--) fields.push(this.field(chars, delim));
      s += fields.join(delim);
    }
    const end = this.int(6);
    if (end < 3) s += this.pick(['\n', '\r\n', '\r']);
    else if (end === 3) s += delim + '"tidak ditutup' + this.pick(['', '\n', 'x\r\ny', delim]);
    return s;
  }
}

const ASCII = ['a', 'b', 'Z', '7', ' ', 'x'];
const CHARS: Record<Enc, readonly string[]> = {
  'utf-8': [...ASCII, 'é', '€', '😀', 'ñ', '\uFEFF'],
  'windows-1252': [...ASCII, 'é', '€', '“', '”', '–'],
  'utf-16le': [...ASCII, 'é', '€', '😀'],
  'utf-16be': [...ASCII, 'é', '€'],
};

/**
 * A file's head (optional BOM / sep= line, then the header line, `line`, that sniffs to the
 * delimiter) and body.
 */
function randomText(g: Gen, enc: Enc, records: number): { head: string; line: string; body: string } {
  const delim = g.pick([',', ',', ';', '\t']);
  let head = '';
  const r = g.int(6);
  if (r === 0 && enc === 'utf-8') head += '\uFEFF';
  if (r === 1) head += `sep=${delim}${g.pick(['\n', '\r\n', '\r'])}`;
  // A Windows-1252 file is told apart by a byte that is not UTF-8 (É then an ASCII letter).
  const line = [enc === 'windows-1252' ? 'Ékolom' : 'kolom', 'dua', 'tiga'].join(delim) + g.pick(['\n', '\r\n', '\r']);
  return { head: head + line, line, body: g.body(CHARS[enc], delim, records) };
}

/**
 * A plain record that puts a random spot of the body on a boundary the reader cuts the text at: a
 * 1 MB read chunk or a 32 KB piece of a later chunk (bytes), or a 32 K-character piece of the
 * first chunk, which is decoded whole for the header and then tokenized in pieces.
 */
function padToBoundary(g: Gen, text: { head: string; line: string; body: string }, enc: Enc): string {
  const bytesPerUnit = enc.startsWith('utf-16') ? 2 : 1;
  const at = g.int(text.body.length + 1);
  let pad: number;
  if (g.int(3) === 0) pad = PIECE * (1 + g.int(bytesPerUnit === 2 ? 14 : 30)) - text.line.length - 1 - at;
  else {
    const before = encode(text.head + text.body.slice(0, at), enc).length;
    pad = Math.floor((CHUNK + PIECE * g.int(33) - before - bytesPerUnit) / bytesPerUnit);
  }
  return 'p'.repeat(Math.max(0, pad)) + '\n';
}

/** A record with a quoted field longer than a read chunk, with line breaks and doubled quotes in it. */
function longRecord(g: Gen): string {
  const part = 'isi ""panjang"", dengan\r\nbaris\n';
  return '1,"' + part.repeat(Math.floor((CHUNK + g.int(CHUNK)) / part.length)) + 'akhir"' + g.pick(['\n', '\r\n', 'x\r']);
}

let fileNo = 0;

function read(bytes: Buffer, enc: Enc, stopAt = -1) {
  const file = path.join(dir, `f${fileNo++}.csv`);
  fs.writeFileSync(file, bytes);
  const facts = examineFile(file, enc === 'windows-1252' && fileNo % 2 === 0 ? 'windows-1252' : undefined);
  const records: Rec[] = [];
  const progress: number[] = [];
  const res: StreamResult = streamRecords(
    facts,
    (values, line) => {
      records.push({ line, values });
      return records.length - 1 !== stopAt;
    },
    (b) => void progress.push(b),
  );
  fs.rmSync(file);
  return { facts, records, res, progress };
}

/** Reads the text as a file and compares with the reference; `early`: once more, stopping after a random record. */
function check(g: Gen, text: string, enc: Enc, early = true): void {
  const bytes = encode(text, enc);
  const want = reference(decodeWhole(bytes, enc));
  const got = read(bytes, enc);
  expect(got.facts.encoding).toBe(enc);
  expect(got.records).toEqual(want.records);
  expect(got.res).toEqual({ delimiter: want.delimiter, lines: want.lines, unclosedQuoteLine: want.unclosedQuoteLine, stopped: false });
  const progress: number[] = [];
  for (let b = CHUNK; b < bytes.length; b += CHUNK) progress.push(b);
  progress.push(bytes.length, bytes.length);
  expect(got.progress).toEqual(bytes.length === 0 ? [0] : progress);
  if (early && want.records.length > 1) {
    const k = g.int(want.records.length - 1);
    const part = read(bytes, enc, k);
    expect(part.records).toEqual(want.records.slice(0, k + 1));
    expect(part.res).toEqual({ delimiter: want.delimiter, lines: want.after[k], unclosedQuoteLine: null, stopped: true });
  }
}

const ENCODINGS: Enc[] = ['utf-8', 'utf-8', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

describe('streaming CSV reader against a character-by-character reference', () => {
  it('reads 2,000 small random files exactly as the reference does', () => {
    const g = new Gen(15);
    for (let k = 0; k < 2000; k++) {
      const enc = g.pick(ENCODINGS);
      const { head, body } = randomText(g, enc, 1 + g.int(10));
      check(g, head + body, enc);
    }
  });

  it('reads random files with a chunk or piece boundary at a random spot, or a field longer than a chunk', () => {
    const g = new Gen(1504);
    for (let k = 0; k < 28; k++) {
      const enc = g.pick(ENCODINGS);
      const text = randomText(g, enc, 1 + g.int(30));
      check(g, text.head + (k % 4 === 3 ? longRecord(g) : padToBoundary(g, text, enc)) + text.body, enc, k % 3 === 0);
    }
  });

  it('decodes pieces as one TextDecoder over the whole file: a later U+FEFF is text, a broken character is U+FFFD', () => {
    // (Pieces start after the first chunk, which is read whole for the header.)
    const pad = 'x'.repeat(CHUNK + 2 * PIECE - 5);
    const got = read(encode(`a,b\n${pad}\n\uFEFFy,z\n`, 'utf-8'), 'utf-8');
    expect(got.records.map((r) => r.values)).toEqual([['a', 'b'], [pad], ['\uFEFFy', 'z']]);
    // Not UTF-8 (a lead byte, then ASCII at the next piece): read as UTF-8 all the same when told so.
    const bytes = Buffer.concat([Buffer.from(`a,b\n${pad}`), Buffer.from([0xc3]), Buffer.from('y,z\n')]);
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, bytes);
    const records: string[][] = [];
    streamRecords({ ...examineFile(file, 'windows-1252'), encoding: 'utf-8' }, (values) => void records.push(values));
    expect(records).toEqual(reference(new TextDecoder().decode(bytes)).records.map((r) => r.values));
    expect(records[1]).toEqual([pad + '\uFFFDy', 'z']);
  });

  it('reads a file that is one line longer than a read chunk, with a quoted field longer than a piece', () => {
    const text = `a;"${'x"";y'.repeat(CHUNK / 4)}";b`;
    const got = read(encode(text, 'utf-8'), 'utf-8');
    expect(got.records).toEqual(reference(text).records);
    expect(got.records).toEqual([{ line: 1, values: ['a', 'x";y'.repeat(CHUNK / 4), 'b'] }]);
  });

  it('reports a record still open after 4 M characters as an unclosed quote at the end of that read chunk', () => {
    const start = 'a,b\n1,2\n3,"terbuka\n';
    const lines = 'baris biasa, tanpa tanda kutip\n'.repeat(200_000);
    const bytes = Buffer.from(start + lines + '4,5\n');
    const got = read(bytes, 'utf-8');
    expect(got.records).toEqual([{ line: 1, values: ['a', 'b'] }, { line: 2, values: ['1', '2'] }]);
    expect(got.res).toEqual({ delimiter: ',', lines: 3, unclosedQuoteLine: 3, stopped: false });
    // The record opens at byte 8; the first chunk end more than 4 M characters after it is the fifth, where reading stops.
    expect(got.progress.at(-1)).toBe(5 * CHUNK);
    expect(bytes.length).toBeGreaterThan(5 * CHUNK);
  });
});
