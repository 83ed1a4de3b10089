// `paten report ikm --format csv` over 1,000,000 stored responses (REPORT_CSV_N): peak memory (max
// RSS) of the whole command, target ≤ 300 MB (issue 15), measured against the way it used to be
// written, in the same run: every table, the per-respondent olah-data one included, built in memory
// (Array.from) and turned into one string (toCsv) before writing. Both write the same bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const N = Number(process.env.REPORT_CSV_N ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-csv-'));
const dbFile = path.join(dir, 'bench.db');
const keys = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'];
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

async function build() {
  spawnSync(process.execPath, [bin, '--db', dbFile, 'init', '--contoh'], { encoding: 'utf8' });
  const { openDatabase } = await import(dist('db/index.js'));
  const { createBatchWriter } = await import(dist('survey/store.js'));
  const db = openDatabase(dbFile);
  const layanan = db.prepare('SELECT id FROM layanan').pluck().all();
  const desa = db.prepare('SELECT id FROM desa').pluck().all();
  const next = mulberry32(4242);
  const rnd = () => next() / 4294967296;
  const saran = ['Pelayanan sudah baik, pertahankan.', 'Antrian membingungkan', 'Ruang tunggu diperluas; kursi kurang', 'Petugas ramah', 'Biaya tidak jelas'];
  db.transaction(() => {
    const w = createBatchWriter(db, { file_name: 'skm-2023.csv', sha256: 'bench-csv', sumber: 'google-forms' });
    for (let i = 0; i < N; i++) {
      const jawaban = {};
      for (const k of keys) jawaban[k] = rnd() < 0.02 ? null : 1 + Math.min(3, Math.floor(rnd() * 2.2 + 1.6));
      const m = 1 + Math.floor(rnd() * 12);
      const d = 1 + Math.floor(rnd() * 28);
      w.add({
        line: i + 2,
        tanggal: `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        layanan_id: layanan[Math.floor(rnd() * layanan.length)],
        desa_id: desa[Math.floor(rnd() * desa.length)],
        jenis_kelamin: rnd() < 0.5 ? 'Laki-laki' : 'Perempuan',
        usia: 18 + Math.floor(rnd() * 50),
        pendidikan: ['SD', 'SMP', 'SMA', 'S1'][Math.floor(rnd() * 4)],
        pekerjaan: ['PNS', 'Swasta', 'Petani', 'Wirausaha'][Math.floor(rnd() * 4)],
        saran: rnd() < 0.2 ? saran[Math.floor(rnd() * saran.length)] : null,
        jawaban,
      });
    }
    w.finish();
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

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
