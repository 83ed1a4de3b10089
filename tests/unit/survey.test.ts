import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { examineFile, streamRecords } from '../../src/survey/csv-stream.js';
import { findHeader, headerIndex, isLabelRekap } from '../../src/survey/judul.js';
import { parseJawaban, KOSONG, TIDAK_DIKENAL, DI_LUAR } from '../../src/survey/jawaban.js';
import { parseStempel, tentukanUrutan } from '../../src/survey/tanggal.js';
import { kelasJudul, parseMapArg, petakanKolom, unsurDariNilai, cariKolom } from '../../src/survey/mapping.js';
import { buatPencocok } from '../../src/survey/cocok.js';
import { normalisasiLabel, skorLabel, unsurDariJudul, UNSUR, type UnsurKey } from '../../src/skm/unsur.js';

const dir = tempDir('paten-survey-unit-');
afterAll(() => cleanup(dir));

function records(content: string | Buffer, name = 'x.csv') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const facts = examineFile(file);
  const out: { line: number; values: string[] }[] = [];
  const res = streamRecords(facts, (values, line) => void out.push({ line, values }));
  return { facts, out, res };
}

describe('streaming CSV reader', () => {
  it('gives the exact start line of records with CR, LF and CRLF inside quotes', () => {
    const { out, res } = records('a,b\r\n1,"dua\r\nbaris"\r\n3,"x\ny\rz"\r\n5,6\r\n');
    expect(out).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', 'dua\r\nbaris'] },
      { line: 4, values: ['3', 'x\ny\rz'] },
      { line: 7, values: ['5', '6'] },
    ]);
    expect(res.unclosedQuoteLine).toBeNull();
  });

  it('sniffs ; and tab, strips the BOM, unescapes doubled quotes and keeps commas in quotes', () => {
    expect(records('\uFEFFa;b\n"x;y";"k""u"\n').out.map((r) => r.values)).toEqual([['a', 'b'], ['x;y', 'k"u']]);
    expect(records('a\tb\n1\t"2,3"\n').out.map((r) => r.values)).toEqual([['a', 'b'], ['1', '2,3']]);
  });

  it('reads records that span chunk boundaries identically (large file)', () => {
    const rows: string[] = ['no,teks'];
    for (let i = 0; i < 60000; i++) rows.push(`${i},"baris ${i}\r\nlanjut, ""kutip"""`);
    const { out } = records(rows.join('\r\n') + '\r\n', 'big.csv');
    expect(out.length).toBe(60001);
    expect(out[59999]).toEqual({ line: 2 + 59998 * 2, values: ['59998', 'baris 59998\r\nlanjut, "kutip"'] });
  });

  it('reads CR-only files (old Excel for Mac) and mixed line ends, across chunks', () => {
    const rows = ['a;b'];
    for (let i = 0; i < 150000; i++) rows.push(`${i};x${i}`);
    const { out, res } = records(rows.join('\r') + '\r', 'mac.csv');
    expect(res.unclosedQuoteLine).toBeNull();
    expect(out.length).toBe(150001);
    expect(out[150000]).toEqual({ line: 150001, values: ['149999', 'x149999'] });
    expect(records('a,b\n1,2\r\n3,4\r5,"6\n7"\n8,9').out).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', '2'] },
      { line: 3, values: ['3', '4'] },
      { line: 4, values: ['5', '6\n7'] },
      { line: 6, values: ['8', '9'] },
    ]);
  });

  it('reports a quote opened and never closed (truncated file) with its line', () => {
    const { out, res } = records('a,b\n1,2\n3,"tidak ditutup\nlagi\n');
    expect(out.map((r) => r.values)).toEqual([['a', 'b'], ['1', '2']]);
    expect(res.unclosedQuoteLine).toBe(3);
  });

  it('detects Windows-1252 when the bytes are not UTF-8, and refuses binary files', () => {
    const { facts, out } = records(Buffer.from([0x61, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94, 0x0a]), 'w.csv');
    expect(facts.encoding).toBe('windows-1252');
    expect(out[1].values).toEqual(['Café – “x”']);
    expect(() => records(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), 'b.xlsx')).toThrow(/bukan CSV maupun buku kerja Excel .xlsx \(berisi data biner\)/);
  });

  it("honours Excel's sep= first line and keeps line numbers", () => {
    const { out, res } = records('sep=;\r\na;b\r\n1,5;2\r\n', 'sep.csv');
    expect(res.delimiter).toBe(';');
    expect(out).toEqual([{ line: 2, values: ['a', 'b'] }, { line: 3, values: ['1,5', '2'] }]);
  });

  it("reads Excel's UTF-16 \"Unicode Text\" export (tab-delimited, BOM)", () => {
    const text = '\uFEFFTanggal\tU1\r\n19/11/2023\tSangat sesuai\r\n';
    const { facts, out, res } = records(Buffer.from(text, 'utf16le'), 'u16.txt');
    expect(facts.encoding).toBe('utf-16le');
    expect(res.delimiter).toBe('\t');
    expect(out[1]).toEqual({ line: 2, values: ['19/11/2023', 'Sangat sesuai'] });
  });

  it('a UTF-8 character split across read chunks is still UTF-8', () => {
    const text = 'a\n' + 'x'.repeat((1 << 20) - 3) + 'é\n';
    const { facts, out } = records(text, 'split.csv');
    expect(facts.encoding).toBe('utf-8');
    expect(out[1].values[0].endsWith('é')).toBe(true);
  });
});

