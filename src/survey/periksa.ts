/**
 * The row-checking stage of `paten survey import`: turns each record of a mapped table (values and
 * the line they start on) into a ResponseRow, checking every answer against its unsur's labels and
 * every date, and keeps the per-file tallies (answer counts, unmatched desa/layanan, the answer
 * scale) that the import report shows. It stores nothing: the caller decides what to do with a row.
 * One checker per table; its caches stay bounded so memory is flat in the file size.
 */
import { columnLetters, type InputProblem, type ProblemList } from '../core/errors.js';
import { formatAngka } from '../core/format.js';
import { kodeUnsur, normalisasiLabel, unsur, UNSUR_KEYS, type UnsurKey, type UrutanUnsur } from '../skm/unsur.js';
import { TeksLepas, type Pencocok, type TeksTidakCocok } from './cocok.js';
import { blankToNull, DI_LUAR, KOSONG, normalJenisKelamin, parseJawaban, parseUsia } from './jawaban.js';
import { isLabelRekap } from './judul.js';
import { pendek, type KolomPeta, type Target } from './mapping.js';
import type { ResponseRow } from './store.js';
import { parseStempel, tanggalKosong, type StempelOpsi, type UrutanTanggal } from './tanggal.js';
import { TanggalJanggal } from './wajar.js';

export const URUTAN_NAMA: Record<UrutanTanggal, string> = { dmy: 'hari/bulan/tahun', mdy: 'bulan/hari/tahun' };

/** Distinct unmatched texts kept for the report; per-value caches are cleared beyond CACHE_MAX. */
export const UNMATCHED_LIMIT = 1000;
const CACHE_MAX = 4096;

/** Remembers a value in a per-column cache whose size stays bounded (memory flat in the file size). */
function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_MAX) map.clear();
  map.set(key, value);
  return value;
}

/** Every cell blank (spaces only). */
function kosongSemua(values: string[]): boolean {
  for (const v of values) if (v !== '' && v.trim() !== '') return false;
  return true;
}

/**
 * The parsed answers of one unsur column by raw text. A column holds a handful of distinct texts
 * (its four labels, a blank): comparing a cell with the few seen so far is cheaper than hashing it
 * for a Map, which takes over past SEDIKIT distinct texts (bounded like the other caches).
 */
const SEDIKIT = 8;
class JawabanKolom {
  private readonly teks: string[] = [];
  private readonly nilai: number[] = [];
  private readonly lain = new Map<string, number>();

  constructor(readonly key: UnsurKey) {}

  get(raw: string): number {
    const teks = this.teks;
    for (let i = 0; i < teks.length; i++) if (teks[i] === raw) return this.nilai[i];
    let v = this.lain.get(raw);
    if (v !== undefined) return v;
    v = parseJawaban(this.key, raw);
    if (teks.length < SEDIKIT) {
      teks.push(raw);
      this.nilai.push(v);
    } else remember(this.lain, raw, v);
    return v;
  }
}

/** Adds a problem that explains the others at the top of the list (it must not fall past the limit). */
function addFirst(problems: ProblemList, p: InputProblem): void {
  problems.add(p);
  const i = problems.items.indexOf(p);
  if (i > 0) problems.items.splice(i, 1);
  if (i !== 0) {
    problems.items.unshift(p);
    if (problems.items.length > problems.limit) problems.items.pop();
  }
}

/** What the checker needs to know about the table it reads. */
export interface TableShape {
  /** File name used in messages. */
  name: string;
  /** Sheet name of a workbook (messages then say `lembar "X", sel F12`), null for CSV. */
  lembar: string | null;
  header: string[];
  headerLine: number;
  kolom: KolomPeta[];
  urutanUnsur: UrutanUnsur;
  urutanTanggal: UrutanTanggal;
  /** The date column holds UTC (Kobo `_submission_time`): its times are converted to WIB. */
  tanggalUtc?: boolean;
}

export interface CheckContext {
  problems: ProblemList;
  cocokLayanan: Pencocok;
  cocokDesa: Pencocok;
  /** Layanan for rows whose file has no layanan column or a blank cell. */
  layananDefault: { id: number; nama: string } | null;
  /** Date (YYYY-MM-DD) for rows with no date of their own (--tanggal), or null. */
  tanggalDefault: string | null;
}

