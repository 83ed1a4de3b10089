import { describe, expect, it } from 'vitest';
import {
  emptySel, fixedFrac, frac, hitungIkm, IkmTanpaJawaban, kecukupanSampel, mutuKonversi, perubahan, roundFrac, sampelMinimum, urutkanUnsur, type Sel,
} from '../../src/ikm/hitung.js';

/** A group where every unsur has the same n and Σ. */
function seragam(n: number, s: number): Sel {
  return { responden: n, n: new Array(9).fill(n), s: new Array(9).fill(s) };
}

function dariBaris(rows: (number | null)[][]): Sel {
  const sel = emptySel();
  for (const r of rows) {
    sel.responden++;
    r.forEach((v, i) => {
      if (v === null) return;
      sel.n[i]++;
      sel.s[i] += v;
    });
  }
  return sel;
}

describe('exact rounding', () => {
  it('rounds half up on the exact decimal value', () => {
    expect(fixedFrac(frac(83625, 1000), 2)).toBe('83.63');
    expect(fixedFrac(frac(1005, 1000), 2)).toBe('1.01');
    expect(fixedFrac(frac(2675, 1000), 2)).toBe('2.68');
    expect(fixedFrac(frac(8830499, 100000), 2)).toBe('88.30');
    expect(fixedFrac(frac(-1005, 1000), 2)).toBe('-1.01');
    expect(fixedFrac(frac(1, 3), 4)).toBe('0.3333');
    expect(fixedFrac(frac(2, 3), 4)).toBe('0.6667');
    expect(roundFrac(frac(100), 2)).toBe(100);
  });
});

describe('hitungIkm', () => {
  it('all 4s give 100,00 A; all 1s give 25,00 D', () => {
    const a = hitungIkm(seragam(50, 200));
    expect(a.konversi).toBe(100);
    expect(a.ikm).toBe(4);
    expect(a.mutu).toBe('A');
    expect(a.kinerja).toBe('Sangat Baik');
    const d = hitungIkm(seragam(50, 50));
    expect(d.konversi).toBe(25);
    expect(d.mutu).toBe('D');
    expect(d.kinerja).toBe('Tidak Baik');
  });

  it('uses exact 1/9: all 4s are 100, not the 99,90 of 0,111', () => {
    expect(hitungIkm(seragam(7, 28)).presisi.konversi).toBe(100);
    const lama = hitungIkm(seragam(7, 28), { bobot: 'lama' });
    expect(lama.konversi).toBe(99.9);
    expect(lama.bobot).toBe('lama');
    expect(lama.unsur[0].nrr_tertimbang).toBe(0.444);
  });

  it('matches a hand-computed example (3 respondents)', () => {
    const h = hitungIkm(
      dariBaris([
        [4, 4, 3, 4, 3, 3, 4, 4, 3],
        [3, 3, 3, 4, 3, 4, 3, 4, 2],
        [3, 2, 4, 4, 3, 3, 3, 4, 3],
      ]),
    );
    expect(h.unsur.map((u) => u.jumlah)).toEqual([10, 9, 10, 12, 9, 10, 10, 12, 8]);
    expect(h.unsur.map((u) => u.nrr)).toEqual([3.3333, 3, 3.3333, 4, 3, 3.3333, 3.3333, 4, 2.6667]);
    expect(h.unsur.map((u) => u.nrr_tertimbang)).toEqual([0.3704, 0.3333, 0.3704, 0.4444, 0.3333, 0.3704, 0.3704, 0.4444, 0.2963]);
    expect(h.unsur.map((u) => u.konversi)).toEqual([83.33, 75, 83.33, 100, 75, 83.33, 83.33, 100, 66.67]);
    expect(h.unsur.map((u) => u.mutu).join('')).toBe('BCBACBBAC');
    // IKM = 30/9 = 3,3333…; × 25 = 83,333…
    expect(h.ikm).toBe(3.3333);
    expect(h.konversi).toBe(83.33);
    expect(h.mutu).toBe('B');
    expect(h.responden).toBe(3);
  });

  it('excludes blanks from n instead of counting them as 0', () => {
    const h = hitungIkm(
      dariBaris([
        [4, 4, 4, 4, 4, 4, 4, 4, null],
        [4, 4, 4, 4, 4, 4, 4, 4, 2],
      ]),
    );
    const u9 = h.unsur[8];
    expect(u9.n).toBe(1);
    expect(u9.konversi).toBe(50);
    // (8 × 4 + 2) / 9 × 25 = 94,444…
    expect(h.konversi).toBe(94.44);
  });

  it('numbers U1..U9 by the profile: definisi (U8 pengaduan) or kuesioner (U8 sarana)', () => {
    const sel = seragam(4, 12);
    sel.s[7] = 16; // pengaduan (definition order index 7)
    const def = hitungIkm(sel, { urutan: 'definisi' });
    expect(def.unsur[7]).toMatchObject({ kode: 'U8', key: 'pengaduan', konversi: 100 });
    const kue = hitungIkm(sel, { urutan: 'kuesioner' });
    expect(kue.unsur[7]).toMatchObject({ kode: 'U8', key: 'sarana', konversi: 75 });
    expect(kue.unsur[8]).toMatchObject({ kode: 'U9', key: 'pengaduan', konversi: 100 });
    expect(kue.konversi).toBe(def.konversi);
  });

  it('refuses an unsur with no answer at all', () => {
    const sel = seragam(3, 9);
    sel.n[2] = 0;
    sel.s[2] = 0;
    expect(() => hitungIkm(sel)).toThrow(IkmTanpaJawaban);
  });

  it('keeps BigInt values out of JSON', () => {
    const json = JSON.parse(JSON.stringify(hitungIkm(seragam(3, 10))));
    expect(json.exact).toBeUndefined();
    expect(json.unsur[0].presisi.konversi).toBeCloseTo(83.3333333, 6);
  });
});

