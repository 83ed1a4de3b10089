/**
 * Draws a PosterLayout with pdfkit (through src/pdf/document.ts): text in the embedded fonts,
 * QR codes as vector rectangles (one per run of dark modules) in a Form XObject per code, whose
 * compressed content is prepared once per process and placed on the page with a scale.
 */
import { createPdf, type FontName, type PdfDoc } from '../pdf/document.js';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Element, Measurer, PosterLayout } from './layout.js';
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
            doc.font(font);
            // Shapes into the cache the posters' fonts share (prepareFont), so a desa name
            // measured here is not shaped again when it is drawn.
            prepareFont(doc);
            w = doc.fontSize(1000).widthOfString(piece);
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

type Ref = { end(chunk?: Uint8Array): void };
const docRef = (doc: PdfDoc, data: object): Ref => (doc as unknown as { ref(data: object): Ref }).ref(data);
const forms = new WeakMap<PdfDoc, Map<string, { name: string; ref: Ref }>>();

/** The Form XObject of a symbol in this document (written once per document, precompressed). */
function qrRef(doc: PdfDoc, slug: string, sym: QrSymbol): { name: string; ref: Ref } {
  let m = forms.get(doc);
  if (!m) forms.set(doc, (m = new Map()));
  let f = m.get(slug);
  if (!f) {
    const ref = docRef(doc, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, sym.size, sym.size], Filter: 'FlateDecode' });
    ref.end(sym.form);
    f = { name: `QR${m.size + 1}`, ref };
    m.set(slug, f);
  }
  return f;
}

function pageXObject(doc: PdfDoc, name: string, ref: Ref): void {
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[name] = ref;
}

interface FastFont {
  id: string;
  ascender: number;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  ref(): Ref;
}

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `${n(((v >> 16) & 255) / 255)} ${n(((v >> 8) & 255) / 255)} ${n((v & 255) / 255)}`;
}

/** The document's current font when it is the pdfkit object the fast paths expect. */
function fastFont(doc: PdfDoc, font: FontName): FastFont | null {
  doc.font(font);
  prepareFont(doc);
  const f = (doc as unknown as { _font?: Partial<FastFont> })._font;
  return f && typeof f.encode === 'function' && typeof f.ref === 'function' && typeof f.id === 'string' && typeof f.ascender === 'number' ? (f as FastFont) : null;
}

/**
 * The operators of one line of text (what pdfkit's text() writes for a single left-aligned line,
 * without its per-call option handling), with the font under resource name `name`; null when a
 * glyph is offset (then pdfkit has to draw it).
 */
function textOps(f: FastFont, name: string, text: string, size: number, color: string, x: number, y: number, pageHeight: number): string | null {
  const [encoded, positions] = f.encode(text);
  if (!positions.every((p) => !p.xOffset && !p.yOffset)) return null;
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
  const baseline = pageHeight - y - (f.ascender / 1000) * size;
  return `q 1 0 0 -1 0 ${n(pageHeight)} cm BT ${rgb(color)} rg 1 0 0 1 ${n(x)} ${n(baseline)} Tm /${name} ${n(size)} Tf [${parts.join(' ')}] TJ ET Q`;
}

/** One line of text written straight into the page's content stream (pdfkit's text() as fallback). */
function drawLine(doc: PdfDoc, text: string, font: FontName, size: number, color: string, x: number, y: number): void {
  const f = fastFont(doc, font);
  const page = doc.page as unknown as { fonts: Record<string, unknown>; height: number };
  const ops = f && textOps(f, f.id, text, size, color, x, y, page.height);
  if (f && ops) {
    if (page.fonts[f.id] == null) page.fonts[f.id] = f.ref();
    doc.addContent(ops);
    return;
  }
  doc.fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false });
}

export interface RenderAssets {
  symbols: Map<string, QrSymbol>;
  /** Logo bytes by file name (read once). */
  images: Map<string, Buffer>;
}

