/**
 * The day's results of a bazar event: each agency's status, officer and residents served per
 * service, from `bazar hadir`, the terminal walkthrough or the day sheet (`bazar catat --file`),
 * validated in full (rencana…) before one transaction writes them (simpanCatat).
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { formatProblem, UserError, ProblemList } from '../core/errors.js';
import { formatAngka, formatTanggal, isoDateLocal, isoDateTimeLocal } from '../core/format.js';
import { clean, normalizeText } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { findInstansi, getInstansi, layananKey, layananMirip, namaPendek, requireInstansi, tambahLayananInstansi, type Instansi } from './instansi.js';
import { assertBolehDicatat, requireAcara, type Acara, type AcaraRingkas } from './acara.js';
import { parseStatusPartisipasi, roster, STATUS_PARTISIPASI, STATUS_PARTISIPASI_LABEL, type RosterLayanan, type StatusPartisipasi } from './partisipasi.js';
import * as store from './store.js';

export interface CatatanInstansi {
  status?: string | null;
  petugas?: string | null;
  catatan?: string | null;
  /** Served counts per service; updates the services it names and keeps the agency's other counts. */
  layanan?: { nama: string; jumlah: string | number }[];
}

/** A served count, validated; `baru` when the service is not on the agency's usual list. */
export interface JumlahLayanan extends RosterLayanan {
  baru: boolean;
}

interface CatatanSah {
  instansi: Instansi;
  status: StatusPartisipasi;
  petugas: string | null | undefined;
  catatan: string | null | undefined;
  layanan: JumlahLayanan[] | undefined;
}

/** Parses a count: whole number ≥ 0; "1.234" (Indonesian thousands) is accepted. */
export function parseJumlah(v: string | number): number | string {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : `jumlah dilayani harus bilangan bulat 0 atau lebih, bukan ${v}`;
  const t = v.trim();
  if (t === '') return 'jumlah dilayani kosong';
  if (/^-\s*\d/.test(t)) return `jumlah dilayani tidak boleh negatif (${t})`;
  if (!/^\d{1,3}(\.\d{3})+$|^\d+$/.test(t)) return `jumlah dilayani "${t}" bukan bilangan bulat`;
  const n = Number(t.replace(/\./g, ''));
  if (!Number.isSafeInteger(n)) return `jumlah dilayani "${t}" terlalu besar`;
  return n;
}

/**
 * Residents one agency can plausibly serve with one service in one day. A busy Dispendukcapil
 * stand records a few hundred KTP-el; a count above this is most likely a typo (an extra zero, a
 * total pasted into one row), so it is accepted but warned about.
 */
export const BATAS_WAJAR_DILAYANI = 2000;

/** The warning for an implausibly large count, or null. */
export function peringatanJumlah(i: { nama: string; singkatan: string | null }, layanan: string, n: number): string | null {
  if (n <= BATAS_WAJAR_DILAYANI) return null;
  return `${namaPendek(i)}, ${layanan}: ${formatAngka(n)} warga dilayani jauh di atas yang wajar untuk satu instansi dalam sehari (lebih dari ${formatAngka(BATAS_WAJAR_DILAYANI)}); tetap dicatat, periksa lagi angkanya`;
}

/** The service name used for counts of an agency that has no service list. */
export const LAYANAN_UMUM = 'Layanan umum';

/** The service a count belongs to when none is named: the agency's only service, or LAYANAN_UMUM. */
export function layananTunggal(i: Instansi): string | null {
  if (i.layanan.length > 1) return null;
  return i.layanan[0]?.nama ?? LAYANAN_UMUM;
}

/**
 * Matches a service name to the agency's usual services, then to services already recorded for
 * it at this event (case, spacing and punctuation ignored). Any other name is a service brought on
 * the day (`baru`), unless it looks like a typo of a known one: that is refused with a suggestion
 * rather than stored as a second, slightly different service.
 */