/** Rows that are not respondents: skipped, counted and listed (a few lines each). */
export interface BarisDilewati {
  jumlah: number;
  contoh: { baris: number; teks: string }[];
}

const CONTOH_MAX = 10;

/** The per-table tallies of a finished check, in the import report's shape. */
export interface CheckSummary {
  baris: number;
  periode: { dari: string; sampai: string } | null;
  jawaban: Record<UnsurKey, { '1': number; '2': number; '3': number; '4': number; kosong: number }>;
  layanan_cocok: number;
  /** Every distinct unmatched text with its count and the closest known name. */
  layanan_tidak_cocok: TeksTidakCocok[];
  desa_tidak_cocok: TeksTidakCocok[];
  /** Rows with every unsur blank (a respondent who opened the form and left). */
  baris_kosong: BarisDilewati;
  /** Computed rows of a rekap sheet (JUMLAH, NRR, IKM, MUTU…). */
  baris_rekap: BarisDilewati;
  /** Rows given the --tanggal date. */
  baris_tanpa_tanggal: number;
  peringatan: string[];
}

interface ScaleTally {
  /** Numeric answers 5 or 6 (a 1–5/1–6 scale), the first of them, the largest number seen. */
  n56: number;
  first: InputProblem | null;
  max: number;
  /** Answers "Sangat tidak …", the bottom of a five-option scale. */
  sangatTidak: number;
  /** Numbers above 6 or 0 (an old 1–10 form typed in, a typo) and the first of them. */
  nLuar: number;
  firstLuar: InputProblem | null;
}

/** "baris 4, kolom 6" in a CSV file, "sel F4" in a sheet. */
function tempat(p: InputProblem): string {
  if (p.sheet !== undefined && typeof p.column === 'number') return `sel ${columnLetters(p.column)}${p.line}`;
  return `baris ${p.line}, kolom ${p.column}`;
}

const IKM_SKALA =
  'IKM menurut PermenPANRB 14/2017 didefinisikan pada skala 1–4, jadi paten tidak mengubah skala diam-diam. ' +
  'Gunakan kuesioner 4 pilihan (a–d / 1–4) atau ubah jawabannya ke skala 1–4 sebelum diimpor';

/**
 * Checks the records of one table. check() returns the row (a reused object: copy what you keep)
 * or null when the record is blank, malformed or has problems; finish() ends the file-level
 * checks (the answer scale, a truncated last row) and returns the tallies.
 */
export class RowChecker {
  private readonly problems: ProblemList;
  private readonly width: number;
  private readonly idx: Record<Target, number>;
  private readonly unsurCols: { key: UnsurKey; index: number; cache: JawabanKolom }[];
  private readonly lastUnsurColumn: number;
  private readonly counts = Object.fromEntries(UNSUR_KEYS.map((k) => [k, [0, 0, 0, 0, 0]])) as Record<UnsurKey, number[]>;
  private readonly scale: ScaleTally[] = UNSUR_KEYS.map(() => ({ n56: 0, first: null, max: 0, sangatTidak: 0, nLuar: 0, firstLuar: null }));
  private readonly layananTidak: TeksLepas;
  private readonly desaTidak: TeksLepas;
  private readonly jkCache = new Map<string, string | null>();
  private readonly usiaCache = new Map<string, number | null | undefined>();
  private readonly row: ResponseRow = { line: 0, tanggal: null, jawaban: {} };
  private layananCocok = 0;
  private usiaTeks = 0;
  private rows = 0;
  private dari: string | null = null;
  private sampai: string | null = null;
  private shortRow: { line: number; n: number } | null = null;
  private readonly stempelOpsi: StempelOpsi;
  private readonly kosong: BarisDilewati = { jumlah: 0, contoh: [] };
  private readonly rekap: BarisDilewati = { jumlah: 0, contoh: [] };
  private tanpaTanggal = 0;
  /** Rows with a blank date cell and no --tanggal. */
  private tanggalTidakAda = 0;
  /** Dates after today or before 2000: warned, not refused. */
  private readonly janggal = new TanggalJanggal();
  /** Columns left of the first unsur column that are not profile fields: where a rekap row's label sits. */
  private readonly labelCols: number[];