describe('mutu boundaries (>= on the 2-decimal konversi)', () => {
  // n = 2500 respondents: konversi = 25·Σ/2500 = Σ/100 exactly.
  const cases: [number, string][] = [
    [8831, 'A'], [8830, 'B'], [7661, 'B'], [7660, 'C'], [6500, 'C'], [6499, 'D'],
  ];
  for (const [s, mutu] of cases) {
    it(`${(s / 100).toFixed(2)} → ${mutu}`, () => {
      const h = hitungIkm(seragam(2500, s));
      expect(h.konversi).toBe(s / 100);
      expect(h.mutu).toBe(mutu);
      expect(h.unsur.every((u) => u.mutu === mutu)).toBe(true);
    });
  }
  it('classifies on the rounded value: 88,305 → 88,31 → A; 88,3049… → 88,30 → B', () => {
    // 25 × 17661 / 5000 = 88,305
    expect(hitungIkm(seragam(5000, 17661)).konversi).toBe(88.31);
    expect(hitungIkm(seragam(5000, 17661)).mutu).toBe('A');
    expect(mutuKonversi(frac(8830499, 100000))).toBe('B');
    expect(mutuKonversi(88.31)).toBe('A');
    expect(mutuKonversi(76.6)).toBe('C');
  });
  it('83,625 prints 83,63 (half-up), as the published Kemlagi table', () => {
    // 25 × 669 / 200 = 83,625
    const h = hitungIkm(seragam(200, 669));
    expect(h.unsur[0].konversi).toBe(83.63);
    expect(h.unsur[0].presisi.konversi).toBe(83.625);
  });
});

describe('Krejcie & Morgan', () => {
  const TABLE: [number, number][] = [
    [10, 10], [15, 14], [20, 19], [25, 24], [30, 28], [35, 32], [40, 36], [45, 40], [50, 44], [55, 48], [60, 52], [65, 56], [70, 59], [75, 63],
    [80, 66], [85, 70], [90, 73], [95, 76], [100, 80], [110, 86], [120, 92], [130, 97], [140, 103], [150, 108], [160, 113], [170, 118],
    [180, 123], [190, 127], [200, 132], [210, 136], [220, 140], [230, 144], [240, 148], [250, 152], [260, 155], [270, 159], [280, 162],
    [290, 165], [300, 169], [320, 175], [340, 181], [360, 186], [380, 191], [400, 196], [420, 201], [440, 205], [460, 210], [480, 214],
    [500, 217], [550, 226], [600, 234], [650, 242], [700, 248], [750, 254], [800, 260], [850, 265], [900, 269], [950, 274], [1000, 278],
    [1100, 285], [1200, 291], [1300, 297], [1400, 302], [1500, 306], [1600, 310], [1700, 313], [1800, 317], [1900, 320], [2000, 322],
    [2200, 327], [2400, 331], [2600, 335], [2800, 338], [3000, 341], [3500, 346], [4000, 351], [4500, 354], [5000, 357], [6000, 361],
    [7000, 364], [8000, 367], [9000, 368], [10000, 370], [15000, 375], [20000, 377], [30000, 379], [40000, 380], [50000, 381], [75000, 382],
    [1000000, 384],
  ];
  it('reproduces all 90 entries of the published table', () => {
    expect(TABLE).toHaveLength(90);
    for (const [N, n] of TABLE) expect([N, sampelMinimum(N)]).toEqual([N, n]);
  });
  it('reports Sesuai / Belum sesuai, and unknown populations', () => {
    expect(kecukupanSampel(278, 1000)).toMatchObject({ minimum: 278, sesuai: true, keterangan: 'Sesuai' });
    expect(kecukupanSampel(277, 1000)).toMatchObject({ minimum: 278, sesuai: false, keterangan: 'Belum sesuai' });
    expect(kecukupanSampel(10, null)).toMatchObject({ minimum: null, sesuai: null });
    expect(sampelMinimum(1)).toBe(1);
  });
});

describe('perubahan and ranking', () => {
  it('computes points and percent on the printed values', () => {
    expect(perubahan(77.38, 83.38)).toEqual({ poin: 6, persen: 7.75 });
    expect(perubahan(99.84, 82.38)).toEqual({ poin: -17.46, persen: -17.49 });
    expect(perubahan(100, 100)).toEqual({ poin: 0, persen: 0 });
  });
  it('orders unsur by exact konversi, lowest first', () => {
    const sel = seragam(3, 9);
    sel.s[4] = 7;
    sel.s[2] = 8;
    sel.s[3] = 12;
    const r = urutkanUnsur(hitungIkm(sel)).map((u) => u.key);
    expect(r.slice(0, 2)).toEqual(['produk', 'waktu']);
    expect(r[8]).toBe('biaya');
  });
});