export function layananInstansi(i: Instansi, nama: string, known: readonly string[] = []): { nama: string; baru: boolean } | { error: string } {
  const t = clean(nama);
  if (!t) return { error: 'nama layanan kosong' };
  const k = layananKey(t);
  const usual = i.layanan.find((l) => layananKey(l.nama) === k);
  if (usual) return { nama: usual.nama, baru: false };
  if (i.layanan.length === 0 && k === layananKey(LAYANAN_UMUM)) return { nama: LAYANAN_UMUM, baru: false };
  const other = known.find((n) => layananKey(n) === k);
  if (other) return { nama: other, baru: true };
  const near = layananMirip(t, [...i.layanan.map((l) => l.nama), ...known]);
  if (near)
    return {
      error: `${namaPendek(i)}: layanan "${t}" mirip "${near}"; tulis "${near}" bila itu yang dimaksud, atau bila memang layanan lain tambahkan dulu ke daftarnya: paten bazar instansi edit "${namaPendek(i)}" --tambah-layanan "${t}"`,
    };
  return { nama: t, baru: true };
}

/** Validates one agency's entry for an event; `recorded` are the services already stored for it there. */
function checkCatatan(
  i: Instansi,
  c: CatatanInstansi,
  recorded: readonly string[] = [],
): { ok: true; value: CatatanSah; peringatan: string[] } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const peringatan: string[] = [];
  let status: StatusPartisipasi = 'hadir';
  const sRaw = clean(c.status);
  if (sRaw) {
    const s = parseStatusPartisipasi(sRaw);
    if (!s) errors.push({ field: 'status', message: `status "${sRaw}" tidak dikenal; pilih ${STATUS_PARTISIPASI.join(', ')}` });
    else status = s;
  }
  let layanan: JumlahLayanan[] | undefined;
  if (c.layanan) {
    layanan = [];
    for (const l of c.layanan) {
      const known = [...recorded, ...layanan.filter((x) => x.baru).map((x) => x.layanan)];
      const m = layananInstansi(i, l.nama, known);
      if ('error' in m) {
        errors.push({ field: 'layanan', message: m.error });
        continue;
      }
      const n = parseJumlah(l.jumlah);
      if (typeof n === 'string') {
        errors.push({ field: 'dilayani', message: `${namaPendek(i)}, ${m.nama}: ${n}` });
        continue;
      }
      const dup = layanan.find((x) => layananKey(x.layanan) === layananKey(m.nama));
      if (dup) errors.push({ field: 'layanan', message: `${namaPendek(i)}: layanan "${m.nama}" disebut dua kali` });
      else layanan.push({ layanan: m.nama, jumlah: n, baru: m.baru });
      const w = peringatanJumlah(i, m.nama, n);
      if (w) peringatan.push(w);
    }
    if (status !== 'hadir' && layanan.some((l) => l.jumlah > 0))
      errors.push({ field: 'dilayani', message: `${namaPendek(i)} berstatus ${STATUS_PARTISIPASI_LABEL[status]}, jadi tidak dapat mencatat warga dilayani` });
  }
  if (errors.length) return { ok: false, errors };
  const value = { instansi: i, status, petugas: c.petugas === undefined ? undefined : clean(c.petugas), catatan: c.catatan === undefined ? undefined : clean(c.catatan), layanan };
  return { ok: true, value, peringatan };
}

/** Services brought on the day by one agency (not on its usual list). */
export interface LayananBaru {
  instansi_id: number;
  instansi: string;
  layanan: string[];
  /** True once they were added to the agency's usual list. */
  disimpan: boolean;
}

/** A validated day's entry, not yet written: what `simpanCatat` will store. */
export interface RencanaCatat {
  acara: AcaraRingkas;
  entries: CatatanSah[];
  layanan_baru: LayananBaru[];
  /** Implausible counts (accepted), with their place in the sheet when there is one. */
  peringatan: string[];
}

