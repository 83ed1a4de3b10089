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
    db.prepare('UPDATE survey_baris SET sidik = NULL WHERE batch_id = 1').run();
    const old = createIdenticalRowFinder(db, 10)!;
    expect(old(row(5), rowSidik(row(5)))).toEqual({ batch: 1, line: 7 });
    expect(db.transaction(() => fillMissingSidik(db))()).toBe(300);
    expect(db.prepare('SELECT COUNT(*) FROM survey_response WHERE sidik IS NULL').pluck().get()).toBe(0);
    expect(createIdenticalRowFinder(db, 10)!(row(5), rowSidik(row(5)))).toEqual({ batch: 1, line: 7 });
  });

  it('the full scan holds every stored fingerprint even when the batch table undercounts the rows', () => {
    const file = path.join(dir, 'banyak.db');
    const d = openDatabase(file, { create: true });
    d.transaction(() => {
      const w = createBatchWriter(d, { file_name: 'banyak.csv', sha256: 'banyak' });
      for (let i = 0; i < 3000; i++) w.add(row(i, `saran ${i}`));
      w.finish();
    })();
    d.prepare('UPDATE survey_batch SET rows = 1').run(); // sized for 1 row: the table must grow
    const scan = createIdenticalRowFinder(d, 10)!;
    for (const i of [0, 1234, 2999]) expect(scan(row(i, `saran ${i}`), rowSidik(row(i, `saran ${i}`)))).toEqual({ batch: 1, line: i + 2 });
    expect(scan(row(5, 'lain'), rowSidik(row(5, 'lain')))).toBeUndefined();
    d.close();
  });

  it('a fingerprint hit on a row stored without one is confirmed against its values', () => {
    db.prepare('UPDATE survey_baris SET sidik = NULL WHERE batch_id = 1').run();
    const f = createIdenticalRowFinder(db, 10)!;
    expect(f(row(5, 'saran lain'), rowSidik(row(5)))).toBeUndefined();
    expect(f(row(5), rowSidik(row(5)))).toEqual({ batch: 1, line: 7 });
    db.close();
  });
});

describe('identical stored rows, read in stored order', () => {
  /** Rows i < n of a re-export; every fifth row's twin (same values) stored again two rows later. */
  const stored = (n: number) => Array.from({ length: n }, (_, i) => row(i % 5 === 2 ? i - 2 : i, `saran ${i % 5 === 2 ? i - 2 : i}`));
  const d = openDatabase(path.join(dir, 'urut.db'), { create: true });
  const N = 3000;
  d.transaction(() => {
    for (const [b, from, to] of [[1, 0, 1000], [2, 1000, N]]) {
      const w = createBatchWriter(d, { file_name: `u${b}.csv`, sha256: `u${b}` });
      for (const r of stored(N).slice(from, to)) w.add(r);
      w.finish();
    }
  })();
  /** The first stored row with a row's values, by batch and line: what every path must answer. */
  const firstOf = new Map<number, { batch: number; line: number }>();
  stored(N).forEach((x, i) => {
    if (!firstOf.has(rowSidik(x))) firstOf.set(rowSidik(x), { batch: i < 1000 ? 1 : 2, line: x.line });
  });
  const first = (r: ResponseRow) => firstOf.get(rowSidik(r));
  const lookUp = (f: NonNullable<ReturnType<typeof createIdenticalRowFinder>>, rows: ResponseRow[]) => rows.map((r) => f(r, rowSidik(r)));

  it('a re-export in stored order, then new rows, finds the first stored copy of every earlier row', () => {
    const again = [...stored(N), ...Array.from({ length: 50 }, (_, i) => row(i, `baru ${i}`))];
    for (const expected of [10, 1_000_000]) expect(lookUp(createIdenticalRowFinder(d, expected)!, again)).toEqual(again.map(first));
    // A twin stored later answers with its first copy (as a keyed search does).
    expect(createIdenticalRowFinder(d, 10)!(stored(N)[2], rowSidik(stored(N)[2]))).toEqual(first(stored(N)[0]));
  });

  it('rows out of stored order (reversed, shuffled, a gap) find the same rows', () => {
    const order = stored(N).map((r, i) => ({ r, k: (i * 7919) % N }));
    const shuffled = [...order].sort((a, b) => a.k - b.k).map((x) => x.r);
    const gap = [...stored(N).slice(0, 100), ...stored(N).slice(2500), ...stored(N).slice(100, 2500)];
    for (const rows of [[...stored(N)].reverse(), shuffled, gap])
      for (const expected of [10, 1_000_000]) expect(lookUp(createIdenticalRowFinder(d, expected)!, rows)).toEqual(rows.map(first));
  });

  it('a fingerprint equal to the one of the next stored row is confirmed against its values', () => {
    const f = createIdenticalRowFinder(d, 1_000_000)!;
    const [a, b] = stored(N).slice(10, 12);
    expect(f(a, rowSidik(a))).toEqual({ batch: 1, line: 12 });
    // The cursor now points at b's stored row: a different row with b's fingerprint is not it.
    expect(f({ ...b, usia: 99 }, rowSidik(b))).toBeUndefined();
    expect(f({ ...b, saran: null }, rowSidik(b))).toBeUndefined();
    expect(f(b, rowSidik(b))).toEqual({ batch: 1, line: 13 });
  });

  it('many new rows switch to the table of every fingerprint, which holds none of the import in progress', () => {
    const f = createIdenticalRowFinder(d, 1_000_000)!;
    d.transaction(() => {
      const w = createBatchWriter(d, { file_name: 'u3.csv', sha256: 'u3' });
      for (let i = 0; i < 20; i++) w.add(row(i, `impor ${i}`));
      w.finish();
    })();
    // More searches than an eighth of the stored rows: the rest goes through the table.
    const fresh = Array.from({ length: N / 8 + 10 }, (_, i) => row(i, `baru ${i}`));
    expect(lookUp(f, fresh).every((x) => x === undefined)).toBe(true);
    expect(lookUp(f, Array.from({ length: 20 }, (_, i) => row(i, `impor ${i}`))).every((x) => x === undefined)).toBe(true);
    const shuffled = stored(N).filter((_, i) => i % 3 === 0).reverse();
    expect(lookUp(f, shuffled)).toEqual(shuffled.map(first));
    expect(f(row(5, 'saran lain'), rowSidik(stored(N)[5]))).toBeUndefined();
    d.close();
  });
});

