import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { writeTransaction } from '../../src/db/write.js';
import { addDesa, DESA_FIELDS, editDesa, importDesaCsv } from '../../src/desa/index.js';
import { findLayanan, importLayanan, LAYANAN_CSV_HEADER, LAYANAN_FIELDS } from '../../src/layanan/index.js';
import { importInstansiCsv, INSTANSI_CSV_HEADER, INSTANSI_FIELDS } from '../../src/bazar/instansi.js';
import { ACARA_FIELDS, checkAcara } from '../../src/bazar/acara.js';
import { expectedPrefix, kodeDesaWarning, kodeKecamatanWarning } from '../../src/desa/kode.js';
import { changedLabels, exportCells, matchHeader, promptCheck } from '../../src/registry/fields.js';
import { UserError } from '../../src/core/errors.js';
import type { CsvTable } from '../../src/core/csv.js';
import { cleanup, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

function table(header: string[], rows: string[][]): CsvTable {
  return { file: 'desa.csv', header, records: rows.map((values, i) => ({ line: i + 2, values })) } as CsvTable;
}

describe('desa field table', () => {
  it('matches the header variants, exports in table order, labels changes', () => {
    expect(matchHeader(DESA_FIELDS, ['Kode Wilayah', 'Nama Desa', 'Kades', 'No HP', 'Nama Lain', 'Lain'])).toEqual(['kode', 'nama', 'kepala_desa', 'kontak', 'alias', null]);
    expect(exportCells(DESA_FIELDS, { kode: '3516152001', nama: 'Betro', jenis: 'desa', kepala_desa: null, kontak: '0812', alamat_balai: null, alias: ['Btr', 'Betro Kulon'] })).toEqual([
      '3516152001', 'Betro', 'desa', '', '0812', '', 'Btr | Betro Kulon',
    ]);
    expect(changedLabels(DESA_FIELDS, { kode: '1', nama: 'A', alias: ['x'] }, { kode: '1', nama: 'B', alias: ['x', 'y'] })).toEqual(['nama', 'alias']);
  });

  it('the kode field validator is what the prompt uses as it is typed', () => {
    const kode = DESA_FIELDS.find((f) => f.key === 'kode')!;
    expect(promptCheck(kode)('35161520')).toMatch(/harus 10 angka/);
    expect(promptCheck(kode)('35.16.15.2001')).toBe(true);
  });
});

describe('issue 14: kode wilayah warnings', () => {
  it('names the expected prefix, from the profile or from the registered desa', () => {
    expect(expectedPrefix('35.16.15', [])).toBe('351615');
    expect(expectedPrefix(null, ['3516152001', '3516152002', '3517012001'])).toBe('351615');
    expect(expectedPrefix(null, ['3516152001'])).toBeNull();
    expect(kodeDesaWarning('3517012001', '351615', 'Sooko')).toMatch(/Kode 35\.17\.01\.2001 \(Sooko\) bukan kode desa di kecamatan ini: kode desa di sini diawali 35\.16\.15/);
    expect(kodeDesaWarning('3516152001', '351615', 'Betro')).toBeNull();
    expect(kodeKecamatanWarning('35.16', ['3516152001', '3516152002'])).toMatch(/6 angka.*"35\.16" \(4 angka\); desa yang terdaftar diawali 35\.16\.15/);
    expect(kodeKecamatanWarning('35.16.15', [])).toBeNull();
  });
});

describe('importRegistry and the write helper', () => {
  it('reports {baru, diubah: {kunci, bidang}[], tetap} and warns for codes outside the kecamatan', () => {
    const db = openDatabase(path.join(dir, 'a.db'), { create: true });
    const t = table(['kode', 'nama', 'kontak'], [['3516152001', 'Betro', ''], ['3517012001', 'Sooko', '']]);
    const r1 = importDesaCsv(db, t, { kodeKecamatan: '35.16.15', now: '2026-12-03 08:00:00' });
    expect(r1.baru).toEqual(['Betro', 'Sooko']);
    expect(r1.peringatan).toHaveLength(1);
    expect(r1.peringatan[0]).toContain('diawali 35.16.15');
    const t2 = table(['kode', 'nama', 'kontak'], [['3516152001', 'Betro', '0812'], ['3517012001', 'Sooko', '']]);
    const r2 = importDesaCsv(db, t2, { kodeKecamatan: '35.16.15' });
    expect(r2).toMatchObject({ baru: [], diubah: [{ kunci: 'Betro', bidang: ['kontak'] }], tetap: ['Sooko'] });
    expect(editDesa(db, 'Betro', { kode: '3517012002' }, undefined, { kodeKecamatan: '351615' }).peringatan[0]).toContain('35.17.01.2002');
    db.close();
  });

  it('a writer that meets another process holding the lock gets the Indonesian busy message', () => {
    const file = path.join(dir, 'busy.db');
    const a = openDatabase(file, { create: true });
    const b = openDatabase(file);
    b.pragma('busy_timeout = 50');
    a.exec('BEGIN IMMEDIATE');
    try {
      expect(() => addDesa(b, { kode: '3516152001', nama: 'Betro' })).toThrow(UserError);
      expect(() => writeTransaction(b, () => 1)).toThrow(/Basis data sedang dikunci oleh proses lain terlalu lama; basis data tidak berubah/);
    } finally {
      a.exec('ROLLBACK');
    }
    expect(addDesa(b, { kode: '3516152001', nama: 'Betro' }).desa.nama).toBe('Betro');
    a.close();
    b.close();
  });
});

describe('layanan on the registry importer', () => {
  it('upserts by slug, reports {kunci, bidang}, lets an alias move inside the file and finds one layanan by key', () => {
    const db = openDatabase(path.join(dir, 'layanan.db'), { create: true });
    const a = { slug: 'sktm', nama: 'SKTM', persyaratan: ['Pengantar RT'], alias: ['surat miskin'] };
    const b = { slug: 'domisili', nama: 'Surat Domisili' };
    const r1 = importLayanan(db, 'k.json', [{ input: a, where: { label: 'layanan nomor 1' } }, { input: b, where: { label: 'layanan nomor 2' } }], '2026-12-01 08:00:00');
    expect(r1).toEqual({ baru: ['sktm', 'domisili'], diubah: [], tetap: [], tidak_disebut: [] });
    const r2 = importLayanan(db, 'k.json', [{ input: { ...a, alias: [] }, where: {} }, { input: { ...b, alias: ['surat miskin'] }, where: {} }]);
    expect(r2.diubah).toEqual([{ kunci: 'sktm', bidang: ['alias'] }, { kunci: 'domisili', bidang: ['alias'] }]);
    expect(findLayanan(db, 'Surat Miskin')?.slug).toBe('domisili');
    expect(() => importLayanan(db, 'k.json', [{ input: { slug: 'lain', nama: 'Lain', alias: ['surat miskin'] }, where: { label: 'layanan nomor 1' } }])).toThrow(
      /k\.json: katalog tidak diimpor/,
    );
    expect(findLayanan(db, 'lain')).toBeUndefined();
    db.close();
  });

  it('flags and the catalog CSV header come from LAYANAN_FIELDS', () => {
    expect(LAYANAN_FIELDS.map((f) => f.flag)).toEqual(['slug', 'nama', 'kategori', 'syarat', 'prosedur', 'waktu', 'biaya', 'produk', 'dasar-hukum', 'catatan', 'alias']);
    expect(LAYANAN_CSV_HEADER).toEqual(['slug', 'nama', 'kategori', 'waktu', 'biaya', 'produk', 'dasar_hukum', 'catatan', 'alias', 'bagian', 'no', 'teks']);
  });
});

describe('bazar instansi and acara on field tables', () => {
  it('instansi: flags, CSV header and aliases from INSTANSI_FIELDS; the import reports {kunci, bidang}', () => {
    expect(INSTANSI_FIELDS.map((f) => f.flag)).toEqual(['nama', 'singkatan', 'jenis', 'kontak', 'telepon', 'layanan', 'catatan']);
    expect(INSTANSI_CSV_HEADER).toEqual(['nama', 'singkatan', 'jenis', 'kontak_nama', 'kontak_telepon', 'layanan', 'catatan']);
    expect(matchHeader(INSTANSI_FIELDS, ['Nama Instansi', 'Akronim', 'Kategori', 'Narahubung', 'No HP', 'Layanan Dibawa', 'Keterangan'])).toEqual([
      'nama', 'singkatan', 'jenis', 'kontak_nama', 'kontak_telepon', 'layanan', 'catatan',
    ]);
    const db = openDatabase(path.join(dir, 'bazar.db'), { create: true });
    const t = (rows: string[][]) => ({ ...table(['nama', 'singkatan', 'jenis', 'layanan'], rows), file: 'instansi.csv' });
    expect(importInstansiCsv(db, t([['Polsek Mayangan', 'Polsek', 'polri', 'SKCK']])).baru).toEqual(['Polsek Mayangan']);
    const r = importInstansiCsv(db, t([['Polsek Mayangan', 'Polsek', 'polri', 'SKCK; SIM']]));
    expect(r).toEqual({ baru: [], diubah: [{ kunci: 'Polsek Mayangan', bidang: ['layanan'] }], tetap: [] });
    expect(() => importInstansiCsv(db, t([['Polres', 'Polsek Mayangan', 'polri', '']]))).toThrow(/instansi\.csv: tidak ada instansi yang diimpor/);
    db.close();
  });

  it('acara: the flags and change labels come from ACARA_FIELDS; checkAcara names the field', () => {
    expect(ACARA_FIELDS.map((f) => f.flag)).toEqual(['tanggal', 'tempat', 'tema', 'status', 'catatan']);
    expect(checkAcara({ tanggal: '2025-02-30', tempat: 'Balai' })).toEqual({ ok: false, errors: [{ field: 'tanggal', message: expect.stringContaining('tidak valid') }] });
    expect(changedLabels(ACARA_FIELDS, { tanggal: '2025-02-15', tempat: 'A', status: 'rencana' }, { tanggal: '2025-02-15', tempat: 'B', status: 'batal' })).toEqual(['tempat', 'status']);
  });
});
