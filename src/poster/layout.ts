/**
 * Poster layout as a pure function: (profile, desa, layanan, template, paper, text measurer) →
 * pages of positioned elements in PDF points, origin at the top-left of the page (pdfkit's
 * coordinates). The renderer only draws what this returns, so tests can check on the layout that
 * nothing overlaps and nothing leaves the printable area.
 *
 * Text boxes are one line each, as tall as the font's ascender to descender (what pdftotext
 * reports for a word), so a check on the PDF's word boxes agrees with a check on the layout.
 */
import { UserError } from '../core/errors.js';
import { MM, pdfSafeText, type FontName } from '../pdf/document.js';
import type { Profil } from '../profil/index.js';
import type { PosterTemplate } from './template.js';
import { kecamatanLabel, kontakLine } from './payload.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Element =
  | { kind: 'rect'; box: Box; fill?: string; stroke?: string; lineWidth?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number }
  | { kind: 'text'; box: Box; text: string; font: FontName; size: number; color: string }
  | { kind: 'qr'; box: Box; slug: string; modules: number; quiet: number; module: number }
  | { kind: 'image'; box: Box; file: string };

export interface PosterPage {
  elements: Element[];
  /**
   * The trailing part of `elements` that is the same on every desa's poster of a run (everything
   * but the header): the same array object for every desa laid out with one tileCache, so the
   * renderer can draw it once and reuse it.
   */
  shared?: Element[];
}

export interface QrPlacement {
  slug: string;
  /** 1-based page number. */
  page: number;
  /** The code's box including its quiet zone, in points from the page's top-left corner. */
  box: Box;
  /** Printed module size in millimetres. */
  modul_mm: number;
}

export interface PosterLayout {
  width: number;
  height: number;
  margin: number;
  pages: PosterPage[];
  qr: QrPlacement[];
  /** Side of every QR box (with quiet zone) in points. */
  qrSide: number;
  columns: number;
  /** The one body size (pt) of every requirement, waktu/biaya and link line on the sheet. */
  ukuranSyarat: number;
  /** The survey code ("Beri penilaian layanan kami"), when the input has one. */
  survei?: QrPlacement;
}

/** Slug of the survey code among the symbols (parentheses never occur in a layanan slug). */
export const SURVEI_SLUG = '(survei)';

/** Measures text in the embedded fonts (implemented with pdfkit by the renderer; a stub in tests). */
export interface Measurer {
  width(text: string, font: FontName, size: number): number;
  /** Ascender to descender, in points, at `size`. */
  lineHeight(font: FontName, size: number): number;
  /** Whether the embedded fonts have a glyph for this character (default: yes). */
  hasGlyph?(ch: string): boolean;
}

/** Text as the poster can print it (see pdfSafeText); the QR payload keeps the original. */
export function printable(m: Measurer, text: string): string {
  return pdfSafeText(text, m.hasGlyph ? (ch) => m.hasGlyph!(ch) : () => true);
}

export interface LayananTile {
  slug: string;
  nama: string;
  persyaratan: string[];
  waktu: string | null;
  biaya: string;
  /** QR modules per side (without quiet zone). */
  modules: number;
  /** Printed under the code in url mode. */
  url?: string;
}

export interface LayoutInput {
  profil: Profil;
  desa: { nama: string; jenis: string };
  layanan: LayananTile[];
  template: PosterTemplate;
  paper: [number, number];
  /** Logo file with its width/height ratio, when the profile has one. */
  logo?: { file: string; aspect: number };
  /** "2 November 2026": the catalog's last change. */
  diperbarui: string;
  /**
   * Optional cache for tiles, which do not depend on the desa: pass the same Map for every desa of
   * one run (same layanan, template and paper) to lay each tile out once.
   */
  tileCache?: Map<string, unknown>;
  /** The online SKM form (profile url_survei) and its code's modules per side: one extra band per poster. */
  survei?: { url: string; modules: number };
}

export function isGratis(biaya: string): boolean {
  return /^\s*(gratis|rp\.?\s*0(,-)?|tidak dipungut biaya|nihil)\s*$/i.test(biaya);
}

/** Smallest QR box (with quiet zone) that meets the minimum printed width and module size. */
export function minQrSide(modules: number, t: PosterTemplate): number {
  const module = Math.max(t.qr.modul_min_mm, t.qr.lebar_min_mm / modules);
  return (modules + 2 * t.qr.tepi_modul) * module * MM;
}