  constructor(
    private readonly t: TableShape,
    private readonly ctx: CheckContext,
  ) {
    this.problems = ctx.problems;
    this.layananTidak = new TeksLepas(ctx.cocokLayanan, UNMATCHED_LIMIT);
    this.desaTidak = new TeksLepas(ctx.cocokDesa, UNMATCHED_LIMIT);
    this.width = t.header.length;
    const col = (target: Target) => t.kolom.find((k) => k.target === target)?.index ?? -1;
    this.idx = Object.fromEntries(
      (['tanggal', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'layanan', 'desa', 'saran', ...UNSUR_KEYS] as Target[]).map((k) => [k, col(k)]),
    ) as Record<Target, number>;
    this.unsurCols = UNSUR_KEYS.map((key) => ({ key, index: this.idx[key], cache: new JawabanKolom(key) }));
    this.lastUnsurColumn = Math.max(...this.unsurCols.map((u) => u.index));
    this.stempelOpsi = { utc: t.tanggalUtc === true };
    const firstUnsur = Math.min(...this.unsurCols.map((u) => u.index));
    const profil = new Set(['layanan', 'desa', 'saran', 'usia'].map((k) => this.idx[k as Target]));
    this.labelCols = [...Array(Math.max(0, firstUnsur)).keys()].filter((i) => !profil.has(i));
  }

  /** A problem's place in the file (sheet and cell for a workbook). */
  private where(line: number, column?: number): Pick<InputProblem, 'file' | 'sheet' | 'line' | 'column'> {
    const p: Pick<InputProblem, 'file' | 'sheet' | 'line' | 'column'> = { file: this.t.name, line };
    if (this.t.lembar !== null) p.sheet = this.t.lembar;
    if (column !== undefined) p.column = column;
    return p;
  }

  private static note(list: BarisDilewati, line: number, teks: string): void {
    list.jumlah++;
    if (list.contoh.length < CONTOH_MAX) list.contoh.push({ baris: line, teks: pendek(teks, 40) });
  }

  /** The label of a rekap sheet's computed row (JUMLAH, NRR, IKM…), or null for a respondent's row. */
  private labelRekap(values: string[]): string | null {
    for (const i of this.labelCols) {
      const v = (values[i] ?? '').trim();
      if (v === '') continue;
      return isLabelRekap(v) ? v : null;
    }
    return null;
  }

  private pushShort(truncated: boolean): void {
    if (!this.shortRow) return;
    const { line, n } = this.shortRow;
    this.problems.add({ ...this.where(line), message: `baris ini berisi ${n} kolom, sedangkan judul berisi ${this.width} kolom${truncated ? ' (baris terakhir terpotong?)' : ''}` });
    this.shortRow = null;
  }

  /** False when the record's width does not fit the header (the problem is recorded). */
  private fitWidth(values: string[], line: number): boolean {
    const width = this.width;
    // A sheet has no trailing delimiters: its empty cells at the end of a row are simply blank.
    if (this.t.lembar !== null) while (values.length < width) values.push('');
    // Hand-edited sheets often drop trailing empty cells (no ";" for a blank saran): when every
    // unsur answer is present, the missing cells are blank, not a broken row.
    if (values.length < width && values.length >= this.lastUnsurColumn + 1) while (values.length < width) values.push('');
    if (values.length === width) return true;
    for (let i = width; i < values.length; i++)
      if (values[i].trim() !== '') {
        this.problems.add({ ...this.where(line), message: `baris ini berisi ${values.length} kolom, sedangkan judul berisi ${width} kolom` });
        return false;
      }
    if (values.length > width) return true;
    this.shortRow = { line, n: values.length };
    return false;
  }