describe('answers per unsur', () => {
  const cases: [UnsurKey, string, number][] = [
    ['persyaratan', '4', 4],
    ['persyaratan', '4.0', 4],
    ['persyaratan', '3,0', 3],
    ['persyaratan', 'b', 2],
    ['persyaratan', 'D', 4],
    ['persyaratan', '  SANGAT   sesuai ', 4],
    ['persyaratan', 'd. Sangat sesuai.', 4],
    ['persyaratan', 'a. Sangat sesuai', TIDAK_DIKENAL],
    ['pengaduan', 'Dikekola dengan baik', 4],
    ['pengaduan', 'Bersungsi kurang maksimal, lambat ditindak lanjuti', 3],
    ['perilaku', 'Tidak sopan dan tidak ramah', 1],
    ['sarana', 'Sangat Baik', 4],
    ['biaya', 'Gratis', 4],
    ['waktu', '3 - Cepat', 3],
    ['persyaratan', '4 (Sangat Sesuai)', 4],
    ['persyaratan', '2 (Sangat Sesuai)', TIDAK_DIKENAL],
    // Labels are checked per unsur: Gratis is not a persyaratan answer.
    ['persyaratan', 'Gratis', TIDAK_DIKENAL],
    ['sarana', 'Dikelola dengan baik', TIDAK_DIKENAL],
    ['pengaduan', 'Baik', TIDAK_DIKENAL],
  ];
  it('reads digits, decimals, letters, labels with noise, prefixes and typos, per unsur', () => {
    expect(cases.map(([k, raw]) => parseJawaban(k, raw))).toEqual(cases.map((c) => c[2]));
  });

  it('blank is missing, never 0; out-of-range numbers are flagged with their value', () => {
    expect(parseJawaban('waktu', '')).toBe(KOSONG);
    expect(parseJawaban('waktu', '  ')).toBe(KOSONG);
    expect(parseJawaban('waktu', '5')).toBe(DI_LUAR + 5);
    expect(parseJawaban('waktu', '0')).toBe(DI_LUAR + 0);
    expect(parseJawaban('waktu', '3.5')).toBe(TIDAK_DIKENAL);
  });

  it('every official label maps to its own score', () => {
    for (const u of UNSUR) u.label.forEach((l, i) => expect(skorLabel(u.key, l)).toBe(i + 1));
    expect(normalisasiLabel('c) Cepat.')).toEqual({ teks: 'cepat', huruf: 3 });
  });
});

