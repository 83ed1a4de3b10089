import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

let n = 0;
const fresh = () => path.join(dir, `db-${++n}.db`);

/** Asserts a failed command: exit 1, Indonesian message, no stack trace, and the DB file untouched. */
function expectUserError(r: { code: number; stderr: string }, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^Galat: /m);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('paten init and profil', () => {
  it('without a TTY and without required flags fails with a hint and creates no file', () => {
    const db = fresh();
    const r = paten(['init'], { db });
    expectUserError(r, /--nama, --kabupaten, --provinsi wajib diisi/);
    expect(r.stderr).toContain('Petunjuk');
    expect(fs.existsSync(db)).toBe(false);
  });

  it('creates the database from flags and shows the profile', () => {
    const db = fresh();
    const r = paten(['init', '--nama', 'Mayangan', '--kabupaten', 'Kota Probolinggo', '--provinsi', 'Jawa Timur', '--camat', 'Budi Santoso', '--nip', '198001012005011001'], { db });
    expect(r.code, r.stderr).toBe(0);
    const p = patenJson(['profil', 'show'], { db });
    expect(p).toMatchObject({ nama_kecamatan: 'Mayangan', kabupaten: 'Kota Probolinggo', provinsi: 'Jawa Timur', nama_camat: 'Budi Santoso', urutan_unsur: 'definisi' });
    const human = paten(['profil', 'show'], { db });
    expect(human.stdout).toMatch(/Nama kecamatan\s+Mayangan/);
  });

  it('profil set edits fields, reports no-ops, and rejects bad values leaving the file unchanged', () => {
    const db = fresh();
    paten(['init', '--nama', 'Kemlagi', '--kabupaten', 'Kabupaten Mojokerto', '--provinsi', 'Jawa Timur'], { db });
    const set = patenJson(['profil', 'set', '--whatsapp', '0812-1111-2222', '--jam-layanan', 'Senin–Jumat 08.00–15.00'], { db });
    expect(set.diubah).toEqual(['whatsapp', 'jam_layanan']);
    expect(set.profil.whatsapp).toBe('0812-1111-2222');
    const again = paten(['profil', 'set', '--whatsapp', '0812-1111-2222'], { db });
    expect(again.stderr).toContain('Tidak ada perubahan');
    const before = fileHash(db);
    expectUserError(paten(['profil', 'set', '--email', 'bukan-email'], { db }), /Email tidak valid: "bukan-email" \(argumen --email\)/);
    expectUserError(paten(['profil', 'set', '--website', 'kemlagi.go.id'], { db }), /--website/);
    expectUserError(paten(['profil', 'set', '--nama', ''], { db }), /Nama kecamatan wajib diisi/);
    expectUserError(paten(['profil', 'set', '--urutan-unsur', 'acak'], { db }), /definisi.*kuesioner/);
    expect(fileHash(db)).toBe(before);
  });

  it('init --contoh loads Kemlagi with its 20 desa and is idempotent', () => {
    const db = fresh();
    const first = patenJson(['init', '--contoh'], { db });
    expect(first.desa.baru).toHaveLength(20);
    expect(first.layanan.baru.length).toBeGreaterThanOrEqual(12);
    const second = patenJson(['init', '--contoh'], { db });
    expect(second.desa.baru).toHaveLength(0);
    expect(second.desa.tetap).toHaveLength(20);
    expect(second.layanan.baru).toHaveLength(0);
    expect(second.layanan.diubah).toHaveLength(0);
    const desa = patenJson(['desa', 'list'], { db });
    expect(desa[0]).toMatchObject({ kode: '3516152001', nama: 'Watesprojo', jenis: 'desa' });
    expect(desa[19]).toMatchObject({ kode: '3516152020', nama: 'Mojodowo' });
  });
});

