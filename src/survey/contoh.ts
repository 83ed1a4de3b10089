/** The shipped sample SKM exports (data/skm-contoh-*.csv), imported by `paten demo`. */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { dataFile } from '../core/paths.js';
import { importSurveyFiles, prepareSurveyFile, type FileReport } from './import.js';

export const CONTOH_SKM_RE = /^skm-contoh-.*\.csv$/i;

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
export function importContohSkm(db: Db, dir = dataFile()): FileReport[] {
  const files = contohSkmFiles(dir);
  if (files.length === 0) return [];
  const preps = files.map((f) => prepareSurveyFile(db, f));
  return importSurveyFiles(db, preps, { sumber: 'contoh paten (data/)' }).berkas;
}
