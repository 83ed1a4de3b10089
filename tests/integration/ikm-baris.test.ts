/**
 * The raw-row reads of src/ikm/store.ts (respondent profile, saran, processing sheet) select the
 * period on survey_baris' day number, not on the survey_response view's computed tanggal: they must
 * return exactly the rows, values and order the view gives for `tanggal BETWEEN dari AND sampai`
 * ORDER BY tanggal, id — the first and last day of a month and of a year included, the day after
 * and before excluded, undated rows never in a period — over a period holding most of the rows
 * (read in storage order) and periods holding a few (read through the day index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import { daftarSaran, jawabanResponden, sebaran, sebaranSemua, teksSaran, type Karakteristik, type Saringan } from '../../src/ikm/store.js';
import { UNSUR_KEYS } from '../../src/skm/unsur.js';
import { findLayanan } from '../../src/layanan/index.js';
import { cleanup, sampleDb, tempDir } from '../helpers/cli.js';
import { NILAI_VIEW, seedRows, type SeedRow } from '../helpers/skm-seed.js';

const dir = tempDir('paten-ikm-baris-');
let db: Db;

// Boundary days (with several rows each), a few ordinary days, and undated rows; most rows in 2024.
const HARI = ['2023-12-30', '2023-12-31', '2024-01-01', '2024-01-31', '2024-02-01', '2024-02-15', '2024-02-29', '2024-03-01', '2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01', null];
const KARAKTERISTIK: Karakteristik[] = ['jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'layanan', 'desa'];

beforeAll(() => {
  db = openDatabase(seedDb(dir));
});
afterAll(() => {
  db?.close();
  cleanup(dir);
});

/** A sample database in `dir` with the rows below. */
function seedDb(d: string): string {
  const file = sampleDb(d);
  const rows: SeedRow[] = [];
  // Stored out of date order (i * 7 mod the day count), so that the date order is the reads' work.
  for (let i = 0; i < 130; i++) {
    const tanggal = HARI[(i * 7) % HARI.length];
    rows.push({
      tanggal,
      layanan: ['KTP', 'KK', 'Legalisir', 'tak dikenal', undefined][i % 5],
      desa: ['Watesprojo', 'Betro', ' Desa Lain ', undefined][i % 4],
      jenis_kelamin: ['Laki-laki', 'Perempuan', ' L ', ''][i % 4],
      usia: i % 6 === 0 ? undefined : 15 + ((i * 3) % 55),
      pendidikan: ['SD', 'SMA', 'S1'][i % 3],
      pekerjaan: ['Petani', 'PNS', 'Swasta', 'Wirausaha'][i % 4],
      saran: i % 3 === 0 ? ` Saran ${i} `.replace(' 9 ', '  ') : i % 3 === 1 ? '   ' : undefined,
      nilai: UNSUR_KEYS.map((_, u) => ((i + u) % 11 === 0 ? null : 1 + ((i * (u + 1)) % 4))),
    });
  }
  // Most rows inside 2024 (April–November, away from the boundary days): whole-year periods of
  // 2024 hold more than half of the stored rows.
  for (let i = 0; i < 200; i++)
    rows.push({ tanggal: `2024-${String(4 + (i % 8)).padStart(2, '0')}-${String(10 + (i % 11))}`, layanan: 'KTP', nilai: UNSUR_KEYS.map(() => 1 + (i % 4)), saran: i % 10 === 0 ? `Antrian ${i}` : undefined });
  seedRows(file, rows);
  return file;
}

const PERIODE: [string, Saringan][] = [
  ['the year 2024 (most rows)', { dari: '2024-01-01', sampai: '2024-12-31' }],
  ['February 2024, a leap month', { dari: '2024-02-01', sampai: '2024-02-29' }],
  ['the turn of the year', { dari: '2023-12-31', sampai: '2024-01-01' }],
  ['last of January to first of March', { dari: '2024-01-31', sampai: '2024-03-01' }],
  ['one day', { dari: '2024-02-29', sampai: '2024-02-29' }],
  ['a day without rows', { dari: '2024-02-28', sampai: '2024-02-28' }],
  ['2024 for one layanan', { dari: '2024-01-01', sampai: '2024-12-31', layananId: -1 }],
  ['the second half of 2024 for one layanan', { dari: '2024-07-01', sampai: '2024-12-31', layananId: -1 }],
];

function periode(f: Saringan): Saringan {
  if (f.layananId !== -1) return f;
  return { ...f, layananId: findLayanan(db, 'KK')!.id };
}


/** The view's rows of the period, in the order the reads promise (as they were read before). */
function viewRows(f: Saringan, cols: string, extra = ''): unknown[][] {
  const lay = f.layananId === undefined || f.layananId === null ? '' : ' AND r.layanan_id = ?';
  const params = lay ? [f.dari, f.sampai, f.layananId] : [f.dari, f.sampai];
  return db
    .prepare(`SELECT ${cols} FROM survey_response r LEFT JOIN layanan l ON l.id = r.layanan_id LEFT JOIN desa d ON d.id = r.desa_id WHERE r.tanggal BETWEEN ? AND ?${lay}${extra} ORDER BY r.tanggal, r.id`)
    .raw()
    .all(...params) as unknown[][];
}

