/**
 * Aliases and the list-editing convention (`--tambah-FIELD` / `--hapus-FIELD` next to the replacing
 * `--FIELD`) on desa and layanan, and desa aliases through CSV export and import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));
let db = '';
beforeAll(() => {
  db = sampleDb(dir);
});

function expectUserError(r: { code: number; stderr: string }, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

const desa = (key: string) => patenJson<any[]>(['desa', 'list'], { db }).find((d) => d.nama === key);

describe('desa aliases, item by item', () => {
  it('adds, keeps order, ignores a repeated add, removes one, and finds the desa by its alias', () => {
    let r = paten(['desa', 'edit', 'Betro', '--tambah-alias', 'Betro Kulon', '--tambah-alias', 'Btr'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Desa Betro diperbarui: alias/);
    expect(desa('Betro').alias).toEqual(['Betro Kulon', 'Btr']);
    r = paten(['desa', 'edit', 'Betro', '--tambah-alias', 'BETRO  kulon'], { db });
    expect(r.stderr).toMatch(/Tidak ada perubahan/);
    expect(patenJson(['desa', 'edit', 'btr', '--hapus-alias', 'btr'], { db }).diubah).toEqual(['alias']);
    expect(desa('Betro').alias).toEqual(['Betro Kulon']);
  });

  it('refuses removing an alias that is not there, mixing --alias with item edits, and aliases of another desa, changing nothing', () => {
    const before = fileHash(db);
    expectUserError(paten(['desa', 'edit', 'Betro', '--hapus-alias', 'Betro Wetan'], { db }), /--hapus-alias "Betro Wetan": tidak ada di daftar alias desa Betro \(isinya sekarang: "Betro Kulon"\)/);
    expectUserError(paten(['desa', 'edit', 'Betro', '--alias', 'X', '--tambah-alias', 'Y'], { db }), /--alias mengganti seluruh daftar/);
    expectUserError(paten(['desa', 'edit', 'Kedungsari', '--tambah-alias', 'betro kulon'], { db }), /alias "betro kulon" sudah dipakai desa Betro/);
    expectUserError(paten(['desa', 'edit', 'Kedungsari', '--tambah-alias', 'Kemlagi'], { db }), /alias "Kemlagi" adalah nama desa lain/);
    expect(fileHash(db)).toBe(before);
  });

  it('--alias on edit replaces the whole list, and on add sets it', () => {
    paten(['desa', 'edit', 'Japanan', '--tambah-alias', 'Jpn'], { db });
    expect(paten(['desa', 'edit', 'Japanan', '--alias', 'Japan', '--alias', 'Jap'], { db }).code).toBe(0);
    expect(desa('Japanan').alias).toEqual(['Japan', 'Jap']);
    const d = patenJson(['desa', 'add', '--kode', '3516152099', '--nama', 'Sukamaju', '--alias', 'Suka Maju'], { db });
    expect(d.alias).toEqual(['Suka Maju']);
  });

  it('exports aliases in an "alias" column and imports them back; a file without the column keeps them', () => {
    const out = path.join(dir, 'desa.csv');
    expect(paten(['desa', 'export', '--out', out], { db }).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFkode,nama,jenis,kepala_desa,kontak,alamat_balai,alias');
    expect(text).toContain('3516152012,Japanan,desa,,,Balai Desa Japanan,Japan | Jap');
    // Move "Jap" from Japanan to Tanjungan and add one to Mojorejo, in one file.
    const edited = text
      .replace('Balai Desa Japanan,Japan | Jap', 'Balai Desa Japanan,Japan')
      .replace('Balai Desa Tanjungan,', 'Balai Desa Tanjungan,Jap')
      .replace('Balai Desa Mojorejo,', 'Balai Desa Mojorejo,Mojo Rejo | Mjr');
    fs.writeFileSync(out, edited);
    const r = patenJson(['desa', 'import', out], { db });
    expect(r.diubah.map((d: { kunci: string }) => d.kunci).sort()).toEqual(['Japanan', 'Mojorejo', 'Tanjungan']);
    expect(r.diubah.find((d: { kunci: string }) => d.kunci === 'Tanjungan').bidang).toEqual(['alias']);
    expect(desa('Tanjungan').alias).toEqual(['Jap']);
    expect(desa('Mojorejo').alias).toEqual(['Mojo Rejo', 'Mjr']);
    expect(patenJson(['desa', 'import', out], { db }).diubah).toEqual([]);
    const noAlias = path.join(dir, 'tanpa-alias.csv');
    fs.writeFileSync(noAlias, 'kode,nama,jenis,kepala_desa,kontak,alamat_balai\n3516152015,Mojorejo,desa,,,Balai Desa Mojorejo\n');
    expect(patenJson(['desa', 'import', noAlias], { db }).tetap).toEqual(['Mojorejo']);
    expect(desa('Mojorejo').alias).toEqual(['Mojo Rejo', 'Mjr']);
  });

  it('an import whose alias names another desa is refused with line and column, nothing stored', () => {
    const bad = path.join(dir, 'bentrok.csv');
    fs.writeFileSync(bad, 'kode,nama,alias\n3516152015,Mojorejo,Mjr\n3516152016,Mojodadi,Betro Kulon\n');
    const before = fileHash(db);
    expectUserError(paten(['desa', 'import', bad], { db }), /bentrok\.csv, baris 3, kolom 3: alias "Betro Kulon" sudah dipakai desa Betro/);
    expect(fileHash(db)).toBe(before);
  });
});

describe('layanan lists, item by item', () => {
  it('--tambah-alias/--hapus-alias, --tambah-syarat/--hapus-syarat change one item; --alias still replaces', () => {
    const r = patenJson(['layanan', 'edit', 'sktm', '--tambah-alias', 'surat miskin', '--hapus-alias', 'SKTM', '--tambah-syarat', 'Fotokopi buku nikah'], { db });
    expect(r.diubah).toEqual(['persyaratan', 'alias']);
    expect(r.layanan.alias).toEqual(['surat tidak mampu', 'keterangan tidak mampu', 'surat miskin']);
    expect(r.layanan.persyaratan.at(-1)).toBe('Fotokopi buku nikah');
    const syarat = r.layanan.persyaratan.length;
    const r2 = patenJson(['layanan', 'edit', 'sktm', '--hapus-syarat', 'fotokopi BUKU nikah'], { db });
    expect(r2.layanan.persyaratan).toHaveLength(syarat - 1);
    expect(patenJson(['layanan', 'edit', 'sktm', '--alias', 'sktm'], { db }).layanan.alias).toEqual(['sktm']);
    expectUserError(paten(['layanan', 'edit', 'sktm', '--hapus-prosedur', 'Tidak ada'], { db }), /--hapus-prosedur "Tidak ada": tidak ada di daftar prosedur layanan sktm/);
    expectUserError(paten(['layanan', 'edit', 'sktm', '--tambah-alias', 'legalisir'], { db }), /alias "legalisir" sudah dipakai layanan legalisasi-dokumen/);
  });
});
