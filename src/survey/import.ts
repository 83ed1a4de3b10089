/**
 * `paten survey import`: reads SKM exports (Google Forms, Excel) and stores each file as a batch.
 * The import runs in stages, each in its own module: read the file into records with their lines
 * (csv-stream.ts), find the header (judul.ts), map the columns (mapping.ts), check each row
 * (periksa.ts), store (store.ts). This file joins them: prepareSurveyFile() looks at a file (hash,
 * encoding, header, first records) and maps its columns; importSurveyFiles() then streams every
 * record through the row checker and writes all files in one transaction: everything or nothing.
 * A dry run does the same without writing.
 */
import type { Db } from '../db/index.js';
import { beginBulk, endBulk } from '../db/write.js';
import { ProblemList, UserError, type InputProblem } from '../core/errors.js';
import { formatTanggalJam } from '../core/format.js';
import { getProfil } from '../profil/index.js';
import { kodeUnsur, type UnsurKey, type UrutanUnsur } from '../skm/unsur.js';
import type { FileFacts, SurveyEncoding } from './csv-stream.js';
import {
  ATURAN_NAMA,
  isUnsurKey,
  namaTarget,
  pendek,
  peringatanKode,
  petakanKolom,
  uraikanMasalah,
  type Aturan,
  type KolomTanggal,
  type MappingResult,
  type PetaEntri,
  type Target,
} from './mapping.js';
import { tentukanUrutan, type UrutanTanggal } from './tanggal.js';
import { findHeader, HEADER_SEARCH } from './judul.js';
import type { SurveyTable } from './sumber.js';
import { BarisSama } from './baris-sama.js';
import { RowChecker, type BarisDilewati } from './periksa.js';
import { pencocokDesa, pencocokLayanan, type TeksTidakCocok } from './cocok.js';
import {
  createBatchWriter,
  findBatchBySha,
  getMappingProfil,
  saveMappingProfil,
  createIdenticalRowFinder,
  fillMissingSidik,
  rowSidik,
  type Batch,
  type ResponseRow,
} from './store.js';
import { findLayanan, listLayanan } from '../layanan/index.js';

export { URUTAN_NAMA } from './periksa.js';

/** Records read ahead to map columns by their answer labels and to decide the date order. */
export const SAMPLE_ROWS = 1000;
export const PROBLEM_LIMIT = 50;

// ---------- preparing one file ----------

export interface PrepareOptions {
  /** --map entries, already parsed. */
  map?: PetaEntri[];
  /** Name of a saved mapping profile. */
  profil?: string;
  urutanTanggal?: UrutanTanggal;
}

export interface PreparedFile {
  facts: FileFacts;
  table: SurveyTable;
  header: string[];
  headerLine: number;
  /** Line of the upper row of a two-row header, or null. */
  headerAtas: number | null;
  sample: string[][];
  urutanUnsur: UrutanUnsur;
  explicit: { entri: PetaEntri; aturan: 'peta' | 'profil' }[];
  mapping: MappingResult;
  urutanTanggal: { urutan: UrutanTanggal; dari: 'nilai' | 'judul' | 'opsi' } | null;
  /** The layanan a sheet's name matches (a workbook with one sheet per layanan), or null. */
  layananLembar: { id: number; nama: string } | null;
  /** The batch this very file (or sheet) was already imported as. */
  duplikat: Batch | null;
}

