import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { createBatchWriter, createIdenticalRowFinder, fillMissingSidik, rowSidik, type ResponseRow } from '../../src/survey/store.js';
import { cleanup, tempDir } from '../helpers/cli.js';

const dir = tempDir('paten-identik-');
afterAll(() => cleanup(dir));

const row = (i: number, saran: string | null = null): ResponseRow => ({
  line: i + 2,
  tanggal: `2023-0${1 + (i % 9)}-1${i % 10}`,
  waktu: `10:${String(i % 60).padStart(2, '0')}:00`,
  layanan_teks: 'KTP-el',
  jenis_kelamin: i % 2 ? 'L' : 'P',
  usia: 20 + (i % 40),
  saran,
  jawaban: { persyaratan: 1 + (i % 4), prosedur: 4, waktu: 3, biaya: 4, produk: 3, kompetensi: 3, perilaku: 4, pengaduan: null, sarana: 2 },
});

describe('identical stored rows', () => {
  const db = openDatabase(path.join(dir, 'x.db'), { create: true });
  it('nothing stored: no finder', () => {
    expect(createIdenticalRowFinder(db, 10)).toBeNull();
  });

  it('keyed lookups and the full scan find the same first match, and only exact matches', () => {
    db.transaction(() => {
      for (const b of [0, 1]) {
        const w = createBatchWriter(db, { file_name: `b${b}.csv`, sha256: `s${b}` });
        for (let i = 0; i < 300; i++) w.add(row(i, b === 1 && i === 7 ? 'beda' : null));
        w.finish();
      }
    })();
    const keyed = createIdenticalRowFinder(db, 10)!; // 10 new rows vs 600 stored: keyed lookups
    const scan = createIdenticalRowFinder(db, 10_000)!; // many new rows: one scan into a hash map
    for (const f of [keyed, scan]) {
      const find = (r: ResponseRow) => f(r, rowSidik(r));
      expect(find(row(5))).toEqual({ batch: 1, line: 7 });
      expect(find(row(7, 'beda'))).toEqual({ batch: 2, line: 9 });
      expect(find(row(5, 'saran lain'))).toBeUndefined();
      expect(find({ ...row(5), jawaban: { ...row(5).jawaban, pengaduan: 4 } })).toBeUndefined();
      // A fingerprint that collides with a stored row's is confirmed against the values: no match.
      expect(f(row(5, 'saran lain'), rowSidik(row(5)))).toBeUndefined();
    }
    // Rows written after the finder was made (the import in progress) never match.
    db.transaction(() => {
      const w = createBatchWriter(db, { file_name: 'b2.csv', sha256: 's2' });
      w.add(row(1000, 'baru'));
      w.finish();
    })();
    expect(keyed(row(1000, 'baru'), rowSidik(row(1000, 'baru')))).toBeUndefined();
    expect(scan(row(1000, 'baru'), rowSidik(row(1000, 'baru')))).toBeUndefined();
    // Rows stored before migration 7 (no fingerprint) are found from their values, and get one.
    db.prepare('UPDATE survey_response SET sidik = NULL WHERE batch_id = 1').run();
    const old = createIdenticalRowFinder(db, 10)!;
    expect(old(row(5), rowSidik(row(5)))).toEqual({ batch: 1, line: 7 });
    expect(db.transaction(() => fillMissingSidik(db))()).toBe(300);
    expect(db.prepare('SELECT COUNT(*) FROM survey_response WHERE sidik IS NULL').pluck().get()).toBe(0);
    expect(createIdenticalRowFinder(db, 10)!(row(5), rowSidik(row(5)))).toEqual({ batch: 1, line: 7 });
    db.close();
  });
});
