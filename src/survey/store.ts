/**
 * Storage of SKM responses: batches, raw rows (survey_baris, compact; survey_response is its view
 * with the old columns, migration 14) and the per-batch aggregates (n and Σ per unsur by
 * day, layanan and desa; the cross-product sums of src/survey/silang.ts by day and layanan) that
 * IKM queries read. This is the only code that writes survey tables;
 * importers call it inside their own transaction so an import is all-or-nothing.
 */
import { PAGE_CACHE, type Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { formatAngka, formatTanggalJam, isoDateTimeLocal } from '../core/format.js';
import { kolomUnsur, UNSUR_KEYS, type UnsurKey } from '../skm/unsur.js';
import { SILANG_COLS, SelSilang, silangSql } from './silang.js';
import { BulkInsert, type Stmt, writeTransaction } from '../db/write.js';
import { selectDesaById } from '../desa/store.js';
import { selectLayananById } from '../layanan/store.js';
import { detikDariWaktu, hariDariTanggal, tanggalDariHari } from './tanggal.js';

export type Jawaban = Partial<Record<UnsurKey, number | null>>;

export interface ResponseRow {
  /** 1-based line in the source file (for audit). */
  line: number;
  /** Calendar date written in the file, YYYY-MM-DD (never shifted by a time zone). */
  tanggal: string | null;
  waktu?: string | null;
  layanan_id?: number | null;
  layanan_teks?: string | null;
  desa_id?: number | null;
  desa_teks?: string | null;
  jenis_kelamin?: string | null;
  usia?: number | null;
  pendidikan?: string | null;
  pekerjaan?: string | null;
  saran?: string | null;
  /** Answers 1..4; null/undefined = blank (excluded from that unsur's n). */
  jawaban: Jawaban;
}

export interface BatchMeta {
  file_name: string;
  sha256: string;
  sumber?: string | null;
  /** JSON describing how columns were mapped (shown by `survey list`). */
  mapping?: string | null;
  imported_at?: string;
}

export interface Batch {
  id: number;
  file_name: string;
  sha256: string;
  rows: number;
  imported_at: string;
  sumber: string | null;
  mapping: string | null;
  /** Rows of the file left out because they were already stored (a cumulative re-export). */
  dilewati: number;
}

/**
 * The columns of a stored row (survey_baris, migration 14) as the batch writer writes them: the
 * compact values first, the mostly absent texts last.
 */
const WRITE_COLS = [
  'batch_id', 'line', 'hari', 'detik', 'layanan_id', 'desa_id', 'jawaban', 'sidik',
  'layanan_teks', 'desa_teks', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'saran',
];

/**
 * The nine answers packed 3 bits each in definition order (survey_baris.jawaban; 0 = blank); also
 * written one per unsur into `x` when given (the batch writer's input to the aggregates).
 */
export function kemasJawaban(j: Jawaban, x?: Int8Array): number {
  let packed = 0;
  for (let i = 0; i < 9; i++) {
    const v = j[UNSUR_KEYS[i]];
    const n = v === null || v === undefined ? 0 : v;
    if (x) x[i] = n;
    packed |= n << (3 * i);
  }
  return packed;
}

/**
 * Day numbers of the date strings seen (a file has a few hundred distinct days: each is parsed
 * once), with the last one kept at hand since consecutive rows mostly share their day. Each day
 * also gets a small number of its own (1, 2, 3… as first seen; 0 = no date) that the batch writer
 * indexes its aggregate cells by.
 */
class HariCache {
  /** Date string → index into `hari` and `nomorIdx`. */
  private map = new Map<string, number>();
  private hari: number[] = [];
  private nomorIdx: number[] = [];
  private nomorHari = new Map<number, number>();
  private lastTanggal: string | null = null;
  private lastHari = 0;
  /** The small number of the day of the last get(). */
  nomor = 0;

  get(tanggal: string): number {
    if (tanggal === this.lastTanggal) return this.lastHari;
    let i = this.map.get(tanggal);
    if (i === undefined) i = this.baru(tanggal);
    this.lastTanggal = tanggal;
    this.lastHari = this.hari[i];
    this.nomor = this.nomorIdx[i];
    return this.lastHari;
  }

  private baru(tanggal: string): number {
    const h = hariDariTanggal(tanggal);
    let nomor = this.nomorHari.get(h);
    if (nomor === undefined) this.nomorHari.set(h, (nomor = this.nomorHari.size + 1));
    this.map.set(tanggal, this.hari.length);
    this.nomorIdx.push(nomor);
    return this.hari.push(h) - 1;
  }
}

/** Int32 values per survey_agg cell: responden, then n of each unsur, then Σ of each. */
const AGG_W = 19;

/**
 * The per-batch aggregates (survey_agg by day × layanan × desa, survey_agg_silang by day ×
 * layanan) summed while rows are added. A cell is found through small integers only: the day's
 * number (HariCache.nomor), the number of the (layanan, desa) pair from two array loads by id, then
 * the day's table of cells by pair; no wide key hashed per row. The sums sit cell after cell in one
 * growing Int32Array (and SelSilang's one Float64Array). Cells are written in the order first seen.
 */
class AgregatBatch {
  /** Pair number by layanan id, then desa id (ids are small integers; 0 = none). */
  private pasang: number[][] = [];
  private pasangLayanan: number[] = [];
  private pasangDesa: number[] = [];
  /** Of each pair, its layanan's number (the index of a day's silang cells). */
  private pasangNoLayanan: number[] = [];
  /** Layanan number by layanan id. */
  private noLayanan: number[] = [];
  private nLayanan = 0;
  /** By day number: pair → survey_agg cell + 1, and layanan number → silang cell + 1 (0 = none yet). */
  private aggHari: Int32Array[] = [];
  private silangHari: Int32Array[] = [];
  private sums = new Int32Array(AGG_W * 1024);
  private aggTanggal: string[] = [];
  private aggPasang: number[] = [];
  private silang = new SelSilang();
  private silangTanggal: string[] = [];
  private silangLayanan: number[] = [];

  add(tanggal: string | null, nomorHari: number, layanan: number, desa: number, x: Int8Array): void {
    const row = this.pasang[layanan];
    let p = row === undefined ? undefined : row[desa];
    if (p === undefined) p = this.pasangBaru(layanan, desa);
    let t = this.aggHari[nomorHari];
    if (t === undefined || p >= t.length) t = this.aggHari[nomorHari] = lebarkan(t, this.pasangLayanan.length);
    let c = t[p] - 1;
    if (c < 0) t[p] = (c = this.aggBaru(tanggal, p)) + 1;
    const s = this.sums;
    const o = c * AGG_W;
    s[o]++;
    for (let i = 0; i < 9; i++) {
      const v = x[i];
      if (v !== 0) {
        s[o + 1 + i]++;
        s[o + 10 + i] += v;
      }
    }
    const l = this.pasangNoLayanan[p];
    let ts = this.silangHari[nomorHari];
    if (ts === undefined || l >= ts.length) ts = this.silangHari[nomorHari] = lebarkan(ts, this.nLayanan);
    let cs = ts[l] - 1;
    if (cs < 0) {
      ts[l] = (cs = this.silang.baru()) + 1;
      this.silangTanggal.push(tanggal ?? '');
      this.silangLayanan.push(layanan);
    }
    this.silang.add(cs, x);
  }

  private pasangBaru(layanan: number, desa: number): number {
    const p = this.pasangLayanan.length;
    (this.pasang[layanan] ??= [])[desa] = p;
    this.pasangLayanan.push(layanan);
    this.pasangDesa.push(desa);
    let l = this.noLayanan[layanan];
    if (l === undefined) this.noLayanan[layanan] = l = this.nLayanan++;
    this.pasangNoLayanan.push(l);
    return p;
  }

  private aggBaru(tanggal: string | null, p: number): number {
    const c = this.aggTanggal.length;
    if ((c + 1) * AGG_W > this.sums.length) {
      const s = new Int32Array(this.sums.length * 2);
      s.set(this.sums);
      this.sums = s;
    }
    this.aggTanggal.push(tanggal ?? '');
    this.aggPasang.push(p);
    return c;
  }

  /**
   * Throws unless every layanan and desa id the rows named exists: the foreign keys of survey_baris
   * and survey_agg, checked once per id for a batch written without SQLite checking them.
   */
  periksaId(db: Db): void {
    const cek = (tabel: 'layanan' | 'desa', ids: number[], ada: (db: Db, id: number) => unknown) => {
      for (const id of new Set(ids)) if (id !== 0 && ada(db, id) === undefined) throw new Error(`survey_baris: ${tabel} id ${id} tidak ada (kunci asing)`);
    };
    cek('layanan', this.pasangLayanan, selectLayananById);
    cek('desa', this.pasangDesa, selectDesaById);
  }

  write(db: Db, batchId: number): void {
    const cols = UNSUR_KEYS.flatMap((k) => [`n_${k}`, `s_${k}`]);
    const ins = db.prepare(
      `INSERT INTO survey_agg (batch_id, tanggal, layanan_id, desa_id, responden, ${cols.join(', ')}) VALUES (${new Array(5 + cols.length).fill('?').join(', ')})`,
    );
    const v: unknown[] = new Array(5 + cols.length);
    v[0] = batchId;
    const s = this.sums;
    for (let c = 0; c < this.aggTanggal.length; c++) {
      const p = this.aggPasang[c];
      const o = c * AGG_W;
      v[1] = this.aggTanggal[c];
      v[2] = this.pasangLayanan[p];
      v[3] = this.pasangDesa[p];
      v[4] = s[o];
      for (let i = 0; i < 9; i++) {
        v[5 + 2 * i] = s[o + 1 + i];
        v[6 + 2 * i] = s[o + 10 + i];
      }
      ins.run(v);
    }
    const insSilang = db.prepare(
      `INSERT INTO survey_agg_silang (batch_id, tanggal, layanan_id, ${SILANG_COLS.join(', ')}) VALUES (${new Array(3 + SILANG_COLS.length).fill('?').join(', ')})`,
    );
    for (let c = 0; c < this.silang.length; c++) insSilang.run(batchId, this.silangTanggal[c], this.silangLayanan[c], ...this.silang.sums(c));
  }
}

/** A day's cell table with room for `n` entries, the entries so far kept. */
function lebarkan(t: Int32Array | undefined, n: number): Int32Array {
  const w = new Int32Array(Math.max(16, n * 2));
  if (t) w.set(t);
  return w;
}

/** The batch row of a new import; refuses a file imported before. */
function insertBatch(db: Db, meta: BatchMeta): number {
  const dup = db.prepare('SELECT id, file_name, imported_at FROM survey_batch WHERE sha256 = ?').get(meta.sha256) as
    | { id: number; file_name: string; imported_at: string }
    | undefined;
  if (dup)
    throw new UserError(`Berkas ini sudah pernah diimpor sebagai batch ${dup.id} (${dup.file_name}, diimpor ${formatTanggalJam(dup.imported_at)}).`, {
      hint: `Tidak ada yang diimpor. Untuk mengimpor ulang, hapus dulu batch itu: paten survey remove ${dup.id}`,
    });
  return Number(
    db
      .prepare('INSERT INTO survey_batch (file_name, sha256, rows, imported_at, sumber, mapping) VALUES (?, ?, 0, ?, ?, ?)')
      .run(meta.file_name, meta.sha256, meta.imported_at ?? isoDateTimeLocal(), meta.sumber ?? null, meta.mapping ?? null).lastInsertRowid,
  );
}


/**
 * Writes one batch. Call add() for every row and finish() at the end, all inside one transaction
 * opened by the caller: beginBulk … endBulk (the import), or writeTransaction. Inside beginBulk the
 * rows go 32 to a statement (BulkInsert) and finish() checks, once per id, that the layanan and desa
 * the rows name exist (SQLite does not check foreign keys there); otherwise one row per statement,
 * each checked by SQLite. The first batch of an empty survey_baris builds its (hari, sidik) index
 * at finish() (tundaIndeks), with a 4 MiB page cache meanwhile.
 */
export function createBatchWriter(db: Db, meta: BatchMeta) {
  const batchId = insertBatch(db, meta);
  const indeks = tundaIndeks(db);
  // Without that index the batch only appends to its B-trees: a small page cache does (the same
  // CPU, 30 MB less at the peak of a 1,000,000-row import); the sort that builds the index holds up
  // to the cache's size of keys besides the cache. Set for every batch: one that failed before its
  // finish() may have left the small one.
  db.pragma(`cache_size = ${indeks === null ? PAGE_CACHE : CACHE_TANPA_INDEKS}`);
  const insert = new BulkInsert(db, 'survey_baris', WRITE_COLS);
  const v = insert.values;
  const agg = new AgregatBatch();
  const hariCache = new HariCache();
  const x = new Int8Array(9);
  let rows = 0;
  return {
    batchId,
    /** Adds a row; sidik is its fingerprint when the caller has it already (rowSidik). */
    add(r: ResponseRow, sidik = rowSidik(r)): void {
      const hari = r.tanggal === null ? null : hariCache.get(r.tanggal);
      const packed = kemasJawaban(r.jawaban, x);
      agg.add(r.tanggal, hari === null ? 0 : hariCache.nomor, r.layanan_id ?? 0, r.desa_id ?? 0, x);
      // in WRITE_COLS order
      const o = insert.start();
      v[o] = batchId;
      v[o + 1] = r.line;
      v[o + 2] = hari;
      v[o + 3] = r.waktu === null || r.waktu === undefined ? null : detikDariWaktu(r.waktu);
      v[o + 4] = r.layanan_id ?? null;
      v[o + 5] = r.desa_id ?? null;
      v[o + 6] = packed;
      v[o + 7] = sidik;
      v[o + 8] = r.layanan_teks ?? null;
      v[o + 9] = r.desa_teks ?? null;
      v[o + 10] = r.jenis_kelamin ?? null;
      v[o + 11] = r.usia ?? null;
      v[o + 12] = r.pendidikan ?? null;
      v[o + 13] = r.pekerjaan ?? null;
      v[o + 14] = r.saran ?? null;
      insert.end();
      rows++;
    },
    /** Writes the aggregates, the row count and how many rows were skipped as already stored; returns the batch id. */
    finish(dilewati = 0): { batchId: number; rows: number } {
      insert.flush();
      if (!insert.foreignKeysChecked) agg.periksaId(db);
      agg.write(db, batchId);
      rekapSilangBulan(db, batchId);
      db.prepare('UPDATE survey_batch SET rows = ?, dilewati = ? WHERE id = ?').run(rows, dilewati, batchId);
      // Last: the index's CREATE leaves the transaction's statement journal in a temporary file,
      // which every later survey_agg INSERT (a trigger makes each one a statement that can be
      // undone alone) would write to (300,000 rows: agg.write 132 ms here against 511 ms first).
      if (indeks !== null) {
        db.exec(indeks);
        db.pragma(`cache_size = ${PAGE_CACHE}`);
      }
      return { batchId, rows };
    },
  };
}

/** The page cache of a batch written without the (hari, sidik) index (PRAGMA cache_size: KiB when negative). */
const CACHE_TANPA_INDEKS = -4096;

/**
 * Into an empty survey_baris, the (hari, sidik) index is dropped for the batch and built again by
 * finish() from all its rows at once (a sort), instead of being extended at a random place per row:
 * returns the index's own CREATE statement to run again, or null when rows are stored already (the
 * identical-row lookup searches that index) or it is missing. Inside the caller's transaction: a
 * ROLLBACK or a kill before COMMIT leaves the index as it was.
 */
function tundaIndeks(db: Db): string | null {
  if (db.prepare('SELECT 1 FROM survey_baris LIMIT 1').get() !== undefined) return null;
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'survey_baris_hari_sidik'").pluck().get() as string | undefined;
  if (sql === undefined) return null;
  db.exec('DROP INDEX survey_baris_hari_sidik');
  return sql;
}

/**
 * Rewrites the monthly roll-up of the cross-product sums (survey_agg_silang_bulan, migration 13)
 * of one batch from its daily rows: every month, or only `bulan` ("YYYY-MM", "" = undated).
 * One statement per batch instead of a trigger's upsert per daily row.
 */
function rekapSilangBulan(db: Db, batchId: number, bulan?: Iterable<string>): void {
  const sums = SILANG_COLS.map((c) => `SUM(${c})`).join(', ');
  const rekap = (only: string) =>
    db.prepare(
      `INSERT INTO survey_agg_silang_bulan (batch_id, bulan, layanan_id, ${SILANG_COLS.join(', ')})
       SELECT batch_id, substr(tanggal, 1, 7), layanan_id, ${sums} FROM survey_agg_silang
       WHERE batch_id = ?${only} GROUP BY substr(tanggal, 1, 7), layanan_id HAVING SUM(isi) > 0`,
    );
  if (bulan === undefined) {
    rekap('').run(batchId);
    return;
  }
  const del = db.prepare('DELETE FROM survey_agg_silang_bulan WHERE batch_id = ? AND bulan = ?');
  const ins = rekap(' AND substr(tanggal, 1, 7) = ?');
  for (const b of bulan) {
    del.run(batchId, b);
    ins.run(batchId, b);
  }
}

export function listBatches(db: Db): Batch[] {
  return db.prepare('SELECT * FROM survey_batch ORDER BY id').all() as Batch[];
}

export function getBatch(db: Db, id: number): Batch | undefined {
  return db.prepare('SELECT * FROM survey_batch WHERE id = ?').get(id) as Batch | undefined;
}

/** Removes a batch with its rows and aggregates (one transaction). */
export function removeBatch(db: Db, id: number): Batch {
  const b = getBatch(db, id);
  if (!b) throw new UserError(`Batch ${id} tidak ditemukan.`, { hint: 'Lihat daftar batch dengan `paten survey list`.' });
  writeTransaction(db, () => {
    db.prepare('DELETE FROM survey_agg WHERE batch_id = ?').run(id);
    db.prepare('DELETE FROM survey_agg_silang WHERE batch_id = ?').run(id);
    db.prepare('DELETE FROM survey_agg_silang_bulan WHERE batch_id = ?').run(id);
    db.prepare('DELETE FROM survey_baris WHERE batch_id = ?').run(id);
    db.prepare('DELETE FROM survey_batch WHERE id = ?').run(id);
  });
  return b;
}

// ---------- population per year (Krejcie–Morgan) ----------

export function setPopulasi(db: Db, tahun: number, populasi: number): void {
  if (!Number.isInteger(tahun) || tahun < 2000 || tahun > 2100) throw new UserError(`Tahun ${tahun} tidak valid (argumen TAHUN).`);
  if (!Number.isInteger(populasi) || populasi < 1) throw new UserError(`Populasi harus bilangan bulat ≥ 1, bukan ${populasi} (argumen JUMLAH).`);
  const responden = db
    .prepare('SELECT COALESCE(SUM(responden), 0) FROM survey_agg WHERE tanggal BETWEEN ? AND ?')
    .pluck()
    .get(`${tahun}-01-01`, `${tahun}-12-31`) as number;
  if (populasi < responden)
    throw new UserError(
      `Populasi ${formatAngka(populasi)} lebih kecil dari ${formatAngka(responden)} responden survei yang sudah tersimpan untuk tahun ${tahun} (argumen JUMLAH).`,
      { hint: 'Populasi adalah jumlah penerima layanan setahun, jadi tidak mungkin lebih kecil dari jumlah responden. Tidak ada yang disimpan.' },
    );
  db.prepare('INSERT INTO survey_populasi (tahun, populasi) VALUES (?, ?) ON CONFLICT(tahun) DO UPDATE SET populasi = excluded.populasi').run(tahun, populasi);
}

export function getPopulasi(db: Db, tahun: number): number | null {
  return (db.prepare('SELECT populasi FROM survey_populasi WHERE tahun = ?').pluck().get(tahun) as number | undefined) ?? null;
}

export function listPopulasi(db: Db): { tahun: number; populasi: number }[] {
  return db.prepare('SELECT tahun, populasi FROM survey_populasi ORDER BY tahun').all() as { tahun: number; populasi: number }[];
}

/** The batch already imported from a file with this sha256, if any. */
export function findBatchBySha(db: Db, sha256: string): Batch | undefined {
  return db.prepare('SELECT * FROM survey_batch WHERE sha256 = ?').get(sha256) as Batch | undefined;
}

/**
 * What is compared to tell whether an imported row equals an already stored one, as SQL over
 * survey_response. The layanan is its text as written or, for a row without one, the layanan its
 * sheet's name or --layanan gave it ('#' and the id): two sheets `KTP-el` and `KK` of typed-in paper
 * forms with a respondent each who answered alike on the same day are two responses. A matched
 * id of a text is left out: adding an alias re-matches stored rows and must not change their
 * fingerprint.
 */
const IDENTITY_SQL = [
  'tanggal', 'waktu', "COALESCE(layanan_teks, '#' || layanan_id)", 'desa_teks', 'jenis_kelamin', 'usia',
  'pendidikan', 'pekerjaan', 'saran', ...UNSUR_KEYS.map(kolomUnsur),
].join(', ');

/** The layanan as the identity has it: the text as written, else '#' and the id, else null. */
function layananIdentitas(r: ResponseRow): string | null {
  return r.layanan_teks ?? (r.layanan_id === null || r.layanan_id === undefined ? null : `#${r.layanan_id}`);
}

/** A response's values in IDENTITY_SQL order. */
export function rowIdentityValues(r: ResponseRow): unknown[] {
  return [
    r.tanggal, r.waktu ?? null, layananIdentitas(r), r.desa_teks ?? null, r.jenis_kelamin ?? null, r.usia ?? null,
    r.pendidikan ?? null, r.pekerjaan ?? null, r.saran ?? null, ...UNSUR_KEYS.map((k) => r.jawaban[k] ?? null),
  ];
}

/**
 * IDENTITY_SQL's values in their stored form (survey_baris, migration 14): equal exactly when
 * IDENTITY_SQL's are, so a candidate row is confirmed without decoding it.
 */
const BARIS_IDENTITY_SQL = [
  'hari', 'detik', "COALESCE(layanan_teks, '#' || layanan_id)", 'desa_teks', 'jenis_kelamin', 'usia',
  'pendidikan', 'pekerjaan', 'saran', 'jawaban',
].join(', ');

/** cyrb53: a fast 53-bit string hash (an exact integer in both JS and SQLite); Sidik53 over one text. */
function hash53(str: string): number {
  const h = SIDIK;
  h.mulai();
  h.teks(str);
  return h.hasil();
}

/** The hashed text of a value: null and undefined as NUL, the values joined by US (identity()). */
const teksNilai = (v: unknown): string => (v === null || v === undefined ? '\u0000' : String(v));

/** The fingerprint of IDENTITY_SQL values (stored ones read back, or rowIdentityValues). */
export function identity(values: unknown[]): number {
  return hash53(values.map(teksNilai).join('\u001f'));
}

/**
 * A response's fingerprint (survey_response.sidik, migration 7): the hash of what the row says as
 * stored (date, time, every answer, the profile and free texts), not how the file spelled it, so
 * a cumulative re-export finds its earlier rows whether they came from a CSV or a workbook.
 */
export function rowSidik(r: ResponseRow): number {
  // hash53(identity(rowIdentityValues(r))) fed value by value: this runs once per imported row, and
  // building the joined text first costs a string per value and a flattening of the whole.
  const h = SIDIK;
  h.mulai();
  h.nilai(r.tanggal);
  h.nilai(r.waktu);
  if (r.layanan_teks !== null && r.layanan_teks !== undefined) h.nilai(r.layanan_teks);
  else if (r.layanan_id === null || r.layanan_id === undefined) h.nilai(null);
  else {
    h.pisah();
    h.teks('#');
    h.teks(String(r.layanan_id));
  }
  h.nilai(r.desa_teks);
  h.nilai(r.jenis_kelamin);
  h.nilai(r.usia);
  h.nilai(r.pendidikan);
  h.nilai(r.pekerjaan);
  h.nilai(r.saran);
  const j = r.jawaban;
  for (let i = 0; i < 9; i++) h.nilai(j[UNSUR_KEYS[i]]);
  return h.hasil();
}

/**
 * hash53 of the values joined by US (NUL for null/undefined, as teksNilai), computed without
 * joining them: cyrb53 reads its text one character at a time, so feeding the parts in order
 * gives the same number. Small integers (answers, ages) are hashed from their digits directly.
 */
class Sidik53 {
  private h1 = 0;
  private h2 = 0;
  private awal = true;

  mulai(): void {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    this.awal = true;
  }

  private ch(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
  }

  /** The separator before a value (none before the first). */
  pisah(): void {
    if (this.awal) this.awal = false;
    else this.ch(0x1f);
  }

  teks(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** pisah() then the value, on local copies of the state (this runs ~20 times per imported row). */
  nilai(v: string | number | null | undefined): void {
    let h1 = this.h1;
    let h2 = this.h2;
    if (this.awal) this.awal = false;
    else {
      h1 = Math.imul(h1 ^ 0x1f, 2654435761);
      h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    }
    if (typeof v === 'string') {
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
    } else if (v === null || v === undefined || (v >= 0 && v <= 9 && Number.isInteger(v))) {
      const c = v === null || v === undefined ? 0 : 48 + v;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    } else {
      this.h1 = h1;
      this.h2 = h2;
      this.teks(String(v));
      return;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  hasil(): number {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

const SIDIK = new Sidik53();

/**
 * Gives rows stored without a fingerprint (before migration 7, or reset by migration 9) their
 * fingerprint, a one-off inside the caller's transaction; returns how many rows it filled. Read in
 * chunks of ids so that memory stays flat however many old rows there are.
 */
export function fillMissingSidik(db: Db): number {
  const read = db
    .prepare(`SELECT id, ${IDENTITY_SQL} FROM survey_response WHERE sidik IS NULL AND id > ? ORDER BY id LIMIT 20000`)
    .raw();
  const upd = db.prepare('UPDATE survey_baris SET sidik = ? WHERE id = ?');
  let last = 0;
  let filled = 0;
  for (;;) {
    const chunk = read.all(last) as unknown[][];
    if (chunk.length === 0) return filled;
    for (const r of chunk) upd.run(identity(r.slice(1)), r[0]);
    last = chunk[chunk.length - 1][0] as number;
    filled += chunk.length;
  }
}

/**
 * Fingerprint → row id of the first stored row with it: open addressing over two typed arrays
 * (32 MB per million stored rows, a Map of the same takes about twice that and longer to fill).
 * Fingerprints and row ids are integers below 2^53, exact in a Float64Array; id 0 marks a free slot.
 */
class SidikTabel {
  private keys: Float64Array;
  private ids: Float64Array;
  private mask: number;
  private count = 0;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.ids = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Twice the room when more rows came than the batch table said (it never stays over half full). */
  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Float64Array(ids.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (ids[i] !== 0) this.addFirst(keys[i], ids[i]);
  }

  private slot(sidik: number): number {
    const lo = sidik >>> 0;
    const hi = (sidik / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return (Math.imul(h, 0xc2b2ae35) ^ (h >>> 16)) & this.mask;
  }

  /** Keeps the id already there for a fingerprint seen before. */
  addFirst(sidik: number, id: number): void {
    if (this.count * 2 >= this.keys.length) this.grow();
    for (let i = this.slot(sidik); ; i = (i + 1) & this.mask) {
      if (this.ids[i] === 0) {
        this.keys[i] = sidik;
        this.ids[i] = id;
        this.count++;
        return;
      }
      if (this.keys[i] === sidik) return;
    }
  }

  get(sidik: number): number | undefined {
    for (let i = this.slot(sidik); ; i = (i + 1) & this.mask) {
      if (this.ids[i] === 0) return undefined;
      if (this.keys[i] === sidik) return this.ids[i];
    }
  }
}

export type IdenticalRowFinder = (r: ResponseRow, sidik: number) => { batch: number; line: number } | undefined;

/** A stored row as the finder reads it: id, batch_id, line, sidik, then BARIS_IDENTITY_SQL's values. */
type BarisBaca = unknown[];
const BACA_SQL = `id, batch_id, line, sidik, ${BARIS_IDENTITY_SQL}`;
const BACA_DARI = 4;
/** Where BarisUrut's rows say whether an earlier stored row has their day and fingerprint (1 or 0). */
const SALINAN = BACA_DARI + 10;

/**
 * Whether a stored row's BARIS_IDENTITY_SQL values (from index `from`) are those of a response,
 * compared field by field on the response itself, without building a list of its values (this
 * runs for every row of a re-export).
 */
function samaDenganBaris(stored: unknown[], from: number, r: ResponseRow, hari: HariCache): boolean {
  if (stored[from] !== (r.tanggal === null ? null : hari.get(r.tanggal))) return false;
  if (stored[from + 1] !== (r.waktu === null || r.waktu === undefined ? null : detikDariWaktu(r.waktu))) return false;
  return (
    stored[from + 2] === layananIdentitas(r) &&
    stored[from + 3] === (r.desa_teks ?? null) &&
    stored[from + 4] === (r.jenis_kelamin ?? null) &&
    stored[from + 5] === (r.usia ?? null) &&
    stored[from + 6] === (r.pendidikan ?? null) &&
    stored[from + 7] === (r.pekerjaan ?? null) &&
    stored[from + 8] === (r.saran ?? null) &&
    stored[from + 9] === kemasJawaban(r.jawaban)
  );
}

/**
 * Stored rows read through a window of consecutive rows, by id or as a cursor (the row after the
 * last one matched): a cumulative re-export repeats its earlier rows in stored order, and one read
 * of up to 1,024 rows costs less than a point query per row. The window grows while its rows are
 * asked for and shrinks to a single row (a point query) when they are not (a file sorted
 * differently). Only ids up to `maxId` (the rows stored before the import) are read.
 */
class BarisUrut {
  private win: BarisBaca[] = [];
  private pos = 0;
  private size = 16;
  private used = 0;
  /** The cursor: the id after the last row matched (0: none yet). */
  private nextId = 0;
  /** Cursor rows asked for since one last matched. */
  private misses = 0;
  private read: Stmt;
  private readonly polos: Stmt;

  constructor(
    db: Db,
    private readonly maxId: number,
  ) {
    // First with SALINAN: whether an earlier stored row has the same day and fingerprint (one
    // search of the (hari, sidik) index inside SQLite, 1.8 µs a row against 8.5 µs as a query of its own).
    const where = 'FROM survey_baris b WHERE b.id >= ? AND b.id <= ? ORDER BY b.id LIMIT ?';
    const earlier = 'EXISTS (SELECT 1 FROM survey_baris e WHERE e.hari IS b.hari AND e.sidik = b.sidik AND e.id < b.id)';
    this.read = db.prepare(`SELECT ${BACA_SQL}, ${earlier} ${where}`).raw();
    this.polos = db.prepare(`SELECT ${BACA_SQL} ${where}`).raw();
  }

  /** Rows read from now on leave SALINAN out (SalinanAwal has its list). */
  tanpaSalinan(): void {
    this.read = this.polos;
  }

  /** The first stored row at or after `id` (undefined past the last), through the window. */
  private atOrAfter(id: number): BarisBaca | undefined {
    const win = this.win;
    const last = win.length - 1;
    if (last >= 0 && id >= (win[0][0] as number) && id <= (win[last][0] as number)) {
      let i = this.pos;
      if ((win[i][0] as number) > id) i = 0; // an earlier row of the window
      while ((win[i][0] as number) < id) i++;
      this.pos = i;
      this.used++;
      return win[i];
    }
    if (id > this.maxId) return undefined;
    if (last >= 0 && id < (win[0][0] as number)) return (this.read.all(id, this.maxId, 1) as BarisBaca[])[0];
    // Ahead of the window (or none yet): a new window starting there.
    this.size = this.used * 2 >= win.length ? Math.min(1024, this.size * 2) : Math.max(1, this.size >> 1);
    this.win = this.read.all(id, this.maxId, this.size) as BarisBaca[];
    this.pos = 0;
    this.used = 1;
    return this.win[0];
  }

  /** The stored row with this id. */
  get(id: number): BarisBaca | undefined {
    const r = this.atOrAfter(id);
    return r !== undefined && r[0] === id ? r : undefined;
  }

  /**
   * The stored row after the one last matched (see after()), if any. Once the cursor has missed
   * more than 4 times in a row (a file in another order), a row outside the window is read only
   * after 8, 16, 32, … and then every 1,024 misses, not once per row.
   */
  next(): BarisBaca | undefined {
    if (this.nextId === 0) return undefined;
    const m = ++this.misses;
    const win = this.win;
    const inWindow = win.length > 0 && this.nextId >= (win[0][0] as number) && this.nextId <= (win[win.length - 1][0] as number);
    if (!inWindow && m > 4 && (m < 1024 ? (m & (m - 1)) !== 0 : (m & 1023) !== 0)) return undefined;
    return this.atOrAfter(this.nextId);
  }

  /** Moves the cursor past the stored row `id` (the one a new row matched); cursor: it was next(). */
  after(id: number, cursor = false): void {
    this.nextId = id + 1;
    if (cursor) this.misses = 0;
  }
}

/**
 * A lookup for an already stored response identical to a new one (every IDENTITY_SQL value
 * equal), among the batches stored before the lookup was made, so rows of the import in progress
 * never match themselves; null when nothing is stored. The match is always the first stored row
 * (lowest id) with those values, and a fingerprint hit is confirmed by comparing the values, so a
 * hash collision never drops a row. First asked: the stored row after the last one matched (a
 * cumulative re-export repeats rows in stored order), then one indexed search by fingerprint. Once
 * searches pass an eighth of the stored rows (a big file of mostly new rows; never when few new
 * rows are expected against many stored), every stored fingerprint is read once into a table and
 * only its hits are read back. Rows without a fingerprint (stored before migration 7, in a dry run
 * that may not fill them) are hashed from their values.
 */
export function createIdenticalRowFinder(db: Db, expectedNewRows: number): IdenticalRowFinder | null {
  // The batch table already holds the row counts: no scan of survey_baris to size it.
  const stored = db.prepare('SELECT COALESCE(SUM(rows), 0) AS n, MAX(id) AS max FROM survey_batch WHERE rows > 0').get() as { n: number; max: number | null };
  if (stored.max === null) return null;
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM survey_baris').pluck().get() as number;
  // Candidates are compared on the compact stored values (BARIS_IDENTITY_SQL), nothing decoded.
  const bySidik = db
    .prepare(`SELECT ${BACA_SQL} FROM survey_baris WHERE hari IS ? AND sidik = ? AND batch_id <= ? ORDER BY batch_id, line`)
    .raw();
  const rows = new BarisUrut(db, maxId);
  const noSidik = tanpaSidik(db);
  const copies = new SalinanAwal(db, stored.n, maxId, rows);
  const hariCache = new HariCache();
  const tabelSesudah = expectedNewRows * 6 < stored.n ? Infinity : stored.n / 8;
  let searches = 0;
  let known: SidikTabel | null = null;
  const confirmed = (id: number | undefined, r: ResponseRow) => {
    if (id === undefined) return undefined;
    const hit = rows.get(id);
    return hit && samaDenganBaris(hit, BACA_DARI, r, hariCache) ? hit : undefined;
  };
  const search = (r: ResponseRow, sidik: number) => {
    if (++searches > tabelSesudah && !known) known = sidikTabel(db, stored.n, maxId);
    const hari = r.tanggal === null ? null : hariCache.get(r.tanggal);
    // all(), not iterate(): mostly nothing comes back, and an iterator costs more to open (10,000
    // searches in 1,000,000 stored rows: 8 -> 6 µs each).
    return (bySidik.all(hari, sidik, stored.max) as BarisBaca[]).find((hit) => samaDenganBaris(hit, BACA_DARI, r, hariCache));
  };
  /** The match found some other way than by the cursor: the cursor goes on from there. */
  const from = (hit: BarisBaca | undefined) => {
    if (hit) rows.after(hit[0] as number);
    return hit;
  };
  const find = (r: ResponseRow, sidik: number): BarisBaca | undefined => {
    const oldId = noSidik.size === 0 ? undefined : noSidik.get(sidik);
    const old = confirmed(oldId, r);
    if (old) return from(old);
    const next = rows.next();
    if (next !== undefined && next[3] === sidik && samaDenganBaris(next, BACA_DARI, r, hariCache)) {
      rows.after(next[0] as number, true);
      // The first stored row with these values: a later copy of them is not.
      return copies.later(next) ? (search(r, sidik) ?? next) : next;
    }
    if (known) {
      const knownId = known.get(sidik);
      if (knownId === undefined && oldId === undefined) return undefined;
      const hit = confirmed(knownId, r);
      if (hit) return from(hit);
    }
    return from(search(r, sidik));
  };
  return (r, sidik) => {
    const hit = find(r, sidik);
    return hit && { batch: hit[1] as number, line: hit[2] as number };
  };
}

/**
 * Rows without a fingerprint, by the hash of their values (only ids are kept; a hit is read back
 * and compared). The partial index holds only such rows (none, once filled): no full scan.
 */
function tanpaSidik(db: Db): Map<number, number> {
  const noSidik = new Map<number, number>();
  const old = db.prepare(`SELECT id, ${IDENTITY_SQL} FROM survey_response WHERE sidik IS NULL ORDER BY id`).raw();
  for (const r of old.iterate() as Iterable<unknown[]>) {
    const id = identity(r.slice(1));
    if (!noSidik.has(id)) noSidik.set(id, r[0] as number);
  }
  return noSidik;
}

/**
 * Whether a stored row is a later copy of an earlier stored row with the same day and fingerprint
 * (a cursor match on it is not the first row with its values). BarisUrut's rows say so (SALINAN)
 * at first; once matches pass 1/32 of the stored rows (a big re-export), SQLite lists the
 * fingerprints more than one row of a day has in one GROUP BY over the (hari, sidik) index (180 ms
 * CPU for 1,000,000 rows, a quarter of reading every fingerprint out) and the rest is answered
 * from that list.
 */
class SalinanAwal {
  private ganda: Map<number, number> | null = null;
  private asked = 0;

  constructor(
    private readonly db: Db,
    private readonly storedRows: number,
    private readonly maxId: number,
    private readonly rows: BarisUrut,
  ) {}

  later(row: BarisBaca): boolean {
    if (this.ganda === null && ++this.asked * 32 > this.storedRows) {
      this.ganda = sidikGanda(this.db, this.maxId);
      this.rows.tanpaSalinan();
    }
    // A row read without SALINAN before the list (none should be) counts as a copy: searched.
    if (this.ganda === null) return row[SALINAN] !== 0;
    const first = this.ganda.get(row[3] as number);
    return first !== undefined && first < (row[0] as number);
  }
}

/** Each fingerprint more than one row of a day stored before the import has, with the lowest such id. */
function sidikGanda(db: Db, maxId: number): Map<number, number> {
  const ganda = new Map<number, number>();
  const q = db.prepare('SELECT sidik, MIN(id) FROM survey_baris WHERE sidik IS NOT NULL AND id <= ? GROUP BY hari, sidik HAVING COUNT(*) > 1').raw();
  for (const r of q.iterate(maxId) as Iterable<number[]>) ganda.set(r[0], Math.min(r[1], ganda.get(r[0]) ?? Infinity));
  return ganda;
}

/** Every fingerprint stored before the import with the first row id having it. */
function sidikTabel(db: Db, n: number, maxId: number): SidikTabel {
  const known = new SidikTabel(n);
  // Rows read by index, not destructured (a third faster).
  for (const r of db.prepare('SELECT sidik, id FROM survey_baris WHERE sidik IS NOT NULL AND id <= ?').raw().iterate(maxId) as Iterable<number[]>) known.addFirst(r[0], r[1]);
  return known;
}

// ---------- saved column mappings (`--profil NAMA`) ----------

export interface MappingProfil {
  nama: string;
  /** JSON: [{ target, kolom }] with kolom a header text. */
  mapping: string;
  dibuat: string;
}

export function saveMappingProfil(db: Db, nama: string, mapping: string, now = isoDateTimeLocal()): void {
  if (!nama.trim()) throw new UserError('Nama profil pemetaan tidak boleh kosong.');
  db.prepare('INSERT INTO survey_mapping_profil (nama, mapping, dibuat) VALUES (?, ?, ?) ON CONFLICT(nama) DO UPDATE SET mapping = excluded.mapping, dibuat = excluded.dibuat').run(
    nama.trim(),
    mapping,
    now,
  );
}

export function getMappingProfil(db: Db, nama: string): MappingProfil | undefined {
  return db.prepare('SELECT * FROM survey_mapping_profil WHERE nama = ? COLLATE NOCASE').get(nama.trim()) as MappingProfil | undefined;
}

export function listMappingProfil(db: Db): MappingProfil[] {
  return db.prepare('SELECT * FROM survey_mapping_profil ORDER BY nama').all() as MappingProfil[];
}

export function removeMappingProfil(db: Db, nama: string): MappingProfil {
  const p = getMappingProfil(db, nama);
  if (!p) throw new UserError(`Profil pemetaan "${nama}" tidak ditemukan.`, { hint: 'Lihat daftarnya dengan `paten survey profil`.' });
  db.prepare('DELETE FROM survey_mapping_profil WHERE nama = ?').run(p.nama);
  return p;
}

// ---------- re-matching stored answers (after an alias, desa or layanan is added) ----------

export type JenisTeks = 'desa' | 'layanan';
const TEKS_COL: Record<JenisTeks, { id: string; teks: string }> = { desa: { id: 'desa_id', teks: 'desa_teks' }, layanan: { id: 'layanan_id', teks: 'layanan_teks' } };

/** Distinct stored desa/layanan texts that matched nothing, with how many answers carry each. */
export function listTeksLepas(db: Db, jenis: JenisTeks): { teks: string; jumlah: number }[] {
  const c = TEKS_COL[jenis];
  // The WHERE repeats the partial index's condition (migration 6) so that index serves it.
  return db.prepare(`SELECT ${c.teks} AS teks, COUNT(*) AS jumlah FROM survey_baris WHERE ${c.id} IS NULL AND ${c.teks} IS NOT NULL GROUP BY ${c.teks} ORDER BY ${c.teks}`).all() as {
    teks: string;
    jumlah: number;
  }[];
}

/**
 * Links the stored unmatched answers whose text is exactly `teks` to entry `id`; returns how many
 * answers were linked. The aggregates of every touched (batch, day) are rebuilt from the stored
 * rows, so survey_agg and its monthly roll-up (migration 4's triggers follow the DELETE and INSERT)
 * and the cross-product sums (survey_agg_silang, and its monthly roll-up) end exactly as a fresh import with the alias
 * present would leave them. Runs in the caller's
 * transaction.
 */
export function tautkanTeks(db: Db, links: { jenis: JenisTeks; teks: string; id: number }[]): number {
  const cells = new Map<string, { batch: number; hari: number | null }>();
  let linked = 0;
  for (const l of links) {
    const c = TEKS_COL[l.jenis];
    const where = `${c.id} IS NULL AND ${c.teks} = ?`;
    for (const r of db.prepare(`SELECT DISTINCT batch_id, hari FROM survey_baris WHERE ${where}`).all(l.teks) as { batch_id: number; hari: number | null }[])
      cells.set(`${r.batch_id}|${r.hari ?? ''}`, { batch: r.batch_id, hari: r.hari });
    linked += db.prepare(`UPDATE survey_baris SET ${c.id} = ? WHERE ${where}`).run(l.id, l.teks).changes;
  }
  const cols = UNSUR_KEYS.flatMap((k) => [`n_${k}`, `s_${k}`]);
  const del = db.prepare('DELETE FROM survey_agg WHERE batch_id = ? AND tanggal = ?');
  // One day's rows of one batch, found through the (hari, sidik) index, read through the view.
  const hariBatch = 'id IN (SELECT id FROM survey_baris WHERE hari IS ? AND +batch_id = ?)';
  const ins = db.prepare(
    `INSERT INTO survey_agg (batch_id, tanggal, layanan_id, desa_id, responden, ${cols.join(', ')})
     SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), COALESCE(desa_id, 0), COUNT(*), ${UNSUR_KEYS.map((k) => `COUNT(u_${k}), COALESCE(SUM(u_${k}), 0)`).join(', ')}
     FROM survey_response WHERE ${hariBatch} GROUP BY COALESCE(layanan_id, 0), COALESCE(desa_id, 0)`,
  );
  const delSilang = db.prepare('DELETE FROM survey_agg_silang WHERE batch_id = ? AND tanggal = ?');
  const insSilang = db.prepare(
    `INSERT INTO survey_agg_silang (batch_id, tanggal, layanan_id, ${SILANG_COLS.join(', ')})
     SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), ${silangSql()}
     FROM survey_response WHERE ${hariBatch} GROUP BY COALESCE(layanan_id, 0)`,
  );
  const bulan = new Map<number, Set<string>>();
  for (const cell of cells.values()) {
    const tanggal = cell.hari === null ? '' : tanggalDariHari(cell.hari);
    del.run(cell.batch, tanggal);
    ins.run(cell.hari, cell.batch);
    delSilang.run(cell.batch, tanggal);
    insSilang.run(cell.hari, cell.batch);
    const set = bulan.get(cell.batch) ?? new Set<string>();
    bulan.set(cell.batch, set.add(tanggal.slice(0, 7)));
  }
  for (const [batch, set] of bulan) rekapSilangBulan(db, batch, set);
  return linked;
}

/** Stored answers linked to a layanan or a desa (said before either is removed). */
export function countLinkedAnswers(db: Db, link: { layanan_id: number } | { desa_id: number }): number {
  const [col, id] = 'layanan_id' in link ? ['layanan_id', link.layanan_id] : ['desa_id', link.desa_id];
  return db.prepare(`SELECT COUNT(*) FROM survey_baris WHERE ${col} = ?`).pluck().get(id) as number;
}

/**
 * Before a layanan or desa is removed (its answers are unlinked by ON DELETE SET NULL), each linked
 * answer keeps the name as its text, so what the answer said stays readable in the raw rows.
 */
export function keepLinkedNames(db: Db, link: { layanan_id: number; nama: string } | { desa_id: number; nama: string }): void {
  const [id, teks] = 'layanan_id' in link ? ['layanan_id', 'layanan_teks'] : ['desa_id', 'desa_teks'];
  const value = 'layanan_id' in link ? link.layanan_id : link.desa_id;
  db.prepare(`UPDATE survey_baris SET ${teks} = COALESCE(${teks}, ?) WHERE ${id} = ?`).run(link.nama, value);
}
