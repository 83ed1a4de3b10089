/**
 * The one bar chart of paten's reports: nine unsur over the mutu bands, IKM per year, residents
 * served per bazar event, N kecamatan of a kabupaten. Bars stand (vertical, for a dozen short
 * labels) or lie (horizontal, one row per bar, for many or long labels such as kecamatan names).
 * The value axis is either fixed with coloured bands behind the bars (the mutu bands A–D, given
 * by the caller as data: src/pdf knows no IKM) or runs from 0 to a round number above the largest
 * value. `chartHeight` measures exactly what `drawBarChart` draws, caption included, so the
 * report writer (src/pdf/penulis.ts) keeps a chart and its caption on one page.
 */
import { formatAngka } from '../core/format.js';
import { pdfSafeText, type PdfDoc } from './document.js';

export interface Batang {
  label: string;
  /** A second, smaller label under the first (vertical bars only). */
  sub?: string;
  /** Null: no bar, `note` is written in its place (an event that did not take place). */
  value: number | null;
  note?: string;
}

/** A coloured band behind the bars, from `from` up to `to` on the value axis. */
export interface Pita {
  from: number;
  to: number;
  label: string;
  color: string;
}

export interface GrafikBatang {
  bars: Batang[];
  /** Fixed axis; default 0 to niceMax(largest value) in four steps. */
  axis?: { min: number; max: number; ticks: number[] };
  bands?: Pita[];
  orientation?: 'vertical' | 'horizontal';
  /** Plot height of a vertical chart (pt); default 180. */
  height?: number;
  /** Printed in italics under the chart, and kept on its page. */
  caption?: string;
  /** Value labels; default Indonesian numbers with two decimals on a fixed axis, none otherwise. */
  format?: (v: number) => string;
  barColor?: string;
}

const GREY = '#555555';
const BAR = '#1f4e79';
const ROW = 15;
const CAPTION_SIZE = 8.5;

