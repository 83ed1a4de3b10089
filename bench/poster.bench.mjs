// `npm run bench -- poster`: desa posters per second.
// - `paten qr generate` on a 1,000-desa kabupaten (the sample's 20 desa × 14 layanan plus 980
//   generated desa) as a user runs it: one process, start included (target: ≥ 200 posters/s),
//   run three times, best wall time and its CPU time (user + system, from /usr/bin/time);
// - with PATEN_POSTER_BASELINE=DIR (a built checkout of an earlier paten), DIR's bin/paten.js in
//   the same turns (with `--inti 1` and `--inti 2` when DIR still has that option; it was removed:
//   a second thread was not 1.4× faster on 2 cores), for before/after ratios measured in one run;
// - in process: CPU time per poster (plan and write), and peak memory while writing 5,000 posters
//   (it must stay flat: one PDF at a time, a few files being written).
// Baseline, in the same process: creating and writing a one-page PDF with a line of text (ratios
// are what to compare between machines and runs; other processes on a shared machine skew every
// wall-clock figure, CPU time much less).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);
const { openDatabase } = await import(dist('db/index.js'));
const { loadContoh } = await import(dist('contoh/index.js'));
const { planPosters, writePosters, posterFileName } = await import(dist('poster/generate.js'));
const { createPdf, pdfToBuffer } = await import(dist('pdf/document.js'));
console.log(`load average before: ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} (${os.availableParallelism()} cores)`);