describe('the fingerprint', () => {
  const r: ResponseRow = {
    line: 2,
    tanggal: '2025-01-03',
    waktu: '08:15:30',
    layanan_teks: 'KTP-el',
    desa_teks: 'Sukamaju',
    jenis_kelamin: 'P',
    usia: 35,
    pendidikan: 'SMA',
    pekerjaan: null,
    saran: 'Ramah',
    jawaban: { persyaratan: 4, prosedur: 3, waktu: 3, biaya: 4, produk: 4, kompetensi: 3, perilaku: 4, pengaduan: null, sarana: 2 },
  };

  it('is frozen: stored fingerprints are compared with new ones, so the hash never changes silently', () => {
    // Changing what goes into it needs a migration that clears the stored ones (as migration 9 did).
    expect(rowSidik(r)).toBe(5512674258099179);
    expect(rowSidik({ ...r, waktu: null })).toBe(8864326404849795);
    expect(rowSidik({ ...r, layanan_teks: null, layanan_id: 3 })).toBe(4948468407571223);
    expect(Number.isSafeInteger(rowSidik(r))).toBe(true);
  });

  it('tells apart what a row says, not where it was read', () => {
    const base = rowSidik(r);
    expect(rowSidik({ ...r, line: 99, batch_id: 4 } as ResponseRow)).toBe(base);
    // A text matched to a layanan or desa id later (an alias) keeps its fingerprint.
    expect(rowSidik({ ...r, layanan_id: 7, desa_id: 2 })).toBe(base);
    for (const other of [
      { ...r, waktu: '08:15:31' },
      { ...r, saran: null },
      { ...r, saran: '' },
      { ...r, pekerjaan: '' },
      { ...r, usia: 36 },
      { ...r, jawaban: { ...r.jawaban, pengaduan: 1 } },
      // Fields moved across the separator are different rows.
      { ...r, desa_teks: 'Sukamaju\u001fP', jenis_kelamin: null },
    ])
      expect(rowSidik(other)).not.toBe(base);
    // A layanan given by the sheet's name or --layanan counts, and differs per layanan.
    const lembar = (id: number) => rowSidik({ ...r, layanan_teks: null, layanan_id: id });
    expect(lembar(3)).not.toBe(lembar(4));
    expect(lembar(3)).not.toBe(rowSidik({ ...r, layanan_teks: null, layanan_id: null }));
  });

  it('rows stored without one get the same fingerprint from their stored values, in chunks', () => {
    const big = openDatabase(path.join(dir, 'besar.db'), { create: true });
    const layananId = Number(big.prepare("INSERT INTO layanan (slug, nama, diperbarui) VALUES ('ktp-el', 'KTP-el', '2025-01-01')").run().lastInsertRowid);
    const rows = Array.from({ length: 20_050 }, (_, i) => ({ ...row(i, `s${i}`), layanan_teks: i % 2 ? null : 'KTP-el', layanan_id: i % 2 ? layananId : null }));
    big.transaction(() => {
      const w = createBatchWriter(big, { file_name: 'besar.csv', sha256: 'besar' });
      for (const x of rows) w.add(x);
      w.finish();
    })();
    big.prepare('UPDATE survey_baris SET sidik = NULL').run();
    expect(big.transaction(() => fillMissingSidik(big))()).toBe(20_050);
    const stored = big.prepare('SELECT sidik FROM survey_baris ORDER BY id').pluck().all();
    expect(stored).toEqual(rows.map((x) => rowSidik(x)));
    big.close();
  });
});
