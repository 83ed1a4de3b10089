// The stored-survey database the memory benches measure over: the sample kecamatan of
// `paten init --contoh`, then generated responses (profile fields, 2% unanswered items, 20% with a
// saran) written straight through the survey store, far faster than importing CSV. Drawn from
// mulberry32(4242), so the same batches give the same rows on every machine and run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'dist', p)).href;
const keys = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'];
const saranTexts = ['Pelayanan sudah baik, pertahankan.', 'Antrian membingungkan', 'Ruang tunggu diperluas; kursi kurang', 'Petugas ramah', 'Biaya tidak jelas'];
const pad = (n) => String(n).padStart(2, '0');

/**
 * Builds `dbFile` with one import batch per entry of `batches`: `{file_name, sha256, rows, month}`,
 * responses dated in 2023, in `month` or, without one, in a month drawn per row. `uniqueSaran`
 * numbers every saran so that no two are the same text.
 */
export async function buildSurveyDb(dbFile, batches, { uniqueSaran = false } = {}) {
  const init = spawnSync(process.execPath, [path.join(root, 'bin', 'paten.js'), '--db', dbFile, 'init', '--contoh'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const { openDatabase } = await import(dist('db/index.js'));
  const { createBatchWriter } = await import(dist('survey/store.js'));
  const db = openDatabase(dbFile);
  const layanan = db.prepare('SELECT id FROM layanan').pluck().all();
  const desa = db.prepare('SELECT id FROM desa').pluck().all();
  const next = mulberry32(4242);
  const rnd = () => next() / 4294967296;
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  let line = 0;
  for (const { file_name, sha256, rows, month } of batches) {
    db.transaction(() => {
      const w = createBatchWriter(db, { file_name, sha256, sumber: 'google-forms' });
      for (let i = 0; i < rows; i++, line++) {
        const jawaban = {};
        for (const k of keys) jawaban[k] = rnd() < 0.02 ? null : 1 + Math.min(3, Math.floor(rnd() * 2.2 + 1.6));
        const m = month ?? 1 + Math.floor(rnd() * 12);
        const d = 1 + Math.floor(rnd() * 28);
        w.add({
          line: i + 2,
          tanggal: `2023-${pad(m)}-${pad(d)}`,
          layanan_id: pick(layanan),
          desa_id: pick(desa),
          jenis_kelamin: rnd() < 0.5 ? 'Laki-laki' : 'Perempuan',
          usia: 18 + Math.floor(rnd() * 50),
          pendidikan: pick(['SD', 'SMP', 'SMA', 'S1']),
          pekerjaan: pick(['PNS', 'Swasta', 'Petani', 'Wirausaha']),
          saran: rnd() < 0.2 ? (uniqueSaran ? `${pick(saranTexts)} (${line})` : pick(saranTexts)) : null,
          jawaban,
        });
      }
      w.finish();
    }).immediate();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
