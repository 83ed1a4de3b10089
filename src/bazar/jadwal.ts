/**
 * `bazar jadwal`: proposes a year of bazar dates — every N months on a chosen weekday (the k-th
 * one of the month), moved to another such weekday of the same month when it falls on a national
 * holiday or cuti bersama from data/libur-nasional.csv (a plain file users can edit).
 */
import { UserError, ProblemList } from '../core/errors.js';
import { BULAN, HARI, isValidIsoDate } from '../core/format.js';
import { normalizeText } from '../core/text.js';
import type { CsvTable } from '../core/csv.js';

export interface Libur {
  tanggal: string;
  nama: string;
  jenis: 'libur' | 'cuti-bersama';
}

/** Reads the holiday list; every bad row is reported with its line. */
export function parseLibur(table: CsvTable): Libur[] {
  const col = (name: string) => table.header.findIndex((h) => normalizeText(h) === name);
  const iT = col('tanggal');
  const iN = col('nama');
  const iJ = col('jenis');
  if (iT < 0 || iN < 0) throw new UserError(`${table.file}: kolom "tanggal" dan "nama" wajib ada di baris judul.`, { hint: 'Kolom: tanggal, nama, jenis (libur atau cuti-bersama), keterangan.' });
  const problems = new ProblemList();
  const out: Libur[] = [];
  for (const rec of table.records) {
    const tanggal = (rec.values[iT] ?? '').trim();
    const nama = (rec.values[iN] ?? '').trim();
    const jenisRaw = iJ >= 0 ? normalizeText(rec.values[iJ] ?? '').replace(/\s+/g, '-') : '';
    if (!isValidIsoDate(tanggal)) {
      problems.add({ file: table.file, line: rec.line, column: iT + 1, message: `tanggal "${tanggal}" tidak valid; tulis sebagai TTTT-BB-HH` });
      continue;
    }
    const jenis = jenisRaw === '' || jenisRaw === 'libur' || jenisRaw === 'libur-nasional' ? 'libur' : jenisRaw === 'cuti-bersama' || jenisRaw === 'cuti' ? 'cuti-bersama' : null;
    if (!jenis) {
      problems.add({ file: table.file, line: rec.line, column: iJ + 1, message: `jenis "${rec.values[iJ]}" tidak dikenal; pakai libur atau cuti-bersama` });
      continue;
    }
    out.push({ tanggal, nama: nama || 'Hari libur', jenis });
  }
  problems.throwIfAny(`${table.file}: daftar hari libur tidak dapat dibaca`);
  return out;
}

