import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, ROOT, sampleDb, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { formsCsv, query, storedRows, writeFile, FORMS_HEADER, LABELS, QUESTIONS } from '../helpers/survey.js';

const FIX = path.join(ROOT, 'tests', 'fixtures', 'survey');
const dir = tempDir('paten-survey-');
afterAll(() => cleanup(dir));
/** A fresh copy of the Kemlagi sample database. */
const freshDb = sampleDbCopies(dir);

interface Expected {
  line: number;
  tanggal: string;
  waktu: string | null;
  jawaban: Record<string, number | null>;
  saran: string | null;
}

describe('survey import: round trip of real-looking exports', () => {
  for (const fixture of ['google-forms-id', 'excel-semicolon-bom-crlf', 'letters-tab', 'windows-1252']) {
    it(`${fixture}: stored answers, dates and saran equal the file's`, () => {
      const db = freshDb();
      const file = path.join(FIX, `${fixture}.csv`);
      const r = patenJson(['survey', 'import', file], { db });
      const expected = JSON.parse(fs.readFileSync(path.join(FIX, `${fixture}.expected.json`), 'utf8')) as Expected[];
      expect(r.berkas[0].batch).toBe(1);
      expect(r.berkas[0].baris).toBe(expected.length);
      const rows = storedRows(db);
      expect(rows.map((x) => ({
        line: x.line,
        tanggal: x.tanggal,
        waktu: x.waktu,
        saran: x.saran,
        jawaban: Object.fromEntries(Object.keys(expected[0].jawaban).map((k) => [k, x[`u_${k}`]])),
      }))).toEqual(expected.map((e) => ({ line: e.line, tanggal: e.tanggal, waktu: e.waktu, saran: e.saran, jawaban: e.jawaban })));
      // The per-batch aggregates agree with the rows (n excludes blanks, Σ of scores).
      const agg = query(db, 'SELECT SUM(responden) r, SUM(n_waktu) n, SUM(s_waktu) s, SUM(n_pengaduan) np FROM survey_agg WHERE batch_id = 1')[0];
      expect(agg.r).toBe(expected.length);
      expect(agg.n).toBe(expected.filter((e) => e.jawaban.waktu !== null).length);
      expect(agg.s).toBe(expected.reduce((a, e) => a + (e.jawaban.waktu ?? 0), 0));
      expect(agg.np).toBe(expected.filter((e) => e.jawaban.pengaduan !== null).length);
    });
  }

  it('reports which rule mapped each column, matches layanan and desa, and keeps unmatched text', () => {
    const db = freshDb();
    const r = patenJson(['survey', 'import', path.join(FIX, 'google-forms-id.csv'), '--sumber', 'Google Form loket'], { db });
    const f = r.berkas[0];
    expect(f.encoding).toBe('utf-8');
    expect(f.pemisah).toBe(',');
    const byCol = Object.fromEntries(f.pemetaan.map((p: any) => [p.kolom, p]));
    expect(byCol[1]).toMatchObject({ target: 'tanggal', aturan: 'judul' });
    // Question 8 of the form is sarana and question 9 pengaduan: mapped by meaning.
    expect(byCol[15]).toMatchObject({ target: 'sarana', aturan: 'judul', nama: 'U9 Sarana dan Prasarana' });
    expect(byCol[16]).toMatchObject({ target: 'pengaduan', aturan: 'judul', nama: 'U8 Penanganan Pengaduan, Saran dan Masukan' });
    expect(f.layanan_tidak_cocok.map((x: any) => x.teks)).toEqual(['Konsultasi pajak']);
    const lay = query(db, `SELECT r.layanan_teks t, l.slug FROM survey_response r LEFT JOIN layanan l ON l.id = r.layanan_id GROUP BY r.layanan_teks ORDER BY t`);
    const slugOf = Object.fromEntries(lay.map((x: any) => [x.t, x.slug]));
    expect(slugOf['Pembuatan KTP']).toBe('ktp-el');
    expect(slugOf['Legalisir']).toBe('legalisasi-dokumen');
    expect(slugOf['Surat Pindah']).toBe('pindah-datang');
    expect(slugOf['Surat Keterangan Tidak Mampu (SKTM)']).toBe('sktm');
    expect(slugOf['Konsultasi pajak']).toBeNull();
    expect(query(db, 'SELECT COUNT(*) c FROM survey_response WHERE desa_id IS NULL')[0].c).toBe(0);
    const list = patenJson(['survey', 'list'], { db });
    expect(list).toMatchObject([{ id: 1, berkas: 'google-forms-id.csv', baris: 40, sumber: 'Google Form loket' }]);
    expect(list[0].pemetaan.find((m: any) => m.kolom === 16)).toMatchObject({ target: 'pengaduan', aturan: 'judul' });
  });

  it('a human summary names the batch, the mapping rules and the unmatched layanan', () => {
    const db = freshDb();
    const r = paten(['survey', 'import', path.join(FIX, 'letters-tab.csv')], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('letters-tab.csv: 25 baris');
    expect(r.stderr).toContain('diimpor sebagai batch 1');
    expect(r.stdout).toMatch(/P8\s+U8 Penanganan Pengaduan, Saran dan Masukan\s+kode \(urutan profil\)/);
    expect(r.stderr).toContain('"Konsultasi pajak"');
  });

  it('bare codes follow the profile: with urutan kuesioner P8 is sarana', () => {
    const db = freshDb();
    expect(paten(['profil', 'set', '--urutan-unsur', 'kuesioner'], { db }).code).toBe(0);
    const r = patenJson(['survey', 'import', '--dry-run', path.join(FIX, 'letters-tab.csv')], { db });
    const p8 = r.berkas[0].pemetaan.find((p: any) => p.judul === 'P8');
    expect(p8).toMatchObject({ target: 'sarana', aturan: 'kode', nama: 'U8 Sarana dan Prasarana' });
  });

  it('1 January 05:58 GMT+7 is stored as 1 January, and month-first files are recognised', () => {
    const db = freshDb();
    const text = ['Timestamp,' + FORMS_HEADER.slice(1).map((h) => `"${h}"`).join(','),
      `2024/01/01 5:58:00 AM GMT+7,Laki-laki,40,KTP,Betro,${QUESTIONS.map(() => '4').join(',')},`,
      `12/31/2023 11:58:00 PM GMT+7,Laki-laki,40,KTP,Betro,${QUESTIONS.map(() => '3').join(',')},`].join('\r\n') + '\r\n';
    patenJson(['survey', 'import', writeFile(dir, 'forms-en.csv', text)], { db });
    expect(storedRows(db).map((x) => [x.tanggal, x.waktu])).toEqual([['2024-01-01', '05:58:00'], ['2023-12-31', '23:58:00']]);
  });

  it('--encoding overrides detection; --format-tanggal overrides the date order; a wrong order is explained', () => {
    const db = freshDb();
    const file = path.join(FIX, 'windows-1252.csv');
    // Read as UTF-8 on purpose: the file is not valid UTF-8, and that is said.
    const bad = paten(['survey', 'import', '--dry-run', '--encoding', 'utf-8', file], { db });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('windows-1252.csv: berkas bukan teks UTF-8 yang valid (argumen --encoding)');
    const ok = patenJson(['survey', 'import', '--dry-run', '--encoding', 'cp1252', file], { db });
    expect(ok.berkas[0].encoding).toBe('windows-1252');
    // A UTF-16 file (Excel "Unicode Text") is recognised by its mark; a contradicting --encoding is refused.
    const text = formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]).replace(/,/g, '\t');
    const u16 = writeFile(dir, 'unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(patenJson(['survey', 'import', '--dry-run', u16], { db }).berkas[0].encoding).toBe('utf-16le');
    const clash = paten(['survey', 'import', '--dry-run', '--encoding', 'windows-1252', u16], { db });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('diawali penanda UTF-16');
    const rows = (d: string) => formsCsv([{ ts: '03/04/2024 10.00.00', cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }, { ts: d, cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]);
    const us = patenJson(['survey', 'import', '--dry-run', '--format-tanggal', 'mdy', writeFile(dir, 'us.csv', rows('04/05/2024 10.00.00'))], { db });
    expect(us.berkas[0].periode).toEqual({ dari: '2024-03-04', sampai: '2024-04-05' });
    const wrong = paten(['survey', 'import', '--dry-run', '--format-tanggal', 'dmy', writeFile(dir, 'us2.csv', rows('04/25/2024 10.00.00'))], { db });
    expect(wrong.stderr).toContain('us2.csv, baris 3, kolom 1: tanggal "04/25/2024 10.00.00" tidak dapat dibaca sebagai hari/bulan/tahun; terbaca bila bulan/hari/tahun (pilih dengan --format-tanggal mdy)');
  });

  it('an Excel sheet with a title row above the header: the header is found, lines stay exact', () => {
    const db = freshDb();
    const text = [
      'DATA SURVEI KEPUASAN MASYARAKAT KECAMATAN KEMLAGI;;;;;;;;;;',
      'Periode: Januari–Juni 2024;;;;;;;;;;',
      ';;;;;;;;;;',
      'Tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran',
      '02/01/2024;4;4;3;4;4;4;4;4;3;',
      '03/01/2024;3;3;3;4;3;3;3;2;3;"ruang tunggu;\r\nsempit"',
      '04/01/2024;4;4;4;4;4;4;4;5;4;',
    ].join('\r\n');
    const err = paten(['survey', 'import', writeFile(dir, 'judul-atas.csv', '\uFEFF' + text + '\r\n')], { db });
    expect(err.stderr).toContain('judul-atas.csv, baris 8, kolom 9: nilai "5" untuk U8 Pengaduan di luar skala 1–4');
    const ok = patenJson(['survey', 'import', writeFile(dir, 'judul-atas-2.csv', text.replace(';5;', ';4;'))], { db });
    expect(ok.berkas[0].baris).toBe(3);
    expect(storedRows(db).map((r) => [r.line, r.tanggal, r.u_pengaduan, r.saran])).toEqual([
      [5, '2024-01-02', 4, null],
      [6, '2024-01-03', 2, 'ruang tunggu;\r\nsempit'],
      [8, '2024-01-04', 4, null],
    ]);
  });

  it('blank answers are stored as missing and excluded from n; --layanan fills a file without layanan', () => {
    const db = freshDb();
    const header = ['Tanggal', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
    const text = [header.join(';'), '01/02/2024;4;;3;4;4;4;4;4;4', '02/02/2024;3;3;3;;3;3;3;3;3'].join('\n');
    const r = patenJson(['survey', 'import', '--layanan', 'sktm', writeFile(dir, 'blank.csv', text)], { db });
    expect(r.berkas[0].jawaban.prosedur).toEqual({ '1': 0, '2': 0, '3': 1, '4': 0, kosong: 1 });
    const rows = storedRows(db);
    expect(rows[0].u_prosedur).toBeNull();
    expect(rows[1].u_biaya).toBeNull();
    expect(query(db, 'SELECT SUM(n_prosedur) n, SUM(s_prosedur) s FROM survey_agg')[0]).toEqual({ n: 1, s: 3 });
    expect(query(db, 'SELECT DISTINCT l.slug FROM survey_response r JOIN layanan l ON l.id = r.layanan_id').map((x: any) => x.slug)).toEqual(['sktm']);
  });
});

describe('survey import: duplicates, list, remove, dry run', () => {
  it('refuses the same file twice naming the batch, and reports rows identical to stored ones', () => {
    const db = freshDb();
    const file = path.join(FIX, 'google-forms-id.csv');
    patenJson(['survey', 'import', file], { db });
    const before = fileHash(db);
    const again = paten(['survey', 'import', file], { db });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah diimpor sebagai batch 1');
    expect(again.stderr).toContain('paten survey remove 1');
    expect(fileHash(db)).toBe(before);
    // Same rows in a different file (an extra blank line at the end): every row is already stored
    // (they carry a time of day), so nothing new is stored and no empty batch is made.
    const copy = writeFile(dir, 'copy.csv', fs.readFileSync(file, 'utf8') + '\n');
    const r = patenJson(['survey', 'import', copy], { db });
    expect(r.berkas[0]).toMatchObject({ baris: 40, baru: 0, batch: null });
    expect(r.berkas[0].baris_sama).toMatchObject({ jumlah: 40, dilewati: 40, tanpa_jam: 0, per_batch: [{ batch: 1, berkas: null, jumlah: 40 }] });
    expect(r.berkas[0].baris_sama.contoh[0]).toEqual({ baris: 2, batch: 1, berkas: null, baris_tersimpan: 2 });
    expect(fileHash(db)).toBe(before);
  });

  it('list shows batches; remove undoes one (asks, or needs --yes without a terminal)', () => {
    const db = freshDb();
    patenJson(['survey', 'import', path.join(FIX, 'letters-tab.csv')], { db });
    patenJson(['survey', 'import', path.join(FIX, 'windows-1252.csv')], { db });
    const list = paten(['survey', 'list'], { db });
    expect(list.stdout).toMatch(/1\s+letters-tab\.csv\s+25\s+\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d\d\.\d\d/);
    expect(list.stdout).toMatch(/2\s+windows-1252\.csv\s+20/);
    const noYes = paten(['survey', 'remove', '1'], { db });
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toContain('--yes');
    const rm = paten(['survey', 'remove', '1', '--yes'], { db });
    expect(rm.code).toBe(0);
    expect(rm.stderr).toContain('Batch 1 (letters-tab.csv) dihapus: 25 baris');
    expect(query(db, 'SELECT DISTINCT batch_id b FROM survey_response')).toEqual([{ b: 2 }]);
    expect(query(db, 'SELECT DISTINCT batch_id b FROM survey_agg')).toEqual([{ b: 2 }]);
    expect(paten(['survey', 'remove', '9', '--yes'], { db }).stderr).toContain('Batch 9 tidak ditemukan');
    // After removal the same file can be imported again.
    expect(patenJson(['survey', 'import', path.join(FIX, 'letters-tab.csv')], { db }).berkas[0].batch).toBe(3);
  });

  it('--dry-run shows mapping, counts and problems and writes nothing', () => {
    const db = freshDb();
    const before = fileHash(db);
    const r = patenJson(['survey', 'import', '--dry-run', path.join(FIX, 'excel-semicolon-bom-crlf.csv')], { db });
    expect(r.uji_coba).toBe(true);
    expect(r.berkas[0].batch).toBeNull();
    expect(r.berkas[0].baris).toBe(30);
    expect(r.berkas[0].pemetaan.find((p: any) => p.judul === 'U8 (Sarana & Prasarana)')).toMatchObject({ target: 'sarana', aturan: 'judul' });
    expect(r.berkas[0].jawaban.waktu.kosong).toBe(1);
    expect(fileHash(db)).toBe(before);
    const human = paten(['survey', 'import', '--dry-run', path.join(FIX, 'excel-semicolon-bom-crlf.csv')], { db });
    expect(human.stdout).toMatch(/U3\s+Waktu Penyelesaian(\s+\d+){4}\s+1/);
    expect(human.stderr).toContain('tidak ada yang ditulis');
    const bad = writeFile(dir, 'dry-bad.csv', formsCsv([{ cells: [4, 4, '7', 4, 4, 4, 4, 4, 4] }]));
    const dry = paten(['survey', 'import', '--dry-run', bad], { db });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('Dipetakan ke');
    expect(dry.stderr).toContain('dry-bad.csv, baris 2, kolom 8: nilai "7" untuk U3 Waktu di luar skala 1–4');
    expect(fileHash(db)).toBe(before);
    expect(storedRows(db)).toEqual([]);
  });
});

describe('survey import: bad input never writes anything', () => {
  let db: string;
  let before: string;
  beforeAll(() => {
    db = freshDb();
    patenJson(['survey', 'import', path.join(FIX, 'letters-tab.csv')], { db });
    before = fileHash(db);
  });

  function refused(name: string, content: string | Buffer, args: string[] = []) {
    const file = writeFile(dir, name, content);
    const r = paten(['survey', 'import', file, ...args], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(fileHash(db)).toBe(before);
    expect(query(db, 'SELECT COUNT(*) c FROM survey_batch')[0].c).toBe(1);
    return r.stderr;
  }

  it('an answer 5 or 0, an unknown label, a label of another unsur: file, line, column and value, all listed', () => {
    const err = refused('values.csv', formsCsv([
      { cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { cells: ['5', 4, 4, 4, 4, 4, 4, 4, 4] },
      { cells: [4, 4, 4, '0', 4, 4, 4, 4, 4] },
      { cells: ['Gratis', 4, 4, 4, 4, 4, 4, 4, 4] },
      { cells: [4, 4, 4, 4, 4, 4, 4, 'Lumayan', 4], saran: 'baris\ndua' },
      { cells: [4, 4, 4, 4, 4, 4, 4, 4, 'Baik'] },
    ]));
    expect(err).toContain('values.csv tidak diimpor: tidak ada yang disimpan (5 masalah)');
    expect(err).toContain('values.csv, baris 3, kolom 6: nilai "5" untuk U1 Persyaratan di luar skala 1–4');
    expect(err).toContain('values.csv, baris 4, kolom 9: nilai "0" untuk U4 Biaya di luar skala 1–4');
    expect(err).toContain('values.csv, baris 5, kolom 6: jawaban "Gratis" bukan label U1 Persyaratan');
    expect(err).toContain('values.csv, baris 6, kolom 13: jawaban "Lumayan" bukan label U9 Sarana');
    // The saran of line 6 spans two lines, so the next record starts on line 8.
    expect(err).toContain('values.csv, baris 8, kolom 14: jawaban "Baik" bukan label U8 Pengaduan');
  });

  it('a mapping profile asked for with a failing import is not saved either', () => {
    refused('profil-gagal.csv', formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 'x'] }]), ['--simpan-profil', 'gagal']);
    expect(query(db, 'SELECT COUNT(*) c FROM survey_mapping_profil')[0].c).toBe(0);
  });

  it('a 1–5 scale is refused with an explanation, not rescaled', () => {
    const rows = [1, 2, 3, 4, 5].map((v) => ({ cells: [v, v, v, v, v, v, v, v, v].map(String) }));
    const err = refused('skala5.csv', formsCsv(rows));
    expect(err).toContain('memakai skala 1–5');
    expect(err).toContain('PermenPANRB 14/2017');
    expect(err).toContain('tidak mengubah skala');
    const six = refused('skala6.csv', formsCsv([1, 3, 6, 6].map((v) => ({ cells: Array(9).fill(String(v)) }))));
    expect(six).toContain('memakai skala 1–6 (nilai 5 atau 6 ada di 9 kolom unsur, 18 jawaban; pertama di baris 4, kolom 6)');
    // Five-option labels: explained first, above the list of unknown labels (which runs past the limit).
    const five = Array.from({ length: 60 }, () => ({ cells: Array(9).fill('Sangat tidak puas') }));
    const fiveErr = refused('lima-pilihan.csv', formsCsv(five));
    expect(fiveErr).toMatch(/Galat: .*\n  - lima-pilihan\.csv: jawaban "Sangat tidak …" ada di 9 kolom unsur: kuesioner ini tampaknya memakai 5 pilihan jawaban/);
    expect(fiveErr).toContain('… dan 491 masalah lain');
    // One stray 6 in a 1–4 file is a bad value at its place, not a scale.
    const stray = refused('nyasar.csv', formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }, { cells: [4, 4, 4, 4, 4, 4, '6', 4, 4] }]));
    expect(stray).toContain('nyasar.csv, baris 3, kolom 12: nilai "6" untuk U7 Perilaku di luar skala 1–4');
    expect(stray).not.toContain('memakai skala');
  });

  it('a missing unsur column lists the unmapped unsur, the columns and the --map to pass', () => {
    const header = FORMS_HEADER.filter((h) => !h.startsWith('3.'));
    const row = ['19/11/2023 14.03.10', 'L', '30', 'KTP', 'Betro', ...QUESTIONS.filter((q) => q[0] !== 'waktu').map((q) => LABELS[q[0]][3]), ''];
    const err = refused('kurang.csv', [header, row].map((r) => r.map((v) => `"${v}"`).join(',')).join('\n'));
    expect(err).toContain('kurang.csv: belum ada kolom untuk U3 Waktu Penyelesaian');
    expect(err).toContain('Kolom di kurang.csv: 1 "Stempel waktu"');
    expect(err).toContain('--map U3=KOLOM');
  });

  it('two columns both mapping to U3', () => {
    const text = 'U1,U2,U3 Waktu,Kecepatan waktu,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4,4\n';
    const err = refused('dua-u3.csv', text);
    expect(err).toContain('kolom 3 "U3 Waktu" dan kolom 4 "Kecepatan waktu" sama-sama terpetakan ke U3 Waktu Penyelesaian');
  });

  it('an empty file, a header-only file and a binary file', () => {
    expect(refused('kosong.csv', '')).toContain('kosong.csv: berkas kosong');
    expect(refused('spasi.csv', '\uFEFF\r\n\r\n')).toContain('spasi.csv: berkas kosong');
    expect(refused('judul.csv', FORMS_HEADER.join(',') + '\r\n')).toContain('judul.csv: berkas hanya berisi baris judul kolom');
    expect(refused('data.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]))).toContain('rusak atau terpotong');
  });

  it('a truncated last line (missing columns or an open quote)', () => {
    const full = formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }, { cells: [3, 3, 3, 3, 3, 3, 3, 3, 3] }]);
    const cut = full.slice(0, full.lastIndexOf('Sopan'));
    expect(refused('potong.csv', cut)).toMatch(/potong\.csv, baris 3: baris ini berisi 12 kolom, sedangkan judul berisi 15 kolom \(baris terakhir terpotong\?\)/);
    const open = formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]) + '19/11/2023 10.00.00,P,30,KTP,Betro,Sesuai,"Mudah';
    expect(refused('kutip.csv', open)).toContain('kutip.csv, baris 3: tanda kutip (") dibuka di sini tetapi tidak pernah ditutup');
  });

  it('a row that only lacks its trailing empty cells (a blank saran without its ";") is read as blank', () => {
    const sub = path.join(dir, 'pendek');
    fs.mkdirSync(sub);
    const db = sampleDb(sub);
    const file = writeFile(dir, 'pendek.csv', 'Tanggal;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran\n19/11/2025;4;4;4;4;4;4;4;4;4;bagus\n20/11/2025;3;3;3;3;3;3;3;3;3\n');
    const r = patenJson(['survey', 'import', file], { db });
    expect(r.berkas[0].baris).toBe(2);
    expect(storedRows(db).map((x) => [x.u_persyaratan, x.saran])).toEqual([[4, 'bagus'], [3, null]]);
  });

  it('a date that cannot be read; a row with every unsur blank is not a problem', () => {
    const err = refused('tgl.csv', formsCsv([
      { ts: '31/02/2023 10.00.00', cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { ts: 'kemarin', cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
      { cells: ['', '', '', '', '', '', '', '', ''], saran: 'hanya saran' },
    ]));
    expect(err).toContain('tgl.csv, baris 2, kolom 1: tanggal "31/02/2023 10.00.00" tidak dapat dibaca');
    expect(err).toContain('tgl.csv, baris 3, kolom 1: tanggal "kemarin" tidak dapat dibaca');
    expect(err).not.toContain('baris 4');
  });

  it('lists problems up to a limit and counts the rest', () => {
    const rows = Array.from({ length: 80 }, () => ({ cells: [4, 4, 4, 4, 4, 4, 4, 4, 'Mantap'] as (number | string)[] }));
    const err = refused('banyak.csv', formsCsv(rows));
    expect(err).toContain('(80 masalah)');
    expect(err).toContain('… dan 30 masalah lain');
  });

  it('several files are all-or-nothing: one bad file imports none', () => {
    const good = writeFile(dir, 'baik.csv', formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]));
    const bad = writeFile(dir, 'buruk.csv', formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 'x'] }]));
    const r = paten(['survey', 'import', good, bad], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('buruk.csv, baris 2, kolom 14');
    expect(fileHash(db)).toBe(before);
  });

  it('the same file twice in one command is refused', () => {
    const good = writeFile(dir, 'sekali.csv', formsCsv([{ cells: [4, 4, 4, 4, 4, 4, 4, 4, 4] }]));
    const r = paten(['survey', 'import', good, good], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sekali.csv sama persis dengan sekali.csv di perintah yang sama');
    expect(fileHash(db)).toBe(before);
    const unknown = paten(['survey', 'import', good, '--layanan', 'paspor'], { db });
    expect(unknown.stderr).toContain('Layanan "paspor" tidak ada di katalog (argumen --layanan)');
    expect(fileHash(db)).toBe(before);
  });
});