/** The sample kecamatan plus `extra` generated desa (kode 35.16.9x.2xxx), with `mods`' schema. */
function makeDb(file, extra, mods = { openDatabase, loadContoh }) {
  fs.rmSync(file, { force: true });
  const db = mods.openDatabase(file, { create: true });
  mods.loadContoh(db);
  const ins = db.prepare("INSERT INTO desa (kode, nama, jenis, diperbarui) VALUES (?, ?, 'desa', '2026-11-02 00:00:00')");
  db.transaction(() => {
    for (let i = 0; i < extra; i++) ins.run(`35169${Math.floor(i / 900)}${String(2000 + (i % 900) + 1).padStart(4, '0')}`, `Desa Uji ${i + 1} Sumberrejo`);
  })();
  return db;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Plans and writes every poster of `dbFile` in this process; wall and CPU time cover both. */
async function run(dbFile, out, opts = {}) {
  const db = openDatabase(dbFile);
  try {
    const t = performance.now();
    const c = cpuNow();
    const plan = await planPosters(db, { out });
    const planCpu = cpuNow() - c;
    await writePosters(plan, opts.onProgress?.(plan));
    return { n: plan.desa.length, ms: performance.now() - t, cpu: cpuNow() - c, planCpu };
  } finally {
    db.close();
  }
}

const hasTime = fs.existsSync('/usr/bin/time');

/** One `paten qr generate` process: wall time, and CPU time of the process when measurable. */
function cli(bin, dbFile, out, inti) {
  fs.rmSync(out, { recursive: true, force: true });
  const args = [bin, '--db', dbFile, 'qr', 'generate', '--out', out, ...(inti ? ['--inti', String(inti)] : [])];
  const t = performance.now();
  const r = hasTime ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${bin} qr generate --inti ${inti} gagal:\n${r.stderr}`);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-poster-'));
const rate = (n, ms) => (n / ms) * 1000;
const fmt = (v) => v.toFixed(1);
try {
  // Baseline: a one-page PDF with one line of text, to buffer, written to disk.
  const baseline = async (n) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      const doc = await createPdf({ title: 'dasar', autoFirstPage: false });
      doc.addPage();
      doc.text(`Desa ${i}`);
      fs.writeFileSync(path.join(tmp, 'dasar.pdf'), await pdfToBuffer(doc));
    }
    return rate(n, performance.now() - t);
  };
  await baseline(50);
  const base = await baseline(300);
  console.log(`baseline (1-page PDF with one line, in process): ${fmt(base)} /s`);

  const kabDb = path.join(tmp, 'kabupaten.db');
  makeDb(kabDb, 980).close();
  const N = 1000;

  // As a user runs it: separate processes, start included; configurations in turn, best of three.
  const configs = [{ name: 'paten qr generate', bin: path.join(root, 'bin', 'paten.js'), inti: 0 }];
  const before = process.env.PATEN_POSTER_BASELINE;
  if (before) {
    // The same data in a database of the earlier version's own schema.
    const oldDb = path.join(tmp, 'kabupaten-sebelum.db');
    const mods = { ...(await import(path.join(before, 'dist', 'db', 'index.js'))), ...(await import(path.join(before, 'dist', 'contoh', 'index.js'))) };
    makeDb(oldDb, 980, mods).close();
    const oldBin = path.join(before, 'bin', 'paten.js');
    const help = spawnSync(process.execPath, [oldBin, 'qr', 'generate', '--help'], { encoding: 'utf8' }).stdout ?? '';
    if (help.includes('--inti')) {
      configs.push({ name: `before (${before}) --inti 1`, bin: oldBin, inti: 1, db: oldDb });
      configs.push({ name: `before (${before}) --inti 2`, bin: oldBin, inti: 2, db: oldDb });
    } else configs.push({ name: `before (${before})`, bin: oldBin, inti: 0, db: oldDb });
  }
  const best = new Map();
  for (let round = 0; round < 3; round++)
    for (const c of configs) {
      const r = cli(c.bin, c.db ?? kabDb, path.join(tmp, 'cli'), c.inti);
      const b = best.get(c.name);
      if (!b || r.ms < b.ms) best.set(c.name, r);
    }
  const one = best.get(configs[0].name);
  for (const c of configs) {
    const r = best.get(c.name);
    const cpu = Number.isNaN(r.cpu) ? '' : `, CPU ${fmt(r.cpu / 1000)} s = ${fmt(rate(N, r.cpu))} posters per CPU-second`;
    console.log(`${N} desa, ${c.name}: ${fmt(r.ms / 1000)} s = ${fmt(rate(N, r.ms))} posters/s (start included${cpu}; ${fmt(rate(N, r.ms) / base * 100)}% of baseline)`);
  }
  if (before && configs.length === 2) {
    const old = best.get(configs[1].name);
    console.log(`after / before (wall): ×${(old.ms / one.ms).toFixed(2)}${Number.isNaN(old.cpu) ? '' : `; CPU ×${(old.cpu / one.cpu).toFixed(2)}`}`);
  } else if (before) {
    const [old1, old2] = [best.get(configs[1].name), best.get(configs[2].name)];
    console.log(`after / before --inti 1 (wall): ×${(old1.ms / one.ms).toFixed(2)}${Number.isNaN(old1.cpu) ? '' : `; CPU ×${(old1.cpu / one.cpu).toFixed(2)}`}`);
    console.log(`before: --inti 2 / --inti 1 (wall): ×${(old1.ms / old2.ms).toFixed(2)}; after / before --inti 2: ×${(old2.ms / one.ms).toFixed(2)}`);
  }
  console.log(`load average now ${os.loadavg()[0].toFixed(1)}`);

  // In process: where the CPU time goes.
  const k = await run(kabDb, path.join(tmp, 'kab-1'));
  console.log(`${k.n} desa in process: ${fmt(rate(k.n, k.ms))} posters/s wall; CPU ${fmt(k.cpu)} ms (plan ${fmt(k.planCpu)} ms, then ${fmt((k.cpu - k.planCpu) / k.n)} ms per poster)`);

  const sampleDb = path.join(tmp, 'contoh.db');
  makeDb(sampleDb, 0).close();
  const s = [];
  for (let i = 0; i < 3; i++) s.push(await run(sampleDb, path.join(tmp, `contoh-${i}`)));
  const bs = s.reduce((a, b) => (rate(b.n, b.ms) > rate(a.n, a.ms) ? b : a));
  console.log(`sample, 20 desa × 14 layanan (A4, 3 pages each), in process: ${fmt(rate(bs.n, bs.ms))} posters/s  (${fmt(rate(bs.n, bs.ms) / base * 100)}% of baseline)`);
  for (const d of fs.readdirSync(tmp)) if (d.startsWith('kab-') || d.startsWith('contoh-') || d === 'cli') fs.rmSync(path.join(tmp, d), { recursive: true, force: true });

  // Memory: 5,000 posters; each file is deleted once written so the disk stays small too.
  const bigDb = path.join(tmp, 'besar.db');
  makeDb(bigDb, 4980).close();
  const samples = [];
  let peak = 0;
  const big = await run(bigDb, path.join(tmp, 'besar'), {
    onProgress: (plan) => (done) => {
      // The file of poster `done` may still be being written: remove the one before it.
      if (done > 8) fs.rmSync(path.join(plan.outDir, posterFileName(plan.desa[done - 9])), { force: true });
      peak = Math.max(peak, process.memoryUsage().rss);
      if (done % 1000 === 0 || done === 200) {
        globalThis.gc?.();
        samples.push(`${done}: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
      }
    },
  });
  console.log(`5,000 posters in process: ${fmt(rate(big.n, big.ms))} posters/s; peak RSS ${(peak / 1048576).toFixed(0)} MB; RSS after GC at ${samples.join(', ')}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
