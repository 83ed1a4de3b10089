import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { seedPopulasi, seedRows, type SeedRow } from '../helpers/skm-seed.js';
import { openDatabase } from '../../src/db/index.js';

const dir = tempDir('paten-ikm-');
let db: string;

// Hand-computed example (definition order U1..U9; U8 = pengaduan). 2022:
//   Σ = 19, 18, 19, 24, 20, 21, 21, 15 (n=5, one blank), 19 over 6 respondents
//   NRR = 3,1667 3,0000 3,1667 4,0000 3,3333 3,5000 3,5000 3,0000 3,1667 → Σ NRR = 179/6
//   IKM = 179/54 = 3,3148; × 25 = 4475/54 = 82,870… → 82,87 (B)
const R2022: SeedRow[] = [
  { tanggal: '2022-01-10', layanan: 'ktp-el', desa: 'Betro', nilai: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
  { tanggal: '2022-01-20', layanan: 'ktp-el', desa: 'Betro', nilai: [3, 3, 3, 4, 3, 3, 3, 3, 3] },
  { tanggal: '2022-04-05', layanan: 'ktp-el', desa: 'Kemlagi', nilai: [3, 2, 3, 4, 3, 3, 4, 2, 3] },
  { tanggal: '2022-04-06', layanan: 'kartu-keluarga', desa: 'Kemlagi', nilai: [2, 3, 2, 4, 3, 3, 3, null, 2] },
  { tanggal: '2022-08-01', layanan: 'Kartu Keluarga', desa: 'Betro', nilai: [4, 3, 3, 4, 4, 4, 4, 3, 3] },
  { tanggal: '2022-08-02', layanan: 'KTP', desa: 'Kemlagi', nilai: [3, 3, 4, 4, 3, 4, 3, 3, 4] },
  { tanggal: null, layanan: 'ktp-el', nilai: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
];
const R2023: SeedRow[] = [
  { tanggal: '2023-05-02', layanan: 'domisili', nilai: new Array(9).fill(4) },
  { tanggal: '2023-05-03', layanan: 'domisili', nilai: new Array(9).fill(1) },
];

beforeAll(() => {
  db = sampleDb(dir);
  seedRows(db, R2022, { file_name: 'a.csv', sumber: 'google-forms' });
  seedRows(db, R2023, { file_name: 'b.csv', sumber: 'kertas' });
});
afterAll(() => cleanup(dir));

describe('paten ikm', () => {
  it('computes the hand-computed example exactly', () => {
    const j = patenJson(['ikm', '--tahun', '2022'], { db });
    expect(j.periode).toEqual({ label: 'Tahun 2022', dari: '2022-01-01', sampai: '2022-12-31' });
    expect(j.responden).toBe(6);
    expect(j.unsur.map((u: any) => u.jumlah)).toEqual([19, 18, 19, 24, 20, 21, 21, 15, 19]);
    expect(j.unsur.map((u: any) => u.n)).toEqual([6, 6, 6, 6, 6, 6, 6, 5, 6]);
    expect(j.unsur.map((u: any) => u.konversi)).toEqual([79.17, 75, 79.17, 100, 83.33, 87.5, 87.5, 75, 79.17]);
    expect(j.unsur.map((u: any) => u.mutu).join('')).toBe('BCBABBBCB');
    expect(j.unsur[7]).toMatchObject({ kode: 'U8', kunci: 'pengaduan' });
    expect(j.ikm).toBe(3.3148);
    expect(j.konversi).toBe(82.87);
    expect(j.presisi.konversi).toBeCloseTo(4475 / 54, 10);
    expect(j.mutu).toBe('B');
    expect(j.kinerja).toBe('Baik');
    expect(j.bobot).toBe('1/9');
    expect(j.tanpa_tanggal).toBe(1);
    expect(j.interval_95.bawah).toBeLessThan(82.87);
    expect(j.interval_95.atas).toBeGreaterThan(82.87);
  });

  it('prints the per-unsur table in Indonesian number format', () => {
    const r = paten(['ikm', '--tahun', '2022'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IKM Kecamatan Kemlagi · Tahun 2022');
    expect(r.stdout).toMatch(/U8\s+Penanganan Pengaduan, Saran dan Masukan\s+5\s+15\s+3,0000\s+0,3333\s+75,00\s+C\s+Kurang Baik/);
    expect(r.stdout).toMatch(/U4\s+Biaya\/Tarif\s+6\s+24\s+4,0000\s+0,4444\s+100,00\s+A\s+Sangat Baik/);
    expect(r.stdout).toContain('jumlah NRR tertimbang = 3,3148; × 25 = 82,87  Mutu B (Baik)');
    expect(r.stdout).toContain('Interval kepercayaan 95%:');
    expect(r.stdout).toContain('populasi belum diketahui');
    expect(r.stderr).toContain('1 jawaban tanpa tanggal tidak dihitung');
  });

  it('defaults to the latest year with data', () => {
    const j = patenJson(['ikm'], { db });
    expect(j.periode.label).toBe('Tahun 2023');
    expect(j.konversi).toBe(62.5);
    expect(j.mutu).toBe('D');
  });

  it('--per layanan gives one IKM per group by the same function', () => {
    const j = patenJson(['ikm', '--tahun', '2022', '--per', 'layanan'], { db });
    const by = Object.fromEntries(j.kelompok.baris.map((b: any) => [b.kelompok, b]));
    expect(by['Pelayanan Kartu Keluarga (KK)']).toMatchObject({ responden: 2, konversi: 79.17, mutu: 'B' });
    expect(by['Pelayanan KTP-el (baru, hilang, rusak, perubahan data)']).toMatchObject({ responden: 4, konversi: 84.72, mutu: 'B' });
    expect(by['Pelayanan Kartu Keluarga (KK)'].unsur.waktu).toBe(62.5);
    const desa = patenJson(['ikm', '--tahun', '2022', '--per', 'desa'], { db });
    expect(desa.kelompok.baris.map((b: any) => [b.kelompok, b.responden])).toEqual([['Betro', 3], ['Kemlagi', 3]]);
    const sumber = patenJson(['ikm', '--tahun', '2023', '--per', 'sumber'], { db });
    expect(sumber.kelompok.baris).toEqual([expect.objectContaining({ kelompok: 'kertas', responden: 2, konversi: 62.5 })]);
  });

  it('--periode triwulan breaks the year into parts; triwulan:2 selects one', () => {
    const j = patenJson(['ikm', '--tahun', '2022', '--periode', 'triwulan'], { db });
    expect(j.kelompok.baris.map((b: any) => [b.periode, b.konversi, b.mutu])).toEqual([
      ['Triwulan I 2022', 88.89, 'A'],
      ['Triwulan II 2022', 70.83, 'C'],
      ['Triwulan III 2022', 87.5, 'B'],
    ]);
    const bulan = patenJson(['ikm', '--tahun', '2022', '--per', 'periode'], { db });
    expect(bulan.kelompok.baris.map((b: any) => [b.periode, b.responden])).toEqual([['Januari 2022', 2], ['April 2022', 2], ['Agustus 2022', 2]]);
    const t2 = patenJson(['ikm', '--tahun', '2022', '--periode', 'triwulan:2'], { db });
    expect(t2.periode).toEqual({ label: 'Triwulan II 2022', dari: '2022-04-01', sampai: '2022-06-30' });
    expect(t2.konversi).toBe(70.83);
    const r = paten(['ikm', '--tahun', '2022', '--per', 'layanan', '--periode', 'semester'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Semester I 2022\s+Pelayanan Kartu Keluarga \(KK\)\s+1\s+/);
  });

  it('--dari/--sampai and --layanan filter the denominators too', () => {
    expect(patenJson(['ikm', '--dari', '2022-01-01', '--sampai', '2022-01-31'], { db }).konversi).toBe(88.89);
    const kk = patenJson(['ikm', '--tahun', '2022', '--layanan', 'kk'], { db });
    expect(kk.layanan.slug).toBe('kartu-keluarga');
    expect(kk.responden).toBe(2);
    expect(kk.unsur[7].n).toBe(1);
    expect(kk.konversi).toBe(79.17);
  });

  it('--banding puts the earlier year on the left with points and percent', () => {
    const j = patenJson(['ikm', '--tahun', '2022', '--banding', '2023'], { db });
    expect(j.banding.lama.periode.label).toBe('Tahun 2022');
    expect(j.banding.baru.periode.label).toBe('Tahun 2023');
    const ikm = j.banding.perubahan.at(-1);
    expect(ikm).toMatchObject({ kode: 'IKM', lama: 82.87, baru: 62.5, perubahan: { poin: -20.37, persen: -24.58 } });
    const r = paten(['ikm', '--tahun', '2023', '--banding', '2022'], { db });
    expect(r.stdout).toMatch(/U2\s+Sistem, Mekanisme, dan Prosedur\s+75,00\s+C\s+62,50\s+D\s+-12,50\s+-16,67/);
    // --per and --bobot are not dropped beside --banding.
    const per = paten(['ikm', '--tahun', '2023', '--banding', '2022', '--per', 'layanan', '--bobot', '0.111'], { db });
    expect(per.code, per.stderr).toBe(0);
    expect(per.stdout).toContain('IKM per layanan, Tahun 2023');
    expect(per.stdout).toContain('Bobot per unsur 0,111');
  });

  it('--csv writes plain numbers; --bobot 0.111 reproduces legacy sheets and says so', () => {
    const r = paten(['ikm', '--tahun', '2022', '--csv'], { db });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Kode,Unsur pelayanan,n,Jumlah nilai,NRR,NRR tertimbang,Konversi,Mutu,Kinerja');
    expect(lines[1]).toBe('U1,Persyaratan,6,19,3.1667,0.3519,79.17,B,Baik');
    expect(lines[8]).toBe('U8,"Penanganan Pengaduan, Saran dan Masukan",5,15,3.0000,0.3333,75.00,C,Kurang Baik');
    const out = `${dir}/ikm.csv`;
    expect(paten(['ikm', '--tahun', '2022', '--per', 'layanan', '--csv', '--out', out], { db }).code).toBe(0);
    const lama = paten(['ikm', '--tahun', '2022', '--bobot', '0.111'], { db });
    // 179/6 × 0,111 × 25 = 82,7875 → 82,79
    expect(lama.stdout).toContain('× 25 = 82,79');
    expect(lama.stdout).toContain('Bobot per unsur 0,111');
  });

  it('judges the sample size against Krejcie & Morgan; a shortfall is a warning', () => {
    const r = paten(['ikm', '--tahun', '2022', '--populasi', '10'], { db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('populasi 10 → sampel minimum 10 (Krejcie & Morgan): Belum sesuai');
    expect(r.stderr).toContain('belum memenuhi sampel minimum 10');
  });
});

describe('paten ikm: bad input', () => {
  const bad = (args: string[], msg: RegExp, file = db) => {
    const before = fileHash(file);
    const r = paten(args, { db: file });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(fileHash(file)).toBe(before);
  };
  it('an unknown year names the years that have data', () => bad(['ikm', '--tahun', '2019'], /tahun 2019[\s\S]*2022, 2023/));
  it('a layanan without responses', () => bad(['ikm', '--tahun', '2022', '--layanan', 'sktm'], /Tidak ada jawaban survei untuk layanan Surat Keterangan Tidak Mampu \(SKTM\) pada Tahun 2022/));
  it('an unknown layanan', () => bad(['ikm', '--layanan', 'paspor'], /Layanan tidak ditemukan: "paspor"/));
  it('a period without responses', () => bad(['ikm', '--tahun', '2022', '--periode', 'triwulan:4'], /Tidak ada jawaban survei pada Triwulan IV 2022/));
  it('a population smaller than the respondents', () => bad(['ikm', '--tahun', '2022', '--populasi', '5'], /Populasi 5 \(--populasi\) lebih kecil dari jumlah responden 6/));
  it('bad flags', () => {
    bad(['ikm', '--per', 'kecamatan'], /--per "kecamatan"/);
    bad(['ikm', '--tahun', '22'], /--tahun "22"/);
    bad(['ikm', '--dari', '2022-01-01'], /--dari dan --sampai/);
    bad(['ikm', '--bobot', '0.11'], /--bobot "0.11"/);
    bad(['ikm', '--banding', '2020'], /tahun 2020 \(argumen --banding\)/);
  });
  it('a stored population smaller than the respondents', () => {
    // `paten survey populasi` refuses this, but a population stored before more responses were
    // imported can end up smaller: written here as such an older database would hold it.
    const raw = openDatabase(db);
    raw.prepare('INSERT INTO survey_populasi (tahun, populasi) VALUES (2023, 1) ON CONFLICT(tahun) DO UPDATE SET populasi = 1').run();
    raw.close();
    expect(paten(['survey', 'populasi', '2023', '1'], { db }).stderr).toContain('lebih kecil dari');
    bad(['ikm', '--tahun', '2023'], /Populasi 1 \(populasi tersimpan tahun 2023\) lebih kecil/);
    seedPopulasi(db, 2023, 30);
    const j = patenJson(['ikm', '--tahun', '2023'], { db });
    expect(j.sampel).toMatchObject({ populasi: 30, minimum: 28, sesuai: false, keterangan: 'Belum sesuai' });
  });
  it('a database without survey data', () => {
    const d2 = tempDir('paten-ikm-empty-');
    try {
      bad(['ikm'], /Belum ada jawaban survei di basis data ini/, sampleDb(d2));
    } finally {
      cleanup(d2);
    }
  });
});
