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

/**
 * Sums of one cell being written. Respondents who answered all nine are the common case: for them
 * nn, xn and nx follow from their count and their Σ x_u, added once in `sums()`, so a complete
 * row costs the 45 products only.
 */
export class SelSilang {
  readonly v = new Float64Array(SILANG_LEN);
  private lengkap = 0;
  private readonly sLengkap = new Float64Array(9);

  /** x: the nine answers, 0 = blank. */
  add(x: ArrayLike<number>): void {
    const v = this.v;
    let answered = 0;
    for (let u = 0; u < 9; u++) if (x[u] !== 0) answered++;
    if (answered === 0) return;
    v[OFS.isi]++;
    for (let u = 0; u < 9; u++) v[OFS.q + u] += x[u] * x[u];
    // pairs in PASANGAN order: (0,1) (0,2) … (7,8)
    if (answered === 9) {
      this.lengkap++;
      for (let u = 0, p = OFS.xx; u < 9; u++) {
        const a = x[u];
        this.sLengkap[u] += a;
        for (let w = u + 1; w < 9; w++, p++) v[p] += a * x[w];
      }
      return;
    }
    for (let u = 0, p = 0; u < 9; u++) {
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

  /** The finished sums in SILANG_COLS order. */
  sums(): number[] {
    const out = Array.from(this.v);
    for (let p = 0; p < P; p++) {
      out[OFS.nn + p] += this.lengkap;
      out[OFS.xn + p] += this.sLengkap[PASANGAN[p][0]];
      out[OFS.nx + p] += this.sLengkap[PASANGAN[p][1]];
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