  check(values: string[], line: number): ResponseRow | null {
    if (line <= this.t.headerLine) return null;
    if (kosongSemua(values)) return null;
    const rekap = this.labelRekap(values);
    if (rekap !== null) {
      RowChecker.note(this.rekap, line, rekap);
      return null;
    }
    this.pushShort(false);
    if (!this.fitWidth(values, line)) return null;
    if (this.tanpaJawaban(values)) {
      // Not a respondent: someone who opened the form and left, or a signature line under a sheet.
      RowChecker.note(this.kosong, line, values.find((v) => v.trim() !== '') ?? '');
      return null;
    }
    this.rows++;
    const before = this.problems.total;
    const row = this.row;
    row.line = line;
    this.readTanggal(values, line);
    this.readJawaban(values, line);
    this.readProfil(values);
    this.readLayananDesa(values, line);
    return this.problems.total === before ? row : null;
  }

  /** Every unsur cell blank or "-". */
  private tanpaJawaban(values: string[]): boolean {
    for (const c of this.unsurCols) {
      const v = values[c.index];
      if (v !== undefined && v !== '' && v !== '-' && v.trim() !== '' && v.trim() !== '-') return false;
    }
    return true;
  }

  private readTanggal(values: string[], line: number): void {
    const row = this.row;
    row.tanggal = null;
    row.waktu = null;
    const i = this.idx.tanggal;
    const raw = i < 0 ? '' : values[i];
    if (tanggalKosong(raw)) {
      // blank, "-" or MySQL's 0000-00-00: an undated row, unless --tanggal gives it a date
      if (this.ctx.tanggalDefault !== null) {
        row.tanggal = this.ctx.tanggalDefault;
        this.tanpaTanggal++;
        this.span(row.tanggal);
      } else if (i >= 0) this.tanggalTidakAda++;
      return;
    }
    const order = this.t.urutanTanggal;
    const s = parseStempel(raw, order, this.stempelOpsi);
    if (!s) {
      const other = order === 'dmy' ? 'mdy' : 'dmy';
      const hint = parseStempel(raw, other, this.stempelOpsi) ? ` sebagai ${URUTAN_NAMA[order]}; terbaca bila ${URUTAN_NAMA[other]} (pilih dengan --format-tanggal ${other})` : '';
      this.problems.add({ ...this.where(line, i + 1), message: `tanggal "${pendek(raw, 40)}" tidak dapat dibaca${hint}` });
      return;
    }
    row.tanggal = s.tanggal;
    row.waktu = s.waktu;
    this.span(s.tanggal);
    this.janggal.periksa(s.tanggal, line);
  }

  private span(tanggal: string): void {
    if (this.dari === null || tanggal < this.dari) this.dari = tanggal;
    if (this.sampai === null || tanggal > this.sampai) this.sampai = tanggal;
  }

  private readJawaban(values: string[], line: number): void {
    const jawaban = this.row.jawaban;
    const urutan = this.t.urutanUnsur;
    for (let u = 0; u < 9; u++) {
      const c = this.unsurCols[u];
      const raw = values[c.index];
      const v = c.cache.get(raw);
      if (v >= 1 && v <= 4) {
        jawaban[c.key] = v;
        this.counts[c.key][v]++;
        continue;
      }
      jawaban[c.key] = null;
      if (v === KOSONG) {
        this.counts[c.key][0]++;
        continue;
      }
      const where = this.where(line, c.index + 1);
      const label = `${kodeUnsur(c.key, urutan)} ${unsur(c.key).singkat}`;
      if (v >= DI_LUAR) {
        const n = v - DI_LUAR;
        const sc = this.scale[u];
        if (n > sc.max) sc.max = n;
        const p = { ...where, message: `nilai "${raw.trim()}" untuk ${label} di luar skala 1–4` };
        if (n === 5 || n === 6) {
          sc.n56++;
          sc.first ??= p;
          continue; // decided after the whole file: a 1–5/1–6 scale, or single bad values
        }
        sc.nLuar++;
        sc.firstLuar ??= p;
        this.problems.add(p);
      } else {
        // "Sangat tidak …" is the bottom of a five-option scale, which the regulation does not use.
        if (/^sangat tidak\b/.test(normalisasiLabel(raw).teks)) this.scale[u].sangatTidak++;
        const labels = unsur(c.key).label.map((l) => `"${l}"`).join(', ');
        this.problems.add({ ...where, message: `jawaban "${pendek(raw.trim(), 50)}" bukan label ${label} (yang dikenal: ${labels}, atau 1–4, a–d)` });
      }
    }
  }

