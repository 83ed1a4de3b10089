/** Per-invocation context shared by commands: global flags and a lazily opened database. */
import type { Command } from 'commander';
import type { Db, OpenOptions } from '../db/index.js';
import { resolveDbPath, type DbPathSource } from '../core/paths.js';
import { currentInvocation, type Invocation, type Io } from './io.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
}

export interface Ctx {
  json: boolean;
  dbPath: string;
  dbSource: DbPathSource;
  /** The invocation's streams and environment. */
  io: Io;
  /** Opens (and migrates) the database; it is closed when the command ends. */
  db(opts?: OpenOptions): Db;
}

// The database module (and its migrations) is loaded before a command's action runs, not when a
// command file is imported: `paten --help` never opens a database (bench/startup.bench.mjs).
let dbModule: typeof import('../db/index.js') | undefined;

export async function loadDatabaseModule(): Promise<void> {
  dbModule ??= await import('../db/index.js');
}

function openDatabase(file: string, opts: OpenOptions): Db {
  if (!dbModule) throw new Error('the database module is loaded before an action runs (loadDatabaseModule)');
  return dbModule.openDatabase(file, opts);
}

/** PATEN_BUSY_TIMEOUT_MS shortens the wait for another process's lock (the lock tests). */
function busyTimeout(env: Io['env']): number | undefined {
  const ms = Number(env.PATEN_BUSY_TIMEOUT_MS);
  return ms > 0 ? ms : undefined;
}

export function context(cmd: Command): Ctx {
  const inv = currentInvocation();
  const g = cmd.optsWithGlobals() as GlobalOptions;
  const { path: dbPath, source } = resolveDbPath(g.db, inv.io.env);
  let db: Db | undefined;
  return {
    json: !!g.json,
    dbPath,
    dbSource: source,
    io: inv.io,
    db(opts?: OpenOptions) {
      if (!db) {
        db = openDatabase(dbPath, { busyTimeoutMs: busyTimeout(inv.io.env), ...opts });
        inv.opened.push(db);
      }
      return db;
    },
  };
}

/** Opens `file` as a database of this invocation (closed with the others when it ends). */
export function openTracked(file: string, opts?: OpenOptions): Db {
  const inv = currentInvocation();
  const db = openDatabase(file, { busyTimeoutMs: busyTimeout(inv.io.env), ...opts });
  inv.opened.push(db);
  return db;
}

/**
 * Closes every database the invocation opened. An interrupted write (Ctrl+C between two chunks of
 * an import) is rolled back first, so the file is as it was before the command.
 */
export function closeAll(inv: Invocation = currentInvocation()): void {
  while (inv.opened.length) {
    const db = inv.opened.pop()!;
    try {
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
    } catch {
      /* nothing to roll back */
    }
    try {
      if (db.open) db.close();
    } catch {
      /* ignore */
    }
  }
}
