#!/usr/bin/env node
// `npm run bench kumulatif`: importing into a database that already holds many responses, the
// case of every office after its first year. A 10,000-row export (KUMULATIF_ROWS) is imported into
// an empty database (the baseline) and into one holding 1,000,000 stored responses
// (KUMULATIF_STORED), three times each in the same run; the ratio of the medians is the figure
// (target: at most 2×). The new rows are dated over the stored rows' own year (the worst case: every
// insert and lookup lands on a different index page) and, as an office's next download usually
// is, after them. A cumulative re-export (the stored rows' own file plus new rows) is timed too, and
// once the whole 1,000,000-row file again plus one row, against its own fresh import. The 10,000-row
// imports are also timed with the quick_check the CLI runs first (openDatabase verify).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './forms-gen.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = (p) => path.join(here, '..', 'dist', p);
const { openDatabase } = await import(dist('db/index.js'));
const { loadContoh } = await import(dist('contoh/index.js'));
const { importSurveyFiles, prepareSurveyFile } = await import(dist('survey/import.js'));
const { openSurveyFile } = await import(dist('survey/sumber.js'));

const NEW = Number(process.env.KUMULATIF_ROWS ?? 10_000);
const STORED = Number(process.env.KUMULATIF_STORED ?? 1_000_000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-kumulatif-'));
const copyDb = (from, to) => fs.copyFileSync(from, to);

async function importInto(dbFile, file, verify = false) {
  const t0 = process.hrtime.bigint();
  // verify: the PRAGMA quick_check `paten survey import` runs before every import, timed with it.
  const db = openDatabase(dbFile, { verify });
  try {
    const [table] = await openSurveyFile(file);
    const r = importSurveyFiles(db, [prepareSurveyFile(db, table)]);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, baru: r.berkas[0].baru, dilewati: r.berkas[0].baris_sama.dilewati };
  } finally {
    db.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const empty = path.join(work, 'kosong.db');
  const db = openDatabase(empty, { create: true });
  loadContoh(db);
  db.close();
  const storedFile = path.join(work, 'tersimpan.csv');
  const newFile = path.join(work, 'baru.csv');
  generate(storedFile, STORED, 7);
  generate(newFile, NEW, 99);
  const laterFile = path.join(work, 'baru-2024.csv');
  generate(laterFile, NEW, 99, 2024);
  // Paper forms typed in: dates without a time of day.
  const untimedFile = path.join(work, 'baru-tanpa-jam.csv');
  generate(untimedFile, NEW, 99, 2023, false);
  const full = path.join(work, 'penuh.db');
  copyDb(empty, full);
  let t0 = Date.now();
  const first = await importInto(full, storedFile);
  console.log(`${STORED.toLocaleString('id-ID')} baris tersimpan disiapkan dalam ${((Date.now() - t0) / 1000).toFixed(1)} s (${first.baru} baru)`);
  // A cumulative re-export: the stored file's first NEW/2 rows again, then NEW/2 rows of the new file.
  // (The generator is deterministic per seed: the same seed gives the stored file's first rows.)
  const reexport = path.join(work, 'ulang.csv');
  const lama = path.join(work, 'ulang-lama.csv');
  const baru = path.join(work, 'ulang-baru.csv');
  generate(lama, NEW / 2, 7);
  generate(baru, NEW / 2, 99);
  const tail = fs.readFileSync(baru, 'utf8');
  fs.writeFileSync(reexport, fs.readFileSync(lama, 'utf8') + tail.slice(tail.indexOf('\n') + 1));

  const runs = { kosong: [], penuh: [], kosongLater: [], penuhLater: [], kosongTanpaJam: [], penuhTanpaJam: [], ulang: [], kosongPeriksa: [], penuhPeriksa: [] };
  const cases = [
    ['kosong', empty, newFile], ['penuh', full, newFile], ['kosongLater', empty, laterFile], ['penuhLater', full, laterFile],
    ['kosongTanpaJam', empty, untimedFile], ['penuhTanpaJam', full, untimedFile], ['ulang', full, reexport],
    ['kosongPeriksa', empty, newFile, true], ['penuhPeriksa', full, newFile, true],
  ];
  for (let i = 0; i < 3; i++) {
    for (const [k, base, file, verify] of cases) {
      const target = path.join(work, `run-${k}-${i}.db`);
      copyDb(base, target);
      const r = await importInto(target, file, verify);
      runs[k].push(r.ms);
      if (i === 0) console.log(`  ${k}: ${r.baru} baru, ${r.dilewati} dilewati`);
      for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    }
  }
  // The whole stored file again with one new row: a big office's next cumulative download.
  const all = path.join(work, 'ulang-semua.csv');
  fs.writeFileSync(all, fs.readFileSync(storedFile, 'utf8') + fs.readFileSync(newFile, 'utf8').split('\n')[1] + '\n');
  const allDb = path.join(work, 'run-semua.db');
  copyDb(full, allDb);
  const whole = await importInto(allDb, all);
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  console.log(`impor ${NEW.toLocaleString('id-ID')} baris ke basis data kosong:            ${m.kosong.toFixed(0)} ms (median dari 3)`);
  console.log(`impor ${NEW.toLocaleString('id-ID')} baris ke ${STORED.toLocaleString('id-ID')} baris tersimpan:   ${m.penuh.toFixed(0)} ms = ${(m.penuh / m.kosong).toFixed(2)}× (target ≤ 2×)`);
  console.log(`  baris bertanggal sesudah yang tersimpan: kosong ${m.kosongLater.toFixed(0)} ms, penuh ${m.penuhLater.toFixed(0)} ms = ${(m.penuhLater / m.kosongLater).toFixed(2)}×`);
  console.log(`  dengan PRAGMA quick_check seperti \`paten survey import\`: kosong ${m.kosongPeriksa.toFixed(0)} ms, penuh ${m.penuhPeriksa.toFixed(0)} ms = ${(m.penuhPeriksa / m.kosongPeriksa).toFixed(2)}×`);
  console.log(`  tanpa jam (ketikan formulir kertas): kosong ${m.kosongTanpaJam.toFixed(0)} ms, penuh ${m.penuhTanpaJam.toFixed(0)} ms = ${(m.penuhTanpaJam / m.kosongTanpaJam).toFixed(2)}×`);
  console.log(`unduhan ulang (separuh sudah tersimpan) ke basis data yang sama: ${m.ulang.toFixed(0)} ms = ${(m.ulang / m.kosong).toFixed(2)}×`);
  const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString('id-ID');
  console.log(
    `unduhan ulang ${(STORED + 1).toLocaleString('id-ID')} baris (${whole.dilewati.toLocaleString('id-ID')} dilewati, ${whole.baru} baru): ${whole.ms.toFixed(0)} ms = ` +
      `${(whole.ms / first.ms).toFixed(2)}× impor segarnya (${first.ms.toFixed(0)} ms); ${rate(STORED + 1, whole.ms)} baris/s (target issue 15: ≥ 300.000)`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
