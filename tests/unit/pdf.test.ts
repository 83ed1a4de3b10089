import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPdf, pdfToBuffer, writePdfAtomic } from '../../src/pdf/document.js';
import { cleanup, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

async function sample(): Promise<Buffer> {
  const doc = await createPdf({ title: 'Uji', size: 'A4', date: new Date(Date.UTC(2026, 10, 23)) });
  doc.font('Sans-Bold').fontSize(20).text('Kecamatan Kemlagi – Persyaratan “PATEN”');
  doc.font('Sans').fontSize(11).text('Semua layanan GRATIS • Pindai dengan kamera HP');
  return pdfToBuffer(doc);
}

describe('pdf document', () => {
  it('embeds the font, keeps Indonesian text readable and is byte-identical across runs', async () => {
    const a = await sample();
    const b = await sample();
    expect(a.equals(b)).toBe(true);
    const file = path.join(dir, 'uji.pdf');
    fs.writeFileSync(file, a);
    const text = pdfText(file);
    expect(text).toContain('Kecamatan Kemlagi – Persyaratan “PATEN”');
    expect(text).toContain('Semua layanan GRATIS • Pindai dengan kamera HP');
    const info = pdfInfo(file);
    expect(info.Title).toBe('Uji');
    expect(info['Page size']).toMatch(/595\.28 x 841\.89/);
  });

  it('writes atomically and leaves no temporary file behind', async () => {
    const doc = await createPdf({ title: 'Atomik' });
    doc.text('halo');
    const file = path.join(dir, 'atomik.pdf');
    const bytes = await writePdfAtomic(doc, file);
    expect(bytes).toBe(fs.statSync(file).size);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports an unwritable folder as a user error', async () => {
    const doc = await createPdf({ title: 'Gagal' });
    await expect(writePdfAtomic(doc, path.join(dir, 'tidak-ada', 'x.pdf'))).rejects.toThrow(/folder tidak ada/);
  });
});

describe('pdfSafeText', () => {
  it('keeps what the embedded font draws and replaces the rest visibly', async () => {
    const { pdfSafeText } = await import('../../src/pdf/document.js');
    expect(pdfSafeText('Senin–Jumat “PATEN” • 1.234,50 € café')).toBe('Senin–Jumat “PATEN” • 1.234,50 € café');
    expect(pdfSafeText('PBG (≤100 m²) → loket; Σ ≥ 88,31')).toBe('PBG (<=100 m²) -> loket; Jumlah  >= 88,31');
    expect(pdfSafeText('漢字')).toBe('??');
    expect(pdfSafeText('a≤b', () => true)).toBe('a<=b');
  });
});