export interface CatatResult {
  acara: number;
  tanggal: string;
  /** True when a 'rencana' event was marked 'terlaksana' by this entry. */
  acara_ditandai_terlaksana: boolean;
  /** Agencies whose result for this event is recorded for the first time (an invitation is no result). */
  dicatat: string[];
  /** Of those, the agencies that came without an invitation. */
  tanpa_undangan: string[];
  /** Agencies whose earlier result was changed. */
  diubah: string[];
  tetap: string[];
  dilayani: number;
  layanan_baru: LayananBaru[];
  peringatan: string[];
}

function assertHariSudahTiba(a: Acara, today: string): void {
  if (a.tanggal > today)
    throw new UserError(`Acara #${a.id} baru akan berlangsung ${formatTanggal(a.tanggal)}: kehadiran dicatat pada hari pelaksanaan atau sesudahnya.`, {
      hint: 'Sebelum hari pelaksanaan, catat konfirmasi dengan --status konfirmasi.',
    });
}

/** Stored counts with `updates` applied per service (service names compare by layananKey). */
export function mergeCounts(stored: RosterLayanan[], updates: RosterLayanan[] | undefined): RosterLayanan[] {
  if (!updates) return stored;
  const out = stored.map((l) => ({ ...l }));
  for (const u of updates) {
    const hit = out.find((l) => layananKey(l.layanan) === layananKey(u.layanan));
    if (hit) hit.jumlah = u.jumlah;
    else out.push({ layanan: u.layanan, jumlah: u.jumlah });
  }
  return out;
}

function storedCounts(db: Db, acaraId: number, instansiId: number): RosterLayanan[] {
  return store.selectCounts(db, acaraId, instansiId);
}

function layananBaruOf(entries: CatatanSah[]): LayananBaru[] {
  return entries
    .map((e) => ({ instansi_id: e.instansi.id, instansi: namaPendek(e.instansi), layanan: (e.layanan ?? []).filter((l) => l.baru).map((l) => l.layanan), disimpan: false }))
    .filter((b) => b.layanan.length > 0);
}

/**
 * Writes a validated entry in one transaction. `simpanLayanan` adds the services brought on the
 * day to the usual list of every agency (true) or of the agencies whose ids are given.
 */
export function simpanCatat(db: Db, plan: RencanaCatat, opts: { simpanLayanan?: boolean | readonly number[]; now?: string; today?: string } = {}): CatatResult {
  const a = plan.acara;
  const now = opts.now ?? isoDateTimeLocal();
  if (plan.entries.some((e) => e.status === 'hadir' || e.status === 'tidak-hadir')) assertHariSudahTiba(a, opts.today ?? isoDateLocal());
  const simpanIds = new Set(opts.simpanLayanan === true ? plan.layanan_baru.map((b) => b.instansi_id) : opts.simpanLayanan || []);
  const out: CatatResult = {
    acara: a.id, tanggal: a.tanggal, acara_ditandai_terlaksana: false, dicatat: [], tanpa_undangan: [], diubah: [], tetap: [], dilayani: 0,
    layanan_baru: plan.layanan_baru.map((b) => ({ ...b, disimpan: simpanIds.has(b.instansi_id) })), peringatan: plan.peringatan,
  };
  writeTransaction(db, () => {
    for (const e of plan.entries) {
      const cur = store.selectPartisipasi(db, a.id, e.instansi.id);
      const oldCounts = storedCounts(db, a.id, e.instansi.id);
      const petugas = e.petugas === undefined ? (cur?.petugas ?? null) : e.petugas;
      const catatan = e.catatan === undefined ? (cur?.catatan ?? null) : e.catatan;
      // Counts only exist for agencies that came: a change to another status clears them. New
      // counts update the services they name and keep the others (entered one service at a time).
      const counts = e.status !== 'hadir' ? [] : mergeCounts(oldCounts, e.layanan);
      const same = cur && cur.status === e.status && cur.petugas === petugas && cur.catatan === catatan && JSON.stringify(oldCounts) === JSON.stringify(counts);
      // An invitation (or a confirmation) is not yet a result: the first result is "dicatat".
      const hadResult = !!cur && (oldCounts.length > 0 || !['diundang', 'konfirmasi'].includes(cur.status));
      if (same) {
        out.tetap.push(e.instansi.nama);
      } else {
        store.upsertPartisipasi(db, a.id, e.instansi.id, { status: e.status, petugas, catatan }, now);
        store.replaceCounts(db, a.id, e.instansi.id, counts);
        (hadResult ? out.diubah : out.dicatat).push(e.instansi.nama);
        if (!cur) out.tanpa_undangan.push(e.instansi.nama);
      }
      out.dilayani += counts.reduce((s, l) => s + l.jumlah, 0);
    }
    for (const b of out.layanan_baru) if (b.disimpan) tambahLayananInstansi(db, b.instansi_id, b.layanan, now);
    if (a.status === 'rencana' && plan.entries.some((e) => e.status === 'hadir')) {
      store.markTerlaksana(db, a.id, now);
      out.acara_ditandai_terlaksana = true;
    }
  });
  return out;
}