/** "data.xlsx, lembar KTP-el" or "data.csv", for messages and the batch's file name. */
export function namaTabel(t: SurveyTable): string {
  return t.lembar === null ? t.facts.name : `${t.facts.name} [${t.lembar}]`;
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

/** Reads a table's first records, finds its header and maps its columns. */
export function prepareSurveyFile(db: Db, table: SurveyTable, opts: PrepareOptions = {}): PreparedFile {
  const first: { values: string[]; line: number }[] = [];
  const res = table.stream((values, line) => {
    if (values.every((v) => v.trim() === '')) return;
    first.push({ values, line });
    if (first.length >= SAMPLE_ROWS + HEADER_SEARCH) return false;
  });
  const name = namaTabel(table);
  if (first.length === 0) throw new UserError(`${name}: ${table.lembar === null ? 'berkas' : 'lembar'} kosong, tidak ada judul kolom maupun jawaban.`);
  const found = findHeader(first.map((r) => r.values));
  const hi = found.index;
  const h = found.header.map((v) => v.replace(/\s+/g, ' ').trim());
  const headerLine = first[hi].line;
  const sample = first.slice(hi + 1, hi + 1 + SAMPLE_ROWS).map((r) => r.values);
  if (sample.length === 0 && res.unclosedQuoteLine === null)
    throw new UserError(`${name}: ${table.lembar === null ? 'berkas' : 'lembar'} hanya berisi baris judul kolom (baris ${headerLine}), tanpa satu pun jawaban.`);
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
  const lay = table.lembar === null ? null : pencocokLayanan(db).cocok(table.lembar);
  return {
    facts: table.facts,
    table,
    header: h,
    headerLine,
    headerAtas: found.atas === null ? null : first[found.atas].line,
    sample,
    urutanUnsur: urutan,
    explicit,
    mapping,
    urutanTanggal,
    layananLembar: lay === null ? null : { id: lay, nama: listLayanan(db).find((l) => l.id === lay)!.nama },
    duplikat: findBatchBySha(db, table.identitas) ?? null,
  };
}

/** Unsur columns a mapping found; a sheet with fewer and no --lembar is not a survey sheet. */
const LEMBAR_MIN_UNSUR = 5;

export interface PreparedSource {
  /** The tables to import (a CSV file, or the survey sheets of a workbook). */
  tables: PreparedFile[];
  /** Sheets of a workbook left out, and why (a `Rekap` or `Grafik` sheet). */
  dilewati: { berkas: string; lembar: string; alasan: string }[];
}

function unsurTerpetakan(p: PreparedFile): number {
  return p.mapping.kolom.filter((k) => isUnsurKey(k.target)).length;
}

/**
 * Prepares the tables of one opened file. A CSV file is one table. Of a workbook, `lembar` (the
 * --lembar values) picks sheets by name; without it every sheet whose header maps the nine unsur is
 * taken, a sheet that maps most of them too (its mapping problems are then shown, not hidden), and
 * the others are skipped with the reason.
 */
export function prepareSurveyTables(db: Db, tables: SurveyTable[], opts: PrepareOptions & { lembar?: string[] } = {}): PreparedSource {
  if (tables.length === 1 && tables[0].lembar === null) return { tables: [prepareSurveyFile(db, tables[0], opts)], dilewati: [] };
  const name = tables[0]?.facts.name ?? '';
  if (opts.lembar?.length) {
    const picked: SurveyTable[] = [];
    for (const want of opts.lembar) {
      const t = tables.find((x) => x.lembar === want) ?? tables.find((x) => x.lembar!.trim().toLowerCase() === want.trim().toLowerCase());
      if (!t)
        throw new UserError(`${name} tidak punya lembar "${want}" (argumen --lembar).`, {
          hint: `Lembar yang ada: ${tables.map((x) => `"${x.lembar}"`).join(', ')}.`,
        });
      if (!picked.includes(t)) picked.push(t);
    }
    return { tables: picked.map((t) => prepareSurveyFile(db, t, opts)), dilewati: [] };
  }
  const out: PreparedSource = { tables: [], dilewati: [] };
  let best: PreparedFile | null = null;
  for (const t of tables) {
    let p: PreparedFile;
    try {
      p = prepareSurveyFile(db, t, opts);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      out.dilewati.push({ berkas: name, lembar: t.lembar!, alasan: 'kosong atau tanpa baris jawaban' });
      continue;
    }
    const n = unsurTerpetakan(p);
    if (p.mapping.ok || n >= LEMBAR_MIN_UNSUR) out.tables.push(p);
    else {
      out.dilewati.push({ berkas: name, lembar: t.lembar!, alasan: n === 0 ? 'tidak ada kolom unsur' : `hanya ${n} dari 9 kolom unsur dikenali` });
      if (!best || n > unsurTerpetakan(best)) best = p;
    }
  }
  if (out.tables.length === 0) {
    if (best) return { tables: [best], dilewati: out.dilewati.filter((d) => d.lembar !== best!.table.lembar) };
    throw new UserError(`${name}: tidak ada lembar yang berisi jawaban survei.`, {
      details: out.dilewati.map((d) => `lembar "${d.lembar}": ${d.alasan}`),
      hint: 'Pilih lembarnya dengan --lembar NAMA, atau simpan lembar jawaban sebagai CSV lalu impor berkas itu.',
    });
  }
  return out;
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
  const name = namaTabel(prep.table);
  const details = uraikanMasalah(name, prep.header, m, prep.urutanUnsur);
  details.push(`Kolom di ${name}: ${prep.header.map((h, i) => `${i + 1} "${pendek(h, 40)}"`).join(', ')}`);
  const missing = [...m.belumTerpetakan, ...m.bentrok.map((b) => b.target).filter(isUnsurKey)];
  const example = missing.map((k) => `${kodeUnsur(k, prep.urutanUnsur)}=KOLOM`).join(',');
  return new UserError(`${name}: kolom unsur belum dapat dipetakan dengan pasti.`, {
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
  /** Date (YYYY-MM-DD) for rows without one (--tanggal). */
  tanggal?: string;
  /**
   * Rows identical to stored ones (--baris-sama): by default those with a time of day are skipped
   * (a cumulative re-export) and those without one refuse the import; 'lewati' skips them all,
   * 'simpan' stores them all.
   */
  barisSama?: BarisSamaAturan;
  /** A mapping profile to save in the same transaction (so a failed import saves nothing). */
  profilBaru?: { nama: string; mapping: string };
  /** Progress through one table: bytes of a CSV file, rows of a sheet (`satuan`). */
  onProgress?: (file: string, done: number, total: number, satuan: 'byte' | 'baris') => void;
}

export type BarisSamaAturan = 'lewati' | 'simpan';

/** Rows of a file identical to rows already stored, or to rows of an earlier file of the same command. */
export interface BarisSamaLaporan {
  jumlah: number;
  /** Left out (not stored again). */
  dilewati: number;
  /** Of the identical rows, those without a time of day (paper forms: maybe other respondents). */
  tanpa_jam: number;
  /** Where the earlier rows are: a stored batch, or (batch null) an earlier file of this command. */
  per_batch: { batch: number | null; berkas: string | null; jumlah: number }[];
  contoh: { baris: number; batch: number | null; berkas: string | null; baris_tersimpan: number }[];
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
  /** Sheet name for a workbook, null for CSV. */
  lembar: string | null;
  format: 'csv' | 'xlsx';
  sha256: string;
  /** Text encoding and delimiter of a CSV file (null for a workbook). */
  encoding: SurveyEncoding | null;
  pemisah: string | null;
  baris: number;
  batch: number | null;
  pemetaan: PemetaanLaporan[];
  kolom_diabaikan: string[];
  /** The date column (1-based), why it was chosen over other time columns, and whether it held UTC. */
  kolom_tanggal: (Omit<KolomTanggal, 'index' | 'aturan'> & { kolom: number }) | null;
  urutan_tanggal: UrutanTanggal | null;
  /** True when no value settled the day/month order and it was guessed from the header's language. */
  urutan_tanggal_ditebak: boolean;
  periode: { dari: string; sampai: string } | null;
  /** Per unsur (definition-order keys): counts of scores 1..4 and blanks. */
  jawaban: Record<UnsurKey, { '1': number; '2': number; '3': number; '4': number; kosong: number }>;
  layanan_cocok: number;
  layanan_tidak_cocok: TeksTidakCocok[];
  desa_tidak_cocok: TeksTidakCocok[];
  /** The layanan the sheet's name matched (rows without a layanan cell get it), or null. */
  layanan_lembar: string | null;
  /** Rows skipped as not respondents: every unsur blank; a rekap sheet's computed rows. */
  baris_kosong: BarisDilewati;
  baris_rekap: BarisDilewati;
  /** Rows given the --tanggal date. */
  baris_tanpa_tanggal: number;
  baris_sama: BarisSamaLaporan;
  /** Rows stored (in a dry run: that would be stored). */
  baru: number;
  peringatan: string[];
}

export interface ImportResult {
  uji_coba: boolean;
  berkas: FileReport[];
  masalah: InputProblem[];
  jumlah_masalah: number;
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
    const other = seen.get(f.table.identitas);
    if (other)
      throw new UserError(`${namaTabel(f.table)} sama persis dengan ${other} di perintah yang sama; tidak ada yang diimpor.`, { hint: 'Sebutkan setiap berkas sekali saja.' });
    seen.set(f.table.identitas, namaTabel(f.table));
  }
  const reports: FileReport[] = [];
  const write = !opts.dryRun;
  // The batch writer checks the layanan and desa ids it writes itself (createBatchWriter).
  if (write) beginBulk(db, 'tidak ada yang diimpor');
  try {
    // Rough row count of the new files (Google Forms rows are 150–250 bytes), to pick the lookup strategy.
    // Rows stored before migration 7 get their fingerprint once (a dry run writes nothing: the
    // finder then hashes them itself).
    if (write) fillMissingSidik(db);
    const stored = createIdenticalRowFinder(db, files.reduce((n, f) => n + (f.table.jumlahBaris ?? Math.ceil(f.facts.size / 150)), 0));
    // Rows of the earlier files of this command (a January and a March download imported together).
    const earlier = files.length > 1 ? new Map<number, { berkas: string; line: number }>() : null;
    const layanan = pencocokLayanan(db);
    const desa = pencocokDesa(db);
    for (const f of files) reports.push(importOne(db, f, { ...opts, write, problems, stored, earlier, cocokLayanan: layanan, cocokDesa: desa, layananDefault }));
    if (!problems.empty && write) {
      const summary = files.length === 1 ? `${files[0].facts.name} tidak diimpor` : 'Berkas tidak diimpor';
      problems.throwIfAny(`${summary}: tidak ada yang disimpan`, 'Perbaiki berkas lalu ulangi; basis data tidak berubah.');
    }
    if (write && opts.profilBaru) saveMappingProfil(db, opts.profilBaru.nama, opts.profilBaru.mapping);
  } catch (e) {
    if (write) endBulk(db, false);
    throw e;
  }
  if (write) endBulk(db, true);
  return { uji_coba: !write, berkas: reports, masalah: problems.items, jumlah_masalah: problems.total };
}

interface RunCtx extends ImportOptions {
  write: boolean;
  problems: ProblemList;
  stored: ReturnType<typeof createIdenticalRowFinder>;
  earlier: Map<number, { berkas: string; line: number }> | null;
  cocokLayanan: ReturnType<typeof pencocokLayanan>;
  cocokDesa: ReturnType<typeof pencocokDesa>;
  layananDefault: { id: number; nama: string } | null;
}

function importOne(db: Db, f: PreparedFile, ctx: RunCtx): FileReport {
  const name = namaTabel(f.table);
  const problems = ctx.problems;
  if (f.duplikat)
    problems.add({
      file: name,
      message: `berkas yang sama persis sudah diimpor sebagai batch ${f.duplikat.id} (${f.duplikat.file_name}, diimpor ${formatTanggalJam(f.duplikat.imported_at)}); hapus dulu batch itu (paten survey remove ${f.duplikat.id}) bila ingin mengimpor ulang`,
    });
  // The batch is created at the first new row: a re-export with nothing new stores no empty batch.
  let writer: ReturnType<typeof createBatchWriter> | null = null;
  const write = (row: ResponseRow, sidik: number) => {
    writer ??= createBatchWriter(db, {
      file_name: name,
      sha256: f.table.identitas,
      sumber: ctx.sumber ?? null,
      mapping: JSON.stringify(f.mapping.kolom.map((k) => ({ kolom: k.index + 1, judul: k.judul, target: k.target, aturan: k.aturan }))),
    });
    writer.add(row, sidik);
  };
  const checker = rowCheckerFor(f, ctx);
  const sama = new BarisSama(ctx.barisSama);
  let baru = 0;
  // This file's fingerprints join ctx.earlier only after the file: rows within one file never
  // match each other (two respondents of one file may well answer alike).
  const mine: number[] | null = ctx.earlier ? [] : null;
  const onRecord = (values: string[], line: number) => {
    const row = checker.check(values, line);
    if (!row) return;
    const sidik = rowSidik(row);
    const hit = ctx.stored?.(row, sidik);
    const before = hit ? null : ctx.earlier?.get(sidik);
    if ((hit || before) && sama.skip(row, line, hit ? { batch: hit.batch, berkas: null, line: hit.line } : { batch: null, berkas: before!.berkas, line: before!.line })) return;
    mine?.push(sidik, line);
    baru++;
    if (ctx.write && problems.empty) write(row, sidik);
  };
  const satuan = f.table.format === 'csv' ? 'byte' : 'baris';
  const res = f.table.stream(onRecord, ctx.onProgress ? (done, total) => ctx.onProgress!(name, done, total, satuan) : undefined);
  const summary = checker.finish(res.unclosedQuoteLine);
  if (mine) for (let i = 0; i < mine.length; i += 2) if (!ctx.earlier!.has(mine[i])) ctx.earlier!.set(mine[i], { berkas: name, line: mine[i + 1] });
  const hanyaKode = peringatanKode(f.mapping, f.urutanUnsur);
  if (hanyaKode) summary.peringatan.unshift(hanyaKode);
  sama.finish(problems, { file: f.facts.name, ...(f.table.lembar !== null ? { sheet: f.table.lembar } : {}) });
  const w = writer as ReturnType<typeof createBatchWriter> | null;
  const batch = w && problems.empty ? w.finish(sama.report.dilewati).batchId : null;
  return fileReport(f, { delimiter: res.delimiter, summary, sama: sama.report, batch, baru });
}

/** The row checker of one file: its columns and date rules, the run's matchers and defaults. */
function rowCheckerFor(f: PreparedFile, ctx: RunCtx): RowChecker {
  return new RowChecker(
    {
      name: f.facts.name,
      lembar: f.table.lembar,
      header: f.header,
      headerLine: f.headerLine,
      kolom: f.mapping.kolom,
      urutanUnsur: f.urutanUnsur,
      urutanTanggal: f.urutanTanggal?.urutan ?? 'dmy',
      tanggalUtc: f.mapping.tanggal?.utc,
    },
    {
      problems: ctx.problems,
      cocokLayanan: ctx.cocokLayanan,
      cocokDesa: ctx.cocokDesa,
      layananDefault: f.layananLembar ?? ctx.layananDefault,
      tanggalDefault: ctx.tanggal ?? null,
    },
  );
}

/** What the import says about one file (its JSON shape is the CLI contract). */
function fileReport(
  f: PreparedFile,
  r: { delimiter: string; summary: ReturnType<RowChecker['finish']>; sama: BarisSama['report']; batch: number | null; baru: number },
): FileReport {
  const { summary, baru, batch } = r;
  const used = new Set(f.mapping.kolom.map((k) => k.index));
  const urutan = f.urutanUnsur;
  return {
    berkas: f.facts.name,
    lembar: f.table.lembar,
    format: f.table.format,
    sha256: f.facts.sha256,
    encoding: f.table.format === 'csv' ? f.facts.encoding : null,
    pemisah: f.table.format === 'csv' ? (r.delimiter === '\t' ? 'tab' : r.delimiter) : null,
    baris: summary.baris,
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
    kolom_tanggal: kolomTanggalLaporan(f.mapping.tanggal),
    urutan_tanggal: f.urutanTanggal?.urutan ?? null,
    urutan_tanggal_ditebak: f.urutanTanggal?.dari === 'judul',
    periode: summary.periode,
    jawaban: summary.jawaban,
    layanan_cocok: summary.layanan_cocok,
    layanan_tidak_cocok: summary.layanan_tidak_cocok,
    desa_tidak_cocok: summary.desa_tidak_cocok,
    layanan_lembar: f.layananLembar?.nama ?? null,
    baris_kosong: summary.baris_kosong,
    baris_rekap: summary.baris_rekap,
    baris_tanpa_tanggal: summary.baris_tanpa_tanggal,
    baris_sama: r.sama,
    baru,
    peringatan: summary.peringatan,
  };
}

function kolomTanggalLaporan(t: KolomTanggal | null): FileReport['kolom_tanggal'] {
  return t && { kolom: t.index + 1, judul: t.judul, jenis: t.jenis, alasan: t.alasan, utc: t.utc, dilewati: t.dilewati };
}
