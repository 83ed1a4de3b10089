/**
 * Penulis: the one themed writer of paten's report PDFs (the yearly IKM report, the bazar
 * reports, the kabupaten report). It owns the page: headings, paragraphs, lists, tables (over
 * src/pdf/table.ts), bar charts (src/pdf/grafik.ts), the signature block (src/pdf/tanda-tangan.ts)
 * and the footer with page numbers, and the layout rules that every report shares:
 *
 * - A heading is never the last thing on a page: headings wait until the next block comes and go
 *   with at least its first part (a table's header and first rows, a paragraph's first lines).
 * - The signature (and a note under a table) never stands alone at the top of a page: the table
 *   before it gives its last two rows to that page.
 * - A chart is one block with its caption; `together(() => …)` keeps a chart with its table (any
 *   blocks) on one page when they fit on one.
 * - No page is left more than half blank unless what comes next cannot fit and cannot be split:
 *   paragraphs, lists and long tables are split across pages; a short table (up to 40% of a page)
 *   moves whole only when the page is already at least half full; a chapter starts on a new page
 *   only when the current one is at least half full, else after a gap on the same page.
 *
 * API (every block is measured before it is drawn, so these rules can be kept):
 *   const w = await Penulis.create({ title, footer, tema: TEMA_LAPORAN | TEMA_RINGKAS, date, … })
 *   w.title(['LAPORAN …', 'Kecamatan …'])   centred title lines with a rule under them
 *   w.chapter('BAB I', 'PENDAHULUAN')        centred chapter title (see the rule above)
 *   w.heading('1.1 Latar Belakang', { level }) kept with what follows (level 2: body size)
 *   w.paragraph(text, { italic, size, align }) / w.list(items, { numbered }) / w.note(text)
 *   w.pairs([['Acara', '6'], …])             label/value lines
 *   w.table(columns, rows, { size, bold, fill, minRow })
 *   w.chart(grafik)                          a GrafikBatang with its caption
 *   w.block(height, (x, y, width) => …)      a caller-drawn block that must not be split
 *   w.together(() => { w.table(…); w.chart(…); })
 *   w.signature({ kecamatan, tanggal, nama, nip })
 *   w.newPage(); w.doc (the pdfkit document, for a cover drawn by hand: call w.sync() first, as the
 *   last table is drawn only once the next block is known)
 *   await w.write(file) → bytes (atomic, through streamPdfAtomic) or w.end() → the document
 * Text is passed through pdfSafeText (the embedded Latin subset). Output stays deterministic: the
 * document date comes from the caller's data.
 */
import { createPdf, pdfSafeText, writePdfAtomic, type PdfDoc, type PdfOptions } from './document.js';
import { chartHeight, drawBarChart, type GrafikBatang } from './grafik.js';
import { drawTable, measureTable, type TableColumn, type TableOptions } from './table.js';
import { drawTandaTangan, jabatanLines, tandaTanganHeight, type TandaTangan } from './tanda-tangan.js';

export interface Tema {
  margin: { top: number; bottom: number; left: number; right: number };
  /** Body text size (pt). */
  body: number;
  heading: number;
  chapter: number;
  title: number;
  table: number;
  note: number;
  accent: string;
  muted: string;
  tableHeaderFill: string;
  tableLine: string;
  align: 'justify' | 'left';
}

/** The formal report (IKM, kabupaten): wide margins, justified text. */
export const TEMA_LAPORAN: Tema = {
  margin: { top: 62, bottom: 62, left: 72, right: 56 },
  body: 10.5, heading: 11, chapter: 13, title: 15, table: 8.5, note: 8.5,
  accent: '#1f4e79', muted: '#555555', tableHeaderFill: '#e6e6e6', tableLine: '#444444', align: 'justify',
};

/** The compact report (bazar): narrow margins, smaller text, light blue table headers. */
export const TEMA_RINGKAS: Tema = {
  margin: { top: 40, bottom: 44, left: 42, right: 42 },
  body: 9.5, heading: 11.5, chapter: 13, title: 15, table: 8.5, note: 7.5,
  accent: '#2f6db5', muted: '#666666', tableHeaderFill: '#e8eef6', tableLine: '#9a9a9a', align: 'left',
};

export interface PenulisOptions extends Omit<PdfOptions, 'margin'> {
  tema?: Tema;
  /** Footer text, left of the page number. */
  footer: string;
  /** Footer (and page number) on the first page too; default true (false for a cover). */
  footerOnFirstPage?: boolean;
}

