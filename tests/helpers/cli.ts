/**
 * Runs the built CLI (dist/, what bin/paten.js runs) against temporary folders; tests see exit
 * codes, stdout and stderr, never internals.
 *
 * `paten()` / `patenJson()` run `main(argv, io)` in-process: in one worker thread per test file
 * that imports dist/cli/main.js once, with captured streams and the environment the test gives.
 * The call blocks until the command ends, so the helpers stay synchronous like spawnSync was, at
 * a few milliseconds per call instead of a new Node process. What only a real process shows (exit
 * status of the process, a closed pipe, signals, a terminal, the missing-build shim) goes through
 * `patenProcess()` / `patenSpawn()` / tests/helpers/tty.ts, which start bin/paten.js.
 */
import { spawnSync, spawn, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'paten.js');
const MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');

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
  /** In-process only: which streams the command is told are terminals (colour tests). */
  isTTY?: { stdout?: boolean; stderr?: boolean };
}

function env(extra: RunOptions['env'] = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATEN_DB: undefined, FORCE_COLOR: undefined, ...extra };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}

let runner: { worker: Worker; port: MessagePort } | undefined;

function startRunner(): { worker: Worker; port: MessagePort } {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the tests`);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./inproc-worker.mjs', import.meta.url), {
    workerData: { mainUrl: pathToFileURL(MAIN).href, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  return { worker, port: port1 };
}

// A command that never ends is a failing test, not a hung suite.
const CALL_TIMEOUT_MS = 120_000;

/** Runs `paten ARGS` (with `--db` when opts.db is given) in-process and returns its exit code and output. */
export function paten(args: string[], opts: RunOptions = {}): RunResult {
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  if (opts.cwd && path.resolve(opts.cwd) !== process.cwd()) return patenProcess(args, opts);
  runner ??= startRunner();
  const flag = new SharedArrayBuffer(4);
  runner.worker.postMessage({ args: full, env: env(opts.env), input: opts.input ?? '', isTTY: opts.isTTY ?? {}, flag });
  if (Atomics.wait(new Int32Array(flag), 0, 0, CALL_TIMEOUT_MS) === 'timed-out') {
    runner.worker.terminate();
    runner = undefined;
    throw new Error(`paten ${full.join(' ')} did not finish in ${CALL_TIMEOUT_MS / 1000} s (in-process)`);
  }
  const msg = receiveMessageOnPort(runner.port);
  if (!msg) throw new Error(`paten ${full.join(' ')}: the in-process runner gave no result`);
  return msg.message as RunResult;
}

/** Runs the real binary (`node bin/paten.js ARGS`) and returns its exit code and output. */
export function patenProcess(args: string[], opts: RunOptions = {}): RunResult {
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

let sampleTemplate: string | undefined;

/**
 * A temporary database initialised with the shipped sample (Kemlagi): `init --contoh` runs once
 * per test file, later calls copy that file. An existing database at the place gets the sample
 * loaded into it, as `init --contoh` does.
 */
export function sampleDb(dir: string): string {
  const db = path.join(dir, 'paten.db');
  if (sampleTemplate && !fs.existsSync(db)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(sampleTemplate, db);
    return db;
  }
  const r = paten(['init', '--contoh'], { db });
  if (r.code !== 0) throw new Error(`init --contoh failed: ${r.stderr}`);
  if (!sampleTemplate) {
    const keep = tempDir('paten-contoh-');
    sampleTemplate = path.join(keep, 'contoh.db');
    fs.copyFileSync(db, sampleTemplate);
    process.once('exit', () => cleanup(keep));
  }
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
