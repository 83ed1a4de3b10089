// Header layouts and date forms of the tools offices export SKM data from: Google Forms (id/en),
// Microsoft Forms, Kobo/ODK XLSForm exports with groups and metadata, and database exports with short
// column names; dates from each (UTC columns, Excel serials, long Indonesian dates, MySQL zero dates).
import { describe, expect, it } from 'vitest';
import { parseJawaban } from '../../src/survey/jawaban.js';
import { parseStempel, tanggalKosong, tanggalSerialExcel, tentukanUrutan } from '../../src/survey/tanggal.js';
import { kalimatTanggal, kelasJudul, peringatanKode, petakanKolom, unsurDariNilai, type MappingResult, type Target } from '../../src/survey/mapping.js';
import { skorLabel, unsurDariKataSingkat, type UnsurKey } from '../../src/skm/unsur.js';

const Q = [
  '1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
  '2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
  '3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
  '4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
  '5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
  '6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
  '7. Bagamana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
  '8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
  '9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
];
const LABEL = ['Sesuai', 'Mudah', 'Cepat', 'Gratis', 'Sangat sesuai', 'Kompeten', 'Sopan dan ramah', 'Baik', 'Dikelola dengan baik'];
const KUESIONER: UnsurKey[] = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'sarana', 'pengaduan'];

/** header → target of every mapped column, by header text. */
function peta(m: MappingResult): Record<string, Target> {
  return Object.fromEntries(m.kolom.map((k) => [k.judul, k.target]));
}

