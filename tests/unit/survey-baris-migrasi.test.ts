/**
 * Migration 14 (compact survey_baris behind the survey_response view): a database built at the
 * previous schema upgrades in place, every answer, date, time, text and fingerprint reads back
 * exactly through the view, and the upgraded database imports, finds identical rows and removes
 * batches as a new one does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDatabase, latestVersion, openDatabase, schemaVersion } from '../../src/db/index.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { createBatchWriter, createIdenticalRowFinder, identity, removeBatch, rowIdentityValues, rowSidik, type ResponseRow } from '../../src/survey/store.js';
import { hariDariTanggal, tanggalDariHari } from '../../src/survey/tanggal.js';
import { UNSUR_KEYS } from '../../src/skm/unsur.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-baris-migrasi-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BARIS = MIGRATIONS.find((m) => /CREATE TABLE survey_baris/.test(m.sql))!;
const U = UNSUR_KEYS.map((k) => `u_${k}`);
const OLD_COLS = ['id', 'batch_id', 'line', 'tanggal', 'waktu', 'layanan_id', 'layanan_teks', 'desa_id', 'desa_teks', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'saran', ...U, 'sidik'];

/** Rows of every shape: blanks, no date, no time, day boundaries, leap day, 1900s, texts. */
function oldRows(): unknown[][] {
  const rows: unknown[][] = [];
  const dates = ['2023-11-19', '2024-02-29', '1999-12-31', '1900-01-01', '2999-12-31', '1970-01-01', null];
  const times = ['00:00:00', '23:59:59', '14:03:10', null];
  for (let i = 0; i < 60; i++) {
    const u = U.map((_, k) => ((i + k) % 5 === 0 ? null : ((i * 7 + k) % 4) + 1));
    rows.push([
      i + 1, 1, i + 2, dates[i % dates.length], times[i % times.length], i % 3 === 0 ? null : 1, i % 3 === 0 ? 'Layanan Lain' : null,
      i % 4 === 0 ? null : 1, i % 4 === 0 ? 'Desa Jauh' : null, i % 2 ? 'Perempuan' : null, i % 5 ? 20 + i : null, i % 3 ? 'SMA' : null,
      i % 7 ? 'PNS' : null, i % 6 ? `saran ${i}, "baik"` : null, ...u, i % 9 === 0 ? null : 1000 + i,
    ]);
  }
  rows.push([61, 1, 62, '2023-01-01', '08:00:00', 1, null, 1, null, null, null, null, null, null, ...U.map(() => null), 77]);
  return rows;
}

