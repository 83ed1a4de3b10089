/**
 * The one place that creates PDF documents (posters, IKM reports, bazar sheets).
 * - pdfkit is loaded lazily, so commands that print no PDF start fast.
 * - Noto Sans (SIL Open Font License, from the npm package @fontsource/noto-sans, WOFF: pdfkit
 *   garbles WOFF2) is embedded, so a PDF looks the same on every machine. Fonts are registered as
 *   'Sans', 'Sans-Bold', 'Sans-Italic' and 'Sans-BoldItalic'. The shipped subset is Latin: keep
 *   text to Latin-1 plus common punctuation (– — “ ” ‘ ’ • …); no math symbols like ≥ or Σ.
 * - Output is deterministic: metadata dates are fixed (pass a date derived from the data, e.g. the
 *   catalog's last change), so the same data gives byte-identical files.
 * - Files are written to a temporary name and renamed, so a failure never leaves half a PDF.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileWriteError } from '../core/errors.js';
import { removeStaleTemps } from '../core/tempfiles.js';
import { isWoff, woffToSfnt } from './woff.js';

const require = createRequire(import.meta.url);

export type PdfDoc = PDFKit.PDFDocument;

export const FONT_FILES = {
  Sans: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  'Sans-Bold': '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
  'Sans-Italic': '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff',
  'Sans-BoldItalic': '@fontsource/noto-sans/files/noto-sans-latin-700-italic.woff',
} as const;

export type FontName = keyof typeof FONT_FILES;

/** Stand-ins for characters the embedded (Latin) font lacks, used by pdfSafeText. */
export const GLYPH_SUBSTITUTES: Readonly<Record<string, string>> = {
  '≤': '<=', '≥': '>=', '≠': '!=', '→': '->', '←': '<-', '⇒': '=>', '−': '-', '✓': 'v', '✔': 'v', 'Σ': 'Jumlah ',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u200b': '',
};