export function parseHari(v: string): number {
  const t = normalizeText(v).replace(/['’]/g, '');
  const i = HARI.findIndex((h) => normalizeText(h) === t || normalizeText(h).slice(0, 3) === t);
  if (i < 0) throw new UserError(`Hari "${v}" tidak dikenal (argumen --hari): pilih ${HARI.join(', ')}.`);
  return i;
}

export interface JadwalOptions {
  tahun: number;
  /** Every N months (1–12). */
  setiap: number;
  /** Weekday, 0 = Minggu … 6 = Sabtu. */
  hari: number;
  /** Which occurrence of the weekday in the month (1–4). */
  mingguKe: number;
  /** First month (1–12). */
  mulaiBulan: number;
  libur: Libur[];
  /** Also avoid cuti bersama days (default true). */
  hindariCutiBersama?: boolean;
  /** Dates that already have an event: their months get no new proposal. */
  sudahAda?: string[];
}

export interface Usulan {
  tanggal: string;
  bulan: string;
  /** Set when the usual date was a holiday and the event moved within the month. */
  digeser: { dari: string; karena: string } | null;
}

export interface JadwalResult {
  usulan: Usulan[];
  /** Months with no proposal, and why. */
  dilewati: { bulan: string; alasan: string }[];
  /** True when the holiday list has no entry for the year (dates were not checked). */
  tahun_tanpa_libur: boolean;
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** All dates of a weekday in a month, in order. */
export function weekdaysOfMonth(y: number, m: number, hari: number): string[] {
  const out: string[] = [];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= days; d++) if (new Date(Date.UTC(y, m - 1, d)).getUTCDay() === hari) out.push(iso(y, m, d));
  return out;
}

export function usulanJadwal(o: JadwalOptions): JadwalResult {
  if (!Number.isInteger(o.setiap) || o.setiap < 1 || o.setiap > 12) throw new UserError(`--setiap harus 1 sampai 12 bulan, bukan ${o.setiap}.`);
  if (!Number.isInteger(o.mingguKe) || o.mingguKe < 1 || o.mingguKe > 4) throw new UserError(`--minggu-ke harus 1 sampai 4, bukan ${o.mingguKe}.`);
  if (!Number.isInteger(o.mulaiBulan) || o.mulaiBulan < 1 || o.mulaiBulan > 12) throw new UserError(`--mulai-bulan harus 1 sampai 12, bukan ${o.mulaiBulan}.`);
  const hindari = o.hindariCutiBersama ?? true;
  const libur = new Map(o.libur.filter((l) => hindari || l.jenis === 'libur').map((l) => [l.tanggal, l.nama]));
  const sudah = new Set(o.sudahAda ?? []);
  const out: JadwalResult = { usulan: [], dilewati: [], tahun_tanpa_libur: !o.libur.some((l) => l.tanggal.startsWith(`${o.tahun}-`)) };
  for (let m = o.mulaiBulan; m <= 12; m += o.setiap) {
    const bulan = `${BULAN[m - 1]} ${o.tahun}`;
    const all = weekdaysOfMonth(o.tahun, m, o.hari);
    const usual = all[o.mingguKe - 1];
    const prefix = iso(o.tahun, m, 1).slice(0, 8);
    const existing = [...sudah].filter((d) => d.startsWith(prefix)).sort()[0];
    if (existing) {
      out.dilewati.push({ bulan, alasan: `sudah ada acara pada ${existing}` });
      continue;
    }
    if (!libur.has(usual)) {
      out.usulan.push({ tanggal: usual, bulan, digeser: null });
      continue;
    }
    // Nearest other occurrence in the same month: later ones first, then earlier.
    const k = o.mingguKe - 1;
    const order = [...all.slice(k + 1), ...all.slice(0, k).reverse()];
    const alt = order.find((d) => !libur.has(d));
    if (alt) out.usulan.push({ tanggal: alt, bulan, digeser: { dari: usual, karena: libur.get(usual)! } });
    else out.dilewati.push({ bulan, alasan: `semua hari ${HARI[o.hari]} bulan ini libur` });
  }
  return out;
}

/**
 * Venues open every week or every working day (a Mal Pelayanan Publik, a weekly pojok layanan):
 * one event per such day from the first month to the end of the year, holidays (and cuti bersama
 * unless allowed) skipped rather than moved: the office is simply closed that day.
 */
export interface SeriOptions {
  tahun: number;
  /** 'minggu': every `setiap` weeks on `hari`; 'hari-kerja': every Monday–Friday. */
  pola: { jenis: 'minggu'; hari: number; setiap: number } | { jenis: 'hari-kerja' };
  mulaiBulan: number;
  libur: Libur[];
  hindariCutiBersama?: boolean;
  /** Dates that already have an event: skipped. */
  sudahAda?: string[];
}

export interface SeriResult {
  usulan: Usulan[];
  /** Days of the series not proposed, and why (holidays, existing events). */
  dilewati: { tanggal: string; alasan: string }[];
  tahun_tanpa_libur: boolean;
}

export function usulanSeri(o: SeriOptions): SeriResult {
  if (!Number.isInteger(o.mulaiBulan) || o.mulaiBulan < 1 || o.mulaiBulan > 12) throw new UserError(`--mulai-bulan harus 1 sampai 12, bukan ${o.mulaiBulan}.`);
  if (o.pola.jenis === 'minggu' && (!Number.isInteger(o.pola.setiap) || o.pola.setiap < 1 || o.pola.setiap > 26))
    throw new UserError(`--setiap-minggu harus 1 sampai 26 minggu, bukan ${o.pola.setiap}.`);
  const hindari = o.hindariCutiBersama ?? true;
  const libur = new Map(o.libur.filter((l) => hindari || l.jenis === 'libur').map((l) => [l.tanggal, l.nama]));
  const sudah = new Set(o.sudahAda ?? []);
  const out: SeriResult = { usulan: [], dilewati: [], tahun_tanpa_libur: !o.libur.some((l) => l.tanggal.startsWith(`${o.tahun}-`)) };
  let nth = 0;
  for (let t = Date.UTC(o.tahun, o.mulaiBulan - 1, 1); new Date(t).getUTCFullYear() === o.tahun; t += 86_400_000) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    const tanggal = iso(o.tahun, d.getUTCMonth() + 1, d.getUTCDate());
    if (o.pola.jenis === 'hari-kerja' ? wd === 0 || wd === 6 : wd !== o.pola.hari) continue;
    // Every N weeks counts the series' own weeks, holidays included (a holiday does not shift it).
    if (o.pola.jenis === 'minggu' && nth++ % o.pola.setiap !== 0) continue;
    if (sudah.has(tanggal)) out.dilewati.push({ tanggal, alasan: 'sudah ada acara' });
    else if (libur.has(tanggal)) out.dilewati.push({ tanggal, alasan: libur.get(tanggal)! });
    else out.usulan.push({ tanggal, bulan: `${BULAN[d.getUTCMonth()]} ${o.tahun}`, digeser: null });
  }
  return out;
}