describe('database location and safety', () => {
  it('--db beats PATEN_DB, which beats the default folder', () => {
    const a = fresh();
    const b = fresh();
    const viaEnv = patenJson(['info'], { env: { PATEN_DB: a } });
    expect(viaEnv).toMatchObject({ db: a, sumber: 'PATEN_DB', ada: false });
    const viaFlag = patenJson(['info'], { db: b, env: { PATEN_DB: a } });
    expect(viaFlag).toMatchObject({ db: b, sumber: '--db' });
    const home = path.join(dir, 'home');
    const viaDefault = patenJson(['info'], { env: { HOME: home, XDG_DATA_HOME: undefined } });
    expect(viaDefault.db).toBe(path.join(home, '.local', 'share', 'paten', 'paten.db'));
    expect(viaDefault.sumber).toBe('bawaan');
  });

  it('a command on a missing database says how to create it', () => {
    expectUserError(paten(['desa', 'list'], { db: fresh() }), /Basis data belum ada/);
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const f = path.join(dir, 'catatan.db');
    fs.writeFileSync(f, 'ini bukan basis data, hanya catatan rapat\n');
    const before = fileHash(f);
    expectUserError(paten(['desa', 'list'], { db: f }), /bukan berkas basis data paten/);
    expect(fileHash(f)).toBe(before);
  });

  it('refuses a database from a newer paten and leaves it untouched', () => {
    const db = sampleDb(tempDir());
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const before = fileHash(db);
    expectUserError(paten(['desa', 'list'], { db }), /versi paten yang lebih baru \(skema 99/);
    expect(fileHash(db)).toBe(before);
  });

  it('an unwritable database path is a clear user error', () => {
    const blocker = path.join(dir, 'sebuah-berkas');
    fs.writeFileSync(blocker, 'x');
    expectUserError(paten(['init', '--contoh'], { db: path.join(blocker, 'paten.db') }), /Tidak dapat membuat folder|tidak dapat dibuka|folder/);
  });

  it('db backup makes a usable copy and db check reports a healthy database', () => {
    const db = sampleDb(tempDir());
    const copy = path.join(dir, 'cadangan.db');
    const r = paten(['db', 'backup', copy], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(patenJson(['desa', 'list'], { db: copy })).toHaveLength(20);
    expectUserError(paten(['db', 'backup', copy], { db }), /sudah ada/);
    expect(paten(['db', 'backup', copy, '--timpa'], { db }).code).toBe(0);
    const check = patenJson(['db', 'check'], { db });
    expect(check).toMatchObject({ ok: true, keutuhan: ['ok'], pelanggaran_kunci_asing: 0 });
    expect(check.skema).toBe(check.skema_terbaru);
  });
});

describe('paten desa', () => {
  let db: string;
  beforeAll(() => {
    db = sampleDb(tempDir());
  });

  it('adds, edits and removes a desa; lookups work by kode or nama', () => {
    const added = patenJson(['desa', 'add', '--kode', '35.16.15.1021', '--nama', 'Kemlagi Baru', '--kepala-desa', 'Siti Aminah'], { db });
    expect(added).toMatchObject({ kode: '3516151021', jenis: 'kelurahan', kepala_desa: 'Siti Aminah' });
    const edited = patenJson(['desa', 'edit', 'kemlagi baru', '--kontak', '0813-0000-1111'], { db });
    expect(edited.diubah).toEqual(['kontak']);
    expect(paten(['desa', 'remove', '3516151021', '--yes'], { db }).code).toBe(0);
    expect(patenJson(['desa', 'list'], { db })).toHaveLength(20);
  });

  it('rejects duplicates, bad codes and unknown desa without changing anything', () => {
    const before = fileHash(db);
    expectUserError(paten(['desa', 'add', '--kode', '3516152001', '--nama', 'Lain'], { db }), /kode 3516152001 sudah dipakai desa Watesprojo/);
    expectUserError(paten(['desa', 'add', '--kode', '3516152099', '--nama', 'betro'], { db }), /nama "betro" sudah dipakai/);
    expectUserError(paten(['desa', 'add', '--kode', '12345', '--nama', 'Pendek'], { db }), /harus 10 angka/);
    expectUserError(paten(['desa', 'edit', 'Atlantis', '--kontak', '1'], { db }), /Desa tidak ditemukan: "Atlantis"/);
    expectUserError(paten(['desa', 'edit', 'Watesprojoo', '--kontak', '1'], { db }), /Desa tidak ditemukan: "Watesprojoo"\. Mungkin maksud Anda: Watesprojo \(3516152001\)\?/);
    expectUserError(paten(['desa', 'remove', 'Betro'], { db }), /--yes/);
    expect(fileHash(db)).toBe(before);
  });

  it('imports an Excel CSV (semicolon, BOM, CRLF, Windows-1252) and re-import changes nothing', () => {
    const d = tempDir();
    const db2 = path.join(d, 'p.db');
    paten(['init', '--nama', 'Uji', '--kabupaten', 'Kab. Uji', '--provinsi', 'Jawa Timur'], { db: db2 });
    const csv = 'Kode;Nama Desa;Jenis;Kepala Desa;Kontak;Alamat Balai\r\n3516152001;Watesprojo;Desa;Pak Hadi;0812;"Jl. Raya; No. 1"\r\n3516152002;Bétro;desa;;;\r\n';
    const f = path.join(d, 'desa.csv');
    fs.writeFileSync(f, Buffer.from(new TextEncoder().encode(csv).length ? latin1(csv) : []));
    const r = patenJson(['desa', 'import', f], { db: db2 });
    expect(r.baru).toEqual(['Watesprojo', 'Bétro']);
    const list = patenJson(['desa', 'list'], { db: db2 });
    expect(list[0]).toMatchObject({ kepala_desa: 'Pak Hadi', alamat_balai: 'Jl. Raya; No. 1' });
    expect(list[1].nama).toBe('Bétro');
    const again = patenJson(['desa', 'import', f], { db: db2 });
    expect(again).toEqual({ baru: [], diubah: [], jawaban_tertaut: 0, peringatan: [], tetap: ['Watesprojo', 'Bétro'] });
  });

  it('a bad CSV names file, line and column, lists every problem and imports nothing', () => {
    const d = tempDir();
    const f = path.join(d, 'desa-salah.csv');
    fs.writeFileSync(f, '\uFEFFkode,nama,jenis\n3516152021,Baru Satu,desa\n123,Pendek,desa\n3516152022,,desa\n3516152023,Baru Dua,dusun\n3516152021,Baru Tiga,desa\n');
    const before = fileHash(db);
    const r = paten(['desa', 'import', f], { db });
    expectUserError(r, /desa-salah\.csv: tidak ada desa yang diimpor \(4 masalah\)/);
    expect(r.stderr).toContain('desa-salah.csv, baris 3, kolom 1: kode wilayah desa harus 10 angka');
    expect(r.stderr).toContain('baris 4, kolom 2: nama wajib diisi');
    expect(r.stderr).toContain('baris 5, kolom 3: jenis harus "desa" atau "kelurahan", bukan "dusun"');
    expect(r.stderr).toContain('baris 6, kolom 1: kode 3516152021 sudah muncul di baris 2');
    expect(fileHash(db)).toBe(before);
    const q = path.join(d, 'kutip.csv');
    fs.writeFileSync(q, 'kode,nama\n3516152030,"Tanpa tutup\n');
    expectUserError(paten(['desa', 'import', q], { db }), /kutip\.csv, baris 2: tanda kutip/);
    expectUserError(paten(['desa', 'import', path.join(d, 'tidak-ada.csv')], { db }), /Berkas tidak ditemukan/);
    const bin = path.join(d, 'foto.csv');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expectUserError(paten(['desa', 'import', bin], { db }), /bukan CSV/);
    const headerOnly = path.join(d, 'judul.csv');
    fs.writeFileSync(headerOnly, 'kode,nama\n');
    expectUserError(paten(['desa', 'import', headerOnly], { db }), /hanya baris judul/);
    expect(fileHash(db)).toBe(before);
  });

  it('exports CSV that Excel opens (BOM, CRLF) and that imports back unchanged', () => {
    const out = path.join(tempDir(), 'ekspor-desa.csv');
    expect(paten(['desa', 'export', '--out', out, '--pemisah', ';'], { db }).code).toBe(0);
    const buf = fs.readFileSync(out);
    expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = buf.toString('utf8');
    expect(text).toContain('kode;nama;jenis;kepala_desa;kontak;alamat_balai;alias\r\n3516152001;Watesprojo;desa;');
    expect(patenJson(['desa', 'import', out], { db }).tetap).toHaveLength(20);
  });
});

/** Encodes text as Windows-1252 (Latin-1 for the characters used here). */
function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

describe('paten layanan', () => {
  let db: string;
  let work: string;
  beforeAll(() => {
    work = tempDir();
    db = sampleDb(work);
  });

  it('lists and shows the catalog', () => {
    const list = patenJson(['layanan', 'list'], { db });
    expect(list.length).toBeGreaterThanOrEqual(12);
    const sktm = patenJson(['layanan', 'show', 'SKTM'], { db });
    expect(sktm.slug).toBe('sktm');
    expect(sktm.persyaratan[0]).toBe('Surat pengantar RT/RW dan desa/kelurahan');
    const human = paten(['layanan', 'show', 'surat tidak mampu'], { db });
    expect(human.stdout).toContain('1. Surat pengantar RT/RW dan desa/kelurahan');
  });

  it('adds, edits and removes a layanan', () => {
    const add = patenJson(['layanan', 'add', '--nama', 'Surat Keterangan Usaha', '--syarat', 'Pengantar desa', '--syarat', 'Fotokopi KTP-el', '--waktu', '15 menit'], { db });
    expect(add).toMatchObject({ slug: 'surat-keterangan-usaha', biaya: 'Gratis', kategori: 'non-perizinan', persyaratan: ['Pengantar desa', 'Fotokopi KTP-el'] });
    const edit = patenJson(['layanan', 'edit', 'surat-keterangan-usaha', '--syarat', 'Pengantar desa', '--syarat', 'Fotokopi KTP-el', '--syarat', 'Foto tempat usaha'], { db });
    expect(edit.diubah).toEqual(['persyaratan']);
    expect(edit.layanan.persyaratan).toHaveLength(3);
    expectUserError(paten(['layanan', 'add', '--slug', 'sktm', '--nama', 'Duplikat'], { db }), /slug "sktm" sudah ada/);
    expectUserError(paten(['layanan', 'add', '--nama', 'X', '--kategori', 'gratisan'], { db }), /kategori harus "perizinan" atau "non-perizinan"/);
    expect(paten(['layanan', 'remove', 'surat-keterangan-usaha', '--yes'], { db }).code).toBe(0);
    expectUserError(paten(['layanan', 'show', 'surat-keterangan-usaha'], { db }), /Layanan tidak ditemukan/);
  });

  it('JSON export → import round-trips with nothing changed', () => {
    const f = path.join(work, 'katalog.json');
    expect(paten(['layanan', 'export', '--out', f], { db }).code).toBe(0);
    const r = patenJson(['layanan', 'import', f], { db });
    expect(r.baru).toEqual([]);
    expect(r.diubah).toEqual([]);
    expect(r.tetap.length).toBeGreaterThanOrEqual(12);
  });

  it('CSV (one row per requirement) edited in Excel updates in place and reports what changed', () => {
    const f = path.join(work, 'katalog.csv');
    expect(paten(['layanan', 'export', '--out', f], { db }).code).toBe(0);
    let text = fs.readFileSync(f, 'utf8');
    expect(text.startsWith('\uFEFFslug,nama,kategori,waktu,biaya,produk,dasar_hukum,catatan,alias,bagian,no,teks\r\n')).toBe(true);
    const unchanged = patenJson(['layanan', 'import', f], { db });
    expect(unchanged.diubah).toEqual([]);
    text = text.replaceAll('Fotokopi KTP-el pemohon', 'Fotokopi KTP-el pemohon (2 lembar)');
    text += 'surat-usaha,Surat Keterangan Usaha,non-perizinan,1 hari kerja,,,,,,persyaratan,1,Pengantar desa\r\nsurat-usaha,,,,,,,,,persyaratan,2,Fotokopi KTP-el\r\n';
    fs.writeFileSync(f, text);
    const r = patenJson(['layanan', 'import', f], { db });
    expect(r.baru).toEqual(['surat-usaha']);
    expect(r.diubah.map((d: { kunci: string }) => d.kunci).sort()).toEqual(['legalisasi-dokumen', 'sktm']);
    expect(r.diubah[0].bidang).toEqual(['persyaratan']);
    expect(patenJson(['layanan', 'show', 'surat-usaha'], { db }).persyaratan).toEqual(['Pengantar desa', 'Fotokopi KTP-el']);
    const again = patenJson(['layanan', 'import', f], { db });
    expect(again.baru).toEqual([]);
    expect(again.diubah).toEqual([]);
  });

  it('malformed JSON and invalid entries are reported with their place; nothing is imported', () => {
    const before = fileHash(db);
    const bad = path.join(work, 'rusak.json');
    fs.writeFileSync(bad, '{\n  "layanan": [\n    { "slug": "a", }\n  ]\n}\n');
    expectUserError(paten(['layanan', 'import', bad], { db }), /rusak\.json, baris 3, kolom \d+: JSON tidak valid/);
    const invalid = path.join(work, 'salah.json');
    fs.writeFileSync(invalid, JSON.stringify({ layanan: [{ slug: 'Bukan Slug', nama: 'A' }, { slug: 'b' }, { slug: 'sktm', nama: 'SKTM', persyaratan: 'satu teks' }] }));
    const r = paten(['layanan', 'import', invalid], { db });
    expectUserError(r, /salah\.json: katalog tidak diimpor \(3 masalah\)/);
    expect(r.stderr).toContain('layanan nomor 1 (Bukan Slug): slug "Bukan Slug" hanya boleh huruf kecil');
    expect(r.stderr).toContain('layanan nomor 2 (b): nama layanan wajib diisi');
    expect(r.stderr).toContain('persyaratan harus berupa daftar');
    const csv = path.join(work, 'salah.csv');
    fs.writeFileSync(csv, 'slug,nama,bagian,no,teks\nsktm,SKTM,persyaratan,1,A\nsktm,SKTM Lain,persyaratan,x,B\nsktm,,syarat,3,C\n');
    const rc = paten(['layanan', 'import', csv], { db });
    expectUserError(rc, /salah\.csv: katalog tidak diimpor \(3 masalah\)/);
    expect(rc.stderr).toContain('salah.csv, baris 3, kolom 2: nama "SKTM Lain" berbeda dengan baris 2');
    expect(rc.stderr).toContain('salah.csv, baris 3, kolom 4: nomor urut "x"');
    expect(rc.stderr).toContain('salah.csv, baris 4, kolom 3: bagian harus "persyaratan" atau "prosedur"');
    expectUserError(paten(['layanan', 'import', path.join(work, 'katalog.pdf')], { db }), /Format ".pdf" tidak dikenal/);
    expect(fileHash(db)).toBe(before);
  });
});

describe('paten demo', () => {
  it('builds a sample database in a folder and says where every output is', { tags: ['lambat'] }, () => {
    const out = path.join(tempDir(), 'demo');
    const r = paten(['demo', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Demo selesai');
    expect(fs.existsSync(path.join(out, 'paten-demo.db'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'desa.csv'), 'utf8')).toContain('3516152020,Mojodowo');
    expect(patenJson(['desa', 'list'], { db: path.join(out, 'paten-demo.db') })).toHaveLength(20);
  });
});