/** What the shipped Noto Sans Latin subset covers: Latin-1 and common punctuation. */
const IN_FONT_SUBSET = /[\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/;

/**
 * Text limited to what the embedded fonts can draw, so that what a reader sees stays correct: known
 * stand-ins (≤ → <=), then "?" for any other missing glyph. `hasGlyph` defaults to the subset's
 * known coverage; the poster passes the font's own exact check.
 */
export function pdfSafeText(text: string, hasGlyph: (ch: string) => boolean = (ch) => IN_FONT_SUBSET.test(ch)): string {
  let out = '';
  for (const ch of text) out += hasGlyph(ch) && !(ch in GLYPH_SUBSTITUTES) ? ch : (GLYPH_SUBSTITUTES[ch] ?? '?');
  return out;
}

/** Paper sizes in PDF points (1 pt = 1/72 inch). F4 (folio) is 215 × 330 mm, common in Indonesian offices. */
export const PAPER: Record<'A4' | 'A3' | 'F4', [number, number]> = {
  A4: [595.28, 841.89],
  A3: [841.89, 1190.55],
  F4: [609.45, 935.43],
};

export const MM = 72 / 25.4;

/** A fixed date used when the data has none: keeps metadata deterministic. */
export const EPOCH = new Date(Date.UTC(2000, 0, 1));

export interface PdfOptions {
  size?: keyof typeof PAPER | [number, number];
  layout?: 'portrait' | 'landscape';
  /** Margins in points; default 36 (½ inch). */
  margin?: number | { top: number; bottom: number; left: number; right: number };
  title: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** Metadata creation/modification date; default EPOCH. Never `new Date()`: outputs must be reproducible. */
  date?: Date;
  /** Start without a first page (call doc.addPage yourself). */
  autoFirstPage?: boolean;
}

let fontCache: Record<FontName, Buffer> | undefined;

/** The embedded font files (WOFF decompressed to TrueType), read once per process. */
export function fontBuffers(): Record<FontName, Buffer> {
  if (!fontCache) {
    const out = {} as Record<FontName, Buffer>;
    for (const [name, spec] of Object.entries(FONT_FILES) as [FontName, string][]) {
      const buf = fs.readFileSync(require.resolve(spec));
      out[name] = isWoff(buf) ? woffToSfnt(buf) : buf;
    }
    fontCache = out;
  }
  return fontCache;
}

/** A font as pdfkit accepts it: file bytes, or an already parsed (fontkit) font object. */
type FontSource = Buffer | object;
let parsedFonts: Record<FontName, FontSource> | undefined;

/**
 * The fonts parsed once per process (pdfkit's registerFont accepts a parsed fontkit font), so each
 * new document does not parse them again; falls back to the bytes if pdfkit's internals differ.
 */
function fontSources(PDFDocument: PdfKitCtor): Record<FontName, FontSource> {
  if (!parsedFonts) {
    const bufs = fontBuffers();
    const scratch = new PDFDocument({ autoFirstPage: false }) as PDFKit.PDFDocument & { _font?: { font?: { layout?: unknown } } };
    const out = {} as Record<FontName, FontSource>;
    for (const name of Object.keys(bufs) as FontName[]) {
      scratch.registerFont(name, bufs[name]);
      scratch.font(name);
      const parsed = scratch._font?.font;
      out[name] = parsed && typeof parsed.layout === 'function' ? parsed : bufs[name];
    }
    parsedFonts = out;
  }
  return parsedFonts;
}

type PdfKitCtor = new (opts?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;
let PDFDocumentCtor: PdfKitCtor | undefined;

/** Loads pdfkit (once). Call before createPdf; kept async so the import stays lazy. */
export async function loadPdfKit(): Promise<PdfKitCtor> {
  if (!PDFDocumentCtor) {
    const mod = (await import('pdfkit')) as unknown as { default: PdfKitCtor };
    PDFDocumentCtor = mod.default;
  }
  return PDFDocumentCtor;
}

/** Creates a document with the fonts registered, 'Sans' selected and fixed metadata. */
export async function createPdf(opts: PdfOptions): Promise<PdfDoc> {
  const PDFDocument = await loadPdfKit();
  const size = typeof opts.size === 'string' || opts.size === undefined ? PAPER[opts.size ?? 'A4'] : opts.size;
  const m = opts.margin ?? 36;
  const margins = typeof m === 'number' ? { top: m, bottom: m, left: m, right: m } : m;
  const date = opts.date ?? EPOCH;
  const fonts = fontSources(PDFDocument);
  const doc = new PDFDocument({
    // Start with the embedded Sans instead of pdfkit's default Helvetica (loading its metrics costs ~1 ms per document).
    font: fonts.Sans as unknown as string,
    size,
    layout: opts.layout ?? 'portrait',
    margins,
    autoFirstPage: opts.autoFirstPage ?? true,
    bufferPages: false,
    compress: true,
    info: {
      Title: opts.title,
      Subject: opts.subject ?? '',
      Author: opts.author ?? '',
      Keywords: opts.keywords ?? '',
      Creator: 'paten',
      Producer: 'paten',
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name] as Buffer);
  doc.font('Sans');
  // pdfkit found 'Sans' equal to the default font above but did not remember it under this name,
  // so every later doc.font('Sans') would open the font again: remember it.
  const families = (doc as unknown as { _fontFamilies?: Record<string, unknown>; _font?: unknown })._fontFamilies;
  if (families && !families.Sans) families.Sans = (doc as unknown as { _font: unknown })._font;
  return doc;
}

/** Ends the document and collects it into one buffer. */
export function pdfToBuffer(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface PdfStream {
  /** Ends the document; resolves when the file is complete and renamed into place. */
  finish(): Promise<{ bytes: number; sha256: string }>;
  /** Gives up: the temporary file is removed and `file` is left as it was. */
  abort(): void;
}

/**
 * Streams the document to `file` through a temporary file in the same folder, renamed into place
 * only when complete (never half a PDF), so a long document (a combined poster run) is never held
 * in memory. Also gives its sha256 (for manifests).
 */
export function streamPdfAtomic(doc: PdfDoc, file: string): PdfStream {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  removeStaleTemps(path.dirname(file));
  const hash = crypto.createHash('sha256');
  let failed: unknown;
  let out: fs.WriteStream | undefined;
  try {
    out = fs.createWriteStream(tmp);
    out.on('error', (e) => (failed = e));
    doc.on('data', (c: Buffer) => hash.update(c));
    doc.pipe(out);
  } catch (e) {
    failed = e;
  }
  const cleanup = () => {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* ignore */
    }
  };
  return {
    finish: () =>
      new Promise((resolve, reject) => {
        const fail = (e: unknown) => {
          cleanup();
          reject(fileWriteError(file, e));
        };
        if (failed || !out) return fail(failed);
        out.on('error', fail);
        doc.on('error', fail);
        out.on('finish', () => {
          try {
            fs.renameSync(tmp, file);
            resolve({ bytes: out!.bytesWritten, sha256: hash.digest('hex') });
          } catch (e) {
            fail(e);
          }
        });
        doc.end();
      }),
    abort: () => {
      out?.destroy();
      cleanup();
    },
  };
}

/** Ends the document and writes it to `file` atomically (see streamPdfAtomic); returns the bytes written. */
export async function writePdfAtomic(doc: PdfDoc, file: string): Promise<number> {
  return (await streamPdfAtomic(doc, file).finish()).bytes;
}
