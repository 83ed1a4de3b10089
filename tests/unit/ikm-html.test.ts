import { describe, expect, it } from 'vitest';
import { esc, grafikUnsur } from '../../src/ikm/laporan-html.js';
import type { HasilUnsur } from '../../src/ikm/hitung.js';

const u = (kode: string, konversi: number, mutu: HasilUnsur['mutu']) => ({ key: 'persyaratan', kode, nama: 'Persyaratan', konversi, mutu }) as HasilUnsur;

describe('results page pieces', () => {
  it('escapes every character that could open markup or end an attribute', () => {
    expect(esc(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('draws bars to scale over the four mutu bands (25 at the left edge, 100 at the right)', () => {
    const svg = grafikUnsur([u('U1', 100, 'A'), u('U2', 62.5, 'D')]);
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="17"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bars).toHaveLength(2);
    const [full, half] = bars;
    expect(half[1] / full[1]).toBeCloseTo(0.5, 2);
    const bands = [...svg.matchAll(/<rect x="([\d.]+)" y="14" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const scale = full[1] / 75;
    expect(bands.map((x) => Math.round(((x - full[0]) / scale + 25) * 100) / 100)).toEqual([25, 65, 76.61, 88.31].map((v) => expect.closeTo(v, 1)));
    expect(svg).not.toContain('<script');
  });
});
