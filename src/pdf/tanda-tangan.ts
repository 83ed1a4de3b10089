/**
 * The one signature block of every paten report (IKM report, bazar reports, the kabupaten report):
 * place and date, the office ("Camat …", or the kabupaten official's jabatan), room to sign, the
 * name and the NIP in its official grouping. One function so the reports all look the same.
 */
import { pdfSafeText, type PdfDoc } from './document.js';

/** NIP 197001011990031001 → 19700101 199003 1 001 (the official grouping); other text unchanged. */
export function formatNip(nip: string): string {
  const d = nip.replace(/\D/g, '');
  return d.length === 18 ? `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}` : nip;
}

export interface TandaTangan {
  /** Kecamatan name without "Kecamatan" (the place of signing), or null. */
  kecamatan: string | null;
  /** Place of signing when it is not the kecamatan (the kabupaten report: "Mojokerto"). */
  tempat?: string | null;
  /** The office above the name; default "Camat <kecamatan>". */
  jabatan?: string | null;
  /** "31 Desember 2023". */
  tanggal: string;
  nama: string | null;
  nip: string | null;
  size?: number;
}

/** The block's height (pt) at text size `size`: the space above, four lines (more when the jabatan wraps) and room to sign. */
export function tandaTanganHeight(size = 10.5, jabatanLines = 1): number {
  return 16 + (3 + jabatanLines) * size * 1.362 + size * 4;
}

const blockWidth = (doc: PdfDoc) => Math.max(210, (doc.page.width - doc.page.margins.left - doc.page.margins.right) * 0.45);
const jabatanOf = (t: TandaTangan) => pdfSafeText(t.jabatan ?? (t.kecamatan ? `Camat ${t.kecamatan}` : 'Camat'));

/** How many lines the jabatan takes in the block (a kabupaten official's title wraps). */
export function jabatanLines(doc: PdfDoc, t: TandaTangan): number {
  const size = t.size ?? 10.5;
  doc.font('Sans').fontSize(size);
  return Math.max(1, Math.round(doc.heightOfString(jabatanOf(t), { width: blockWidth(doc), align: 'center' }) / doc.currentLineHeight(true)));
}

/** Draws the block right-aligned below doc.y (on a new page when it does not fit). */
export function drawTandaTangan(doc: PdfDoc, t: TandaTangan): void {
  const size = t.size ?? 10.5;
  if (doc.y + tandaTanganHeight(size, jabatanLines(doc, t)) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bw = blockWidth(doc);
  const x = left + width - bw;
  doc.y += 16;
  doc.font('Sans').fontSize(size).fillColor('black');
  const tempat = t.tempat ?? t.kecamatan;
  doc.text(pdfSafeText(`${tempat ? `${tempat}, ` : ''}${t.tanggal}`), x, doc.y, { width: bw, align: 'center' });
  doc.font('Sans').fontSize(size).text(jabatanOf(t), x, doc.y, { width: bw, align: 'center' });
  doc.y += size * 4;
  doc.font('Sans-Bold').text(pdfSafeText(t.nama ?? '( ............................................ )'), x, doc.y, { width: bw, align: 'center', underline: !!t.nama });
  doc.font('Sans').text(pdfSafeText(t.nip ? `NIP. ${formatNip(t.nip)}` : 'NIP. ......................'), x, doc.y, { width: bw, align: 'center' });
  doc.x = left;
}
