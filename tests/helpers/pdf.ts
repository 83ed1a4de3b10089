/**
 * Checks PDFs as a user would: text with `pdftotext`, pages as PNG with `pdftoppm`, QR codes with
 * `zbarimg` (Debian: poppler-utils, zbar-tools; .ci/run installs them).
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function run(cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} tidak dapat dijalankan (${r.error.message}); pasang poppler-utils dan zbar-tools`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The PDF's text (`pdftotext -layout` unless raw), all pages or one page (1-based). */
export function pdfText(file: string, opts: { page?: number; layout?: boolean } = {}): string {
  const args = [opts.layout === false ? '-raw' : '-layout', '-enc', 'UTF-8'];
  if (opts.page) args.push('-f', String(opts.page), '-l', String(opts.page));
  const r = run('pdftotext', [...args, file, '-']);
  if (r.code !== 0) throw new Error(`pdftotext gagal: ${r.stderr}`);
  return r.stdout;
}

/** Number of pages, from `pdfinfo`. */
export function pdfPages(file: string): number {
  const r = run('pdfinfo', [file]);
  if (r.code !== 0) throw new Error(`pdfinfo gagal: ${r.stderr}`);
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1] ?? NaN);
}

/** `pdfinfo` fields (Title, Page size, …). */
export function pdfInfo(file: string): Record<string, string> {
  const r = run('pdfinfo', [file]);
  if (r.code !== 0) throw new Error(`pdfinfo gagal: ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/**
 * Renders one page (1-based) to PNG at `dpi`, optionally cropped to a box given in PDF points
 * from the top-left corner. Returns the PNG path.
 */
export function renderPage(file: string, page: number, outDir: string, opts: { dpi?: number; box?: { x: number; y: number; w: number; h: number } } = {}): string {
  const dpi = opts.dpi ?? 150;
  const base = path.join(outDir, `p${page}-${opts.box ? `${Math.round(opts.box.x)}-${Math.round(opts.box.y)}` : 'full'}`);
  const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile'];
  if (opts.box) {
    const s = dpi / 72;
    args.push('-x', String(Math.floor(opts.box.x * s)), '-y', String(Math.floor(opts.box.y * s)), '-W', String(Math.ceil(opts.box.w * s)), '-H', String(Math.ceil(opts.box.h * s)));
  }
  const r = run('pdftoppm', [...args, file, base]);
  if (r.code !== 0) throw new Error(`pdftoppm gagal: ${r.stderr}`);
  const png = `${base}.png`;
  if (!fs.existsSync(png)) throw new Error(`pdftoppm tidak menulis ${png}`);
  return png;
}

/** Decodes every QR code in a PNG with zbarimg; returns their payloads (empty when none). */
export function scanQr(png: string): string[] {
  // No -Sbinary: zbar then guesses the character set like a phone would, which is why paten's
  // payloads are plain ASCII.
  const r = run('zbarimg', ['--quiet', '--raw', png]);
  if (r.code === 4) return []; // no symbol found
  if (r.code !== 0) throw new Error(`zbarimg gagal (${r.code}): ${r.stderr}`);
  // --raw prints each payload followed by a newline; payloads may contain newlines themselves, so
  // callers with one code per crop should use the whole text.
  return [r.stdout.replace(/\n$/, '')];
}

/** One text line as `pdftotext -bbox-layout` sees it, in PDF points from the page's top-left. */
export interface PdfLine {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The font size the line height suggests (Noto Sans lines are 1.362 × the size). */
  size: number;
}

export interface PdfPageBoxes {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  /** Every line of the page, top to bottom (then left to right). */
  lines: PdfLine[];
}

const NOTO_LINE = 1.362;
const num = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)?.[1] ?? NaN);
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/**
 * Every line of every page with its position and size (`pdftotext -bbox-layout`): what the layout
 * tests measure (a heading left as the last thing on a page, how full each page is).
 */
export function pdfBoxes(file: string): PdfPageBoxes[] {
  const r = run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-']);
  if (r.code !== 0) throw new Error(`pdftotext gagal: ${r.stderr}`);
  return parseBboxLayout(r.stdout);
}

/** pdfBoxes without blocking: the caller can draw the next document while pdftotext reads this one. */
export function pdfBoxesAsync(file: string): Promise<PdfPageBoxes[]> {
  return new Promise((resolve, reject) =>
    execFile('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`pdftotext gagal: ${stderr || err.message}`)) : resolve(parseBboxLayout(stdout)),
    ),
  );
}

function parseBboxLayout(xml: string): PdfPageBoxes[] {
  const pages: PdfPageBoxes[] = [];
  for (const pm of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const lm of pm[2].matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...lm[2].matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((w) => unescapeXml(w[1]));
      const [x0, y0, x1, y1] = ['xMin', 'yMin', 'xMax', 'yMax'].map((k) => num(lm[1], k));
      lines.push({ text: words.join(' '), x: x0, y: y0, w: x1 - x0, h: y1 - y0, size: Math.round(((y1 - y0) / NOTO_LINE) * 10) / 10 });
    }
    lines.sort((a, b) => a.y - b.y || a.x - b.x);
    pages.push({ page: pages.length + 1, width: num(pm[1], 'width'), height: num(pm[1], 'height'), lines });
  }
  return pages;
}

/** The page's body lines: those between the top and bottom margins (the footer left out). */
export function bodyLines(p: PdfPageBoxes, margins: { top: number; bottom: number }): PdfLine[] {
  return p.lines.filter((l) => l.y >= margins.top - 2 && l.y + l.h <= p.height - margins.bottom + 2);
}

/**
 * How much of the page's body height is used: from the top margin to the bottom of its lowest body
 * line, over the body height (1 = written to the bottom margin). Drawing without text (a bar, an
 * empty table row) below the last line is not seen, so charts and forms should carry labels.
 */
export function fillRatio(p: PdfPageBoxes, margins: { top: number; bottom: number }): number {
  const body = bodyLines(p, margins);
  if (!body.length) return 0;
  const low = Math.max(...body.map((l) => l.y + l.h));
  return (low - margins.top) / (p.height - margins.top - margins.bottom);
}

export interface LayoutRules {
  margins: { top: number; bottom: number };
  /** Which lines are headings (by text and size). */
  isHeading: (l: PdfLine) => boolean;
  /** Least fill ratio of every page but the last; default 0.5. */
  minFill?: number;
  /** Pages (1-based) exempt from the fill rule (a cover). */
  exempt?: number[];
}

/**
 * The report layout rules as readable problems (empty when the PDF keeps them): no heading is the
 * last thing in a page's body, and no page but the last is more than half blank.
 */
export function layoutProblems(pages: PdfPageBoxes[], r: LayoutRules): string[] {
  const out: string[] = [];
  for (const p of pages) {
    const body = bodyLines(p, r.margins);
    // Trailing headings (a heading may wrap to two lines, or a chapter title follow its label).
    let k = body.length;
    while (k > 0 && r.isHeading(body[k - 1])) k--;
    if (k < body.length) out.push(`halaman ${p.page}: judul "${body[body.length - 1].text}" di akhir halaman`);
    const fill = fillRatio(p, r.margins);
    if (p.page < pages.length && !(r.exempt ?? []).includes(p.page) && fill < (r.minFill ?? 0.5))
      out.push(`halaman ${p.page}: hanya ${Math.round(fill * 100)}% terisi`);
  }
  return out;
}

/** Pages (1-based) on which a line matching `re` appears. */
export function pagesWith(pages: PdfPageBoxes[], re: RegExp): number[] {
  return pages.filter((p) => p.lines.some((l) => re.test(l.text))).map((p) => p.page);
}

/** True when the line matching `re` is the first thing in its page's body (a signature alone at the top of a page). */
export function firstOnPage(pages: PdfPageBoxes[], re: RegExp, margins: { top: number; bottom: number }): boolean {
  return pages.some((p) => bodyLines(p, margins)[0] && re.test(bodyLines(p, margins)[0].text));
}

const BAB_IKM = /^(BAB [IVX]+|PENDAHULUAN|PENGUMPULAN DATA SKM|HASIL PENGOLAHAN DATA SKM|ANALISIS HASIL SKM|PENUTUP)$/;
const nearSize = (a: number, b: number) => Math.abs(a - b) < 0.3;

/** Headings of the yearly IKM report: chapter titles (13 pt), sections (11 pt), saran groups (bold body size). */
export function ikmHeading(l: PdfLine): boolean {
  return (nearSize(l.size, 13) && BAB_IKM.test(l.text)) || (nearSize(l.size, 11) && /^(\d\.\d+ |[A-C]\. )/.test(l.text)) || /^(U\d .*|Saran lain) \(\d+ saran\)$/.test(l.text);
}
