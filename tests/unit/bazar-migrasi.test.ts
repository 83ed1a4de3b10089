/** The bazar migration that adds jenis 'lainnya': data, rowid order and foreign keys survive it. */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDatabase, openDatabase, schemaVersion, latestVersion } from '../../src/db/index.js';
import { MIGRATIONS } from '../../src/db/migrations.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bazar-migrasi-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migration whose CHECK first admits 'lainnya' (its number may change on a rebase). */
const LAINNYA = MIGRATIONS.find((m) => /'lainnya'/.test(m.sql) && /bazar_instansi_baru/.test(m.sql))!;

describe("bazar migration: jenis 'lainnya'", () => {
  it('keeps agencies, services, attendance and count order, and the foreign keys still act', () => {
    const file = path.join(dir, 'lama.db');
    const old = openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < LAINNYA.version) });
    const t = '2025-01-01 09:00:00';
    old.prepare("INSERT INTO bazar_instansi (id, nama, singkatan, jenis, diperbarui) VALUES (1, 'Puskesmas Jati', 'Pusk', 'kesehatan', ?), (2, 'Koperasi Sejahtera', NULL, 'umkm', ?)").run(t, t);
    old.prepare("INSERT INTO bazar_instansi_layanan (instansi_id, no, nama) VALUES (1, 1, 'Pemeriksaan kesehatan'), (1, 2, 'Pengobatan gratis')").run();
    old.prepare("INSERT INTO bazar_acara (id, tanggal, tempat, status, diperbarui) VALUES (1, '2025-02-15', 'Halaman', 'terlaksana', ?)").run(t);
    old.prepare("INSERT INTO bazar_partisipasi (acara_id, instansi_id, status, diperbarui) VALUES (1, 1, 'hadir', ?)").run(t);
    // Inserted out of alphabetical order: the rowid keeps the order they were entered in.
    old.prepare("INSERT INTO bazar_dilayani (acara_id, instansi_id, layanan, jumlah) VALUES (1, 1, 'Pengobatan gratis', 30), (1, 1, 'Imunisasi', 12)").run();
    expect(() => old.prepare("UPDATE bazar_instansi SET jenis = 'lainnya' WHERE id = 2").run()).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    db.prepare("UPDATE bazar_instansi SET jenis = 'lainnya' WHERE id = 2").run();
    expect(db.prepare('SELECT id, nama, jenis FROM bazar_instansi ORDER BY id').all()).toEqual([
      { id: 1, nama: 'Puskesmas Jati', jenis: 'kesehatan' },
      { id: 2, nama: 'Koperasi Sejahtera', jenis: 'lainnya' },
    ]);
    expect(db.prepare('SELECT layanan FROM bazar_dilayani ORDER BY rowid').pluck().all()).toEqual(['Pengobatan gratis', 'Imunisasi']);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE instr(sql, '_baru') > 0").pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'bazar_partisipasi_instansi'").pluck().get()).toBe(1);
    expect(checkDatabase(db)).toMatchObject({ integrity: ['ok'], foreignKeyViolations: 0 });
    // RESTRICT: an agency with attendance cannot be deleted; CASCADE: deleting the event clears it.
    expect(() => db.prepare('DELETE FROM bazar_instansi WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM bazar_acara WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM bazar_dilayani').pluck().get()).toBe(0);
    db.prepare('DELETE FROM bazar_instansi WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM bazar_instansi_layanan').pluck().get()).toBe(0);
    db.close();
  });
});
