/**
 * Read-only queries for IKM. Totals come from survey_agg (n and Σ per unsur by batch × day ×
 * layanan × desa, kept by src/survey/store.ts), so a query over a million responses scans only the
 * aggregate rows, and the confidence interval from the cross-product sums (survey_agg_silang and
 * its monthly roll-up).
 * Raw rows are read only for the respondent profile, the saran texts and the processing sheet,
 * from survey_baris itself (never its survey_response view, whose computed tanggal no index
 * answers): the period as a range of day numbers, only the columns each read needs.
 */
import type { Db } from '../db/index.js';
import { UNSUR_KEYS } from '../skm/unsur.js';
import { emptySel, type Sel } from './hitung.js';
import { SILANG_COLS } from '../survey/silang.js';
import type { Psi } from './interval.js';
import { psiDariSilang } from './silang.js';
import { hariDariTanggal, tanggalDariHari } from '../survey/tanggal.js';
import { isValidIsoDate } from '../core/format.js';

export interface Saringan {
  dari: string;
  sampai: string;
  layananId?: number | null;
}

export type Per = 'layanan' | 'desa' | 'sumber';

export interface BarisAgregat {
  /** layanan_id / desa_id (0 = unknown) or the batch's sumber; null without --per. */
  kelompok: number | string | null;
  /** "YYYY-MM", or null when not grouped by month. */
  bulan: string | null;
  sel: Sel;
}

const SUMS = UNSUR_KEYS.map((k) => `SUM(a.n_${k}), SUM(a.s_${k})`).join(', ');

function where(f: Saringan, alias: string, col = 'tanggal'): { sql: string; params: unknown[] } {
  const bulanan = col === 'bulan';
  const params: unknown[] = bulanan ? [f.dari.slice(0, 7), f.sampai.slice(0, 7)] : [f.dari, f.sampai];
  let sql = `${alias}.${col} BETWEEN ? AND ?`;
  if (f.layananId !== undefined && f.layananId !== null) {
    sql += ` AND ${alias}.layanan_id = ?`;
    params.push(f.layananId);
  }
  return { sql, params };
}

