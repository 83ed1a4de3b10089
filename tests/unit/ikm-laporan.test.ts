import { describe, expect, it } from 'vitest';
import { barisSaran, kelompokkanSaran, parseWaktu, parseWaktuTw, RingkasanSaran, isiWaktu, SARAN_RINGKAS, type TindakLanjut } from '../../src/ikm/laporan.js';
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
    expect(g.map((x) => [x.kode, x.jumlah, x.jumlahBeda])).toEqual([['U1', 1, 1], ['U8', 2, 2], ['U9', 1, 1], [null, 1, 1]]);
    expect(g[1].unsur).toBe('Sarana dan Prasarana');
    expect(g[1].ringkas).toEqual(['Parkir sempit', 'Toilet kotor']);
  });
  it('summarises repeated saran', () => {
    const r = new RingkasanSaran();
    for (const s of ['Terima kasih.', 'terima kasih', 'Parkir sempit']) r.tambah(s);
    expect(r.daftar()).toEqual(['Terima kasih. (2 responden)', 'Parkir sempit']);
    expect([r.jumlah, r.jumlahBeda]).toEqual([3, 2]);
  });
  it('keeps the texts of the first distinct saran only, still counting every repeat and every distinct one', () => {
    const list = [...Array.from({ length: 20 }, (_, i) => `Saran ${i}`), 'saran 0', 'Saran 19', 'SARAN 3.'];
    const g = kelompokkanSaran(list, 'kuesioner');
    expect(g).toEqual([{ unsur: null, kode: null, jumlah: 23, jumlahBeda: 20, ringkas: ['Saran 0 (2 responden)', 'Saran 1', 'Saran 2', 'Saran 3 (2 responden)', 'Saran 4', 'Saran 5', 'Saran 6', 'Saran 7'] }]);
    expect(g[0].ringkas).toHaveLength(SARAN_RINGKAS);
  });
  it('lists every saran group by group, date order inside a group, reading the texts once per group', () => {
    const list = ['Terima kasih', 'Parkir sempit', 'Persyaratan kurang jelas', 'Mantap', 'Toilet kotor', 'Kotak pengaduan tidak ada', 'Parkir sempit'];
    let reads = 0;
    const rows = [...barisSaran(() => (reads++, list), 'kuesioner')];
    expect(rows).toEqual([
      ['U1', 'Persyaratan', 'Persyaratan kurang jelas'],
      ['U8', 'Sarana dan Prasarana', 'Parkir sempit'],
      ['U8', 'Sarana dan Prasarana', 'Toilet kotor'],
      ['U8', 'Sarana dan Prasarana', 'Parkir sempit'],
      ['U9', 'Penanganan Pengaduan, Saran dan Masukan', 'Kotak pengaduan tidak ada'],
      ['', 'Lainnya', 'Terima kasih'],
      ['', 'Lainnya', 'Mantap'],
    ]);
    expect(reads).toBe(1 + kelompokkanSaran(list, 'kuesioner').length);
  });
  it('keeps PDF text inside the embedded Latin font', () => {
    expect(pdfAman('Rekomendasi PBG (≤100 m²) – Σ ≥ 88,31 → A')).toBe('Rekomendasi PBG (<=100 m²) – Jumlah  >= 88,31 -> A');
    expect(pdfAman('漢')).toBe('?');
    expect(formatNip('197001011990031001')).toBe('19700101 199003 1 001');
    expect(formatNip('123')).toBe('123');
  });
});