describe('header layouts of each tool', () => {
  it('Google Forms (Indonesian): nine unsur by meaning, meta columns, the timestamp', () => {
    const header = ['Stempel waktu', 'Alamat email', 'Jenis Kelamin', 'Usia', 'Pendidikan Terakhir', 'Pekerjaan Utama', 'Jenis Layanan', 'Desa/Kelurahan', ...Q, 'Saran / Masukan'];
    const row = ['02/12/2023 10.27.12', 'a@b.id', 'Laki-laki', '38', 'SMP', 'Wiraswasta', 'Legalisir', 'Betro', ...LABEL, ''];
    const m = petakanKolom(header, [row], 'kuesioner');
    expect(m.ok).toBe(true);
    expect(Q.map((q) => peta(m)[q])).toEqual(KUESIONER);
    expect(peta(m)).toMatchObject({ 'Stempel waktu': 'tanggal', 'Jenis Kelamin': 'jenis_kelamin', Usia: 'usia', 'Pendidikan Terakhir': 'pendidikan', 'Pekerjaan Utama': 'pekerjaan', 'Jenis Layanan': 'layanan', 'Desa/Kelurahan': 'desa', 'Saran / Masukan': 'saran' });
    expect(m.tanggal).toMatchObject({ index: 0, jenis: 'tanggal', utc: false, dilewati: [] });
    expect(m.hanyaKode).toEqual([]);
    expect(peringatanKode(m, 'kuesioner')).toBeNull();
  });

  it('Google Forms (English UI): Timestamp, Gender, Age, Village, Suggestions', () => {
    const header = ['Timestamp', 'Email Address', 'Gender', 'Age', 'Education', 'Occupation', 'Type of service', 'Village', ...Q, 'Suggestions'];
    const m = petakanKolom(header, [['11/19/2023 2:03:10 PM', 'x@y.id', 'Male', '30', 'SMA', 'PNS', 'KTP', 'Betro', ...LABEL, '']], 'definisi');
    expect(m.ok).toBe(true);
    expect(Q.map((q) => peta(m)[q])).toEqual(KUESIONER);
    expect(peta(m)).toMatchObject({ Timestamp: 'tanggal', Gender: 'jenis_kelamin', Age: 'usia', Education: 'pendidikan', Occupation: 'pekerjaan', 'Type of service': 'layanan', Village: 'desa', Suggestions: 'saran' });
  });

  it('Microsoft Forms: Completion time is the date, Start time and Last modified time are left out', () => {
    const header = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Jenis kelamin', 'Usia', 'Jenis layanan', 'Desa', ...Q, 'Saran dan masukan'];
    const row = ['1', '2025-02-03 13:58:11', '2025-02-03 14:05:42', 'anonymous', '', '', 'Perempuan', '41', 'KK', 'Betro', ...LABEL, ''];
    const m = petakanKolom(header, [row], 'kuesioner');
    expect(m.ok).toBe(true);
    expect(Q.map((q) => peta(m)[q])).toEqual(KUESIONER);
    expect(m.tanggal).toMatchObject({ index: 2, judul: 'Completion time', jenis: 'selesai', alasan: 'waktu selesai', utc: false, dilewati: ['Start time'] });
    expect(kalimatTanggal(m.tanggal!)).toBe('tanggal dari kolom "Completion time" (waktu selesai; "Start time" tidak dipakai)');
    expect(m.kolom.some((k) => ['ID', 'Start time', 'Last modified time', 'Email', 'Name'].includes(k.judul))).toBe(false);
    expect(peta(m)).toMatchObject({ 'Jenis kelamin': 'jenis_kelamin', Usia: 'usia', 'Jenis layanan': 'layanan', Desa: 'desa', 'Saran dan masukan': 'saran' });
  });

  const KOBO_HEADER = [
    'start', 'end', 'today', 'deviceid',
    'identitas/jenis_kelamin', 'identitas/usia', 'identitas/pendidikan', 'identitas/pekerjaan', 'grp_layanan/layanan', 'identitas/desa',
    'bagian_b/q1_persyaratan', 'bagian_b/q2_prosedur', 'bagian_b/q3_waktu', 'bagian_b/q4_biaya', 'bagian_b/q5_produk',
    'bagian_b/q6_kompetensi', 'bagian_b/q7_perilaku', 'bagian_b/q8_sarana', 'bagian_b/q9_pengaduan', 'bagian_c/saran',
    'meta/instanceID', '_id', '_uuid', '_submission_time', '_validation_status', '_notes', '_status', '_submitted_by', '__version__', '_tags', '_index',
  ];
  const KOBO_ROW = [
    '2025-01-31T23:50:02.000+07:00', '2025-02-01T00:04:40.000+07:00', '2025-01-31', 'enketo.ee:abc',
    'perempuan', '35', 'sma', 'wiraswasta', 'ktp_el', 'betro',
    'sesuai', 'sangat_mudah', 'cepat', 'gratis', 'sangat_sesuai', 'kompeten', 'sopan_dan_ramah', 'baik', 'dikelola_dengan_baik', '',
    'uuid:1b0c', '101', '1b0c', '2025-01-31T17:05:00', '', '', 'submitted_via_web', '', 'vXyZ', '', '1',
  ];
  it('Kobo/ODK with groups and metadata: group paths, layanan in a group, metadata ignored, end is the date', () => {
    const m = petakanKolom(KOBO_HEADER, [KOBO_ROW], 'kuesioner');
    expect(m.ok).toBe(true);
    const p = peta(m);
    expect(KOBO_HEADER.slice(10, 19).map((h) => p[h])).toEqual(KUESIONER);
    expect(p).toMatchObject({
      end: 'tanggal', 'identitas/jenis_kelamin': 'jenis_kelamin', 'identitas/usia': 'usia', 'identitas/pendidikan': 'pendidikan',
      'identitas/pekerjaan': 'pekerjaan', 'grp_layanan/layanan': 'layanan', 'identitas/desa': 'desa', 'bagian_c/saran': 'saran',
    });
    expect(m.kolom).toHaveLength(17);
    for (const h of ['meta/instanceID', '_id', '_uuid', '_index', '_status', '_submitted_by', '__version__', '_validation_status', '_notes', '_tags', 'deviceid'])
      expect(kelasJudul(h), h).toEqual({ jenis: 'abaikan' });
    expect(m.tanggal).toMatchObject({ judul: 'end', jenis: 'selesai', utc: false, dilewati: ['start', 'today', '_submission_time'] });
    expect(kalimatTanggal(m.tanggal!)).toBe('tanggal dari kolom "end" (waktu selesai; "start", "today", "_submission_time" tidak dipakai)');
  });

  it('Kobo: a layanan question inside a group maps to layanan, whatever the group is called', () => {
    for (const h of ['grp_layanan/jenis_layanan', 'data_pemohon/layanan', 'bagian_a/layanan_yang_diterima', 'layanan/pilihan', 'identitas/pelayanan'])
      expect(kelasJudul(h), h).toEqual({ jenis: 'meta', meta: 'layanan' });
    // The question's own name decides over its group's.
    expect(kelasJudul('grp_waktu/tanggal_kunjungan')).toEqual({ jenis: 'meta', meta: 'tanggal' });
    expect(kelasJudul('bagian_sarana/q9_pengaduan')).toEqual({ jenis: 'unsur', unsur: 'pengaduan' });
    expect(kelasJudul('bagian_b/q8')).toEqual({ jenis: 'kode', nomor: 8 });
    // ODK Central and Briefcase join group and question with "-".
    expect(kelasJudul('grp_layanan-layanan')).toEqual({ jenis: 'meta', meta: 'layanan' });
    expect(kelasJudul('bagian_sarana-q9_pengaduan')).toEqual({ jenis: 'unsur', unsur: 'pengaduan' });
    expect(kelasJudul('meta-instanceID')).toEqual({ jenis: 'abaikan' });
    expect(kelasJudul('Tanggal-Lahir')).toEqual({ jenis: 'lain', nomor: null });
    expect(kelasJudul('Jenis-Kelamin')).toEqual({ jenis: 'meta', meta: 'jenis_kelamin' });
  });

  it('Kobo without end: _submission_time (UTC) beats start; without both, start; today only as a last resort', () => {
    const h = ['start', 'today', '_submission_time', 'q1_persyaratan'];
    const v = [['2025-01-31T23:50:02.000+07:00', '2025-01-31', '2025-01-31T17:05:00', 'sesuai']];
    expect(petakanKolom(h, v, 'definisi').tanggal).toMatchObject({ judul: '_submission_time', jenis: 'kirim', utc: true, alasan: 'waktu kirim, UTC diubah ke WIB' });
    expect(petakanKolom(['today', 'start'], [], 'definisi').tanggal).toMatchObject({ judul: 'start', jenis: 'mulai' });
    expect(petakanKolom(['today', 'q1'], [], 'definisi').tanggal).toMatchObject({ judul: 'today', jenis: 'hari', alasan: 'tanggal saja; tidak ada stempel waktu' });
    // A column whose values end in Z is UTC whatever its name.
    expect(petakanKolom(['end'], [['2025-01-31T18:30:00Z']], 'definisi').tanggal).toMatchObject({ jenis: 'selesai', utc: true });
    // ODK Central's SubmissionDate is UTC too.
    expect(petakanKolom(['SubmissionDate', 'q1'], [], 'definisi').tanggal).toMatchObject({ jenis: 'kirim', utc: true });
  });

  it('a date given with --map keeps the UTC flag of its header and says it was chosen', () => {
    const m = petakanKolom(['end', '_submission_time'], [], 'definisi', [{ entri: { target: 'tanggal', kolom: '_submission_time' }, aturan: 'peta' }]);
    expect(m.tanggal).toMatchObject({ index: 1, aturan: 'peta', alasan: 'dipilih dengan --map, UTC diubah ke WIB', utc: true, dilewati: ['end'] });
  });

  it('database export with short column names maps all nine unsur and the meta columns', () => {
    const header = ['id', 'tgl_survei', 'jk', 'umur', 'pendidikan', 'pekerjaan', 'layanan', 'desa', 'sesuai', 'mudah', 'cepat', 'wajar', 'produk', 'kompeten', 'sopan', 'kualitas', 'pengaduan', 'saran', 'created_at', 'updated_at'];
    const row = ['17', '2025-02-03', 'L', '40', 'S1', 'PNS', 'SKCK', 'Betro', '4', '3', '3', '4', '3', '4', '4', '3', '2', '', '2025-02-03 14:05:00', '0000-00-00 00:00:00'];
    const m = petakanKolom(header, [row], 'definisi');
    expect(m.ok).toBe(true);
    const p = peta(m);
    expect(['sesuai', 'mudah', 'cepat', 'wajar', 'produk', 'kompeten', 'sopan', 'kualitas', 'pengaduan'].map((h) => p[h])).toEqual(KUESIONER);
    expect(p).toMatchObject({ tgl_survei: 'tanggal', jk: 'jenis_kelamin', umur: 'usia', pendidikan: 'pendidikan', pekerjaan: 'pekerjaan', layanan: 'layanan', desa: 'desa', saran: 'saran' });
    expect(m.kolom.every((k) => k.aturan === 'judul')).toBe(true);
    expect(m.tanggal).toMatchObject({ judul: 'tgl_survei', dilewati: ['created_at'] });
    expect(kelasJudul('updated_at')).toEqual({ jenis: 'abaikan' });
    expect(kelasJudul('id')).toEqual({ jenis: 'abaikan' });
  });

  it('a short word is an unsur only as the whole header (or beside a code); inside a question it says nothing', () => {
    expect(unsurDariKataSingkat('sesuai')).toBe('persyaratan');
    expect(unsurDariKataSingkat('U1_sesuai')).toBe('persyaratan');
    expect(unsurDariKataSingkat('nilai_cepat')).toBe('waktu');
    expect(unsurDariKataSingkat('biaya')).toBeNull(); // a key word, found by unsurDariJudul
    expect(kelasJudul('Kualitas')).toEqual({ jenis: 'unsur', unsur: 'sarana' });
    expect(kelasJudul('Ramah')).toEqual({ jenis: 'unsur', unsur: 'perilaku' });
    expect(kelasJudul('u3_cepat')).toEqual({ jenis: 'unsur', unsur: 'waktu' });
    expect(kelasJudul('Apakah pelayanan sesuai harapan Anda?')).toEqual({ jenis: 'lain', nomor: null });
    expect(kelasJudul('Secara keseluruhan, bagaimana kualitas pelayanan kami?')).toEqual({ jenis: 'lain', nomor: null });
    expect(kelasJudul('Apakah petugas cepat dan mudah dihubungi?')).toEqual({ jenis: 'lain', nomor: null });
  });

  it('L/P, Jenis Kelamin (L/P), JK, Gender and database spellings are jenis kelamin', () => {
    for (const h of ['L/P', 'L / P', 'Jenis Kelamin (L/P)', 'JK', 'JK (L/P)', 'Gender', 'jeniskelamin', 'jenis_kelamin', 'Jns. Kelamin', 'identitas/jk'])
      expect(kelasJudul(h), h).toEqual({ jenis: 'meta', meta: 'jenis_kelamin' });
  });

  it('"Tanggal Lahir" is not the survey date; "Waktu penyelesaian" holding times is a completion time, not U3', () => {
    expect(kelasJudul('Tanggal Lahir')).toEqual({ jenis: 'lain', nomor: null });
    const m = petakanKolom(['Waktu penyelesaian', 'Tanggal lahir'], [['2025-02-03 14:05:00', '1980-01-01']], 'definisi');
    expect(m.tanggal).toMatchObject({ index: 0, jenis: 'selesai' });
    expect(m.kolom.some((k) => k.target === 'waktu')).toBe(false);
    // With answers under it, the same header is U3.
    expect(petakanKolom(['Waktu Penyelesaian'], [['Cepat'], ['4']], 'definisi').kolom[0]).toMatchObject({ target: 'waktu', aturan: 'judul' });
  });

  it('columns mapped only by a bare code are listed, and the warning names them with the --map hint', () => {
    const codes = ['Tanggal', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
    const m = petakanKolom(codes, [['03/02/2025', '4', '4', '4', '4', '4', '4', '4', '3', '2']], 'definisi');
    expect(m.ok).toBe(true);
    expect(m.hanyaKode.map((k) => k.judul)).toEqual(codes.slice(1));
    const w = peringatanKode(m, 'definisi')!;
    expect(w).toMatch(/^9 kolom unsur dipetakan hanya dari kode\/nomornya, menurut urutan definisi: "U1" → U1 Persyaratan, /);
    expect(w).toContain('"U8" → U8 Pengaduan, "U9" → U9 Sarana.');
    expect(w).toContain('--map U9="U8",U8="U9"');
    expect(w).toContain('paten profil set --urutan-unsur kuesioner');
    // Labels settle 8 and 9: those columns are not code-only any more.
    const byLabel = petakanKolom(codes, [['03/02/2025', '4', '4', '4', '4', '4', '4', '4', 'Baik', 'Dikelola dengan baik']], 'definisi');
    expect(byLabel.hanyaKode.map((k) => k.judul)).toEqual(codes.slice(1, 8));
    expect(peringatanKode(byLabel, 'definisi')).toMatch(/^7 kolom .* "U7" → U7 Perilaku\. .*--map UNSUR=KOLOM\.$/);
  });
});

describe('choice codes as answers (Kobo/ODK choice names)', () => {
  it('underscores and hyphens are spaces in labels, per unsur', () => {
    const cases: [UnsurKey, string, number][] = [
      ['persyaratan', 'sangat_sesuai', 4],
      ['persyaratan', 'sesuai', 3],
      ['persyaratan', 'kurang_sesuai', 2],
      ['persyaratan', 'tidak_sesuai', 1],
      ['prosedur', 'tidak-mudah', 1],
      ['biaya', 'sangat_mahal', 1],
      ['biaya', 'cukup_mahal', 2],
      ['perilaku', 'sopan_dan_ramah', 3],
      ['perilaku', 'sangat_sopan_ramah', 4],
      ['perilaku', 'tidak_sopan_ramah', 1],
      ['pengaduan', 'ada_tidak_berfungsi', 2],
      ['pengaduan', 'berfungsi_kurang_maksimal', 3],
      ['pengaduan', 'dikelola_baik', 4],
      ['sarana', 'sangat_baik', 4],
      ['sarana', 'sangat_sesuai', -1],
    ];
    expect(cases.map(([k, raw]) => parseJawaban(k, raw))).toEqual(cases.map((c) => c[2]));
    expect(skorLabel('kompetensi', 'Sangat_Kompeten')).toBe(4);
    expect(unsurDariNilai(['baik', 'sangat_baik', 'cukup'])).toBe('sarana');
    expect(unsurDariNilai(['dikelola_dengan_baik', 'tidak_ada'])).toBe('pengaduan');
  });
});

describe('date forms of each tool', () => {
  it('Kobo/ODK ISO values with Z, +07:00 or nothing; a UTC column is converted to WIB across midnight', () => {
    expect(parseStempel('2025-01-31T18:30:00Z', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-01', waktu: '01:30:00' });
    expect(parseStempel('2025-01-31T18:30:00', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-01', waktu: '01:30:00' });
    expect(parseStempel('2025-01-31T18:30:00.123+00:00', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-01', waktu: '01:30:00' });
    expect(parseStempel('2025-12-31 17:00:00', 'dmy', { utc: true })).toEqual({ tanggal: '2026-01-01', waktu: '00:00:00' });
    expect(parseStempel('2024-02-28T20:00:00', 'dmy', { utc: true })).toEqual({ tanggal: '2024-02-29', waktu: '03:00:00' });
    expect(parseStempel('2025-01-31T16:59:59', 'dmy', { utc: true })).toEqual({ tanggal: '2025-01-31', waktu: '23:59:59' });
    // A value that states its offset is the respondent's wall clock: kept, also in a UTC column.
    expect(parseStempel('2025-02-01T00:04:40.000+07:00', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-01', waktu: '00:04:40' });
    expect(parseStempel('2025-02-01T00:04:40.000+08:00', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-01', waktu: '00:04:40' });
    // Not a UTC column: the day written is kept (the rule for Google's GMT+7 and every other export).
    expect(parseStempel('2025-01-31T18:30:00Z', 'dmy')).toEqual({ tanggal: '2025-01-31', waktu: '18:30:00' });
    // A date without a time cannot be shifted.
    expect(parseStempel('2025-01-31', 'dmy', { utc: true })).toEqual({ tanggal: '2025-01-31', waktu: null });
  });

  it('Microsoft Forms and the xlsx reader: YYYY-MM-DD HH:MM:SS, ISO with T', () => {
    expect(parseStempel('2025-02-03 14:05:00', 'mdy')).toEqual({ tanggal: '2025-02-03', waktu: '14:05:00' });
    expect(parseStempel('2025-02-03T14:05:00', 'dmy')).toEqual({ tanggal: '2025-02-03', waktu: '14:05:00' });
  });

  it('long Indonesian dates with a day name, abbreviated months, "pukul", and English long dates', () => {
    const cases: [string, string, string | null][] = [
      ['Senin, 3 Februari 2025', '2025-02-03', null],
      ['3 Feb 2025', '2025-02-03', null],
      ['3 Februari 2025 14.05', '2025-02-03', '14:05:00'],
      ['Senin, 3 Februari 2025 pukul 14.05', '2025-02-03', '14:05:00'],
      ["Jum'at, 7 Februari 2025", '2025-02-07', null],
      ['SABTU, 01 MARET 2025', '2025-03-01', null],
      ['03-Feb-25', '2025-02-03', null],
      ['3 Agt 2025', '2025-08-03', null],
      ['Monday, February 3, 2025 2:05 PM', '2025-02-03', '14:05:00'],
      ['February 3, 2025', '2025-02-03', null],
    ];
    for (const [raw, tanggal, waktu] of cases) expect(parseStempel(raw, 'mdy'), raw).toEqual({ tanggal, waktu });
    expect(parseStempel('Senin, 30 Februari 2025', 'dmy')).toBeNull();
    expect(parseStempel('3 Bulan 2025', 'dmy')).toBeNull();
  });

  it('Excel date serials: 1900 system with its leap-year bug, the fraction as the time', () => {
    expect(parseStempel('45658', 'dmy')).toEqual({ tanggal: '2025-01-01', waktu: null });
    expect(parseStempel('45691.5849', 'dmy')).toEqual({ tanggal: '2025-02-03', waktu: '14:02:15' });
    expect(parseStempel('45691,5', 'dmy')).toEqual({ tanggal: '2025-02-03', waktu: '12:00:00' });
    expect(parseStempel('45691.0', 'dmy')).toEqual({ tanggal: '2025-02-03', waktu: null });
    expect(parseStempel('45691.99999999', 'dmy')).toEqual({ tanggal: '2025-02-04', waktu: '00:00:00' });
    expect(parseStempel('45691.5', 'dmy', { utc: true })).toEqual({ tanggal: '2025-02-03', waktu: '19:00:00' });
    expect(tanggalSerialExcel(1)).toEqual({ tanggal: '1900-01-01', waktu: null });
    expect(tanggalSerialExcel(59)).toEqual({ tanggal: '1900-02-28', waktu: null });
    expect(tanggalSerialExcel(60)).toBeNull(); // Excel's 29 February 1900, a day that never was
    expect(tanggalSerialExcel(61)).toEqual({ tanggal: '1900-03-01', waktu: null });
    expect(tanggalSerialExcel(36526)).toEqual({ tanggal: '2000-01-01', waktu: null });
    expect(tanggalSerialExcel(0)).toBeNull();
    // A bare year or a short number is not a serial; YYYYMMDD from a database is a date.
    expect(parseStempel('2025', 'dmy')).toBeNull();
    expect(parseStempel('4', 'dmy')).toBeNull();
    expect(parseStempel('20250203', 'dmy')).toEqual({ tanggal: '2025-02-03', waktu: null });
    expect(parseStempel('20251303', 'dmy')).toBeNull();
  });

  it("MySQL's zero date is no date (the row is undated), not an unreadable one", () => {
    for (const v of ['0000-00-00', '0000-00-00 00:00:00', ' 0000-00-00T00:00:00 ', '00/00/0000', '', '  ', '-']) expect(tanggalKosong(v), v).toBe(true);
    for (const v of ['2025-02-03', '0', 'kemarin']) expect(tanggalKosong(v), v).toBe(false);
    expect(parseStempel('0000-00-00', 'dmy')).toBeNull();
  });

  it('ISO, long and serial dates leave no date order to guess', () => {
    expect(tentukanUrutan(['2025-02-03', '2025-02-03T14:05:00', '2025-02-03 14:05:00', '2025-01-05T07:00:00Z'], 'start')).toEqual({ urutan: 'dmy', dari: 'nilai' });
    expect(tentukanUrutan(['Senin, 3 Februari 2025', '45691.5849', ''], 'Tanggal')).toEqual({ urutan: 'dmy', dari: 'nilai' });
    expect(tentukanUrutan(['2025-02-03 14:05:00'], 'Timestamp')).toEqual({ urutan: 'dmy', dari: 'nilai' });
    // One ambiguous value among ISO ones still needs a guess.
    expect(tentukanUrutan(['2025-02-03', '05/11/2023'], 'Timestamp')).toEqual({ urutan: 'mdy', dari: 'judul' });
  });
});
