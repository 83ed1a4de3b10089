import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { removeBatch, tautkanTeks, type ResponseRow } from '../../src/survey/store.js';
import { SILANG_COLS, silangSql } from '../../src/survey/silang.js';
import { UNSUR_KEYS } from '../../src/skm/unsur.js';
import { agregat, jumlahPsiKuadrat, type Saringan } from '../../src/ikm/store.js';
import { intervalIkm, psiDariJawaban, ratioToNumber } from '../../src/ikm/interval.js';
import { hitungIkm, type Sel } from '../../src/ikm/hitung.js';
import { loadContoh } from '../../src/contoh/index.js';
import { cleanup, tempDir } from '../helpers/cli.js';
import { rng } from '../helpers/kemlagi-dataset.js';
import { tulisBatch } from '../helpers/skm-seed.js';

const dir = tempDir('paten-silang-');
afterAll(() => cleanup(dir));

interface Opsi {
  blank: number;
  /** Share of rows without a layanan id (0 in the aggregates). */
  tanpaLayanan?: number;
  /** Share of rows whose layanan is only a text to be linked later (tautkanTeks). */
  teksLepas?: number;
}

function makeRows(seed: number, n: number, o: Opsi): ResponseRow[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const mood = r() < 0.3 ? 0 : r() < 0.7 ? 1 : 2; // correlated answers, like real respondents
    const jawaban: ResponseRow['jawaban'] = {};
    const allBlank = r() < o.blank / 4;
    for (const k of UNSUR_KEYS) jawaban[k] = allBlank || r() < o.blank ? null : Math.max(1, Math.min(4, Math.round(2 + mood * 0.5 + r() * 1.6)));
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const undated = r() < 0.02;
    const lepas = r() < (o.teksLepas ?? 0);
    const layanan_id = lepas || r() < (o.tanpaLayanan ?? 0) ? null : 1 + Math.floor(r() * 4);
    return {
      line: i + 2,
      tanggal: undated ? null : `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      layanan_id,
      layanan_teks: lepas ? 'Layanan Belum Dikenal' : null,
      desa_id: 1 + Math.floor(r() * 5),
      jawaban,
    };
  });
}


/** The stored cross-product sums, and the same computed afresh from the raw rows. */
function stored(db: Db) {
  return db.prepare(`SELECT batch_id, tanggal, layanan_id, ${SILANG_COLS.join(', ')} FROM survey_agg_silang ORDER BY 1, 2, 3`).raw().all();
}
function fromRaw(db: Db) {
  return db
    .prepare(
      `SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), ${silangSql()} FROM survey_response
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .raw()
    .all();
}

/** The monthly roll-up (migration 13), and the same summed afresh from the daily rows. */
function storedBulan(db: Db) {
  return db.prepare(`SELECT batch_id, bulan, layanan_id, ${SILANG_COLS.join(', ')} FROM survey_agg_silang_bulan ORDER BY 1, 2, 3`).raw().all();
}
function bulanDariHarian(db: Db) {
  return db
    .prepare(
      `SELECT batch_id, substr(tanggal, 1, 7), layanan_id, ${SILANG_COLS.map((c) => `SUM(${c})`).join(', ')} FROM survey_agg_silang
       GROUP BY 1, 2, 3 HAVING SUM(isi) > 0 ORDER BY 1, 2, 3`,
    )
    .raw()
    .all();
}
function expectRollupInStep(db: Db): void {
  const bulan = storedBulan(db);
  expect(bulan).toEqual(bulanDariHarian(db));
  expect(bulan.length).toBeGreaterThan(0);
}

function rawAnswers(db: Db, f: Saringan): (number | null)[][] {
  const layanan = f.layananId ? ' AND layanan_id = ?' : '';
  return db
    .prepare(`SELECT ${UNSUR_KEYS.map((k) => `u_${k}`).join(', ')} FROM survey_response WHERE tanggal BETWEEN ? AND ?${layanan}`)
    .raw()
    .all(f.dari, f.sampai, ...(f.layananId ? [f.layananId] : [])) as (number | null)[][];
}

/** Σ ψ² the plain floating-point way (the pass over raw rows paten used before the aggregates). */
function psiFloat(rows: (number | null)[][], sel: Sel): number {
  const mean = sel.n.map((n, u) => (n ? sel.s[u] / n : 0));
  let sum = 0;
  for (const r of rows) {
    let psi = 0;
    for (let u = 0; u < 9; u++) if (r[u] !== null && sel.n[u]) psi += (r[u]! - mean[u]) / sel.n[u];
    sum += psi * psi;
  }
  return sum;
}

const PERIODS: Saringan[] = [
  { dari: '2023-01-01', sampai: '2023-12-31' },
  { dari: '2023-04-01', sampai: '2023-06-30' },
  { dari: '2023-02-10', sampai: '2023-03-05' },
  { dari: '2023-01-01', sampai: '2023-12-31', layananId: 2 },
  { dari: '2023-07-15', sampai: '2023-07-15', layananId: 3 },
];

