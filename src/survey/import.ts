/**
 * `paten survey import`: reads SKM exports (Google Forms, Excel) and stores each file as a batch.
 * prepareSurveyFile() looks at a file (hash, encoding, header, first records) and maps its columns;
 * importSurveyFiles() then streams every record, checks every answer against its unsur's labels, and
 * writes all files in one transaction: everything or nothing. A dry run does the same without writing.
 */
import { BUSY_TIMEOUT_MS, type Db } from '../db/index.js';
import { ProblemList, UserError, type InputProblem } from '../core/errors.js';
import { formatAngka, formatTanggalJam } from '../core/format.js';
import { getProfil } from '../profil/index.js';
import { kodeUnsur, normalisasiLabel, skorLabel, unsur, UNSUR_KEYS, type UnsurKey, type UrutanUnsur } from '../skm/unsur.js';
import { examineFile, streamRecords, type FileFacts, type SurveyEncoding } from './csv-stream.js';
import {
  ATURAN_NAMA,
  isUnsurKey,
  namaTarget,
  pendek,
  petakanKolom,
  uraikanMasalah,
  type Aturan,
  type MappingResult,
  type PetaEntri,
  type Target,
} from './mapping.js';
import { parseStempel, tentukanUrutan, type UrutanTanggal } from './tanggal.js';
import { pencocokDesa, pencocokLayanan } from './cocok.js';
import {
  createBatchWriter,
  findBatchBySha,
  getMappingProfil,
  saveMappingProfil,
  createIdenticalRowFinder,
  type Batch,
  type ResponseRow,
} from './store.js';
import { findLayanan } from '../layanan/index.js';

export const URUTAN_NAMA: Record<UrutanTanggal, string> = { dmy: 'hari/bulan/tahun', mdy: 'bulan/hari/tahun' };

/** Records read ahead to map columns by their answer labels and to decide the date order. */
export const SAMPLE_ROWS = 1000;
export const PROBLEM_LIMIT = 50;
/** Distinct unmatched texts kept for the report; per-value caches are cleared beyond CACHE_MAX. */
export const UNMATCHED_LIMIT = 200;
const CACHE_MAX = 4096;

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

/** Remembers a value in a per-column cache whose size stays bounded (memory flat in the file size). */
function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_MAX) map.clear();
  map.set(key, value);
  return value;
}

// ---------- answers ----------

/** Result codes of parseJawaban besides 1..4. */
export const KOSONG = 0;
export const TIDAK_DIKENAL = -1;
/** Numbers outside 1..4 are returned as DI_LUAR + the number. */
export const DI_LUAR = 1000;

/**
 * One answer cell for one unsur: digits 1–4 (also `4.0`, `4,0`), letters a–d, the unsur's labels
 * (any case, extra spaces, letter prefix, trailing full stop, known typos), `4 - Sangat sesuai`.
 * Blank or `-` is KOSONG (missing, not 0). Other numbers give DI_LUAR + n; anything else TIDAK_DIKENAL.
 */
export function parseJawaban(key: UnsurKey, raw: string): number {
  const t = raw.trim();
  if (t === '' || t === '-') return KOSONG;
  const num = /^(\d{1,6})(?:[.,]0+)?$/.exec(t);
  if (num) {
    const n = Number(num[1]);
    return n >= 1 && n <= 4 ? n : DI_LUAR + n;
  }
  const letter = /^([a-dA-D])[.)]?$/.exec(t);
  if (letter) return letter[1].toLowerCase().charCodeAt(0) - 96;
  const withScore = /^([1-4])\s*(?:[.)\-:=]\s*(\S.*)|\((.+)\))$/.exec(t);
  if (withScore) {
    const s = skorLabel(key, withScore[2] ?? withScore[3]);
    return s === Number(withScore[1]) ? s : TIDAK_DIKENAL;
  }
  return skorLabel(key, t) ?? TIDAK_DIKENAL;
}

function normalJenisKelamin(v: string): string {
  const t = v.trim().toLowerCase().replace(/[\s.-]+/g, ' ');
  if (t === 'l' || t === 'laki laki' || t === 'lakilaki' || t === 'pria' || t === 'male' || t === 'laki') return 'L';
  if (t === 'p' || t === 'perempuan' || t === 'wanita' || t === 'female') return 'P';
  return v.trim();
}

