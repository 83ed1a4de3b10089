/**
 * The shipped sample kecamatan (Kemlagi, Kabupaten Mojokerto): profile, 20 desa, PATEN catalog
 * (`paten init --contoh`). src/contoh/ is the one home of sample data: survey.ts (the sample SKM
 * exports), bazar.ts (the sample bazar year) and demo.ts (`paten demo`, which runs them all).
 */
import fs from 'node:fs';
import type { Db } from '../db/index.js';
import { dataFile } from '../core/paths.js';
import { readCsvFile } from '../core/csv.js';
import { saveProfil, type ProfilField } from '../profil/index.js';
import { importDesaCsv, type DesaImportResult } from '../desa/index.js';
import { importLayanan, parseCatalogJson, type ImportReport } from '../layanan/index.js';
import { writeTransaction } from '../db/write.js';

export const CONTOH_PROFIL = 'kecamatan-contoh.json';
export const CONTOH_DESA = 'desa-kemlagi.csv';
export const CONTOH_LAYANAN = 'layanan-paten.json';

export function contohProfil(): Partial<Record<ProfilField, string | null>> {
  const raw = JSON.parse(fs.readFileSync(dataFile(CONTOH_PROFIL), 'utf8')) as Record<string, string | null>;
  const { _catatan: _, ...fields } = raw;
  return fields as Partial<Record<ProfilField, string | null>>;
}

/** Loads the sample into `db` in one transaction; safe to run again (updates in place). */
export function loadContoh(db: Db): { desa: DesaImportResult; layanan: ImportReport } {
  return writeTransaction(db, () => {
    saveProfil(db, contohProfil());
    const desa = importDesaCsv(db, readCsvFile(dataFile(CONTOH_DESA)));
    const layanan = importLayanan(db, CONTOH_LAYANAN, parseCatalogJson(fs.readFileSync(dataFile(CONTOH_LAYANAN), 'utf8'), CONTOH_LAYANAN));
    return { desa, layanan };
  });
}
