/**
 * Spawns the built `paten` binary exactly as a user would, against temporary folders.
 * Tests never call the CLI in-process: they see exit codes, stdout and stderr.
 */
import { spawnSync, spawn, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'paten.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  db?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

function env(extra: RunOptions['env'] = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATEN_DB: undefined, FORCE_COLOR: undefined, ...extra };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}

/** Runs `paten ARGS` (with `--db` when opts.db is given) and returns its exit code and output. */
export function paten(args: string[], opts: RunOptions = {}): RunResult {
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...full], {
    cwd: opts.cwd ?? ROOT,
    env: env(opts.env),
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like paten() but parses stdout as JSON (adds --json) and fails loudly otherwise. */
export function patenJson<T = any>(args: string[], opts: RunOptions = {}): T {
  const r = paten(['--json', ...args], opts);
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Starts paten asynchronously (for kill/concurrency tests). */
export function patenSpawn(args: string[], opts: RunOptions = {}) {
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  return spawn(process.execPath, [BIN, ...full], { cwd: opts.cwd ?? ROOT, env: env(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh temporary folder, removed by the caller's afterAll/afterEach via cleanup(). */
export function tempDir(prefix = 'paten-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary database initialised with the shipped sample (Kemlagi). */
export function sampleDb(dir: string): string {
  const db = path.join(dir, 'paten.db');
  const r = paten(['init', '--contoh'], { db });
  if (r.code !== 0) throw new Error(`init --contoh failed: ${r.stderr}`);
  return db;
}

/**
 * The sample database built once (at the first call) in `dir`; every call returns a fresh copy of
 * it, so each test gets its own database without running `init --contoh` again.
 */
export function sampleDbCopies(dir: string): () => string {
  let template: string | null = null;
  let n = 0;
  return () => {
    template ??= sampleDb(dir);
    const f = path.join(dir, `db-${++n}.db`);
    fs.copyFileSync(template, f);
    return f;
  };
}

/** sha256 of a file, to prove "unchanged". */
export function fileHash(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