/** Rounds a maximum up to a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) for a readable axis. */
export function niceMax(v: number): number {
  if (v <= 0) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function axisOf(g: GrafikBatang) {
  if (g.axis) return g.axis;
  const max = niceMax(Math.max(0, ...g.bars.map((b) => b.value ?? 0)));
  return { min: 0, max, ticks: [0, 1, 2, 3, 4].map((k) => (max * k) / 4) };
}

const tickText = (v: number) => formatAngka(v, Number.isInteger(v) ? 0 : 2);
const valueText = (g: GrafikBatang, v: number) => (g.format ? g.format(v) : g.axis ? formatAngka(v, 2) : formatAngka(v));

function captionHeight(doc: PdfDoc, g: GrafikBatang, width: number): number {
  if (!g.caption) return 0;
  doc.font('Sans-Italic').fontSize(CAPTION_SIZE);
  return 6 + doc.heightOfString(pdfSafeText(g.caption), { width });
}

function labelWidth(doc: PdfDoc, g: GrafikBatang, width: number): number {
  doc.font('Sans').fontSize(8);
  const widest = Math.max(...g.bars.map((b) => doc.widthOfString(pdfSafeText(b.label))));
  return Math.min(width * 0.4, widest + 6);
}

/** Height of the whole chart with its labels and caption at `width`. */
export function chartHeight(doc: PdfDoc, g: GrafikBatang, width: number): number {
  if (g.orientation === 'horizontal') return 14 + g.bars.length * ROW + 14 + captionHeight(doc, g, width);
  const subs = g.bars.some((b) => b.sub);
  return 12 + (g.height ?? 180) + (subs ? 24 : 14) + captionHeight(doc, g, width);
}

/** Draws the chart with its top-left corner at (x, y); leaves doc.y below the caption. */
export function drawBarChart(doc: PdfDoc, g: GrafikBatang, x: number, y: number, width: number): void {
  const end = g.orientation === 'horizontal' ? drawHorizontal(doc, g, x, y, width) : drawVertical(doc, g, x, y, width);
  doc.fillColor('black');
  if (g.caption) {
    doc.font('Sans-Italic').fontSize(CAPTION_SIZE).text(pdfSafeText(g.caption), x, end + 6, { width, align: 'center' });
  } else doc.y = end;
  doc.x = x;
}

function drawVertical(doc: PdfDoc, g: GrafikBatang, x: number, y: number, width: number): number {
  const ax = axisOf(g);
  const height = g.height ?? 180;
  const x0 = x + 34;
  const x1 = x + width - (g.bands ? 26 : 4);
  const top = y + 12;
  const base = top + height;
  const py = (v: number) => base - ((Math.min(Math.max(v, ax.min), ax.max) - ax.min) / (ax.max - ax.min)) * height;
  for (const b of g.bands ?? []) {
    doc.rect(x0, py(b.to), x1 - x0, py(b.from) - py(b.to)).fill(b.color);
    doc.fillColor(GREY).font('Sans-Bold').fontSize(8).text(pdfSafeText(b.label), x1 + 4, (py(b.to) + py(b.from)) / 2 - 5, { width: 22, lineBreak: false });
  }
  doc.font('Sans').fontSize(7.5);
  for (const v of ax.ticks) {
    doc.moveTo(x0, py(v)).lineTo(x1, py(v)).lineWidth(0.3).strokeColor(g.bands ? '#999999' : '#d0d0d0').stroke();
    doc.fillColor(GREY).text(tickText(v), x, py(v) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  const slot = (x1 - x0) / Math.max(1, g.bars.length);
  const bw = Math.min(46, slot * 0.6);
  g.bars.forEach((b, i) => {
    const cx = x0 + slot * i + slot / 2;
    if (b.value !== null) {
      doc.rect(cx - bw / 2, py(b.value), bw, base - py(b.value)).fill(g.barColor ?? BAR);
      doc.fillColor('black').font('Sans-Bold').fontSize(7.5).text(valueText(g, b.value), cx - slot / 2, py(b.value) - 11, { width: slot, align: 'center', lineBreak: false });
    } else if (b.note) {
      doc.fillColor(GREY).font('Sans-Italic').fontSize(8).text(pdfSafeText(b.note), cx - slot / 2, base - 12, { width: slot, align: 'center', lineBreak: false });
    }
    doc.fillColor('black').font('Sans').fontSize(8).text(pdfSafeText(b.label), cx - slot / 2, base + 3, { width: slot, align: 'center', lineBreak: false });
    if (b.sub) doc.fillColor(GREY).fontSize(6.5).text(pdfSafeText(b.sub), cx - slot / 2, base + 14, { width: slot, align: 'center', lineBreak: false });
  });
  doc.moveTo(x0, base).lineTo(x1, base).lineWidth(0.8).strokeColor('black').stroke();
  return base + (g.bars.some((b) => b.sub) ? 24 : 14);
}

function drawHorizontal(doc: PdfDoc, g: GrafikBatang, x: number, y: number, width: number): number {
  const ax = axisOf(g);
  const lw = labelWidth(doc, g, width);
  const x0 = x + lw;
  const x1 = x + width - 40;
  const top = y + 14;
  const bottom = top + g.bars.length * ROW;
  const px = (v: number) => x0 + ((Math.min(Math.max(v, ax.min), ax.max) - ax.min) / (ax.max - ax.min)) * (x1 - x0);
  for (const b of g.bands ?? []) {
    doc.rect(px(b.from), top, px(b.to) - px(b.from), bottom - top).fill(b.color);
    doc.fillColor(GREY).font('Sans-Bold').fontSize(8).text(pdfSafeText(b.label), px(b.from), y + 1, { width: px(b.to) - px(b.from), align: 'center', lineBreak: false });
  }
  doc.font('Sans').fontSize(7.5);
  for (const v of ax.ticks) {
    doc.moveTo(px(v), top).lineTo(px(v), bottom).lineWidth(0.3).strokeColor(g.bands ? '#999999' : '#d0d0d0').stroke();
    doc.fillColor(GREY).text(tickText(v), px(v) - 20, bottom + 3, { width: 40, align: 'center', lineBreak: false });
  }
  g.bars.forEach((b, i) => {
    const ry = top + i * ROW;
    doc.fillColor('black').font('Sans').fontSize(8).text(pdfSafeText(b.label), x, ry + 3, { width: lw - 6, align: 'right', lineBreak: false });
    if (b.value !== null) {
      doc.rect(x0, ry + 3, px(b.value) - x0, ROW - 6).fill(g.barColor ?? BAR);
      doc.fillColor('black').font('Sans-Bold').fontSize(7.5).text(valueText(g, b.value), px(b.value) + 3, ry + 3.5, { width: 40, lineBreak: false });
    } else if (b.note) doc.fillColor(GREY).font('Sans-Italic').fontSize(8).text(pdfSafeText(b.note), x0 + 3, ry + 3, { width: x1 - x0, lineBreak: false });
  });
  doc.moveTo(x0, top).lineTo(x0, bottom).lineWidth(0.8).strokeColor('black').stroke();
  return bottom + 14;
}