/** Validates agency entries (from `bazar hadir` or the terminal walkthrough) without writing. */
export function rencanaCatat(db: Db, acaraKey: string, items: (CatatanInstansi & { instansi: string })[]): RencanaCatat {
  const a = requireAcara(db, acaraKey);
  assertBolehDicatat(a, 'kehadiran');
  const entries: CatatanSah[] = [];
  const errors: string[] = [];
  const peringatan: string[] = [];
  for (const item of items) {
    const i = requireInstansi(db, item.instansi);
    const r = checkCatatan(i, item, storedCounts(db, a.id, i.id).map((l) => l.layanan));
    if (!r.ok) errors.push(...r.errors.map((e) => e.message));
    else {
      entries.push(r.value);
      peringatan.push(...r.peringatan);
    }
  }
  if (errors.length === 1) throw new UserError(`Kehadiran tidak dicatat: ${errors[0]}.`);
  if (errors.length) throw new UserError('Kehadiran tidak dicatat:', { details: errors });
  return { acara: a, entries, layanan_baru: layananBaruOf(entries), peringatan };
}

/** `bazar hadir` (one agency) and the interactive walkthrough (several): status, officer and served counts. */
export function catatBanyak(
  db: Db,
  acaraKey: string,
  items: (CatatanInstansi & { instansi: string })[],
  opts: { now?: string; today?: string; simpanLayanan?: boolean } = {},
): CatatResult {
  return simpanCatat(db, rencanaCatat(db, acaraKey, items), opts);
}

export function catatHadir(db: Db, acaraKey: string, instansiKey: string, c: CatatanInstansi, opts: { now?: string; today?: string; simpanLayanan?: boolean } = {}): CatatResult {
  return catatBanyak(db, acaraKey, [{ ...c, instansi: instansiKey }], opts);
}

export const CATAT_CSV_HEADER = ['instansi', 'status', 'petugas', 'layanan', 'dilayani', 'catatan'] as const;

function catatHeaderKey(h: string): Kolom | null {
  const t = normalizeText(h).replace(/[\s/]+/g, '_');
  const map: Record<string, Kolom> = {
    instansi: 'instansi', nama_instansi: 'instansi', singkatan: 'instansi', nama: 'instansi',
    status: 'status', kehadiran: 'status', status_kehadiran: 'status',
    petugas: 'petugas', nama_petugas: 'petugas',
    layanan: 'layanan', jenis_layanan: 'layanan',
    dilayani: 'dilayani', jumlah: 'dilayani', jumlah_dilayani: 'dilayani', warga_dilayani: 'dilayani',
    catatan: 'catatan', keterangan: 'catatan',
  };
  return map[t] ?? null;
}

type Kolom = (typeof CATAT_CSV_HEADER)[number];

/** One agency's rows of the day sheet, combined. */
interface SheetGroup {
  instansi: Instansi;
  lines: number[];
  /** Services already stored for it at this event, and those the sheet adds as brought on the day. */
  recorded: string[];
  baru: string[];
  c: CatatanInstansi & { layanan: { nama: string; jumlah: string }[] };
}

