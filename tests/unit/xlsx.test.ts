import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { strToU8, zipSync } from 'fflate';
import { formatProblem, UserError } from '../../src/core/errors.js';
import { cellText, columnName, readWorkbook, spreadsheetKind, type SheetData } from '../../src/core/xlsx.js';
import { cleanup, ROOT, tempDir } from '../helpers/cli.js';
import { num, odsBytes, ole2Bytes, rawXlsxBytes, str, writeRawXlsx } from '../helpers/xlsx.js';

let dir: string;
const f = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = tempDir('paten-xlsx-');
  await writeExcelFile([
    { sheet: 'Desa', data: [[null, 'kode', 'nama'], [null, 3516100001, 'Sukamaju'], [null, 0.1 + 0.2, { type: 'Formula', value: '=1+2' }]] },
    { sheet: 'Kosong', data: [] },
    { sheet: 'Ketiga', data: [[true, 'x']] },
  ]).toFile(f('biasa.xlsx'));
  writeRawXlsx(f('c5.xlsx'), [{ name: 'Data', sheetData: `<row r="5">${str('C5', 'nama')}${str('D5', 'nilai')}</row><row r="6">${str('C6', 'Betro')}${num('D6', 4)}</row>` }]);
  writeRawXlsx(f('merged.xlsx'), [
    {
      name: 'Rekap',
      sheetData: `<row r="1">${str('A1', 'Unsur')}<c r="B1"/><c r="C1"/></row><row r="2">${str('A2', 'U1')}${str('B2', 'U2')}${str('C2', 'U3')}</row>`,
      after: '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>',
    },
  ]);
  writeRawXlsx(f('formula.xlsx'), [
    {
      name: 'F',
      sheetData:
        '<row r="1">' +
        '<c r="A1"><f>SUM(1,2)</f><v>3</v></c>' + // numeric formula with its cached value
        '<c r="B1" t="str"><f>CONCATENATE("a","b")</f><v>ab</v></c>' + // text formula, cached
        '<c r="C1" t="str"><f>CONCATENATE("a","b")</f></c>' + // text formula, never calculated
        '<c r="D1"><f>SUM(1,2)</f></c>' + // numeric formula, never calculated
        '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' + // error value
        '<c r="F1" t="s"><v>0</v></c>' + // shared string
        '</row>',
    },
  ], ['dibagi']);
  // Date-time serials near midnight and with fractions of a second (style 1 = yyyy-mm-dd hh:mm:ss).
  const t = (h: number, m: number, s: number) => 45691 + (h * 3600 + m * 60 + s) / 86400; // 45691 = 2025-02-03
  writeRawXlsx(f('dates.xlsx'), [
    {
      name: 'Waktu',
      sheetData:
        `<row r="1">${num('A1', 45691, 1)}${num('B1', t(0, 0, 1), 1)}${num('C1', t(23, 59, 59), 1)}` +
        `${num('D1', t(23, 59, 59.6), 1)}${num('E1', t(14, 5, 59.6), 1)}${num('F1', t(14, 5, 59.4), 1)}${num('G1', t(7, 0, 0) - 1e-9, 1)}</row>`,
    },
  ]);
  fs.writeFileSync(f('lama.xls'), ole2Bytes(false));
  fs.writeFileSync(f('xls-bernama.xlsx'), ole2Bytes(false));
  fs.writeFileSync(f('sandi.xlsx'), ole2Bytes(true));
  fs.writeFileSync(f('lo.ods'), odsBytes());
  const good = fs.readFileSync(f('biasa.xlsx'));
  fs.writeFileSync(f('potong.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  fs.writeFileSync(f('arsip.xlsx'), zipSync({ 'data.csv': strToU8('a,b\n1,2\n') }));
  fs.writeFileSync(f('teks.xlsx'), 'kode,nama\n1,Betro\n');
  fs.writeFileSync(f('kosong.xlsx'), '');
  fs.writeFileSync(f('data.csv'), 'kode,nama\n1,Betro\n');
  fs.writeFileSync(f('tanpa-lembar.xlsx'), rawXlsxBytes([]));
  fs.mkdirSync(f('folder.xlsx'));
});
afterAll(() => cleanup(dir));

const texts = (s: SheetData) => s.rows.map((r) => r.map(cellText));

