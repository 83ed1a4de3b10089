/**
 * Survey timestamps as exports write them: id-ID `19/11/2023 14.03.10`, en-US `11/19/2023 2:03:10 PM`,
 * Google Forms `2023/11/19 2:03:10 PM GMT+7`, ISO `2023-11-19T14:03:10+07:00`, `19 November 2023`.
 * The calendar day written in the file is kept as is: a zone suffix is ignored, never converted
 * (1 January 05:58 GMT+7 stays 1 January).
 */

/** Day-first (Indonesian) or month-first (US) for dates like 05/11/2023. */
export type UrutanTanggal = 'dmy' | 'mdy';

export interface Stempel {
  /** YYYY-MM-DD */
  tanggal: string;
  /** HH:MM:SS, or null when the value has no time. */
  waktu: string | null;
}

const ZONA = String.raw`(?:\s*(?:z|(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|gmt|utc|wib|wita|wit))?`;
const JAM = String.raw`(?:(?:,\s*|\s+|t)(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2})(?:[.,]\d+)?)?\s*([ap])?(?:\.?\s?m\.?)?)?`;
const RE_ANGKA = new RegExp(String.raw`^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})${JAM}${ZONA}$`, 'i');
const RE_NAMA = new RegExp(String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})${JAM}${ZONA}$`, 'i');

const BULAN: Record<string, number> = {};
[
  ['januari', 'january', 'jan'],
  ['februari', 'february', 'feb', 'pebruari'],
  ['maret', 'march', 'mar'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['agustus', 'august', 'agu', 'agt', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nopember', 'nov', 'nop'],
  ['desember', 'december', 'des', 'dec'],
].forEach((names, i) => names.forEach((n) => (BULAN[n] = i + 1)));

const p2 = (n: number) => (n < 10 ? '0' : '') + n;

function waktu(h?: string, mi?: string, se?: string, ampm?: string): string | null | undefined {
  if (h === undefined) return null;
  let hour = Number(h);
  const min = Number(mi);
  const sec = se === undefined ? 0 : Number(se);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || min > 59 || sec > 59) return undefined;
  return `${p2(hour)}:${p2(min)}:${p2(sec)}`;
}

function tahun(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

const HARI_PER_BULAN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date (arithmetic only: this runs once per imported row). */
function tanggalAda(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const kabisat = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && kabisat ? 29 : HARI_PER_BULAN[m - 1]);
}

function hasil(y: number, m: number, d: number, w: string | null | undefined): Stempel | null {
  if (w === undefined || !tanggalAda(y, m, d)) return null;
  return { tanggal: `${y}-${p2(m)}-${p2(d)}`, waktu: w };
}

/** Parses one timestamp cell; null when it cannot be read as a date in the given order. */
export function parseStempel(raw: string, urutan: UrutanTanggal): Stempel | null {
  const t = raw.trim();
  let m = RE_ANGKA.exec(t);
  if (m) {
    const w = waktu(m[4], m[5], m[6], m[7]);
    if (m[1].length === 4) return hasil(Number(m[1]), Number(m[2]), Number(m[3]), w);
    if (m[3].length !== 4 && m[3].length !== 2) return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    return urutan === 'dmy' ? hasil(tahun(m[3]), b, a, w) : hasil(tahun(m[3]), a, b, w);
  }
  m = RE_NAMA.exec(t);
  if (m) {
    const bulan = BULAN[m[2].toLowerCase()];
    if (!bulan) return null;
    return hasil(Number(m[3]), bulan, Number(m[1]), waktu(m[4], m[5], m[6], m[7]));
  }
  return null;
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
  // No day above 12: the time format still tells the locale. AM/PM is the US (month-first)
  // export; a "." time separator (14.03.10) is Indonesian (day-first).
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (filled.length && filled.every((v) => /\d\s*[ap]\.?\s?m\.?\s*$/i.test(v))) return { urutan: 'mdy', dari: 'nilai' };
  if (filled.length && filled.every((v) => /\d{1,2}\.\d{2}(\.\d{2})?\s*$/.test(v) && /[/-]/.test(v))) return { urutan: 'dmy', dari: 'nilai' };
  return { urutan: /^\s*timestamp\b/i.test(judul) ? 'mdy' : 'dmy', dari: 'judul' };
}
