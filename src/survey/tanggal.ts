/**
 * Survey timestamps as exports write them: id-ID `19/11/2023 14.03.10`, en-US `11/19/2023 2:03:10 PM`,
 * Google Forms `2023/11/19 2:03:10 PM GMT+7`, ISO `2023-11-19T14:03:10+07:00`, `19 November 2023`,
 * `Senin, 3 Februari 2025 pukul 14.05`, `February 3, 2025`, Excel serials (`45691.5849`), `20250203`.
 * The calendar day written in the file is kept as is: a zone suffix is ignored, never converted
 * (1 January 05:58 GMT+7 stays 1 January). Only a column known to hold UTC (Kobo's `_submission_time`)
 * is converted, with `{ utc: true }`, to WIB.
 */

/** Day-first (Indonesian) or month-first (US) for dates like 05/11/2023. */
export type UrutanTanggal = 'dmy' | 'mdy';

export interface Stempel {
  /** YYYY-MM-DD */
  tanggal: string;
  /** HH:MM:SS, or null when the value has no time. */
  waktu: string | null;
}

export interface StempelOpsi {
  /**
   * The column holds UTC (Kobo `_submission_time`, ODK `SubmissionDate`): a value with no zone, `Z`
   * or `+00:00` gets WIB_JAM hours added (which may move it to the next day). A value that states
   * another offset (`+07:00`, `+08:00`) is already the respondent's wall clock and is kept as written.
   */
  utc?: boolean;
}

/** Hours from UTC to the local time UTC values are converted to (WIB). */
export const WIB_JAM = 7;

// Every pattern is built once: parseStempel runs once per imported row.
const ZONA = String.raw`(?:\s*(z|(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|gmt|utc|wib|wita|wit))?`;
const JAM = String.raw`(?:(?:,\s*|\s+(?:(?:pukul|jam|pk\.?)\s*)?|t)(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2})(?:[.,]\d+)?)?\s*([ap])?(?:\.?\s?m\.?)?)?`;
const HARI = String.raw`(?:[a-z'’]+(?:,\s*|\s+))?`;
/** Groups: 1–3 date, 4–7 time (hour, minute, second, a/p), 8 zone. The same layout in the three below. */
const RE_ANGKA = new RegExp(String.raw`^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})${JAM}${ZONA}$`, 'i');
const RE_NAMA = new RegExp(String.raw`^${HARI}(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4}|\d{2})${JAM}${ZONA}$`, 'i');
const RE_NAMA_US = new RegExp(String.raw`^${HARI}([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})${JAM}${ZONA}$`, 'i');
/** An Excel serial day number (fraction = time of day), or YYYYMMDD from a database export. */
const RE_SERIAL = /^(\d{5,8})(?:[.,](\d+))?$/;
const RE_UTC_NOL = /^(?:z|gmt|utc|(?:gmt|utc)?\s*[+-]\s*0{1,2}(?::?0{2})?)$/i;
/** MySQL's zero date, and a dash: "no date", not an unreadable date. */
const RE_KOSONG = /^(?:-|0{4}-0{2}-0{2}(?:[ t]\d{2}:\d{2}:\d{2}(?:\.\d+)?)?|0{2}[/.\-]0{2}[/.\-]0{4})?$/i;

