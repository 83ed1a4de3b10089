/**
 * The one bordered-table renderer for paten's reports (IKM report, bazar reports): a shaded header
 * row repeated after every page break, wrapped cells, column widths as relative shares of the
 * available width. Starts at doc.y and leaves doc.y just below the last row. `measureTable` gives
 * the same row heights without drawing, so the report writer (src/pdf/penulis.ts) can decide
 * where a table goes before it draws it.
 */
import type { PdfDoc } from './document.js';

export interface TableColumn {
  header: string;
  /** Relative width: columns share the table width in proportion to these numbers. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  /** Font size (pt); default 9. */
  size?: number;
  /** Minimum row height (pt). */
  minRow?: number;
  /** Row i (0-based) in bold. */
  bold?: (i: number) => boolean;
  /** Background colour of row i, or null. */
  fill?: (i: number) => string | null;
  headerFill?: string;
  lineColor?: string;
  /** Applied to every cell's text before it is drawn (e.g. to keep it inside the font's subset). */
  text?: (s: string) => string;
  /** Left edge and width; default the page's content box. */
  left?: number;
  width?: number;
  /** Start a new page (header repeated) before this row even if it would fit: the writer's choice of break. */
  breakBefore?: number;
}

export interface TableSize {
  header: number;
  rows: number[];
  /** Header plus every row. */
  total: number;
}

const PAD = 3;

function geometry(doc: PdfDoc, cols: TableColumn[], opts: TableOptions) {
  const size = opts.size ?? 9;
  const left = opts.left ?? doc.page.margins.left;
  const width = opts.width ?? doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const text = opts.text ?? ((s: string) => s);
  const total = cols.reduce((a, c) => a + c.width, 0);
  const ws = cols.map((c) => (c.width / total) * width);
  const font = (bold: boolean) => doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(size);
  const rowHeight = (cells: string[], bold: boolean) => {
    font(bold);
    return Math.max(opts.minRow ?? 0, ...cells.map((c, i) => doc.heightOfString(text(c) || ' ', { width: ws[i] - 2 * PAD }) + 2 * PAD));
  };
  return { left, text, ws, font, rowHeight };
}

/** Row heights as drawTable will draw them (the header is drawn without minRow). */
export function measureTable(doc: PdfDoc, cols: TableColumn[], rows: string[][], opts: TableOptions = {}): TableSize {
  const g = geometry(doc, cols, { ...opts, minRow: 0 });
  const header = g.rowHeight(cols.map((c) => c.header), true);
  const gr = geometry(doc, cols, opts);
  const hs = rows.map((r, i) => gr.rowHeight(r, opts.bold?.(i) ?? false));
  return { header, rows: hs, total: header + hs.reduce((a, h) => a + h, 0) };
}

export function drawTable(doc: PdfDoc, cols: TableColumn[], rows: string[][], opts: TableOptions = {}): void {
  const { left, text, ws, font } = geometry(doc, cols, opts);
  const size = measureTable(doc, cols, rows, opts);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], y: number, h: number, bold: boolean, fill: string | null) => {
    let x = left;
    cells.forEach((c, i) => {
      if (fill) doc.rect(x, y, ws[i], h).fill(fill);
      doc.rect(x, y, ws[i], h).lineWidth(0.5).strokeColor(opts.lineColor ?? '#444444').stroke();
      font(bold).fillColor('black');
      doc.text(text(c), x + PAD, y + PAD, { width: ws[i] - 2 * PAD, align: cols[i].align ?? 'left' });
      x += ws[i];
    });
  };
  const header = cols.map((c) => c.header);
  const drawHeader = () => {
    const y = doc.y;
    drawRow(header, y, size.header, true, opts.headerFill ?? '#e6e6e6');
    doc.y = y + size.header;
  };
  if (doc.y + size.header + (size.rows[0] ?? size.header) > bottom()) doc.addPage();
  drawHeader();
  rows.forEach((r, i) => {
    const h = size.rows[i];
    if (doc.y + h > bottom() || i === opts.breakBefore) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    drawRow(r, y, h, opts.bold?.(i) ?? false, opts.fill?.(i) ?? null);
    doc.y = y + h;
  });
  doc.x = left;
}