describe('raw-row reads by day number', () => {
  it.each(PERIODE)('%s: the processing sheet has the view’s rows, values and order', (_, p) => {
    const f = periode(p);
    const want = viewRows(f, `r.tanggal, COALESCE(l.nama, r.layanan_teks), ${UNSUR_KEYS.map((k) => `r.u_${k}`).join(', ')}`);
    const got = [...jawabanResponden(db, f)].map((r) => [r.tanggal, r.layanan, ...r.nilai]);
    expect(got).toEqual(want);
    for (const r of got) expect((r[0] as string) >= f.dari && (r[0] as string) <= f.sampai).toBe(true);
  });
  it.each(PERIODE)('%s: the saran texts are the view’s, in date order', (_, p) => {
    const f = periode(p);
    const want = viewRows(f, 'r.tanggal, trim(r.saran)', " AND r.saran IS NOT NULL AND trim(r.saran) <> ''");
    expect(daftarSaran(db, f).map((r) => [r.tanggal, r.saran])).toEqual(want);
    expect([...teksSaran(db, f)]).toEqual(want.map((r) => r[1]));
  });
  it.each(PERIODE)('%s: the respondent profile counts the view’s rows', (_, p) => {
    const f = periode(p);
    const n = viewRows(f, 'r.id').length;
    const semua = sebaranSemua(db, f, KARAKTERISTIK);
    for (const k of KARAKTERISTIK) {
      expect(semua.get(k)).toEqual(sebaran(db, f, k));
      expect(semua.get(k)!.reduce((a, r) => a + r.jumlah, 0)).toBe(n);
      // The values and counts the view gives, in any order (the order rule is ikm-sebaran.test.ts').
      const want = new Map<unknown, number>();
      for (const [v] of viewRows(f, NILAI_VIEW[k])) want.set(v, (want.get(v) ?? 0) + 1);
      expect(new Map(semua.get(k)!.map((r) => [r.nilai, r.jumlah]))).toEqual(want);
    }
  });
  it('takes the first and last day of a month and of a year, never the day outside or an undated row', () => {
    const hari = (f: Saringan) => [...new Set([...jawabanResponden(db, f)].map((r) => r.tanggal))];
    expect(hari({ dari: '2024-02-01', sampai: '2024-02-29' })).toEqual(['2024-02-01', '2024-02-15', '2024-02-29']);
    expect(hari({ dari: '2024-01-01', sampai: '2024-01-31' })).toEqual(['2024-01-01', '2024-01-31']);
    expect(hari({ dari: '2023-01-01', sampai: '2023-12-31' })).toEqual(['2023-12-30', '2023-12-31']);
    expect(hari({ dari: '2025-01-01', sampai: '2025-12-31' })).toEqual(['2025-01-01']);
    const undated = db.prepare('SELECT COUNT(*) FROM survey_baris WHERE hari IS NULL').pluck().get() as number;
    const all = db.prepare('SELECT COUNT(*) FROM survey_baris').pluck().get() as number;
    expect(undated).toBeGreaterThan(0);
    expect([...jawabanResponden(db, { dari: '1900-01-01', sampai: '2999-12-31' })]).toHaveLength(all - undated);
  });
});

describe('respondent profile with an id its registry lacks', () => {
  it('names the rows of a layanan removed outside paten by their text, as the join did', () => {
    const dir2 = tempDir('paten-ikm-baris-hilang-');
    const other = openDatabase(seedDb(dir2));
    try {
      const kk = findLayanan(other, 'KK')!.id;
      // Removed behind paten's back (foreign keys off, as another SQLite tool may do): its rows keep the id.
      other.pragma('foreign_keys = OFF');
      other.prepare('DELETE FROM layanan WHERE id = ?').run(kk);
      expect(other.prepare('SELECT COUNT(*) FROM survey_baris WHERE layanan_id = ?').pluck().get(kk)).toBeGreaterThan(0);
      const f = { dari: '2024-01-01', sampai: '2024-12-31' };
      const want = other
        .prepare(
          `SELECT COALESCE(l.nama, NULLIF(trim(r.layanan_teks), '')) AS nilai, COUNT(*) AS jumlah FROM survey_response r LEFT JOIN layanan l ON l.id = r.layanan_id
           WHERE r.tanggal BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1`,
        )
        .all(f.dari, f.sampai);
      expect(want.some((r) => (r as { nilai: string }).nilai === 'KK')).toBe(true);
      expect(sebaran(other, f, 'layanan')).toEqual(want);
      expect(sebaranSemua(other, f, KARAKTERISTIK).get('layanan')).toEqual(want);
    } finally {
      other.close();
      cleanup(dir2);
    }
  });
});
