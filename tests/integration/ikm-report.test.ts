import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { ikmHeading, layoutProblems, pdfBoxes, pdfPages, pdfText, renderPage } from '../helpers/pdf.js';
import { TEMA_LAPORAN } from '../../src/pdf/penulis.js';
import { contohPath, KEMLAGI } from '../helpers/kemlagi-dataset.js';
import { seedFormsCsv, seedPopulasi, seedRows } from '../helpers/skm-seed.js';

const dir = tempDir('paten-ikm-report-');
let db: string;
const out = (name: string) => path.join(dir, name);
const fmt = (x: number) => x.toFixed(2).replace('.', ',');
let text: string;

beforeAll(() => {
  db = sampleDb(dir);
  for (const t of [2021, 2023] as const) {
    seedFormsCsv(db, contohPath(t));
    seedPopulasi(db, t, KEMLAGI[t].populasi);
  }
  const r = paten(['report', 'ikm', '--tahun', '2023', '--banding', '2021', '--out', out('laporan.pdf')], { db });
  if (r.code !== 0) throw new Error(r.stderr);
  text = pdfText(out('laporan.pdf'));
});
afterAll(() => cleanup(dir));

describe('paten report ikm (PDF)', () => {
  it('has the cover and the five chapters of the template', () => {
    const cover = pdfText(out('laporan.pdf'), { page: 1 });
    for (const s of ['PEMERINTAH KABUPATEN MOJOKERTO', 'LAPORAN PELAKSANAAN', 'SURVEI KEPUASAN MASYARAKAT (SKM)', 'KECAMATAN KEMLAGI', 'TAHUN 2023', '85,26'])
      expect(cover).toContain(s);
    const order = ['BAB I', 'PENDAHULUAN', 'BAB II', 'PENGUMPULAN DATA SKM', 'BAB III', 'HASIL PENGOLAHAN DATA SKM', 'BAB IV', 'ANALISIS HASIL SKM', 'BAB V', 'PENUTUP'];
    let at = 0;
    for (const s of order) {
      const i = text.indexOf(s, at);
      expect(i, s).toBeGreaterThan(-1);
      at = i;
    }
    expect(pdfPages(out('laporan.pdf'))).toBeGreaterThanOrEqual(8);
  });

  it('BAB I and II: dasar hukum, method, Krejcie–Morgan minimum against the respondents', () => {
    expect(text).toContain('Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik');
    expect(text).toContain('Peraturan Pemerintah Nomor 96 Tahun 2012');
    expect(text).toMatch(/Reformasi Birokrasi Nomor 14\s+Tahun 2017/);
    expect(text).toMatch(/populasi penerima layanan \(N\) pada periode ini adalah 2\.000 orang/);
    expect(text).toMatch(/2\.000\s+322\s+400\s+Sesuai/);
    expect(text).toContain('2 Januari 2023');
  });

  it('BAB III: respondent profile and the per-unsur table with exactly the Kemlagi 2023 figures', () => {
    for (const s of ['Jenis Kelamin', 'Perempuan', 'Usia', '20–29 tahun', 'Pendidikan', 'SMA/SMK', 'Pekerjaan', 'Petani', 'Jenis Layanan', 'Pelayanan Kartu Keluarga (KK)'])
      expect(text).toContain(s);
    // Full gender labels, school levels and age bands in their natural order.
    const order = (words: string[]) => words.map((w) => text.search(new RegExp(`\\s${w.replace('/', '\\/')}\\s+\\d`)));
    for (const seq of [['Laki-laki', 'Perempuan'], ['SD', 'SMP', 'SMA/SMK', 'D3', 'S1', 'S2'], ['Di bawah 20 tahun', '20–29 tahun', '30–39 tahun', '40–49 tahun']]) {
      const at = order(seq);
      expect(at.every((i) => i > 0), seq.join(' ')).toBe(true);
      expect(at, seq.join(' ')).toEqual([...at].sort((a, b) => a - b));
    }
    expect(text).not.toMatch(/Jenis Kelamin\s+[LP]\s+\d/);
    const rows = [...text.matchAll(/^\s*(U\d)\s+.*?\s+400\s+[\d.]+\s+\d,\d{4}\s+\d,\d{4}\s+(\d+,\d\d)\s+([ABCD]) \(/gm)];
    expect(rows.map((m) => m[1])).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(rows.map((m) => m[2])).toEqual(KEMLAGI[2023].konversi.map(fmt));
    expect(text).toMatch(/NILAI IKM UNIT PELAYANAN\s+400\s+3,4106\s+85,26\s+B \(Baik\)/);
    expect(text).toMatch(/nilai IKM sebenarnya berada di antara \d\d,\d\d dan \d\d,\d\d/);
    expect(text).toContain('3,5324 – 4,00');
  });

  it('BAB III: a table of IKM per jenis layanan, and per desa when the answers name desa, with the figures of paten ikm --per', () => {
    const flat = pdfText(out('laporan.pdf'), { layout: false }).replace(/\s+/g, ' ');
    expect(flat).toContain('3.3 IKM per Jenis Layanan No Jenis layanan Responden Nilai IKM Mutu Kinerja');
    const perLayanan = patenJson(['ikm', '--tahun', '2023', '--per', 'layanan'], { db }).kelompok.baris;
    expect(perLayanan.length).toBeGreaterThan(3);
    // Row by row, as `paten ikm --per layanan` computes them (the PDF writes <= for the font's missing ≤).
    perLayanan.forEach((b: any, i: number) =>
      expect(flat).toContain(`${i + 1} ${b.kelompok.replace('≤', '<=')} ${b.responden}${b.responden < 30 ? ' *' : ''} ${fmt(b.konversi)} ${b.mutu} ${b.kinerja}`),
    );
    const perDesa = patenJson(['ikm', '--tahun', '2023', '--per', 'desa'], { db }).kelompok.baris;
    // The 2023 sample names the desa of every respondent: one row per desa.
    expect(perDesa.some((b: any) => b.kelompok !== '(desa tidak dikenali)')).toBe(true);
    expect(flat).toContain('3.4 IKM per Desa/Kelurahan Asal Responden');
    perDesa.forEach((b: any, i: number) => expect(flat).toContain(`${i + 1} ${b.kelompok} ${b.responden}${b.responden < 30 ? ' *' : ''} ${fmt(b.konversi)} ${b.mutu}`));
    // Small groups are marked and explained once under the table.
    if (perLayanan.some((b: any) => b.responden < 30)) expect(flat).toContain('* Kurang dari 30 responden: nilainya hanya gambaran kasar');
  });

  it('BAB V: conclusions in plain words; the interval and the noise test in one sentence', () => {
    const bab5 = text.slice(text.lastIndexOf('PENUTUP'));
    const kesimpulan = bab5.slice(bab5.indexOf('A. Kesimpulan'), bab5.indexOf('Keterangan statistik'));
    expect(kesimpulan.replace(/\s+/g, ' ')).toMatch(/Masyarakat menilai pelayanan Kecamatan Kemlagi pada Tahun 2023 baik: nilai IKM 85,26/);
    expect(kesimpulan.replace(/\s+/g, ' ')).toContain('Dibandingkan Tahun 2021 (83,33), nilainya naik 1,93 poin.');
    expect(kesimpulan).not.toMatch(/interval|kepercayaan|kebetulan/);
    // The statistical detail appears once in the whole report.
    expect(text.match(/tingkat kepercayaan 95%/g)).toHaveLength(1);
    expect(text.match(/kebetulan sampel/g)).toHaveLength(1);
    expect(bab5.replace(/\s+/g, ' ')).toMatch(/Keterangan statistik: dengan tingkat kepercayaan 95%, nilai IKM sebenarnya berada di antara \d\d,\d\d dan \d\d,\d\d; perubahan dari Tahun 2021 lebih besar daripada kebetulan sampel/);
  });

  it('prints the 2021 vs 2023 comparison exactly', () => {
    const rows = [...text.matchAll(/^\s*(U\d)\s+.*?\s(\d+,\d\d)\s+([ABCD])\s+(\d+,\d\d)\s+([ABCD])\s+([+-]?\d+,\d\d)\s+([+-]?\d+,\d\d)\s*$/gm)];
    expect(rows.map((m) => m[2])).toEqual(KEMLAGI[2021].konversi.map(fmt));
    expect(rows.map((m) => m[4])).toEqual(KEMLAGI[2023].konversi.map(fmt));
    expect(text).toMatch(/Dibandingkan Tahun 2021 \(83,33\), nilai IKM Tahun 2023 \(85,26\) naik 1,93 poin/);
  });

  it('BAB IV: lowest three and highest unsur, saran by unsur, blank RTL rows, trend; BAB V signature', () => {
    expect(text).toMatch(/prioritas perbaikan: U8 Penanganan Pengaduan,\s+Saran dan Masukan \(82,38, mutu B\); U3 Waktu Penyelesaian \(83,25, mutu B\); U1\s+Persyaratan/);
    expect(text).toMatch(/tertinggi adalah U4 Biaya\/Tarif \(100,00, mutu A\)/);
    expect(text).toMatch(/U1 Persyaratan \(\d+ saran\)/);
    expect(text).toMatch(/U9 Sarana dan Prasarana \(\d+ saran\)/);
    expect(text).toContain('QR code persyaratan di balai desa sangat membantu');
    expect(text).toContain('Forum Konsultasi Publik (FKP)');
    expect(text).toMatch(/2021\s+315\s+83,33\s+B/);
    expect(text).toMatch(/2023\s+400\s+85,26\s+B/);
    expect(text).toContain('Camat Kemlagi');
    expect(text).toContain('Nama Camat (contoh)');
    expect(text).toContain('NIP. 19700101 199003 1 001');
    expect(text).toContain('Kemlagi, 31 Desember 2023');
  });

  it('is deterministic and renders', () => {
    const r = paten(['report', 'ikm', '--tahun', '2023', '--banding', '2021', '--out', out('lagi.pdf')], { db });
    expect(r.code).toBe(0);
    expect(fileHash(out('lagi.pdf'))).toBe(fileHash(out('laporan.pdf')));
    const png = renderPage(out('laporan.pdf'), 1, dir, { dpi: 40 });
    expect(fs.statSync(png).size).toBeGreaterThan(2000);
  });

  it('fills the rencana tindak lanjut from CSV or JSON', () => {
    fs.writeFileSync(
      out('rtl.csv'),
      'No;Unsur;Program/Kegiatan;Waktu;Penanggung Jawab\n1;U8;Kotak pengaduan dan balasan WhatsApp dalam 2 hari;TW I–II;Sekretaris Kecamatan\n2;Waktu Penyelesaian;Nomor antrian;TW III;Kasi Pelayanan\n',
    );
    const r = paten(['report', 'ikm', '--tahun', '2023', '--tindak-lanjut', out('rtl.csv'), '--out', out('rtl.pdf')], { db });
    expect(r.code).toBe(0);
    const t = pdfText(out('rtl.pdf'));
    expect(t).toMatch(/1\s+Penanganan\s+Kotak pengaduan dan balasan\s+X\s+X\s+Sekretaris/);
    expect(t).toMatch(/2\s+Waktu Penyelesaian\s+Nomor antrian\s+X\s+Kasi Pelayanan/);
    // A month as the timing, written in its triwulan column.
    fs.writeFileSync(out('rtl-bulan.csv'), 'unsur;program;waktu\nU8;Kotak pengaduan;Juni 2026\nU3;Nomor antrian;Juni–Agustus 2026\n');
    expect(paten(['report', 'ikm', '--tahun', '2023', '--tindak-lanjut', out('rtl-bulan.csv'), '--out', out('rtl-bulan.pdf')], { db }).code).toBe(0);
    const tb = pdfText(out('rtl-bulan.pdf'), { layout: false }).replace(/\s+/g, ' ');
    expect(tb).toContain('1 Penanganan Pengaduan, Saran dan Masukan Kotak pengaduan Jun 2026');
    expect(tb).toContain('2 Waktu Penyelesaian Nomor antrian Jun 2026 Jul, Agu 2026');
    expect(paten(['report', 'ikm', '--tahun', '2023', '--tindak-lanjut', out('rtl-bulan.csv'), '--format', 'csv', '--out', out('tlb')], { db }).code).toBe(0);
    expect(fs.readFileSync(out('tlb-tindak-lanjut.csv'), 'utf8')).toContain('2,Waktu Penyelesaian,Nomor antrian,,Jun 2026,"Jul, Agu 2026",,');
    fs.writeFileSync(out('rtl.json'), JSON.stringify([{ no: 1, unsur: 'sarana', program: 'Perluasan parkir', waktu: 'TW II s.d. IV', penanggung_jawab: 'Kasubag Umum' }]));
    expect(paten(['report', 'ikm', '--tindak-lanjut', out('rtl.json'), '--format', 'csv', '--out', out('tl')], { db }).code).toBe(0);
    expect(fs.readFileSync(out('tl-tindak-lanjut.csv'), 'utf8')).toContain('1,Sarana dan Prasarana,Perluasan parkir,,X,X,X,Kasubag Umum');
  });

  it('--poster writes a one-page summary', () => {
    const j = patenJson(['report', 'ikm', '--tahun', '2021', '--poster', '--out', out('poster.pdf')], { db });
    expect(j).toMatchObject({ konversi: 83.33, mutu: 'B', responden: 315 });
    expect(pdfPages(out('poster.pdf'))).toBe(1);
    const t = pdfText(out('poster.pdf'));
    expect(t).toContain('HASIL SURVEI KEPUASAN MASYARAKAT');
    expect(t).toContain('83,33');
    expect(t).toContain('Mutu B – BAIK');
    expect(t).toMatch(/U8 Penanganan Pengaduan, Saran dan Masukan\s+99,84 A/);
  });

  it('--format csv writes the report tables with plain numbers', () => {
    const r = paten(['report', 'ikm', '--tahun', '2023', '--banding', '2021', '--format', 'csv', '--out', out('tabel.csv')], { db });
    expect(r.code).toBe(0);
    const unsur = fs.readFileSync(out('tabel-unsur.csv'), 'utf8');
    expect(unsur).toContain('U1,Persyaratan,400,1334,3.3350,0.3706,83.38,B,Baik');
    expect(unsur).toContain('IKM,IKM unit pelayanan,400,,,3.4106,85.26,B,Baik');
    for (const n of ['responden', 'sampel', 'saran', 'tindak-lanjut', 'tren', 'banding', 'olah-data']) expect(fs.existsSync(out(`tabel-${n}.csv`)), n).toBe(true);
    // the processing sheet: 400 respondents, then the sums that the per-unsur table shows
    const olah = fs.readFileSync(out('tabel-olah-data.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(olah[0]).toBe('No responden,Tanggal,Layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9');
    expect(olah).toHaveLength(1 + 400 + 7);
    expect(olah[401]).toBe('Jumlah nilai,,,1334,1334,1332,1600,1338,1348,1336,1318,1338');
    const sums = new Array(9).fill(0);
    for (const line of olah.slice(1, 401)) line.split(',').slice(-9).forEach((v, i) => (sums[i] += Number(v)));
    expect(sums).toEqual([1334, 1334, 1332, 1600, 1338, 1348, 1336, 1318, 1338]);
    expect(olah.at(-1)).toBe('IKM konversi (x 25),,,85.26,B,Baik');
    expect(fs.readFileSync(out('tabel-banding.csv'), 'utf8')).toContain('U8,"Penanganan Pengaduan, Saran dan Masukan",99.84,A,82.38,B,-17.46,-17.49');
  });
});

describe('paten report ikm: a small year without desa and with many saran', () => {
  it('prints at most 8 distinct saran per unsur, names the command for the rest on the terminal only, and has no desa table', () => {
    const small = path.join(dir, 'kecil');
    fs.mkdirSync(small);
    const kecil = sampleDb(small);
    const parkir = ['sempit', 'panas', 'becek', 'gelap', 'jauh', 'penuh', 'miring', 'berdebu', 'sepi', 'ramai', 'licin', 'bising'];
    seedRows(
      kecil,
      parkir.map((p, i) => ({ tanggal: `2025-03-${String(i + 1).padStart(2, '0')}`, layanan: 'kk', saran: `Parkir ${p}.`, nilai: [3, 3, 3, 4, 3, 3, 3, 3, 2 + (i % 2)] })),
    );
    const file = path.join(small, 'laporan.pdf');
    const r = paten(['report', 'ikm', '--tahun', '2025', '--out', file], { db: kecil });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('4 saran tidak dicetak di PDF (paling banyak 8 per unsur); daftar lengkapnya: paten report ikm --format csv');
    const t = pdfText(file);
    expect(t).toMatch(/U9 Sarana dan Prasarana \(12 saran\)/);
    expect(t).toContain('… dan 4 saran lain (daftar lengkap pada lampiran tabel saran).');
    expect(t).not.toMatch(/paten (report|ikm|survey)/);
    expect(t).toContain('3.3 IKM per Jenis Layanan');
    expect(t).not.toContain('IKM per Desa/Kelurahan');
    // A short report of another shape keeps the layout rules too.
    expect(layoutProblems(pdfBoxes(file), { margins: TEMA_LAPORAN.margin, isHeading: ikmHeading, exempt: [1] })).toEqual([]);
  });
});

describe('paten report ikm: bad input writes nothing', () => {
  const fails = (args: string[], msg: RegExp, file: string) => {
    const r = paten(args, { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(fs.existsSync(file)).toBe(false);
  };
  it('an unknown year', () => fails(['report', 'ikm', '--tahun', '2019', '--out', out('x.pdf')], /Tidak ada jawaban survei untuk tahun 2019/, out('x.pdf')));
  it('a bad rencana tindak lanjut names file, line and column', () => {
    fs.writeFileSync(out('rtl-bad.csv'), 'no,unsur,program,waktu\n1,U1,Sosialisasi,minggu depan\n2,U2,,TW I\n');
    fails(['report', 'ikm', '--tindak-lanjut', out('rtl-bad.csv'), '--out', out('y.pdf')], /rtl-bad\.csv, baris 2, kolom "waktu": waktu "minggu depan" tidak dikenali[\s\S]*rtl-bad\.csv, baris 3, kolom "program"/, out('y.pdf'));
  });
  it('no --out without a terminal', () => fails(['report', 'ikm'], /--out/, out('z.pdf')));
  it('a bad --format', () => fails(['report', 'ikm', '--format', 'docx', '--out', out('w.pdf')], /--format "docx"/, out('w.pdf')));
});
