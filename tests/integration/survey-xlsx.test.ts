/**
 * `paten survey import` on the workbooks offices really have: a Forms download saved as .xlsx, a
 * workbook with one sheet per layanan, the "pengolahan data" rekap sheet with its title rows,
 * two-row header and footer rows, and broken or foreign workbooks. Workbooks are written in
 * the tests with write-excel-file; every figure is checked against the CSV import of the same data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { cleanup, fileHash, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { storedRows, writeFile, FORMS_HEADER, LABELS, QUESTIONS } from '../helpers/survey.js';

type Cell = { value: string | number | Date; format?: string } | null;

const dir = tempDir('paten-survey-xlsx-');
const freshDb = sampleDbCopies(dir);

const text = (v: string | number): Cell => ({ value: v });
const when = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): Cell => ({ value: new Date(Date.UTC(y, m - 1, d, h, mi, s)), format: 'dd/mm/yyyy hh:mm:ss' });

/** Nine answers (questionnaire order) for respondent i: varied, all in 1..4. */
function answers(i: number): number[] {
  return QUESTIONS.map((_, k) => 1 + ((i * 7 + k * 3) % 4));
}

async function workbook(name: string, sheets: { sheet: string; data: Cell[][] }[]): Promise<string> {
  const file = path.join(dir, name);
  await writeExcelFile(sheets.map((s) => ({ sheet: s.sheet, data: s.data as never }))).toFile(file);
  return file;
}

/** A Forms-like sheet: header, then rows with a real date cell and label answers. */
function formsSheet(count: number, opts: { layanan?: boolean; start?: number } = {}): Cell[][] {
  const header = FORMS_HEADER.filter((h) => opts.layanan !== false || h !== 'Jenis Layanan');
  const rows: Cell[][] = [header.map(text)];
  for (let i = opts.start ?? 0; i < (opts.start ?? 0) + count; i++) {
    const a = answers(i);
    rows.push([
      when(2025, 1 + (i % 12), 1 + (i % 28), 8 + (i % 9), i % 60, (i * 13) % 60),
      text(i % 2 ? 'Laki-laki' : 'Perempuan'),
      text(20 + (i % 50)),
      ...(opts.layanan === false ? [] : [text(i % 3 ? 'KTP' : 'Kartu Keluarga')]),
      text(i % 4 ? 'Betro' : 'Watesprojo'),
      ...a.map((v, k) => text(LABELS[QUESTIONS[k][0]][v - 1])),
      i % 5 ? null : text(`saran ${i}`),
    ]);
  }
  return rows;
}

