/** The shipped sample SKM exports (data/skm-contoh-*.csv and .xlsx), imported by `paten demo`. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { dataFile } from '../core/paths.js';
import { importSurveyFiles, prepareSurveyTables, type FileReport } from '../survey/import.js';
import { openSurveyFile } from '../survey/sumber.js';
import { setPopulasi } from '../survey/store.js';
import { writeTransaction } from '../db/write.js';

export const CONTOH_SKM_RE = /^skm-contoh-.*\.(csv|xlsx)$/i;

/** The sample export files present in `dir` (sorted by name). */
export function contohSkmFiles(dir = dataFile()): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => CONTOH_SKM_RE.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Imports every sample export in one transaction; an empty list when none is shipped. */
export async function importContohSkm(db: Db, dir = dataFile()): Promise<FileReport[]> {
  const files = contohSkmFiles(dir);
  if (files.length === 0) return [];
  const preps = [];
  for (const f of files) preps.push(...prepareSurveyTables(db, await openSurveyFile(f)).tables);
  return importSurveyFiles(db, preps, { sumber: 'contoh paten (data/)' }).berkas;
}

export const CONTOH_POPULASI = 'skm-contoh-populasi.json';

/** Stores the sample years' populations (data/skm-contoh-populasi.json); returns what was set. */
export function loadContohPopulasi(db: Db, dir = dataFile()): { tahun: number; populasi: number }[] {
  const file = path.join(dir, CONTOH_POPULASI);
  if (!fs.existsSync(file)) return [];
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { populasi?: Record<string, number> };
  const out = Object.entries(raw.populasi ?? {}).map(([t, n]) => ({ tahun: Number(t), populasi: n }));
  writeTransaction(db, () => out.forEach((p) => setPopulasi(db, p.tahun, p.populasi)));
  return out;
}
