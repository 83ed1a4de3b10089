// `npm run bench -- poster`: posters per second for the 20-desa sample and a generated 500-desa
// kabupaten (one thread), the same with both cores (`qr generate --inti 2`: two worker threads,
// each writing every other desa), and peak memory while writing 5,000 posters (it must stay flat:
// one PDF at a time).
// Baseline, in the same process: creating and writing a one-page PDF with a line of text (ratios
// are what to compare between machines and runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(root, 'dist', p);
const { openDatabase } = await import(dist('db/index.js'));
const { loadContoh } = await import(dist('contoh/index.js'));
const { planPosters, writePosters, posterFileName } = await import(dist('poster/generate.js'));
console.log(`load average before: ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} (other processes on this machine skew every figure)`);
const { createPdf, pdfToBuffer } = await import(dist('pdf/document.js'));

/** The sample kecamatan plus `extra` generated desa (kode 35.16.15.2xxx → 35.16.nn.2xxx). */
function makeDb(file, extra) {
  fs.rmSync(file, { force: true });
  const db = openDatabase(file, { create: true });
  loadContoh(db);
  const ins = db.prepare("INSERT INTO desa (kode, nama, jenis, diperbarui) VALUES (?, ?, 'desa', '2026-11-02 00:00:00')");
  db.transaction(() => {
    for (let i = 0; i < extra; i++) ins.run(`35169${String(Math.floor(i / 900)).padStart(1, '0')}${String(2000 + (i % 900) + 1).padStart(4, '0')}`, `Desa Uji ${i + 1} Sumberrejo`);
  })();
  return db;
}

/** Plans and writes every poster of `dbFile`; the time covers both (what a user waits for). */
async function run(dbFile, out, opts = {}) {
  const db = openDatabase(dbFile);
  try {
    const t = performance.now();
    const plan = await planPosters(db, { out });
    await writePosters(plan, opts.onProgress?.(plan), opts.threads);
    return { n: plan.desa.length, ms: performance.now() - t };
  } finally {
    db.close();
  }
}

{
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
    console.log(`baseline (1-page PDF with one line): ${fmt(base)} /s`);

    // Memory first, in a fresh process: 5,000 posters; each file is deleted once written so the disk stays small too.
    const bigDb = path.join(tmp, 'besar.db');
    makeDb(bigDb, 4980).close();
    const samples = [];
    let peak = 0;
    const big = await run(bigDb, path.join(tmp, 'besar'), {
      onProgress: (plan) => (done) => {
        fs.rmSync(path.join(plan.outDir, posterFileName(plan.desa[done - 1])), { force: true });
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        if (done % 1000 === 0 || done === 200) {
          globalThis.gc?.();
          samples.push(`${done}: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
        }
      },
    });
    console.log(`5,000 posters: ${fmt(rate(big.n, big.ms))} posters/s; peak RSS ${(peak / 1048576).toFixed(0)} MB; RSS after GC at ${samples.join(', ')}`);

    const sampleDb = path.join(tmp, 'contoh.db');
    makeDb(sampleDb, 0).close();
    await run(sampleDb, path.join(tmp, 'warmup'));
    const s = [];
    for (let k = 0; k < 3; k++) s.push(await run(sampleDb, path.join(tmp, `contoh-${k}`)));
    const best = s.reduce((a, b) => (rate(b.n, b.ms) > rate(a.n, a.ms) ? b : a));
    console.log(`sample, 20 desa × 14 layanan (A4, 2 pages each): ${fmt(rate(best.n, best.ms))} posters/s  (${fmt(rate(best.n, best.ms) / base * 100)}% of baseline)`);

    const kabDb = path.join(tmp, 'kabupaten.db');
    makeDb(kabDb, 480).close();
    const k1 = await run(kabDb, path.join(tmp, 'kab-1'));
    const r1 = rate(k1.n, k1.ms);
    console.log(`kabupaten, ${k1.n} desa, one process: ${fmt(r1)} posters/s  (${fmt(r1 / base * 100)}% of baseline; ${fmt(83762 / r1 / 60)} min for Indonesia's 83,762 desa/kelurahan)`);

    // Both cores: two worker threads, each writing every other desa (`--inti 2`).
    const k2 = await run(kabDb, path.join(tmp, 'kab-2'), { threads: 2 });
    const r2 = rate(k2.n, k2.ms);
    console.log(`kabupaten, ${k2.n} desa, two worker threads (--inti 2): ${fmt(r2)} posters/s  (×${(r2 / r1).toFixed(2)} of one thread; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} from other processes)`);
    for (const d of fs.readdirSync(tmp)) if (d.startsWith('kab-') || d.startsWith('contoh-')) fs.rmSync(path.join(tmp, d), { recursive: true, force: true });

  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
