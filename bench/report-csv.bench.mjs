// `paten report ikm --format csv` over 1,000,000 stored responses (REPORT_CSV_N): peak memory (max
// RSS) of the whole command, target ≤ 300 MB (issue 15), measured against the way it used to be
// written, in the same run: every table, the per-respondent olah-data one included, built in memory
// (Array.from) and turned into one string (toCsv) before writing. Both write the same bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSurveyDb } from './survey-db.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const N = Number(process.env.REPORT_CSV_N ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-csv-'));
const dbFile = path.join(dir, 'bench.db');
const dist = (p) => pathToFileURL(path.join(root, 'dist', p)).href;
// Printed by the measured process itself as it exits.
const maxRss = path.join(dir, 'maxrss.cjs');
fs.writeFileSync(maxRss, "process.on('exit', () => process.stderr.write(`\\nMAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");

function measure(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', maxRss, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} gagal: ${r.stderr}`);
  return { ms, mb: Number(/MAXRSS (\d+)/.exec(r.stderr)[1]) / 1024 };
}

// One batch over the year (a month drawn per row), as bench/survey-db.mjs builds it.
const build = () => buildSurveyDb(dbFile, [{ file_name: 'skm-2023.csv', sha256: 'bench-csv', rows: N }]);

// The old way, with today's modules: every table materialised, one string per file.
const materialised = `
  const [dbFile, base] = process.argv.slice(-2);
  const { openDatabase } = await import(${JSON.stringify(dist('db/index.js'))});
  const { susunLaporan } = await import(${JSON.stringify(dist('ikm/laporan.js'))});
  const { tabelLaporanCsv } = await import(${JSON.stringify(dist('ikm/laporan-csv.js'))});
  const { toCsv, writeFileAtomic } = await import(${JSON.stringify(dist('core/csv.js'))});
  const db = openDatabase(dbFile);
  const l = susunLaporan(db, { tahun: 2023 });
  const files = tabelLaporanCsv(l).map((t) => ({ file: base + '-' + t.nama + '.csv', text: toCsv(t.header, Array.from(t.rows)) }));
  for (const f of files) writeFileAtomic(f.file, f.text);
`;

try {
  const t0 = Date.now();
  await build();
  console.log(`data: ${N.toLocaleString('en')} responses, 20% with a saran (built in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const old = measure(['--input-type=module', '-e', materialised, dbFile, path.join(dir, 'lama')]);
  const now = measure([bin, '--db', dbFile, 'report', 'ikm', '--tahun', '2023', '--format', 'csv', '--out', path.join(dir, 'baru')]);
  const same = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('lama-'))
    .every((f) => fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(dir, f.replace(/^lama-/, 'baru-')))));
  console.log(`report ikm --format csv, tables in memory (before): peak RSS ${old.mb.toFixed(0)} MB, ${(old.ms / 1000).toFixed(1)} s`);
  console.log(`report ikm --format csv, streamed (after):          peak RSS ${now.mb.toFixed(0)} MB, ${(now.ms / 1000).toFixed(1)} s  (${(old.mb / now.mb).toFixed(1)}× less memory)`);
  console.log(`same bytes: ${same ? 'yes' : 'NO'}; target ≤ 300 MB: ${now.mb <= 300 ? 'MET' : 'NOT MET'}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
