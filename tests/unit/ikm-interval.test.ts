import { describe, expect, it } from 'vitest';
import { emptySel, hitungIkm } from '../../src/ikm/hitung.js';
import { intervalIkm, psiDariJawaban, ujiBeda } from '../../src/ikm/interval.js';
import { rng } from '../helpers/kemlagi-dataset.js';

function data(n: number, seed: number, blankRate: number): (number | null)[][] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const mood = r() < 0.3 ? 0 : r() < 0.7 ? 1 : 2; // correlates the nine answers of one respondent
    return Array.from({ length: 9 }, () => {
      if (r() < blankRate) return null;
      const v = 2 + mood * 0.5 + r() * 1.6;
      return Math.max(1, Math.min(4, Math.round(v)));
    });
  });
}

function selOf(rows: (number | null)[][]) {
  const sel = emptySel();
  for (const row of rows) {
    sel.responden++;
    row.forEach((v, i) => {
      if (v !== null) {
        sel.n[i]++;
        sel.s[i] += v;
      }
    });
  }
  return sel;
}

function konversi(rows: (number | null)[][]): number {
  return hitungIkm(selOf(rows)).presisi.konversi;
}

const psi = (rows: (number | null)[][]) => psiDariJawaban(rows, selOf(rows));

function bootstrapSe(rows: (number | null)[][], B: number, seed: number): number {
  const r = rng(seed);
  const vals: number[] = [];
  for (let b = 0; b < B; b++) {
    const sample = Array.from({ length: rows.length }, () => rows[Math.floor(r() * rows.length)]);
    vals.push(konversi(sample));
  }
  const mean = vals.reduce((a, v) => a + v, 0) / B;
  return Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (B - 1));
}

describe('analytic 95% interval of the IKM', () => {
  for (const [n, blank] of [[300, 0], [120, 0.15]] as const) {
    it(`agrees with a seeded bootstrap over respondents (n=${n}, ${blank * 100}% blanks)`, () => {
      const rows = data(n, 42 + n, blank);
      const k = konversi(rows);
      const iv = intervalIkm(psi(rows), k)!;
      const se = bootstrapSe(rows, 1500, 7);
      expect(iv.se / se).toBeGreaterThan(0.9);
      expect(iv.se / se).toBeLessThan(1.1);
      expect(iv.bawah).toBeLessThan(k);
      expect(iv.atas).toBeGreaterThan(k);
      expect(iv.atas - iv.bawah).toBeCloseTo(2 * 1.959964 * iv.se, 6);
    });
  }

  it('for complete data equals the standard error of the respondents\' mean score', () => {
    const rows = data(50, 3, 0) as number[][];
    const scores = rows.map((r) => (r.reduce((a, v) => a + v, 0) / 9) * 25);
    const mean = scores.reduce((a, v) => a + v, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, v) => a + (v - mean) ** 2, 0) / (scores.length - 1));
    const iv = intervalIkm(psi(rows), mean)!;
    expect(iv.se).toBeCloseTo(sd / Math.sqrt(scores.length), 10);
  });

  it('is zero-width when everyone answers the same, and undefined for one respondent', () => {
    const same = Array.from({ length: 10 }, () => new Array(9).fill(4));
    const iv = intervalIkm(psi(same), 100)!;
    expect(iv.se).toBe(0);
    expect(iv.atas).toBe(100);
    expect(intervalIkm(psi([new Array(9).fill(3)]), 75)).toBeNull();
  });

  it('tells a real change from noise', () => {
    const a = { konversi: 77, interval: { se: 0.8, bawah: 0, atas: 0, tingkat: 0.95 as const } };
    expect(ujiBeda(a, { konversi: 83, interval: { se: 0.7, bawah: 0, atas: 0, tingkat: 0.95 } })!.nyata).toBe(true);
    expect(ujiBeda(a, { konversi: 78, interval: { se: 0.7, bawah: 0, atas: 0, tingkat: 0.95 } })!.nyata).toBe(false);
    expect(ujiBeda(a, { konversi: 78, interval: null })).toBeNull();
  });
});
