/**
 * A year of bazar pelayanan (2025: six events, four terlaksana, one batal, one rencana) entered
 * through the CLI, with every report figure checked against numbers computed by hand below.
 *
 *  #  date        status      invited                      came (served)
 *  1  2025-02-15  terlaksana  DK, Polsek, Pusk, UMKM       DK (KTP 40, KK 10), Polsek (SKCK 25), Pusk (30); UMKM tidak hadir
 *  2  2025-04-12  terlaksana  DK, Polsek, Pusk, UMKM       DK (KTP 35, KK 15), Pusk (20), UMKM (50); Polsek tidak hadir
 *  3  2025-06-14  batal       DK, Polsek                   —
 *  4  2025-08-16  terlaksana  DK, Polsek, Pusk             DK (KTP 60, KK 20), Polsek (40); Pusk batal
 *  5  2025-10-11  terlaksana  DK, Polsek, Pusk, UMKM       DK (KTP 50, KK 0), Polsek (35), Pusk (25), UMKM (40)
 *  6  2025-12-13  rencana     DK, Polsek, Pusk, UMKM       — (Polsek konfirmasi)
 *  plus 2024-12-14 terlaksana (DK, KTP 99): must not leak into 2025.
 *
 * By hand: diundang 4+4+3+4 = 15, hadir 3+3+2+4 = 12 → 80,0 %; dilayani 105+120+120+150 = 495,
 * 495/4 = 123,75 per terlaksana event.
 *  DK     diundang 4 hadir 4 → 100 %  dilayani 40+10+35+15+60+20+50+0 = 230 (KTP 185, KK 45)
 *  Polsek diundang 4 hadir 3 → 75 %   dilayani 25+40+35 = 100 (1 tidak hadir)
 *  UMKM   diundang 3 hadir 2 → 66,7 % dilayani 50+40 = 90 (1 tidak hadir)
 *  Pusk   diundang 4 hadir 3 → 75 %   dilayani 30+20+25 = 75 (0 tidak hadir: #4 was batal)
 *  Per layanan: KTP-el 185 (4 acara), SKCK 100 (3), Stan kuliner 90 (2), Pengobatan gratis 75 (3), KK 45 (3: the 0 in #5 does not count).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages, pdfText, renderPage } from '../helpers/pdf.js';
import { expectUserError, write } from '../helpers/bazar.js';

const dir = tempDir('paten-bazar-laporan-');
// PATEN_TEST_KEEP=1 keeps the folder (database and PDFs) for a look at the pages.
afterAll(() => (process.env.PATEN_TEST_KEEP ? console.log(`kept ${dir}`) : cleanup(dir)));
let db: string;

function ok(args: string[]) {
  const r = paten(args, { db });
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')}: ${r.stderr}`);
  return r;
}

beforeAll(() => {
  db = sampleDb(dir);
  ok(['bazar', 'instansi', 'import', write(dir, 'instansi.csv', [
    'nama,singkatan,jenis,layanan',
    'Dinas Kependudukan dan Pencatatan Sipil,DK,dinas,Perekaman KTP-el; Kartu Keluarga',
    'Kepolisian Sektor Mayangan,Polsek,tni-polri,SKCK',
    'Puskesmas Jati,Pusk,kesehatan,Pengobatan gratis',
    'UMKM Kecamatan Mayangan,UMKM,umkm,Stan kuliner',
  ])]);
  ok(['bazar', 'acara', 'add', '--tanggal', '2024-12-14']);
  for (const t of ['2025-02-15', '2025-04-12', '2025-06-14', '2025-08-16', '2025-10-11', '2025-12-13']) ok(['bazar', 'acara', 'add', '--tanggal', t, '--tema', `Bazar ${t.slice(5, 7)}`]);
  // Event numbers: #1 is 2024; 2025's six events are #2..#7.
  ok(['bazar', 'undang', '1', '--instansi', 'DK']);
  ok(['bazar', 'hadir', '1', 'DK', '--layanan', 'Perekaman KTP-el', '--dilayani', '99']);
  for (const id of ['2', '3', '6', '7']) ok(['bazar', 'undang', id, '--semua']);
  ok(['bazar', 'undang', '4', '--instansi', 'DK', '--instansi', 'Polsek']);
  ok(['bazar', 'undang', '5', '--instansi', 'DK', '--instansi', 'Polsek', '--instansi', 'Pusk']);
  // #2 from a sheet, #3 agency by agency.
  ok(['bazar', 'catat', '2', '--file', write(dir, 'hasil-2.csv', [
    'instansi,status,petugas,layanan,dilayani',
    'DK,hadir,Rina,Perekaman KTP-el,40',
    'DK,,,Kartu Keluarga,10',
    'Polsek,hadir,,SKCK,25',
    'Pusk,hadir,,Pengobatan gratis,30',
    'UMKM,tidak hadir,,,',
  ])]);
  ok(['bazar', 'hadir', '3', 'DK', '--layanan', 'Perekaman KTP-el', '--dilayani', '35', '--layanan', 'Kartu Keluarga', '--dilayani', '15']);
  ok(['bazar', 'hadir', '3', 'Polsek', '--status', 'tidak-hadir']);
  ok(['bazar', 'hadir', '3', 'Pusk', '--dilayani', '20']);
  ok(['bazar', 'hadir', '3', 'UMKM', '--dilayani', '50']);
  ok(['bazar', 'acara', 'edit', '4', '--status', 'batal', '--catatan', 'Hujan deras']);
  ok(['bazar', 'hadir', '5', 'DK', '--layanan', 'Perekaman KTP-el', '--dilayani', '60', '--layanan', 'Kartu Keluarga', '--dilayani', '20']);
  ok(['bazar', 'hadir', '5', 'Polsek', '--dilayani', '40']);
  ok(['bazar', 'hadir', '5', 'Pusk', '--status', 'batal']);
  ok(['bazar', 'catat', '6', '--file', write(dir, 'hasil-6.csv', [
    'instansi;layanan;dilayani',
    'DK;Perekaman KTP-el;50',
    'DK;Kartu Keluarga;0',
    'Polsek;SKCK;35',
    'Pusk;Pengobatan gratis;25',
    'UMKM;Stan kuliner;40',
  ])]);
  ok(['bazar', 'hadir', '7', 'Polsek', '--status', 'konfirmasi']);
});

describe('bazar laporan for a year with six events', () => {
  it('--json gives the hand-computed figures', () => {
    const l = patenJson(['bazar', 'laporan', '--tahun', '2025'], { db });
    expect(l.ringkasan).toEqual({
      // #7 (13 December 2025) is still rencana after its day: said, not counted silently.
      acara: 6, terlaksana: 4, rencana: 1, belum_dicatat: 1, batal: 1,
      diundang: 15, hadir: 12, tingkat_kehadiran: 0.8,
      dilayani: 495, rata_dilayani_per_acara: 123.75, instansi_hadir: 4,
    });
    expect(l.acara.map((a: any) => [a.tanggal, a.status, a.diundang, a.hadir, a.tingkat_kehadiran, a.dilayani])).toEqual([
      ['2025-02-15', 'terlaksana', 4, 3, 0.75, 105],
      ['2025-04-12', 'terlaksana', 4, 3, 0.75, 120],
      ['2025-06-14', 'batal', 2, 0, null, 0],
      ['2025-08-16', 'terlaksana', 3, 2, 0.6667, 120],
      ['2025-10-11', 'terlaksana', 4, 4, 1, 150],
      ['2025-12-13', 'rencana', 4, 0, null, 0],
    ]);
    expect(l.instansi.map((i: any) => [i.singkatan, i.diundang, i.hadir, i.tidak_hadir, i.tingkat_kehadiran, i.dilayani])).toEqual([
      ['DK', 4, 4, 0, 1, 230],
      ['Polsek', 4, 3, 1, 0.75, 100],
      ['UMKM', 3, 2, 1, 0.6667, 90],
      ['Pusk', 4, 3, 0, 0.75, 75],
    ]);
    expect(l.instansi[0].layanan).toEqual([{ layanan: 'Perekaman KTP-el', dilayani: 185 }, { layanan: 'Kartu Keluarga', dilayani: 45 }]);
    expect(l.layanan.map((s: any) => [s.layanan, s.instansi, s.acara, s.dilayani])).toEqual([
      ['Perekaman KTP-el', ['DK'], 4, 185],
      ['SKCK', ['Polsek'], 3, 100],
      ['Stan kuliner', ['UMKM'], 2, 90],
      ['Pengobatan gratis', ['Pusk'], 3, 75],
      ['Kartu Keluarga', ['DK'], 3, 45],
    ]);
    // Without --tahun: the latest year with an event.
    expect(patenJson(['bazar', 'laporan'], { db }).tahun).toBe(2025);
    const y2024 = patenJson(['bazar', 'laporan', '--tahun', '2024'], { db });
    expect(y2024.ringkasan).toMatchObject({ acara: 1, terlaksana: 1, dilayani: 99, tingkat_kehadiran: 1 });
  });

  it('prints the year in Indonesian formats on screen', () => {
    const r = ok(['bazar', 'laporan', '--tahun', '2025']);
    expect(r.stdout).toMatch(/Kehadiran instansi\s+12 dari 15 undangan \(80,0%\)/);
    expect(r.stdout).toMatch(/Warga dilayani\s+495 \(rata-rata 123,8 per acara terlaksana\)/);
    expect(r.stdout).toMatch(/UMKM\s+3\s+2\s+66,7%\s+90/);
    expect(r.stdout).toMatch(/#4\s+Sabtu, 14 Juni 2025\s+batal/);
  });

  it('--format csv writes each table with plain values', () => {
    const inst = path.join(dir, 'instansi-2025.csv');
    ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--out', inst]);
    expect(fs.readFileSync(inst, 'utf8')).toBe(
      '\uFEFFinstansi,singkatan,jenis,diundang,hadir,tidak_hadir,tingkat_kehadiran,dilayani\r\n' +
        'Dinas Kependudukan dan Pencatatan Sipil,DK,dinas,4,4,0,1,230\r\n' +
        'Kepolisian Sektor Mayangan,Polsek,tni-polri,4,3,1,0.75,100\r\n' +
        'UMKM Kecamatan Mayangan,UMKM,umkm,3,2,1,0.6667,90\r\n' +
        'Puskesmas Jati,Pusk,kesehatan,4,3,0,0.75,75\r\n',
    );
    const acara = ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--tabel', 'acara']).stdout.trim().split('\r\n');
    expect(acara[0]).toBe('no,tanggal,tempat,tema,status,diundang,hadir,tingkat_kehadiran,dilayani');
    expect(acara[3]).toBe('4,2025-06-14,Halaman Kantor Kecamatan Kemlagi,Bazar 06,batal,2,0,,0');
    expect(acara).toHaveLength(7);
    const lay = ok(['bazar', 'laporan', '--format', 'csv', '--tabel', 'layanan', '--pemisah', ';']).stdout.trim().split('\r\n');
    expect(lay[1]).toBe('Perekaman KTP-el;DK;4;185');
    const ev = ok(['bazar', 'laporan', '--acara', '2', '--format', 'csv']).stdout.trim().split('\r\n');
    expect(ev).toEqual([
      'acara,tanggal,instansi,singkatan,status,petugas,layanan,dilayani',
      '2,2025-02-15,Dinas Kependudukan dan Pencatatan Sipil,DK,hadir,Rina,Perekaman KTP-el,40',
      '2,2025-02-15,Dinas Kependudukan dan Pencatatan Sipil,DK,hadir,Rina,Kartu Keluarga,10',
      '2,2025-02-15,Kepolisian Sektor Mayangan,Polsek,hadir,,SKCK,25',
      '2,2025-02-15,Puskesmas Jati,Pusk,hadir,,Pengobatan gratis,30',
      '2,2025-02-15,UMKM Kecamatan Mayangan,UMKM,tidak-hadir,,,',
    ]);
  });

  it('the year PDF carries the same figures (pdftotext), a chart, and is byte-identical on re-run', () => {
    const pdf = path.join(dir, 'laporan-2025.pdf');
    const r = ok(['bazar', 'laporan', '--tahun', '2025', '--out', pdf]);
    expect(r.stderr).toContain('Laporan bazar 2025 ditulis ke');
    const text = pdfText(pdf);
    expect(text).toContain('LAPORAN BAZAR PELAYANAN');
    expect(text).toContain('Kecamatan Kemlagi, Kabupaten Mojokerto');
    expect(text).toContain('Tahun 2025');
    expect(text).toMatch(/Acara\s+6 \(4 terlaksana, 1 rencana, 1 batal\)/);
    expect(text).toMatch(/Kehadiran instansi\s+12 dari 15 undangan \(80,0%\)/);
    expect(text).toMatch(/Warga dilayani\s+495 \(rata-rata 123,8 per acara terlaksana\)/);
    // Chart labels: a value above each terlaksana bar, the date and "hadir X dari Y" below.
    expect(text).toMatch(/15 Feb\s+12 Apr\s+14 Jun\s+16 Agu\s+11 Okt\s+13 Des/);
    expect(text).toMatch(/hadir 3 dari 4\s+hadir 3 dari 4\s+hadir 2 dari 3\s+hadir 4 dari 4/);
    expect(text).toMatch(/Kepolisian Sektor Mayangan \(Polsek\)\s+TNI\/Polri\s+4\s+3\s+1\s+75,0%\s+100/);
    expect(text).toMatch(/UMKM Kecamatan Mayangan \(UMKM\)\s+UMKM\s+3\s+2\s+1\s+66,7%\s+90/);
    expect(text).toMatch(/Jumlah\s+15\s+12\s+2\s+80,0%\s+495/);
    expect(text).toMatch(/Perekaman KTP-el\s+DK\s+4\s+185/);
    expect(text).toMatch(/Kartu Keluarga\s+DK\s+3\s+45/);
    expect(text).toMatch(/#7\s+Sabtu, 13 Desember 2025/);
    expect(text).toContain('Camat Kemlagi');
    expect(pdfInfo(pdf).Title).toBe('Laporan Bazar Pelayanan 2025 — Kecamatan Kemlagi');
    // Footers are drawn inside the margin: no page is added for them.
    expect(pdfPages(pdf)).toBe(2);
    expect(pdfText(pdf, { page: 2 })).toContain('halaman 2');
    // The page renders (a real raster, not an empty page).
    const png = renderPage(pdf, 1, dir, { dpi: 50 });
    expect(fs.statSync(png).size).toBeGreaterThan(5000);
    const again = path.join(dir, 'laporan-2025-lagi.pdf');
    ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'pdf', '--out', again]);
    expect(fileHash(again)).toBe(fileHash(pdf));
  });

  it('the event report PDF lists the roster with per-service counts', () => {
    const pdf = path.join(dir, 'acara-3.pdf');
    ok(['bazar', 'laporan', '--acara', '3', '--out', pdf]);
    const text = pdfText(pdf);
    expect(text).toContain('Sabtu, 12 April 2025');
    expect(text).toMatch(/Kehadiran instansi\s+3 dari 4 diundang \(75,0%\)/);
    expect(text).toMatch(/Dinas Kependudukan dan Pencatatan\s+hadir\s+Perekaman KTP-el\s+35/);
    expect(text).toMatch(/Kartu Keluarga\s+15/);
    expect(text).toMatch(/Kepolisian Sektor Mayangan \(Polsek\)\s+tidak hadir/);
    expect(text).toMatch(/Jumlah\s+120/);
    // The shared signature block: place and date, Camat …, NIP grouped (when the profile has one).
    expect(text).toMatch(/\d{1,2} \S+ 20\d\d\s+Camat/);
    const nip = /NIP\.? ([\d ]+)/.exec(text);
    if (nip) expect(nip[1].trim()).toMatch(/^\d{8} \d{6} \d \d{3}$/);
  });

  it('daftar-hadir prints the expected agencies with their services and a signature column', () => {
    const pdf = path.join(dir, 'daftar-hadir-7.pdf');
    const r = patenJson(['bazar', 'daftar-hadir', '7', '--out', pdf], { db });
    expect(r).toMatchObject({ acara: 7, instansi: 4 });
    // The operator's next command is on the terminal, not on the printed form.
    expect(paten(['bazar', 'daftar-hadir', '7', '--out', pdf], { db }).stderr).toContain('paten bazar catat 7 --file hasil.csv');
    const text = pdfText(pdf);
    expect(text).toContain('DAFTAR HADIR INSTANSI — BAZAR PELAYANAN');
    expect(text).toMatch(/Hari, tanggal\s+Sabtu, 13 Desember 2025/);
    expect(text).toMatch(/No\s+Instansi\s+Layanan\s+Nama petugas\s+Jumlah\s+Tanda tangan\s+dilayani/);
    expect(text).toMatch(/Dinas Kependudukan dan Pencatatan\s+Perekaman KTP-el/);
    expect(text).toContain('Kartu Keluarga');
    expect(text).toMatch(/Kepolisian Sektor Mayangan \(Polsek\)\s+SKCK/);
    expect(text).not.toContain('paten bazar');
    expect(text).toMatch(/Serahkan lembar ini\s+kepada panitia kecamatan/);
    expect(pdfPages(pdf)).toBe(1);
    expect(pdfInfo(pdf)['Page size']).toMatch(/841\.89 x 595\.28/);
    // An agency that cancelled is left off the sheet for its event.
    const p5 = path.join(dir, 'daftar-hadir-5.pdf');
    ok(['bazar', 'daftar-hadir', '5', '--out', p5]);
    expect(pdfText(p5)).not.toContain('Puskesmas Jati');
  });

  it('report and sheet errors: Indonesian messages, exit 1, nothing written', () => {
    const before = fileHash(db);
    expectUserError(paten(['bazar', 'laporan', '--format', 'pdf'], { db }), /Laporan PDF perlu nama berkas: berikan argumen --out/);
    expectUserError(paten(['bazar', 'laporan', '--format', 'docx'], { db }), /Format "docx" tidak dikenal \(argumen --format\)/);
    expectUserError(paten(['bazar', 'laporan', '--out', path.join(dir, 'x.txt')], { db }), /harus berakhiran \.pdf atau \.csv/);
    expectUserError(paten(['bazar', 'laporan', '--tahun', 'dua ribu'], { db }), /Nilai "dua ribu" untuk --tahun harus bilangan bulat/);
    expectUserError(paten(['bazar', 'laporan', '--acara', '99'], { db }), /Acara bazar tidak ditemukan: "99"/);
    expectUserError(paten(['bazar', 'laporan', '--format', 'csv', '--tabel', 'grafik'], { db }), /Tabel "grafik" tidak dikenal/);
    expectUserError(paten(['bazar', 'daftar-hadir', '4', '--out', path.join(dir, 'dh4.pdf')], { db }), /Acara #4 berstatus batal/);
    expectUserError(paten(['bazar', 'daftar-hadir', '7'], { db }), /--out/);
    expectUserError(paten(['bazar', 'laporan', '--tahun', '2025', '--out', path.join(dir, 'tidak-ada', 'l.pdf')], { db }), /folder tidak ada/);
    expect(fs.existsSync(path.join(dir, 'dh4.pdf'))).toBe(false);
    expect(fileHash(db)).toBe(before);
  });
});

describe('paten demo: bazar step', () => {
  it('builds a sample bazar year and writes its report, CSV and attendance sheet, identical on every run', { tags: ['lambat'] }, () => {
    const outs = ['demo-a', 'demo-b'].map((d) => path.join(dir, d));
    const runs = outs.map((out) => patenJson(['demo', '--out', out]));
    const step = runs[0].langkah.find((s: any) => s.langkah.startsWith('Bazar pelayanan'));
    expect(step.ringkasan).toMatch(/^17 instansi, 6 acara 2025 \(5 terlaksana, 1 batal\), kehadiran \d+,\d%, [\d.]+ warga dilayani; Pusk\. Jati membawa layanan baru Imunisasi pada 18 Oktober 2025$/);
    expect(step.berkas.map((f: string) => path.basename(f))).toEqual(['laporan-bazar-2025.pdf', 'laporan-bazar-2025-instansi.csv', 'daftar-hadir-bazar-2025-12-13.pdf']);
    for (const f of step.berkas) expect(fileHash(f)).toBe(fileHash(path.join(outs[1], path.basename(f))));
    // The report agrees with the demo database.
    const l = patenJson(['bazar', 'laporan', '--tahun', '2025'], { db: path.join(outs[0], 'paten-demo.db') });
    const text = pdfText(step.berkas[0]);
    expect(text).toContain(`${l.ringkasan.hadir} dari ${l.ringkasan.diundang} undangan`);
    expect(l.ringkasan).toMatchObject({ acara: 6, terlaksana: 5, batal: 1 });
    expect(l.instansi).toHaveLength(17);
    // The service brought on the day is counted for that event, and stays off the usual list.
    expect(l.layanan.find((s: any) => s.layanan === 'Imunisasi')).toEqual({ layanan: 'Imunisasi', instansi: ['Pusk. Jati'], acara: 1, dilayani: 27 });
    expect(patenJson(['bazar', 'instansi', 'show', 'Pusk. Jati'], { db: path.join(outs[0], 'paten-demo.db') }).layanan.map((x: any) => x.nama)).toEqual(['Pemeriksaan kesehatan', 'Pengobatan gratis']);
    expect(pdfText(step.berkas[2])).toContain('Perekaman KTP-el');
    // 17 agencies do not fit one landscape page: the column headers repeat on every page.
    const pages = pdfPages(step.berkas[2]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) expect(pdfText(step.berkas[2], { page: p })).toMatch(/Nama petugas[\s\S]*halaman \d/);
  });
});
