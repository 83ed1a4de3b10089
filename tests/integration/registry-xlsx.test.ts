/**
 * The registry imports (desa, layanan, bazar instansi, bazar catat --file) take .xlsx workbooks:
 * the same data as a workbook imports exactly like the CSV, numbers typed as numbers included;
 * problems name sheet and cell; unreadable workbooks change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { expectUserError } from '../helpers/bazar.js';
import { odsBytes, ole2Bytes } from '../helpers/xlsx.js';

type Cell = string | number | null;
let dir: string;
let n = 0;

function freshDb(): string {
  const sub = path.join(dir, `db${++n}`);
  fs.mkdirSync(sub);
  return sampleDb(sub);
}

function csvFile(name: string, rows: Cell[][]): string {
  const f = path.join(dir, name);
  const field = (v: Cell) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  fs.writeFileSync(f, rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n');
  return f;
}

async function xlsxFile(name: string, sheets: { sheet: string; data: Cell[][] }[]): Promise<string> {
  const f = path.join(dir, name);
  await writeExcelFile(sheets).toFile(f);
  return f;
}

/** JSON output without the import time stamps, so two databases can be compared. */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(x) ? '<waktu>' : x)));
}

const DESA: Cell[][] = [
  ['kode', 'nama', 'jenis', 'kepala_desa', 'kontak', 'alamat_balai'],
  [3516152001, 'Watesprojo', 'desa', 'Sutrisno', '081234567890', 'Jl. Raya Watesprojo 1'],
  [3516152099, 'Sumberbaru', 'desa', 'Hj. Siti Aminah', null, 'Balai Desa Sumberbaru'],
  [3516151098, 'Kemlagi Kota', 'kelurahan', null, null, null],
];
const LAYANAN: Cell[][] = [
  ['slug', 'nama', 'kategori', 'waktu_penyelesaian', 'biaya', 'produk_layanan', 'dasar_hukum', 'catatan', 'alias', 'bagian', 'no', 'teks'],
  ['uji-xlsx', 'Surat Uji Excel', 'non-perizinan', '1 hari', 'Gratis', 'Surat', null, null, 'uji excel | sue', 'persyaratan', 1, 'Fotokopi KTP'],
  ['uji-xlsx', null, null, null, null, null, null, null, null, 'persyaratan', 2, 'Pengantar RT/RW'],
  ['uji-xlsx', null, null, null, null, null, null, null, null, 'prosedur', 1, 'Datang ke loket'],
];
const INSTANSI: Cell[][] = [
  ['nama', 'singkatan', 'jenis', 'kontak_nama', 'kontak_telepon', 'layanan', 'catatan'],
  ['Dinas Kependudukan dan Pencatatan Sipil', 'Dispendukcapil', 'dinas', 'Rina', '0335123456', 'Perekaman KTP-el; Kartu Keluarga', null],
  ['Kepolisian Sektor Kemlagi', 'Polsek Kemlagi', 'tni-polri', null, null, 'SKCK', 'bawa map'],
];
const CATAT: Cell[][] = [
  ['instansi', 'status', 'petugas', 'layanan', 'dilayani', 'catatan'],
  ['Dispendukcapil', null, 'Rina', 'Perekaman KTP-el', 45, null],
  ['Dispendukcapil', null, null, 'Kartu Keluarga', 20, null],
  ['Polsek Kemlagi', 'tidak hadir', null, null, null, 'bentrok'],
];

beforeAll(() => {
  dir = tempDir('paten-regxlsx-');
});
afterAll(() => cleanup(dir));