/** A measured piece of the report, drawn at doc.y. */
interface Blok {
  height: number;
  /** Least height of a first part when the block may be split across pages (else = height). */
  min: number;
  /** Headings: placed only together with the next block. */
  keepWithNext?: boolean;
  /** Space the block leaves out when it starts a page (a heading's space above). */
  skipAtTop?: number;
  /** The signature (and a note under a table): never alone at the top of a page; the table before it gives up its last rows. */
  keepWithPrevious?: boolean;
  /** A short table: moves whole to the next page when the current page is half full. */
  preferWhole?: boolean;
  /** A table's header and row heights, and how to make it break before row k. */
  rows?: { header: number; heights: number[]; after: number; breakAt(): number | undefined; breakBefore(k: number): void };
  draw(): void;
}

const FOOTER_SIZE = 7.5;

/**
 * "Half full" for the rules above. doc.y includes the space under the last block (a table's
 * padding, the gap after a paragraph), which a reader does not see as written: a little over one
 * half, so that a page left for the next one is visibly at least half full.
 */
const HALF = 0.55;

export class Penulis {
  readonly left: number;
  readonly width: number;
  /** Number of the current page (1-based). */
  page = 1;
  private pending: Blok[] = [];
  private group: Blok[] | null = null;
  /** The last placed unit when it ends with a table: drawn when the next unit is known (see keepTail). */
  private held: Blok[] | null = null;

  private constructor(
    readonly doc: PdfDoc,
    readonly tema: Tema,
    private readonly footer: string,
    footerOnFirstPage: boolean,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.on('pageAdded', () => {
      this.page++;
      this.drawFooter();
    });
    if (footerOnFirstPage) this.drawFooter();
  }

