#!/usr/bin/env node
// `npm run bench -- paket`: a kecamatan packet of 50,000 responses (7 layanan × 8 desa over the
// year): its size, with and without saran, and how long `survey paket` and `kabupaten tambah` take
// against `paten ikm --tahun` on the same database in the same run (the ratio is what to compare).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './forms-gen.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-paket-'));
const rows = Number(process.env.PAKET_ROWS ?? 50000);
const db = path.join(tmp, 'kecamatan.db');

function run(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--db', args.db ?? db, ...args.argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`paten ${args.argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

run({ argv: ['init', '--contoh'] });
const csv = path.join(tmp, 'forms.csv');
generate(csv, rows, 7);
run({ argv: ['survey', 'import', csv] });
const ikm = run({ argv: ['ikm', '--tahun', '2023', '--tanpa-interval'] });
const out = path.join(tmp, 'a.paket');
const paket = run({ argv: ['survey', 'paket', '--tahun', '2023', '--out', out] });
const saran = path.join(tmp, 'saran.paket');
run({ argv: ['survey', 'paket', '--tahun', '2023', '--dengan-saran', '--out', saran] });
const tambah = run({ db: path.join(tmp, 'kab.db'), argv: ['kabupaten', 'tambah', out] });
const kb = (f) => (fs.statSync(f).size / 1024).toFixed(0);
console.log(`${rows} responses: packet ${kb(out)} KiB, with saran ${kb(saran)} KiB`);
console.log(`paten ikm --tahun (baseline): ${ikm.toFixed(0)} ms`);
console.log(`survey paket: ${paket.toFixed(0)} ms (${(paket / ikm).toFixed(2)}×)`);
console.log(`kabupaten tambah (new kabupaten database): ${tambah.toFixed(0)} ms (${(tambah / ikm).toFixed(2)}×)`);
fs.rmSync(tmp, { recursive: true, force: true });