describe('timestamps', () => {
  it('keeps the calendar day written in the file, whatever the zone suffix', () => {
    expect(parseStempel('2024/01/01 5:58:00 AM GMT+7', 'dmy')).toEqual({ tanggal: '2024-01-01', waktu: '05:58:00' });
    expect(parseStempel('2024-01-01T05:58:00+07:00', 'mdy')).toEqual({ tanggal: '2024-01-01', waktu: '05:58:00' });
    expect(parseStempel('1/1/2024 00:30:00 GMT+07:00', 'dmy')).toEqual({ tanggal: '2024-01-01', waktu: '00:30:00' });
  });
  it('reads day-first and month-first, 12- and 24-hour, : or . separators', () => {
    expect(parseStempel('19/11/2023 14.03.10', 'dmy')).toEqual({ tanggal: '2023-11-19', waktu: '14:03:10' });
    expect(parseStempel('11/19/2025 8:16:45', 'mdy')).toEqual({ tanggal: '2025-11-19', waktu: '08:16:45' });
    expect(parseStempel('11/19/2025 12:16:45 AM', 'mdy')).toEqual({ tanggal: '2025-11-19', waktu: '00:16:45' });
    expect(parseStempel('05/11/2023', 'dmy')?.tanggal).toBe('2023-11-05');
    expect(parseStempel('05/11/2023', 'mdy')?.tanggal).toBe('2023-05-11');
    expect(parseStempel('19 November 2023', 'dmy')).toEqual({ tanggal: '2023-11-19', waktu: null });
  });
  it('rejects impossible dates and text', () => {
    expect(parseStempel('31/02/2023', 'dmy')).toBeNull();
    expect(parseStempel('kemarin sore', 'dmy')).toBeNull();
    expect(parseStempel('19/11/2023 25:00:00', 'dmy')).toBeNull();
  });
  it('decides the order from the values, else from the header language', () => {
    expect(tentukanUrutan(['05/11/2023', '19/11/2023'], 'Timestamp')).toEqual({ urutan: 'dmy', dari: 'nilai' });
    expect(tentukanUrutan(['11/19/2023'], 'Stempel waktu')).toEqual({ urutan: 'mdy', dari: 'nilai' });
    expect(tentukanUrutan(['05/11/2023'], 'Timestamp')).toEqual({ urutan: 'mdy', dari: 'judul' });
    expect(tentukanUrutan(['05/11/2023'], 'Stempel waktu')).toEqual({ urutan: 'dmy', dari: 'judul' });
  });

  it('with no day above 12, reads the locale from the time format before the header', () => {
    expect(tentukanUrutan(['11/5/2025 2:03:10 PM', '11/6/2025 9:00:00 am'], 'Stempel waktu')).toEqual({ urutan: 'mdy', dari: 'nilai' });
    expect(tentukanUrutan(['05/11/2025 14.03.10'], 'Timestamp')).toEqual({ urutan: 'dmy', dari: 'nilai' });
    expect(tentukanUrutan(['05/11/2025 14:03:10'], 'Timestamp')).toEqual({ urutan: 'mdy', dari: 'judul' });
  });
});

