/**
 * Seeds survey responses into a test database without `paten survey import` (built in another
 * branch): opens the database with src/db and writes through createBatchWriter, exactly as an
 * importer does (raw rows + survey_agg aggregates, one transaction).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/db/index.js';
import { createBatchWriter, setPopulasi, type ResponseRow } from '../../src/survey/store.js';
import { readCsvFile } from '../../src/core/csv.js';
import { findLayanan } from '../../src/layanan/index.js';
import { findDesa } from '../../src/desa/index.js';
import { UNSUR_KEYS, unsur, urutanUnsur, type UnsurKey } from '../../src/skm/unsur.js';
import type { Karakteristik } from '../../src/ikm/store.js';

/** Writes ready ResponseRows as one batch (file name = sha256 = `name`) in one transaction; returns its id. */
export function tulisBatch(db: Db, rows: ResponseRow[], name: string): number {
  let id = 0;
  db.transaction(() => {
    const w = createBatchWriter(db, { file_name: name, sha256: name });
    for (const row of rows) w.add(row);
    id = w.finish().batchId;
  }).immediate();
  return id;
}

/**
 * Each respondent characteristic's value read from the survey_response view `r` joined with
 * layanan `l` and desa `d`, as the profile was counted before it read survey_baris: the reference
 * the tests of the new reads compare with.
 */
export const NILAI_VIEW: Record<Karakteristik, string> = {
  jenis_kelamin: "NULLIF(trim(r.jenis_kelamin), '')",
  usia: `CASE WHEN r.usia IS NULL THEN NULL WHEN r.usia < 20 THEN 'a' WHEN r.usia < 30 THEN 'b' WHEN r.usia < 40 THEN 'c'
         WHEN r.usia < 50 THEN 'd' WHEN r.usia < 60 THEN 'e' ELSE 'f' END`,
  pendidikan: "NULLIF(trim(r.pendidikan), '')",
  pekerjaan: "NULLIF(trim(r.pekerjaan), '')",
  layanan: "COALESCE(l.nama, NULLIF(trim(r.layanan_teks), ''))",
  desa: "COALESCE(d.nama, NULLIF(trim(r.desa_teks), ''))",
};

export interface SeedRow {
  tanggal: string | null;
  /** Layanan slug, name or alias (looked up in the catalog). */
  layanan?: string;
  desa?: string;
  jenis_kelamin?: string;
  usia?: number;
  pendidikan?: string;
  pekerjaan?: string;
  saran?: string;
  /** Scores in definition order (UNSUR_KEYS); null = blank. */
  nilai: (number | null)[];
}

export function seedRows(dbFile: string, rows: SeedRow[], meta: { file_name?: string; sumber?: string } = {}): number {
  const db = openDatabase(dbFile);
  try {
    const layananId = new Map<string, number | null>();
    const desaId = new Map<string, number | null>();
    const lookup = <T extends { id: number }>(cache: Map<string, number | null>, key: string | undefined, find: (k: string) => T | undefined) => {
      if (!key) return null;
      if (!cache.has(key)) cache.set(key, find(key)?.id ?? null);
      return cache.get(key)!;
    };
    const sha = crypto.createHash('sha256').update(JSON.stringify(rows)).update(meta.file_name ?? '').digest('hex');
    let batchId = 0;
    db.transaction(() => {
      const w = createBatchWriter(db, { file_name: meta.file_name ?? 'seed.csv', sha256: sha, sumber: meta.sumber ?? 'uji', imported_at: '2024-01-01 00:00:00' });
      rows.forEach((r, i) => {
        const jawaban: ResponseRow['jawaban'] = {};
        UNSUR_KEYS.forEach((k, u) => (jawaban[k] = r.nilai[u]));
        w.add({
          line: i + 2,
          tanggal: r.tanggal,
          layanan_id: lookup(layananId, r.layanan, (k) => findLayanan(db, k)),
          layanan_teks: r.layanan ?? null,
          desa_id: lookup(desaId, r.desa, (k) => findDesa(db, k)),
          desa_teks: r.desa ?? null,
          jenis_kelamin: r.jenis_kelamin ?? null,
          usia: r.usia ?? null,
          pendidikan: r.pendidikan ?? null,
          pekerjaan: r.pekerjaan ?? null,
          saran: r.saran ?? null,
          jawaban,
        });
      });
      batchId = w.finish().batchId;
    }).immediate();
    return batchId;
  } finally {
    db.close();
  }
}

/**
 * Reads a Google Forms export in the shipped format (data/skm-contoh-*.csv) with src/core/csv.ts
 * and the label table of src/skm/unsur.ts: numbered question headers in questionnaire order
 * (8 = sarana, 9 = pengaduan), answers as label text, "Stempel waktu" as DD/MM/YYYY HH.MM.SS.
 */
export function readFormsCsv(file: string): SeedRow[] {
  const t = readCsvFile(file);
  const col = (name: string) => {
    const i = t.header.findIndex((h) => h.toLowerCase().startsWith(name.toLowerCase()));
    if (i < 0) throw new Error(`${t.file}: kolom "${name}" tidak ada`);
    return i;
  };
  const q = urutanUnsur('kuesioner');
  const qCol = new Map<UnsurKey, number>();
  t.header.forEach((h, i) => {
    const m = /^(\d+)\.\s/.exec(h);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 9) qCol.set(q[Number(m[1]) - 1], i);
  });
  if (qCol.size !== 9) throw new Error(`${t.file}: 9 kolom pertanyaan tidak ditemukan`);
  const [cWaktu, cJk, cUsia, cPend, cPek, cLay, cDesa, cSaran] = ['Stempel waktu', 'Jenis Kelamin', 'Usia', 'Pendidikan', 'Pekerjaan', 'Jenis Layanan', 'Desa', '10.'].map(col);
  return t.records.map((rec) => {
    const v = rec.values;
    const m = /^(\d{2})\/(\d{2})\/(\d{4}) /.exec(v[cWaktu]);
    if (!m) throw new Error(`${t.file}, baris ${rec.line}: stempel waktu "${v[cWaktu]}"`);
    const nilai = UNSUR_KEYS.map((k) => {
      const text = v[qCol.get(k)!].trim();
      if (!text) return null;
      const idx = unsur(k).label.findIndex((l) => l.toLowerCase() === text.toLowerCase());
      if (idx < 0) throw new Error(`${t.file}, baris ${rec.line}: label "${text}" tidak dikenal untuk ${k}`);
      return idx + 1;
    });
    return {
      tanggal: `${m[3]}-${m[2]}-${m[1]}`,
      jenis_kelamin: v[cJk],
      usia: Number(v[cUsia]),
      pendidikan: v[cPend],
      pekerjaan: v[cPek],
      layanan: v[cLay],
      desa: v[cDesa],
      saran: v[cSaran] || undefined,
      nilai,
    };
  });
}

export function seedFormsCsv(dbFile: string, file: string): number {
  return seedRows(dbFile, readFormsCsv(file), { file_name: path.basename(file), sumber: 'google-forms' });
}

export function seedPopulasi(dbFile: string, tahun: number, populasi: number): void {
  const db = openDatabase(dbFile);
  try {
    setPopulasi(db, tahun, populasi);
  } finally {
    db.close();
  }
}
