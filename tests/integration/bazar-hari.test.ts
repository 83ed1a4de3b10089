/**
 * The bazar day as it really runs, through the CLI: services brought on the day (day sheet,
 * `bazar hadir`, the terminal), item-by-item edits of an agency's services, summaries that say
 * what a user means, implausible counts, and the jenis 'lainnya'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, ROOT, sampleDb, tempDir } from '../helpers/cli.js';
import { expectUserError, write } from '../helpers/bazar.js';
import { KEY, patenTty } from '../helpers/tty.js';
import { pdfText } from '../helpers/pdf.js';

const dir = tempDir('paten-bazar-hari-');
afterAll(() => cleanup(dir));
let base: string;
let n = 0;

/** Mayangan's agencies and one held event (#1, 15 February 2025) with everyone invited; a copy per test. */
function eventDb(): string {
  const db = path.join(dir, `e${++n}.db`);
  fs.copyFileSync(base, db);
  return db;
}

beforeAll(() => {
  base = sampleDb(dir);
  for (const args of [
    ['bazar', 'instansi', 'import', path.join(ROOT, 'data', 'bazar-instansi-contoh.csv')],
    ['bazar', 'acara', 'add', '--tanggal', '2025-02-15'],
    ['bazar', 'undang', '1', '--semua'],
  ]) {
    const r = paten(args, { db: base });
    if (r.code !== 0) throw new Error(r.stderr);
  }
});

const SHEET = [
  'instansi,status,petugas,layanan,dilayani,catatan',
  'Pusk. Jati,hadir,dr. Ayu,Pemeriksaan kesehatan,30,',
  'Pusk. Jati,,,Imunisasi,12,',
  'Dispendukcapil,,,Perekaman KTP-el,45,',
  'Polsek Mayangan,hadir,,SKCK,20,',
  'Kel. Jati,hadir,,SKTM,1.000.000,',
];

