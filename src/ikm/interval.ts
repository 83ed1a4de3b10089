/**
 * A 95% confidence interval for the IKM konversi, analytic: the delta method (linearisation) of
 * the sum of the nine unsur means, which respects blanks (each unsur mean has its own n). Each
 * respondent i contributes ψ_i = Σ_u [answered u] (x_iu − mean_u) / n_u, and
 * Var(Σ_u mean_u) ≈ n/(n−1) · Σ_i ψ_i². It is the large-sample equivalent of a bootstrap over
 * respondents (tests/unit/ikm-interval.test.ts checks it against a seeded bootstrap) and needs a
 * single cheap pass over the raw rows (src/ikm/store.ts: jumlahPsiKuadrat).
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

/** The unsur means and n that ψ is centred on (from the aggregates). */
export function pusat(sel: Sel): { mean: number[]; n: number[] } {
  return { mean: sel.n.map((n, u) => (n ? sel.s[u] / n : 0)), n: [...sel.n] };
}

/** Σ ψ² computed in memory from answer vectors (null = blank); the reference for the SQL pass. */
export function psiDariJawaban(rows: (number | null)[][], sel: Sel): Psi {
  const { mean, n } = pusat(sel);
  let psi2 = 0;
  let responden = 0;
  for (const r of rows) {
    if (r.every((v) => v === null)) continue;
    responden++;
    let psi = 0;
    for (let u = 0; u < 9; u++) if (r[u] !== null && n[u]) psi += (r[u]! - mean[u]) / n[u];
    psi2 += psi * psi;
  }
  return { responden, psi2 };
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
