/**
 * Every byte 0x80–0x9F of a Windows-1252 file (what Excel's "CSV (Comma delimited)" writes on an
 * Indonesian Windows) reaches the database as the real character through every importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { formsCsv, storedRows } from '../helpers/survey.js';

const HIGH = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i));
/** The same 32 bytes as Windows shows them (the five undefined ones keep their own code point). */
const EXPECTED = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
/** Bytes 0x80–0x9F plus é (0xE9) around ASCII, so the file is certainly not UTF-8. */
const TEXT_BYTES = Buffer.concat([Buffer.from('Kaf'), Buffer.from([0xe9]), Buffer.from(' '), HIGH, Buffer.from(' akhir')]);
const TEXT = `Kafé ${EXPECTED} akhir`;

let dir: string;
let db: string;

/** Writes an ASCII CSV where `@@` stands for the Windows-1252 test text. */
function cp1252File(name: string, lines: string[]): string {
  const parts = (lines.join('\r\n') + '\r\n').split('@@');
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) chunks.push(TEXT_BYTES);
    chunks.push(Buffer.from(p, 'ascii'));
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

function ok(args: string[]): void {
  const r = paten(args, { db });
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(() => {
  dir = tempDir('paten-1252-');
  db = sampleDb(dir);
});
afterAll(() => cleanup(dir));

describe('Windows-1252 bytes 0x80–0x9F through every importer', () => {
  it('the test text covers all 32 bytes', () => {
    expect([...EXPECTED]).toHaveLength(32);
  });

  it('desa import', () => {
    ok(['desa', 'import', cp1252File('desa.csv', ['kode;nama;jenis;kepala_desa;kontak;alamat_balai', '3516152001;Watesprojo;desa;@@;;Balai @@'])]);
    const d = patenJson(['desa', 'list'], { db }).find((x: { kode: string }) => x.kode === '3516152001');
    expect(d.kepala_desa).toBe(TEXT);
    expect(d.alamat_balai).toBe(`Balai ${TEXT}`);
  });

  it('layanan import', () => {
    ok(['layanan', 'import', cp1252File('layanan.csv', [
      'slug,nama,kategori,waktu_penyelesaian,biaya,produk_layanan,dasar_hukum,catatan,alias,bagian,no,teks',
      'uji-1252,Uji Karakter,non-perizinan,1 hari,Gratis,Surat,,@@,,persyaratan,1,Fotokopi @@',
    ])]);
    const l = patenJson(['layanan', 'show', 'uji-1252'], { db });
    expect(l.catatan).toBe(TEXT);
    expect(l.persyaratan).toEqual([`Fotokopi ${TEXT}`]);
  });

  it('bazar instansi import and bazar catat --file', () => {
    ok(['bazar', 'instansi', 'import', cp1252File('instansi.csv', [
      'nama,singkatan,jenis,kontak_nama,kontak_telepon,layanan,catatan',
      'Dinas Uji,DU,dinas,@@,,Layanan Uji,@@',
    ])]);
    const i = patenJson(['bazar', 'instansi', 'show', 'DU'], { db });
    expect(i.kontak_nama).toBe(TEXT);
    expect(i.catatan).toBe(TEXT);
    ok(['bazar', 'acara', 'add', '--tanggal', '2025-02-15']);
    ok(['bazar', 'undang', '1', '--instansi', 'DU']);
    ok(['bazar', 'catat', '1', '--file', cp1252File('hasil.csv', [
      'instansi,status,petugas,layanan,dilayani,catatan',
      'DU,hadir,@@,Layanan Uji,3,@@',
    ])]);
    const a = patenJson(['bazar', 'acara', 'show', '1'], { db });
    const du = a.instansi.find((x: { singkatan: string }) => x.singkatan === 'DU');
    expect(du).toMatchObject({ status: 'hadir', petugas: TEXT, catatan: TEXT, dilayani: 3 });
  });

  it('survey import (a saran cell)', () => {
    const csv = formsCsv([{ cells: [4, 4, 3, 4, 3, 4, 4, 3, 4], saran: '@@' }, { cells: [3, 3, 3, 3, 3, 3, 3, 3, 3], saran: 'biasa' }]);
    ok(['survey', 'import', cp1252File('skm.csv', csv.trimEnd().split('\n'))]);
    const rows = storedRows(db);
    expect(rows.map((r) => r.saran)).toEqual([TEXT, 'biasa']);
  });
});
