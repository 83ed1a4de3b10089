/**
 * Indonesian formatting for user-facing text (83,38; 1.234; 23 November 2026) and exact
 * half-up rounding. `--json` and CSV outputs use plain numbers and never pass through here.
 */

export const BULAN = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jumat", 'Sabtu'] as const;

/**
 * Rounds half away from zero on the decimal value, the way Excel's ROUND and published SKM tables do:
 * the value is first reduced to 15 significant digits (as Excel displays it), so 1.005 → 1.01 and a
 * computed 83.62499999999999 → 83.63.
 */
export function roundHalfUp(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  const clean = Number(abs.toPrecision(15));
  const [mant, exp] = clean.toExponential().split('e');
  const shifted = Number(`${mant}e${Number(exp) + decimals}`);
  const rounded = Math.round(shifted);
  return sign * Number(`${rounded}e-${decimals}`);
}

/** Plain fixed-decimals string with exact half-up rounding ("83.38"), for CSV/JSON-adjacent text. */
export function toFixedHalfUp(value: number, decimals: number): string {
  return roundHalfUp(value, decimals).toFixed(decimals);
}

/** Indonesian number: thousands with ".", decimals with "," (1.234,56). */
export function formatAngka(value: number, decimals = 0): string {
  const fixed = toFixedHalfUp(value, decimals);
  const negative = fixed.startsWith('-');
  const [intPart, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? `,${frac}` : '');
}

/** Percentage in Indonesian format: 12,5%. */
export function formatPersen(fraction: number, decimals = 1): string {
  return `${formatAngka(fraction * 100, decimals)}%`;
}

/** Parses YYYY-MM-DD (or a Date) into its calendar parts without any time-zone shift. */
function parts(date: string | Date): { y: number; m: number; d: number } {
  if (date instanceof Date) return { y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() };
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new Error(`tanggal tidak valid: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** "23 November 2026". */
export function formatTanggal(date: string | Date): string {
  const { y, m, d } = parts(date);
  return `${d} ${BULAN[m - 1]} ${y}`;
}

/** "2026-11-23 08:44:10" → "23 November 2026 08.44" (Indonesian time separator). */
export function formatTanggalJam(stamp: string): string {
  const jam = /[ T](\d{2}):(\d{2})/.exec(stamp);
  return formatTanggal(stamp) + (jam ? ` ${jam[1]}.${jam[2]}` : '');
}

/** "Senin, 23 November 2026". */
export function formatTanggalHari(date: string | Date): string {
  const { y, m, d } = parts(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${HARI[dow]}, ${d} ${BULAN[m - 1]} ${y}`;
}

/** Local calendar date as YYYY-MM-DD (the office's own day, never shifted to UTC). */
export function isoDateLocal(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** Local timestamp as YYYY-MM-DD HH:MM:SS. */
export function isoDateTimeLocal(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${isoDateLocal(date)} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** Validates a YYYY-MM-DD string as a real calendar date. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}