function parseUsia(v: string): number | null | undefined {
  const m = /^(\d{1,3})\s*(tahun|thn|th)?\.?$/i.exec(v.trim());
  if (!m) return v.trim() === '' ? null : undefined;
  const n = Number(m[1]);
  return n >= 5 && n <= 120 ? n : undefined;
}

function blankToNull(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

// ---------- preparing one file ----------

export interface PrepareOptions {
  encoding?: SurveyEncoding;
  /** --map entries, already parsed. */
  map?: PetaEntri[];
  /** Name of a saved mapping profile. */
  profil?: string;
  urutanTanggal?: UrutanTanggal;
}

export interface PreparedFile {
  facts: FileFacts;
  delimiter: string;
  header: string[];
  headerLine: number;
  sample: string[][];
  urutanUnsur: UrutanUnsur;
  explicit: { entri: PetaEntri; aturan: 'peta' | 'profil' }[];
  mapping: MappingResult;
  urutanTanggal: { urutan: UrutanTanggal; dari: 'nilai' | 'judul' | 'opsi' } | null;
  /** The batch this very file was already imported as. */
  duplikat: Batch | null;
}

export function urutanKantor(db: Db): UrutanUnsur {
  return getProfil(db)?.urutan_unsur ?? 'definisi';
}

/** Entries of a saved mapping profile (UserError when it does not exist). */
export function profilEntries(db: Db, nama: string): PetaEntri[] {
  const p = getMappingProfil(db, nama);
  if (!p) throw new UserError(`Profil pemetaan "${nama}" tidak ditemukan (argumen --profil).`, { hint: 'Lihat daftarnya dengan `paten survey profil`.' });
  return JSON.parse(p.mapping) as PetaEntri[];
}

/** Records searched for the header row (Excel sheets often start with a title row or two). */
const HEADER_SEARCH = 10;

/**
 * The header row: the first record filled at least half as wide as the widest of the first few, so
 * that a title row like "DATA SKM 2023;;;;" above the real header is skipped.
 */
export function headerIndex(records: string[][]): number {
  const filled = records.slice(0, HEADER_SEARCH).map((r) => r.filter((v) => v.trim() !== '').length);
  const widest = Math.max(...filled);
  return Math.max(0, filled.findIndex((n) => n >= 2 && n * 2 >= widest));
}

/** Reads a file's facts, header and first records, and maps its columns. */
export function prepareSurveyFile(db: Db, file: string, opts: PrepareOptions = {}): PreparedFile {
  const facts = examineFile(file, opts.encoding);
  const first: { values: string[]; line: number }[] = [];
  const res = streamRecords(facts, (values, line) => {
    if (values.every((v) => v.trim() === '')) return;
    first.push({ values, line });
    if (first.length >= SAMPLE_ROWS + HEADER_SEARCH) return false;
  });
  const name = facts.name;
  if (first.length === 0) throw new UserError(`${name}: berkas kosong, tidak ada judul kolom maupun jawaban.`);
  const hi = headerIndex(first.map((r) => r.values));
  const h = first[hi].values.map((v) => v.replace(/\s+/g, ' ').trim());
  const headerLine = first[hi].line;
  const sample = first.slice(hi + 1, hi + 1 + SAMPLE_ROWS).map((r) => r.values);
  if (sample.length === 0 && res.unclosedQuoteLine === null)
    throw new UserError(`${name}: berkas hanya berisi baris judul kolom (baris ${headerLine}), tanpa satu pun jawaban.`);
  const urutan = urutanKantor(db);
  const explicit: PreparedFile['explicit'] = [
    ...(opts.profil ? profilEntries(db, opts.profil).map((entri) => ({ entri, aturan: 'profil' as const })) : []),
    ...(opts.map ?? []).map((entri) => ({ entri, aturan: 'peta' as const })),
  ];
  const mapping = petakanKolom(h, sample, urutan, explicit);
  const tglCol = mapping.kolom.find((k) => k.target === 'tanggal');
  const urutanTanggal = tglCol
    ? opts.urutanTanggal
      ? { urutan: opts.urutanTanggal, dari: 'opsi' as const }
      : tentukanUrutan(sample.map((r) => r[tglCol.index] ?? ''), tglCol.judul)
    : null;
  return {
    facts,
    delimiter: res.delimiter,
    header: h,
    headerLine,
    sample,
    urutanUnsur: urutan,
    explicit,
    mapping,
    urutanTanggal,
    duplikat: findBatchBySha(db, facts.sha256) ?? null,
  };
}

/** Re-maps a prepared file with extra explicit entries (from the interactive prompt). */
export function remap(prep: PreparedFile, extra: PetaEntri[]): PreparedFile {
  const explicit = [...prep.explicit, ...extra.map((entri) => ({ entri, aturan: 'peta' as const }))];
  const mapping = petakanKolom(prep.header, prep.sample, prep.urutanUnsur, explicit);
  return { ...prep, explicit, mapping };
}

/** The mapping as saved in a profile: target → header text. */
export function mappingToProfil(prep: PreparedFile): string {
  return JSON.stringify(prep.mapping.kolom.map((k) => ({ target: k.target, kolom: k.judul })));
}

/** Throws the mapping problems of a file as a UserError with the --map to pass. */
export function mappingError(prep: PreparedFile): UserError {
  const m = prep.mapping.masalah;
  const details = uraikanMasalah(prep.facts.name, prep.header, m, prep.urutanUnsur);
  details.push(`Kolom di ${prep.facts.name}: ${prep.header.map((h, i) => `${i + 1} "${pendek(h, 40)}"`).join(', ')}`);
  const missing = [...m.belumTerpetakan, ...m.bentrok.map((b) => b.target).filter(isUnsurKey)];
  const example = missing.map((k) => `${kodeUnsur(k, prep.urutanUnsur)}=KOLOM`).join(',');
  return new UserError(`${prep.facts.name}: kolom unsur belum dapat dipetakan dengan pasti.`, {
    details,
    hint: example
      ? `Tunjukkan kolomnya dengan --map ${example} (KOLOM: nomor kolom atau judulnya), atau jalankan di terminal untuk memilih, lalu simpan sebagai profil.`
      : 'Periksa --map atau --profil.',
  });
}

// ---------- importing ----------

export interface ImportOptions {
  dryRun?: boolean;
  /** Layanan (slug, name or alias) for rows whose file has no layanan column or a blank cell. */
  layanan?: string;
  sumber?: string;
  /** A mapping profile to save in the same transaction (so a failed import saves nothing). */
  profilBaru?: { nama: string; mapping: string };
  onProgress?: (file: string, bytesRead: number, size: number) => void;
}

export interface PemetaanLaporan {
  kolom: number;
  judul: string;
  target: Target;
  nama: string;
  aturan: Aturan;
  aturan_nama: string;
}

export interface FileReport {
  berkas: string;
  sha256: string;
  encoding: SurveyEncoding;
  pemisah: string;
  baris: number;
  batch: number | null;
  pemetaan: PemetaanLaporan[];
  kolom_diabaikan: string[];
  urutan_tanggal: UrutanTanggal | null;
  /** True when no value settled the day/month order and it was guessed from the header's language. */
  urutan_tanggal_ditebak: boolean;
  periode: { dari: string; sampai: string } | null;
  /** Per unsur (definition-order keys): counts of scores 1..4 and blanks. */
  jawaban: Record<UnsurKey, { '1': number; '2': number; '3': number; '4': number; kosong: number }>;
  layanan_cocok: number;
  layanan_tidak_cocok: { teks: string; baris: number }[];
  desa_tidak_cocok: { teks: string; baris: number }[];
  baris_sama: { jumlah: number; contoh: { baris: number; batch: number; baris_tersimpan: number }[] };
  peringatan: string[];
}

export interface ImportResult {
  dryRun: boolean;
  berkas: FileReport[];
  masalah: InputProblem[];
  jumlah_masalah: number;
}

/** Takes the write lock, waiting up to the busy timeout for another import to finish. */
function beginImmediate(db: Db): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY')
      throw new UserError(`Basis data sedang dipakai proses paten lain (mis. impor lain) lebih dari ${BUSY_TIMEOUT_MS / 1000} detik; tidak ada yang diimpor.`, {
        hint: 'Tunggu proses itu selesai, lalu ulangi perintah ini.',
      });
    throw e;
  }
}

