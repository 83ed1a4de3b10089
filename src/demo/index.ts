/**
 * `paten demo`: builds a sample database in a folder and runs the main jobs end to end on it.
 * Each feature adds one step to DEMO_STEPS; a step takes the open database and the output folder
 * and returns what it produced, for the summary.
 */
import path from 'node:path';
import type { Db } from '../db/index.js';
import { loadContoh } from '../contoh/index.js';
import { writeFileAtomic, toCsv } from '../core/csv.js';
import { DESA_CSV_HEADER, desaCsvRows } from '../desa/index.js';
import { catalogToJson, catalogToCsvRows, LAYANAN_CSV_HEADER, listLayanan } from '../layanan/index.js';

export interface DemoContext {
  db: Db;
  dbPath: string;
  outDir: string;
}

export interface DemoResult {
  /** One line of summary, in Indonesian. */
  ringkasan: string;
  /** Files written (absolute paths). */
  berkas: string[];
}

export interface DemoStep {
  judul: string;
  run(ctx: DemoContext): Promise<DemoResult> | DemoResult;
}

const contoh: DemoStep = {
  judul: 'Data contoh Kecamatan Kemlagi',
  run({ db }) {
    const r = loadContoh(db);
    const desa = r.desa.baru.length + r.desa.diubah.length + r.desa.tetap.length;
    const layanan = r.layanan.baru.length + r.layanan.diubah.length + r.layanan.tetap.length;
    return { ringkasan: `profil, ${desa} desa dan ${layanan} layanan PATEN dimuat`, berkas: [] };
  },
};

const ekspor: DemoStep = {
  judul: 'Ekspor desa dan katalog (untuk diedit di Excel)',
  run({ db, outDir }) {
    const desaCsv = path.join(outDir, 'desa.csv');
    const katalogJson = path.join(outDir, 'layanan.json');
    const katalogCsv = path.join(outDir, 'layanan.csv');
    writeFileAtomic(desaCsv, toCsv([...DESA_CSV_HEADER], desaCsvRows(db)));
    const items = listLayanan(db);
    writeFileAtomic(katalogJson, catalogToJson(items));
    writeFileAtomic(katalogCsv, toCsv([...LAYANAN_CSV_HEADER], catalogToCsvRows(items)));
    return { ringkasan: 'desa.csv, layanan.json dan layanan.csv ditulis', berkas: [desaCsv, katalogJson, katalogCsv] };
  },
};

const poster: DemoStep = {
  judul: 'Poster QR persyaratan PATEN per desa (qr generate --gabung)',
  async run({ db, outDir }) {
    // Loaded here so that `paten --help` does not load the poster modules.
    const { planPosters, writePosters, GABUNGAN, MANIFEST_JSON } = await import('../poster/generate.js');
    const folder = path.join(outDir, 'poster');
    const plan = await planPosters(db, { out: folder, gabung: true });
    const m = await writePosters(plan);
    const halaman = m.poster.reduce((s, p) => s + p.halaman, 0);
    return {
      ringkasan: `${m.poster.length} poster (${halaman} halaman A4, ${m.layanan.length} kode QR per desa) di folder ${folder}; cetak sekaligus: ${GABUNGAN}`,
      berkas: [path.join(folder, GABUNGAN), path.join(folder, MANIFEST_JSON), path.join(folder, m.poster[0].berkas)],
    };
  },
};

export const DEMO_STEPS: DemoStep[] = [contoh, ekspor, poster];
