/**
 * Draws the paper questionnaire: builds the document with src/pdf/document.ts, measures text with
 * its embedded fonts, asks kuesioner-layout.ts where everything goes and draws exactly that. The
 * corner QR is vector rectangles (one per run of dark modules), black, with its quiet zone.
 */
import { createRequire } from 'node:module';
import { createPdf, type FontName, type PdfDoc } from '../pdf/document.js';
import { namaKecamatan, type IsiKuesioner } from './kuesioner.js';
import { layoutKuesioner, type Box, type Kertas, type KuesionerLayout, type Ukur } from './kuesioner-layout.js';

const require = createRequire(import.meta.url);

/** A measurer over the document's own fonts (the layout then matches what is drawn). */
export function ukurPdf(doc: PdfDoc): Ukur {
  const widths = new Map<string, number>();
  return {
    width(text, font, size) {
      const key = `${font}\u0000${text}`;
      let w = widths.get(key);
      if (w === undefined) {
        w = doc.font(font).fontSize(100).widthOfString(text) / 100;
        widths.set(key, w);
      }
      return w * size;
    },
    lineHeight(font, size) {
      return doc.font(font).fontSize(size).currentLineHeight(false);
    },
  };
}

/** Round to 1/1000 pt: short, deterministic content streams. */
function n(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function drawQr(doc: PdfDoc, box: Box, payload: string): void {
  const qrcode = require('qrcode') as typeof import('qrcode');
  // Level M: survives a smudge or a fold and keeps a short link at a low version (large modules).
  const q = qrcode.create(payload, { errorCorrectionLevel: 'M' });
  const size = q.modules.size;
  const quiet = 4;
  const mod = box.w / (size + 2 * quiet);
  const ox = box.x + quiet * mod;
  const oy = box.y + quiet * mod;
  for (let r = 0; r < size; r++) {
    let c = 0;
    while (c < size) {
      if (!q.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && q.modules.get(r, c)) c++;
      // A hair of overlap between rows so no white seams show when the page is rasterised.
      doc.rect(n(ox + start * mod), n(oy + r * mod), n((c - start) * mod), n(mod + 0.01));
    }
  }
  doc.fillColor('black').fill();
}

export function drawKuesioner(doc: PdfDoc, layout: KuesionerLayout): void {
  doc.fillColor('black').strokeColor('black');
  for (const e of layout.elements) {
    if (e.kind === 'text') {
      doc.font(e.font as FontName).fontSize(e.size).fillColor('black').text(e.text, n(e.box.x), n(e.box.y), { lineBreak: false });
    } else if (e.kind === 'kotak' || e.kind === 'bingkai') {
      doc.lineWidth(e.kind === 'kotak' ? 0.8 : 1).rect(n(e.box.x), n(e.box.y), n(e.box.w), n(e.box.h)).stroke('black');
    } else if (e.kind === 'garis') {
      doc.lineWidth(e.width).moveTo(n(e.x1), n(e.y1)).lineTo(n(e.x2), n(e.y2)).stroke('black');
    } else {
      drawQr(doc, e.box, e.payload);
    }
  }
}

/** The questionnaire as a one-page PDF document (not yet written), with its layout. */
export async function kuesionerPdf(isi: IsiKuesioner, kertas: Kertas = 'A4'): Promise<{ doc: PdfDoc; layout: KuesionerLayout }> {
  const doc = await createPdf({
    size: kertas,
    margin: 0,
    title: `Kuesioner SKM ${namaKecamatan(isi.profil)}`,
    subject: 'Survei Kepuasan Masyarakat (PermenPANRB 14/2017)',
    author: namaKecamatan(isi.profil),
    date: new Date(`${isi.tanggalData}T00:00:00Z`),
  });
  const layout = layoutKuesioner(ukurPdf(doc), isi, kertas);
  drawKuesioner(doc, layout);
  return { doc, layout };
}
