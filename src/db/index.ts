/**
 * The one module that owns the SQLite connection: opening, pragmas and numbered migrations.
 * Domain modules receive a `Db` and keep their own SQL; command files never touch SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../core/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

export const BUSY_TIMEOUT_MS = 15000;

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export interface OpenOptions {
  /** Create the file (and its folder) if missing. Otherwise a missing file is a user error. */
  create?: boolean;
  readonly?: boolean;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  migrations?: readonly Migration[];
}

function sqliteHeaderOk(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return true; // an empty file is a new database
    return buf.toString('latin1', 0, 16) === 'SQLite format 3\u0000';
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens (and by default migrates) the database at `file`. All failures are Indonesian UserErrors. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const migrations = opts.migrations ?? MIGRATIONS;
  const exists = fs.existsSync(file);
  if (!exists && !opts.create) {
    throw new UserError(`Basis data belum ada: ${file}`, {
      hint: 'Buat dulu dengan `paten init` (atau `paten init --contoh` untuk data contoh Kecamatan Kemlagi), atau tunjuk berkas lain dengan --db.',
    });
  }
  if (exists) {
    if (fs.statSync(file).isDirectory()) throw new UserError(`${file} adalah folder, bukan berkas basis data.`);
    let ok: boolean;
    try {
      ok = sqliteHeaderOk(file);
    } catch (e) {
      throw new UserError(`Tidak dapat membaca basis data ${file}: ${(e as Error).message}`);
    }
    if (!ok) throw new UserError(`${file} bukan berkas basis data paten (bukan SQLite).`, { hint: 'Periksa jalur --db atau PATEN_DB.' });
  } else {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (e) {
      throw new UserError(`Tidak dapat membuat folder untuk basis data ${file}: ${(e as Error).message}`);
    }
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !opts.create });
  } catch (e) {
    throw new UserError(`Tidak dapat membuka basis data ${file}: ${sqliteReason(e)}`, {
      hint: 'Periksa bahwa folder itu ada dan dapat ditulis.',
    });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (SQLite's default is 2 MiB): an import into a database of a million
    // responses searches and extends its indexes at random places (bench/survey-kumulatif: 2.2× → 1.9×
    // a fresh import).
    db.pragma('cache_size = -65536');
    const version = schemaVersion(db);
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new UserError(
        `Basis data ${file} dibuat oleh versi paten yang lebih baru (skema ${version}; versi ini mengenal sampai ${latest}).`,
        { hint: 'Perbarui paten ke versi terbaru; basis data tidak diubah.' },
      );
    }
    if (opts.migrate !== false && !opts.readonly) migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    throw new UserError(`Tidak dapat memakai basis data ${file}: ${sqliteReason(e)}`);
  }
}

function sqliteReason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  switch (err.code) {
    case 'SQLITE_NOTADB':
      return 'berkas bukan basis data SQLite';
    case 'SQLITE_CANTOPEN':
      return 'berkas tidak dapat dibuka (folder tidak ada atau tidak ada izin)';
    case 'SQLITE_READONLY':
      return 'berkas hanya-baca (tidak ada izin menulis)';
    case 'SQLITE_CORRUPT':
      return 'berkas rusak';
    case 'SQLITE_BUSY':
      return 'basis data sedang dipakai proses lain terlalu lama';
    default:
      return err.message ?? String(e);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration newer than the database, each in its own transaction, in order. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (m.version <= schemaVersion(db)) continue;
    // IMMEDIATE takes the write lock first, so two processes never migrate at once.
    const run = db.transaction(() => {
      if (m.version <= schemaVersion(db)) return; // another process migrated meanwhile
      db.exec(m.sql);
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    });
    run.immediate();
  }
  return applied;
}

/** Row counts of the main tables, for `paten info`. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number;
  return out;
}

/** `paten db check`: integrity, foreign keys and schema version. */
export function checkDatabase(db: Db): { integrity: string[]; foreignKeyViolations: number; schemaVersion: number; latest: number } {
  const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  const fk = db.pragma('foreign_key_check') as unknown[];
  return {
    integrity: integrity.map((r) => r.integrity_check),
    foreignKeyViolations: fk.length,
    schemaVersion: schemaVersion(db),
    latest: latestVersion(),
  };
}

/** `paten db backup`: SQLite's online backup API, safe while another paten process writes. */
export async function backupDatabase(db: Db, dest: string): Promise<void> {
  await db.backup(dest);
}
