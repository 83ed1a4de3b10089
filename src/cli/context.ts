/** Per-invocation context shared by commands: global flags and a lazily opened database. */
import type { Command } from 'commander';
import { openDatabase, type Db, type OpenOptions } from '../db/index.js';
import { resolveDbPath, type DbPathSource } from '../core/paths.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  color?: boolean;
}

const opened: Db[] = [];

export interface Ctx {
  json: boolean;
  dbPath: string;
  dbSource: DbPathSource;
  /** Opens (and migrates) the database; it is closed when the command ends. */
  db(opts?: OpenOptions): Db;
}

export function context(cmd: Command): Ctx {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  const { path: dbPath, source } = resolveDbPath(g.db);
  let db: Db | undefined;
  return {
    json: !!g.json,
    dbPath,
    dbSource: source,
    db(opts?: OpenOptions) {
      if (!db) {
        db = openDatabase(dbPath, opts);
        opened.push(db);
      }
      return db;
    },
  };
}

export function closeAll(): void {
  while (opened.length) {
    const db = opened.pop()!;
    try {
      if (db.open) db.close();
    } catch {
      /* ignore */
    }
  }
}