describe('survey import: explicit mappings and saved profiles', () => {
  const header = ['Waktu isi', 'Nilai A', 'Nilai B', 'Nilai C', 'Nilai D', 'Nilai E', 'Nilai F', 'Nilai G', 'Nilai H', 'Nilai I'];
  const text = [header.join(','), '20/11/2023,4,3,4,2,4,3,4,Baik,Tidak ada', '21/11/2023,3,3,3,3,3,3,3,Cukup,Dikelola dengan baik'].join('\n') + '\n';

  it('without a terminal an incomplete mapping fails with the --map hint; --map and --simpan-profil fix it; --profil reuses it', () => {
    const db = freshDb();
    const file = writeFile(dir, 'tanpa-judul.csv', text);
    const fail = paten(['survey', 'import', file], { db });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain('belum ada kolom untuk U1 Persyaratan, U2 Sistem, Mekanisme, dan Prosedur, U3 Waktu Penyelesaian');
    expect(fail.stderr).toContain('--map U1=KOLOM,U2=KOLOM,U3=KOLOM,U4=KOLOM,U5=KOLOM,U6=KOLOM,U7=KOLOM');
    // Sarana and pengaduan are already found by their labels.
    expect(fail.stderr).not.toContain('belum ada kolom untuk U1 Persyaratan, U2 Sistem, Mekanisme, dan Prosedur, U3 Waktu Penyelesaian, U4 Biaya/Tarif, U5 Produk Spesifikasi Jenis Pelayanan, U6 Kompetensi Pelaksana, U7 Perilaku Pelaksana, U8');
    const ok = patenJson(['survey', 'import', file, '--map', 'tanggal=1,U1=2,U2=3,U3=4', '--map', 'U4=Nilai D,U5=6,U6=7,U7=8', '--simpan-profil', 'form-lama'], { db });
    const rules = Object.fromEntries(ok.berkas[0].pemetaan.map((p: any) => [p.judul, `${p.target}/${p.aturan}`]));
    expect(rules).toMatchObject({ 'Waktu isi': 'tanggal/peta', 'Nilai D': 'biaya/peta', 'Nilai H': 'sarana/label', 'Nilai I': 'pengaduan/label' });
    expect(storedRows(db).map((r) => [r.u_biaya, r.u_sarana, r.u_pengaduan])).toEqual([[2, 3, 1], [3, 2, 4]]);
    const profiles = patenJson(['survey', 'profil'], { db });
    expect(profiles[0].nama).toBe('form-lama');
    const next = writeFile(dir, 'tanpa-judul-2.csv', text.replace('20/11/2023', '22/11/2023').replace('21/11/2023', '23/11/2023'));
    const reuse = patenJson(['survey', 'import', next, '--profil', 'form-lama'], { db });
    expect(reuse.berkas[0].pemetaan.find((p: any) => p.judul === 'Nilai A')).toMatchObject({ target: 'persyaratan', aturan: 'profil' });
    expect(paten(['survey', 'import', next, '--profil', 'tidak-ada'], { db }).stderr).toContain('Profil pemetaan "tidak-ada" tidak ditemukan');
  });

  it('--map naming a column that does not exist is an error naming it', () => {
    const db = freshDb();
    const file = writeFile(dir, 'peta-salah.csv', text);
    const r = paten(['survey', 'import', file, '--map', 'U1=Kolom Hilang'], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kolom "Kolom Hilang" (--map untuk U1 Persyaratan) tidak ada di berkas');
  });
});
