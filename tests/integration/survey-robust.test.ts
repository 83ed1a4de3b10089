import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, patenJson, patenSpawn, sampleDb, tempDir } from '../helpers/cli.js';
import { writeBigForms } from '../helpers/survey.js';

const dir = tempDir('paten-survey-robust-');
afterAll(() => cleanup(dir));

function finished(child: ReturnType<typeof patenSpawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('survey import under failure and concurrency', { tags: ['lambat'] }, () => {
  it('SIGKILL halfway through a large import leaves an intact database with no trace of the batch', async () => {
    const db = sampleDb(dir);
    const first = path.join(dir, 'kecil.csv');
    writeBigForms(first, 50, 7);
    patenJson(['survey', 'import', first], { db });
    // 100,000 rows (18 MB): the import holds its IMMEDIATE transaction from its first row and, with
    // a 64 MiB page cache, writes the batch's pages to the WAL only while committing (about 10 MB).
    const big = path.join(dir, 'besar.csv');
    writeBigForms(big, 100_000, 3);
    const child = patenSpawn(['survey', 'import', big], { db });
    const done = finished(child);
    // Kill as soon as the commit has put the first megabyte of the batch into the WAL: the rows are
    // all written, the commit record is not. Polled synchronously every millisecond (not through
    // timers) so the kill lands well before the commit ends, however loaded the machine is.
    const wal = `${db}-wal`;
    const walSize = () => (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
    const tick = new Int32Array(new SharedArrayBuffer(4));
    const started = Date.now();
    while (Date.now() - started < 60_000 && walSize() <= 1024 * 1024) Atomics.wait(tick, 0, 0, 1);
    child.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    // The killed commit left its frames behind: the kill did land inside the transaction.
    expect(walSize()).toBeGreaterThan(1024 * 1024);
    expect(r.stdout).toBe('');
    const conn = new Database(db);
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(conn.prepare('SELECT id, file_name, rows FROM survey_batch').all()).toEqual([{ id: 1, file_name: 'kecil.csv', rows: 50 }]);
      expect(conn.prepare('SELECT COUNT(*) FROM survey_response').pluck().get()).toBe(50);
      expect(conn.prepare('SELECT SUM(responden) FROM survey_agg').pluck().get()).toBe(50);
    } finally {
      conn.close();
    }
    // And the same file imports cleanly afterwards.
    const again = patenJson(['survey', 'import', big], { db });
    expect(again.berkas[0].baris).toBe(100_000);
  }, 180_000);

  it('two imports started at the same moment both complete, one after the other', async () => {
    const db = sampleDb(path.join(dir, 'dua'));
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    writeBigForms(a, 40_000, 11);
    writeBigForms(b, 30_000, 12);
    const [ra, rb] = await Promise.all([finished(patenSpawn(['survey', 'import', a], { db })), finished(patenSpawn(['survey', 'import', b], { db }))]);
    expect([ra.code, ra.stderr]).toEqual([0, expect.stringContaining('a.csv: 40.000 baris')]);
    expect([rb.code, rb.stderr]).toEqual([0, expect.stringContaining('b.csv: 30.000 baris')]);
    const list = patenJson(['survey', 'list'], { db });
    expect(list.map((x: any) => [x.berkas, x.baris]).sort()).toEqual([['a.csv', 40000], ['b.csv', 30000]]);
  }, 120_000);
});