/**
 * The QR box side used on a poster: large enough for every code. Fails (before anything is
 * written) when a code cannot be printed within the template's maximum width.
 */
export function requiredQrSide(layanan: { slug: string; nama: string; modules: number }[], t: PosterTemplate): number {
  const max = t.qr.lebar_maks_mm * MM;
  const tooBig = layanan.filter((l) => minQrSide(l.modules, t) > max + 1e-6);
  if (tooBig.length) {
    const names = tooBig.map((l) => `${l.nama} (${l.slug}: ${Math.ceil(minQrSide(l.modules, t) / MM)} mm)`).join(', ');
    throw new UserError(
      `Kode QR tidak dapat dicetak cukup besar dan tajam untuk ${names}: isinya terlalu panjang untuk kode selebar paling banyak ${t.qr.lebar_maks_mm} mm dengan modul minimal ${String(t.qr.modul_min_mm).replace('.', ',')} mm.`,
      { hint: 'Pakai --mode url (kode QR berisi tautan pendek ke halaman persyaratan), atau perpendek persyaratan layanan itu di katalog (`paten layanan edit`).' },
    );
  }
  return Math.max(...layanan.map((l) => minQrSide(l.modules, t)));
}

/**
 * Greedy word wrap; a word wider than the line is broken between characters. `maxWidth` may vary
 * by line (text flowing beside, then under, a QR code). Line widths are
 * summed from cached word widths ("kata " and "kata"), as pdfkit measures them.
 */
