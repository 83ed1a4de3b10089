#!/usr/bin/env node
// `npm run bench survey-import`: imports a generated Google-Forms-like export of 1,000,000 rows
// (SURVEY_BENCH_ROWS to change) and prints rows/s and peak memory, next to the raw parse rate of the
// same file measured in the same run: csv-parse streaming the file (the ceiling named in issue 5)
// and paten's own streaming tokenizer, and the SQLite ceiling (the same number of compact rows
// inserted with one prepared statement in one transaction, its indexes in place, and once more with
// the (hari, sidik) index built at the end, as the first import into an empty database does). Each measurement runs in its own child process so that its
// peak RSS is its own. The obvious Python script (bench/ref-ikm.py: csv module, NRR, IKM; stores
// nothing) runs on the same files in the same run, the baseline of issue 15's targets (≥ 3× it at 1M
// rows, at least as fast at 100k). Memory flatness: a file a tenth the size (100k rows) is imported
// too and the peaks compared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = (p) => path.join(root, 'dist', p);

const { generate } = await import('./forms-gen.mjs');

// ---------- child measurements ----------

async function childParse(file) {
  const { parse } = await import('csv-parse');
  const t0 = process.hrtime.bigint();
  let n = 0;
  const parser = fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const _ of parser) n++;
  return { records: n - 1, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

async function childTokenize(file) {
  const { examineFile, streamRecords } = await import(dist('survey/csv-stream.js'));
  const t0 = process.hrtime.bigint();
  let n = 0;
  streamRecords(examineFile(file), () => void n++);
  return { records: n - 1, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

async function childImport(file) {
  const { openDatabase } = await import(dist('db/index.js'));
  const { loadContoh } = await import(dist('contoh/index.js'));
  const { prepareSurveyFile, importSurveyFiles } = await import(dist('survey/import.js'));
  const { openSurveyFile } = await import(dist('survey/sumber.js'));
  const dbFile = path.join(path.dirname(file), `bench-${process.pid}.db`);
  const db = openDatabase(dbFile, { create: true });
  loadContoh(db);
  const t0 = process.hrtime.bigint();
  const [table] = await openSurveyFile(file);
  const prep = prepareSurveyFile(db, table);
  const r = importSurveyFiles(db, [prep]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const stored = db.prepare('SELECT COUNT(*) FROM survey_response').pluck().get();
  db.close();
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  return { records: r.berkas[0].baris, stored, ms };
}

/** bench/ref-ikm.py on the file, timed inside Python around the script (interpreter start left out, as node's is). */
async function childPython(file) {
  const wrapper = [
    'import resource, runpy, sys, time',
    `sys.argv = ['ref-ikm.py', ${JSON.stringify(file)}]`,
    't0 = time.perf_counter()',
    `runpy.run_path(${JSON.stringify(path.join(here, 'ref-ikm.py'))}, run_name='__main__')`,
    "print('@', (time.perf_counter() - t0) * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
  ].join('\n');
  const r = spawnSync('python3', ['-c', wrapper], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const out = r.stdout.trim().split('\n');
  const [, ms, rssKB] = out.pop().split(' ');
  const records = Number(/rows=(\d+)/.exec(out.join(' '))[1]);
  return { records, ms: Number(ms), pyRssMB: Number(rssKB) / 1024, ikm: /ikm=([\d.]+)/.exec(out.join(' '))[1] };
}

/**
 * SQLite ceiling: the same number of rows inserted into survey_baris (the compact stored row,
 * migration 14: day number, seconds, ids, packed answers, fingerprint, the texts) through the
 * import's own insert path (beginBulk, BulkInsert: 32 rows per statement, no per-row foreign-key
 * checks) in one transaction, its indexes in place.
 */
async function childInsert(file, sesudah = false) {
  const rows = Number(file);
  const { openDatabase } = await import(dist('db/index.js'));
  const { beginBulk, endBulk, BulkInsert } = await import(dist('db/write.js'));
  const dbFile = path.join(os.tmpdir(), `paten-bench-insert-${process.pid}.db`);
  const db = openDatabase(dbFile, { create: true });
  db.prepare("INSERT INTO survey_batch (id, file_name, sha256, rows, imported_at) VALUES (1, 'x', 'x', 0, 'x')").run();
  const cols = ['batch_id', 'line', 'hari', 'detik', 'jawaban', 'sidik', 'layanan_teks', 'desa_teks', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'saran'];
  const t0 = process.hrtime.bigint();
  beginBulk(db);
  const ins = new BulkInsert(db, 'survey_baris', cols);
  // sesudah: as the first import into an empty database does, the (hari, sidik) index is dropped
  // and built again with one sort before COMMIT (src/survey/store.ts tundaIndeks).
  const indeks = sesudah ? db.prepare("SELECT sql FROM sqlite_master WHERE name = 'survey_baris_hari_sidik'").pluck().get() : null;
  if (indeks) {
    db.exec('DROP INDEX survey_baris_hari_sidik');
    db.pragma('cache_size = -4096');
  }
  const v = ins.values;
  for (let i = 0; i < rows; i++) {
    const o = ins.start();
    v[o] = 1; v[o + 1] = i + 2; v[o + 2] = 19358 + ((i * 7) % 365); v[o + 3] = 36672 + (i % 3600); v[o + 4] = (i * 2654435761) % 134217727;
    v[o + 5] = (i * 2654435761) % 9007199254740881; v[o + 6] = 'Pembuatan KTP'; v[o + 7] = 'Betro'; v[o + 8] = 'P'; v[o + 9] = 35;
    v[o + 10] = 'SMA'; v[o + 11] = 'PNS'; v[o + 12] = i % 2 ? null : 'Pelayanan sudah baik, pertahankan.';
    ins.end();
  }
  ins.flush();
  if (indeks) db.exec(indeks);
  endBulk(db, true);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  db.close();
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  return { records: rows, ms };
}

const mode = process.argv.find((a) => a.startsWith('--child='))?.slice(8);
if (mode) {
  const file = process.argv[process.argv.length - 1];
  const fn = { parse: childParse, tokenize: childTokenize, insert: childInsert, 'insert-sesudah': (f) => childInsert(f, true), import: childImport, python: childPython }[mode];
  const r = await fn(file);
  process.stdout.write(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, ...r }) + '\n');
  process.exit(0);
}

// ---------- driver ----------

function run(kind, file) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${kind}`, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const ROWS = Number(process.env.SURVEY_BENCH_ROWS ?? 1_000_000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-survey-'));
try {
  const big = path.join(tmp, 'skm-besar.csv');
  const small = path.join(tmp, 'skm-kecil.csv');
  generate(big, ROWS);
  const SMALL = Math.round(ROWS / 10);
  generate(small, SMALL);
  const mb = fs.statSync(big).size / 1e6;
  const rate = (r) => Math.round(r.records / (r.ms / 1000));
  const fmt = (n) => n.toLocaleString('en-US');
  console.log(`file: ${fmt(ROWS)} rows, ${mb.toFixed(0)} MB (Google Forms shape, label answers)`);

  const parse = run('parse', big);
  const tok = run('tokenize', big);
  const insert = run('insert', String(ROWS));
  const insertSesudah = run('insert-sesudah', String(ROWS));
  const imp = run('import', big);
  const impSmall = run('import', small);
  const py = run('python', big);
  const pySmall = run('python', small);
  if (imp.records !== ROWS || imp.stored !== ROWS) throw new Error(`import stored ${imp.stored} of ${ROWS} rows`);

  console.log(`csv-parse stream (raw parse ceiling): ${fmt(rate(parse))} rows/s  (${(parse.ms / 1000).toFixed(2)} s, peak RSS ${parse.maxRssMB.toFixed(0)} MB)`);
  console.log(`paten tokenizer (raw, exact lines):   ${fmt(rate(tok))} rows/s  (${(tok.ms / 1000).toFixed(2)} s, peak RSS ${tok.maxRssMB.toFixed(0)} MB)`);
  console.log(`SQLite insert only (same rows, 1 txn, 32 per statement): ${fmt(rate(insert))} rows/s  (${(insert.ms / 1000).toFixed(2)} s)`);
  console.log(`  same, (hari, sidik) index built at the end as a first import does: ${fmt(rate(insertSesudah))} rows/s  (${(insertSesudah.ms / 1000).toFixed(2)} s)`);
  console.log(`survey import end to end:             ${fmt(rate(imp))} rows/s  (${(imp.ms / 1000).toFixed(2)} s, peak RSS ${imp.maxRssMB.toFixed(0)} MB)`);
  console.log(`  same import, ${fmt(SMALL)} rows:       ${fmt(rate(impSmall))} rows/s  (${(impSmall.ms / 1000).toFixed(2)} s, peak RSS ${impSmall.maxRssMB.toFixed(0)} MB)`);
  console.log(`python3 bench/ref-ikm.py (IKM only):  ${fmt(rate(py))} rows/s  (${(py.ms / 1000).toFixed(2)} s, peak RSS ${py.pyRssMB.toFixed(0)} MB, IKM ${py.ikm})`);
  console.log(`  same script, ${fmt(SMALL)} rows:       ${fmt(rate(pySmall))} rows/s  (${(pySmall.ms / 1000).toFixed(2)} s)`);
  console.log(`ratio paten / python at ${fmt(ROWS)} rows: ${(rate(imp) / rate(py)).toFixed(2)}  (target ≥ 3.00)`);
  console.log(`ratio paten / python at ${fmt(SMALL)} rows:   ${(rate(impSmall) / rate(pySmall)).toFixed(2)}  (target ≥ 1.00)`);
  console.log(`ratio end-to-end / csv-parse ceiling: ${(rate(imp) / rate(parse)).toFixed(2)}  (target ≥ 0.50)`);
  // The import into an empty database builds its (hari, sidik) index at the end: that insert is its ceiling.
  const serial = 1 / (1 / rate(tok) + 1 / rate(insertSesudah));
  console.log(`ratio end-to-end / (tokenize + insert, serial): ${(rate(imp) / serial).toFixed(2)}  (1.00 = no overhead beyond reading and storing)`);
  console.log(`peak memory, 10x rows vs 1x:          ${(imp.maxRssMB / impSmall.maxRssMB).toFixed(2)}x  (flat ≈ 1; target ≤ 200 MB at 1M rows)`);
  console.log(`target ≥ 500,000 rows/s end to end:   ${rate(imp) >= 500_000 ? 'met' : 'NOT met'}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
