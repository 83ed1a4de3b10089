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