describe('column mapping', () => {
  const Q8 = '8. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?';
  it('identifies unsur by header meaning, not by number', () => {
    expect(unsurDariJudul(Q8)).toEqual(['pengaduan']);
    expect(unsurDariJudul('9. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?')).toEqual(['sarana']);
    expect(unsurDariJudul('7. Bagamana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?')).toEqual(['perilaku']);
    expect(kelasJudul('Unsur 1 Persyaratan')).toEqual({ jenis: 'unsur', unsur: 'persyaratan' });
    expect(kelasJudul('U8 (Sarana & Prasarana)')).toEqual({ jenis: 'unsur', unsur: 'sarana' });
    expect(kelasJudul('P8')).toEqual({ jenis: 'kode', nomor: 8 });
    for (const h of ['Hari/Tanggal', 'Hari, Tanggal', 'tanggal_survei', 'Tgl. Pengisian'])
      expect(kelasJudul(h), h).toEqual({ jenis: 'meta', meta: 'tanggal' });
    expect(kelasJudul('3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?')).toEqual({ jenis: 'unsur', unsur: 'waktu' });
    expect(kelasJudul('Stempel waktu')).toEqual({ jenis: 'meta', meta: 'tanggal' });
    expect(kelasJudul('Cap waktu')).toEqual({ jenis: 'meta', meta: 'tanggal' });
    expect(kelasJudul('10. Saran / Masukan :')).toEqual({ jenis: 'meta', meta: 'saran' });
    expect(kelasJudul('Jenis Layanan yang diterima')).toEqual({ jenis: 'meta', meta: 'layanan' });
    expect(kelasJudul('Desa/Kelurahan')).toEqual({ jenis: 'meta', meta: 'desa' });
  });

  it('finds the header below title rows, and ignores columns paten does not store', () => {
    expect(headerIndex([['DATA SKM 2023', '', '', ''], ['Tanggal', 'U1', 'U2', 'U3'], ['1/1/2023', '4', '4', '4']])).toBe(1);
    expect(headerIndex([['Tanggal', 'U1', 'U2', 'U3'], ['1/1/2023', '4', '4', '4']])).toBe(0);
    expect(headerIndex([['Stempel waktu', 'U1']])).toBe(0);
    expect(kelasJudul('Alamat Email')).toEqual({ jenis: 'lain', nomor: null });
    expect(kelasJudul('Nama Lengkap')).toEqual({ jenis: 'lain', nomor: null });
    expect(kelasJudul('Timestamp')).toEqual({ jenis: 'meta', meta: 'tanggal' });
  });

  it('maps by labels when the header says nothing (sarana and pengaduan differ)', () => {
    expect(unsurDariNilai(['Baik', 'Sangat baik', '', 'Cukup'])).toBe('sarana');
    expect(unsurDariNilai(['Dikelola dengan baik', 'Tidak ada'])).toBe('pengaduan');
    expect(unsurDariNilai(['Sesuai', 'Sangat sesuai'])).toBeNull(); // persyaratan or produk
    expect(unsurDariNilai(['4', '3'])).toBeNull();
  });

  const codes = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'];
  it('bare codes follow the office numbering; labels win over the code', () => {
    const digits = [['4', '4', '4', '4', '4', '4', '4', '3', '2']];
    const def = petakanKolom(codes, digits, 'definisi');
    expect(def.ok).toBe(true);
    expect(def.kolom[7]).toMatchObject({ target: 'pengaduan', aturan: 'kode' });
    const kue = petakanKolom(codes, digits, 'kuesioner');
    expect(kue.kolom[7]).toMatchObject({ target: 'sarana', aturan: 'kode' });
    const labels = [['4', '4', '4', '4', '4', '4', '4', 'Baik', 'Dikelola dengan baik']];
    const byLabel = petakanKolom(codes, labels, 'definisi');
    expect(byLabel.kolom[7]).toMatchObject({ target: 'sarana', aturan: 'label' });
    expect(byLabel.kolom[8]).toMatchObject({ target: 'pengaduan', aturan: 'label' });
  });

  it('a header match beats an extra question that only shares the labels', () => {
    const header = ['8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?', 'Secara keseluruhan bagaimana penilaian Saudara?'];
    const m = petakanKolom(header, [['Baik', 'Sangat baik']], 'definisi');
    expect(m.masalah.bentrok).toEqual([]);
    expect(m.kolom.find((k) => k.target === 'sarana')).toMatchObject({ index: 0, aturan: 'judul' });
    expect(m.kolom.some((k) => k.index === 1)).toBe(false);
  });

  it("labels of another unsur do not move a bare code: 'Gratis' under P1 stays P1 (and is reported as an answer)", () => {
    const wrong = [['Gratis', '4', '4', '4', '4', '4', '4', '3', '2']];
    const m = petakanKolom(codes, wrong, 'definisi');
    expect(m.ok).toBe(true);
    expect(m.kolom[0]).toMatchObject({ target: 'persyaratan', aturan: 'kode' });
    expect(m.kolom[3]).toMatchObject({ target: 'biaya', aturan: 'kode' });
  });

  it('reports two columns for one unsur, and missing unsur; --map resolves them', () => {
    const header = ['U1', 'U2', 'Waktu', 'U3 Kecepatan', 'U4', 'U5', 'U6', 'U7', 'U8'];
    const r = petakanKolom(header, [], 'definisi');
    expect(r.ok).toBe(false);
    expect(r.masalah.bentrok).toEqual([{ target: 'waktu', kolom: [2, 3] }]);
    expect(r.masalah.belumTerpetakan).toEqual(['sarana']);
    const fixed = petakanKolom(header, [], 'definisi', parseMapArg(['U3=4,U9=Waktu'], 'definisi').map((entri) => ({ entri, aturan: 'peta' as const })));
    expect(fixed.ok).toBe(true);
    expect(fixed.kolom.find((k) => k.target === 'waktu')).toMatchObject({ index: 3, aturan: 'peta' });
    expect(fixed.kolom.find((k) => k.target === 'sarana')).toMatchObject({ index: 2, aturan: 'peta' });
  });

  it('parses --map with commas inside header texts and finds columns by number or text', () => {
    expect(parseMapArg(['U8=Penanganan pengaduan, saran dan masukan,sarana=9'], 'kuesioner')).toEqual([
      { target: 'sarana', kolom: 'Penanganan pengaduan, saran dan masukan' },
      { target: 'sarana', kolom: '9' },
    ]);
    expect(() => parseMapArg(['X1=3'], 'definisi')).toThrow(/bukan unsur/);
    expect(cariKolom(['Satu', 'Dua Tiga'], '2')).toBe(1);
    expect(cariKolom(['Satu', 'Dua Tiga'], 'tiga')).toBe(1);
    expect(cariKolom(['Satu', 'Dua Tiga'], '3')).toBeNull();
  });
});