export function wrap(m: Measurer, text: string, font: FontName, size: number, maxWidth: number | ((line: number) => number)): string[] {
  const words = printable(m, text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  const widthOf = typeof maxWidth === 'number' ? () => maxWidth : maxWidth;
  let limit = widthOf(0) + 1e-6;
  let cur: string[] = [];
  let curW = 0; // width of the current line's words, each followed by a space
  for (let word of words) {
    const w = m.width(word, font, size);
    if (cur.length && curW + w <= limit) {
      cur.push(word);
      curW += m.width(word + ' ', font, size);
      continue;
    }
    if (cur.length) {
      lines.push(cur.join(' '));
      limit = widthOf(lines.length) + 1e-6;
    }
    cur = [];
    if (w > limit) {
      while (m.width(word, font, size) > limit) {
        let n = word.length - 1;
        while (n > 1 && m.width(word.slice(0, n), font, size) > limit) n--;
        // Prefer a break after "/" or "-" (links, compound words) when it keeps most of the line.
        const soft = Math.max(word.lastIndexOf('/', n - 1), word.lastIndexOf('-', n - 1)) + 1;
        if (soft > n / 2) n = soft;
        lines.push(word.slice(0, n));
        limit = widthOf(lines.length) + 1e-6;
        word = word.slice(n);
      }
    }
    cur = [word];
    curW = m.width(word + ' ', font, size);
  }
  if (cur.length) lines.push(cur.join(' '));
  return lines.length ? lines : [''];
}

const PAD = 2.5 * MM;

interface Block {
  elements: Element[];
  height: number;
}

/** Lines of text as elements, top at `y`; align within [x, x + w]. */
function textLines(m: Measurer, lines: string[], x: number, y: number, w: number, font: FontName, size: number, color: string, align: 'left' | 'center' | 'right' = 'left'): Block {
  const lh = m.lineHeight(font, size);
  const elements: Element[] = lines.map((text, i) => {
    const tw = Math.min(m.width(text, font, size), w);
    const tx = align === 'center' ? x + (w - tw) / 2 : align === 'right' ? x + w - tw : x;
    return { kind: 'text', box: { x: tx, y: y + i * lh, w: tw, h: lh }, text, font, size, color };
  });
  return { elements, height: lines.length * lh };
}

/** The largest size in [min, max] at which `text` fits on one line, or null. */
function fitOneLine(m: Measurer, raw: string, font: FontName, max: number, min: number, width: number): number | null {
  const text = printable(m, raw);
  for (let s = max; s >= min - 1e-9; s -= 0.5) if (m.width(text, font, s) <= width) return s;
  return null;
}

function desaTitle(desa: { nama: string; jenis: string }): string {
  return `${desa.jenis === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${desa.nama}`;
}

function firstHeader(m: Measurer, input: LayoutInput, x: number, y: number, w: number): Block {
  const { template: t, profil: p } = input;
  const els: Element[] = [];
  let logoW = 0;
  const logoH = 18 * MM;
  if (input.logo) {
    logoW = Math.min(logoH * input.logo.aspect, 40 * MM);
    els.push({ kind: 'image', box: { x, y, w: logoW, h: logoW / input.logo.aspect }, file: input.logo.file });
    logoW += 3 * MM;
  }
  const tx = x + logoW;
  const tw = w - logoW;
  const size1 = t.ukuran.kecamatan_pt;
  const l1 = textLines(m, wrap(m, kecamatanLabel(p).toUpperCase(), t.huruf.tebal, size1, tw), tx, y, tw, t.huruf.tebal, size1, t.warna.utama);
  const size2 = Math.max(6, size1 * 0.75);
  const l2 = textLines(m, wrap(m, `${p.kabupaten}, ${p.provinsi}`, t.huruf.biasa, size2, tw), tx, y + l1.height, tw, t.huruf.biasa, size2, t.warna.teks_lemah);
  els.push(...l1.elements, ...l2.elements);
  let cy = y + Math.max(l1.height + l2.height, input.logo ? logoH : 0) + 2 * MM;

  // Title band.
  const tsize = fitOneLine(m, t.judul, t.huruf.tebal, t.ukuran.judul_pt, 8, w - 2 * PAD) ?? 8;
  const tlines = wrap(m, t.judul, t.huruf.tebal, tsize, w - 2 * PAD);
  const tb = textLines(m, tlines, x + PAD, cy + 1.5 * MM, w - 2 * PAD, t.huruf.tebal, tsize, t.warna.teks_judul, 'center');
  const bandH = tb.height + 3 * MM;
  els.push({ kind: 'rect', box: { x, y: cy, w, h: bandH }, fill: t.warna.utama }, ...tb.elements);
  cy += bandH + 2 * MM;

  // Desa name, as large as fits on one line (wrapped at the minimum size otherwise).
  const title = desaTitle(input.desa);
  const dsize = fitOneLine(m, title, t.huruf.tebal, t.ukuran.desa_maks_pt, t.ukuran.desa_min_pt, w);
  const dlines = dsize ? [printable(m, title)] : wrap(m, title, t.huruf.tebal, t.ukuran.desa_min_pt, w);
  const db = textLines(m, dlines, x, cy, w, t.huruf.tebal, dsize ?? t.ukuran.desa_min_pt, t.warna.teks, 'center');
  els.push(...db.elements);
  cy += db.height + 1 * MM;

  if (t.subjudul.trim()) {
    const sb = textLines(m, wrap(m, t.subjudul, t.huruf.miring, t.ukuran.subjudul_pt, w), x, cy, w, t.huruf.miring, t.ukuran.subjudul_pt, t.warna.teks_lemah, 'center');
    els.push(...sb.elements);
    cy += sb.height;
  }
  cy += 1.5 * MM;
  els.push({ kind: 'line', x1: x, y1: cy, x2: x + w, y2: cy, color: t.warna.garis, width: 0.8 });
  return { elements: els, height: cy - y };
}

function nextHeader(m: Measurer, input: LayoutInput, x: number, y: number, w: number): Block {
  const { template: t } = input;
  const size = Math.max(8, t.ukuran.kecamatan_pt * 0.85);
  const text = `${t.judul} – ${desaTitle(input.desa)} (lanjutan) – ${kecamatanLabel(input.profil)}`;
  const b = textLines(m, wrap(m, text, t.huruf.tebal, size, w), x, y, w, t.huruf.tebal, size, t.warna.utama);
  const ly = y + b.height + 1.5 * MM;
  return { elements: [...b.elements, { kind: 'line', x1: x, y1: ly, x2: x + w, y2: ly, color: t.warna.garis, width: 0.8 }], height: ly - y };
}

/** The footer of page `page` of `pages`, bottom-aligned at `bottom`. */
function footer(m: Measurer, input: LayoutInput, x: number, bottom: number, w: number, page: number, pages: number): Block {
  const { template: t, profil: p } = input;
  const size = t.ukuran.kaki_pt;
  const parts: { text: string; font: FontName; size: number; color: string }[] = [];
  if (t.teks_gratis.trim() && input.layanan.every((l) => isGratis(l.biaya)))
    parts.push({ text: t.teks_gratis, font: t.huruf.tebal, size: size * 1.35, color: t.warna.utama });
  if (t.instruksi.trim()) parts.push({ text: t.instruksi, font: t.huruf.tebal, size, color: t.warna.teks });
  const office = [kecamatanLabel(p), p.alamat].filter(Boolean).join(' – ');
  parts.push({ text: office, font: t.huruf.biasa, size, color: t.warna.teks });
  const contact = [p.jam_layanan ? `Jam layanan: ${p.jam_layanan}` : null, kontakLine(p), p.email].filter(Boolean).join(' • ');
  if (contact) parts.push({ text: contact, font: t.huruf.biasa, size, color: t.warna.teks });
  const pageLabel = `Halaman ${page} dari ${pages}`;
  const labelW = m.width('Halaman 99 dari 99', t.huruf.biasa, size) + 2 * MM;
  const dateText = `Persyaratan sesuai katalog layanan per ${input.diperbarui}.`;

  // Measure first, then place bottom-up so the footer ends exactly at `bottom`.
  const blocks = parts.map((pt) => ({ pt, lines: wrap(m, pt.text, pt.font, pt.size, w) }));
  const dateLines = wrap(m, dateText, t.huruf.miring, size, w - labelW);
  const lh = (f: FontName, s: number) => m.lineHeight(f, s);
  const total = 1.5 * MM + blocks.reduce((s, b) => s + b.lines.length * lh(b.pt.font, b.pt.size), 0) + dateLines.length * lh(t.huruf.miring, size);
  let y = bottom - total;
  const els: Element[] = [{ kind: 'line', x1: x, y1: y, x2: x + w, y2: y, color: t.warna.garis, width: 0.8 }];
  y += 1.5 * MM;
  for (const b of blocks) {
    const tb = textLines(m, b.lines, x, y, w, b.pt.font, b.pt.size, b.pt.color, 'center');
    els.push(...tb.elements);
    y += tb.height;
  }
  els.push(...textLines(m, dateLines, x, y, w - labelW, t.huruf.miring, size, t.warna.teks_lemah).elements);
  els.push(...textLines(m, [pageLabel], x + w - labelW, y, labelW, t.huruf.biasa, size, t.warna.teks_lemah, 'right').elements);
  return { elements: els, height: total };
}

interface TileBlock extends Block {
  slug: string;
  nama: string;
  /** QR box relative to the tile's top-left. */
  qr: Box;
  modules: number;
  /** Whether the text at this size is no taller than the QR column (the tile is as short as it can be). */
  besideQr: boolean;
}

/**
 * A layanan that cannot be printed on this poster (its code is too large, or its box is taller than
 * a page at the smallest type size). The caller leaves it out and reports it; the other layanan
 * are still printed.
 */
export class LayananTidakMuat extends UserError {
  constructor(
    readonly slug: string,
    message: string,
    hint: string,
  ) {
    super(message, { hint });
  }
}

/**
 * One tile at the origin: QR on the left (URL under it), name, requirements and waktu/biaya beside
 * it. Every text but the name is set at `size`, the one body size of the sheet.
 */
function tile(m: Measurer, l: LayananTile, t: PosterTemplate, side: number, width: number, size: number): TileBlock {
  const els: Element[] = [];
  const qr: Box = { x: PAD, y: PAD, w: side, h: side };
  let qrColH = side;
  if (l.url) {
    const ub = textLines(m, wrap(m, l.url, t.huruf.biasa, size, side), PAD, PAD + side, side, t.huruf.biasa, size, t.warna.teks, 'center');
    els.push(...ub.elements);
    qrColH += ub.height;
  }
  const tx = PAD + side + PAD;
  const tw = width - side - 3 * PAD;
  // Text beside the code until it reaches the code's bottom, then across the whole tile under it.
  const under = PAD + qrColH + 1 * MM;
  const fullW = width - 2 * PAD;
  const paragraph = (text: string, font: FontName, fsize: number, color: string, indent: number) => {
    const lh = m.lineHeight(font, fsize);
    const y0 = y;
    const besideAt = (i: number) => y0 + i * lh < under - 1e-6;
    const lines = wrap(m, text, font, fsize, (i) => (besideAt(i) ? tw : fullW) - indent);
    lines.forEach((line, i) => {
      const lx = (besideAt(i) ? tx : PAD) + indent;
      els.push(...textLines(m, [line], lx, y0 + i * lh, (besideAt(i) ? tw : fullW) - indent, font, fsize, color).elements);
    });
    y += lines.length * lh;
    return besideAt(0) ? tx : PAD;
  };
  const nameSize = t.ukuran.nama_layanan_pt;
  let y = PAD;
  paragraph(l.nama, t.huruf.tebal, nameSize, t.warna.utama, 0);
  y += 0.8 * MM;
  const numW = m.width(`${l.persyaratan.length}.`, t.huruf.biasa, size) + 0.3 * size;
  l.persyaratan.forEach((req, i) => {
    const top = y;
    const left = paragraph(req, t.huruf.biasa, size, t.warna.teks, numW);
    els.push(...textLines(m, [`${i + 1}.`], left, top, numW, t.huruf.biasa, size, t.warna.teks).elements);
  });
  const meta = [l.waktu ? `Waktu: ${l.waktu}` : null, `Biaya: ${l.biaya}`].filter(Boolean).join(' • ');
  y += 0.8 * MM;
  paragraph(meta, t.huruf.miring, size, t.warna.teks_lemah, 0);
  const textH = y - PAD;
  const height = 2 * PAD + Math.max(qrColH, textH);
  return {
    elements: [{ kind: 'rect', box: { x: 0, y: 0, w: width, h: height }, fill: t.warna.latar_kotak, stroke: t.warna.garis }, ...els],
    height,
    slug: l.slug,
    nama: l.nama,
    qr,
    modules: l.modules,
    besideQr: textH <= qrColH + 1e-6,
  };
}

interface SurveyBand extends Block {
  /** QR box relative to the band's top-left. */
  qr: Box;
}

/**
 * The survey band at the origin, across the whole content width: set apart from the requirement
 * tiles by its colours, a heavier frame and its code on the right. Body text at the sheet's size.
 */
function surveyBand(m: Measurer, input: LayoutInput, width: number, size: number): SurveyBand {
  const t = input.template;
  const s = input.survei!;
  const side = minQrSide(s.modules, t);
  const qr: Box = { x: width - PAD - side, y: PAD, w: side, h: side };
  const tw = width - side - 3 * PAD;
  const hsize = Math.round(t.ukuran.nama_layanan_pt * 1.25 * 2) / 2;
  const els: Element[] = [];
  let y = PAD;
  const add = (b: Block, gapAfter: number) => {
    els.push(...b.elements);
    y += b.height + gapAfter;
  };
  add(textLines(m, wrap(m, t.judul_survei, t.huruf.tebal, hsize, tw), PAD, y, tw, t.huruf.tebal, hsize, t.warna.survei), 1 * MM);
  if (t.teks_survei.trim()) add(textLines(m, wrap(m, t.teks_survei, t.huruf.biasa, size, tw), PAD, y, tw, t.huruf.biasa, size, t.warna.teks), 1 * MM);
  add(textLines(m, wrap(m, s.url, t.huruf.miring, size, tw), PAD, y, tw, t.huruf.miring, size, t.warna.teks_lemah), 0);
  const height = Math.max(y, PAD + side) + PAD;
  return {
    elements: [{ kind: 'rect', box: { x: 0, y: 0, w: width, h: height }, fill: t.warna.latar_survei, stroke: t.warna.survei, lineWidth: 1.6 }, ...els],
    height,
    qr,
  };
}

function shift(e: Element, dx: number, dy: number): Element {
  if (e.kind === 'line') return { ...e, x1: e.x1 + dx, x2: e.x2 + dx, y1: e.y1 + dy, y2: e.y2 + dy };
  return { ...e, box: { ...e.box, x: e.box.x + dx, y: e.box.y + dy } } as Element;
}

/** Narrowest text beside a code: below this, words like "desa/kelurahan" break inside at 8 pt. */
const MIN_TEXT_WIDTH = 32 * MM;

/** The column counts worth trying for codes of this side, fewest first. */
function columnOptions(t: PosterTemplate, contentW: number, side: number, count: number): number[] {
  if (t.kolom !== 'otomatis') return [Math.max(1, Math.min(t.kolom, count))];
  const gap = t.jarak_mm * MM;
  const most = Math.max(1, Math.min(Math.floor((contentW + gap) / (side + MIN_TEXT_WIDTH + 3 * PAD + gap)), 4, count));
  return Array.from({ length: most }, (_, i) => i + 1);
}

/**
 * Rows onto pages: the fewest pages (filling each page before starting the next), then the rows
 * spread as evenly as those pages allow, earlier pages taking the extra row, so that the last page
 * is not left with one card. `caps[i]` is the height available on page i (the last entry repeats);
 * rows on a page are separated by `gap`. Returns row indices per page; a row taller than its
 * page's whole area is placed alone (the caller rejects it beforehand).
 */
export function balanceRows(heights: number[], caps: number[], gap: number): number[][] {
  const cap = (p: number) => caps[Math.min(p, caps.length - 1)] + 1e-6;
  const fill = (limit: (page: number, left: number) => number): number[][] => {
    const pages: number[][] = [];
    let r = 0;
    while (r < heights.length) {
      const page: number[] = [];
      let used = 0;
      const max = limit(pages.length, heights.length - r);
      while (r < heights.length && page.length < max) {
        const need = used + (page.length ? gap : 0) + heights[r];
        if (page.length && need > cap(pages.length)) break;
        page.push(r++);
        used = need;
      }
      pages.push(page);
    }
    return pages;
  };
  const greedy = fill(() => Infinity);
  const count = greedy.length;
  if (count === 1) return greedy;
  const even = fill((page, left) => Math.ceil(left / Math.max(1, count - page)));
  return even.length === count ? even : greedy;
}

interface Sheet {
  cols: number;
  tileW: number;
  tiles: TileBlock[];
  /** Row indices per page. */
  pages: number[][];
  rowHeights: number[];
  firstHeader: Block;
  nextHeader: Block;
  /**
   * The survey card: in the empty cell of the last row of tiles when there is one (`col`),
   * otherwise as a band across the page in a row of its own, the last one.
   */
  survei?: { band: SurveyBand; row: number; col: number | null };
}

/** Tiles at one side and size, cached across desa (they do not depend on the desa). */
function tilesFor(m: Measurer, input: LayoutInput, side: number, size: number, tileW: number): TileBlock[] {
  const key = `${side}|${tileW}|${size}`;
  let tiles = input.tileCache?.get(key) as TileBlock[] | undefined;
  if (!tiles) {
    tiles = input.layanan.map((l) => tile(m, l, input.template, side, tileW, size));
    input.tileCache?.set(key, tiles);
  }
  return tiles;
}

/** Columns, tiles and their pages for one QR side and body size (throws LayananTidakMuat). */
function sheet(m: Measurer, input: LayoutInput, side: number, size: number, cols: number): Sheet {
  const t = input.template;
  const [W, H] = input.paper;
  const margin = t.margin_mm * MM;
  const gap = t.jarak_mm * MM;
  const cw = W - 2 * margin;
  const tileW = (cw - gap * (cols - 1)) / cols;
  if (tileW - side - 3 * PAD < 20 * MM)
    throw new UserError(`Kertas terlalu sempit untuk ${cols} kolom dengan kode QR ${Math.round(side / MM)} mm.`, { hint: 'Kurangi "kolom" di templat atau pakai --kertas A3.' });
  const tiles = tilesFor(m, input, side, size, tileW);
  // Footer height does not depend on the page numbers (the label has a fixed width).
  const footerH = footer(m, input, margin, H - margin, cw, 1, 1).height;
  const areaBottom = H - margin - footerH - gap;
  const first = firstHeader(m, input, margin, margin, cw);
  const next = nextHeader(m, input, margin, margin, cw);
  const capFirst = areaBottom - (margin + first.height + gap);
  const capNext = areaBottom - (margin + next.height + gap);
  const tooTall = tiles.find((tl) => tl.height > capNext + 1e-6);
  if (tooTall)
    throw new LayananTidakMuat(
      tooTall.slug,
      `Kotak layanan ${tooTall.nama} (${tooTall.slug}) tidak muat di satu halaman ${paperName(input.paper)} walau dengan huruf ${formatPt(t.ukuran.syarat_min_pt)} pt: persyaratannya terlalu panjang.`,
      'Pakai --kertas A3, cetak layanan itu terpisah (--layanan), atau perpendek persyaratannya di katalog (`paten layanan edit`).',
    );
  const rowHeights: number[] = [];
  for (let r = 0; r < tiles.length; r += cols) rowHeights.push(Math.max(...tiles.slice(r, r + cols).map((tl) => tl.height)));
  let survei: Sheet['survei'];
  if (input.survei) {
    const free = tiles.length % cols;
    const row = rowHeights.length - (free ? 1 : 0);
    const band = surveyBand(m, input, free ? tileW : cw, size);
    survei = { band, row, col: free || null };
    if (free) rowHeights[row] = Math.max(rowHeights[row], band.height);
    else rowHeights.push(band.height);
  }
  const pages = balanceRows(rowHeights, [capFirst, capNext], gap);
  return { cols, tileW, tiles, pages, rowHeights, firstHeader: first, nextHeader: next, survei };
}

function formatPt(v: number): string {
  return String(v).replace('.', ',');
}

function paperName(paper: [number, number]): string {
  const names: Record<string, string> = { '595.28': 'A4', '841.89': 'A3', '609.45': 'F4' };
  return names[paper[0].toFixed(2)] ?? 'ini';
}

/** A sheet's pages without their headers (which hold the desa name), and its code placements. */
interface Body {
  pages: Element[][];
  qr: QrPlacement[];
  survei?: QrPlacement;
}

/** Places a sheet: rows (every tile of a row as tall as the row), QR boxes, footers; no headers. */
function place(m: Measurer, input: LayoutInput, side: number, s: Sheet): Body {
  const t = input.template;
  const [W, H] = input.paper;
  const margin = t.margin_mm * MM;
  const gap = t.jarak_mm * MM;
  const cw = W - 2 * margin;
  const qr: QrPlacement[] = [];
  let survei: QrPlacement | undefined;
  const pages = s.pages.map((rows, pi) => {
    const header = pi === 0 ? s.firstHeader : s.nextHeader;
    const els: Element[] = [];
    let y = margin + header.height + gap;
    for (const r of rows) {
      const rowH = s.rowHeights[r];
      const sv = s.survei?.row === r ? s.survei : undefined;
      if (sv) {
        const sx = margin + (sv.col ?? 0) * (s.tileW + gap);
        const [bg, ...rest] = sv.band.elements;
        els.push(shift({ ...bg, box: { ...(bg as { box: Box }).box, h: rowH } } as Element, sx, y), ...rest.map((e) => shift(e, sx, y)));
        const box = { ...sv.band.qr, x: sx + sv.band.qr.x, y: y + sv.band.qr.y };
        const quiet = t.qr.tepi_modul;
        const modules = input.survei!.modules;
        const module = box.w / (modules + 2 * quiet);
        els.push({ kind: 'qr', box, slug: SURVEI_SLUG, modules, quiet, module });
        survei = { slug: SURVEI_SLUG, page: pi + 1, box, modul_mm: Math.round((module / MM) * 1000) / 1000 };
        if (sv.col === null) {
          y += rowH + gap;
          continue;
        }
      }
      s.tiles.slice(r * s.cols, (r + 1) * s.cols).forEach((tl, i) => {
        const tx = margin + i * (s.tileW + gap);
        const [bg, ...rest] = tl.elements;
        els.push(shift({ ...bg, box: { ...(bg as { box: Box }).box, h: rowH } } as Element, tx, y), ...rest.map((e) => shift(e, tx, y)));
        const box = { x: tx + tl.qr.x, y: y + tl.qr.y, w: side, h: side };
        const quiet = t.qr.tepi_modul;
        const module = side / (tl.modules + 2 * quiet);
        els.push({ kind: 'qr', box, slug: tl.slug, modules: tl.modules, quiet, module });
        qr.push({ slug: tl.slug, page: pi + 1, box, modul_mm: Math.round((module / MM) * 1000) / 1000 });
      });
      y += rowH + gap;
    }
    els.push(...footer(m, input, margin, H - margin, cw, pi + 1, s.pages.length).elements);
    return els;
  });
  return { pages, qr, survei };
}

/** Body sizes from the template's largest down to its smallest, in half points. */
function bodySizes(t: PosterTemplate): number[] {
  const out: number[] = [];
  for (let v = t.ukuran.syarat_maks_pt; v >= t.ukuran.syarat_min_pt - 1e-9; v -= 0.5) out.push(Math.round(v * 2) / 2);
  if (out.at(-1)! > t.ukuran.syarat_min_pt) out.push(t.ukuran.syarat_min_pt);
  return out;
}

interface Choice {
  side: number;
  cols: number;
  size: number;
}

/**
 * The sheet's QR side, column count and body size. First, codes enlarged (up to the template's
 * maximum) while everything fits on one page; otherwise the smallest codes, in the column count
 * that needs the fewest pages at the smallest body size (fewer, wider columns on a tie). Then the
 * largest body size that keeps that number of pages.
 */
function choose(m: Measurer, input: LayoutInput): Choice {
  const t = input.template;
  const base = requiredQrSide(input.layanan, t);
  const max = t.qr.lebar_maks_mm * MM;
  const sizes = bodySizes(t);
  const min = sizes.at(-1)!;
  const cw = input.paper[0] - 2 * t.margin_mm * MM;
  let firstError: UserError | undefined;
  const attempt = (side: number, cols: number, size: number): Sheet | null => {
    try {
      return sheet(m, input, side, size, cols);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      firstError ??= e;
      return null;
    }
  };
  const withSize = (side: number, cols: number, pages: number): Choice => {
    const size = sizes.find((s) => (attempt(side, cols, s)?.pages.length ?? Infinity) <= pages) ?? min;
    return { side, cols, size };
  };
  for (const k of [1.6, 1.4, 1.2]) {
    const side = Math.min(base * k, max);
    if (side <= base + 1e-6) continue;
    for (const cols of columnOptions(t, cw, side, input.layanan.length)) if (attempt(side, cols, min)?.pages.length === 1) return withSize(side, cols, 1);
  }
  let best: { cols: number; pages: number } | undefined;
  for (const cols of columnOptions(t, cw, base, input.layanan.length)) {
    const pages = attempt(base, cols, min)?.pages.length;
    if (pages !== undefined && (!best || pages < best.pages)) best = { cols, pages };
  }
  if (!best) throw firstError!;
  return withSize(base, best.cols, best.pages);
}

/** Lays out one poster: one QR side, one column count and one body size for the whole sheet. */
export function layoutPoster(m: Measurer, input: LayoutInput): PosterLayout {
  if (input.layanan.length === 0) throw new UserError('Tidak ada layanan untuk poster.');
  const t = input.template;
  // Everything but the headers depends on the desa only through the header heights: the choice
  // and the placed pages are remembered per run for each pair of heights.
  const margin = t.margin_mm * MM;
  const cw = input.paper[0] - 2 * margin;
  const first = firstHeader(m, input, margin, margin, cw);
  const next = nextHeader(m, input, margin, margin, cw);
  const key = `${first.height}|${next.height}`;
  let c = input.tileCache?.get(`choice|${key}`) as (Choice & { body: Body }) | undefined;
  if (!c) {
    const choice = choose(m, input);
    c = { ...choice, body: place(m, input, choice.side, sheet(m, input, choice.side, choice.size, choice.cols)) };
    input.tileCache?.set(`choice|${key}`, c);
  }
  const { body } = c;
  const pages = body.pages.map((shared, pi) => ({ elements: [...(pi === 0 ? first : next).elements, ...shared], shared }));
  const [W, H] = input.paper;
  return { width: W, height: H, margin, pages, qr: body.qr, qrSide: c.side, columns: c.cols, ukuranSyarat: c.size, ...(body.survei ? { survei: body.survei } : {}) };
}

/** Pairs of overlapping text/QR/image boxes and boxes outside the printable area (for tests and self-checks). */
export function layoutProblems(l: PosterLayout): string[] {
  const out: string[] = [];
  const eps = 0.01;
  const inside = (b: Box) => b.x >= l.margin - eps && b.y >= l.margin - eps && b.x + b.w <= l.width - l.margin + eps && b.y + b.h <= l.height - l.margin + eps;
  l.pages.forEach((pg, pi) => {
    const boxes = pg.elements.filter((e): e is Extract<Element, { box: Box }> => e.kind === 'text' || e.kind === 'qr' || e.kind === 'image');
    for (const e of pg.elements) {
      if (e.kind === 'line') {
        if (!inside({ x: Math.min(e.x1, e.x2), y: Math.min(e.y1, e.y2), w: Math.abs(e.x2 - e.x1), h: Math.abs(e.y2 - e.y1) })) out.push(`halaman ${pi + 1}: garis di luar area cetak`);
      } else if (!inside(e.box)) out.push(`halaman ${pi + 1}: ${e.kind} ${'text' in e ? JSON.stringify(e.text) : ''} di luar area cetak`);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        if (a.x < b.x + b.w - eps && b.x < a.x + a.w - eps && a.y < b.y + b.h - eps && b.y < a.y + a.h - eps) {
          const name = (e: (typeof boxes)[number]) => (e.kind === 'text' ? JSON.stringify(e.text) : e.kind === 'qr' ? `QR ${e.slug}` : 'logo');
          out.push(`halaman ${pi + 1}: ${name(boxes[i])} bertumpuk dengan ${name(boxes[j])}`);
        }
      }
  });
  return out;
}