const BULAN: Record<string, number> = {};
[
  ['januari', 'january', 'jan'],
  ['februari', 'february', 'feb', 'pebruari', 'peb'],
  ['maret', 'march', 'mar'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['agustus', 'august', 'agu', 'agt', 'ags', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nopember', 'nov', 'nop'],
  ['desember', 'december', 'des', 'dec'],
].forEach((names, i) => names.forEach((n) => (BULAN[n] = i + 1)));

const p2 = (n: number) => (n < 10 ? '0' : '') + n;
const HARI_DETIK = 86400;

/** Seconds since midnight; null when the value has no time; NaN when the time is impossible. */
function detik(h?: string, mi?: string, se?: string, ampm?: string): number | null {
  if (h === undefined) return null;
  let hour = Number(h);
  const min = Number(mi);
  const sec = se === undefined ? 0 : Number(se);
  if (ampm) {
    if (hour < 1 || hour > 12) return NaN;
    const pm = ampm.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return detikJam(hour, min, sec);
}

function tahun(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

const HARI_PER_BULAN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function hariDalamBulan(y: number, m: number): number {
  const kabisat = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && kabisat ? 29 : HARI_PER_BULAN[m - 1];
}

/** A real calendar date (arithmetic only: this runs once per imported row). */
function tanggalAda(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= hariDalamBulan(y, m);
}

/** The result, with `geser` seconds added to a value that has a time (a UTC → WIB conversion). */
function hasil(y: number, m: number, d: number, s: number | null, geser = 0): Stempel | null {
  if (Number.isNaN(s) || !tanggalAda(y, m, d)) return null;
  if (s !== null && geser) {
    s += geser;
    if (s >= HARI_DETIK) {
      s -= HARI_DETIK;
      if (++d > hariDalamBulan(y, m)) {
        d = 1;
        if (++m > 12) {
          m = 1;
          y++;
        }
      }
    }
  }
  const waktu = s === null ? null : `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
  return { tanggal: `${y}-${p2(m)}-${p2(d)}`, waktu };
}

/** Seconds to add to a value of a UTC column: none when the value states a non-zero offset. */
function geserUtc(opsi: StempelOpsi, zona: string | undefined): number {
  if (!opsi.utc) return 0;
  return zona === undefined || RE_UTC_NOL.test(zona) ? WIB_JAM * 3600 : 0;
}

/** Year, month, day of a day count since 1970-01-01 (proleptic Gregorian, integer arithmetic). */
function dariHari(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * An Excel serial (1900 date system) as a date, the fraction as the time of day rounded to the
 * second. Excel counts a 29 February 1900 that never was (Lotus 1-2-3's leap-year bug): serial 60 is
 * that day and gives null, serials 1–59 count from 31 December 1899, 61 and later from 30 December 1899.
 */
export function tanggalSerialExcel(serial: number, geser = 0): Stempel | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const total = Math.round(serial * HARI_DETIK);
  const hari = Math.floor(total / HARI_DETIK);
  if (hari === 60) return null;
  const [y, m, d] = dariHari(hari - (hari < 60 ? 25568 : 25569));
  return hasil(y, m, d, Number.isInteger(serial) ? null : total - hari * HARI_DETIK, geser);
}

/** Digits of t[from, to) as a number, or -1 when one is not a digit. */
function angka(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Where the run of one or two digits starting at `from` ends, or -1. */
function ujungDigit(t: string, from: number): number {
  const c = (k: number) => t.charCodeAt(k) - 48;
  if (!(c(from) >= 0 && c(from) <= 9)) return -1;
  return c(from + 1) >= 0 && c(from + 1) <= 9 ? from + 2 : from + 1;
}

const SEP_TANGGAL = (c: number) => c === 47 || c === 46 || c === 45; // / . -
const SEP_JAM = (c: number) => c === 58 || c === 46; // : .

/**
 * The most common export shape, `19/11/2023 14.03.10` (day or month, one or two digits, a
 * four-digit year, one space, hour, minute and second), read without the regular expression: the
 * same result as RE_ANGKA's branch of parseStempel for exactly these values, undefined for any other.
 */
function stempelSederhana(t: string, urutan: UrutanTanggal, opsi: StempelOpsi): Stempel | null | undefined {
  const e1 = ujungDigit(t, 0);
  if (e1 < 0 || !SEP_TANGGAL(t.charCodeAt(e1))) return undefined;
  const e2 = ujungDigit(t, e1 + 1);
  if (e2 < 0 || !SEP_TANGGAL(t.charCodeAt(e2)) || t.charCodeAt(e2 + 5) !== 32) return undefined;
  const y = angka(t, e2 + 1, e2 + 5);
  const e3 = ujungDigit(t, e2 + 6);
  if (y < 0 || e3 < 0 || !SEP_JAM(t.charCodeAt(e3))) return undefined;
  const e4 = ujungDigit(t, e3 + 1);
  if (e4 < 0 || !SEP_JAM(t.charCodeAt(e4))) return undefined;
  const e5 = ujungDigit(t, e4 + 1);
  if (e5 !== t.length) return undefined;
  const a = angka(t, 0, e1);
  const b = angka(t, e1 + 1, e2);
  const s = detikJam(angka(t, e2 + 6, e3), angka(t, e3 + 1, e4), angka(t, e4 + 1, e5));
  const geser = geserUtc(opsi, undefined);
  return urutan === 'dmy' ? hasil(y, b, a, s, geser) : hasil(y, a, b, s, geser);
}

/** Seconds since midnight of a 24-hour time; NaN when impossible. */
function detikJam(hour: number, min: number, sec: number): number {
  return hour > 23 || min > 59 || sec > 59 ? NaN : hour * 3600 + min * 60 + sec;
}

/** Parses one timestamp cell; null when it cannot be read as a date in the given order. */
export function parseStempel(raw: string, urutan: UrutanTanggal, opsi: StempelOpsi = {}): Stempel | null {
  const t = raw.trim();
  const cepat = stempelSederhana(t, urutan, opsi);
  return cepat !== undefined ? cepat : bacaStempel(t, urutan, opsi);
}

/** parseStempel by the regular expressions alone, for every shape (t trimmed). */
export function bacaStempel(t: string, urutan: UrutanTanggal, opsi: StempelOpsi = {}): Stempel | null {
  let m = RE_ANGKA.exec(t);
  if (m) {
    const s = detik(m[4], m[5], m[6], m[7]);
    const geser = geserUtc(opsi, m[8]);
    if (m[1].length === 4) return hasil(Number(m[1]), Number(m[2]), Number(m[3]), s, geser);
    if (m[3].length !== 4 && m[3].length !== 2) return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    return urutan === 'dmy' ? hasil(tahun(m[3]), b, a, s, geser) : hasil(tahun(m[3]), a, b, s, geser);
  }
  m = RE_SERIAL.exec(t);
  if (m) {
    if (m[1].length === 8)
      return m[2] === undefined ? hasil(Number(m[1].slice(0, 4)), Number(m[1].slice(4, 6)), Number(m[1].slice(6)), null) : null;
    if (m[1].length === 7) return null;
    const frac = m[2] !== undefined && /[1-9]/.test(m[2]) ? m[2] : undefined;
    return tanggalSerialExcel(frac === undefined ? Number(m[1]) : Number(`${m[1]}.${frac}`), geserUtc(opsi, undefined));
  }
  m = RE_NAMA.exec(t);
  if (m) {
    const bulan = BULAN[m[2].toLowerCase()];
    if (!bulan) return null;
    return hasil(tahun(m[3]), bulan, Number(m[1]), detik(m[4], m[5], m[6], m[7]), geserUtc(opsi, m[8]));
  }
  m = RE_NAMA_US.exec(t);
  if (m) {
    const bulan = BULAN[m[1].toLowerCase()];
    if (!bulan) return null;
    return hasil(Number(m[3]), bulan, Number(m[2]), detik(m[4], m[5], m[6], m[7]), geserUtc(opsi, m[8]));
  }
  return null;
}

/**
 * True when a date cell says "no date": blank, `-`, or MySQL's zero date `0000-00-00` (also with
 * `00:00:00`). Such a row is undated; it is not an unreadable date.
 */
export function tanggalKosong(raw: string): boolean {
  // A value starting with a digit 1–9 is never one (the common case, without the regex).
  const c = raw.charCodeAt(0);
  if (c >= 49 && c <= 57) return false;
  return RE_KOSONG.test(raw.trim());
}

/** True for a value whose day and month could be swapped (05/11/2023), unlike ISO, names or serials. */
function bisaTertukar(raw: string): boolean {
  const m = RE_ANGKA.exec(raw.trim());
  return m !== null && m[1].length !== 4;
}

/** What one value says about the file's date order: 'dmy' (19/11/…), 'mdy' (11/19/…) or nothing. */
export function petunjukUrutan(raw: string): UrutanTanggal | null {
  const m = RE_ANGKA.exec(raw.trim());
  if (!m || m[1].length === 4) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return null;
}

/**
 * Decides the date order of a file from sample values; when they never say (every day ≤ 12), from
 * the header language: Google's English "Timestamp" writes month first, Indonesian headers day first.
 * Values that cannot be swapped (ISO 2025-02-03, 3 Februari 2025, serials) leave nothing to guess.
 */
export function tentukanUrutan(values: string[], judul: string): { urutan: UrutanTanggal; dari: 'nilai' | 'judul' } {
  let dmy = 0;
  let mdy = 0;
  for (const v of values) {
    const h = petunjukUrutan(v);
    if (h === 'dmy') dmy++;
    else if (h === 'mdy') mdy++;
  }
  if (dmy || mdy) return { urutan: dmy >= mdy ? 'dmy' : 'mdy', dari: 'nilai' };
  const filled = values.map((v) => v.trim()).filter(bisaTertukar);
  if (filled.length === 0) return { urutan: 'dmy', dari: 'nilai' };
  // No day above 12: the time format still tells the locale. AM/PM is the US (month-first)
  // export; a "." time separator (14.03.10) is Indonesian (day-first).
  if (filled.every((v) => /\d\s*[ap]\.?\s?m\.?\s*$/i.test(v))) return { urutan: 'mdy', dari: 'nilai' };
  if (filled.every((v) => /\d{1,2}\.\d{2}(\.\d{2})?\s*$/.test(v) && /[/-]/.test(v))) return { urutan: 'dmy', dari: 'nilai' };
  return { urutan: /^\s*timestamp\b/i.test(judul) ? 'mdy' : 'dmy', dari: 'judul' };
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (the stored form of a day, migration 14). */
export function hariDariTanggal(tanggal: string): number {
  let y = Number(tanggal.slice(0, 4));
  const m = Number(tanggal.slice(5, 7));
  const d = Number(tanggal.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** YYYY-MM-DD of a day number (the inverse of hariDariTanggal). */
export function tanggalDariHari(hari: number): string {
  const [y, m, d] = dariHari(hari);
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** Seconds since midnight of an HH:MM:SS time. */
export function detikDariWaktu(waktu: string): number {
  return Number(waktu.slice(0, 2)) * 3600 + Number(waktu.slice(3, 5)) * 60 + Number(waktu.slice(6, 8));
}