/** The operators of a rectangle, line or code box (pdfkit's top-down page space). */
function shapeOps(e: Element): string {
  switch (e.kind) {
    case 'rect': {
      const re = `${n(e.box.x)} ${n(e.box.y)} ${n(e.box.w)} ${n(e.box.h)} re`;
      const lw = `${n(e.lineWidth ?? 0.6)} w`;
      if (e.fill && e.stroke) return `${lw} ${re} ${rgb(e.fill)} rg ${rgb(e.stroke)} RG B`;
      if (e.fill) return `${re} ${rgb(e.fill)} rg f`;
      if (e.stroke) return `${lw} ${re} ${rgb(e.stroke)} RG S`;
      return '';
    }
    case 'line':
      return `${n(e.x1)} ${n(e.y1)} m ${n(e.x2)} ${n(e.y2)} l ${n(e.width)} w ${rgb(e.color)} RG S`;
    default:
      return '';
  }
}

/** Module units → points around a code's Form XObject `name`, on a white box (quiet zone). */
function qrOps(e: Extract<Element, { kind: 'qr' }>, name: string): string {
  const ox = e.box.x + e.quiet * e.module;
  const oy = e.box.y + e.quiet * e.module;
  return `${n(e.box.x)} ${n(e.box.y)} ${n(e.box.w)} ${n(e.box.h)} re 1 1 1 rg f q ${n(e.module)} 0 0 ${n(e.module)} ${n(ox)} ${n(oy)} cm /${name} Do Q`;
}

/** Draws elements straight onto the current page. */
function drawElements(doc: PdfDoc, elements: Element[], assets: RenderAssets): void {
  for (const e of elements) {
    switch (e.kind) {
      case 'rect':
      case 'line':
        doc.addContent(shapeOps(e));
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
        const f = qrRef(doc, e.slug, assets.symbols.get(e.slug)!);
        pageXObject(doc, f.name, f.ref);
        doc.addContent(qrOps(e, f.name));
        break;
      }
    }
  }
}

/**
 * The part of a page shared by every desa's poster, as the content of a Form XObject: deflated
 * once, with its own resource names (fonts /F1…, codes /Q1…) so it fits any document.
 */
interface SharedForm {
  content: Buffer;
  fonts: FontName[];
  codes: string[];
}

/** pdfkit's per-document font state that encoding text changes (subset glyph ids, widths, ToUnicode). */
type FontState = FastFont & { subset: { glyphs: number[]; includeGlyph(id: number): number }; widths: (number | undefined)[]; unicode: (number[] | undefined)[] };

interface FontSnapshot {
  font: FontName;
  glyphs: number[];
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
}

/**
 * A poster's shared parts, built in a fresh document, and the state of each font they used (in
 * the order the fonts were first used). The encoded text holds subset glyph ids, which pdfkit
 * numbers in order of first use: giving another fresh document the same font state makes the
 * forms valid there as they are, and the document byte for byte what building them would give.
 */
interface SharedSet {
  pages: Element[][];
  forms: SharedForm[];
  fonts: FontSnapshot[];
}

function isFontState(f: FastFont): f is FontState {
  const s = f as Partial<FontState>;
  return !!s.subset && Array.isArray(s.subset.glyphs) && typeof s.subset.includeGlyph === 'function' && Array.isArray(s.widths) && Array.isArray(s.unicode);
}

function snapshot(doc: PdfDoc, fonts: FontName[]): FontSnapshot[] | null {
  const out: FontSnapshot[] = [];
  for (const font of fonts) {
    const f = fastFont(doc, font);
    if (!f || !isFontState(f)) return null;
    out.push({ font, glyphs: f.subset.glyphs.slice(), widths: f.widths.slice(), unicode: f.unicode.slice() });
  }
  return out;
}

