/**
 * Kecamatan packets and the kabupaten: three kecamatan databases built from generated survey
 * exports → packets → a kabupaten database whose figures equal each kecamatan's own `paten ikm`
 * and, pooled, a database holding every row.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { writeYearForms } from '../helpers/kabupaten.js';
import { layoutProblems, pagesWith, pdfBoxes, pdfPages, pdfText, renderPage, firstOnPage } from '../helpers/pdf.js';
import { TEMA_LAPORAN } from '../../src/pdf/penulis.js';

const KEC = [
  { nama: 'Kemlagi', kode: '35.16.15', rows: 400, seed: 3, bias: 1 },
  { nama: 'Gedeg', kode: '35.16.16', rows: 250, seed: 7, bias: 2 },
  { nama: 'Dawarblandong', kode: '35.16.17', rows: 150, seed: 11, bias: 0 },
];

let dir: string;
const db: Record<string, string> = {};
const csv: Record<string, string> = {};
const pkt = (n: string) => path.join(dir, `${n}-2023.paket`);
/** A packet is gzip-compressed SQLite: its database bytes. */
const unzipped = (f: string) => zlib.gunzipSync(fs.readFileSync(f));

function ok(args: string[], dbFile: string): string {
  const r = paten(args, { db: dbFile });
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

beforeAll(() => {
  dir = tempDir('paten-kab-');
  const all = sampleDb(fs.mkdtempSync(path.join(dir, 'all-')));
  for (const k of KEC) {
    db[k.nama] = sampleDb(fs.mkdtempSync(path.join(dir, `${k.nama}-`)));
    ok(['profil', 'set', '--nama', k.nama, '--kode', k.kode], db[k.nama]);
    csv[k.nama] = path.join(dir, `${k.nama}.csv`);
    writeYearForms(csv[k.nama], k.rows, { tahun: 2023, seed: k.seed, bias: k.bias, saran: `rahasia-${k.nama}` });
    ok(['survey', 'import', csv[k.nama]], db[k.nama]);
    ok(['survey', 'import', csv[k.nama]], all);
    ok(['survey', 'paket', '--tahun', '2023', '--out', pkt(k.nama)], db[k.nama]);
  }
  db.all = all;
  // Kemlagi also sent 2022, for --banding
  writeYearForms(path.join(dir, 'kemlagi-2022.csv'), 120, { tahun: 2022, seed: 5, bias: 0 });
  ok(['survey', 'import', path.join(dir, 'kemlagi-2022.csv')], db.Kemlagi);
  ok(['survey', 'paket', '--tahun', '2022', '--out', path.join(dir, 'Kemlagi-2022.paket')], db.Kemlagi);
}, 120_000);

afterAll(() => cleanup(dir));

describe('paten survey paket', () => {
  it('writes the same bytes for the same data, carries no saran unless asked, and is small', () => {
    const again = path.join(dir, 'again.paket');
    const r = patenJson(['survey', 'paket', '--tahun', '2023', '--out', again], { db: db.Kemlagi });
    expect(fileHash(again)).toBe(fileHash(pkt('Kemlagi')));
    expect(r).toMatchObject({ kecamatan: 'Kemlagi', tahun: 2023, responden: 400, saran: 0 });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(again).size).toBe(r.ukuran_byte);
    expect(fs.readFileSync(again).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(unzipped(again).includes('rahasia-Kemlagi')).toBe(false);

    const s = path.join(dir, 'saran.paket');
    const rs = patenJson(['survey', 'paket', '--tahun', '2023', '--dengan-saran', '--out', s], { db: db.Kemlagi });
    expect(rs.saran).toBe(Math.ceil(400 / 7));
    expect(unzipped(s).includes('rahasia-Kemlagi 7')).toBe(true);
  });

  it('is a self-describing SQLite file with no raw rows', () => {
    const p = new Database(unzipped(pkt('Gedeg')), { readonly: true });
    try {
      const meta = Object.fromEntries((p.prepare('SELECT kunci, nilai FROM paket').all() as { kunci: string; nilai: string }[]).map((r) => [r.kunci, r.nilai]));
      expect(meta).toMatchObject({ format: 'paten-paket', versi_format: '1', kecamatan: 'Gedeg', kode_wilayah: '35.16.16', tahun: '2023', responden: '250' });
      expect(p.prepare('SELECT SUM(responden) FROM agregat').pluck().get()).toBe(250);
      const tables = p.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1").pluck().all();
      expect(tables).toEqual(['agregat', 'desa', 'layanan', 'paket', 'saran', 'sebaran']);
      expect(p.prepare("SELECT SUM(jumlah) FROM sebaran WHERE karakteristik = 'jenis_kelamin'").pluck().get()).toBe(250);
    } finally {
      p.close();
    }
  });

  it('refuses a year without data, naming the years that have some', () => {
    const r = paten(['survey', 'paket', '--tahun', '2019', '--out', path.join(dir, 'x.paket')], { db: db.Gedeg });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Tidak ada jawaban survei untuk tahun 2019');
    expect(r.stderr).toContain('2023');
    expect(fs.existsSync(path.join(dir, 'x.paket'))).toBe(false);
  });
});

describe('paten kabupaten', () => {
  let kab: string;
  beforeAll(() => {
    kab = path.join(dir, 'kab', 'mojokerto.db');
    const out = ok(['kabupaten', 'tambah', ...KEC.map((k) => pkt(k.nama)), path.join(dir, 'Kemlagi-2022.paket')], kab);
    expect(out).toContain('Kecamatan Gedeg tahun 2023: 250 responden dimuat');
    expect(patenJson(['ikm', '--tahun', '2023'], { db: db.all }).responden).toBe(800);
  });

  it('lists what is loaded', () => {
    const l = patenJson(['kabupaten', 'list'], { db: kab });
    expect(l.wilayah.kabupaten).toBe('Kabupaten Mojokerto');
    expect(l.paket.map((p: any) => `${p.kecamatan} ${p.tahun} ${p.responden}`)).toEqual(['Kemlagi 2022 120', 'Dawarblandong 2023 150', 'Gedeg 2023 250', 'Kemlagi 2023 400']);
    const t = paten(['kabupaten', 'list'], { db: kab });
    expect(t.stdout).toContain('Dawarblandong');
    expect(t.stdout).toContain('31 Desember 2023');
  });

  it('gives each kecamatan exactly its own `paten ikm` and the pooled figure of all rows in one database', () => {
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023', '--banding', '2022'], { db: kab });
    expect(r.kecamatan).toHaveLength(3);
    for (const k of KEC) {
      const own = patenJson(['ikm', '--tahun', '2023'], { db: db[k.nama] });
      const row = r.kecamatan.find((x: any) => x.kecamatan === k.nama);
      expect(row.responden).toBe(own.responden);
      expect(row.konversi).toBe(own.konversi);
      expect(row.ikm).toBe(own.ikm);
      expect(row.mutu).toBe(own.mutu);
      for (const u of own.unsur) expect(row.unsur[u.kunci]).toBe(u.konversi);
    }
    const konv = r.kecamatan.map((x: any) => x.konversi);
    expect([...konv].sort((a: number, b: number) => b - a)).toEqual(konv);
    const pooled = patenJson(['ikm', '--tahun', '2023'], { db: db.all });
    expect(r.kabupaten.semua_responden.responden).toBe(800);
    expect(r.kabupaten.semua_responden.konversi).toBe(pooled.konversi);
    expect(r.kabupaten.semua_responden.ikm).toBe(pooled.ikm);
    const mean = Math.round((konv.reduce((a: number, b: number) => a + b, 0) / 3) * 100) / 100;
    expect(Math.abs(r.kabupaten.rerata_kecamatan.konversi - mean)).toBeLessThanOrEqual(0.01);
    const kem = r.kecamatan.find((x: any) => x.kecamatan === 'Kemlagi');
    const kem22 = patenJson(['ikm', '--tahun', '2022'], { db: db.Kemlagi });
    expect(kem.perubahan.poin).toBeCloseTo(kem.konversi - kem22.konversi, 6);
    expect(r.kecamatan.find((x: any) => x.kecamatan === 'Gedeg').perubahan).toBeNull();

    const t = paten(['kabupaten', 'ikm', '--tahun', '2023'], { db: kab });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain(`atas semua 800 responden: ${pooled.konversi.toFixed(2).replace('.', ',')}`);
    expect(t.stdout).toContain('Rata-rata IKM 3 kecamatan');
  });

  it('compares each unsur across kecamatan and names the weakest unsur of each, from the kecamatan\'s own figures', () => {
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023'], { db: kab });
    const own = Object.fromEntries(KEC.map((k) => [k.nama, patenJson(['ikm', '--tahun', '2023'], { db: db[k.nama] })]));
    const pooled = patenJson(['ikm', '--tahun', '2023'], { db: db.all });
    expect(r.per_unsur).toHaveLength(9);
    for (const u of r.per_unsur) {
      const vals = KEC.map((k) => ({ kec: k.nama, v: own[k.nama].unsur.find((x: any) => x.kunci === u.unsur).konversi }));
      const min = Math.min(...vals.map((x) => x.v));
      const max = Math.max(...vals.map((x) => x.v));
      expect(u.kabupaten).toBe(pooled.unsur.find((x: any) => x.kunci === u.unsur).konversi);
      expect(u.terendah).toEqual({ kecamatan: vals.filter((x) => x.v === min).map((x) => x.kec).sort(), konversi: min });
      expect(u.tertinggi).toEqual({ kecamatan: vals.filter((x) => x.v === max).map((x) => x.kec).sort(), konversi: max });
    }
    for (const k of KEC) {
      const lo = Math.min(...own[k.nama].unsur.map((x: any) => x.konversi));
      const weakest = own[k.nama].unsur.filter((x: any) => x.konversi === lo).map((x: any) => x.kunci);
      expect(r.kecamatan.find((x: any) => x.kecamatan === k.nama).unsur_terendah).toEqual(weakest);
      for (const key of weakest) expect(r.per_unsur.find((u: any) => u.unsur === key).unsur_terendah_di).toContain(k.nama);
    }
    const t = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'unsur'], { db: kab });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Unsur terendah tiap kecamatan');
    const w = r.per_unsur[2];
    expect(t.stdout).toMatch(new RegExp(`U3 +Waktu Penyelesaian +${w.kabupaten.toFixed(2).replace('.', ',')}`));
  });

  it('gives IKM per layanan where the catalog names agree, equal to one database holding every row', () => {
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023'], { db: kab });
    const pooled = patenJson(['ikm', '--tahun', '2023', '--per', 'layanan'], { db: db.all }).kelompok.baris;
    expect(r.per_layanan.layanan.length).toBeGreaterThanOrEqual(3);
    const own = KEC.map((k) => patenJson(['ikm', '--tahun', '2023', '--per', 'layanan'], { db: db[k.nama] }).kelompok.baris);
    for (const l of r.per_layanan.layanan) {
      const p = pooled.find((x: any) => x.kelompok === l.layanan);
      expect(p, l.layanan).toBeDefined();
      expect(l.responden).toBe(p.responden);
      expect(l.konversi).toBe(p.konversi);
      expect(l.kecamatan).toBe(3);
      const perKec = own.map((baris) => baris.find((x: any) => x.kelompok === l.layanan).konversi);
      expect(l.terendah.konversi).toBe(Math.min(...perKec));
      expect(l.tertinggi.konversi).toBe(Math.max(...perKec));
    }
    const t = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'layanan'], { db: kab });
    expect(t.stdout).toContain(r.per_layanan.layanan[0].layanan);
  });

  it('writes the ranking, the unsur table, the layanan table and the trend as CSV with plain numbers', () => {
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023', '--banding', '2022'], { db: kab });
    const out = path.join(dir, 'kab.csv');
    const w = paten(['kabupaten', 'ikm', '--tahun', '2023', '--banding', '2022', '--csv', '--out', out, '--pemisah', ';'], { db: kab });
    expect(w.code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
    // A ';' file is the one Excel opens with Indonesian settings: decimal commas (issue 14).
    const dec = (x: number) => x.toFixed(2).replace('.', ',');
    expect(lines[0].slice(0, 6)).toEqual(['Peringkat', 'Kecamatan', 'Kode wilayah', 'Responden', 'IKM', 'Mutu']);
    expect(lines[0].at(-1)).toBe('Perubahan dari 2022');
    r.kecamatan.forEach((k: any, i: number) => {
      expect(lines[1 + i].slice(0, 6)).toEqual([String(k.peringkat), k.kecamatan, k.kode_wilayah, String(k.responden), dec(k.konversi), k.mutu]);
      expect(lines[1 + i].slice(6, 15)).toEqual(Object.values(k.unsur).map((v: any) => dec(v)));
    });
    expect(lines[4].slice(1, 5)).toEqual(['Kabupaten: semua responden', '', '800', dec(r.kabupaten.semua_responden.konversi)]);
    expect(lines[5][4]).toBe(dec(r.kabupaten.rerata_kecamatan.konversi));

    const unsur = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'unsur', '--csv'], { db: kab }).stdout.trim().split(/\r?\n/);
    expect(unsur).toHaveLength(10);
    expect(unsur[1]).toContain(`U1,Persyaratan,${r.per_unsur[0].kabupaten.toFixed(2)},`);
    const lay = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'layanan', '--csv'], { db: kab }).stdout.trim().split(/\r?\n/);
    expect(lay).toHaveLength(1 + r.per_layanan.layanan.length);
    const tren = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'tahun', '--csv'], { db: kab }).stdout.trim().split(/\r?\n/);
    expect(tren[0]).toBe('Kecamatan,2022,2023');
    expect(tren).toContain(`Kemlagi,${patenJson(['ikm', '--tahun', '2022'], { db: db.Kemlagi }).konversi.toFixed(2)},${r.kecamatan.find((x: any) => x.kecamatan === 'Kemlagi').konversi.toFixed(2)}`);
    expect(tren).toContain(`Gedeg,,${r.kecamatan.find((x: any) => x.kecamatan === 'Gedeg').konversi.toFixed(2)}`);

    const bad = paten(['kabupaten', 'ikm', '--tahun', '2023', '--per', 'desa'], { db: kab });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nilai --per "desa" tidak dikenal');
  });

  it('names the kecamatan that have not sent a packet for a year, by earlier years and by gaps in the codes', () => {
    const l = patenJson(['kabupaten', 'list'], { db: kab });
    const b22 = l.belum_mengirim.find((b: any) => b.tahun === 2022);
    expect(b22.kecamatan.map((k: any) => `${k.kecamatan} ${k.tahun_lain.join(',')}`)).toEqual(['Dawarblandong 2023', 'Gedeg 2023']);
    expect(b22.kode_wilayah).toEqual(Array.from({ length: 14 }, (_, i) => `35.16.${String(i + 1).padStart(2, '0')}`));
    expect(b22.kecamatan_paling_sedikit).toBe(17);
    expect(l.belum_mengirim.find((b: any) => b.tahun === 2023).kecamatan).toEqual([]);
    const t = paten(['kabupaten', 'list'], { db: kab });
    expect(t.stderr).toContain('belum untuk tahun 2022: Dawarblandong (2023), Gedeg (2023)');
    expect(t.stderr).toContain('Kode kecamatan yang belum pernah mengirim paket: 35.16.01–35.16.14');
  });

  it('writes the kabupaten report through the report writer: every part, the same bytes twice, the layout rules kept', () => {
    const file = path.join(dir, 'laporan-kabupaten-2023.pdf');
    const args = ['kabupaten', 'laporan', '--tahun', '2023', '--out', file, '--nama', 'Dra. Contoh Pejabat', '--nip', '197001011990031001'];
    const w = patenJson(args, { db: kab });
    expect(w).toMatchObject({ berkas: file, tahun: 2023, kecamatan: 3, responden: 800 });
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023', '--banding', '2022'], { db: kab });
    const text = pdfText(file).replace(/\s+/g, ' ');
    const f2 = (x: number) => x.toFixed(2).replace('.', ',');
    expect(text).toContain('LAPORAN REKAPITULASI SURVEI KEPUASAN MASYARAKAT (SKM) KECAMATAN SE-KABUPATEN MOJOKERTO TAHUN 2023');
    expect(text).toContain(`Nilai IKM kabupaten (semua responden) ${f2(r.kabupaten.semua_responden.konversi)}`);
    for (const k of r.kecamatan) expect(text).toMatch(new RegExp(`${k.peringkat} ${k.kecamatan} ${k.responden} ${f2(k.konversi)} ${k.mutu}`));
    expect(text).toContain(`Kabupaten: semua responden 800 ${f2(r.kabupaten.semua_responden.konversi)}`);
    expect(text).toContain(`Kabupaten: rata-rata 3 kecamatan ${f2(r.kabupaten.rerata_kecamatan.konversi)}`);
    expect(text).toContain('Grafik 1. Nilai IKM per kecamatan tahun 2023');
    expect(text).toContain('2.2 Nilai per Unsur Pelayanan Antarkecamatan');
    for (const u of r.per_unsur)
      expect(text).toMatch(new RegExp(`${u.kode} ${u.nama.split(' ')[0]}[^U]* ${f2(u.kabupaten)} ${u.mutu} ${u.terendah.kecamatan.join(', ')} ${f2(u.terendah.konversi)} ${u.tertinggi.kecamatan.join(', ')} ${f2(u.tertinggi.konversi)} ${u.unsur_terendah_di.length}`));
    expect(text).toContain('2.3 Unsur Terendah Tiap Kecamatan');
    for (const k of r.kecamatan) {
      const u = r.per_unsur.find((x: any) => x.unsur === k.unsur_terendah[0]);
      expect(text).toContain(`${k.kecamatan} ${f2(k.konversi)} ${u.kode} ${u.nama.split(' ')[0]}`);
    }
    expect(text).toContain('2.5 IKM per Jenis Layanan');
    expect(text).toContain('BAB III TREN NILAI SKM');
    expect(text).toContain('Grafik 3. Nilai IKM kabupaten (semua responden) per tahun');
    expect(text).toMatch(new RegExp(`Kemlagi ${f2(patenJson(['ikm', '--tahun', '2022'], { db: db.Kemlagi }).konversi)} ${f2(r.kecamatan.find((x: any) => x.kecamatan === 'Kemlagi').konversi)}`));
    expect(text).toContain('4.2 Kecamatan yang Belum Mengirim Paket');
    expect(text).toContain('Kode kecamatan yang belum pernah mengirim paket: 35.16.01–35.16.14');
    expect(text).toContain('Mojokerto, 31 Desember 2023 Kepala Bagian Organisasi Sekretariat Daerah Kabupaten Mojokerto Dra. Contoh Pejabat NIP. 19700101 199003 1 001');

    const again = path.join(dir, 'again.pdf');
    expect(paten([...args.slice(0, 4), '--out', again, ...args.slice(6)], { db: kab }).code).toBe(0);
    expect(fileHash(again)).toBe(fileHash(file));

    const pages = pdfBoxes(file);
    const heading = (l: { text: string; size: number }) =>
      (Math.abs(l.size - 13) < 0.3 && /^(BAB [IVX]+|PENDAHULUAN|HASIL SKM KECAMATAN|TREN NILAI SKM|KELENGKAPAN DATA|PENUTUP)$/.test(l.text)) || (Math.abs(l.size - 11) < 0.3 && /^(\d\.\d+ |[A-C]\. )/.test(l.text));
    expect(layoutProblems(pages, { margins: TEMA_LAPORAN.margin, isHeading: heading, exempt: [1] })).toEqual([]);
    expect(firstOnPage(pages, /^Mojokerto, \d+ \S+ \d{4}$/, TEMA_LAPORAN.margin), 'signature alone').toBe(false);
    expect(pagesWith(pages, /^Grafik 1\./)).toHaveLength(1);
    for (let p = 1; p <= pdfPages(file); p++) expect(fs.statSync(renderPage(file, p, dir, { dpi: 40 })).size).toBeGreaterThan(1000);
  });

  it('refuses a report for a year without packets and a bad --tanggal, writing nothing', () => {
    const file = path.join(dir, 'tidak.pdf');
    const r = paten(['kabupaten', 'laporan', '--tahun', '2019', '--out', file], { db: kab });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Belum ada paket kecamatan tahun 2019');
    const t = paten(['kabupaten', 'laporan', '--tahun', '2023', '--tanggal', '2024-02-30', '--out', file], { db: kab });
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('Tanggal --tanggal "2024-02-30" tidak valid');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('replaces a re-sent packet of the same kecamatan and year and says so', () => {
    const r = paten(['kabupaten', 'tambah', pkt('Gedeg')], { db: kab });
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).toContain('menggantikan paket sebelumnya Gedeg-2023.paket');
    expect(patenJson(['kabupaten', 'list'], { db: kab }).paket).toHaveLength(4);
  });

  function refused(file: string, expected: string): void {
    const before = fileHash(kab);
    const r = paten(['kabupaten', 'tambah', pkt('Dawarblandong'), file], { db: kab });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(fileHash(kab)).toBe(before);
  }

  function editedCopy(name: string, sql: string): string {
    // Edited as a user would: unzipped, changed with an SQLite tool, sent unzipped (read as is).
    const f = path.join(dir, name);
    fs.writeFileSync(f, unzipped(pkt('Gedeg')));
    const p = new Database(f);
    p.exec(sql);
    p.close();
    return f;
  }

  it('refuses an edited packet (checksum), a newer format, a truncated file and a non-packet; nothing changes', () => {
    refused(editedCopy('edited.paket', 'UPDATE agregat SET s_waktu = s_waktu + 1 WHERE rowid IN (SELECT rowid FROM agregat LIMIT 1)'.replace('rowid IN (SELECT rowid FROM agregat LIMIT 1)', 'tanggal = (SELECT MIN(tanggal) FROM agregat)')), 'edited.paket bukan paket paten yang utuh: checksum tidak cocok');
    refused(editedCopy('newer.paket', "UPDATE paket SET nilai = '2' WHERE kunci = 'versi_format'"), 'newer.paket dibuat oleh versi paten yang lebih baru');
    const cut = path.join(dir, 'cut.paket');
    fs.writeFileSync(cut, fs.readFileSync(pkt('Gedeg')).subarray(0, 3000));
    refused(cut, 'cut.paket bukan paket paten yang utuh: berkas terpotong atau rusak');
    const cutDb = path.join(dir, 'cut-db.paket');
    fs.writeFileSync(cutDb, unzipped(pkt('Gedeg')).subarray(0, 3000));
    refused(cutDb, 'cut-db.paket bukan paket paten yang utuh');
    refused(csv.Gedeg, 'Gedeg.csv bukan paket paten yang utuh: bukan berkas paket');
    const gz = path.join(dir, 'csv-gz.paket');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(csv.Gedeg)));
    refused(gz, 'csv-gz.paket bukan paket paten yang utuh: bukan berkas paket (isinya bukan SQLite)');
    // The same kecamatan and year twice in one call: which one is meant is not for paten to guess.
    const twin = path.join(dir, 'Gedeg-lagi.paket');
    fs.copyFileSync(pkt('Gedeg'), twin);
    const before = fileHash(kab);
    const r = paten(['kabupaten', 'tambah', pkt('Gedeg'), twin], { db: kab });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Gedeg-2023.paket dan Gedeg-lagi.paket sama-sama paket Kecamatan Gedeg tahun 2023; muat salah satu saja.');
    expect(fileHash(kab)).toBe(before);
  });

  it('refuses a packet of another kabupaten and a kecamatan code loaded under another name', () => {
    const lain = sampleDb(fs.mkdtempSync(path.join(dir, 'lain-')));
    ok(['profil', 'set', '--nama', 'Ploso', '--kabupaten', 'Jombang', '--kode', '35.17.01'], lain);
    ok(['survey', 'import', csv.Dawarblandong], lain);
    ok(['survey', 'paket', '--tahun', '2023', '--out', path.join(dir, 'ploso.paket')], lain);
    refused(path.join(dir, 'ploso.paket'), 'ploso.paket berasal dari Jombang');

    ok(['profil', 'set', '--nama', 'Trowulan', '--kabupaten', 'Kab. Mojokerto', '--kode', '35.16.16'], lain);
    ok(['survey', 'paket', '--tahun', '2023', '--out', path.join(dir, 'trowulan.paket')], lain);
    refused(path.join(dir, 'trowulan.paket'), 'kode wilayah 35.16.16 untuk Kecamatan Trowulan');

    // the same code under two names within one load, neither loaded before
    const fresh = path.join(dir, 'kab-baru.db');
    const r = paten(['kabupaten', 'tambah', pkt('Gedeg'), path.join(dir, 'trowulan.paket')], { db: fresh });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('trowulan.paket memakai kode wilayah 35.16.16 untuk Kecamatan Trowulan, padahal kode itu sudah dipakai Kecamatan Gedeg (Gedeg-2023.paket)');
    expect(fs.existsSync(fresh) ? patenJson(['kabupaten', 'list'], { db: fresh }).paket : []).toEqual([]);
  });

  it('says which years are loaded when asked for another', () => {
    const r = paten(['kabupaten', 'ikm', '--tahun', '2021'], { db: kab });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Belum ada paket kecamatan tahun 2021');
    expect(r.stderr).toContain('2022, 2023');
  });
});

