/**
 * The header stage of `paten survey import`: which of a table's first records holds the column
 * titles, and which later records are not respondents at all. Real files are not tidy: an Excel
 * rekap sheet ("pengolahan data") has title rows above the header, a header over two rows (a merged
 * "Unsur Pelayanan" cell over U1…U9), and footer rows (JUMLAH, NRR, NRR Tertimbang, IKM, MUTU)
 * below the answers. The header is found by what its cells say (unsur names, codes, profile
 * fields), not by its width; footer rows are recognised by their label and skipped, never counted.
 */
import { unsurUntukLabel } from '../skm/unsur.js';
import { kelasJudul } from './mapping.js';

/** Records searched for the header row (rekap sheets put a few title rows above it). */
export const HEADER_SEARCH = 20;

/** How much a cell looks like a column title of a survey export. */
function skorJudul(cell: string): number {
  const t = cell.trim();
  // Bare numbers are answers (or row numbers), never titles: "3" is not the code of unsur 3.
  if (t === '' || /^[\d.,\s]+$/.test(t)) return 0;
  // Nor are answer labels: a respondent's "Cepat" or "Kompeten" is not the title of an unsur.
  if (unsurUntukLabel(t).length > 0) return 0;
  const k = kelasJudul(t);
  if (k.jenis === 'unsur' || k.jenis === 'ambigu' || k.jenis === 'meta') return 2;
  if (k.jenis === 'kode') return k.nomor >= 1 && k.nomor <= 9 ? 1 : 0;
  return 0;
}

function skorBaris(cells: string[]): number {
  let s = 0;
  for (const c of cells) s += skorJudul(c);
  return s;
}

/** The width rule of old: the first record filled at least half as wide as the widest. */
function byWidth(records: string[][]): number {
  const filled = records.slice(0, HEADER_SEARCH).map((r) => r.filter((v) => v.trim() !== '').length);
  const widest = Math.max(...filled);
  return Math.max(0, filled.findIndex((n) => n >= 2 && n * 2 >= widest));
}

/**
 * A header over two rows: each column's title is whichever of its two cells reads more like a
 * title, the lower one on a tie, the upper one where the lower is empty ("No", "Nama" span both
 * rows; a merged "Unsur Pelayanan" over U1…U9 gives way to the codes; "Persyaratan" over "U1" stays).
 */
export function gabungJudul(atas: string[], bawah: string[]): string[] {
  const n = Math.max(atas.length, bawah.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (atas[i] ?? '').trim();
    const b = (bawah[i] ?? '').trim();
    out.push(b === '' || skorJudul(a) > skorJudul(b) ? a : b);
  }
  return out;
}

export interface HeaderFound {
  /** Index of the (last) header record in the records given. */
  index: number;
  /** Index of the upper record of a two-row header, or null. */
  atas: number | null;
  header: string[];
}

/**
 * Finds the header among the first records: the record whose cells read most like survey column
 * titles; when the record below it adds titles (a two-row header), both are combined. Falls back
 * to the width rule for headers paten does not recognise at all (the mapping then asks or fails).
 */
export function findHeader(records: string[][]): HeaderFound {
  const n = Math.min(records.length, HEADER_SEARCH);
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < n; i++) {
    const s = skorBaris(records[i]);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  if (best < 0 || bestScore < 3) {
    const i = byWidth(records);
    return { index: i, atas: null, header: records[i] ?? [] };
  }
  // A title row right below the best one (codes under names, or names under a group cell) is the
  // lower half of the header, never a respondent.
  const below = records[best + 1];
  if (below && skorBaris(below) >= 3) return { index: best + 1, atas: best, header: gabungJudul(records[best], below) };
  // The row above may be the upper half: "No", "Nama" and a merged "Unsur Pelayanan" over U1…U9.
  // It fills the columns the best row leaves empty; a one-cell title row above does not count.
  const above = best > 0 ? records[best - 1] : undefined;
  const filled = (r: string[]) => r.filter((v) => v.trim() !== '').length;
  if (above && filled(above) >= 2 && above.some((v, i) => v.trim() !== '' && (records[best][i] ?? '').trim() === ''))
    return { index: best, atas: best - 1, header: gabungJudul(above, records[best]) };
  return { index: best, atas: null, header: records[best] };
}

/** The header row index only (kept for callers that need no more). */
export function headerIndex(records: string[][]): number {
  return findHeader(records).index;
}

/**
 * Labels of a rekap sheet's computed rows: totals, averages, the weighted NRR, the IKM itself, its
 * mutu, and the conversion lines, in the spellings offices use.
 */
const REKAP_RE =
  /^(jumlah|jml\.?|total|sub ?total|nrr|n\.?r\.?r|nilai( rata| rerata| per| unsur| ikm| interval| konversi| persepsi)?|rata|rerata|ikm|i\.?k\.?m|indeks|mutu|kinerja|kategori|konversi|bobot|tertimbang|persentase|prosentase|skor|rekap)\b/i;

/** True when a label (the first text of a row, left of the answers) names a computed row. */
export function isLabelRekap(label: string): boolean {
  return REKAP_RE.test(label.trim().replace(/^[\s.:*-]+/, ''));
}
