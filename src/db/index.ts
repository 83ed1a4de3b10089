/**
 * The one module that owns the SQLite connection: opening, pragmas and numbered migrations.
 * Domain modules receive a `Db` and keep their own SQL; command files never touch SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Sqlite from 'better-sqlite3';
import { UserError } from '../core/errors.js';
import { RESTORE_HINT, faultToUserError } from '../core/faults.js';
import { removeStaleTemps } from '../core/tempfiles.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Sqlite.Database;

/** The page cache of every connection (PRAGMA cache_size: KiB when negative); see openDatabase. */
export const PAGE_CACHE = -32768;

// better-sqlite3 is loaded at the first open, not when a command module is imported: `paten ikm
// --help` registers the ikm command but never opens a database (bench/startup.bench.mjs).
const require = createRequire(import.meta.url);
let sqlite: typeof Sqlite | undefined;
function Database(file: string, options: Sqlite.Options): Db {
  sqlite ??= require('better-sqlite3') as typeof Sqlite;
  return new sqlite(file, options);
}

// How long a writer waits for another process's lock. PATEN_BUSY_TIMEOUT_MS shortens it for the lock
// tests (a second process holding BEGIN IMMEDIATE); offices keep the 15 s.
export const BUSY_TIMEOUT_MS = Number(process.env.PATEN_BUSY_TIMEOUT_MS) > 0 ? Number(process.env.PATEN_BUSY_TIMEOUT_MS) : 15000;

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
  /** Run `PRAGMA quick_check` first and refuse a damaged file (before imports and backups). */
  verify?: boolean;
  /** How long to wait for another process's write lock (default BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

// POSIX modes of the files holding residents' answers: owner only (issue 13 §4). Windows keeps its
// defaults (the profile folder is already private there).
const POSIX = process.platform !== 'win32';
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Makes a file paten created readable by its owner only (POSIX; a no-op on Windows). */
export function makePrivate(file: string): void {
  if (POSIX) fs.chmodSync(file, PRIVATE_FILE_MODE);
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

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Bytes 18 and 19 of the header are 2 in a WAL-mode file (which needs a -shm beside it to be read). */
function walMode(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    return fs.readSync(fd, buf, 0, 2, 18) === 2 && buf[0] === 2;
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
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
      // Created empty first with the private mode: SQLite gives its -wal and -shm files the mode of
      // the database file.
      try {
        fs.writeFileSync(file, '', { flag: 'wx', mode: PRIVATE_FILE_MODE });
        makePrivate(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process created it meanwhile
      }
    } catch (e) {
      throw new UserError(`Tidak dapat membuat folder untuk basis data ${file}: ${(e as Error).message}`);
    }
  }
  // A file on a write-protected stick or CD, or without write permission, still serves every read
  // command and `db backup`; a write then fails as SQLITE_READONLY (core/faults.ts says what to do).
  const readonly = !!opts.readonly || (exists && !writable(file));
  if (readonly && exists && walMode(file) && !fs.existsSync(`${file}-shm`) && !writable(path.dirname(file))) {
    throw new UserError(`Basis data ${file} berada di medium atau folder hanya-baca dan masih dalam mode WAL, sehingga tidak dapat dibuka di sana.`, {
      hint: 'Salin berkas itu ke folder yang dapat ditulis lalu tunjuk dengan --db; cadangan dari `paten db backup` dapat dibuka langsung dari CD atau flashdisk terkunci.',
    });
  }
  let db: Db;
  try {
    db = Database(file, { readonly, fileMustExist: !opts.create });
  } catch (e) {
    throw new UserError(`Tidak dapat membuka basis data ${file}: ${sqliteReason(e)}`, {
      hint: 'Periksa bahwa folder itu ada dan dapat ditulis.',
    });
  }
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    if (opts.verify) assertIntact(db, file);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (SQLite's default is 2 MiB): an import into a database of a million
    // responses searches and extends its (hari, sidik) index at random places, and that index is
    // about 21 MiB per million rows; the table itself is appended to and needs no cache. 64 MiB was
    // no faster (10,000 rows into 1,000,000 stored: 0.70 s against 0.77 s; a fresh 1,000,000-row
    // import: the same CPU) and holds 36 MB more at the peak of a large import (184 → 148 MB);
    // 16 MiB is too small (1.2–1.3 s).
    db.pragma(`cache_size = ${PAGE_CACHE}`);
    const version = schemaVersion(db);
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new UserError(
        `Basis data ${file} dibuat oleh versi paten yang lebih baru (skema ${version}; versi ini mengenal sampai ${latest}).`,
        { hint: 'Perbarui paten ke versi terbaru; basis data tidak diubah.' },
      );
    }
    if (opts.migrate !== false && !readonly) migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    if (isCorrupt(e)) throw new UserError(`Basis data ${file} rusak (${DAMAGED}); tidak ada yang ditulis ke dalamnya.`, { hint: RESTORE_HINT });
    throw faultToUserError(e) ?? new UserError(`Tidak dapat memakai basis data ${file}: ${sqliteReason(e)}`);
  }
}

