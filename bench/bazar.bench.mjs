// Bazar report speed: a Mayangan year (6 events × 17 agencies) and a Mal Pelayanan Publik year
// (21 agencies on every working day: 250 events), built in a temporary database. For each: the
// report data (SQL aggregation), the year PDF, and a baseline in the same process — one plain
// SELECT over the served-count rows — so the figures are comparable as ratios on a noisy machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../dist/db/index.js';
import { addAcara } from '../dist/bazar/acara.js';
import { undang } from '../dist/bazar/partisipasi.js';
import { catatBanyak } from '../dist/bazar/catat.js';
import { addInstansi, listInstansi } from '../dist/bazar/instansi.js';
import { laporanTahun } from '../dist/bazar/laporan.js';
import { laporanTahunPdf } from '../dist/bazar/pdf.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-bazar-'));

function build(name, agencies, dates) {
  const db = openDatabase(path.join(dir, `${name}.db`), { create: true });
  for (let i = 0; i < agencies; i++)
    addInstansi(db, { nama: `Instansi ${i + 1}`, jenis: 'dinas', layanan: Array.from({ length: 1 + (i % 4) }, (_, s) => `Layanan ${i + 1}.${s + 1}`) }, '2025-01-01 08:00:00');
  const inst = listInstansi(db);
  db.transaction(() => {
    dates.forEach((tanggal, e) => {
      const a = addAcara(db, { tanggal, tempat: 'Aula' }, `${tanggal} 07:00:00`);
      undang(db, String(a.id), { semua: true }, `${tanggal} 07:00:00`);
      catatBanyak(
        db,
        String(a.id),
        inst.map((x, i) => ((i + e) % 9 === 0 ? { instansi: x.nama, status: 'tidak-hadir' } : { instansi: x.nama, status: 'hadir', layanan: x.layanan.map((l, s) => ({ nama: l.nama, jumlah: (i * 7 + e * 3 + s) % 40 })) })),
        { now: `${tanggal} 16:00:00`, today: tanggal },
      );
    });
  })();
  return db;
}

function time(fn, reps) {
  fn(); // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / reps;
}

async function timeAsync(fn, reps) {
  await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) await fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / reps;
}

const workingDays = [];
for (let d = new Date(Date.UTC(2025, 0, 1)); d.getUTCFullYear() === 2025; d.setUTCDate(d.getUTCDate() + 1))
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) workingDays.push(d.toISOString().slice(0, 10));

const scenarios = [
  ['Mayangan (6 acara × 17 instansi)', 17, ['2025-02-15', '2025-04-19', '2025-06-14', '2025-08-16', '2025-10-18', '2025-12-13']],
  [`MPP (${workingDays.slice(0, 250).length} acara × 21 instansi)`, 21, workingDays.slice(0, 250)],
];

try {
  for (const [label, agencies, dates] of scenarios) {
    const t0 = Date.now();
    const db = build(label.split(' ')[0], agencies, dates);
    const buildMs = Date.now() - t0;
    const rows = db.prepare('SELECT COUNT(*) FROM bazar_dilayani').pluck().get();
    const base = time(() => db.prepare('SELECT * FROM bazar_dilayani').all(), 20);
    const data = time(() => laporanTahun(db, 2025), 20);
    const pdfFile = path.join(dir, 'laporan.pdf');
    const pdf = await timeAsync(() => laporanTahunPdf(laporanTahun(db, 2025), pdfFile), 5);
    console.log(`${label}: ${rows} baris dilayani, dibangun dalam ${buildMs} ms`);
    console.log(`  baseline SELECT *      ${base.toFixed(2)} ms`);
    console.log(`  laporan (data)         ${data.toFixed(2)} ms  (${(data / base).toFixed(1)}× baseline)`);
    console.log(`  laporan PDF            ${pdf.toFixed(1)} ms  (${(pdf / base).toFixed(1)}× baseline, ${(fs.statSync(pdfFile).size / 1024).toFixed(0)} KB)`);
    db.close();
  }
} finally {
  if (process.env.PATEN_BENCH_KEEP) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