/** A sheet as the CSV Google Forms would give for it (dates written the id-ID way). */
function csvOf(sheet: Cell[][]): string {
  const p2 = (x: number) => String(x).padStart(2, '0');
  const cell = (c: Cell) => {
    if (c === null) return '';
    if (c.value instanceof Date) {
      const d = c.value;
      return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}.${p2(d.getUTCMinutes())}.${p2(d.getUTCSeconds())}`;
    }
    const t = String(c.value);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return sheet.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

afterAll(() => cleanup(dir));

function ikm(db: string, extra: string[] = []): { unsur: { kode: string; nrr: number }[]; ikm: number; responden: number } {
  const r = patenJson(['ikm', '--tahun', '2025', ...extra], { db });
  return { unsur: r.unsur.map((u: { kode: string; nrr: number }) => ({ kode: u.kode, nrr: u.nrr })), ikm: r.ikm, responden: r.responden };
}

describe('survey import: .xlsx workbooks', () => {
  it('a Forms download saved as .xlsx stores what the same CSV stores, with dates from real date cells', async () => {
    const sheet = formsSheet(60);
    const xlsx = await workbook('forms.xlsx', [{ sheet: 'Form Responses 1', data: sheet }]);
    const csv = writeFile(dir, 'forms.csv', csvOf(sheet));
    const a = freshDb();
    const b = freshDb();
    const r = patenJson(['survey', 'import', xlsx], { db: a });
    patenJson(['survey', 'import', csv], { db: b });
    expect(r.berkas).toHaveLength(1);
    expect(r.berkas[0]).toMatchObject({ berkas: 'forms.xlsx', lembar: 'Form Responses 1', format: 'xlsx', baris: 60, batch: 1, encoding: null });
    const strip = (rows: ReturnType<typeof storedRows>) => rows.map(({ batch_id: _b, ...rest }) => rest);
    expect(strip(storedRows(a))).toEqual(strip(storedRows(b)));
    expect(ikm(a)).toEqual(ikm(b));
    const list = patenJson(['survey', 'list'], { db: a });
    expect(list[0].berkas).toBe('forms.xlsx [Form Responses 1]');
  });

  it('imports every sheet with the nine unsur, skips a Rekap sheet and says so; --lembar picks sheets', async () => {
    const rekap: Cell[][] = [[text('Rekap SKM 2025')], [text('IKM'), text(83.5)]];
    const file = await workbook('tiga.xlsx', [
      { sheet: 'Januari', data: formsSheet(10) },
      { sheet: 'Februari', data: formsSheet(12, { start: 10 }) },
      { sheet: 'Rekap', data: rekap },
    ]);
    const db = freshDb();
    const r = paten(['survey', 'import', file], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('tiga.xlsx: lembar "Rekap" dilewati');
    expect(r.stderr).toContain('tiga.xlsx: 10 baris');
    expect(r.stderr).toContain('lembar "Januari"');
    const list = patenJson(['survey', 'list'], { db });
    expect(list.map((b: { berkas: string; baris: number }) => [b.berkas, b.baris])).toEqual([['tiga.xlsx [Januari]', 10], ['tiga.xlsx [Februari]', 12]]);
    // The same workbook again: every sheet is already stored.
    const again = paten(['survey', 'import', file], { db });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah diimpor sebagai batch 1');

    const only = freshDb();
    const j = patenJson(['survey', 'import', file, '--lembar', 'februari'], { db: only });
    expect(j.berkas.map((f: { lembar: string; baris: number }) => [f.lembar, f.baris])).toEqual([['Februari', 12]]);
    const bad = paten(['survey', 'import', file, '--lembar', 'Maret'], { db: only });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('tidak punya lembar "Maret" (argumen --lembar)');
    expect(bad.stderr).toContain('"Januari", "Februari", "Rekap"');
  });

  it('a workbook with one sheet per layanan puts each sheet under the layanan its name matches', async () => {
    const file = await workbook('per-layanan.xlsx', [
      { sheet: 'KTP-el', data: formsSheet(5, { layanan: false }) },
      { sheet: 'KK', data: formsSheet(4, { layanan: false, start: 5 }) },
      { sheet: 'SKTM', data: formsSheet(3, { layanan: false, start: 9 }) },
    ]);
    const db = freshDb();
    const r = patenJson(['survey', 'import', file], { db });
    expect(r.berkas.map((f: { lembar: string; layanan_lembar: string; layanan_cocok: number }) => [f.lembar, f.layanan_cocok])).toEqual([
      ['KTP-el', 5],
      ['KK', 4],
      ['SKTM', 3],
    ]);
    const per = patenJson(['ikm', '--tahun', '2025', '--per', 'layanan'], { db });
    const counts = Object.fromEntries(per.kelompok.baris.map((g: { kelompok: string; responden: number }) => [g.kelompok, g.responden]));
    expect(counts).toMatchObject({
      'Pelayanan KTP-el (baru, hilang, rusak, perubahan data)': 5,
      'Pelayanan Kartu Keluarga (KK)': 4,
      'Surat Keterangan Tidak Mampu (SKTM)': 3,
    });
  });

  it('a rekap sheet: title rows, a two-row header, per-row Jumlah/Rata-rata and footer rows; --tanggal dates it', async () => {
    const blank = (k: number): Cell[] => Array.from({ length: k }, () => null);
    const rows: Cell[][] = [
      [text('PENGOLAHAN DATA SURVEI KEPUASAN MASYARAKAT')],
      [text('KECAMATAN KEMLAGI TAHUN 2025')],
      [],
      [text('No'), text('Jenis Kelamin'), text('Desa'), text('Unsur Pelayanan'), ...blank(8), text('Jumlah'), text('Rata-rata')],
      [null, null, null, ...['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map(text), null, null],
    ];
    const sums: number[] = Array(9).fill(0);
    for (let i = 0; i < 8; i++) {
      const a = answers(i);
      a.forEach((v, k) => (sums[k] += v));
      const total = a.reduce((x, y) => x + y, 0);
      rows.push([text(i + 1), text(i % 2 ? 'L' : 'P'), text('Betro'), ...a.map(text), text(total), text(String(total / 9).replace('.', ','))]);
    }
    rows.push([]);
    rows.push([text('JUMLAH'), null, null, ...sums.map(text)]);
    rows.push([text('NRR'), null, null, ...sums.map((s) => text(s / 8))]);
    rows.push([text('NRR Tertimbang'), null, null, ...sums.map((s) => text((s / 8) * 0.111))]);
    rows.push([text('IKM UNIT PELAYANAN (× 25)'), null, null, text(80.25)]);
    rows.push([text('MUTU'), null, null, text('B')]);
    const file = await workbook('rekap.xlsx', [{ sheet: 'Pengolahan', data: rows }]);
    const db = freshDb();
    const dry = paten(['survey', 'import', file, '--dry-run'], { db });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('5 baris rekap diabaikan');
    expect(dry.stderr).toContain('"JUMLAH"');
    expect(dry.stderr).toContain('--tanggal TTTT-BB-HH');
    const r = patenJson(['survey', 'import', file, '--tanggal', '2025-06-30'], { db });
    expect(r.berkas[0]).toMatchObject({ baris: 8, baris_tanpa_tanggal: 8, periode: { dari: '2025-06-30', sampai: '2025-06-30' } });
    expect(r.berkas[0].baris_rekap.jumlah).toBe(5);
    expect(r.berkas[0].pemetaan.filter((p: { target: string }) => p.target.length > 0).map((p: { judul: string }) => p.judul)).toContain('U1');
    expect(r.berkas[0].kolom_diabaikan).toEqual(expect.arrayContaining(['No', 'Jumlah', 'Rata-rata']));
    const got = ikm(db);
    expect(got.responden).toBe(8);
    // Per unsur NRR = Σ / 8, exactly what the sheet's own NRR row says.
    const order = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
    for (const u of got.unsur) expect(u.nrr).toBeCloseTo(sums[order.indexOf(u.kode)] / 8, 10);
    const badDate = paten(['survey', 'import', file, '--tanggal', '2025-02-30'], { db: freshDb() });
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('argumen --tanggal');
  });

  it('rows with every unsur blank are skipped and listed; a bad answer is located by sheet and cell', async () => {
    const data = formsSheet(6);
    data[3] = data[3].map((c, i) => (i >= 5 && i < 14 ? null : c)); // row 4: opened the form and left
    const file = await workbook('kosong.xlsx', [{ sheet: 'Jawaban', data }]);
    const db = freshDb();
    const r = patenJson(['survey', 'import', file], { db });
    expect(r.berkas[0].baris).toBe(5);
    expect(r.berkas[0].baris_kosong).toMatchObject({ jumlah: 1, contoh: [{ baris: 4 }] });

    const bad = formsSheet(14);
    bad[11][7] = text('Lumayan'); // H12
    const badFile = await workbook('salah.xlsx', [{ sheet: 'KTP-el', data: bad }]);
    const db2 = freshDb();
    const before = fileHash(db2);
    const e = paten(['survey', 'import', badFile], { db: db2 });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('salah.xlsx, lembar "KTP-el", sel H12: jawaban "Lumayan" bukan label');
    expect(fileHash(db2)).toBe(before);
  });

  it('part of a file typed from a 1–10 form is named once, with its first cell', async () => {
    const data = formsSheet(8);
    for (const r of [5, 6, 7]) for (let k = 5; k < 14; k++) data[r][k] = text(7 + ((r + k) % 4));
    const file = await workbook('skala.xlsx', [{ sheet: 'Loket 2', data }]);
    const e = paten(['survey', 'import', file], { db: freshDb() });
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/nilai sampai 10 ada di 9 kolom unsur \(27 jawaban; pertama di sel F6\)/);
  });

  it('old .xls, .ods, a password-protected or broken workbook: a clear message, nothing stored', () => {
    const db = freshDb();
    const before = fileHash(db);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    const xls = writeFile(dir, 'lama.xls', ole);
    const r = paten(['survey', 'import', xls], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lama.xls');
    expect(r.stderr).toMatch(/\.xls/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const broken = writeFile(dir, 'putus.xlsx', Buffer.from('PK\x03\x04garbage'));
    const b = paten(['survey', 'import', broken], { db });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('putus.xlsx');
    expect(fileHash(db)).toBe(before);
  });
});
