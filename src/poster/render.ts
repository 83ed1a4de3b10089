/**
 * Draws a PosterLayout with pdfkit (through src/pdf/document.ts): text in the embedded fonts,
 * QR codes as vector rectangles (one per run of dark modules) in a Form XObject per code, whose
 * compressed content is prepared once per process and placed on the page with a scale.
 */
import { createPdf, type FontName, type PdfDoc } from '../pdf/document.js';
import type { Measurer, PosterLayout } from './layout.js';
import type { QrSymbol } from './qr.js';

/**
 * A text measurer backed by the embedded fonts. Like pdfkit, it measures a string as the sum of its
 * space-terminated pieces ("kata ", "lain"), each measured once per font and cached.
 */
/** pdfkit's opened image (openImage is public in pdfkit but missing from its type definitions). */
type OpenedImage = { width: number; height: number };
const openImage = (doc: PdfDoc, data: Buffer) => (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(data);
const openedImages = new WeakMap<PdfDoc, Map<string, OpenedImage>>();

/**
 * The logo opened once per document: pdfkit caches images by file path only, so a Buffer given
 * to doc.image would be decoded and embedded again on every poster of a combined PDF.
 */
function openedImage(doc: PdfDoc, assets: RenderAssets, file: string): OpenedImage | undefined {
  let byFile = openedImages.get(doc);
  if (!byFile) openedImages.set(doc, (byFile = new Map()));
  let img = byFile.get(file);
  if (!img) {
    const data = assets.images.get(file);
    if (!data) return undefined;
    img = openImage(doc, data);
    byFile.set(file, img);
  }
  return img;
}

export async function createMeasurer(): Promise<Measurer> {
  const doc = await createPdf({ title: 'ukur', autoFirstPage: false });
  const caches = new Map<FontName, Map<string, number>>();
  const heights = new Map<FontName, number>();
  const glyphs = new Map<string, boolean>();
  const fontkit = () => (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } } })._font?.font;
  return {
    hasGlyph(ch) {
      let ok = glyphs.get(ch);
      if (ok === undefined) {
        // Every template font is a Noto Sans Latin subset with the same coverage: check the regular one.
        doc.font('Sans');
        const f = fontkit();
        ok = f?.hasGlyphForCodePoint ? f.hasGlyphForCodePoint(ch.codePointAt(0)!) : true;
        glyphs.set(ch, ok);
      }
      return ok;
    },
    width(text, font, size) {
      let cache = caches.get(font);
      if (!cache) caches.set(font, (cache = new Map()));
      let total = 0;
      let start = 0;
      for (let i = 0; i <= text.length; i++) {
        const ch = text.charCodeAt(i);
        if (i === text.length ? start < i : ch === 32 || ch === 9) {
          const piece = text.slice(start, i + 1);
          let w = cache.get(piece);
          if (w === undefined) {
            w = doc.font(font).fontSize(1000).widthOfString(piece);
            cache.set(piece, w);
          }
          total += w;
          start = i + 1;
        }
      }
      return (total * size) / 1000;
    },
    lineHeight(font, size) {
      let h = heights.get(font);
      if (h === undefined) {
        doc.font(font).fontSize(1000);
        h = doc.currentLineHeight(false);
        heights.set(font, h);
      }
      return (h * size) / 1000;
    },
  };
}

/** Number formatting for content streams: short and deterministic. */
function n(v: number): string {
  return (Math.round(v * 1000) / 1000).toString();
}

type EmbeddedFontLike = {
  font?: object;
  layoutCache?: Record<string, unknown>;
  encode?(text: string): unknown;
  subset?: { glyphs?: number[]; encode?: () => Uint8Array };
};
const sharedLayouts = new WeakMap<object, Record<string, unknown>>();
const subsetCaches = new WeakMap<object, Map<string, Uint8Array>>();
const prepared = new WeakSet<object>();

/** Printable ASCII and the punctuation posters use, in one run (pdfkit shapes it once per process). */
const PREWARM = ' ' + Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join('') + '–—“”‘’•…';
const SUBSET_CACHE_SIZE = 16;

/**
 * Per-document font work that does not depend on the document, done once per process:
 * - pdfkit shapes every word again in every document (its layout cache belongs to the document's
 *   font object): share one cache per font;
 * - the embedded subset is rebuilt for every document (about 1.5 ms per font): start every
 *   document's subset with the same glyphs in the same order, so the subset bytes are nearly always
 *   the same, and reuse them (keyed by the exact glyph list, so the output is unchanged).
 */
function prepareFont(doc: PdfDoc): void {
  const f = (doc as unknown as { _font?: EmbeddedFontLike })._font;
  if (!f || prepared.has(f) || !f.font) return;
  prepared.add(f);
  if (f.layoutCache) {
    const cache = sharedLayouts.get(f.font);
    if (cache) f.layoutCache = cache;
    else sharedLayouts.set(f.font, f.layoutCache);
  }
  const sub = f.subset;
  if (!sub || !Array.isArray(sub.glyphs) || typeof sub.encode !== 'function' || typeof f.encode !== 'function') return;
  f.encode(PREWARM);
  let cache = subsetCaches.get(f.font);
  if (!cache) subsetCaches.set(f.font, (cache = new Map()));
  const encode = sub.encode.bind(sub);
  const glyphs = sub.glyphs;
  const c = cache;
  sub.encode = () => {
    const key = glyphs.join(',');
    let bytes = c.get(key);
    if (!bytes) {
      bytes = encode();
      if (c.size >= SUBSET_CACHE_SIZE) c.delete(c.keys().next().value!);
      c.set(key, bytes);
    }
    return bytes;
  };
}