describe('paten demo: kabupaten step', () => {
  it('sends Kemlagi and two sample kecamatan as packets to a kabupaten database and writes its table and report', { tags: ['lambat'], timeout: 120_000 }, () => {
    const out = path.join(dir, 'demo');
    const j = patenJson(['demo', '--out', out]);
    const step = j.langkah.find((s: any) => s.langkah.startsWith('Kabupaten:'));
    expect(step.ringkasan).toMatch(/^5 paket dari 3 kecamatan dimuat ke basis data kabupaten; IKM kabupaten 2023: \d+,\d\d \(mutu [A-D]\) atas [\d.]+ responden$/);
    expect(step.berkas.map((f: string) => path.basename(f))).toEqual(['dawarblandong-2023.paket', 'kabupaten-demo.db', 'ikm-kabupaten-2023.csv', 'laporan-kabupaten-2023.pdf']);
    const kabDb = step.berkas[1];
    const r = patenJson(['kabupaten', 'ikm', '--tahun', '2023', '--banding', '2021'], { db: kabDb });
    const own = patenJson(['ikm', '--tahun', '2023'], { db: path.join(out, 'paten-demo.db') });
    const kem = r.kecamatan.find((k: any) => k.kecamatan === 'Kemlagi');
    expect([kem.responden, kem.konversi, kem.mutu]).toEqual([own.responden, own.konversi, own.mutu]);
    expect(r.kecamatan.map((k: any) => k.kecamatan).sort()).toEqual(['Dawarblandong (contoh)', 'Gedeg (contoh)', 'Kemlagi']);
    expect(fs.readFileSync(step.berkas[2], 'utf8')).toContain(`Kemlagi,35.16.15,400,${own.konversi.toFixed(2)},${own.mutu}`);
    const again = path.join(dir, 'demo-again.pdf');
    expect(paten(['kabupaten', 'laporan', '--tahun', '2023', '--out', again], { db: kabDb }).code).toBe(0);
    expect(fileHash(again)).toBe(fileHash(step.berkas[3]));
    expect(pdfText(again)).toContain('KECAMATAN SE-KABUPATEN MOJOKERTO');
  });
});
