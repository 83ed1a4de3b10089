/**
 * One cell of a survey row read as what it means: an unsur answer (1–4 from digits, letters, the
 * unsur's labels or "4 - Sangat sesuai"), a gender, an age, or optional text. Pure functions, used
 * per row by the row checker (src/survey/periksa.ts), so they do no allocation they can avoid.
 */
import { skorLabel, type UnsurKey } from '../skm/unsur.js';

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

export function normalJenisKelamin(v: string): string {
  const t = v.trim().toLowerCase().replace(/[\s._-]+/g, ' '); // Kobo choice names: laki_laki
  if (t === 'l' || t === 'laki laki' || t === 'lakilaki' || t === 'pria' || t === 'male' || t === 'laki') return 'L';
  if (t === 'p' || t === 'perempuan' || t === 'wanita' || t === 'female') return 'P';
  return v.trim();
}

export function parseUsia(v: string): number | null | undefined {
  const m = /^(\d{1,3})\s*(tahun|thn|th)?\.?$/i.exec(v.trim());
  if (!m) return v.trim() === '' ? null : undefined;
  const n = Number(m[1]);
  return n >= 5 && n <= 120 ? n : undefined;
}

export function blankToNull(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}