/** Gives a fresh document's fonts the snapshot's state; false if a font does not start the same. */
function restore(doc: PdfDoc, fonts: FontSnapshot[]): boolean {
  for (const snap of fonts) {
    const f = fastFont(doc, snap.font);
    if (!f || !isFontState(f)) return false;
    const have = f.subset.glyphs;
    if (have.length > snap.glyphs.length || have.some((g, i) => g !== snap.glyphs[i])) return false;
    for (let i = have.length; i < snap.glyphs.length; i++) f.subset.includeGlyph(snap.glyphs[i]);
    for (let i = 0; i < snap.widths.length; i++) if (f.widths[i] == null && snap.widths[i] != null) f.widths[i] = snap.widths[i];
    for (let i = 0; i < snap.unicode.length; i++) if (f.unicode[i] == null && snap.unicode[i] != null) f.unicode[i] = snap.unicode[i];
  }
  return true;
}

/** By the first page's shared elements (the same array object for every desa of a run). */
const sharedSets = new WeakMap<Element[], SharedSet>();
/** Forms already written into a document (a combined PDF reuses them for every desa). */
const docForms = new WeakMap<PdfDoc, Map<Element[], { name: string; ref: Ref }>>();
/** Documents in which some text has been encoded: their glyph ids are their own. */
const used = new WeakSet<PdfDoc>();

/** Builds one shared form in `doc` (encoding its texts there); null if a line needs pdfkit's own drawing. */
function buildForm(doc: PdfDoc, elements: Element[], height: number, touched: FontName[]): SharedForm | null {
  const fonts: FontName[] = [];
  const codes: string[] = [];
  const ops: string[] = [];
  for (const e of elements) {
    if (e.kind === 'text') {
      const f = fastFont(doc, e.font);
      if (!f) return null;
      let i = fonts.indexOf(e.font);
      if (i < 0) i = fonts.push(e.font) - 1;
      if (!touched.includes(e.font)) touched.push(e.font);
      const op = textOps(f, `F${i + 1}`, e.text, e.size, e.color, e.box.x, e.box.y, height);
      if (!op) return null;
      ops.push(op);
    } else if (e.kind === 'qr') {
      let i = codes.indexOf(e.slug);
      if (i < 0) i = codes.push(e.slug) - 1;
      ops.push(qrOps(e, `Q${i + 1}`));
    } else if (e.kind === 'image') return null;
    else ops.push(shapeOps(e));
  }
  return { content: zlib.deflateSync(Buffer.from(ops.join('\n'), 'latin1')), fonts, codes };
}

/** Writes a shared form into `doc` with its resources (the document's fonts and codes). */
function writeForm(doc: PdfDoc, form: SharedForm, layout: PosterLayout, assets: RenderAssets, name: string): { name: string; ref: Ref } {
  const Font: Record<string, Ref> = {};
  form.fonts.forEach((font, i) => {
    Font[`F${i + 1}`] = fastFont(doc, font)!.ref();
  });
  const XObject: Record<string, Ref> = {};
  form.codes.forEach((slug, i) => {
    XObject[`Q${i + 1}`] = qrRef(doc, slug, assets.symbols.get(slug)!).ref;
  });
  const ref = docRef(doc, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, layout.width, layout.height], Resources: { Font, XObject }, Filter: 'FlateDecode' });
  ref.end(form.content);
  return { name, ref };
}

/**
 * The Form XObject for each page's shared part in this document (null for a page drawn directly):
 * reused from this document, or from a poster of the run drawn in another fresh document, or built.
 */