describe('cellText', () => {
  it('writes numbers as plain decimals without float noise or exponent', () => {
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(3516100001)).toBe('3516100001');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(-0.5)).toBe('-0.5');
    expect(cellText(-0)).toBe('0');
    expect(cellText(0)).toBe('0');
    expect(cellText(4)).toBe('4');
    expect(cellText(1 / 3)).toBe('0.333333333333333');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
    expect(cellText(-1.25e-10)).toBe('-0.000000000125');
    expect(cellText(83.38000000000001)).toBe('83.38');
    expect(cellText(123456789012345680)).toBe('123456789012346000');
    expect(cellText(2.675)).toBe('2.675');
  });
  it('writes dates from the UTC fields, rounded to the second', () => {
    expect(cellText(new Date(Date.UTC(2025, 1, 3)))).toBe('2025-02-03');
    expect(cellText(new Date(Date.UTC(2025, 1, 3, 14, 5, 59, 600)))).toBe('2025-02-03 14:06:00');
    expect(cellText(new Date(Date.UTC(2025, 1, 3, 23, 59, 59, 400)))).toBe('2025-02-03 23:59:59');
    expect(cellText(new Date(Date.UTC(2025, 1, 3, 23, 59, 59, 500)))).toBe('2025-02-04');
    expect(cellText(new Date(Date.UTC(2025, 1, 3, 0, 0, 0, 499)))).toBe('2025-02-03');
  });
  it('writes booleans, empty cells and strings', () => {
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(null)).toBe('');
    expect(cellText('  Ds. Sukamaju ')).toBe('  Ds. Sukamaju ');
  });
});

describe('columnName and formatProblem', () => {
  it('names columns like Excel', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('names sheet and cell for workbooks, line and column for CSV', () => {
    expect(formatProblem({ file: 'skm.xlsx', sheet: 'KTP-el', line: 12, column: 6, message: 'nilai 7' })).toBe('skm.xlsx, lembar "KTP-el", sel F12: nilai 7');
    expect(formatProblem({ file: 'skm.xlsx', sheet: 'KTP-el', line: 12, message: 'kosong' })).toBe('skm.xlsx, lembar "KTP-el", baris 12: kosong');
    expect(formatProblem({ file: 'skm.xlsx', sheet: 'KTP-el', line: 3, column: 'U1', message: 'x' })).toBe('skm.xlsx, lembar "KTP-el", baris 3, kolom "U1": x');
    expect(formatProblem({ file: 'skm.xlsx', sheet: 'KTP-el', message: 'x' })).toBe('skm.xlsx, lembar "KTP-el": x');
    expect(formatProblem({ file: 'skm.xlsx', sheet: 'A', line: 1, column: 27, message: 'x' })).toBe('skm.xlsx, lembar "A", sel AA1: x');
    expect(formatProblem({ file: 'desa.csv', line: 12, column: 6, message: 'x' })).toBe('desa.csv, baris 12, kolom 6: x');
    expect(formatProblem({ file: 'desa.csv', line: 12, column: 'nama', message: 'x' })).toBe('desa.csv, baris 12, kolom "nama": x');
  });
});

describe('readWorkbook', () => {
  it('returns every sheet in workbook order with positions kept', async () => {
    const wb = await readWorkbook(f('biasa.xlsx'));
    expect(wb.map((s) => s.name)).toEqual(['Desa', 'Kosong', 'Ketiga']);
    expect(texts(wb[0])).toEqual([
      ['', 'kode', 'nama'],
      ['', '3516100001', 'Sukamaju'],
      ['', '0.3', ''], // the formula write-excel-file wrote has no cached value: empty
    ]);
    expect(wb[0].rows[1][1]).toBe(3516100001);
    expect(wb[1].rows).toEqual([]);
    expect(wb[2].rows).toEqual([[true, 'x']]);
  });
  it('keeps leading empty rows and columns when the first cell is C5', async () => {
    const [s] = await readWorkbook(f('c5.xlsx'));
    expect(s.rows.length).toBe(6);
    expect(s.rows.slice(0, 4).every((r) => r.every((v) => v === null))).toBe(true);
    expect(s.rows[4]).toEqual([null, null, 'nama', 'nilai']);
    expect(s.rows[5]).toEqual([null, null, 'Betro', 4]);
  });
  it('reads the follower cells of a merged range as empty', async () => {
    const [s] = await readWorkbook(f('merged.xlsx'));
    expect(s.rows).toEqual([
      ['Unsur', null, null],
      ['U1', 'U2', 'U3'],
    ]);
  });
  it('reads formulas as their cached values; uncalculated formulas and errors as empty', async () => {
    const [s] = await readWorkbook(f('formula.xlsx'));
    expect(s.rows).toEqual([[3, 'ab', null, null, null, 'dibagi']]);
  });
  it('reads dates near midnight and rounds fractions of a second', async () => {
    const [s] = await readWorkbook(f('dates.xlsx'));
    expect(texts(s)).toEqual([['2025-02-03', '2025-02-03 00:00:01', '2025-02-03 23:59:59', '2025-02-04', '2025-02-03 14:06:00', '2025-02-03 14:05:59', '2025-02-03 07:00:00']]);
  });
  it('gives the same dates whatever the machine time zone', () => {
    const mod = pathToFileURL(path.join(ROOT, 'dist', 'core', 'xlsx.js')).href;
    const script = `const m = await import(${JSON.stringify(mod)}); const [s] = await m.readWorkbook(${JSON.stringify(f('dates.xlsx'))}); console.log(JSON.stringify(s.rows.map(r => r.map(m.cellText))));`;
    for (const tz of ['Asia/Jayapura', 'America/Los_Angeles', 'Asia/Jakarta']) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([['2025-02-03', '2025-02-03 00:00:01', '2025-02-03 23:59:59', '2025-02-04', '2025-02-03 14:06:00', '2025-02-03 14:05:59', '2025-02-03 07:00:00']]);
    }
  });
});

