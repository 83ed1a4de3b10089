/**
 * What only the real process shows, through bin/paten.js: the process exit status, colour decided
 * per stream on a real terminal, and Ctrl+C. (Every other CLI test runs in-process through the
 * same main(); see tests/helpers/cli.ts.)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, fileHash, paten, patenJson, patenProcess, patenSpawn, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { writeBigForms } from '../helpers/survey.js';
import { patenTty } from '../helpers/tty.js';

const dir = tempDir('paten-process-');
afterAll(() => cleanup(dir));
const freshDb = sampleDbCopies(dir);

const ESC = '\x1b[';

/** Runs a shell command line under a pseudo-terminal (util-linux `script`); resolves with what the terminal showed. */
function underTerminal(commandLine: string, env: Record<string, string>): Promise<{ code: number; screen: string }> {
  const e: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', COLUMNS: '120', ...env };
  delete e.PATEN_DB;
  delete e.FORCE_COLOR;
  const child = spawn('script', ['-qfec', commandLine, '/dev/null'], { env: e, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (screen += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, screen })));
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe('the real binary', () => {
  it('sets the process exit status: 0 ok, 1 for a user error', () => {
    const db = freshDb();
    const ok = patenProcess(['desa', 'list'], { db });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Betro');
    const bad = patenProcess(['desa', 'list', '--tidak-ada'], { db });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Opsi tidak dikenal');
    // The in-process run gives the same code and output.
    expect(paten(['desa', 'list'], { db })).toEqual(ok);
  });

  it('colour per stream: stdout redirected to a file gets no escape codes while stderr on the terminal keeps them', async () => {
    const db = freshDb();
    const file = path.join(dir, 'desa.txt');
    const line = `${q(process.execPath)} ${q(BIN)} --db ${q(db)} desa list > ${q(file)}`;
    const r = await underTerminal(line, { NO_COLOR: '' });
    expect(r.code, r.screen).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('Betro');
    expect(text).not.toContain('\x1b');
    // The count goes to stderr, dimmed on the terminal.
    expect(r.screen).toContain(`${ESC}2m20 desa/kelurahan`);
    // Both on the terminal: the table header is bold there.
    const both = await underTerminal(`${q(process.execPath)} ${q(BIN)} --db ${q(db)} desa list`, { NO_COLOR: '' });
    expect(both.screen).toContain(`${ESC}1mKode`);
    // NO_COLOR and --no-color keep the terminal plain.
    for (const [env, flag] of [[{ NO_COLOR: '1' }, ''], [{ NO_COLOR: '' }, ' --no-color']] as const) {
      const plain = await underTerminal(`${q(process.execPath)} ${q(BIN)} --db ${q(db)}${flag} desa list`, env);
      expect(plain.code).toBe(0);
      expect(plain.screen).toContain('20 desa/kelurahan');
      expect(plain.screen).not.toMatch(/\x1b\[[0-9;]*m/);
    }
  });

  it('Ctrl+C at a confirmation exits 130 and changes nothing', async () => {
    const db = freshDb();
    const before = fileHash(db);
    const r = await patenTty(['--db', db, 'layanan', 'remove', 'legalisasi-dokumen'], [{ expect: 'Hapus layanan', send: '\x03' }]);
    expect(r.code, r.screen).toBe(130);
    expect(r.screen).toContain('Dibatalkan.');
    expect(r.screen).not.toMatch(/at .*\.js:\d+/);
    expect(fileHash(db)).toBe(before);
    expect(patenJson(['layanan', 'list'], { db }).map((l: { slug: string }) => l.slug)).toContain('legalisasi-dokumen');
  });

  it('Ctrl+C (SIGINT) in the middle of an import ends it at once: the shell sees 130, the database is as before', { tags: ['lambat'], timeout: 120_000 }, async () => {
    const db = freshDb();
    const big = path.join(dir, 'sela.csv');
    writeBigForms(big, 150_000, 5);
    const child = patenSpawn(['survey', 'import', big], { db });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    // Interrupt in the middle of the import's pass over the file, inside the transaction: the file
    // is read once whole for its hash, then again row by row, so having read 1.6 times its size the
    // child is storing rows (compact rows fit SQLite's cache, so the WAL grows only at COMMIT and
    // cannot tell). Linux's per-process read counter says how far it is.
    const size = fs.statSync(big).size;
    const rchar = () => {
      try {
        return Number(/rchar: (\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? 0);
      } catch {
        return 0;
      }
    };
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      if (rchar() > 1.6 * size) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGINT');
    const r = await done;
    // Killed by SIGINT: a shell reports 128 + 2 = 130.
    expect(r.signal).toBe('SIGINT');
    expect(stdout).toBe('');
    const conn = new Database(db);
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(conn.prepare('SELECT COUNT(*) FROM survey_batch').pluck().get()).toBe(0);
      expect(conn.prepare('SELECT COUNT(*) FROM survey_response').pluck().get()).toBe(0);
    } finally {
      conn.close();
    }
    // No half file: nothing but the database and its side files beside it.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('Ctrl+C during qr generate', () => {
  it('stops, removes what it staged and leaves the folder with the older complete set as it was (130)', async () => {
    const db = freshDb();
    // 60 desa, so the run is surely midway when interrupted.
    const desa = path.join(dir, 'desa-tambahan.csv');
    fs.writeFileSync(desa, ['kode,nama', ...Array.from({ length: 40 }, (_, i) => `35161520${i + 21},Desa Uji ${i + 21}`)].join('\n') + '\n');
    expect(paten(['desa', 'import', desa], { db }).code).toBe(0);
    const out = path.join(dir, 'poster-sigint');
    expect(paten(['qr', 'generate', '--out', out, '--gabung'], { db }).code).toBe(0);
    const snapshot = () => Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fileHash(path.join(out, f))]));
    const before = snapshot();
    expect(Object.keys(before)).toHaveLength(60 + 3);

    const child = patenSpawn(['qr', 'generate', '--out', out, '--kertas', 'A3', '--gabung'], { db });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    // Interrupt once the run has written a few new posters, wherever it keeps them.
    const started = Date.now();
    const written = () =>
      (fs.readdirSync(out, { recursive: true }) as string[]).filter((f) => {
        try {
          return f.endsWith('.pdf') && fs.statSync(path.join(out, f)).mtimeMs >= started;
        } catch {
          return false; // renamed meanwhile
        }
      }).length;
    while (Date.now() - started < 60_000 && written() < 3) await new Promise((r) => setTimeout(r, 10));
    expect(written()).toBeGreaterThanOrEqual(3);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, stderr).toBe(130);
    expect(stderr).toContain('tidak diubah');
    expect(stderr).toContain('Dibatalkan.');
    expect(snapshot()).toEqual(before);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).kertas).toBe('A4');
  }, 120_000);
});

