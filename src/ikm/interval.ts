/**
 * A 95% confidence interval for the IKM konversi, analytic (the delta method / linearisation of the
 * sum of the nine unsur means, which respects blanks: each unsur mean has its own n). It is the
 * large-sample equivalent of a bootstrap over respondents (tests/unit/ikm-interval.test.ts checks
 * it against a seeded bootstrap) and needs only one aggregate pass over the raw rows.
 */
import { bobotFrac, toNumber, type Bobot } from './hitung.js';

/** Cross moments over respondents, in UNSUR_KEYS order. pair[u][v] uses rows answering both. */
export interface Momen {
  responden: number;
  n: number[];
  s: number[];
  /** c: rows answering both; x: Σ x_u; y: Σ x_v; xy: Σ x_u·x_v (over those rows). u <= v only. */
  pair: { c: number; x: number; y: number; xy: number }[][];
}

export interface Interval {
  /** Standard error of the IKM konversi. */
  se: number;
  bawah: number;
  atas: number;
  tingkat: 0.95;
}

export const Z95 = 1.959963984540054;

/** Builds the moments from respondent answer vectors (null = blank); for tests and small sets. */
export function momenDariJawaban(rows: (number | null)[][]): Momen {
  const m: Momen = {
    responden: 0,
    n: new Array(9).fill(0),
    s: new Array(9).fill(0),
    pair: Array.from({ length: 9 }, () => Array.from({ length: 9 }, () => ({ c: 0, x: 0, y: 0, xy: 0 }))),
  };
  for (const r of rows) {
    if (r.every((v) => v === null)) continue;
    m.responden++;
    for (let u = 0; u < 9; u++) {
      const a = r[u];
      if (a === null) continue;
      m.n[u]++;
      m.s[u] += a;
      for (let v = u; v < 9; v++) {
        const b = r[v];
        if (b === null) continue;
        const p = m.pair[u][v];
        p.c++;
        p.x += a;
        p.y += b;
        p.xy += a * b;
      }
    }
  }
  return m;
}

/** Variance of Σ_u mean_u (the IKM on the 1–4 scale × 9), by linearisation. */
function varianSumRata(m: Momen): number {
  const mean = m.n.map((n, u) => (n ? m.s[u] / n : 0));
  let v = 0;
  for (let u = 0; u < 9; u++) {
    for (let w = u; w < 9; w++) {
      const p = m.pair[u][w];
      if (!p.c || !m.n[u] || !m.n[w]) continue;
      const cov = p.xy - mean[w] * p.x - mean[u] * p.y + mean[u] * mean[w] * p.c;
      v += ((u === w ? 1 : 2) * cov) / (m.n[u] * m.n[w]);
    }
  }
  const n = m.responden;
  return n > 1 ? (v * n) / (n - 1) : NaN;
}

/** 95% interval around `konversi` (the IKM konversi of the same data); null below 2 respondents. */
export function intervalIkm(m: Momen, konversi: number, bobot: Bobot = 'tepat'): Interval | null {
  const varSum = varianSumRata(m);
  if (!Number.isFinite(varSum)) return null;
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