  private readProfil(values: string[]): void {
    const row = this.row;
    const { jenis_kelamin: iJk, usia: iUsia, pendidikan: iPend, pekerjaan: iPek, saran: iSaran } = this.idx;
    if (iJk >= 0) {
      const raw = values[iJk];
      let jk = this.jkCache.get(raw);
      if (jk === undefined) jk = remember(this.jkCache, raw, raw.trim() === '' ? null : normalJenisKelamin(raw));
      row.jenis_kelamin = jk;
    } else row.jenis_kelamin = null;
    if (iUsia >= 0) {
      const raw = values[iUsia];
      let usia = this.usiaCache.get(raw);
      if (usia === undefined && !this.usiaCache.has(raw)) usia = remember(this.usiaCache, raw, parseUsia(raw));
      if (usia === undefined) this.usiaTeks++;
      row.usia = usia ?? null;
    } else row.usia = null;
    row.pendidikan = iPend >= 0 ? blankToNull(values[iPend]) : null;
    row.pekerjaan = iPek >= 0 ? blankToNull(values[iPek]) : null;
    row.saran = iSaran >= 0 ? blankToNull(values[iSaran]) : null;
  }

  private readLayananDesa(values: string[], line: number): void {
    const row = this.row;
    const { layanan: iLay, desa: iDesa } = this.idx;
    const lt = iLay >= 0 ? blankToNull(values[iLay]) : null;
    row.layanan_teks = lt;
    row.layanan_id = null;
    if (lt !== null) {
      row.layanan_id = this.ctx.cocokLayanan.cocok(lt);
      if (row.layanan_id === null) {
        this.layananTidak.add(lt, line);
      } else this.layananCocok++;
    } else if (this.ctx.layananDefault) {
      // A sheet named after a layanan, or --layanan.
      row.layanan_id = this.ctx.layananDefault.id;
      this.layananCocok++;
    }
    const dt = iDesa >= 0 ? blankToNull(values[iDesa]) : null;
    row.desa_teks = dt;
    row.desa_id = dt === null ? null : this.ctx.cocokDesa.cocok(dt);
    if (dt !== null && row.desa_id === null) {
      this.desaTidak.add(dt, line);
    }
  }

  /** A 1–5 or 1–6 scale is refused as a whole, with an explanation, never rescaled. */
  private checkScale(): void {
    const scale = this.scale;
    const problems = this.problems;
    const scaleCols = scale.filter((s) => s.n56 > 0);
    const max = Math.max(...scale.map((s) => s.max));
    const labelCols = scale.filter((s) => s.sangatTidak > 0).length;
    if (labelCols >= 2)
      addFirst(problems, {
        file: this.t.name,
        message: `jawaban "Sangat tidak …" ada di ${labelCols} kolom unsur: kuesioner ini tampaknya memakai 5 pilihan jawaban. ${IKM_SKALA}`,
      });
    if (scaleCols.length >= 2 && max <= 6) {
      const first = scaleCols[0].first!;
      addFirst(problems, {
        file: this.t.name,
        message:
          `berkas ini memakai skala 1–${max} (nilai ${max === 6 ? '5 atau 6' : '5'} ada di ${scaleCols.length} kolom unsur, ` +
          `${scaleCols.reduce((a, s) => a + s.n56, 0)} jawaban; pertama di ${tempat(first)}). ${IKM_SKALA}`,
      });
    } else
      for (const s of scaleCols) {
        problems.add(s.first!);
        if (s.n56 > 1) problems.add({ ...s.first!, message: `dan ${s.n56 - 1} nilai 5/6 lain di kolom ini, di luar skala 1–4` });
      }
  }