describe('colour per stream, in-process (io.isTTY per stream)', () => {
  it('colours only the streams that are terminals; NO_COLOR and --no-color turn it off', () => {
    const db = freshDb();
    const env = { NO_COLOR: undefined, TERM: 'xterm' };
    const errOnly = paten(['desa', 'list'], { db, env, isTTY: { stderr: true } });
    expect(errOnly.stdout).toContain('Betro');
    expect(errOnly.stdout).not.toContain('\x1b');
    expect(errOnly.stderr).toContain(`${ESC}2m20 desa/kelurahan`);
    const outOnly = paten(['desa', 'list'], { db, env, isTTY: { stdout: true } });
    expect(outOnly.stdout).toContain(`${ESC}1mKode`);
    expect(outOnly.stderr).not.toContain('\x1b');
    for (const r of [
      paten(['desa', 'list'], { db, env: { ...env, NO_COLOR: '1' }, isTTY: { stdout: true, stderr: true } }),
      paten(['--no-color', 'desa', 'list'], { db, env, isTTY: { stdout: true, stderr: true } }),
      paten(['desa', 'list'], { db, env: { ...env, TERM: 'dumb' }, isTTY: { stdout: true, stderr: true } }),
    ]) {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('\x1b');
    }
    // JSON and CSV data are never styled, whatever the stream.
    expect(paten(['--json', 'desa', 'list'], { db, env, isTTY: { stdout: true, stderr: true } }).stdout).not.toContain('\x1b');
  });
});

describe('the shim without a build', () => {
  it('says how to build when dist/ is missing, exit 2, no stack trace', () => {
    const bare = path.join(dir, 'tanpa-build');
    fs.mkdirSync(path.join(bare, 'bin'), { recursive: true });
    fs.copyFileSync(BIN, path.join(bare, 'bin', 'paten.js'));
    fs.writeFileSync(path.join(bare, 'package.json'), JSON.stringify({ type: 'module' }));
    const r = spawnSync(process.execPath, [path.join(bare, 'bin', 'paten.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('paten belum dibangun (dist/ tidak ditemukan)');
    expect(r.stderr).toContain('npm run build');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