describe('spreadsheetKind', () => {
  it('tells files apart by content first, extension second', () => {
    expect(spreadsheetKind(f('biasa.xlsx'))).toBe('xlsx');
    expect(spreadsheetKind(f('lama.xls'))).toBe('xls');
    expect(spreadsheetKind(f('xls-bernama.xlsx'))).toBe('xls');
    expect(spreadsheetKind(f('sandi.xlsx'))).toBe('encrypted');
    expect(spreadsheetKind(f('lo.ods'))).toBe('ods');
    expect(spreadsheetKind(f('potong.xlsx'))).toBe('xlsx');
    expect(spreadsheetKind(f('arsip.xlsx'))).toBe('xlsx');
    expect(spreadsheetKind(f('data.csv'))).toBe(null);
    expect(spreadsheetKind(f('teks.xlsx'))).toBe('xlsx');
    expect(spreadsheetKind(f('tidak-ada.ods'))).toBe('ods');
    expect(spreadsheetKind(f('tidak-ada.csv'))).toBe(null);
    expect(spreadsheetKind(f('folder.xlsx'))).toBe('xlsx');
  });
});

describe('readWorkbook refuses what it cannot read, in Indonesian, with a way out', () => {
  const cases: [string, RegExp, RegExp][] = [
    ['tidak-ada.xlsx', /Berkas tidak ditemukan: .*tidak-ada\.xlsx/, /Periksa nama/],
    ['folder.xlsx', /folder\.xlsx adalah folder/, /berkas \.xlsx di dalam folder/],
    ['lama.xls', /lama\.xls: .*format Excel lama \(\.xls\)/, /Excel Workbook \(\.xlsx\)".*CSV UTF-8/],
    ['xls-bernama.xlsx', /xls-bernama\.xlsx: .*format Excel lama \(\.xls\)/, /Save As/],
    ['lo.ods', /lo\.ods: .*OpenDocument \(\.ods\)/, /LibreOffice: File → Save As/],
    ['sandi.xlsx', /sandi\.xlsx: .*kata sandi/, /kosongkan kata sandi/],
    ['potong.xlsx', /potong\.xlsx: .*rusak atau terpotong/, /Unduh atau salin ulang/],
    ['kosong.xlsx', /kosong\.xlsx: .*rusak atau terpotong/, /Unduh atau salin ulang/],
    ['arsip.xlsx', /arsip\.xlsx: .*arsip ZIP, bukan buku kerja/, /Ekstrak/],
    ['teks.xlsx', /teks\.xlsx: .*bukan buku kerja Excel/, /CSV UTF-8/],
    ['tanpa-lembar.xlsx', /tanpa-lembar\.xlsx: .*tidak berisi lembar kerja/, /Save As/],
  ];
  for (const [name, message, hint] of cases) {
    it(name, async () => {
      const e = await readWorkbook(f(name)).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toMatch(message);
      expect((e as UserError).hint).toMatch(hint);
    });
  }
});