  /**
   * Numbers far above 4 in several unsur columns: part of the file was typed from another form (an
   * old 1–10 questionnaire). Said once at the top, with the first cell, before the single values.
   */
  private checkLuar(max: number): void {
    const cols = this.scale.filter((s) => s.nLuar > 0);
    if (cols.length < 2 || max <= 6) return;
    const first = cols.map((s) => s.firstLuar!).sort((a, b) => a.line! - b.line! || Number(a.column) - Number(b.column))[0];
    addFirst(this.problems, {
      file: this.t.name,
      ...(this.t.lembar !== null ? { sheet: this.t.lembar } : {}),
      message:
        `nilai sampai ${max} ada di ${cols.length} kolom unsur (${formatAngka(cols.reduce((a, s) => a + s.nLuar, 0))} jawaban; pertama di ${tempat(first)}): ` +
        `sebagian berkas tampaknya diisi dari kuesioner dengan skala lain (mis. 1–10). ${IKM_SKALA}`,
    });
  }

  /** Ends the table: unclosedQuoteLine is where the reader found a quote never closed, if any. */
  finish(unclosedQuoteLine: number | null): CheckSummary {
    this.pushShort(true);
    if (unclosedQuoteLine !== null)
      this.problems.add({
        ...this.where(unclosedQuoteLine),
        message: 'tanda kutip (") dibuka di sini tetapi tidak pernah ditutup (berkas terpotong?); isi sesudahnya tidak dapat dibaca',
      });
    this.checkScale();
    this.checkLuar(Math.max(...this.scale.map((s) => s.max)));
    if (this.rows === 0 && this.problems.empty)
      this.problems.add({
        file: this.t.name,
        ...(this.t.lembar !== null ? { sheet: this.t.lembar } : {}),
        message: this.kosong.jumlah
          ? `tidak ada baris jawaban: ${formatAngka(this.kosong.jumlah)} baris sesudah judul kolom tidak berisi satu pun jawaban unsur`
          : 'tidak ada baris jawaban sesudah judul kolom',
      });
    const c = this.counts;
    return {
      baris: this.rows,
      periode: this.dari && this.sampai ? { dari: this.dari, sampai: this.sampai } : null,
      jawaban: Object.fromEntries(UNSUR_KEYS.map((k) => [k, { '1': c[k][1], '2': c[k][2], '3': c[k][3], '4': c[k][4], kosong: c[k][0] }])) as CheckSummary['jawaban'],
      layanan_cocok: this.layananCocok,
      layanan_tidak_cocok: this.layananTidak.daftar(),
      desa_tidak_cocok: this.desaTidak.daftar(),
      baris_kosong: this.kosong,
      baris_rekap: this.rekap,
      baris_tanpa_tanggal: this.tanpaTanggal,
      peringatan: this.warnings(),
    };
  }

  private warnings(): string[] {
    const out: string[] = [];
    const more = (m: TeksLepas) => `${formatAngka(m.size)}${m.terpotong ? '+' : ''}`;
    if (this.idx.tanggal < 0 && this.ctx.tanggalDefault === null)
      out.push('tidak ada kolom tanggal/stempel waktu: jawaban disimpan tanpa tanggal dan tidak masuk IKM per periode; beri tanggalnya dengan --tanggal TTTT-BB-HH');
    if (this.tanggalTidakAda)
      out.push(`${formatAngka(this.tanggalTidakAda)} baris tanpa tanggal: tidak masuk IKM per periode; beri tanggalnya dengan --tanggal TTTT-BB-HH`);
    out.push(...this.janggal.peringatan());
    if (this.usiaTeks) out.push(`${formatAngka(this.usiaTeks)} isian usia bukan angka tahun (mis. rentang usia); disimpan kosong`);
    if (this.layananTidak.baris)
      out.push(`${formatAngka(this.layananTidak.baris)} baris dengan jenis layanan yang tidak cocok dengan katalog (${more(this.layananTidak)} teks berbeda); teksnya disimpan apa adanya`);
    if (this.desaTidak.baris)
      out.push(`${formatAngka(this.desaTidak.baris)} baris dengan desa yang tidak cocok dengan daftar desa (${more(this.desaTidak)} teks berbeda); teksnya disimpan apa adanya`);
    return out;
  }
}
