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
  | { kind: 'rect'; box: Box; fill?: string; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number }
  | { kind: 'text'; box: Box; text: string; font: FontName; size: number; color: string }
  | { kind: 'qr'; box: Box; slug: string; modules: number; quiet: number; module: number }
  | { kind: 'image'; box: Box; file: string };

export interface PosterPage {
  elements: Element[];
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
}

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
 * Greedy word wrap; a word wider than the line is broken between characters. Line widths are
 * summed from cached word widths ("kata " and "kata"), as pdfkit measures them.
 */
export function wrap(m: Measurer, text: string, font: FontName, size: number, maxWidth: number): string[] {
  const words = printable(m, text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  const limit = maxWidth + 1e-6;
  let cur: string[] = [];
  let curW = 0; // width of the current line's words, each followed by a space
  for (let word of words) {
    const w = m.width(word, font, size);
    if (cur.length && curW + w <= limit) {
      cur.push(word);
      curW += m.width(word + ' ', font, size);
      continue;
    }
    if (cur.length) lines.push(cur.join(' '));
    cur = [];
    if (w > limit) {
      while (m.width(word, font, size) > limit) {
        let n = word.length - 1;
        while (n > 1 && m.width(word.slice(0, n), font, size) > limit) n--;
        // Prefer a break after "/" or "-" (links, compound words) when it keeps most of the line.
        const soft = Math.max(word.lastIndexOf('/', n - 1), word.lastIndexOf('-', n - 1)) + 1;
        if (soft > n / 2) n = soft;
        lines.push(word.slice(0, n));
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
}

/** One tile at the origin: QR on the left (URL under it), name, requirements and waktu/biaya beside it. */
function tile(m: Measurer, l: LayananTile, t: PosterTemplate, side: number, width: number): TileBlock {
  const els: Element[] = [];
  const qr: Box = { x: PAD, y: PAD, w: side, h: side };
  let qrColH = side;
  if (l.url) {
    const us = 6.5;
    const ub = textLines(m, wrap(m, l.url, t.huruf.biasa, us, side), PAD, PAD + side, side, t.huruf.biasa, us, t.warna.teks, 'center');
    els.push(...ub.elements);
    qrColH += ub.height;
  }
  const tx = PAD + side + PAD;
  const tw = width - side - 3 * PAD;
  const nameSize = t.ukuran.nama_layanan_pt;
  const build = (s: number): Block => {
    const out: Element[] = [];
    let y = PAD;
    const nb = textLines(m, wrap(m, l.nama, t.huruf.tebal, nameSize, tw), tx, y, tw, t.huruf.tebal, nameSize, t.warna.utama);
    out.push(...nb.elements);
    y += nb.height + 0.8 * MM;
    const numW = m.width(`${l.persyaratan.length}.`, t.huruf.biasa, s) + 0.3 * s;
    l.persyaratan.forEach((req, i) => {
      const num = `${i + 1}.`;
      const lines = wrap(m, req, t.huruf.biasa, s, tw - numW);
      out.push(...textLines(m, [num], tx, y, numW, t.huruf.biasa, s, t.warna.teks).elements);
      const rb = textLines(m, lines, tx + numW, y, tw - numW, t.huruf.biasa, s, t.warna.teks);
      out.push(...rb.elements);
      y += rb.height;
    });
    const meta = [l.waktu ? `Waktu: ${l.waktu}` : null, `Biaya: ${l.biaya}`].filter(Boolean).join(' • ');
    y += 0.8 * MM;
    const mb = textLines(m, wrap(m, meta, t.huruf.miring, s, tw), tx, y, tw, t.huruf.miring, s, t.warna.teks_lemah);
    out.push(...mb.elements);
    y += mb.height;
    return { elements: out, height: y - PAD };
  };
  let text: Block | undefined;
  for (let s = t.ukuran.syarat_maks_pt; s >= t.ukuran.syarat_min_pt - 1e-9; s -= 0.5) {
    text = build(s);
    if (text.height <= qrColH) break;
  }
  const height = 2 * PAD + Math.max(qrColH, text!.height);
  return {
    elements: [{ kind: 'rect', box: { x: 0, y: 0, w: width, h: height }, fill: t.warna.latar_kotak, stroke: t.warna.garis }, ...els, ...text!.elements],
    height,
    slug: l.slug,
    nama: l.nama,
    qr,
    modules: l.modules,
  };
}

function shift(e: Element, dx: number, dy: number): Element {
  if (e.kind === 'line') return { ...e, x1: e.x1 + dx, x2: e.x2 + dx, y1: e.y1 + dy, y2: e.y2 + dy };
  return { ...e, box: { ...e.box, x: e.box.x + dx, y: e.box.y + dy } } as Element;
}

const MIN_TEXT_WIDTH = 34 * MM;

function columnsFor(t: PosterTemplate, contentW: number, side: number, count: number): number {
  const gap = t.jarak_mm * MM;
  const auto = Math.floor((contentW + gap) / (side + MIN_TEXT_WIDTH + 3 * PAD + gap));
  const cols = t.kolom === 'otomatis' ? auto : t.kolom;
  return Math.max(1, Math.min(cols, 4, count));
}

function paginate(m: Measurer, input: LayoutInput, side: number): PosterLayout {
  const t = input.template;
  const [W, H] = input.paper;
  const margin = t.margin_mm * MM;
  const gap = t.jarak_mm * MM;
  const x0 = margin;
  const cw = W - 2 * margin;
  const cols = columnsFor(t, cw, side, input.layanan.length);
  const tileW = (cw - gap * (cols - 1)) / cols;
  if (tileW - side - 3 * PAD < 20 * MM)
    throw new UserError(`Kertas terlalu sempit untuk ${cols} kolom dengan kode QR ${Math.round(side / MM)} mm.`, { hint: 'Kurangi "kolom" di templat atau pakai --kertas A3.' });
  const key = `${side}|${tileW}`;
  let tiles = input.tileCache?.get(key) as TileBlock[] | undefined;
  if (!tiles) {
    tiles = input.layanan.map((l) => tile(m, l, t, side, tileW));
    input.tileCache?.set(key, tiles);
  }
  // Footer height does not depend on the page numbers (the label has a fixed width).
  const footerH = footer(m, input, x0, H - margin, cw, 1, 1).height;
  const areaBottom = H - margin - footerH - gap;

  const pages: { header: Block; elements: Element[] }[] = [];
  const qr: QrPlacement[] = [];
  let header = firstHeader(m, input, x0, margin, cw);
  let cur = { header, elements: [] as Element[] };
  pages.push(cur);
  let y = margin + header.height + gap;
  for (let r = 0; r < tiles.length; r += cols) {
    const row = tiles.slice(r, r + cols);
    const rowH = Math.max(...row.map((tl) => tl.height));
    if (y + rowH > areaBottom + 1e-6) {
      header = nextHeader(m, input, x0, margin, cw);
      const top = margin + header.height + gap;
      if (top + rowH > areaBottom + 1e-6) {
        const tallest = row.reduce((a, b) => (b.height > a.height ? b : a));
        throw new UserError(`Kotak layanan ${tallest.nama} (${tallest.slug}) terlalu tinggi untuk satu halaman: persyaratannya terlalu panjang.`, {
          hint: 'Perpendek persyaratan di katalog, pakai --kertas A3, atau kecilkan ukuran huruf di templat.',
        });
      }
      cur = { header, elements: [] };
      pages.push(cur);
      y = top;
    }
    row.forEach((tl, i) => {
      const tx = x0 + i * (tileW + gap);
      cur.elements.push(...tl.elements.map((e) => shift(e, tx, y)));
      const box = { x: tx + tl.qr.x, y: y + tl.qr.y, w: side, h: side };
      const quiet = t.qr.tepi_modul;
      const module = side / (tl.modules + 2 * quiet);
      cur.elements.push({ kind: 'qr', box, slug: tl.slug, modules: tl.modules, quiet, module });
      qr.push({ slug: tl.slug, page: pages.length, box, modul_mm: Math.round((module / MM) * 1000) / 1000 });
    });
    y += rowH + gap;
  }
  const out: PosterPage[] = pages.map((pg, i) => ({
    elements: [...pg.header.elements, ...pg.elements, ...footer(m, input, x0, H - margin, cw, i + 1, pages.length).elements],
  }));
  return { width: W, height: H, margin, pages: out, qr, qrSide: side, columns: cols };
}

/**
 * Lays out one poster. The QR box is the smallest that suits every code, enlarged (up to the
 * template's maximum) while everything still fits on one page; otherwise tiles flow onto more pages.
 */
export function layoutPoster(m: Measurer, input: LayoutInput): PosterLayout {
  if (input.layanan.length === 0) throw new UserError('Tidak ada layanan untuk poster.');
  const t = input.template;
  const base = requiredQrSide(input.layanan, t);
  const max = t.qr.lebar_maks_mm * MM;
  // The choice depends on the desa only through the header heights: remember it per run.
  const cw = input.paper[0] - 2 * t.margin_mm * MM;
  const key = `side|${firstHeader(m, input, 0, 0, cw).height}|${nextHeader(m, input, 0, 0, cw).height}`;
  const known = input.tileCache?.get(key) as number | undefined;
  if (known !== undefined) return paginate(m, input, known);
  let chosen: PosterLayout | undefined;
  for (const k of [1.6, 1.4, 1.2]) {
    const side = Math.min(base * k, max);
    if (side <= base + 1e-6) continue;
    try {
      const l = paginate(m, input, side);
      if (l.pages.length === 1) {
        chosen = l;
        break;
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  chosen ??= paginate(m, input, base);
  input.tileCache?.set(key, chosen.qrSide);
  return chosen;
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
