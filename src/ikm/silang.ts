/**
 * Σ ψ² of the 95% interval (src/ikm/interval.ts) from aggregates: n and Σ per unsur (survey_agg)
 * and the cross-product sums of survey_agg_silang (src/survey/silang.ts), so the interval of a
 * year of a million responses costs a few thousand aggregate rows, not a pass over the raw rows.
 *
 * With m_u = S_u/n_u, expanding ψ_i = Σ_u [answered u](x_iu − m_u)/n_u gives
 *   Σ_i ψ_i² = Σ_u (Q_u·n_u − S_u²)/n_u³ + 2·Σ_{u<v} T_uv/(n_u·n_v)²,
 *   T_uv = XX_uv·n_u·n_v − S_v·n_u·XN_uv − S_u·n_v·NX_uv + S_u·S_v·NN_uv,
 * every term an integer over an integer. It is evaluated exactly (BigInt) and rounded once, so it
 * is the correctly rounded Σ ψ², the same double as the exact pass over the raw rows
 * (psiDariJawaban), whatever order the rows were stored or summed in.
 */
import { OFS, PASANGAN } from '../survey/silang.js';
import type { Sel } from './hitung.js';
import { lcm, ratioToNumber, type Psi } from './interval.js';

/** Σ ψ² and the respondents with an answer, from a period's n/Σ (sel) and its summed cross-product sums. */
export function psiDariSilang(sel: Sel, sums: ArrayLike<number>): Psi {
  const n = sel.n.map(BigInt);
  const s = sel.s.map(BigInt);
  const at = (i: number) => BigInt(sums[i]);
  let L = 1n;
  for (const k of n) if (k > 0n) L = lcm(L, k);
  const L2 = L * L;
  const den = L2 * L2;
  let num = 0n;
  for (let u = 0; u < 9; u++) {
    if (n[u] === 0n) continue;
    num += (at(OFS.q + u) * n[u] - s[u] * s[u]) * (den / (n[u] * n[u] * n[u]));
  }
  PASANGAN.forEach(([u, v], p) => {
    if (n[u] === 0n || n[v] === 0n) return;
    const t = at(OFS.xx + p) * n[u] * n[v] - s[v] * n[u] * at(OFS.xn + p) - s[u] * n[v] * at(OFS.nx + p) + s[u] * s[v] * at(OFS.nn + p);
    const f = L2 / (n[u] * n[v]);
    num += 2n * t * f * f;
  });
  return { responden: Number(sums[OFS.isi]), psi2: ratioToNumber(num, den) };
}
