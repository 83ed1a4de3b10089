/**
 * Cross-product sums of the answers (survey_agg_silang, migration 12): per batch × day × layanan,
 * what the 95% interval of the IKM (src/ikm/silang.ts) needs besides n and Σ per unsur, so that
 * the interval of any period is read from a few thousand aggregate rows instead of every raw row.
 * With x_u a respondent's answer to unsur u (blank = not answered):
 *   isi        respondents with at least one answer
 *   q<u>       Σ x_u²
 *   xx<u><v>   Σ x_u·x_v   over respondents who answered both u and v (u < v)
 *   nn<u><v>   how many answered both
 *   xn<u><v>   Σ x_u       over those who answered both
 *   nx<u><v>   Σ x_v       over those who answered both
 * Unsur numbers are 1–9 in definition order (UNSUR_KEYS). Every sum is an integer, so adding and
 * subtracting cells is exact. The cell has no desa: 154 columns per day × layanan × desa would be
 * 20× the rows (110 MB and 1.4 s more per million imported responses, measured) for an interval
 * nobody asks per desa.
 */
import { UNSUR_KEYS } from '../skm/unsur.js';

/** Unsur index pairs u < v in column order. */
export const PASANGAN: readonly (readonly [number, number])[] = UNSUR_KEYS.flatMap((_, u) => UNSUR_KEYS.slice(u + 1).map((__, j) => [u, u + 1 + j] as const));

const P = PASANGAN.length; // 36
/** Offsets of each group in a sums vector (SILANG_COLS order). */
export const OFS = { isi: 0, q: 1, xx: 10, nn: 10 + P, xn: 10 + 2 * P, nx: 10 + 3 * P } as const;
const pair = (p: string) => PASANGAN.map(([u, v]) => `${p}${u + 1}${v + 1}`);
/** The sums columns of survey_agg_silang, in vector order. */
export const SILANG_COLS: readonly string[] = ['isi', ...UNSUR_KEYS.map((_, u) => `q${u + 1}`), ...pair('xx'), ...pair('nn'), ...pair('xn'), ...pair('nx')];
export const SILANG_LEN = SILANG_COLS.length; // 154

/** Doubles per cell of SelSilang: the sums, then the count of complete respondents and their Σ x_u. */
const LEBAR = SILANG_LEN + 10;
const LENGKAP = SILANG_LEN;

/**
 * The sums of the cells being written, cell after cell in one growing Float64Array (a batch has a
 * few thousand cells: no object and no array per cell). Respondents who answered all nine are the
 * common case: for them nn, xn and nx follow from their count and their Σ x_u, added once in
 * `sums()`, so a complete row costs the 45 products only.
 */
export class SelSilang {
  private v = new Float64Array(LEBAR * 256);
  private n = 0;

  /** How many cells there are. */
  get length(): number {
    return this.n;
  }

  /** A new cell, all sums zero; returns its number (0, 1, 2…). */
  baru(): number {
    if ((this.n + 1) * LEBAR > this.v.length) {
      const v = new Float64Array(this.v.length * 2);
      v.set(this.v);
      this.v = v;
    }
    return this.n++;
  }

  /** Adds a respondent to cell `sel`; x: the nine answers, 0 = blank. */
  add(sel: number, x: ArrayLike<number>): void {
    const v = this.v;
    const o = sel * LEBAR;
    let answered = 0;
    for (let u = 0; u < 9; u++) if (x[u] !== 0) answered++;
    if (answered === 0) return;
    v[o + OFS.isi]++;
    for (let u = 0; u < 9; u++) v[o + OFS.q + u] += x[u] * x[u];
    // pairs in PASANGAN order: (0,1) (0,2) … (7,8)
    if (answered === 9) {
      v[o + LENGKAP]++;
      for (let u = 0, p = o + OFS.xx; u < 9; u++) {
        const a = x[u];
        v[o + LENGKAP + 1 + u] += a;
        for (let w = u + 1; w < 9; w++, p++) v[p] += a * x[w];
      }
      return;
    }
    for (let u = 0, p = o; u < 9; u++) {
      const a = x[u];
      for (let w = u + 1; w < 9; w++, p++) {
        const b = x[w];
        if (a === 0 || b === 0) continue;
        v[OFS.xx + p] += a * b;
        v[OFS.nn + p]++;
        v[OFS.xn + p] += a;
        v[OFS.nx + p] += b;
      }
    }
  }

  /** The finished sums of cell `sel` in SILANG_COLS order. */
  sums(sel: number): number[] {
    const o = sel * LEBAR;
    const out = Array.from(this.v.subarray(o, o + SILANG_LEN));
    const lengkap = this.v[o + LENGKAP];
    for (let p = 0; p < P; p++) {
      out[OFS.nn + p] += lengkap;
      out[OFS.xn + p] += this.v[o + LENGKAP + 1 + PASANGAN[p][0]];
      out[OFS.nx + p] += this.v[o + LENGKAP + 1 + PASANGAN[p][1]];
    }
    return out;
  }
}

/** The same sums as SQL aggregates over survey_response rows (SILANG_COLS order). */
export function silangSql(): string {
  const u = (i: number) => `u_${UNSUR_KEYS[i]}`;
  return [
    `COUNT(COALESCE(${UNSUR_KEYS.map((_, i) => u(i)).join(', ')}))`,
    ...UNSUR_KEYS.map((_, i) => `COALESCE(SUM(${u(i)} * ${u(i)}), 0)`),
    ...PASANGAN.map(([a, b]) => `COALESCE(SUM(${u(a)} * ${u(b)}), 0)`),
    ...PASANGAN.map(([a, b]) => `COUNT(${u(a)} * ${u(b)})`),
    ...PASANGAN.map(([a, b]) => `COALESCE(SUM(CASE WHEN ${u(b)} IS NOT NULL THEN ${u(a)} END), 0)`),
    ...PASANGAN.map(([a, b]) => `COALESCE(SUM(CASE WHEN ${u(a)} IS NOT NULL THEN ${u(b)} END), 0)`),
  ].join(', ');
}
