import { describe, expect, it } from 'vitest';
import { kelompokkanSaran, parseWaktuTw, ringkasSaran } from '../../src/ikm/laporan.js';
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
