// The cost of the integrity check that runs before every import and backup (`PRAGMA quick_check`,
// issue 13 §2) on a database of 1,000,000 stored responses. Baselines measured in the same run:
// reading the whole file once (the least any check of every page can cost) and the full
// `PRAGMA integrity_check` that `paten db check` runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.PATEN_BENCH_N ?? 1_000_000);
const keep = process.env.PATEN_BENCH_KEEP;
const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-integrity-'));
const dbFile = path.join(dir, 'bench.db');
const keys = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'];
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);

const time = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  if (!(keep && fs.existsSync(dbFile))) await build();
  await measure();
} finally {
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

async function build() {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'paten.js'), '--db', dbFile, 'init', '--contoh'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const { openDatabase } = await imp('db/index.js');
  const { createBatchWriter } = await imp('survey/store.js');
  const db = openDatabase(dbFile);
  const layanan = db.prepare('SELECT id FROM layanan').pluck().all();
  const desa = db.prepare('SELECT id FROM desa').pluck().all();
  const next = mulberry32(777);
  const rnd = () => next() / 4294967296;
  const perMonth = Math.ceil(N / 12);
  let line = 0;
  for (let m = 1; m <= 12; m++) {
    db.transaction(() => {
      const w = createBatchWriter(db, { file_name: `skm-${m}.csv`, sha256: `integrity-${m}`, sumber: 'google-forms' });
      for (let i = 0; i < perMonth && line < N; i++, line++) {
        const jawaban = {};
        for (const k of keys) jawaban[k] = 1 + Math.floor(rnd() * 4);
        const d = 1 + Math.floor(rnd() * 28);
        w.add({ line: i + 2, tanggal: `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, layanan_id: layanan[Math.floor(rnd() * layanan.length)], desa_id: desa[Math.floor(rnd() * desa.length)], jawaban });
      }
      w.finish();
    }).immediate();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function measure() {
  const { openDatabase, quickCheck } = await imp('db/index.js');
  const db = openDatabase(dbFile, { readonly: true });
  const rows = db.prepare('SELECT COUNT(*) FROM survey_response').pluck().get();
  const size = fs.statSync(dbFile).size;
  const buf = Buffer.alloc(1 << 20);
  const readAll = () => {
    const fd = fs.openSync(dbFile, 'r');
    while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
    fs.closeSync(fd);
  };
  readAll(); // warm the page cache once, as on an office machine that just used the database
  const read = [], quick = [], full = [];
  for (let i = 0; i < 3; i++) {
    read.push(time(readAll));
    quick.push(time(() => { if (quickCheck(db).length) throw new Error('damaged'); }));
    full.push(time(() => db.pragma('integrity_check')));
  }
  db.close();
  const r = median(read), q = median(quick), f = median(full);
  console.log(`data: ${rows.toLocaleString('en')} responses, ${(size / 1048576).toFixed(0)} MiB`);
  console.log(`read the whole file once (baseline)   median ${r.toFixed(0)} ms`);
  console.log(`PRAGMA quick_check (imports, backups) median ${q.toFixed(0)} ms  (${(q / r).toFixed(1)}× the file read)`);
  console.log(`PRAGMA integrity_check (db check)     median ${f.toFixed(0)} ms  (${(f / q).toFixed(1)}× quick_check)`);
}
