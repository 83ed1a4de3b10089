// `paten ikm --tahun 2023` with its 95% interval and `paten ikm --per layanan --periode bulan` over
// 1,000,000 stored responses, process start included. Target: under 0.3 s on the office-class
// machine. Baselines measured in the same run: the bare process start (`paten --version`), the plain
// GROUP BY scan over the raw rows that the aggregates (survey_agg) replace, and the interval's pass
// over the raw rows (paten before migration 12) next to the interval from the cross-product sums
// (survey_agg_silang, and for whole months its monthly roll-up survey_agg_silang_bulan, migration 13)
// that replaced it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const N = Number(process.env.PATEN_BENCH_N ?? 1_000_000);
const keep = process.env.PATEN_BENCH_KEEP; // a folder: reuse the built database between runs
const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-ikm-'));
const dbFile = path.join(dir, 'bench.db');
const keys = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'];
const imp = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);

function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--db', dbFile, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`paten ${args.join(' ')} gagal: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

try {
  if (keep && fs.existsSync(dbFile)) {
    console.log(`reusing ${dbFile}`);
  } else await build();
  await measure();
} finally {
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}

async function build() {
  fs.mkdirSync(dir, { recursive: true });
  run(['init', '--contoh']);
  const { openDatabase } = await imp('db/index.js');
  const { createBatchWriter } = await imp('survey/store.js');
  const db = openDatabase(dbFile);
  const layanan = db.prepare('SELECT id FROM layanan').pluck().all();
  const desa = db.prepare('SELECT id FROM desa').pluck().all();
  const next = mulberry32(12345);
  const rnd = () => next() / 4294967296;
  const t0 = Date.now();
  const perMonth = Math.ceil(N / 12);
  let line = 0;
  for (let m = 1; m <= 12; m++) {
    db.transaction(() => {
      const w = createBatchWriter(db, { file_name: `skm-2023-${m}.csv`, sha256: `bench-${m}`, sumber: 'google-forms' });
      const days = new Date(Date.UTC(2023, m, 0)).getUTCDate();
      for (let i = 0; i < perMonth && line < N; i++, line++) {
        const jawaban = {};
        for (const k of keys) jawaban[k] = rnd() < 0.02 ? null : 1 + Math.min(3, Math.floor(rnd() * 2.2 + 1.6));
        const d = 1 + Math.floor(rnd() * days);
        w.add({ line: i + 2, tanggal: `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, layanan_id: layanan[Math.floor(rnd() * layanan.length)], desa_id: desa[Math.floor(rnd() * desa.length)], jawaban });
      }
      w.finish();
    }).immediate();
  }
  const aggRows = db.prepare('SELECT COUNT(*) FROM survey_agg').pluck().get();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(`data: ${N.toLocaleString('en')} responses in 12 batches, ${aggRows.toLocaleString('en')} aggregate rows (built in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function measure() {
  // warm the page cache once
  run(['ikm', '--per', 'layanan', '--periode', 'bulan']);
  const R = 7;
  const start = [], ikm = [], scan = [], plain = [], tahun = [];
  for (let i = 0; i < R; i++) {
    start.push(run(['--version']).ms);
    tahun.push(run(['ikm', '--tahun', '2023']).ms);
    ikm.push(run(['ikm', '--per', 'layanan', '--periode', 'bulan']).ms);
    plain.push(run(['ikm', '--tahun', '2023', '--tanpa-interval']).ms);
  }
  // Baseline: the GROUP BY scan over raw rows that the aggregates replace (in-process, no start-up).
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(dbFile, { readonly: true });
  const sums = keys.map((k) => `COUNT(u_${k}), SUM(u_${k})`).join(', ');
  const q = raw.prepare(`SELECT substr(tanggal, 1, 7), layanan_id, COUNT(*), ${sums} FROM survey_response WHERE tanggal BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY 1, 2`);
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    q.all();
    scan.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  raw.close();
  // The interval's Σ ψ², in process: before (one pass over the raw rows of the year, the query paten
  // ran until migration 12) and after (the cross-product sums).
  const { agregat, jumlahPsiKuadrat } = await imp('ikm/store.js');
  const { openDatabase } = await imp('db/index.js');
  const db = openDatabase(dbFile);
  const f = { dari: '2023-01-01', sampai: '2023-12-31' };
  const sel = agregat(db, f)[0].sel;
  const mean = sel.n.map((n, u) => (n ? sel.s[u] / n : 0));
  const terms = keys.map((k) => `COALESCE((r.u_${k} - ?) * ?, 0.0)`).join(' + ');
  const any = `COALESCE(${keys.map((k) => `r.u_${k}`).join(', ')})`;
  const rawPass = db.prepare(`SELECT COUNT(*), COALESCE(SUM(p * p), 0.0) FROM (SELECT ${terms} AS p FROM survey_response r WHERE r.tanggal BETWEEN ? AND ? AND ${any} IS NOT NULL)`).raw();
  const params = keys.flatMap((_, u) => [mean[u], sel.n[u] ? 1 / sel.n[u] : 0]);
  const before = [], after = [];
  let psiBefore, psiAfter;
  for (let i = 0; i < 3; i++) {
    let t = process.hrtime.bigint();
    psiBefore = rawPass.get(...params, f.dari, f.sampai);
    before.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    psiAfter = jumlahPsiKuadrat(db, f, sel);
    after.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  db.close();
  const s = median(start), k = median(ikm), g = median(scan), p = median(plain);
  const y = median(tahun), b = median(before), a = median(after);
  console.log(`process start (paten --version)            median ${s.toFixed(0)} ms`);
  console.log(`paten ikm --per layanan --periode bulan    median ${k.toFixed(0)} ms  (${(k / s).toFixed(2)}× start; ${(k - s).toFixed(0)} ms above start)`);
  console.log(`paten ikm --tahun 2023 --tanpa-interval    median ${p.toFixed(0)} ms`);
  console.log(`raw GROUP BY scan, in process (baseline)   median ${g.toFixed(0)} ms  (aggregates: ${(g / Math.max(1, k - s)).toFixed(1)}× less work above start)`);
  console.log(`paten ikm --tahun 2023 (with interval)      median ${y.toFixed(0)} ms  (${(y / s).toFixed(2)}× start; ${(y - p).toFixed(0)} ms above --tanpa-interval)`);
  console.log(`interval Σψ², in process: before (raw rows) ${b.toFixed(0)} ms | after (cross-product sums, monthly for a year) ${a.toFixed(1)} ms  (${(b / a).toFixed(0)}× less)`);
  console.log(`  Σψ² before ${psiBefore[1]} (n ${psiBefore[0]}), after ${psiAfter.psi2} (n ${psiAfter.responden})`);
  console.log(`paten ikm --tahun 2023 before (--tanpa-interval + raw-row pass) ≈ ${(p + b).toFixed(0)} ms | after ${y.toFixed(0)} ms`);
  console.log(`target 300 ms: ikm --tahun ${y < 300 ? 'MET' : 'NOT MET'}; --per layanan --periode bulan ${k < 300 ? 'MET' : 'NOT MET'}`);
}
