// Peak memory (max RSS) of every command that reads the stored survey rows, over MEMORI_N stored
// responses (default 1,000,000; MEMORI_N=200000 when time is short), next to two baselines from the
// same run: the bare process (`node -e 0`) and the same command over 10,000 stored rows. Target
// (issue 15): every command ≤ 300 MB at 1M rows, i.e. memory flat in the number of stored rows.
// MEMORI_KEEP=<folder> keeps the generated databases between runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSurveyDb } from './survey-db.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const N = Number(process.env.MEMORI_N ?? 1_000_000);
const SMALL = 10_000;
const TARGET_MB = 300;
const keep = process.env.MEMORI_KEEP;
const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-memori-'));
fs.mkdirSync(dir, { recursive: true });
// Printed by the measured process itself as it exits: VmHWM from /proc on Linux, since getrusage's
// maxrss survives fork + exec and would report this (large) parent instead; maxRSS elsewhere.
const maxRss = path.join(dir, 'maxrss.cjs');
fs.writeFileSync(
  maxRss,
  `process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
  process.stderr.write('\\nMAXRSS ' + kb + '\\n');
});
`,
);

function measure(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', maxRss, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} gagal (${r.status}): ${r.stderr}`);
  return { ms, mb: Number(/MAXRSS (\d+)/.exec(r.stderr)[1]) / 1024 };
}

// One year in 12 monthly batches, numbered saran (so none repeats), as bench/survey-db.mjs builds it.
async function build(dbFile, n) {
  if (fs.existsSync(dbFile)) return false;
  const perBatch = Math.ceil(n / 12);
  const batches = Array.from({ length: 12 }, (_, i) => ({
    file_name: `skm-2023-${i + 1}.csv`,
    sha256: `bench-memori-${i + 1}`,
    rows: Math.max(0, Math.min(perBatch, n - i * perBatch)),
    month: i + 1,
  }));
  await buildSurveyDb(dbFile, batches, { uniqueSaran: true });
  return true;
}

const commands = [
  ['report ikm --format csv', (out) => ['report', 'ikm', '--tahun', '2023', '--format', 'csv', '--out', out]],
  ['report ikm (pdf)', (out) => ['report', 'ikm', '--tahun', '2023', '--out', `${out}.pdf`]],
  ['report ikm --format html', (out) => ['report', 'ikm', '--tahun', '2023', '--format', 'html', '--out', `${out}.html`]],
  ['ikm --tahun 2023', () => ['ikm', '--tahun', '2023']],
  ['ikm --tahun 2023 --json', () => ['ikm', '--tahun', '2023', '--json']],
  ['ikm --per desa --csv', () => ['ikm', '--tahun', '2023', '--per', 'desa', '--csv']],
  ['survey list', () => ['survey', 'list']],
  ['survey paket', (out) => ['survey', 'paket', '--tahun', '2023', '--out', `${out}.paket`]],
  ['db check', () => ['db', 'check']],
];

try {
  const big = path.join(dir, `memori-${N}.db`);
  const small = path.join(dir, `memori-${SMALL}.db`);
  const t0 = Date.now();
  const built = (await build(small, SMALL)) | (await build(big, N));
  const size = (f) => (fs.statSync(f).size / 1024 / 1024).toFixed(0);
  console.log(`data: ${N.toLocaleString('en')} stored responses (${size(big)} MB database), baseline ${SMALL.toLocaleString('en')} (${size(small)} MB)${built ? `, built in ${((Date.now() - t0) / 1000).toFixed(1)} s` : ', reused'}`);
  const bare = measure(['-e', '0']);
  console.log(`node -e 0: peak RSS ${bare.mb.toFixed(0)} MB`);
  console.log(`${'command'.padEnd(28)} ${'10k MB'.padStart(7)} ${`${N / 1000}k MB`.padStart(8)} ${'×10k'.padStart(5)} ${'×node'.padStart(6)}  ≤ ${TARGET_MB} MB`);
  let failed = 0;
  for (const [name, args] of commands) {
    const s = measure([bin, '--db', small, ...args(path.join(dir, 'out-small'))]);
    const b = measure([bin, '--db', big, ...args(path.join(dir, 'out-big'))]);
    const ok = b.mb <= TARGET_MB;
    if (!ok) failed++;
    console.log(
      `${name.padEnd(28)} ${s.mb.toFixed(0).padStart(7)} ${b.mb.toFixed(0).padStart(8)} ${(b.mb / s.mb).toFixed(1).padStart(5)} ${(b.mb / bare.mb).toFixed(1).padStart(6)}  ${ok ? 'MET' : 'NOT MET'} (${(b.ms / 1000).toFixed(1)} s)`,
    );
  }
  console.log(failed ? `${failed} command(s) above ${TARGET_MB} MB` : `every command ≤ ${TARGET_MB} MB`);
} finally {
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
}
