// `paten survey import` of Microsoft Forms and Kobo/ODK exports with no --map: the right date column
// (completion time, UTC converted to WIB), group paths, choice codes and metadata columns.
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { query, storedRows, writeFile, LABELS, QUESTIONS } from '../helpers/survey.js';

const dir = tempDir('paten-survey-alat-');
afterAll(() => cleanup(dir));
/** A fresh copy of the Kemlagi sample database. */
const freshDb = sampleDbCopies(dir);

const csv = (rows: string[][], sep = ',') => rows.map((r) => r.map((v) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(sep)).join('\r\n') + '\r\n';
const labels = (scores: number[]) => scores.map((s, i) => LABELS[QUESTIONS[i][0]][s - 1]);

describe('survey import: other form tools, no --map', () => {
  it('Microsoft Forms (saved as CSV by Excel): the completion time is the date, not the start time', () => {
    const db = freshDb();
    const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Jenis kelamin', 'Usia', 'Jenis layanan', 'Desa', ...QUESTIONS.map((q) => q[1]), 'Saran dan masukan'];
    const file = writeFile(dir, 'msforms.csv', csv([
      header,
      ['1', '02/02/2025 23:58', '03/02/2025 00:03', 'anonymous', '', '', 'Perempuan', '41', 'KK', 'Betro', ...labels([4, 4, 3, 4, 3, 3, 4, 3, 2]), ''],
      ['2', '13/02/2025 09:00', '13/02/2025 09:04', 'anonymous', '', '', 'Laki-laki', '29', 'KTP', 'Japanan', ...labels([3, 3, 3, 4, 3, 3, 3, 3, 3]), 'Antrian cepat'],
      ['3', '28/02/2025 15:10', '28/02/2025 15:12', 'anonymous', '', '', 'Perempuan', '55', 'SKTM', 'Betro', ...labels([2, 3, 2, 4, 3, 4, 4, 2, 1]), ''],
    ]));
    const r = patenJson(['survey', 'import', file], { db }).berkas[0];
    expect(r.baris).toBe(3);
    expect(r.kolom_tanggal).toEqual({ kolom: 3, judul: 'Completion time', jenis: 'selesai', alasan: 'waktu selesai', utc: false, dilewati: ['Start time'] });
    expect(r.urutan_tanggal).toBe('dmy');
    expect(r.urutan_tanggal_ditebak).toBe(false);
    expect(r.periode).toEqual({ dari: '2025-02-03', sampai: '2025-02-28' });
    expect(r.kolom_diabaikan).toEqual(['ID', 'Start time', 'Email', 'Name', 'Last modified time']);
    expect(r.jawaban.pengaduan).toEqual({ '1': 1, '2': 1, '3': 1, '4': 0, kosong: 0 });
    expect(r.layanan_tidak_cocok).toEqual([]);
    expect(r.peringatan).toEqual([]);
    expect(storedRows(db).map((x) => [x.tanggal, x.waktu, x.u_sarana])).toEqual([
      ['2025-02-03', '00:03:00', 3],
      ['2025-02-13', '09:04:00', 3],
      ['2025-02-28', '15:12:00', 2],
    ]);
  });

  const KOBO = [
    'start', 'end', 'today', 'deviceid', 'identitas/jenis_kelamin', 'identitas/usia', 'grp_layanan/layanan', 'identitas/desa',
    'bagian_b/q1_persyaratan', 'bagian_b/q2_prosedur', 'bagian_b/q3_waktu', 'bagian_b/q4_biaya', 'bagian_b/q5_produk',
    'bagian_b/q6_kompetensi', 'bagian_b/q7_perilaku', 'bagian_b/q8_sarana', 'bagian_b/q9_pengaduan', 'bagian_c/saran',
    'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '__version__', '_tags', '_index',
  ];
  const kobo = (start: string, end: string, today: string, sub: string, jk: string, answers: string[], i: number) => [
    start, end, today, 'enketo.ee:x1', jk, '33', 'ktp', 'Betro', ...answers, '',
    `uuid:a${i}`, String(100 + i), `a${i}`, sub, '', '', 'submitted_via_web', '', 'vX', '', String(i),
  ];
  const ANSWERS_1 = ['sesuai', 'sangat_mudah', 'cepat', 'gratis', 'sangat_sesuai', 'kompeten', 'sopan_dan_ramah', 'baik', 'dikelola_dengan_baik'];
  const ANSWERS_2 = ['kurang_sesuai', 'mudah', 'kurang_cepat', 'gratis', 'sesuai', 'sangat_kompeten', 'sangat_sopan_dan_ramah', 'cukup', 'ada_tetapi_tidak_berfungsi'];

  it('Kobo CSV (";", group paths, choice names, metadata): end is the date; the midnight submission in UTC does not move it', () => {
    const db = freshDb();
    const file = writeFile(dir, 'kobo.csv', csv([
      KOBO,
      kobo('2025-01-31T23:50:02.000+07:00', '2025-02-01T00:04:40.000+07:00', '2025-01-31', '2025-01-31T17:05:00', 'perempuan', ANSWERS_1, 1),
      kobo('2025-02-03T10:00:00.000+07:00', '2025-02-03T10:06:10.000+07:00', '2025-02-03', '2025-02-03T03:06:30', 'laki_laki', ANSWERS_2, 2),
    ], ';'));
    const r = patenJson(['survey', 'import', file], { db }).berkas[0];
    expect(r.baris).toBe(2);
    expect(r.pemisah).toBe(';');
    expect(r.kolom_tanggal).toEqual({ kolom: 2, judul: 'end', jenis: 'selesai', alasan: 'waktu selesai', utc: false, dilewati: ['start', 'today', '_submission_time'] });
    expect(r.urutan_tanggal_ditebak).toBe(false);
    expect(r.periode).toEqual({ dari: '2025-02-01', sampai: '2025-02-03' });
    expect(r.pemetaan.find((p: { judul: string }) => p.judul === 'grp_layanan/layanan')).toMatchObject({ target: 'layanan', aturan: 'judul' });
    expect(r.pemetaan).toHaveLength(15);
    expect(r.kolom_diabaikan).toEqual(['start', 'today', 'deviceid', 'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '__version__', '_tags', '_index']);
    expect(r.layanan_cocok).toBe(2);
    expect(r.jawaban.persyaratan).toEqual({ '1': 0, '2': 1, '3': 1, '4': 0, kosong: 0 });
    expect(r.jawaban.pengaduan).toEqual({ '1': 0, '2': 1, '3': 0, '4': 1, kosong: 0 });
    expect(r.peringatan).toEqual([]);
    expect(query(db, 'SELECT tanggal, waktu, jenis_kelamin, u_perilaku FROM survey_response ORDER BY line')).toEqual([
      { tanggal: '2025-02-01', waktu: '00:04:40', jenis_kelamin: 'P', u_perilaku: 3 },
      { tanggal: '2025-02-03', waktu: '10:06:10', jenis_kelamin: 'L', u_perilaku: 4 },
    ]);
  });

  it('Kobo without end: _submission_time is read as UTC and stored in WIB, across midnight', () => {
    const db = freshDb();
    const header = KOBO.filter((h) => h !== 'end');
    const row = (sub: string, i: number) => kobo('2025-01-31T23:50:02.000+07:00', '', '2025-01-31', sub, 'perempuan', ANSWERS_1, i).filter((_, j) => j !== 1);
    const file = writeFile(dir, 'kobo-tanpa-end.csv', csv([header, row('2025-01-31T18:30:00', 1), row('2025-02-03T03:06:30', 2)], ';'));
    const r = patenJson(['survey', 'import', file], { db }).berkas[0];
    expect(r.kolom_tanggal).toMatchObject({ judul: '_submission_time', jenis: 'kirim', alasan: 'waktu kirim, UTC diubah ke WIB', utc: true, dilewati: ['start', 'today'] });
    expect(storedRows(db).map((x) => [x.tanggal, x.waktu])).toEqual([
      ['2025-02-01', '01:30:00'],
      ['2025-02-03', '10:06:30'],
    ]);
  });

  it('a database export: short headers, MySQL zero dates stored undated, bare codes named in the warnings', () => {
    const db = freshDb();
    const file = writeFile(dir, 'db.csv', csv([
      ['id', 'tgl_survei', 'jk', 'layanan', 'desa', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'created_at'],
      ['1', '2025-02-03', 'L', 'KTP', 'Betro', '4', '4', '3', '4', '3', '3', '4', '3', '2', '2025-02-03 14:05:00'],
      ['2', '0000-00-00', 'P', 'KK', 'Betro', '3', '3', '3', '4', '3', '3', '3', '3', '3', '0000-00-00 00:00:00'],
    ]));
    const r = patenJson(['survey', 'import', file], { db }).berkas[0];
    expect(r.baris).toBe(2);
    expect(r.kolom_tanggal).toMatchObject({ judul: 'tgl_survei', dilewati: ['created_at'] });
    expect(r.urutan_tanggal_ditebak).toBe(false);
    expect(storedRows(db).map((x) => x.tanggal)).toEqual(['2025-02-03', null]);
    expect(r.peringatan[0]).toMatch(/^9 kolom unsur dipetakan hanya dari kode\/nomornya, menurut urutan definisi: .*--map U9="U8",U8="U9"/);
  });
});