function sharedForms(doc: PdfDoc, layout: PosterLayout, assets: RenderAssets): ({ name: string; ref: Ref } | null)[] {
  const pages = layout.pages.map((p) => p.shared);
  if (pages.some((s) => !s)) return pages.map(() => null);
  let inDoc = docForms.get(doc);
  if (!inDoc) docForms.set(doc, (inDoc = new Map()));
  const have = inDoc;
  const fresh = !used.has(doc);
  used.add(doc);
  const nameFor = () => `P${have.size + 1}`;
  const set = sharedSets.get(pages[0]!);
  if (fresh && set && set.pages.length === pages.length && set.pages.every((s, i) => s === pages[i]) && restore(doc, set.fonts)) {
    set.forms.forEach((form, i) => have.set(pages[i]!, writeForm(doc, form, layout, assets, nameFor())));
  } else {
    const touched: FontName[] = [];
    const built: (SharedForm | null)[] = pages.map((s) => (have.has(s!) ? null : buildForm(doc, s!, layout.height, touched)));
    const fonts = fresh && built.every((f) => f) ? snapshot(doc, touched) : null;
    built.forEach((form, i) => {
      if (form) have.set(pages[i]!, writeForm(doc, form, layout, assets, nameFor()));
    });
    if (fonts) sharedSets.set(pages[0]!, { pages: pages as Element[][], forms: built as SharedForm[], fonts });
  }
  return pages.map((s) => have.get(s!) ?? null);
}

type RefInternals = { compress: boolean; buffer: Uint8Array[]; document: object; data: { Filter?: string }; finalize(): unknown };
const posterDocs = new WeakSet<object>();
const deflated = new Map<string, Buffer>();
const DEFLATE_CACHE_BYTES = 8 * 1024 * 1024;
/** Streams shorter than this stay uncompressed: zlib's set-up costs more than the bytes saved. */
const DEFLATE_MIN_BYTES = 2048;
let deflatedBytes = 0;
let deflateInstalled = false;

/**
 * The streams of poster documents (see drawPoster), compressed by paten instead of pdfkit: short
 * ones (page headers, ToUnicode maps) not at all, since zlib's set-up of each stream cost more than
 * the drawing (0.2–0.5 ms each, four or more per poster); long ones deflated once per process and
 * remembered by a hash of the input, since every poster embeds the same font subsets (the same
 * glyphs, see prepareFont) and pdfkit would deflate them again in every document. Both depend on
 * the stream alone, so documents stay byte-identical. Other documents keep pdfkit's own deflate.
 */
function installDeflate(ref: object): void {
  if (deflateInstalled) return;
  const proto = Object.getPrototypeOf(ref) as RefInternals;
  const original = proto.finalize;
  if (typeof original !== 'function' || !Array.isArray((ref as RefInternals).buffer)) return;
  deflateInstalled = true;
  proto.finalize = function (this: RefInternals) {
    if (this.compress && this.buffer.length && posterDocs.has(this.document)) {
      const raw = Buffer.concat(this.buffer);
      this.compress = false;
      if (raw.length < DEFLATE_MIN_BYTES) {
        delete this.data.Filter;
        this.buffer = [raw];
      } else {
        const key = crypto.createHash('sha256').update(raw).digest('base64');
        let out = deflated.get(key);
        if (!out) {
          out = zlib.deflateSync(raw);
          if (deflatedBytes + out.length > DEFLATE_CACHE_BYTES) {
            deflated.clear();
            deflatedBytes = 0;
          }
          deflated.set(key, out);
          deflatedBytes += out.length;
        }
        this.buffer = [out];
      }
    }
    return original.call(this);
  };
}

/** Draws every page of `layout` into `doc` (a page is added for each). */
export function drawPoster(doc: PdfDoc, layout: PosterLayout, assets: RenderAssets): void {
  posterDocs.add(doc);
  // Shared parts first: in a fresh document their texts are then the first encoded (see SharedSet).
  const shared = sharedForms(doc, layout, assets);
  layout.pages.forEach((page, i) => {
    doc.addPage({ size: [layout.width, layout.height], margin: 0 });
    installDeflate((doc.page as unknown as { content: object }).content);
    const form = shared[i];
    if (!form) return drawElements(doc, page.elements, assets);
    drawElements(doc, page.elements.slice(0, page.elements.length - page.shared!.length), assets);
    pageXObject(doc, form.name, form.ref);
    doc.addContent(`q /${form.name} Do Q`);
  });
}