describe('registry imports read .xlsx like CSV', () => {
  it('desa import: same result as the CSV (kode typed as a number), re-import changes nothing', async () => {
    const csv = csvFile('desa.csv', DESA);
    const xlsx = await xlsxFile('desa.xlsx', [{ sheet: 'Desa', data: DESA }]);
    const a = freshDb();
    const b = freshDb();
    const ra = patenJson(['desa', 'import', csv], { db: a });
    const rb = patenJson(['desa', 'import', xlsx], { db: b });
    expect(rb).toEqual(ra);
    expect(rb.baru).toHaveLength(2);
    expect(plain(patenJson(['desa', 'list'], { db: b }))).toEqual(plain(patenJson(['desa', 'list'], { db: a })));
    const again = patenJson(['desa', 'import', xlsx], { db: a });
    expect(again.baru).toEqual([]);
    expect(again.diubah).toEqual([]);
  });

  it('layanan import: same catalog entry as from CSV', async () => {
    const csv = csvFile('layanan.csv', LAYANAN);
    const xlsx = await xlsxFile('layanan.xlsx', [{ sheet: 'Katalog', data: LAYANAN }]);
    const a = freshDb();
    const b = freshDb();
    patenJson(['layanan', 'import', csv], { db: a });
    expect(patenJson(['layanan', 'import', xlsx], { db: b }).baru).toEqual(['uji-xlsx']);
    const lb = patenJson(['layanan', 'show', 'uji-xlsx'], { db: b });
    expect(lb).toMatchObject({ persyaratan: ['Fotokopi KTP', 'Pengantar RT/RW'], prosedur: ['Datang ke loket'], alias: ['uji excel', 'sue'] });
    expect(plain(lb)).toEqual(plain(patenJson(['layanan', 'show', 'uji-xlsx'], { db: a })));
    expect(patenJson(['layanan', 'import', xlsx], { db: a }).tetap).toEqual(['uji-xlsx']);
  });

  it('bazar instansi import and bazar catat --file: same as CSV, counts typed as numbers', async () => {
    const dbs = [freshDb(), freshDb()];
    const files = [
      [csvFile('instansi.csv', INSTANSI), csvFile('hasil.csv', CATAT)],
      [await xlsxFile('instansi.xlsx', [{ sheet: 'Instansi', data: INSTANSI }]), await xlsxFile('hasil.xlsx', [{ sheet: 'Hasil', data: CATAT }])],
    ];
    const out = dbs.map((db, i) => {
      const imp = patenJson(['bazar', 'instansi', 'import', files[i][0]], { db });
      patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
      patenJson(['bazar', 'undang', '1', '--semua'], { db });
      const catat = patenJson(['bazar', 'catat', '1', '--file', files[i][1]], { db });
      return { imp, catat, instansi: plain(patenJson(['bazar', 'instansi', 'list'], { db })), acara: plain(patenJson(['bazar', 'acara', 'show', '1'], { db })) };
    });
    expect(out[1]).toEqual(out[0]);
    expect(out[1].catat).toMatchObject({ dilayani: 65 });
    const by = Object.fromEntries((out[1].acara as { instansi: { singkatan: string }[] }).instansi.map((x) => [x.singkatan, x]));
    expect(by['Polsek Kemlagi']).toMatchObject({ status: 'tidak-hadir', catatan: 'bentrok' });
    expect(patenJson(['bazar', 'catat', '1', '--file', files[1][1]], { db: dbs[0] }).tetap).toHaveLength(2);
  });

  it('takes the first sheet with data and names sheet and cell in problems (positions kept)', async () => {
    // Row 1 and column A empty, an empty first sheet: the header is at B2, the bad jenis at D4.
    const shifted = [[], ...DESA.map((r) => [null, ...r])];
    shifted[3][3] = 'kota';
    const f = await xlsxFile('desa-salah.xlsx', [{ sheet: 'Petunjuk', data: [] }, { sheet: 'Daftar Desa', data: shifted }]);
    const db = freshDb();
    const before = fileHash(db);
    const r = paten(['desa', 'import', f], { db });
    expectUserError(r, /desa-salah\.xlsx, lembar "Daftar Desa": tidak ada desa yang diimpor/);
    expect(r.stderr).toMatch(/desa-salah\.xlsx, lembar "Daftar Desa", sel D4: /);
    expect(fileHash(db)).toBe(before);
    const wrong = await xlsxFile('desa-kolom.xlsx', [{ sheet: 'Desa', data: [['nomor', 'nama'], [1, 'Watesprojo']] }]);
    expectUserError(paten(['desa', 'import', wrong], { db }), /desa-kolom\.xlsx, lembar "Desa": kolom "kode" tidak ditemukan/);
    const empty = await xlsxFile('kosong.xlsx', [{ sheet: 'Lembar1', data: [] }]);
    expectUserError(paten(['desa', 'import', empty], { db }), /kosong\.xlsx: buku kerja kosong/);
    expect(fileHash(db)).toBe(before);
  });
});

describe('registry imports refuse unreadable workbooks and change nothing', () => {
  let db: string;
  const bad: [string, RegExp][] = [];
  beforeAll(async () => {
    db = freshDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    const good = fs.readFileSync(await xlsxFile('baik.xlsx', [{ sheet: 'Desa', data: DESA }]));
    const put = (name: string, bytes: Uint8Array) => fs.writeFileSync(path.join(dir, name), bytes);
    put('lama.xls', ole2Bytes(false));
    put('sandi.xlsx', ole2Bytes(true));
    put('lo.ods', odsBytes());
    put('potong.xlsx', good.subarray(0, Math.floor(good.length / 2)));
    bad.push(
      ['lama.xls', /lama\.xls: .*format Excel lama \(\.xls\)/],
      ['sandi.xlsx', /sandi\.xlsx: .*dilindungi kata sandi/],
      ['lo.ods', /lo\.ods: .*OpenDocument \(\.ods\)/],
      ['potong.xlsx', /potong\.xlsx: .*rusak atau terpotong/],
    );
  });
  const commands: [string, (f: string) => string[]][] = [
    ['desa import', (f) => ['desa', 'import', f]],
    ['layanan import', (f) => ['layanan', 'import', f]],
    ['bazar instansi import', (f) => ['bazar', 'instansi', 'import', f]],
    ['bazar catat --file', (f) => ['bazar', 'catat', '1', '--file', f]],
  ];
  for (const [label, args] of commands) {
    it(label, () => {
      const before = fileHash(db);
      for (const [name, message] of bad) {
        const r = paten(args(path.join(dir, name)), { db });
        expectUserError(r, message);
        expect(r.stderr).toMatch(/Save As|Encrypt with Password/);
      }
      expect(fileHash(db)).toBe(before);
    });
  }
});