function isCorrupt(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
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

// SQLite's "database disk image is malformed", said in Indonesian.
const DAMAGED = 'susunan halaman berkas tidak utuh (SQLite tidak dapat membacanya)';

/**
 * SQLite's quick_check (every page and record, without comparing indexes to tables), as a list of
 * problems (empty when the file is sound). A file so damaged that the check itself fails gives
 * SQLite's reason as its one problem.
 */
export function quickCheck(db: Db): string[] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const out = rows.map((r) => r.quick_check);
    return out.length === 1 && out[0] === 'ok' ? [] : out;
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return [DAMAGED];
    throw e;
  }
}

/** Refuses a damaged database: nothing is stored into it and it is never copied as a good backup. */
export function assertIntact(db: Db, file: string): void {
  const problems = quickCheck(db);
  if (problems.length === 0) return;
  throw new UserError(`Basis data ${file} rusak; tidak ada yang ditulis ke dalamnya.`, {
    details: problems.slice(0, 5).concat(problems.length > 5 ? [`… dan ${problems.length - 5} masalah lain`] : []),
    hint: RESTORE_HINT,
  });
}

/** `paten db check`: integrity, foreign keys and schema version; a damaged file is reported, not thrown. */
export function checkDatabase(db: Db): { integrity: string[]; foreignKeyViolations: number; schemaVersion: number; latest: number } {
  let integrity: string[];
  let fk = 0;
  try {
    integrity = (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') throw e;
    integrity = [DAMAGED];
  }
  try {
    fk = (db.pragma('foreign_key_check') as unknown[]).length;
  } catch (e) {
    if (!String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_CORRUPT')) throw e;
  }
  return { integrity, foreignKeyViolations: fk, schemaVersion: schemaVersion(db), latest: latestVersion() };
}

/**
 * `paten db backup`: SQLite's online backup API (safe while another paten process writes) into
 * `dest`, then the copy is opened and quick-checked, so a damaged copy is never reported as good.
 */
export async function backupDatabase(db: Db, dest: string): Promise<void> {
  await db.backup(dest);
  makePrivate(dest);
  const { problems } = checkCopy(dest);
  if (problems.length) throw new UserError(`Salinan cadangan tidak utuh (${problems[0]}); cadangan tidak dibuat.`, { hint: 'Ulangi `paten db backup`; bila terulang, periksa disk tujuan.' });
}

/** Opens a copy paten just wrote, read-write so that closing it leaves no -wal/-shm beside it. */
function checkCopy(file: string): { problems: string[]; version: number } {
  const copy = Database(file, { fileMustExist: true });
  try {
    // A single self-contained file: a backup on a CD or a read-only stick opens without side files.
    copy.pragma('journal_mode = DELETE');
    return { problems: quickCheck(copy), version: schemaVersion(copy) };
  } finally {
    copy.close();
  }
}

/** The temporary name of a file being written next to `target` (paten's own pattern). */
export function tempPath(target: string): string {
  removeStaleTemps(path.dirname(target));
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export function removeWithSideFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/**
 * Copies a backup next to `target` and checks the copy (SQLite, sound, not from a newer paten), so
 * the backup itself is only read. Returns the checked copy for restoreDatabase.
 */
export function stageBackup(backup: string, target: string): { staged: string; schemaVersion: number } {
  if (!fs.existsSync(backup) || fs.statSync(backup).isDirectory()) throw new UserError(`Berkas cadangan tidak ada: ${backup}`);
  if (fs.statSync(backup).size === 0 || !sqliteHeaderOk(backup)) throw new UserError(`${backup} bukan berkas basis data paten (bukan SQLite).`);
  const staged = tempPath(target);
  try {
    fs.copyFileSync(backup, staged);
    makePrivate(staged);
    const { problems, version } = checkCopy(staged);
    if (problems.length) throw new UserError(`Cadangan ${backup} sendiri rusak (${problems[0]}); basis data tidak diubah.`, { hint: 'Pilih cadangan lain.' });
    if (version > latestVersion()) throw new UserError(`Cadangan ${backup} dibuat oleh versi paten yang lebih baru (skema ${version}); basis data tidak diubah.`);
    return { staged, schemaVersion: version };
  } catch (e) {
    removeWithSideFiles(staged);
    if (isCorrupt(e)) throw new UserError(`Cadangan ${backup} sendiri rusak (${DAMAGED}); basis data tidak diubah.`, { hint: 'Pilih cadangan lain.' });
    throw e;
  }
}

/**
 * `paten db pulihkan`: puts a staged backup in place of `target`. The replaced file and its
 * -wal/-shm are kept aside as `TARGET.sebelum-pulih-STAMP` (returned); the copy lands by rename.
 */
export function restoreDatabase(staged: string, target: string, stamp: string): string | undefined {
  let aside: string | undefined;
  if (fs.existsSync(target)) {
    aside = `${target}.sebelum-pulih-${stamp}`;
    fs.renameSync(target, aside);
    for (const side of ['-wal', '-shm']) if (fs.existsSync(target + side)) fs.renameSync(target + side, aside + side);
  }
  fs.renameSync(staged, target);
  return aside;
}
