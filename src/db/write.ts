/**
 * The one way to write to the database: a `BEGIN IMMEDIATE` transaction (the write lock is taken
 * before the first read, so two paten processes never interleave a read-check-write), and a busy
 * lock turned into the one Indonesian message every writer shows (core/faults.ts).
 */
import type { UserError } from '../core/errors.js';
import { busyUserError } from '../core/faults.js';
import type Database from 'better-sqlite3';
import type { Db } from './index.js';

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The message for a lock held by another process longer than the busy timeout (core/faults.ts). */
export function busyError(akibat?: string): UserError {
  return busyUserError(akibat);
}

/**
 * Runs `fn` in one IMMEDIATE transaction and returns its result; any throw rolls everything back.
 * Nested calls become savepoints of the outer transaction (better-sqlite3), so a domain writer can
 * be composed into a larger command (`init --contoh`, `desa remove` keeping survey names).
 */
export function writeTransaction<T>(db: Db, fn: () => T, akibat?: string): T {
  try {
    return db.transaction(fn).immediate();
  } catch (e) {
    if (isBusy(e)) throw busyError(akibat);
    throw e;
  }
}

/** Takes the write lock for a caller that manages COMMIT/ROLLBACK itself (survey import streams rows). */
export function beginImmediate(db: Db, akibat?: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (isBusy(e)) throw busyError(akibat);
    throw e;
  }
}

/**
 * One prepared statement per SQL text per connection: stores call `stmt(db, SQL)` instead of
 * `db.prepare(SQL)` in loops, and a store function called per row does not recompile its SQL.
 */
// Parameters are bound at each call site, so the cached statement cannot know their types.
export type Stmt = Database.Statement<any[], unknown>;
const cache = new WeakMap<Db, Map<string, Stmt>>();

export function stmt(db: Db, sql: string): Stmt {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * Takes the write lock for a bulk writer that checks its own references (survey import): foreign
 * keys are not enforced row by row until endBulk(), so that BulkInsert can write many rows per
 * statement. A foreign key checked per row costs SQLite a parent lookup for every row and gives
 * every multi-row statement a statement journal (a copy of each page it changes, so that it can be
 * undone alone). SQLite only switches foreign keys outside a transaction, hence the pair.
 */
export function beginBulk(db: Db, akibat?: string): void {
  db.pragma('foreign_keys = OFF');
  try {
    beginImmediate(db, akibat);
  } catch (e) {
    db.pragma('foreign_keys = ON');
    throw e;
  }
}

/** Ends beginBulk()'s transaction: COMMIT when `commit`, else (or when COMMIT fails) ROLLBACK; foreign keys on again. */
export function endBulk(db: Db, commit: boolean): void {
  try {
    if (commit) db.exec('COMMIT');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.pragma('foreign_keys = ON');
  }
}

/** Whether SQLite checks foreign keys row by row on this connection (false inside beginBulk()). */
export function foreignKeysPerRow(db: Db): boolean {
  return db.pragma('foreign_keys', { simple: true }) === 1;
}

/** Rows per statement of BulkInsert inside beginBulk() (16 to 64 measured alike). */
const BULK_ROWS = 32;

/**
 * Rows appended to one table, up to 32 per INSERT statement inside beginBulk() (1,000,000 compact
 * survey rows: 2.06 s of single-row statements against 0.95 s), one per statement otherwise. The
 * caller writes a row's values at `values[start() + column]`, then calls end(); flush() writes the
 * rows still held. `OR FAIL`: a CHECK that fails stops the statement without the statement journal
 * that undoing only it would need; the caller's transaction is rolled back anyway.
 */
export class BulkInsert {
  readonly values: unknown[];
  /** Whether SQLite checks the rows' foreign keys itself (outside beginBulk: one row per statement). */
  readonly foreignKeysChecked: boolean;
  private held = 0;
  private readonly rows: number;
  private readonly many: Stmt;
  private readonly one: Stmt;

  constructor(
    db: Db,
    table: string,
    private readonly cols: readonly string[],
  ) {
    this.foreignKeysChecked = foreignKeysPerRow(db);
    this.rows = this.foreignKeysChecked ? 1 : BULK_ROWS;
    const row = `(${cols.map(() => '?').join(', ')})`;
    const sql = (n: number) => `INSERT OR FAIL INTO ${table} (${cols.join(', ')}) VALUES ${new Array(n).fill(row).join(', ')}`;
    this.one = db.prepare(sql(1));
    this.many = this.rows === 1 ? this.one : db.prepare(sql(this.rows));
    this.values = new Array(cols.length * this.rows);
  }

  /** Where the next row's values start in `values`. */
  start(): number {
    return this.held * this.cols.length;
  }

  end(): void {
    // Spread, not the array: better-sqlite3 reads an array argument element by element through
    // the V8 API (1,000,000 rows of 32: 1.28 s against 0.95 s).
    if (++this.held === this.rows) {
      this.many.run(...this.values);
      this.held = 0;
    }
  }

  flush(): void {
    const n = this.cols.length;
    for (let r = 0; r < this.held; r++) this.one.run(...this.values.slice(r * n, r * n + n));
    this.held = 0;
  }
}