/** For every period: the interval from the aggregates is the raw rows' one, to the last bit. */
function expectSameIntervals(db: Db): number {
  let checked = 0;
  for (const f of PERIODS) {
    const sel = agregat(db, f)[0]?.sel;
    if (!sel) continue;
    const raw = rawAnswers(db, f);
    const fromAgg = jumlahPsiKuadrat(db, f, sel);
    const ref = psiDariJawaban(raw, sel);
    expect(fromAgg).toEqual(ref);
    expect(Object.is(fromAgg.psi2, ref.psi2)).toBe(true);
    // and the exact value is what a plain floating-point pass gives, up to its rounding
    expect(Math.abs(fromAgg.psi2 - psiFloat(raw, sel))).toBeLessThanOrEqual(1e-12 * fromAgg.psi2);
    if (sel.n.every((n) => n > 0)) {
      const k = hitungIkm(sel).presisi.konversi;
      expect(intervalIkm(fromAgg, k)).toEqual(intervalIkm(ref, k));
      checked++;
    }
  }
  return checked;
}

describe('95% interval from cross-product aggregates (survey_agg_silang)', () => {
  const cases: [number, number, Opsi][] = [
    [11, 2500, { blank: 0 }],
    [12, 1800, { blank: 0.05, tanpaLayanan: 0.1 }],
    [13, 900, { blank: 0.35 }],
    [14, 3000, { blank: 0.01, tanpaLayanan: 0.02 }],
  ];
  for (const [seed, n, o] of cases) {
    it(`equals the raw-row interval to the last digit (seed ${seed}, ${n} rows, ${o.blank * 100}% blanks), after a remove and a re-import`, () => {
      const db = openDatabase(path.join(dir, `s${seed}.db`), { create: true });
      loadContoh(db);
      const a = makeRows(seed, n, o);
      const b = makeRows(seed + 100, Math.floor(n / 2), o);
      const ia = tulisBatch(db, a, 'a.csv');
      tulisBatch(db, b, 'b.csv');
      expect(stored(db)).toEqual(fromRaw(db));
      expectRollupInStep(db);
      expect(expectSameIntervals(db)).toBeGreaterThan(2);
      removeBatch(db, ia);
      expect(db.prepare('SELECT COUNT(*) FROM survey_agg_silang WHERE batch_id = ?').pluck().get(ia)).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM survey_agg_silang_bulan WHERE batch_id = ?').pluck().get(ia)).toBe(0);
      expect(stored(db)).toEqual(fromRaw(db));
      expectRollupInStep(db);
      expect(expectSameIntervals(db)).toBeGreaterThan(2);
      tulisBatch(db, a, 'a-lagi.csv');
      expect(stored(db)).toEqual(fromRaw(db));
      expectRollupInStep(db);
      expect(expectSameIntervals(db)).toBeGreaterThan(2);
      db.close();
    });
  }

  it('follows answers re-linked to a layanan (tautkanTeks)', () => {
    const db = openDatabase(path.join(dir, 'tautkan.db'), { create: true });
    loadContoh(db);
    tulisBatch(db, makeRows(21, 2000, { blank: 0.05, teksLepas: 0.3 }), 'c.csv');
    const before = jumlahPsiKuadrat(db, PERIODS[3], agregat(db, PERIODS[3])[0].sel);
    db.transaction(() => tautkanTeks(db, [{ jenis: 'layanan', teks: 'Layanan Belum Dikenal', id: 2 }])).immediate();
    expect(stored(db)).toEqual(fromRaw(db));
    expectRollupInStep(db);
    const after = jumlahPsiKuadrat(db, PERIODS[3], agregat(db, PERIODS[3])[0].sel);
    expect(after.responden).toBeGreaterThan(before.responden);
    expect(expectSameIntervals(db)).toBeGreaterThan(2);
    db.close();
  });

  it('is filled from the stored rows when an older database is upgraded', () => {
    const rows = makeRows(31, 2500, { blank: 0.05, tanpaLayanan: 0.1 });
    // the same rows written by today's writer …
    const now = openDatabase(path.join(dir, 'now.db'), { create: true });
    loadContoh(now);
    tulisBatch(now, rows, 'd.csv');
    // … and as a version-11 database (no cross-product table yet) held them: the same batch, raw
    // rows in the old table and aggregates, copied over; then upgraded
    const file = path.join(dir, 'old.db');
    const old = openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version <= 11) });
    loadContoh(old);
    const cols = (t: string) => (old.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]).join(', ');
    old.exec(`ATTACH '${path.join(dir, 'now.db').replace(/'/g, "''")}' AS n`);
    for (const t of ['survey_batch', 'survey_response', 'survey_agg']) old.exec(`INSERT INTO main.${t} (${cols(t)}) SELECT ${cols(t)} FROM n.${t}`);
    old.exec('DETACH n');
    old.close();
    const db = openDatabase(file);
    expect(stored(db)).toEqual(stored(now));
    expect(stored(db).length).toBeGreaterThan(500);
    expect(storedBulan(db)).toEqual(storedBulan(now));
    expectRollupInStep(db);
    expect(expectSameIntervals(db)).toBeGreaterThan(2);
    db.close();
    now.close();
  });
});

describe('ratioToNumber', () => {
  it('rounds an exact ratio once, like IEEE division of exact operands', () => {
    const r = rng(5);
    for (let i = 0; i < 20000; i++) {
      const p = Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1);
      const q = 1 + Math.floor(r() * 2 ** (1 + Math.floor(r() * 52)));
      expect(ratioToNumber(BigInt(p), BigInt(q))).toBe(p / q);
      // the same ratio with a huge common factor is the same double
      const k = BigInt(q) ** 5n + 7n;
      expect(ratioToNumber(BigInt(p) * k, BigInt(q) * k)).toBe(p / q);
    }
    expect(ratioToNumber(0n, 7n)).toBe(0);
  });
});
