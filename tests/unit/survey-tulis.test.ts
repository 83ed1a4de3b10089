import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import { beginBulk, endBulk } from '../../src/db/write.js';
import { createBatchWriter, type ResponseRow } from '../../src/survey/store.js';
import { SILANG_COLS, silangSql } from '../../src/survey/silang.js';
import { UNSUR_KEYS } from '../../src/skm/unsur.js';
import { loadContoh } from '../../src/contoh/index.js';
import { cleanup, tempDir } from '../helpers/cli.js';
import { rng } from '../helpers/kemlagi-dataset.js';
import { tulisBatch } from '../helpers/skm-seed.js';

const dir = tempDir('paten-tulis-');
afterAll(() => cleanup(dir));

const NS = UNSUR_KEYS.flatMap((k) => [`n_${k}`, `s_${k}`]);
/** A desa and a layanan with ids beyond 16 bits (the writer finds cells by id). */
const DESA_BESAR = 70001;
const LAYANAN_BESAR = 90001;

/** Rows in no order: many days (some undated), layanan and desa ids (some none, some large). */
function makeRows(seed: number, n: number): ResponseRow[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const jawaban: ResponseRow['jawaban'] = {};
    const blank = r() < 0.2 ? 0.3 : 0;
    for (const k of UNSUR_KEYS) jawaban[k] = r() < blank ? null : 1 + Math.floor(r() * 4);
    const undated = r() < 0.03;
    return {
      line: i + 2,
      tanggal: undated ? null : `202${pick([3, 4])}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
      waktu: undated ? null : `${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:07`,
      layanan_id: pick([null, 1, 2, 3, 4, LAYANAN_BESAR]),
      desa_id: pick([null, 1, 2, 3, 4, 5, DESA_BESAR]),
      saran: r() < 0.3 ? `saran ${i}` : null,
      jawaban,
    };
  });
}


/** A database with the sample catalog and the large-id desa and layanan. */
function openDb(name: string): Db {
  const db = openDatabase(path.join(dir, name), { create: true });
  loadContoh(db);
  db.prepare("INSERT INTO desa (id, kode, nama, diperbarui) VALUES (?, 'x.besar', 'Desa Besar', '2024-01-01')").run(DESA_BESAR);
  db.prepare("INSERT INTO layanan (id, slug, nama, diperbarui) VALUES (?, 'besar', 'Layanan Besar', '2024-01-01')").run(LAYANAN_BESAR);
  return db;
}

/** The cells' keys in the order a row first falls in them. */
function firstSeen(rows: ResponseRow[], desa: boolean): string[] {
  const seen = new Set<string>();
  for (const r of rows) seen.add(JSON.stringify([r.tanggal ?? '', r.layanan_id ?? 0, ...(desa ? [r.desa_id ?? 0] : [])]));
  return [...seen];
}

describe('batch writer aggregates', () => {
  it('equal the same sums computed afresh from the stored rows, written in the order their cells were first seen', () => {
    const db = openDb('tulis.db');
    const rows = makeRows(7, 6000);
    const b1 = tulisBatch(db, rows, 'a.csv');
    tulisBatch(db, makeRows(8, 2500), 'b.csv');

    const agg = db.prepare(`SELECT batch_id, tanggal, layanan_id, desa_id, responden, ${NS.join(', ')} FROM survey_agg ORDER BY 1, 2, 3, 4`).raw().all();
    const aggRaw = db
      .prepare(
        `SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), COALESCE(desa_id, 0), COUNT(*),
         ${UNSUR_KEYS.map((k) => `COUNT(u_${k}), COALESCE(SUM(u_${k}), 0)`).join(', ')}
         FROM survey_response GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all();
    expect(agg.length).toBeGreaterThan(2000);
    expect(agg).toEqual(aggRaw);
    const silang = db.prepare(`SELECT batch_id, tanggal, layanan_id, ${SILANG_COLS.join(', ')} FROM survey_agg_silang ORDER BY 1, 2, 3`).raw().all();
    const silangRaw = db
      .prepare(`SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), ${silangSql()} FROM survey_response GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
      .raw()
      .all();
    expect(silang.length).toBeGreaterThan(500);
    expect(silang).toEqual(silangRaw);

    const order = (sql: string) => (db.prepare(sql).raw().all(b1) as unknown[][]).map((r) => JSON.stringify(r));
    expect(order('SELECT tanggal, layanan_id, desa_id FROM survey_agg WHERE batch_id = ? ORDER BY rowid')).toEqual(firstSeen(rows, true));
    expect(order('SELECT tanggal, layanan_id FROM survey_agg_silang WHERE batch_id = ? ORDER BY rowid')).toEqual(firstSeen(rows, false));
    db.close();
  });

  it('builds the (hari, sidik) index of a first batch at its end: the same index after, and untouched by a batch that is rolled back', () => {
    const db = openDb('indeks.db');
    const sqlIndeks = () => db.prepare("SELECT sql FROM sqlite_master WHERE name = 'survey_baris_hari_sidik'").pluck().get();
    const before = sqlIndeks();
    expect(before).toBe('CREATE INDEX survey_baris_hari_sidik ON survey_baris(hari, sidik)');
    const rows = makeRows(9, 3000);
    // a batch whose import fails before finish(): rolled back, the index is there as before
    expect(() =>
      db.transaction(() => {
        const w = createBatchWriter(db, { file_name: 'gagal.csv', sha256: 'gagal' });
        for (const row of rows) w.add(row);
        throw new Error('berhenti');
      }).immediate(),
    ).toThrow('berhenti');
    expect(sqlIndeks()).toBe(before);
    tulisBatch(db, rows, 'a.csv');
    tulisBatch(db, makeRows(10, 500), 'b.csv');
    expect(sqlIndeks()).toBe(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the index holds every row and is the one the day-and-fingerprint lookup uses
    expect(db.prepare('SELECT COUNT(*) FROM survey_baris INDEXED BY survey_baris_hari_sidik WHERE hari IS NOT NULL OR hari IS NULL').pluck().get()).toBe(3500);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM survey_baris WHERE hari = 19500 AND sidik = 1').all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('survey_baris_hari_sidik');
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
    db.close();
  });

  describe('inside beginBulk (the import: 32 rows a statement, ids checked once)', () => {
    /** Every stored value of every table the writer fills, in a fixed order. */
    const dump = (db: Db) =>
      ['survey_baris', 'survey_agg', 'survey_agg_bulan', 'survey_agg_silang', 'survey_agg_silang_bulan', 'survey_batch'].map((t) => [
        t,
        (db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort(),
      ]);
    const tulisBulk = (db: Db, rows: ResponseRow[], name: string) => {
      beginBulk(db);
      try {
        const w = createBatchWriter(db, { file_name: name, sha256: name, imported_at: '2024-01-01 00:00:00' });
        for (const row of rows) w.add(row);
        w.finish();
      } catch (e) {
        endBulk(db, false);
        throw e;
      }
      endBulk(db, true);
    };

    it('stores exactly what one checked row per statement stores, a partial last statement included, and turns foreign keys back on', () => {
      // 2,000 rows then 71 (two statements of 32 and a tail of 7), the second into a populated table
      const a = makeRows(11, 2000);
      const b = makeRows(12, 71);
      const perRow = openDb('per-baris.db');
      for (const [rows, name] of [[a, 'a.csv'], [b, 'b.csv']] as const)
        perRow.transaction(() => {
          const w = createBatchWriter(perRow, { file_name: name, sha256: name, imported_at: '2024-01-01 00:00:00' });
          for (const row of rows) w.add(row);
          w.finish();
        }).immediate();
      const bulk = openDb('bulk.db');
      tulisBulk(bulk, a, 'a.csv');
      tulisBulk(bulk, b, 'b.csv');
      expect(bulk.prepare('SELECT COUNT(*) FROM survey_baris').pluck().get()).toBe(2071);
      expect(dump(bulk)).toEqual(dump(perRow));
      expect(bulk.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(bulk.pragma('foreign_key_check')).toEqual([]);
      perRow.close();
      bulk.close();
    });

    it('refuses a row naming a layanan or desa that does not exist, and the database stays as it was', () => {
      for (const [col, id] of [['layanan_id', 999], ['desa_id', 998]] as const) {
        const db = openDb(`asing-${col}.db`);
        tulisBulk(db, makeRows(13, 100), 'awal.csv');
        const before = dump(db);
        const rows = makeRows(14, 500);
        rows[300] = { ...rows[300], [col]: id };
        expect(() => tulisBulk(db, rows, 'asing.csv')).toThrow(`${col === 'layanan_id' ? 'layanan' : 'desa'} id ${id} tidak ada`);
        expect(dump(db)).toEqual(before);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        db.close();
      }
    });

    it('a CHECK that fails inside a 32-row statement rolls the whole batch back', () => {
      const db = openDb('check.db');
      tulisBulk(db, makeRows(15, 100), 'awal.csv');
      const before = dump(db);
      const rows = makeRows(16, 500);
      // detik outside 0..86399 (the CHECK of survey_baris.detik), in the middle of a statement
      rows[250] = { ...rows[250], tanggal: '2024-02-02', waktu: '25:00:00' };
      expect(() => tulisBulk(db, rows, 'rusak.csv')).toThrow(/CHECK constraint failed/);
      expect(dump(db)).toEqual(before);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    });
  });
});
