/**
 * The respondent profile (sebaran) is counted while the raw rows are read, not by GROUP BY (whose
 * sorter held tens of MB at a million rows): the counts and their order must be exactly what the
 * GROUP BY gave — most frequent first, equal counts in SQLite's binary order, unknown values first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.js';
import { sebaran, type Karakteristik } from '../../src/ikm/store.js';
import { cleanup, sampleDb, tempDir } from '../helpers/cli.js';
import { NILAI_VIEW, seedRows, type SeedRow } from '../helpers/skm-seed.js';

const dir = tempDir('paten-sebaran-');
let db: Db;
const f = { dari: '2024-01-01', sampai: '2024-12-31' };

beforeAll(() => {
  const file = sampleDb(dir);
  // Ties between values that sort differently in binary order and in a locale ('a' after 'Z', 'É'
  // after both), spaces trimmed, blanks that count as unknown, a row outside the period.
  const pekerjaan = ['Zeni', 'apoteker', 'Éditor', ' Petani ', 'petani', ''];
  const rows: SeedRow[] = [];
  for (let i = 0; i < 60; i++)
    rows.push({
      tanggal: i === 59 ? '2023-12-31' : `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      layanan: ['KTP', 'KK', 'Legalisir', 'tak dikenal', undefined][i % 5],
      jenis_kelamin: ['Laki-laki', 'Perempuan', 'L', ''][i % 4],
      usia: i % 7 === 0 ? undefined : 15 + i,
      pendidikan: ['SD', 'SMA', 'S1', 'smp'][i % 3],
      pekerjaan: pekerjaan[i % pekerjaan.length],
      nilai: [3, 4, 3, 4, 3, 4, 3, 4, 3],
    });
  seedRows(file, rows);
  db = openDatabase(file);
});
afterAll(() => {
  db?.close();
  cleanup(dir);
});

/** The query sebaran ran before (GROUP BY in SQLite), as the reference. */
function groupBy(k: Karakteristik): { nilai: string | null; jumlah: number }[] {
  return db
    .prepare(
      `SELECT ${NILAI_VIEW[k]} AS nilai, COUNT(*) AS jumlah FROM survey_response r LEFT JOIN layanan l ON l.id = r.layanan_id LEFT JOIN desa d ON d.id = r.desa_id
       WHERE r.tanggal BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1`,
    )
    .all(f.dari, f.sampai) as { nilai: string | null; jumlah: number }[];
}

describe('sebaran', () => {
  it.each(['jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'layanan', 'desa'] as Karakteristik[])('%s: the counts and order of GROUP BY', (k) => {
    const got = sebaran(db, f, k);
    expect(got).toEqual(groupBy(k));
    expect(got.reduce((n, r) => n + r.jumlah, 0)).toBe(59);
  });
  it('breaks ties in binary order, not by locale', () => {
    const got = sebaran(db, f, 'pekerjaan');
    const tied = got.filter((r) => r.jumlah === got[0].jumlah).map((r) => r.nilai);
    expect(tied).toHaveLength(5);
    expect(tied).toEqual([...tied].sort((a, b) => (a === null ? -1 : b === null ? 1 : Buffer.compare(Buffer.from(a), Buffer.from(b)))));
    expect(tied.indexOf('Zeni')).toBeLessThan(tied.indexOf('apoteker'));
  });
});