  static async create(o: PenulisOptions): Promise<Penulis> {
    const tema = o.tema ?? TEMA_LAPORAN;
    const { footer, footerOnFirstPage, tema: _t, ...pdf } = o;
    const doc = await createPdf({ ...pdf, margin: tema.margin });
    return new Penulis(doc, tema, footer, footerOnFirstPage ?? true);
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The share of the current page's body already written (0 at the top, 1 at the bottom margin). */
  get fill(): number {
    this.release(null);
    return (this.doc.y - this.top) / (this.bottom - this.top);
  }

  private get atTop(): boolean {
    return this.doc.y <= this.top + 0.5;
  }

  /** Footer inside the bottom margin (a rule, the text, "halaman N"), without adding a page. */
  private drawFooter(): void {
    const d = this.doc;
    const m = d.page.margins.bottom;
    const y = d.page.height - m + Math.min(18, m / 2 - 4);
    d.page.margins.bottom = 0;
    d.save();
    d.moveTo(this.left, y - 5).lineTo(this.left + this.width, y - 5).lineWidth(0.5).strokeColor('#999999').stroke();
    d.font('Sans').fontSize(FOOTER_SIZE).fillColor(this.tema.muted);
    d.text(pdfSafeText(this.footer), this.left, y, { width: this.width - 60, lineBreak: false });
    d.text(`halaman ${this.page}`, this.left + this.width - 60, y, { width: 60, align: 'right', lineBreak: false });
    d.restore();
    d.page.margins.bottom = m;
    d.fillColor('black').font('Sans').fontSize(this.tema.body);
    d.x = this.left;
    d.y = this.top;
  }

  // ---------- placement ----------

  private add(b: Blok): void {
    if (b.keepWithNext) {
      this.pending.push(b);
      return;
    }
    const unit = [...this.pending, b];
    this.pending = [];
    if (this.group) this.group.push(...unit);
    else this.place(unit, false);
  }

  /** Draws the held unit; when `next` must not stand alone, its table first gives up its last rows to the next page. */
  private release(next: Blok[] | null): void {
    const h = this.held;
    if (!h) return;
    this.held = null;
    if (next?.[0]?.keepWithPrevious) this.keepTail(h, next.reduce((s, b) => s + b.height, 0));
    for (const b of h) b.draw();
  }

  /**
   * Simulates where the unit's table ends (its page breaks as drawTable makes them); when `need`
   * points no longer fit below it, the table breaks before its last two rows, so what follows
   * starts a page together with them (at least two rows stay on the page before).
   */
  private keepTail(unit: Blok[], need: number): void {
    const t = unit[unit.length - 1].rows!;
    const n = t.heights.length;
    let y = this.doc.y + unit.slice(0, -1).reduce((s, b) => s + b.height, 0) - (this.atTop ? (unit[0].skipAtTop ?? 0) : 0);
    if (y + t.header + (t.heights[0] ?? t.header) > this.bottom) y = this.top;
    y += t.header;
    let segment = 0;
    t.heights.forEach((h, i) => {
      if (y + h > this.bottom || i === t.breakAt()) {
        y = this.top + t.header;
        segment = i;
      }
      y += h;
    });
    const k = n - 2;
    const tail = t.header + t.heights.slice(k).reduce((s, h) => s + h, 0) + t.after + need;
    if (y + t.after + need > this.bottom && k >= segment + 2 && tail <= this.bottom - this.top) t.breakBefore(k);
  }

  /**
   * Draws blocks that belong together: on this page when they fit (or, when `splittable`, when
   * their first part fits), else on a new page.
   */
  private place(unit: Blok[], whole: boolean): void {
    if (!unit.length) return;
    this.release(unit);
    const total = unit.reduce((s, b) => s + b.height, 0);
    const last = unit[unit.length - 1];
    const need = whole ? total : total - last.height + last.min;
    const room = this.bottom - this.doc.y;
    const body = this.bottom - this.top;
    const moveShort = !whole && last.preferWhole && total > room && total <= body * 0.4 && this.fill >= HALF;
    if (!this.atTop && (need > room || moveShort) && !(whole && this.fill < HALF && this.breakInside(unit, room, body))) this.doc.addPage();
    if (last.rows) this.held = unit;
    else for (const b of unit) b.draw();
  }

  /**
   * A group that does not fit, on a page not yet half full: rather than leave the page blank, break
   * one of its tables so that its first rows fill this page and its last rows go on the next page
   * with what follows (a chart stays with the end of its table). At least two rows on each side.
   */
  private breakInside(unit: Blok[], room: number, body: number): boolean {
    let before = 0;
    for (let i = 0; i < unit.length; i++) {
      const t = unit[i].rows;
      if (t) {
        const after = unit.slice(i + 1).reduce((s, b) => s + b.height, 0) + (unit[i].height - t.header - t.heights.reduce((s, h) => s + h, 0));
        for (let k = t.heights.length - 2; k >= 2; k--) {
          const head = before + t.header + t.heights.slice(0, k).reduce((s, h) => s + h, 0);
          const tail = t.header + t.heights.slice(k).reduce((s, h) => s + h, 0) + after;
          if (head <= room && tail <= body) {
            t.breakBefore(k);
            return true;
          }
        }
      }
      before += unit[i].height;
    }
    return false;
  }

  /** Keeps the blocks added inside `fn` (a table and its chart, a closing line and the signature) on one page when they fit on one. */
  together(fn: () => void): void {
    const outer = this.group;
    this.group = [];
    try {
      fn();
    } finally {
      const g = this.group;
      this.group = outer;
      if (outer) outer.push(...g);
      else this.place(g, g.reduce((s, b) => s + b.height, 0) <= this.bottom - this.top);
    }
  }

  /** Starts the next page now (headings still waiting go with the next block). */
  newPage(): void {
    this.release(null);
    if (!this.atTop) this.doc.addPage();
  }

  /** Draws everything added so far: call before drawing on `doc` directly. */
  sync(): void {
    this.release(null);
  }

  private gap(pt: number): Blok {
    return { height: pt, min: pt, skipAtTop: pt, draw: () => (this.atTop ? undefined : void (this.doc.y += pt)) };
  }

  // ---------- blocks ----------

  /** Centred title lines (the first one large) with a rule under them. */
  title(lines: string[]): void {
    const d = this.doc;
    const t = this.tema;
    const texts = lines.map((l) => pdfSafeText(l));
    d.font('Sans-Bold').fontSize(t.title);
    let h = d.heightOfString(texts[0], { width: this.width });
    d.font('Sans').fontSize(t.body + 1);
    for (const s of texts.slice(1)) h += d.heightOfString(s, { width: this.width });
    this.add({
      height: h + 14,
      min: h + 14,
      draw: () => {
        d.font('Sans-Bold').fontSize(t.title).fillColor('black').text(texts[0], this.left, d.y, { width: this.width, align: 'center' });
        d.font('Sans').fontSize(t.body + 1);
        for (const s of texts.slice(1)) d.text(s, this.left, d.y, { width: this.width, align: 'center' });
        const y = d.y + 6;
        d.lineWidth(1).strokeColor('black').moveTo(this.left, y).lineTo(this.left + this.width, y).stroke();
        d.y = y + 8;
      },
    });
  }

  /** A chapter: a new page when the current one is at least half full, else a gap; then the centred title, kept with what follows. */
  chapter(label: string | null, judul: string): void {
    const d = this.doc;
    const t = this.tema;
    if (this.pending.length === 0 && !this.group) {
      if (this.fill >= HALF) this.newPage();
      else if (!this.atTop) this.add({ ...this.gap(28), keepWithNext: true });
    }
    const lines = [label, judul].filter((x): x is string => !!x).map((x) => pdfSafeText(x));
    d.font('Sans-Bold').fontSize(t.chapter);
    const h = lines.reduce((s, x) => s + d.heightOfString(x, { width: this.width }), 0) + t.chapter;
    this.add({
      height: h,
      min: h,
      keepWithNext: true,
      draw: () => {
        d.font('Sans-Bold').fontSize(t.chapter).fillColor('black');
        for (const x of lines) d.text(x, this.left, d.y, { width: this.width, align: 'center' });
        d.y += t.chapter;
      },
    });
  }

  /** A section heading (level 2: a smaller one inside a section); never left alone at the foot of a page. */
  heading(text: string, o: { level?: 1 | 2 } = {}): void {
    const d = this.doc;
    const t = this.tema;
    const s = pdfSafeText(text);
    const size = o.level === 2 ? t.body : t.heading;
    d.font('Sans-Bold').fontSize(size);
    const th = d.heightOfString(s, { width: this.width });
    const before = size * 0.5;
    const after = size * 0.3;
    this.add({
      height: before + th + after,
      min: before + th + after,
      skipAtTop: before,
      keepWithNext: true,
      draw: () => {
        if (!this.atTop) d.y += before;
        d.font('Sans-Bold').fontSize(size).fillColor('black').text(s, this.left, d.y, { width: this.width });
        d.y += after;
      },
    });
  }

  paragraph(text: string, o: { italic?: boolean; size?: number; align?: 'justify' | 'left' | 'center' } = {}): void {
    const d = this.doc;
    const size = o.size ?? this.tema.body;
    const s = pdfSafeText(text);
    const opts = { width: this.width, align: o.align ?? this.tema.align, lineGap: 2 };
    const font = () => d.font(o.italic ? 'Sans-Italic' : 'Sans').fontSize(size).fillColor('black');
    font();
    const h = d.heightOfString(s, opts);
    const line = d.currentLineHeight(true) + 2;
    const after = size * 0.5;
    this.add({
      height: h + after,
      // Two lines at least stay with what is above (no single line left at the foot of a page).
      min: Math.min(h, 2 * line) + 1,
      draw: () => {
        font().text(s, this.left, d.y, opts);
        d.y += after;
      },
    });
  }

  /** A small grey italic note (definitions under a table). */
  note(text: string): void {
    const d = this.doc;
    const s = pdfSafeText(text);
    d.font('Sans-Italic').fontSize(this.tema.note);
    const h = d.heightOfString(s, { width: this.width }) + 4;
    this.add({
      height: h,
      min: h,
      keepWithPrevious: true,
      draw: () => {
        d.font('Sans-Italic').fontSize(this.tema.note).fillColor(this.tema.muted).text(s, this.left, d.y + 2, { width: this.width });
        d.fillColor('black');
        d.y += 2;
      },
    });
  }

  list(items: string[], o: { numbered?: boolean; size?: number; indent?: number } = {}): void {
    const d = this.doc;
    const size = o.size ?? this.tema.body;
    const ind = o.indent ?? 18;
    const texts = items.map((x) => pdfSafeText(x));
    const opts = { width: this.width - ind, lineGap: 1.5 };
    d.font('Sans').fontSize(size);
    const step = size * 0.2;
    const hs = texts.map((x) => d.heightOfString(x, opts) + step);
    const after = size * 0.4;
    this.add({
      height: hs.reduce((s, h) => s + h, 0) + after,
      min: (hs[0] ?? 0) + after,
      draw: () => {
        texts.forEach((x, i) => {
          if (d.y + hs[i] > this.bottom) d.addPage();
          const y = d.y;
          d.font('Sans').fontSize(size).fillColor('black');
          d.text(o.numbered ? `${i + 1}.` : '•', this.left + 2, y, { width: ind - 4, lineBreak: false });
          d.text(x, this.left + ind, y, opts);
          d.y = y + hs[i];
        });
        d.y += after;
      },
    });
  }

  /** Label/value lines (the summary under a title). */
  pairs(items: [string, string][], o: { labelWidth?: number } = {}): void {
    const d = this.doc;
    const size = this.tema.body;
    const lw = o.labelWidth ?? 150;
    const rows = items.map(([k, v]) => [pdfSafeText(k), pdfSafeText(v)] as const);
    const hs = rows.map(([k, v]) => {
      d.font('Sans-Bold').fontSize(size);
      const a = d.heightOfString(k, { width: lw });
      d.font('Sans').fontSize(size);
      return Math.max(a, d.heightOfString(v, { width: this.width - lw }));
    });
    const h = hs.reduce((s, x) => s + x, 0) + 4;
    this.add({
      height: h,
      min: h,
      draw: () => {
        rows.forEach(([k, v], i) => {
          const y = d.y;
          d.font('Sans-Bold').fontSize(size).fillColor('black').text(k, this.left, y, { width: lw });
          d.font('Sans').fontSize(size).text(v, this.left + lw, y, { width: this.width - lw });
          d.y = y + hs[i];
        });
        d.y += 4;
      },
    });
  }

  /** A bordered table; split across pages with its header repeated when it is long. */
  table(cols: TableColumn[], rows: string[][], o: Pick<TableOptions, 'size' | 'minRow' | 'bold' | 'fill'> = {}): void {
    const d = this.doc;
    const opts: TableOptions = {
      size: this.tema.table,
      ...o,
      left: this.left,
      width: this.width,
      headerFill: this.tema.tableHeaderFill,
      lineColor: this.tema.tableLine,
      text: (s) => pdfSafeText(s),
    };
    const m = measureTable(d, cols, rows, opts);
    const after = 8;
    const first = m.header + m.rows.slice(0, Math.min(2, rows.length)).reduce((s, h) => s + h, 0);
    this.add({
      height: m.total + after,
      min: rows.length <= 3 ? m.total + after : first,
      preferWhole: true,
      rows: { header: m.header, heights: m.rows, after, breakAt: () => opts.breakBefore, breakBefore: (k) => (opts.breakBefore = k) },
      draw: () => {
        drawTable(d, cols, rows, opts);
        d.y += after;
      },
    });
  }

  /** A bar chart and its caption, never split. */
  chart(g: GrafikBatang): void {
    const d = this.doc;
    const h = chartHeight(d, g, this.width) + 10;
    this.add({
      height: h,
      min: h,
      draw: () => {
        const y = d.y;
        drawBarChart(d, g, this.left, y, this.width);
        d.y = Math.max(d.y, y + h - 10) + 10;
      },
    });
  }

  /** A block drawn by the caller at (left, y) with the page's content width; never split. */
  block(height: number, draw: (x: number, y: number, width: number) => void): void {
    const d = this.doc;
    this.add({
      height,
      min: height,
      draw: () => {
        const y = d.y;
        draw(this.left, y, this.width);
        d.x = this.left;
        d.y = y + height;
      },
    });
  }

  /** The signature block (place and date, Camat …, name, grouped NIP), never split. */
  signature(t: TandaTangan): void {
    const size = t.size ?? this.tema.body;
    const h = tandaTanganHeight(size, jabatanLines(this.doc, { ...t, size }));
    this.add({ height: h, min: h, keepWithPrevious: true, draw: () => drawTandaTangan(this.doc, { size: this.tema.body, ...t }) });
  }

  /** Flushes headings still waiting (a report that ends with a heading is a caller's bug, but draw it). */
  private flush(): void {
    if (this.pending.length) this.place(this.pending.splice(0), true);
    this.release(null);
  }

  /** The finished document (for callers that stream it themselves). */
  end(): PdfDoc {
    this.flush();
    return this.doc;
  }

  /** Ends the document and writes it atomically; returns the bytes written. */
  write(file: string): Promise<number> {
    return writePdfAtomic(this.end(), file);
  }
}