describe('a service brought on the day', () => {
  it('the day sheet imports it for that event, says so, and leaves the usual list alone', () => {
    const db = eventDb();
    const sheet = write(dir, 'hasil.csv', SHEET);
    const r = paten(['bazar', 'catat', '1', '--file', sheet], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Acara #1 (Sabtu, 15 Februari 2025): 4 instansi dicatat; 1.000.107 warga dilayani.');
    expect(r.stderr).toContain('+1 layanan baru untuk Pusk. Jati: Imunisasi');
    expect(r.stderr).toContain('--simpan-layanan');
    // A million for one agency in a day: warned about with the number and the cell, not refused.
    expect(r.stderr).toMatch(/hasil\.csv, baris 6, kolom 5: Kel\. Jati, SKTM: 1\.000\.000 warga dilayani jauh di atas yang wajar/);
    const show = patenJson(['bazar', 'acara', 'show', '1'], { db });
    expect(show.instansi.find((x: any) => x.singkatan === 'Pusk. Jati').layanan).toEqual([
      { layanan: 'Pemeriksaan kesehatan', jumlah: 30 },
      { layanan: 'Imunisasi', jumlah: 12 },
    ]);
    expect(patenJson(['bazar', 'instansi', 'show', 'Pusk. Jati'], { db }).layanan.map((l: any) => l.nama)).toEqual(['Pemeriksaan kesehatan', 'Pengobatan gratis']);
    // Re-importing the same sheet changes nothing and says so.
    const again = paten(['bazar', 'catat', '1', '--file', sheet], { db });
    expect(again.stderr).toContain('4 instansi tetap;');
    // The next template carries the service brought on the day with its count.
    const tpl = path.join(dir, `templat-${n}.csv`);
    expect(paten(['bazar', 'catat', '1', '--templat', tpl], { db }).code).toBe(0);
    expect(fs.readFileSync(tpl, 'utf8')).toContain('\r\nPusk. Jati,,,Imunisasi,12,\r\n');
    // The year report counts it like any other service.
    const l = patenJson(['bazar', 'laporan', '--tahun', '2025'], { db });
    expect(l.layanan.find((s: any) => s.layanan === 'Imunisasi')).toEqual({ layanan: 'Imunisasi', instansi: ['Pusk. Jati'], acara: 1, dilayani: 12 });
  });

  it('--simpan-layanan adds it to the agency usual list in the same write', () => {
    const db = eventDb();
    const r = patenJson(['bazar', 'catat', '1', '--file', write(dir, 'hasil-simpan.csv', SHEET), '--simpan-layanan'], { db });
    expect(r.layanan_baru).toEqual([{ instansi_id: expect.any(Number), instansi: 'Pusk. Jati', layanan: ['Imunisasi'], disimpan: true }]);
    expect(r.peringatan).toHaveLength(1);
    expect(patenJson(['bazar', 'instansi', 'show', 'Pusk. Jati'], { db }).layanan.map((l: any) => l.nama)).toEqual(['Pemeriksaan kesehatan', 'Pengobatan gratis', 'Imunisasi']);
    expect(patenJson(['bazar', 'catat', '1', '--file', write(dir, 'hasil-simpan.csv', SHEET)], { db }).layanan_baru).toEqual([]);
  });

  it('a name close to a known service is suggested, not stored as a second service; nothing is imported', () => {
    const db = eventDb();
    const before = fileHash(db);
    const r = paten(['bazar', 'catat', '1', '--file', write(dir, 'hasil-typo.csv', ['instansi,layanan,dilayani', 'Pusk. Jati,Pemeriksaan kesehatn,30', 'Pusk. Jati,Imunisasi,3', 'Pusk. Jati,Imunisai,4'])], { db });
    expectUserError(r, /hasil-typo\.csv: tidak ada yang diimpor \(2 masalah\)/);
    expect(r.stderr).toContain('hasil-typo.csv, baris 2, kolom 2: Pusk. Jati: layanan "Pemeriksaan kesehatn" mirip "Pemeriksaan kesehatan"');
    expect(r.stderr).toContain('hasil-typo.csv, baris 4, kolom 2: Pusk. Jati: layanan "Imunisai" mirip "Imunisasi"');
    expect(r.stderr).toContain('paten bazar instansi edit "Pusk. Jati" --tambah-layanan "Imunisai"');
    expect(fileHash(db)).toBe(before);
  });

  it('bazar hadir accepts it too, with --simpan-layanan or without', () => {
    const db = eventDb();
    const r = paten(['bazar', 'hadir', '1', 'UMKM', '--layanan', 'Lomba mewarnai', '--dilayani', '15'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 instansi dicatat; 15 warga dilayani.');
    expect(r.stderr).toContain('+1 layanan baru untuk UMKM: Lomba mewarnai');
    expect(patenJson(['bazar', 'instansi', 'show', 'UMKM'], { db }).layanan).toHaveLength(2);
    const s = paten(['bazar', 'hadir', '1', 'UMKM', '--layanan', 'lomba  mewarnai', '--dilayani', '16', '--simpan-layanan'], { db });
    expect(s.stderr).toContain('1 instansi diubah; 16 warga dilayani.');
    expect(s.stderr).toContain('+1 layanan baru untuk UMKM: Lomba mewarnai (ditambahkan ke daftar layanan biasanya)');
    expect(patenJson(['bazar', 'instansi', 'show', 'UMKM'], { db }).layanan.map((l: any) => l.nama)).toEqual(['Stan kuliner UMKM', 'Pentas seni', 'Lomba mewarnai']);
  });

  it('on a terminal paten asks whether to add it to the usual list', async () => {
    const db = eventDb();
    const r = await patenTty(['bazar', 'hadir', '1', 'Pusk. Sukabumi', '--layanan', 'Imunisasi', '--dilayani', '9'], [
      { expect: /Tambahkan layanan baru Imunisasi ke daftar\s+layanan\s+Pusk\. Sukabumi\?/, send: 'y' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('(ditambahkan ke daftar layanan biasanya)');
    expect(patenJson(['bazar', 'instansi', 'show', 'Pusk. Sukabumi'], { db }).layanan.map((l: any) => l.nama)).toContain('Imunisasi');
  });

  it('the terminal walkthrough asks for other services brought on the day', async () => {
    const db = eventDb();
    // A second event with only Polsek invited, to keep the walkthrough short.
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-04-12'], { db });
    patenJson(['bazar', 'undang', '2', '--instansi', 'Polsek Mayangan'], { db });
    const r = await patenTty(['bazar', 'catat', '2'], [
      { expect: /Polsek Mayangan \(sekarang: diundang\)/, send: KEY.enter },
      { expect: /Petugas di lokasi/, send: KEY.enter },
      { expect: /SKCK: warga dilayani/, send: '12' + KEY.enter },
      { expect: /Layanan lain yang dibawa hari ini/, send: 'SKC' + KEY.enter },
      { expect: /SKC: warga dilayani/, send: '2' + KEY.enter },
      { expect: /Layanan lain yang dibawa hari ini/, send: 'Laporan kehilangan' + KEY.enter },
      { expect: /Laporan kehilangan: warga dilayani/, send: '4' + KEY.enter },
      { expect: /Layanan lain yang dibawa hari ini/, send: KEY.enter },
      { expect: /Simpan catatan untuk 1 instansi\?/, send: KEY.enter },
      { expect: /Tambahkan layanan baru SKC, Laporan kehilangan/, send: KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('+2 layanan baru untuk Polsek Mayangan: SKC, Laporan kehilangan');
    const polsek = patenJson(['bazar', 'acara', 'show', '2'], { db }).instansi[0];
    expect(polsek.layanan).toEqual([{ layanan: 'SKCK', jumlah: 12 }, { layanan: 'SKC', jumlah: 2 }, { layanan: 'Laporan kehilangan', jumlah: 4 }]);
    // Answered no: the usual list is as it was.
    expect(patenJson(['bazar', 'instansi', 'show', 'Polsek Mayangan'], { db }).layanan.map((l: any) => l.nama)).toEqual(['SKCK']);
  });
});

describe('summaries say what happened', () => {
  it('first entries are "dicatat", later changes "diubah", walk-ins are named', () => {
    const db = eventDb();
    patenJson(['bazar', 'instansi', 'add', '--nama', 'Bank Jatim Cabang Probolinggo', '--singkatan', 'Bank Jatim', '--jenis', 'lainnya', '--layanan', 'Tabungan'], { db });
    const first = paten(['bazar', 'catat', '1', '--file', write(dir, 'hasil-1.csv', ['instansi,layanan,dilayani', 'Polsek Mayangan,SKCK,20', 'Bank Jatim,Tabungan,5'])], { db });
    expect(first.stderr).toContain('2 instansi dicatat (1 tanpa undangan); 25 warga dilayani.');
    const second = paten(['bazar', 'catat', '1', '--file', write(dir, 'hasil-2.csv', ['instansi,layanan,dilayani', 'Polsek Mayangan,SKCK,21', 'Bank Jatim,Tabungan,5', 'UMKM,Pentas seni,40'])], { db });
    expect(second.stderr).toContain('1 instansi dicatat, 1 diubah, 1 tetap; 66 warga dilayani.');
  });
});

describe('item-by-item edits of an agency services', () => {
  it('--tambah-layanan / --hapus-layanan change one item; --layanan still replaces the list; the two do not mix', () => {
    const db = eventDb();
    const add = patenJson(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--tambah-layanan', 'Imunisasi', '--tambah-layanan', 'Konsultasi gizi'], { db });
    expect(add.diubah).toEqual(['layanan']);
    expect(add.instansi.layanan.map((l: any) => l.nama)).toEqual(['Pemeriksaan kesehatan', 'Pengobatan gratis', 'Imunisasi', 'Konsultasi gizi']);
    const del = patenJson(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--hapus-layanan', 'pengobatan gratis'], { db });
    expect(del.instansi.layanan.map((l: any) => l.nama)).toEqual(['Pemeriksaan kesehatan', 'Imunisasi', 'Konsultasi gizi']);
    // Adding again changes nothing.
    expect(paten(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--tambah-layanan', 'imunisasi'], { db }).stderr).toContain('Tidak ada perubahan');
    // A near-duplicate is added (the user asked for it) with a warning.
    const near = paten(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--tambah-layanan', 'Imunisai'], { db });
    expect(near.stderr).toMatch(/"Imunisai" ditambahkan ke daftar layanan Pusk\. Jati, padahal mirip "Imunisasi"/);
    const before = fileHash(db);
    const miss = paten(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--hapus-layanan', 'Konsultasi giz', '--telepon', '0335-1'], { db });
    expectUserError(miss, /--hapus-layanan "Konsultasi giz": tidak ada di daftar layanan Pusk\. Jati \(isinya sekarang: .*\)\. Mungkin maksud Anda: "Konsultasi gizi"\?/);
    // One convention with desa/layanan: replacing the list and editing it item by item do not mix.
    expectUserError(paten(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--layanan', 'X', '--tambah-layanan', 'Y'], { db }), /--layanan mengganti seluruh daftar, jadi tidak dapat digabung dengan --tambah-layanan\/--hapus-layanan/);
    expect(fileHash(db)).toBe(before);
    const replace = patenJson(['bazar', 'instansi', 'edit', 'Pusk. Jati', '--layanan', 'Pemeriksaan kesehatan', '--layanan', 'Imunisasi'], { db });
    expect(replace.instansi.layanan.map((l: any) => l.nama)).toEqual(['Pemeriksaan kesehatan', 'Imunisasi']);
    expect(paten(['bazar', 'instansi', 'edit', '--help']).stdout).toMatch(/--tambah-layanan <teks>[\s\S]*--hapus-layanan <teks>/);
  });
});

describe("jenis 'lainnya'", () => {
  it('is listed in --jenis, stored as such, and shown with its own label', () => {
    const db = eventDb();
    expect(paten(['bazar', 'instansi', 'add', '--help']).stdout).toMatch(/umkm, lainnya/);
    const k = patenJson(['bazar', 'instansi', 'add', '--nama', 'Koperasi Sejahtera', '--jenis', 'lainnya'], { db });
    expect(k.jenis).toBe('lainnya');
    expect(paten(['bazar', 'instansi', 'list'], { db }).stdout).toMatch(/Koperasi Sejahtera\s+Lainnya \(bank, koperasi/);
    const imp = patenJson(['bazar', 'instansi', 'import', write(dir, 'lain.csv', ['nama,jenis', 'LSM Peduli Anak,Lainnya', 'Klinik Pratama Sehat,kesehatan'])], { db });
    expect(imp.baru).toHaveLength(2);
    expect(patenJson(['bazar', 'instansi', 'show', 'LSM Peduli Anak'], { db }).jenis).toBe('lainnya');
    expect(paten(['bazar', 'instansi', 'export'], { db }).stdout).toContain('LSM Peduli Anak,,lainnya,');
    expectUserError(paten(['bazar', 'instansi', 'add', '--nama', 'X', '--jenis', 'umkm/lainnya'], { db }), /jenis "umkm\/lainnya" tidak dikenal; pilih salah satu: .*umkm, lainnya/);
  });
});

describe('events whose day has passed but were never recorded', () => {
  it('are flagged in acara list, in the year report, and at the start of other bazar commands', () => {
    const db = eventDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-10-11'], { db });
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2099-03-14'], { db });
    patenJson(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', '20'], { db });
    const list = paten(['bazar', 'acara', 'list'], { db });
    expect(list.stdout).toMatch(/#2\s+Sabtu, 11 Oktober 2025\s+Halaman Kantor Kecamatan Kemlagi\s+belum dicatat!/);
    expect(list.stdout).toMatch(/#3\s+Sabtu, 14 Maret 2099\s+Halaman Kantor Kecamatan Kemlagi\s+rencana/);
    expect(list.stderr).toContain('Acara #2 (11 Oktober 2025) sudah lewat tetapi belum dicatat: paten bazar catat 2');
    expect(list.stderr).not.toContain('Acara #3');
    expect(patenJson(['bazar', 'acara', 'list'], { db }).map((a: any) => a.belum_dicatat)).toEqual([false, true, false]);
    // Any other bazar command reminds, except about the event it is itself recording.
    expect(paten(['bazar', 'instansi', 'list'], { db }).stderr).toContain('Acara #2 (11 Oktober 2025) sudah lewat tetapi belum dicatat: paten bazar catat 2');
    expect(paten(['bazar', 'catat', '2', '--templat', path.join(dir, 't-lewat.csv')], { db }).stderr).not.toContain('sudah lewat');
    const l = patenJson(['bazar', 'laporan', '--tahun', '2025'], { db });
    expect(l.ringkasan).toMatchObject({ acara: 2, terlaksana: 1, rencana: 1, belum_dicatat: 1 });
    expect(l.acara.map((a: any) => [a.id, a.belum_dicatat])).toEqual([[1, false], [2, true]]);
    const text = paten(['bazar', 'laporan', '--tahun', '2025'], { db });
    expect(text.stdout).toMatch(/Belum dicatat\s+1 acara sudah lewat tetapi belum dicatat \(#2 \(11 Oktober 2025\)\); kehadiran dan warga dilayaninya tidak ikut dihitung/);
    expect(text.stdout).toMatch(/#2\s+Sabtu, 11 Oktober 2025\s+belum dicatat!/);
    expect(text.stderr).toContain('Laporan 2025: 1 acara sudah lewat tetapi belum dicatat');
    // Recorded as cancelled: no longer flagged.
    patenJson(['bazar', 'acara', 'edit', '2', '--status', 'batal'], { db });
    expect(paten(['bazar', 'instansi', 'list'], { db }).stderr).not.toContain('sudah lewat');
    expect(patenJson(['bazar', 'laporan', '--tahun', '2025'], { db }).ringkasan.belum_dicatat).toBe(0);
  });
});

describe('a venue open every week: Mal Pelayanan Publik Kabupaten Pasuruan', () => {
  it('a weekly series from bazar jadwal, days recorded without invitations, a report by month', () => {
    fs.mkdirSync(path.join(dir, 'mpp'));
    const db = sampleDb(path.join(dir, 'mpp'));
    paten(['bazar', 'instansi', 'import', path.join(ROOT, 'data', 'bazar-instansi-mpp-pasuruan.csv')], { db });
    const tempat = 'Mal Pelayanan Publik Kabupaten Pasuruan';
    const j = patenJson(['bazar', 'jadwal', '--tahun', '2025', '--setiap-minggu', '--hari', 'Senin', '--tempat', tempat, '--yes'], { db });
    // Every Monday of 2025 but the holidays and cuti bersama in data/libur-nasional.csv.
    expect(j.dibuat.length).toBe(52 - j.dilewati.length);
    expect(j.dibuat[0]).toMatchObject({ tanggal: '2025-01-06', tempat, status: 'rencana' });
    expect(j.dilewati.every((d: any) => d.tanggal.startsWith('2025-') && d.alasan)).toBe(true);
    const shown = paten(['bazar', 'jadwal', '--tahun', '2026', '--hari-kerja'], { db });
    expect(shown.stdout).toMatch(/Usulan jadwal bazar 2026: \d{3} acara/);
    expect(shown.stdout).toMatch(/Januari 2026\s+\d+\s+Jumat, 2 Januari 2026/);
    expectUserError(paten(['bazar', 'jadwal', '--tahun', '2026', '--hari-kerja', '--setiap', '3'], { db }), /--hari-kerja tidak dapat digabung dengan --setiap/);
    // Two January Mondays and one in February are recorded from the day's sheet (no invitations).
    for (const [tanggal, n] of [['2025-01-06', 12], ['2025-01-13', 8], ['2025-02-03', 20]] as const)
      expect(paten(['bazar', 'catat', tanggal, '--file', write(dir, `mpp-${tanggal}.csv`, ['instansi,dilayani', `DPMPTSP Kab. Pasuruan,${n}`, `PN,1`])], { db }).stderr).toContain('2 instansi dicatat (2 tanpa undangan)');
    const l = patenJson(['bazar', 'laporan', '--tahun', '2025'], { db });
    expect(l.bulan).toHaveLength(12);
    expect(l.bulan[0]).toMatchObject({ bulan: '2025-01', terlaksana: 2, diundang: 4, hadir: 4, tingkat_kehadiran: 1, dilayani: 22 });
    expect(l.bulan[1]).toMatchObject({ bulan: '2025-02', terlaksana: 1, dilayani: 21 });
    expect(l.bulan[0].belum_dicatat).toBe(l.bulan[0].acara - 2);
    const text = paten(['bazar', 'laporan', '--tahun', '2025'], { db });
    const jan = l.bulan[0].acara;
    expect(text.stdout).toMatch(new RegExp(`Januari 2025\\s+${jan}\\s+2\\s+${jan - 2}\\s+4\\s+4\\s+100,0%\\s+22`));
    expect(text.stdout).not.toMatch(/Senin, 6 Januari 2025/);
    expect(text.stderr).toContain('diringkas per bulan');
    expect(paten(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--tabel', 'bulan'], { db }).stdout.split('\r\n')[1]).toBe(`2025-01,${jan},2,${jan - 2},4,4,1,22`);
    const pdf = path.join(dir, 'mpp-2025.pdf');
    expect(paten(['bazar', 'laporan', '--tahun', '2025', '--out', pdf], { db }).code).toBe(0);
    expect(pdfText(pdf)).toMatch(new RegExp(`Rekap per bulan[\\s\\S]*Januari\\s+${jan}\\s+2\\s+${jan - 2}\\s+4\\s+4\\s+100,0%\\s+22`));
  });
});