const forms = new WeakMap<PdfDoc, Map<string, { name: string; ref: unknown }>>();

/** The Form XObject of a symbol in this document (written once per document, precompressed). */
function qrForm(doc: PdfDoc, slug: string, sym: QrSymbol): string {
  let m = forms.get(doc);
  if (!m) forms.set(doc, (m = new Map()));
  let f = m.get(slug);
  if (!f) {
    const ref = (doc as unknown as { ref(data: object): { end(chunk: Uint8Array): void } }).ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, sym.size, sym.size],
      Filter: 'FlateDecode',
    });
    ref.end(sym.form);
    f = { name: `QR${m.size + 1}`, ref };
    m.set(slug, f);
  }
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[f.name] = f.ref;
  return f.name;
}

interface FastFont {
  id: string;
  ascender: number;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): unknown;
}

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `${n(((v >> 16) & 255) / 255)} ${n(((v >> 8) & 255) / 255)} ${n((v & 255) / 255)}`;
}

/**
 * One line of text written straight into the content stream (what pdfkit's text() does for a
 * single left-aligned line, without its per-call option handling, which dominated poster time).
 * Falls back to doc.text() when pdfkit's font object is not what this expects or glyphs are offset.
 */
function drawLine(doc: PdfDoc, text: string, font: FontName, size: number, color: string, x: number, y: number): void {
  doc.font(font);
  prepareFont(doc);
  const f = (doc as unknown as { _font?: Partial<FastFont> })._font;
  const page = doc.page as unknown as { fonts: Record<string, unknown>; height: number };
  if (f && typeof f.encode === 'function' && typeof f.ref === 'function' && typeof f.id === 'string' && typeof f.ascender === 'number') {
    const [encoded, positions] = (f as FastFont).encode(text);
    if (positions.every((p) => !p.xOffset && !p.yOffset)) {
      if (page.fonts[f.id] == null) page.fonts[f.id] = (f as FastFont).ref();
      const parts: string[] = [];
      let last = 0;
      for (let i = 0; i < positions.length; i++) {
        const adv = positions[i].xAdvance - positions[i].advanceWidth;
        if (adv !== 0 && i < positions.length - 1) {
          parts.push(`<${encoded.slice(last, i + 1).join('')}> ${n(-adv)}`);
          last = i + 1;
        }
      }
      parts.push(`<${encoded.slice(last).join('')}>`);
      const baseline = page.height - y - (f.ascender / 1000) * size;
      doc.addContent(`q 1 0 0 -1 0 ${n(page.height)} cm BT ${rgb(color)} rg 1 0 0 1 ${n(x)} ${n(baseline)} Tm /${f.id} ${n(size)} Tf [${parts.join(' ')}] TJ ET Q`);
      return;
    }
  }
  doc.fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
}

export interface RenderAssets {
  symbols: Map<string, QrSymbol>;
  /** Logo bytes by file name (read once). */
  images: Map<string, Buffer>;
}

/** Draws every page of `layout` into `doc` (a page is added for each). */
export function drawPoster(doc: PdfDoc, layout: PosterLayout, assets: RenderAssets): void {
  for (const page of layout.pages) {
    doc.addPage({ size: [layout.width, layout.height], margin: 0 });
    for (const e of page.elements) {
      switch (e.kind) {
        case 'rect':
          if (e.fill && e.stroke) doc.rect(e.box.x, e.box.y, e.box.w, e.box.h).lineWidth(e.lineWidth ?? 0.6).fillAndStroke(e.fill, e.stroke);
          else if (e.fill) doc.rect(e.box.x, e.box.y, e.box.w, e.box.h).fill(e.fill);
          else if (e.stroke) doc.rect(e.box.x, e.box.y, e.box.w, e.box.h).lineWidth(e.lineWidth ?? 0.6).stroke(e.stroke);
          break;
        case 'line':
          doc.moveTo(e.x1, e.y1).lineTo(e.x2, e.y2).lineWidth(e.width).stroke(e.color);
          break;
        case 'text':
          drawLine(doc, e.text, e.font, e.size, e.color, e.box.x, e.box.y);
          break;
        case 'image': {
          const img = openedImage(doc, assets, e.file);
          if (img) doc.image(img as unknown as Buffer, e.box.x, e.box.y, { width: e.box.w, height: e.box.h });
          break;
        }
        case 'qr': {
          const sym = assets.symbols.get(e.slug)!;
          doc.rect(e.box.x, e.box.y, e.box.w, e.box.h).fill('#ffffff');
          const ox = e.box.x + e.quiet * e.module;
          const oy = e.box.y + e.quiet * e.module;
          // Module units → points; pdfkit's page transform already flips y to top-down.
          const name = qrForm(doc, e.slug, sym);
          doc.addContent(`q ${n(e.module)} 0 0 ${n(e.module)} ${n(ox)} ${n(oy)} cm /${name} Do Q`);
          break;
        }
      }
    }
  }
}
