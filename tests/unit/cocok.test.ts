/** Loose desa and layanan text: the normalisers, the matchers, suggestions and the unmatched tally. */
import { describe, expect, it } from 'vitest';
import { buatPencocok, buatPencocokDesa, kunciDesa, kunciLayanan, TeksLepas } from '../../src/survey/cocok.js';

// Real Kemlagi desa (data/desa-kemlagi.csv) with their near pairs Mojowono/Mojodowo and
// Mojorejo/Mojojajar, plus a Sukamaju that has a one-letter neighbour Sukamaju/Sukamaja.
const desa = [
  { id: 2, kode: '3516152002', nama: 'Betro', alias: [] },
  { id: 15, kode: '3516152015', nama: 'Mojorejo', alias: [] },
  { id: 17, kode: '3516152017', nama: 'Kemlagi', alias: [] },
  { id: 18, kode: '3516152018', nama: 'Mojowono', alias: [] },
  { id: 20, kode: '3516152020', nama: 'Mojodowo', alias: [] },
  { id: 30, kode: '3516152030', nama: 'Sukamaju', alias: [] },
  { id: 31, kode: '3516152031', nama: 'Sukamaja', alias: [] },
  { id: 32, kode: '3516152032', nama: 'Sukamulia', alias: ['Sukomulyo'] },
];
const d = buatPencocokDesa(desa, ['Kemlagi', 'Kabupaten Mojokerto']);

describe('desa text', () => {
  it('ignores case, spaces, punctuation, prefixes and what follows the desa', () => {
    for (const t of ['Sukamaju', 'Suka Maju', 'Ds. Sukamaju', 'SUKAMAJU', 'Desa Sukamaju, Kec. Cibodas', 'Kelurahan Sukamaju', 'desa suka-maju kecamatan cibodas',
      'Sukamaju Kab. Mojokerto', 'Kel. Sukamaju (Kec. Cibodas)', 'Dusun Krajan, Desa Sukamaju', 'Dsn Krajan Desa Sukamaju RT 02 RW 03', ' sukamaju. '])
      expect(d.cocok(t), t).toBe(30);
    expect(kunciDesa('Desa Sukamaju, Kec. Cibodas')).toBe('sukamaju');
    expect(d.cocok('3516152002')).toBe(2);
    expect(d.cocok('35.16.15.2002')).toBe(2);
    expect(d.cocok('Ds. Suko Mulyo')).toBe(32); // an alias, loosely written too
  });

  it("cuts the office's own kecamatan and kabupaten names from the end, but a desa named like the kecamatan still matches", () => {
    expect(d.cocok('Betro Kemlagi')).toBe(2);
    expect(d.cocok('Betro, Kemlagi, Mojokerto')).toBe(2);
    expect(d.cocok('Betro Mojokerto')).toBe(2);
    expect(d.cocok('Kemlagi')).toBe(17);
    expect(d.cocok('Desa Kemlagi Kec. Kemlagi')).toBe(17);
  });

  it('never matches a typo, not even one letter away, and suggests the closest name', () => {
    expect(d.cocok('Sukamajo')).toBeNull();
    expect(d.cocok('Mojowomo')).toBeNull();
    expect(d.cocok('Mojodono')).toBeNull(); // one letter from Mojowono and from Mojodowo
    expect(d.mirip('Mojowomo')).toBe('Mojowono');
    expect(d.mirip('Desa Mojodowi')).toBe('Mojodowo');
    expect(d.mirip('Suka Mulya')).toBe('Sukamulia');
    expect(d.cocok('Suka Mulya')).toBeNull();
    expect(d.mirip('Zzzz')).toBeNull();
  });

  it('a dusun alone, or a text naming two desa, is not matched', () => {
    expect(d.cocok('Dusun Betro')).toBeNull();
    expect(d.cocok('Betro Mojorejo')).toBeNull();
  });
});

const layanan = buatPencocok([
  { id: 1, nama: ['Pelayanan KTP-el', 'ktp', 'e-ktp'] },
  { id: 2, nama: ['Legalisasi Dokumen', 'legalisir'] },
  { id: 3, nama: ['Kartu Keluarga', 'kk'] },
  { id: 4, nama: ['Surat Pengantar SKCK', 'skck pengantar'] },
  { id: 5, nama: ['Surat Keterangan Usaha'] },
  { id: 6, nama: ['Surat Keterangan Domisili', 'domisili'] },
  { id: 7, nama: ['Surat Keterangan Tidak Mampu (SKTM)', 'Surat Keterangan Tidak Mampu', 'sktm'] },
]);

describe('layanan text', () => {
  it('ignores the usual words and abbreviations (surat, keterangan, pengantar, permohonan, Srt., Ket., SK)', () => {
    expect(kunciLayanan('Srt. Ket. Usaha')).toBe('usaha');
    expect(layanan.cocok('skck')).toBe(4);
    expect(layanan.cocok('SKCK')).toBe(4);
    expect(layanan.cocok('Pengantar S K C K')).toBe(4); // spacing never matters
    expect(layanan.cocok('Permohonan pengantar SKCK')).toBe(4);
    expect(layanan.cocok('Srt. Ket. Usaha')).toBe(5);
    expect(layanan.cocok('SK Usaha')).toBe(5);
    expect(layanan.cocok('Ket. Domisili')).toBe(6);
    expect(layanan.cocok('suket domisili')).toBe(6);
    expect(layanan.cocok('Surat Keterangan Tidak-Mampu')).toBe(7);
  });

  it('matches exact names, contained aliases, and refuses ambiguous text', () => {
    expect(layanan.cocok('E-KTP')).toBe(1);
    expect(layanan.cocok('Pembuatan KTP baru')).toBe(1);
    expect(layanan.cocok('legalisir')).toBe(2);
    expect(layanan.cocok('Legalisir KK')).toBeNull();
    expect(layanan.cocok('Konsultasi pajak')).toBeNull();
    expect(layanan.cocok('Surat Keterangan')).toBeNull();
  });

  it('suggests the closest name for a typo without matching it', () => {
    expect(layanan.cocok('Ket. Domisli')).toBeNull();
    expect(layanan.mirip('Ket. Domisli')).toBe('Surat Keterangan Domisili');
  });
});

describe('the unmatched tally', () => {
  it('counts distinct values (same key = same value), most frequent first, with the closest name', () => {
    const t = new TeksLepas(d);
    t.add('Suka Mulya', 4);
    t.add('Mojowomo', 5);
    for (let i = 0; i < 11; i++) t.add(i % 2 ? 'SUKA MULYA' : 'Desa Suka Mulya', 6 + i);
    expect(t.baris).toBe(13);
    expect(t.daftar()).toEqual([
      { teks: 'Suka Mulya', baris: 4, jumlah: 12, mirip: 'Sukamulia' },
      { teks: 'Mojowomo', baris: 5, jumlah: 1, mirip: 'Mojowono' },
    ]);
  });

  it('keeps memory bounded past its limit', () => {
    const t = new TeksLepas(d, 2);
    for (const x of ['a1', 'b2', 'c3', 'a1']) t.add(x, 1);
    expect(t.size).toBe(2);
    expect(t.terpotong).toBe(true);
    expect(t.baris).toBe(4);
  });
});
