import { describe, expect, it } from 'vitest';
import { layoutKuesioner, type Box, type Ukur } from '../../src/survey/kuesioner-layout.js';
import { soalKuesioner, type IsiKuesioner } from '../../src/survey/kuesioner.js';
import type { Profil } from '../../src/profil/index.js';

/** Noto Sans is about 0.55 em per character on average; exact widths do not matter for these checks. */
const ukur: Ukur = { width: (t, f, s) => t.length * s * (f.includes('Bold') ? 0.58 : 0.52), lineHeight: (_f, s) => s * 1.362 };

function isi(nLayanan: number, url: string | null = 'https://forms.gle/SkmKemlagi2025'): IsiKuesioner {
  const profil = { nama_kecamatan: 'Kemlagi', kabupaten: 'Kabupaten Mojokerto', provinsi: 'Jawa Timur', alamat: 'Jl. Raya Kemlagi', telepon: '(0321) 000000', url_survei: url, urutan_unsur: 'kuesioner', diperbarui: '2025-01-01' } as Profil;
  const layanan = Array.from({ length: nLayanan }, (_, i) => ({ slug: `l${i}`, nama: i % 3 ? `Surat Keterangan Nomor ${i}` : `Pelayanan KTP-el (baru, hilang, rusak, perubahan data) ${i}` }));
  return { profil, urutan: 'kuesioner', soal: soalKuesioner('kuesioner'), layanan, desa: [], tanggalData: '2025-01-01' };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;

describe('questionnaire layout', () => {
  it('keeps everything inside the margins with no overlapping text or boxes', () => {
    const l = layoutKuesioner(ukur, isi(14), 'A4');
    const boxes = l.elements.flatMap((e) => (e.kind === 'garis' || e.kind === 'bingkai' ? [] : [e.box]));
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(l.margin - 0.01);
      expect(b.x + b.w).toBeLessThanOrEqual(l.width - l.margin + 0.01);
      expect(b.y).toBeGreaterThanOrEqual(l.margin - 3);
      expect(b.y + b.h).toBeLessThanOrEqual(l.height - l.margin + 0.01);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j]), `${i} ${j}`).toBe(false);
  });

  it('puts the four answers of every question in the same four columns', () => {
    const l = layoutKuesioner(ukur, isi(14), 'A4');
    const answers = l.elements.filter((e) => e.kind === 'text' && /^[a-d]\. /.test(e.text));
    expect(answers).toHaveLength(36);
    const boxes = l.elements.filter((e) => e.kind === 'kotak').map((e) => e.box.x);
    for (const x of l.kolomJawaban) expect(boxes.filter((b) => Math.abs(b - x) < 0.01).length).toBeGreaterThanOrEqual(9);
  });

  it('places the QR in the top right corner only when the profile has url_survei', () => {
    const l = layoutKuesioner(ukur, isi(5), 'A4');
    expect(l.qr!.x + l.qr!.w).toBeCloseTo(l.width - l.margin, 3);
    expect(l.elements.some((e) => e.kind === 'text' && e.text === 'Bisa juga diisi lewat HP')).toBe(true);
    const plain = layoutKuesioner(ukur, isi(5, null), 'A4');
    expect(plain.qr).toBeNull();
    expect(plain.elements.some((e) => e.kind === 'qr')).toBe(false);
  });

  it('fits a long catalog in four columns, and says to pick layanan when even that is too long', () => {
    expect(() => layoutKuesioner(ukur, isi(22), "A4")).not.toThrow();
    expect(() => layoutKuesioner(ukur, isi(120), "A4")).toThrow(/tidak muat di satu halaman A4/);
  });
});