/** The day sheet being read: its columns, and the problems and warnings found so far. */
class DaySheet {
  readonly cols: (Kolom | null)[];
  readonly problems = new ProblemList();
  readonly peringatan: string[] = [];
  constructor(readonly table: CsvTable) {
    this.cols = table.header.map(catatHeaderKey);
  }
  col(k: string): number | undefined {
    const i = this.cols.indexOf(k as Kolom);
    return i >= 0 ? i + 1 : undefined;
  }
  get(rec: { values: string[] }, k: Kolom): string {
    const i = this.cols.indexOf(k);
    return i >= 0 ? (rec.values[i] ?? '').trim() : '';
  }
  at(line: number, k: string, message: string) {
    return { file: this.table.file, sheet: this.table.sheet, line, column: this.col(k), message };
  }
  problem(line: number, k: string, message: string): void {
    this.problems.add(this.at(line, k, message));
  }
}

/** A row's status, officer and note: one value per agency (the same on every row that repeats it). */
function readSheetFields(sheet: DaySheet, g: SheetGroup, rec: { line: number; values: string[] }): void {
  for (const f of ['status', 'petugas', 'catatan'] as const) {
    const v = sheet.get(rec, f);
    if (!v) continue;
    const prev = g.c[f];
    if (prev && normalizeText(prev) !== normalizeText(v)) sheet.problem(rec.line, f, `${namaPendek(g.instansi)}: ${f} "${v}" berbeda dengan baris sebelumnya ("${prev}")`);
    else g.c[f] = v;
  }
}

/** A row's service and count (a count without a service is the agency's only service). */
function readSheetService(sheet: DaySheet, g: SheetGroup, rec: { line: number; values: string[] }): void {
  const i = g.instansi;
  const layanan = sheet.get(rec, 'layanan');
  const jumlah = sheet.get(rec, 'dilayani');
  if (!layanan && !jumlah) return;
  const nama = layanan || layananTunggal(i);
  if (!nama) return sheet.problem(rec.line, 'layanan', `${namaPendek(i)}: kolom layanan kosong padahal jumlah dilayani diisi`);
  const m = layananInstansi(i, nama, [...g.recorded, ...g.baru]);
  if ('error' in m) return sheet.problem(rec.line, 'layanan', m.error);
  if (!jumlah) return; // a service without a count: nothing to record for it
  const n = parseJumlah(jumlah);
  if (typeof n === 'string') return sheet.problem(rec.line, 'dilayani', n);
  if (g.c.layanan.some((l) => layananKey(l.nama) === layananKey(m.nama))) return sheet.problem(rec.line, 'layanan', `${namaPendek(i)}: layanan "${m.nama}" sudah disebut di baris sebelumnya`);
  if (m.baru) g.baru.push(m.nama);
  const w = peringatanJumlah(i, m.nama, n);
  if (w) sheet.peringatan.push(formatProblem(sheet.at(rec.line, 'dilayani', w)));
  g.c.layanan.push({ nama: m.nama, jumlah });
}

/**
 * `bazar catat --file`: the day's sheet, one row per agency and service. Rows of one agency are
 * combined; the file replaces the counts of every agency it names and leaves the others alone.
 * Unknown agencies are all listed and nothing is imported. A service the agency does not usually
 * bring is accepted as brought on the day (see layananInstansi). Validates only: simpanCatat writes.
 */
