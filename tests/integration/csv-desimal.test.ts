/**
 * CSV written with `--pemisah ";"` (the file Excel with Indonesian regional settings opens) has a
 * decimal comma in every number, so Excel reads numbers as numbers; the default `,` keeps the plain
 * point that scripts read (issue 14). Checked on every writer that has decimals: ikm --csv,
 * report ikm --format csv (every table), bazar laporan (every table), and the registry exports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, paten, sampleDb, tempDir } from '../helpers/cli.js';
import { seedRows } from '../helpers/skm-seed.js';

const dir = tempDir('paten-csv-desimal-');
let db: string;
const out = (name: string) => path.join(dir, name);
afterAll(() => cleanup(dir));

function ok(args: string[]) {
  const r = paten(args, { db });
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')}: ${r.stderr}`);
  return r;
}

function cells(text: string, delimiter: string): string[] {
  return (parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][]).flat();
}

const POINT = /^-?\d+\.\d+%?$/;
const COMMA = /^-?\d+,\d+%?$/;

/** Every decimal of a `;` file has a comma and none a point; a `,` file the other way round. */
function expectDecimals(text: string, delimiter: ',' | ';', what: string): number {
  const all = cells(text, delimiter);
  const [want, never] = delimiter === ';' ? [COMMA, POINT] : [POINT, COMMA];
  expect(all.filter((c) => never.test(c)), what).toEqual([]);
  return all.filter((c) => want.test(c)).length;
}

beforeAll(() => {
  db = sampleDb(dir);
  const nilai = [[4, 4, 3, 4, 3, 4, 4, 3, 4], [3, 3, 4, 2, 4, 3, 3, 4, 3], [2, 3, 4, 3, 2, 3, 4, 3, 2], [4, 3, 3, 4, 4, 3, 4, 4, 3]];
  seedRows(db, nilai.map((n, i) => ({ tanggal: `2025-0${3 + i}-0${1 + i}`, layanan: i % 2 ? 'ktp-el' : 'sktm', desa: 'Betro', jenis_kelamin: i % 2 ? 'P' : 'L', nilai: n })));
  ok(['bazar', 'instansi', 'add', '--nama', 'Dinas Uji', '--jenis', 'dinas', '--layanan', 'KTP-el', '--layanan', 'KIA']);
  ok(['bazar', 'instansi', 'add', '--nama', 'Puskesmas Uji', '--jenis', 'kesehatan', '--layanan', 'Cek gula darah']);
  ok(['bazar', 'acara', 'add', '--tanggal', '2025-02-15']);
  ok(['bazar', 'acara', 'add', '--tanggal', '2025-04-12']);
  ok(['bazar', 'undang', '1', '--semua']);
  ok(['bazar', 'undang', '2', '--semua']);
  ok(['bazar', 'hadir', '1', 'Dinas Uji', '--layanan', 'KTP-el', '--dilayani', '7', '--layanan', 'KIA', '--dilayani', '3']);
  ok(['bazar', 'hadir', '2', 'Dinas Uji', '--layanan', 'KTP-el', '--dilayani', '4']);
  ok(['bazar', 'hadir', '2', 'Puskesmas Uji', '--status', 'tidak-hadir']);
});

describe('decimal comma in ;-separated CSV', () => {
  it('ikm --csv: per unsur and per layanan', () => {
    for (const per of [[], ['--per', 'layanan']]) {
      const semi = ok(['ikm', '--tahun', '2025', ...per, '--csv', '--pemisah', ';']).stdout;
      const koma = ok(['ikm', '--tahun', '2025', ...per, '--csv']).stdout;
      expect(expectDecimals(semi, ';', `ikm ${per.join(' ')} ;`)).toBeGreaterThan(5);
      expect(expectDecimals(koma, ',', `ikm ${per.join(' ')} ,`)).toBeGreaterThan(5);
      // The same numbers, only the decimal mark differs.
      expect(cells(semi, ';').map((c) => c.replace(COMMA, (m) => m.replace(',', '.')))).toEqual(cells(koma, ','));
    }
  });

  it('report ikm --format csv: every table', () => {
    ok(['report', 'ikm', '--tahun', '2025', '--format', 'csv', '--pemisah', ';', '--out', out('semi')]);
    ok(['report', 'ikm', '--tahun', '2025', '--format', 'csv', '--out', out('koma')]);
    const files = fs.readdirSync(dir).filter((f) => /^semi-.*\.csv$/.test(f));
    expect(files.length).toBeGreaterThan(4);
    let semi = 0;
    let koma = 0;
    for (const f of files) {
      semi += expectDecimals(fs.readFileSync(out(f), 'utf8'), ';', f);
      koma += expectDecimals(fs.readFileSync(out(f.replace(/^semi/, 'koma')), 'utf8'), ',', f);
    }
    expect(semi).toBeGreaterThan(10);
    expect(semi).toBe(koma);
  });

  it('bazar laporan: the year tables and one event', () => {
    let semi = 0;
    for (const tabel of ['acara', 'bulan', 'instansi', 'layanan']) {
      semi += expectDecimals(ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--tabel', tabel, '--pemisah', ';']).stdout, ';', tabel);
      expectDecimals(ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--tabel', tabel]).stdout, ',', tabel);
    }
    expectDecimals(ok(['bazar', 'laporan', '--acara', '2', '--format', 'csv', '--pemisah', ';']).stdout, ';', 'acara 2');
    expect(semi).toBeGreaterThan(0);
  });

  it('registry exports and templates keep codes and text as they are', () => {
    const desa = ok(['desa', 'export', '--pemisah', ';']).stdout;
    expect(desa).toContain('3516152002;Betro');
    expectDecimals(desa, ';', 'desa export');
    expectDecimals(ok(['layanan', 'export', '--format', 'csv', '--pemisah', ';']).stdout, ';', 'layanan export');
    expectDecimals(ok(['bazar', 'instansi', 'export', '--pemisah', ';']).stdout, ';', 'instansi export');
  });
});
