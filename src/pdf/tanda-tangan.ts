/**
 * The one signature block of every paten report (IKM report, bazar reports): place and date,
 * "Camat …", room to sign, the name and the NIP in its official grouping. One function so the
 * reports a camat signs all look the same.
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
  /** "31 Desember 2023". */
  tanggal: string;
  nama: string | null;
  nip: string | null;
  size?: number;
}

/** The block's height (pt) at text size `size`: the space above, four lines and room to sign. */
export function tandaTanganHeight(size = 10.5): number {
  return 16 + 4 * size * 1.362 + size * 4;
}

/** Draws the block right-aligned below doc.y (on a new page when it does not fit). */
export function drawTandaTangan(doc: PdfDoc, t: TandaTangan): void {
  const size = t.size ?? 10.5;
  if (doc.y + tandaTanganHeight(size) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bw = Math.max(210, width * 0.45);
  const x = left + width - bw;
  doc.y += 16;
  doc.font('Sans').fontSize(size).fillColor('black');
  doc.text(pdfSafeText(`${t.kecamatan ? `${t.kecamatan}, ` : ''}${t.tanggal}`), x, doc.y, { width: bw, align: 'center' });
  doc.text(pdfSafeText(t.kecamatan ? `Camat ${t.kecamatan}` : 'Camat'), x, doc.y, { width: bw, align: 'center' });
  doc.y += size * 4;
  doc.font('Sans-Bold').text(pdfSafeText(t.nama ?? '( ............................................ )'), x, doc.y, { width: bw, align: 'center', underline: !!t.nama });
  doc.font('Sans').text(pdfSafeText(t.nip ? `NIP. ${formatNip(t.nip)}` : 'NIP. ......................'), x, doc.y, { width: bw, align: 'center' });
  doc.x = left;
}