describe('migration 14: compact survey rows', () => {
  it('day numbers and dates are inverse over the whole supported range', () => {
    for (let h = hariDariTanggal('1900-01-01'); h <= hariDariTanggal('2999-12-31'); h += 97) expect(hariDariTanggal(tanggalDariHari(h))).toBe(h);
    expect(hariDariTanggal('1970-01-01')).toBe(0);
    expect(tanggalDariHari(hariDariTanggal('2024-02-29'))).toBe('2024-02-29');
  });

  it('rowSidik is the fingerprint of the identity values, for every shape of row', () => {
    const rows: ResponseRow[] = [
      { line: 2, tanggal: '2023-11-19', waktu: '14:03:10', layanan_id: 3, desa_id: 1, usia: 40, saran: 'baik', jawaban: { persyaratan: 4, sarana: 1 } },
      { line: 3, tanggal: null, layanan_teks: 'KTP', desa_teks: 'Jauh', jenis_kelamin: 'P', pendidikan: 'SMA', pekerjaan: 'PNS', jawaban: {} },
      { line: 4, tanggal: '2024-02-29', waktu: null, layanan_id: null, usia: null, jawaban: Object.fromEntries(UNSUR_KEYS.map((k, i) => [k, (i % 4) + 1])) },
      { line: 5, tanggal: '2023-01-01', layanan_id: 12345, layanan_teks: 'Légalisir ✓', desa_teks: '', usia: 0, saran: 'a "b"\nc', jawaban: { biaya: 2, pengaduan: null } },
      { line: 6, tanggal: '2023-01-02', waktu: undefined, layanan_id: 7, usia: 123, saran: '', jawaban: { persyaratan: undefined, prosedur: 3 } },
    ];
    for (const r of rows) expect(rowSidik(r)).toBe(identity(rowIdentityValues(r)));
  });

  it('upgrades a database of the previous version in place, every value read back exactly', () => {
    const file = path.join(dir, 'lama.db');
    const old = openDatabase(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < BARIS.version) });
    old.prepare("INSERT INTO layanan (id, slug, nama, diperbarui) VALUES (1, 'ktp', 'KTP-el', '2025-01-01')").run();
    old.prepare("INSERT INTO desa (id, kode, nama, diperbarui) VALUES (1, '01', 'Betro', '2025-01-01')").run();
    old.prepare("INSERT INTO survey_batch (id, file_name, sha256, rows, imported_at) VALUES (1, 'a.csv', 'x', 61, '2025-01-01 09:00:00')").run();
    const ins = old.prepare(`INSERT INTO survey_response (${OLD_COLS.join(', ')}) VALUES (${OLD_COLS.map(() => '?').join(', ')})`);
    for (const r of oldRows()) ins.run(r);
    const before = old.prepare(`SELECT ${OLD_COLS.join(', ')} FROM survey_response ORDER BY id`).raw().all();
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(db.prepare("SELECT type FROM sqlite_master WHERE name = 'survey_response'").pluck().get()).toBe('view');
    expect(db.prepare(`SELECT ${OLD_COLS.join(', ')} FROM survey_response ORDER BY id`).raw().all()).toEqual(before);
    expect(checkDatabase(db)).toMatchObject({ integrity: ['ok'], foreignKeyViolations: 0 });

    // A new import: its rows read back through the view like the migrated ones, and the finder
    // still recognises a migrated row as identical.
    const first = before[1] as unknown[];
    const row: ResponseRow = {
      line: 2, tanggal: first[3] as string, waktu: first[4] as string, layanan_id: 1, layanan_teks: first[6] as string | null,
      desa_id: 1, desa_teks: first[8] as string | null, jenis_kelamin: first[9] as string | null, usia: first[10] as number | null,
      pendidikan: first[11] as string | null, pekerjaan: first[12] as string | null, saran: first[13] as string | null,
      jawaban: Object.fromEntries(UNSUR_KEYS.map((k, i) => [k, first[14 + i] as number | null])),
    };
    db.prepare('UPDATE survey_baris SET sidik = ? WHERE id = 2').run(rowSidik(row));
    const finder = createIdenticalRowFinder(db, 1)!;
    expect(finder(row, rowSidik(row))).toEqual({ batch: 1, line: 3 });
    expect(finder({ ...row, saran: 'lain' }, rowSidik({ ...row, saran: 'lain' }))).toBeUndefined();
    db.exec('BEGIN IMMEDIATE');
    const w = createBatchWriter(db, { file_name: 'b.csv', sha256: 'y' });
    for (let i = 0; i < 40; i++) w.add({ ...row, line: i + 2 });
    const { batchId } = w.finish();
    db.exec('COMMIT');
    const mine = db.prepare(`SELECT ${OLD_COLS.slice(3, -1).join(', ')} FROM survey_response WHERE batch_id = ? ORDER BY line`).raw().all(batchId) as unknown[][];
    expect(mine).toHaveLength(40);
    for (const r of mine) expect(r).toEqual(first.slice(3, -1).map((v, i) => (i === 2 || i === 4 ? 1 : v)));
    removeBatch(db, batchId);
    expect(db.prepare('SELECT COUNT(*) FROM survey_baris').pluck().get()).toBe(61);
    db.close();
  });
});
