/**
 * A 95% confidence interval for the IKM konversi, analytic: the delta method (linearisation) of
 * the sum of the nine unsur means, which respects blanks (each unsur mean has its own n). Each
 * respondent i contributes ψ_i = Σ_u [answered u] (x_iu − mean_u) / n_u, and
 * Var(Σ_u mean_u) ≈ n/(n−1) · Σ_i ψ_i². It is the large-sample equivalent of a bootstrap over
 * respondents (tests/unit/ikm-interval.test.ts checks it against a seeded bootstrap). Σ ψ² is
 * computed exactly and rounded once: from the aggregates' cross-product sums (src/ikm/silang.ts)
 * in the product, from the answers here as the reference; both give the same double.
 */
import { bobotFrac, toNumber, type Bobot, type Sel } from './hitung.js';

/** Σ ψ² and the number of respondents with at least one answer. */
export interface Psi {
  responden: number;
  psi2: number;
}

export interface Interval {
  /** Standard error of the IKM konversi. */
  se: number;
  bawah: number;
  atas: number;
  tingkat: 0.95;
}

export const Z95 = 1.959963984540054;

export function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

const bits = (x: bigint) => x.toString(2).length;

/** num/den (den > 0) as the nearest double, ties to even: one rounding of the exact value. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const sign = num < 0n ? -1 : 1;
  const a = num < 0n ? -num : num;
  // a quotient of at least 64 bits, with a sticky lowest bit for a non-zero remainder, is rounded
  // correctly by Number(); scaling by a power of two is exact
  const shift = 65 - (bits(a) - bits(den));
  const top = shift >= 0 ? a << BigInt(shift) : a;
  const bottom = shift >= 0 ? den : den << BigInt(-shift);
  let q = top / bottom;
  if (top % bottom !== 0n) q |= 1n;
  return sign * Number(q) * 2 ** -shift;
}

/**
 * Σ ψ² computed exactly from answer vectors (null = blank) and the period's n/Σ: the reference
 * for the aggregates (psiDariSilang). ψ_i·L² is an integer for L the lcm of the n_u.
 */
export function psiDariJawaban(rows: (number | null)[][], sel: Sel): Psi {
  const n = sel.n.map(BigInt);
  const s = sel.s.map(BigInt);
  let L = 1n;
  for (const k of n) if (k > 0n) L = lcm(L, k);
  const w = n.map((k) => (k > 0n ? (L / k) * (L / k) : 0n));
  let sum = 0n;
  let responden = 0;
  for (const r of rows) {
    if (r.every((v) => v === null)) continue;
    responden++;
    let psi = 0n;
    for (let u = 0; u < 9; u++) if (r[u] !== null && n[u]) psi += (BigInt(r[u]!) * n[u] - s[u]) * w[u];
    sum += psi * psi;
  }
  return { responden, psi2: ratioToNumber(sum, L * L * L * L) };
}

/** 95% interval around `konversi` (the IKM konversi of the same data); null below 2 respondents. */
export function intervalIkm(p: Psi, konversi: number, bobot: Bobot = 'tepat'): Interval | null {
  if (p.responden < 2) return null;
  const varSum = (p.psi2 * p.responden) / (p.responden - 1);
  const scale = 25 * toNumber(bobotFrac(bobot));
  const se = scale * Math.sqrt(Math.max(0, varSum));
  return { se, bawah: Math.max(25, konversi - Z95 * se), atas: Math.min(100, konversi + Z95 * se), tingkat: 0.95 };
}

export interface UjiBeda {
  selisih: number;
  bawah: number;
  atas: number;
  /** True when the 95% interval of the difference excludes 0. */
  nyata: boolean;
}

/** Is the change between two independent periods real? 95% interval of the difference. */
export function ujiBeda(lama: { konversi: number; interval: Interval | null }, baru: { konversi: number; interval: Interval | null }): UjiBeda | null {
  if (!lama.interval || !baru.interval) return null;
  const se = Math.hypot(lama.interval.se, baru.interval.se);
  const selisih = baru.konversi - lama.konversi;
  const bawah = selisih - Z95 * se;
  const atas = selisih + Z95 * se;
  return { selisih, bawah, atas, nyata: bawah > 0 || atas < 0 };
}