describe('free-text matching', () => {
  const m = buatPencocok([
    { id: 1, nama: ['Pelayanan KTP-el', 'ktp', 'e-ktp'] },
    { id: 2, nama: ['Legalisasi Dokumen', 'legalisir'] },
    { id: 3, nama: ['Kartu Keluarga', 'kk'] },
  ]);
  it('matches exact names, contained aliases, and refuses ambiguous text', () => {
    expect(m.cocok('E-KTP')).toBe(1);
    expect(m.cocok('Pembuatan KTP baru')).toBe(1);
    expect(m.cocok('legalisir')).toBe(2);
    expect(m.cocok('Legalisir KK')).toBeNull();
    expect(m.cocok('Konsultasi pajak')).toBeNull();
  });
});

describe('header stage (judul.ts)', () => {
  const U = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
  it('finds the header by what it says, under title rows, and not a row of answer labels', () => {
    const recs = [
      ['DATA SKM KECAMATAN KEMLAGI 2025'],
      ['Periode Januari – Juni'],
      ['Timestamp', 'Jenis Kelamin', 'Desa', ...U, 'Saran'],
      ['01/02/2025', 'L', 'Betro', 'Sesuai', 'Mudah', 'Cepat', 'Gratis', 'Sesuai', 'Kompeten', 'Sopan dan ramah', 'Baik', 'Baik', ''],
    ];
    expect(findHeader(recs)).toMatchObject({ index: 2, atas: null });
  });
  it('combines a two-row header: a merged group cell over codes, and names over codes', () => {
    const merged = findHeader([['No', 'Nama', 'Unsur Pelayanan', '', '', '', '', '', '', '', '', 'Jumlah'], ['', '', ...U, ''], ['1', 'Ani', '4', '4', '4', '4', '4', '4', '4', '4', '4', '36']]);
    expect(merged).toMatchObject({ index: 1, atas: 0 });
    expect(merged.header).toEqual(['No', 'Nama', ...U, 'Jumlah']);
    const names = findHeader([['Persyaratan', 'Prosedur', 'Waktu', 'Biaya', 'Produk', 'Kompetensi', 'Perilaku', 'Pengaduan', 'Sarana'], U, ['4', '4', '4', '4', '4', '4', '4', '4', '4']]);
    expect(names.index).toBe(1);
    expect(names.header[0]).toBe('Persyaratan');
  });
  it('recognises a rekap sheet’s computed rows by their label', () => {
    for (const l of ['JUMLAH', 'Jumlah Nilai / Unsur', 'NRR', 'NRR Tertimbang', 'IKM', 'IKM UNIT PELAYANAN (× 25)', 'MUTU', 'Nilai rata-rata', 'Rata-rata', 'Kinerja Unit Pelayanan'])
      expect(isLabelRekap(l), l).toBe(true);
    for (const l of ['1', 'Ani', 'Betro', '12', 'Siti Aminah']) expect(isLabelRekap(l), l).toBe(false);
  });
});
