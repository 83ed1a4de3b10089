import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, schemaVersion, latestVersion, migrate, checkDatabase } from '../../src/db/index.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { UserError } from '../../src/core/errors.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-db-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('database module', () => {
  it('sets WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(dir, 'a.db'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(15000);
    expect(schemaVersion(db)).toBe(latestVersion());
    db.close();
  });

  it('upgrades a database created at version 1, keeping its data', () => {
    const file = path.join(dir, 'v1.db');
    const v1 = openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version === 1) });
    expect(schemaVersion(v1)).toBe(1);
    v1.prepare("INSERT INTO profil (id, nama_kecamatan, kabupaten, provinsi, diperbarui) VALUES (1, 'Kemlagi', 'Kabupaten Mojokerto', 'Jawa Timur', '2026-01-01')").run();
    v1.prepare("INSERT INTO desa (kode, nama, jenis, diperbarui) VALUES ('3516152001', 'Watesprojo', 'desa', '2026-01-01')").run();
    v1.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare('SELECT nama_kecamatan, urutan_unsur FROM profil').get()).toEqual({ nama_kecamatan: 'Kemlagi', urutan_unsur: 'definisi' });
    expect(db.prepare('SELECT nama FROM desa').pluck().all()).toEqual(['Watesprojo']);
    const history = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(history).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(checkDatabase(db)).toMatchObject({ integrity: ['ok'], foreignKeyViolations: 0 });
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('a failing migration rolls back completely', () => {
    const file = path.join(dir, 'bad.db');
    const bad = [...MIGRATIONS, { version: 999, name: 'rusak', sql: 'CREATE TABLE t_ok (x); CREATE TABLE profil (x);' }];
    expect(() => openDatabase(file, { create: true, migrations: bad })).toThrow(UserError);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 't_ok'").pluck().get()).toBe(0);
    db.close();
  });
});