/** True when the period is made of whole calendar months (then the monthly roll-up answers it). */
export function bulanPenuh(f: Pick<Saringan, 'dari' | 'sampai'>): boolean {
  if (!f.dari.endsWith('-01')) return false;
  const y = Number(f.sampai.slice(0, 4));
  const m = Number(f.sampai.slice(5, 7));
  return Number(f.sampai.slice(8, 10)) === new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * n and Σ per unsur in a period, optionally grouped by layanan/desa/sumber and by month. Whole
 * months are read from the monthly roll-up (survey_agg_bulan, migration 4), other ranges from the
 * daily survey_agg.
 */
export function agregat(db: Db, f: Saringan, opts: { per?: Per | null; bulan?: boolean } = {}): BarisAgregat[] {
  const bulanan = bulanPenuh(f);
  const table = bulanan ? 'survey_agg_bulan' : 'survey_agg';
  const col = bulanan ? 'bulan' : 'tanggal';
  const cols: string[] = [];
  let join = '';
  if (opts.per === 'layanan') cols.push('a.layanan_id');
  else if (opts.per === 'desa') cols.push('a.desa_id');
  else if (opts.per === 'sumber') {
    cols.push("COALESCE(NULLIF(b.sumber, ''), b.file_name)");
    join = ' JOIN survey_batch b ON b.id = a.batch_id';
  }
  if (opts.bulan) cols.push(bulanan ? 'a.bulan' : 'substr(a.tanggal, 1, 7)');
  const w = where(f, 'a', col);
  const sql =
    `SELECT ${cols.length ? cols.join(', ') + ', ' : ''}SUM(a.responden), ${SUMS} FROM ${table} a${join} WHERE ${w.sql}` +
    (cols.length ? ` GROUP BY ${cols.map((_, i) => i + 1).join(', ')}` : '');
  const rows = db.prepare(sql).raw().all(...w.params) as (number | string | null)[][];
  const out: BarisAgregat[] = [];
  for (const r of rows) {
    let i = 0;
    const kelompok = opts.per ? (r[i++] as number | string) : null;
    const bulan = opts.bulan ? (r[i++] as string) : null;
    const responden = Number(r[i++] ?? 0);
    if (!responden) continue;
    const sel = emptySel();
    sel.responden = responden;
    for (let u = 0; u < 9; u++) {
      sel.n[u] = Number(r[i++] ?? 0);
      sel.s[u] = Number(r[i++] ?? 0);
    }
    out.push({ kelompok, bulan, sel });
  }
  return out;
}

/** Years that have dated responses, ascending. */
export function tahunTersedia(db: Db): number[] {
  return (db.prepare("SELECT DISTINCT substr(bulan, 1, 4) FROM survey_agg_bulan WHERE bulan <> '' ORDER BY 1").pluck().all() as string[]).map(Number);
}

/** Responses without a date (never counted in a period). */
export function jumlahTanpaTanggal(db: Db): number {
  return Number(db.prepare("SELECT COALESCE(SUM(responden), 0) FROM survey_agg_bulan WHERE bulan = ''").pluck().get());
}

/** Σ per year over every year in the database (trend). */
export function agregatPerTahun(db: Db, layananId?: number | null): { tahun: number; sel: Sel }[] {
  const rows = agregat(db, { dari: '0000-01-01', sampai: '9999-12-31', layananId }, { bulan: true });
  const byYear = new Map<number, Sel>();
  for (const r of rows) {
    const y = Number(r.bulan!.slice(0, 4));
    const sel = byYear.get(y) ?? emptySel();
    sel.responden += r.sel.responden;
    for (let u = 0; u < 9; u++) {
      sel.n[u] += r.sel.n[u];
      sel.s[u] += r.sel.s[u];
    }
    byYear.set(y, sel);
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([tahun, sel]) => ({ tahun, sel }));
}

const SILANG_SUMS = SILANG_COLS.map((c) => `COALESCE(SUM(a.${c}), 0)`).join(', ');

/**
 * Σ ψ² for the confidence interval (src/ikm/interval.ts) of the period whose n/Σ is `sel`, from
 * the cross-product sums, never the raw rows: whole months from the monthly roll-up
 * (survey_agg_silang_bulan, migration 13; a year is a few hundred rows), other ranges per day ×
 * layanan (survey_agg_silang).
 */
export function jumlahPsiKuadrat(db: Db, f: Saringan, sel: Sel): Psi {
  const bulanan = bulanPenuh(f);
  const w = where(f, 'a', bulanan ? 'bulan' : 'tanggal');
  const table = bulanan ? 'survey_agg_silang_bulan' : 'survey_agg_silang';
  const row = db.prepare(`SELECT ${SILANG_SUMS} FROM ${table} a WHERE ${w.sql}`).raw().get(...w.params) as number[];
  return psiDariSilang(sel, row);
}

export type Karakteristik = 'jenis_kelamin' | 'usia' | 'pendidikan' | 'pekerjaan' | 'layanan' | 'desa';

/**
 * The stored rows of a period (survey_baris b): the view's `tanggal BETWEEN dari AND sampai` as a
 * range of day numbers, which survey_baris_hari_sidik answers (hari is its first column); undated
 * rows (hari NULL) are in no range. `pindai` allows, when the period holds at least half of the
 * stored rows, reading the whole table in storage order instead (`+b.hari`: the same value, which
 * no index answers): following the index reads the table in day order, up to one page read per
 * row when the rows were not imported in date order, about twice as slow over most of the table.
 * `urut` is the date order (day, then id) in the form that matches the chosen plan.
 */
function whereBaris(db: Db, f: Saringan, pindai: boolean): { sql: string; params: unknown[]; urut: string } {
  if (!isValidIsoDate(f.dari) || !isValidIsoDate(f.sampai)) throw new Error(`not a date range: ${f.dari} – ${f.sampai}`);
  const hari = pindai && sebagianBesar(db, f) ? '+b.hari' : 'b.hari';
  let sql = `${hari} BETWEEN ? AND ?`;
  const params: unknown[] = [hariDariTanggal(f.dari), hariDariTanggal(f.sampai)];
  if (f.layananId !== undefined && f.layananId !== null) {
    sql += ' AND b.layanan_id = ?';
    params.push(f.layananId);
  }
  return { sql, params, urut: `${hari}, b.id` };
}

/** True when the months of the period hold at least half of the stored rows (from the monthly roll-up). */
function sebagianBesar(db: Db, f: Saringan): boolean {
  const [dalam, semua] = db
    .prepare('SELECT COALESCE(SUM(CASE WHEN bulan BETWEEN ? AND ? THEN responden END), 0), COALESCE(SUM(responden), 0) FROM survey_agg_bulan')
    .raw()
    .get(f.dari.slice(0, 7), f.sampai.slice(0, 7)) as [number, number];
  return 2 * Number(dalam) >= Number(semua);
}

const NILAI_KARAKTERISTIK: Record<Karakteristik, string> = {
  jenis_kelamin: "NULLIF(trim(b.jenis_kelamin), '')",
  usia: `CASE WHEN b.usia IS NULL THEN NULL WHEN b.usia < 20 THEN 'a' WHEN b.usia < 30 THEN 'b' WHEN b.usia < 40 THEN 'c'
         WHEN b.usia < 50 THEN 'd' WHEN b.usia < 60 THEN 'e' ELSE 'f' END`,
  pendidikan: "NULLIF(trim(b.pendidikan), '')",
  pekerjaan: "NULLIF(trim(b.pekerjaan), '')",
  // The id, named after the read (below), or the text that matched none.
  layanan: "COALESCE(b.layanan_id, NULLIF(trim(b.layanan_teks), ''))",
  desa: "COALESCE(b.desa_id, NULLIF(trim(b.desa_teks), ''))",
};

/** The registries that name layanan_id / desa_id, and the value with the name joined in SQL. */
const NAMA_KARAKTERISTIK: Partial<Record<Karakteristik, { nama: string; dengan: string; join: string }>> = {
  layanan: { nama: 'SELECT id, nama FROM layanan', dengan: "COALESCE(l.nama, NULLIF(trim(b.layanan_teks), ''))", join: ' LEFT JOIN layanan l ON l.id = b.layanan_id' },
  desa: { nama: 'SELECT id, nama FROM desa', dengan: "COALESCE(d.nama, NULLIF(trim(b.desa_teks), ''))", join: ' LEFT JOIN desa d ON d.id = b.desa_id' },
};

export interface Sebaran {
  nilai: string | null;
  jumlah: number;
}

/**
 * Respondent counts per value of each characteristic in `ks`, all in one read of the period's raw
 * rows: most frequent first, equal counts by value (SQLite's binary order, unknown first). Unknown
 * values come as null. Counted here while the rows are read, not with GROUP BY: SQLite would sort
 * every row of the period first, and its sorter holds tens of MB at a million rows; the values per
 * characteristic are few.
 */
export function sebaranSemua(db: Db, f: Saringan, ks: readonly Karakteristik[]): Map<Karakteristik, Sebaran[]> {
  const w = whereBaris(db, f, true);
  const counts = hitungNilai(db, `SELECT ${ks.map((k) => NILAI_KARAKTERISTIK[k]).join(', ')} FROM survey_baris b WHERE ${w.sql}`, w.params, ks.length);
  const out = new Map<Karakteristik, Sebaran[]>();
  ks.forEach((k, i) => {
    let c = counts[i];
    const n = NAMA_KARAKTERISTIK[k];
    if (n) {
      // Ids counted, then named: a join per row costs a third of the read. An id its registry
      // lacks (a row edited outside paten) is counted again the way the join names it.
      const nama = new Map(db.prepare(n.nama).raw().all() as [number, string][]);
      const named = new Map<string | null, number>();
      for (const [v, j] of c) {
        const key = typeof v === 'number' ? nama.get(v) : v;
        if (key === undefined) {
          c = hitungNilai(db, `SELECT ${n.dengan} FROM survey_baris b${n.join} WHERE ${w.sql}`, w.params, 1)[0];
          break;
        }
        named.set(key, (named.get(key) ?? 0) + j);
      }
      if (c === counts[i]) c = named;
    }
    out.set(k, urutSebaran(c));
  });
  return out;
}

/** How often each value of each of the `n` columns of `sql` occurs (numbers kept as numbers). */
function hitungNilai(db: Db, sql: string, params: unknown[], n: number): Map<string | number | null, number>[] {
  const counts = Array.from({ length: n }, () => new Map<string | number | null, number>());
  for (const r of db.prepare(sql).raw().iterate(...params) as Iterable<(string | number | null)[]>)
    for (let i = 0; i < n; i++) {
      const c = counts[i];
      c.set(r[i], (c.get(r[i]) ?? 0) + 1);
    }
  return counts;
}

/** Most frequent first, equal counts by value in SQLite's binary order, unknown (null) first. */
function urutSebaran(c: Map<string | number | null, number>): Sebaran[] {
  const binary = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return [...c]
    .map(([v, jumlah]) => ({ nilai: v === null ? null : String(v), jumlah }))
    .sort((a, b) => b.jumlah - a.jumlah || binary(a.nilai, b.nilai));
}

/** sebaranSemua of one characteristic. */
export function sebaran(db: Db, f: Saringan, k: Karakteristik): Sebaran[] {
  return sebaranSemua(db, f, [k]).get(k)!;
}

export const KELOMPOK_USIA: Record<string, string> = {
  a: 'Di bawah 20 tahun',
  b: '20–29 tahun',
  c: '30–39 tahun',
  d: '40–49 tahun',
  e: '50–59 tahun',
  f: '60 tahun ke atas',
};

const ADA_SARAN = "b.saran IS NOT NULL AND trim(b.saran) <> ''";

/** Non-empty saran/masukan texts in the period, in date order. */
export function daftarSaran(db: Db, f: Saringan): { tanggal: string | null; saran: string }[] {
  const w = whereBaris(db, f, true);
  const tanggal = new TanggalHari();
  const out: { tanggal: string | null; saran: string }[] = [];
  const stmt = db.prepare(`SELECT b.hari, trim(b.saran) FROM survey_baris b WHERE ${w.sql} AND ${ADA_SARAN} ORDER BY ${w.urut}`).raw();
  for (const [hari, saran] of stmt.iterate(...w.params) as Iterable<[number, string]>) out.push({ tanggal: tanggal.dari(hari), saran });
  return out;
}

/**
 * The same texts as daftarSaran, read one at a time (a year can hold hundreds of thousands): the
 * connection is busy until the iteration ends. Over most of the table SQLite sorts the saran rows
 * only (a fifth of the rows, their texts), not every row.
 */
export function* teksSaran(db: Db, f: Saringan): Generator<string> {
  const w = whereBaris(db, f, true);
  yield* db.prepare(`SELECT trim(b.saran) FROM survey_baris b WHERE ${w.sql} AND ${ADA_SARAN} ORDER BY ${w.urut}`).pluck().iterate(...w.params) as Iterable<string>;
}

/** YYYY-MM-DD of day numbers read in day order: each day's text made once. */
class TanggalHari {
  private hari = NaN;
  private tanggal = '';

  dari(hari: number): string {
    if (hari !== this.hari) {
      this.hari = hari;
      this.tanggal = tanggalDariHari(hari);
    }
    return this.tanggal;
  }
}

/** First and last response date in the period. */
export function rentangTanggal(db: Db, f: Saringan): { awal: string; akhir: string } {
  const w = where(f, 'a');
  const [awal, akhir] = db.prepare(`SELECT MIN(a.tanggal), MAX(a.tanggal) FROM survey_agg a WHERE ${w.sql}`).raw().get(...w.params) as [string, string];
  return { awal, akhir };
}

export interface JawabanResponden {
  tanggal: string;
  layanan: string | null;
  /** Definition order; null = blank. */
  nilai: (number | null)[];
}

/**
 * Every respondent's answers in the period, for the processing sheet, read one at a time (a year
 * can hold a million): the connection is busy until the iteration ends. Always through the day
 * index, whose order needs SQLite to sort one day's rows at a time only (by id): sorting the whole
 * period would hold tens of MB. The answers are unpacked here (3 bits per unsur in definition
 * order, migration 14) and the layanan named from its table, read once.
 */
export function* jawabanResponden(db: Db, f: Saringan): Generator<JawabanResponden> {
  const w = whereBaris(db, f, false);
  const nama = new Map(db.prepare('SELECT id, nama FROM layanan').raw().all() as [number, string][]);
  const tanggal = new TanggalHari();
  const stmt = db.prepare(`SELECT b.hari, b.layanan_id, b.layanan_teks, b.jawaban FROM survey_baris b WHERE ${w.sql} ORDER BY ${w.urut}`).raw();
  for (const [hari, layananId, teks, jawaban] of stmt.iterate(...w.params) as Iterable<[number, number | null, string | null, number]>) {
    const nilai: (number | null)[] = new Array(UNSUR_KEYS.length);
    for (let u = 0; u < UNSUR_KEYS.length; u++) nilai[u] = (jawaban >> (3 * u)) & 7 || null;
    yield { tanggal: tanggal.dari(hari), layanan: (layananId === null ? undefined : nama.get(layananId)) ?? teks, nilai };
  }
}

/**
 * n and Σ per unsur of one year by day × layanan_id × desa_id (0 = unknown), in key order: the
 * content of a kecamatan packet (src/kabupaten/paket.ts). Reads survey_agg only, never raw rows.
 */
export function agregatHarian(db: Db, tahun: number): { tanggal: string; layanan_id: number; desa_id: number; sel: Sel }[] {
  const stmt = db
    .prepare(
      `SELECT a.tanggal, a.layanan_id, a.desa_id, SUM(a.responden), ${SUMS} FROM survey_agg a
       WHERE a.tanggal BETWEEN ? AND ? GROUP BY 1, 2, 3 HAVING SUM(a.responden) > 0 ORDER BY 1, 2, 3`,
    )
    .raw();
  // Iterated, not .all(): a year is up to days × layanan × desa rows (about 100,000), and their
  // raw arrays need not all exist next to the objects made from them.
  const out: { tanggal: string; layanan_id: number; desa_id: number; sel: Sel }[] = [];
  for (const r of stmt.iterate(`${tahun}-01-01`, `${tahun}-12-31`) as Iterable<number[]>) {
    const sel = emptySel();
    sel.responden = Number(r[3]);
    for (let u = 0; u < 9; u++) {
      sel.n[u] = Number(r[4 + 2 * u] ?? 0);
      sel.s[u] = Number(r[5 + 2 * u] ?? 0);
    }
    out.push({ tanggal: String(r[0]), layanan_id: Number(r[1]), desa_id: Number(r[2]), sel });
  }
  return out;
}