export function rencanaCatatCsv(db: Db, acaraKey: string, table: CsvTable): RencanaCatat {
  const a = requireAcara(db, acaraKey);
  assertBolehDicatat(a, 'kehadiran');
  const sheet = new DaySheet(table);
  if (!sheet.cols.includes('instansi'))
    throw new UserError(`${tableName(table)}: kolom "instansi" tidak ditemukan di baris judul.`, {
      hint: `Kolom yang dikenali: ${CATAT_CSV_HEADER.join(', ')}. Kolom di berkas: ${table.header.join(', ')}. Buat templat dengan \`paten bazar catat ${a.id} --templat hasil.csv\`.`,
    });
  if (table.records.length === 0) throw new UserError(`${tableName(table)}: tidak ada baris data (hanya baris judul).`);
  const unknown = new ProblemList(200);
  const groups = new Map<number, SheetGroup>();
  for (const rec of table.records) {
    const key = sheet.get(rec, 'instansi');
    if (!key) {
      sheet.problem(rec.line, 'instansi', 'nama instansi kosong');
      continue;
    }
    const i = findInstansi(db, key);
    if (!i) {
      unknown.add(sheet.at(rec.line, 'instansi', `instansi "${key}" tidak dikenal`));
      continue;
    }
    let g = groups.get(i.id);
    if (!g) {
      g = { instansi: i, lines: [], recorded: storedCounts(db, a.id, i.id).map((l) => l.layanan), baru: [], c: { layanan: [] } };
      groups.set(i.id, g);
    }
    g.lines.push(rec.line);
    readSheetFields(sheet, g, rec);
    readSheetService(sheet, g, rec);
  }
  const entries: CatatanSah[] = [];
  for (const g of groups.values()) {
    // A row left blank (no status, count, officer or note) leaves that agency as it is.
    if (!g.c.status && g.c.layanan.length === 0 && !g.c.petugas && !g.c.catatan) continue;
    // (The count warnings were collected above, with their row.)
    const r = checkCatatan(g.instansi, g.c, g.recorded);
    if (!r.ok) for (const e of r.errors) sheet.problem(g.lines[0], e.field, e.message);
    else entries.push(r.value);
  }
  if (!unknown.empty) {
    // Every problem at once, the unknown agencies first, so the sheet is fixed in one go.
    const other = sheet.problems.items.map((p) => formatProblem(p));
    throw new UserError(`${tableName(table)}: ${unknown.total} baris menyebut instansi yang tidak dikenal; tidak ada yang diimpor.`, {
      details: [...unknown.items.map((p) => `baris ${p.line}: ${p.message}`), ...other],
      hint: 'Periksa ejaan (nama lengkap atau singkatan seperti di `paten bazar instansi list`), atau tambahkan instansinya dulu dengan `paten bazar instansi add`.',
    });
  }
  sheet.problems.throwIfAny(`${tableName(table)}: tidak ada yang diimpor`);
  return { acara: a, entries, layanan_baru: layananBaruOf(entries), peringatan: sheet.peringatan };
}

/** `bazar catat --file` in one go: the sheet validated, then stored. */
export function catatCsv(db: Db, acaraKey: string, table: CsvTable, opts: { now?: string; today?: string; simpanLayanan?: boolean } = {}): CatatResult {
  return simpanCatat(db, rencanaCatatCsv(db, acaraKey, table), opts);
}

/**
 * A sheet for `catat --file`: one row per invited agency and service it usually brings, with what
 * is already recorded. Status is left blank for agencies not yet recorded: a count makes them hadir.
 */
export function catatTemplatRows(db: Db, acaraKey: string): string[][] {
  const a = requireAcara(db, acaraKey);
  const rows: string[][] = [];
  for (const r of roster(db, a.id)) {
    const i = getInstansi(db, r.instansi_id);
    const counts = new Map(r.layanan.map((l) => [layananKey(l.layanan), String(l.jumlah)]));
    // The usual services, then any recorded for this event only (brought on the day).
    const names = i.layanan.map((l) => l.nama);
    for (const l of r.layanan) if (!names.some((n) => layananKey(n) === layananKey(l.layanan))) names.push(l.layanan);
    if (names.length === 0) names.push('');
    const status = r.status === 'diundang' || r.status === 'konfirmasi' ? '' : r.status;
    names.forEach((n, k) => rows.push([namaPendek(i), k === 0 ? status : '', k === 0 ? (r.petugas ?? '') : '', n, counts.get(layananKey(n)) ?? '', k === 0 ? (r.catatan ?? '') : '']));
  }
  return rows;
}