/**
 * Imports (or, with dryRun, only checks) the prepared files. Without dryRun all files go in one
 * IMMEDIATE transaction; any problem in any file rolls everything back and throws a UserError
 * listing the problems (up to PROBLEM_LIMIT) with file, line and column. A dry run returns the
 * problems in its result instead (the caller shows the report, then fails).
 */
export function importSurveyFiles(db: Db, files: PreparedFile[], opts: ImportOptions = {}): ImportResult {
  for (const f of files) if (!f.mapping.ok) throw mappingError(f);
  const problems = new ProblemList(PROBLEM_LIMIT);
  const layananDefault = (opts.layanan ? findLayanan(db, opts.layanan) : null) ?? null;
  if (opts.layanan && !layananDefault)
    throw new UserError(`Layanan "${opts.layanan}" tidak ada di katalog (argumen --layanan).`, { hint: 'Lihat daftar slug dengan `paten layanan list`.' });
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.facts.sha256);
    if (other)
      throw new UserError(`${f.facts.name} sama persis dengan ${other} di perintah yang sama; tidak ada yang diimpor.`, { hint: 'Sebutkan setiap berkas sekali saja.' });
    seen.set(f.facts.sha256, f.facts.name);
  }
  const reports: FileReport[] = [];
  const write = !opts.dryRun;
  if (write) beginImmediate(db);
  try {
    // Rough row count of the new files (Google Forms rows are 150–250 bytes), to pick the lookup strategy.
    const stored = createIdenticalRowFinder(db, Math.ceil(files.reduce((n, f) => n + f.facts.size, 0) / 150));
    const layanan = pencocokLayanan(db);
    const desa = pencocokDesa(db);
    for (const f of files) reports.push(importOne(db, f, { ...opts, write, problems, stored, cocokLayanan: layanan, cocokDesa: desa, layananDefault }));
    if (!problems.empty && write) {
      const summary = files.length === 1 ? `${files[0].facts.name} tidak diimpor` : 'Berkas tidak diimpor';
      problems.throwIfAny(`${summary}: tidak ada yang disimpan`, 'Perbaiki berkas lalu ulangi; basis data tidak berubah.');
    }
    if (write && opts.profilBaru) saveMappingProfil(db, opts.profilBaru.nama, opts.profilBaru.mapping);
    if (write) db.exec('COMMIT');
  } catch (e) {
    if (write && db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return { dryRun: !write, berkas: reports, masalah: problems.items, jumlah_masalah: problems.total };
}

interface RunCtx extends ImportOptions {
  write: boolean;
  problems: ProblemList;
  stored: ReturnType<typeof createIdenticalRowFinder>;
  cocokLayanan: ReturnType<typeof pencocokLayanan>;
  cocokDesa: ReturnType<typeof pencocokDesa>;
  layananDefault: { id: number; nama: string } | null;
}

function importOne(db: Db, f: PreparedFile, ctx: RunCtx): FileReport {
  const name = f.facts.name;
  const problems = ctx.problems;
  const width = f.header.length;
  const urutan = f.urutanUnsur;
  const col = (t: Target) => f.mapping.kolom.find((k) => k.target === t)?.index ?? -1;
  const iTanggal = col('tanggal');
  const iJk = col('jenis_kelamin');
  const iUsia = col('usia');
  const iPend = col('pendidikan');
  const iPek = col('pekerjaan');
  const iLay = col('layanan');
  const iDesa = col('desa');
  const iSaran = col('saran');
  const unsurCols = UNSUR_KEYS.map((key) => ({ key, index: col(key), cache: new Map<string, number>() }));
  const lastUnsurColumn = Math.max(...unsurCols.map((u) => u.index));
  const counts = Object.fromEntries(UNSUR_KEYS.map((k) => [k, [0, 0, 0, 0, 0]])) as Record<UnsurKey, number[]>;
  /** Per unsur: how many numeric answers were 5 or 6 (a 1–5/1–6 scale), and the first one. */
  const scale = UNSUR_KEYS.map(() => ({ n56: 0, first: null as InputProblem | null, max: 0, sangatTidak: 0 }));
  const dateOrder = f.urutanTanggal?.urutan ?? 'dmy';
  const peringatan: string[] = [];
  const layananTidak = new Map<string, number>();
  const desaTidak = new Map<string, number>();
  let layananTidakBaris = 0;
  let desaTidakBaris = 0;
  const sama = { jumlah: 0, contoh: [] as FileReport['baris_sama']['contoh'] };
  let layananCocok = 0;
  let usiaTeks = 0;
  let rows = 0;
  let dari: string | null = null;
  let sampai: string | null = null;
  let shortRow: { line: number; n: number } | null = null;

  if (f.duplikat)
    problems.add({
      file: name,
      message: `berkas yang sama persis sudah diimpor sebagai batch ${f.duplikat.id} (${f.duplikat.file_name}, diimpor ${formatTanggalJam(f.duplikat.imported_at)}); hapus dulu batch itu (paten survey remove ${f.duplikat.id}) bila ingin mengimpor ulang`,
    });

  const clean = problems.empty;
  const writer =
    ctx.write && clean
      ? createBatchWriter(db, {
          file_name: name,
          sha256: f.facts.sha256,
          sumber: ctx.sumber ?? null,
          mapping: JSON.stringify(f.mapping.kolom.map((k) => ({ kolom: k.index + 1, judul: k.judul, target: k.target, aturan: k.aturan }))),
        })
      : null;

  const jkCache = new Map<string, string | null>();
  const usiaCache = new Map<string, number | null | undefined>();
  const jawaban: Record<string, number | null> = {};
  const row: ResponseRow = { line: 0, tanggal: null, jawaban };
  const pushShort = (truncated: boolean) => {
    if (!shortRow) return;
    problems.add({
      file: name,
      line: shortRow.line,
      message: `baris ini berisi ${shortRow.n} kolom, sedangkan judul berisi ${width} kolom${truncated ? ' (baris terakhir terpotong?)' : ''}`,
    });
    shortRow = null;
  };

  const onRecord = (values: string[], line: number) => {
    if (line <= f.headerLine) return;
    let empty = true;
    for (const v of values) {
      if (v.trim() !== '') {
        empty = false;
        break;
      }
    }
    if (empty) return;
    pushShort(false);
    // Hand-edited sheets often drop trailing empty cells (no ";" for a blank saran): when every
    // unsur answer is present, the missing cells are blank, not a broken row.
    if (values.length < width && values.length >= lastUnsurColumn + 1) while (values.length < width) values.push('');
    if (values.length !== width) {
      let extraBlank = values.length > width;
      for (let i = width; extraBlank && i < values.length; i++) if (values[i].trim() !== '') extraBlank = false;
      if (!extraBlank) {
        if (values.length < width) shortRow = { line, n: values.length };
        else problems.add({ file: name, line, message: `baris ini berisi ${values.length} kolom, sedangkan judul berisi ${width} kolom` });
        return;
      }
    }
    rows++;
    const before = problems.total;
    row.line = line;
    row.tanggal = null;
    row.waktu = null;
    if (iTanggal >= 0) {
      const raw = values[iTanggal];
      if (raw.trim() !== '') {
        const s = parseStempel(raw, dateOrder);
        if (!s) {
          const other = dateOrder === 'dmy' ? 'mdy' : 'dmy';
          const hint = parseStempel(raw, other)
            ? ` sebagai ${URUTAN_NAMA[dateOrder]}; terbaca bila ${URUTAN_NAMA[other]} (pilih dengan --format-tanggal ${other})`
            : '';
          problems.add({ file: name, line, column: iTanggal + 1, message: `tanggal "${pendek(raw, 40)}" tidak dapat dibaca${hint}` });
        } else {
          row.tanggal = s.tanggal;
          row.waktu = s.waktu;
          if (dari === null || s.tanggal < dari) dari = s.tanggal;
          if (sampai === null || s.tanggal > sampai) sampai = s.tanggal;
        }
      }
    }
    let answered = 0;
    let scaleValue = false;
    for (let u = 0; u < 9; u++) {
      const c = unsurCols[u];
      const raw = values[c.index];
      let v = c.cache.get(raw);
      if (v === undefined) {
        v = parseJawaban(c.key, raw);
        remember(c.cache, raw, v);
      }
      if (v >= 1 && v <= 4) {
        jawaban[c.key] = v;
        answered++;
        counts[c.key][v]++;
        continue;
      }
      jawaban[c.key] = null;
      if (v === KOSONG) {
        counts[c.key][0]++;
        continue;
      }
      const where = { file: name, line, column: c.index + 1 };
      const label = `${kodeUnsur(c.key, urutan)} ${unsur(c.key).singkat}`;
      if (v >= DI_LUAR) {
        const n = v - DI_LUAR;
        const sc = scale[u];
        if (n > sc.max) sc.max = n;
        const p = { ...where, message: `nilai "${raw.trim()}" untuk ${label} di luar skala 1–4` };
        if (n === 5 || n === 6) {
          sc.n56++;
          scaleValue = true;
          sc.first ??= p;
          continue; // decided after the whole file: a 1–5/1–6 scale, or single bad values
        }
        problems.add(p);
      } else {
        // "Sangat tidak …" is the bottom of a five-option scale, which the regulation does not use.
        if (/^sangat tidak\b/.test(normalisasiLabel(raw).teks)) scale[u].sangatTidak++;
        const labels = unsur(c.key).label.map((l) => `"${l}"`).join(', ');
        problems.add({ ...where, message: `jawaban "${pendek(raw.trim(), 50)}" bukan label ${label} (yang dikenal: ${labels}, atau 1–4, a–d)` });
      }
    }
    if (answered === 0 && problems.total === before && !scaleValue)
      problems.add({ file: name, line, message: 'semua jawaban unsur kosong; baris tanpa satu pun jawaban tidak dapat dihitung' });

    if (iJk >= 0) {
      const raw = values[iJk];
      let jk = jkCache.get(raw);
      if (jk === undefined) jk = remember(jkCache, raw, raw.trim() === '' ? null : normalJenisKelamin(raw));
      row.jenis_kelamin = jk;
    } else row.jenis_kelamin = null;
    if (iUsia >= 0) {
      const raw = values[iUsia];
      let usia = usiaCache.get(raw);
      if (usia === undefined && !usiaCache.has(raw)) usia = remember(usiaCache, raw, parseUsia(raw));
      if (usia === undefined) usiaTeks++;
      row.usia = usia ?? null;
    } else row.usia = null;
    row.pendidikan = iPend >= 0 ? blankToNull(values[iPend]) : null;
    row.pekerjaan = iPek >= 0 ? blankToNull(values[iPek]) : null;
    row.saran = iSaran >= 0 ? blankToNull(values[iSaran]) : null;
    const lt = iLay >= 0 ? blankToNull(values[iLay]) : null;
    row.layanan_teks = lt;
    row.layanan_id = null;
    if (lt !== null) {
      row.layanan_id = ctx.cocokLayanan.cocok(lt);
      if (row.layanan_id === null) {
        layananTidakBaris++;
        if (layananTidak.size < UNMATCHED_LIMIT && !layananTidak.has(lt)) layananTidak.set(lt, line);
      } else layananCocok++;
    } else if (ctx.layananDefault) {
      row.layanan_id = ctx.layananDefault.id;
      layananCocok++;
    }
    const dt = iDesa >= 0 ? blankToNull(values[iDesa]) : null;
    row.desa_teks = dt;
    row.desa_id = dt === null ? null : ctx.cocokDesa.cocok(dt);
    if (dt !== null && row.desa_id === null) {
      desaTidakBaris++;
      if (desaTidak.size < UNMATCHED_LIMIT && !desaTidak.has(dt)) desaTidak.set(dt, line);
    }

    if (ctx.stored) {
      const hit = ctx.stored(row);
      if (hit) {
        sama.jumlah++;
        if (sama.contoh.length < 5) sama.contoh.push({ baris: line, batch: hit.batch, baris_tersimpan: hit.line });
      }
    }
    if (writer && problems.empty) writer.add(row);
  };

  const res = streamRecords(f.facts, onRecord, ctx.onProgress ? (b) => ctx.onProgress!(name, b, f.facts.size) : undefined);
  pushShort(true);
  if (res.unclosedQuoteLine !== null)
    problems.add({
      file: name,
      line: res.unclosedQuoteLine,
      message: 'tanda kutip (") dibuka di sini tetapi tidak pernah ditutup (berkas terpotong?); isi sesudahnya tidak dapat dibaca',
    });

  // A 1–5 or 1–6 scale: refused as a whole, with an explanation, never rescaled.
  const scaleCols = scale.filter((s) => s.n56 > 0);
  const max = Math.max(...scale.map((s) => s.max));
  const IKM_SKALA =
    'IKM menurut PermenPANRB 14/2017 didefinisikan pada skala 1–4, jadi paten tidak mengubah skala diam-diam. ' +
    'Gunakan kuesioner 4 pilihan (a–d / 1–4) atau ubah jawabannya ke skala 1–4 sebelum diimpor';
  const labelCols = scale.filter((s) => s.sangatTidak > 0).length;
  if (labelCols >= 2)
    addFirst(problems, {
      file: name,
      message: `jawaban "Sangat tidak …" ada di ${labelCols} kolom unsur: kuesioner ini tampaknya memakai 5 pilihan jawaban. ${IKM_SKALA}`,
    });
  if (scaleCols.length >= 2 && max <= 6) {
    const first = scaleCols[0].first!;
    addFirst(problems, {
      file: name,
      message:
        `berkas ini memakai skala 1–${max} (nilai ${max === 6 ? '5 atau 6' : '5'} ada di ${scaleCols.length} kolom unsur, ` +
        `${scaleCols.reduce((a, s) => a + s.n56, 0)} jawaban; pertama di baris ${first.line}, kolom ${first.column}). ${IKM_SKALA}`,
    });
  } else {
    for (const s of scaleCols) {
      problems.add(s.first!);
      if (s.n56 > 1) problems.add({ ...s.first!, message: `dan ${s.n56 - 1} nilai 5/6 lain di kolom ini, di luar skala 1–4` });
    }
  }

  if (rows === 0 && problems.empty) problems.add({ file: name, message: 'tidak ada baris jawaban sesudah judul kolom' });
  if (iTanggal < 0) peringatan.push('tidak ada kolom tanggal/stempel waktu: jawaban disimpan tanpa tanggal dan tidak masuk IKM per periode');
  if (usiaTeks) peringatan.push(`${formatAngka(usiaTeks)} isian usia bukan angka tahun (mis. rentang usia); disimpan kosong`);
  if (layananTidakBaris)
    peringatan.push(`${formatAngka(layananTidakBaris)} baris dengan jenis layanan yang tidak cocok dengan katalog (${layananTidak.size}${layananTidak.size >= UNMATCHED_LIMIT ? '+' : ''} teks berbeda); teksnya disimpan apa adanya`);
  if (desaTidakBaris)
    peringatan.push(`${formatAngka(desaTidakBaris)} baris dengan desa yang tidak cocok dengan daftar desa (${desaTidak.size}${desaTidak.size >= UNMATCHED_LIMIT ? '+' : ''} teks berbeda); teksnya disimpan apa adanya`);
  if (sama.jumlah) peringatan.push(`${formatAngka(sama.jumlah)} baris sama persis dengan baris yang sudah tersimpan`);

  let batch: number | null = null;
  if (writer && problems.empty) batch = writer.finish().batchId;
  const used = new Set(f.mapping.kolom.map((k) => k.index));
  return {
    berkas: name,
    sha256: f.facts.sha256,
    encoding: f.facts.encoding,
    pemisah: res.delimiter === '\t' ? 'tab' : res.delimiter,
    baris: rows,
    batch,
    pemetaan: f.mapping.kolom.map((k) => ({
      kolom: k.index + 1,
      judul: k.judul,
      target: k.target,
      nama: namaTarget(k.target, urutan),
      aturan: k.aturan,
      aturan_nama: ATURAN_NAMA[k.aturan],
    })),
    kolom_diabaikan: f.header.filter((_, i) => !used.has(i)),
    urutan_tanggal: f.urutanTanggal?.urutan ?? null,
    urutan_tanggal_ditebak: f.urutanTanggal?.dari === 'judul',
    periode: dari && sampai ? { dari, sampai } : null,
    jawaban: Object.fromEntries(
      UNSUR_KEYS.map((k) => [k, { '1': counts[k][1], '2': counts[k][2], '3': counts[k][3], '4': counts[k][4], kosong: counts[k][0] }]),
    ) as FileReport['jawaban'],
    layanan_cocok: layananCocok,
    layanan_tidak_cocok: [...layananTidak].map(([teks, baris]) => ({ teks, baris })),
    desa_tidak_cocok: [...desaTidak].map(([teks, baris]) => ({ teks, baris })),
    baris_sama: sama,
    peringatan,
  };
}
