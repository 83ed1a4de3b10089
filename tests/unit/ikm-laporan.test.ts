import { describe, expect, it } from 'vitest';
import { kelompokkanSaran, parseWaktu, parseWaktuTw, ringkasSaran, isiWaktu, type TindakLanjut } from '../../src/ikm/laporan.js';
import { formatNip, pdfAman } from '../../src/ikm/laporan-pdf.js';

describe('report helpers', () => {
  it('reads triwulan marks for the rencana tindak lanjut', () => {
    expect(parseWaktuTw('TW I')).toEqual([true, false, false, false]);
    expect(parseWaktuTw('TW I–II')).toEqual([true, true, false, false]);
    expect(parseWaktuTw('TW II s.d. IV')).toEqual([false, true, true, true]);
    expect(parseWaktuTw('I, III')).toEqual([true, false, true, false]);
    expect(parseWaktuTw('1-4')).toEqual([true, true, true, true]);
    expect(parseWaktuTw('Triwulan III')).toEqual([false, false, true, false]);
    expect(parseWaktuTw('minggu depan')).toBeNull();
  });
  it('reads a month (or months) as well as a triwulan, and prints it in its triwulan column', () => {
    expect(parseWaktu('Juni 2026')).toEqual({ waktu: [false, true, false, false], bulan: [6], tahun: 2026 });
    expect(parseWaktu('Juni–Agustus 2026')).toEqual({ waktu: [false, true, true, false], bulan: [6, 7, 8], tahun: 2026 });
    expect(parseWaktu('jun, des')).toEqual({ waktu: [false, true, false, true], bulan: [6, 12], tahun: null });
    expect(parseWaktu('Nopember s.d. Januari 2027')).toEqual({ waktu: [true, false, false, true], bulan: [1, 11, 12], tahun: 2027 });
    expect(parseWaktu('Agt 2026')?.bulan).toEqual([8]);
    // A date's day number is not a triwulan once a month is named.
    expect(parseWaktu('15 Maret 2026')).toEqual({ waktu: [true, false, false, false], bulan: [3], tahun: 2026 });
    expect(parseWaktu('TW II–III')).toEqual({ waktu: [false, true, true, false], bulan: [], tahun: null });
    expect(parseWaktu('2026')).toBeNull();
    expect(parseWaktu('minggu depan')).toBeNull();
    const t = (w: string): TindakLanjut => ({ no: 1, unsur: 'U1', program: 'x', penanggungJawab: '', ...parseWaktu(w)! });
    expect([0, 1, 2, 3].map((q) => isiWaktu(t('Juni–Agustus 2026'), q))).toEqual(['', 'Jun 2026', 'Jul, Agu 2026', '']);
    expect([0, 1, 2, 3].map((q) => isiWaktu(t('TW I–II'), q))).toEqual(['X', 'X', '', '']);
  });
  it('groups saran by the unsur they mention, in the office numbering', () => {
    const g = kelompokkanSaran(['Parkir sempit', 'Persyaratan kurang jelas', 'Terima kasih', 'Kotak pengaduan tidak ada', 'Toilet kotor'], 'kuesioner');
    expect(g.map((x) => [x.kode, x.saran.length])).toEqual([['U1', 1], ['U8', 2], ['U9', 1], [null, 1]]);
    expect(g[1].unsur).toBe('Sarana dan Prasarana');
  });
  it('summarises repeated saran', () => {
    expect(ringkasSaran(['Terima kasih.', 'terima kasih', 'Parkir sempit'])).toEqual(['Terima kasih. (2 responden)', 'Parkir sempit']);
  });
  it('keeps PDF text inside the embedded Latin font', () => {
    expect(pdfAman('Rekomendasi PBG (≤100 m²) – Σ ≥ 88,31 → A')).toBe('Rekomendasi PBG (<=100 m²) – Jumlah  >= 88,31 -> A');
    expect(pdfAman('漢')).toBe('?');
    expect(formatNip('197001011990031001')).toBe('19700101 199003 1 001');
    expect(formatNip('123')).toBe('123');
  });
});
