/**
 * IKM values as bar charts over the mutu bands (PermenPANRB 14/2017: D 25,00–64,99, C 65,00–76,60,
 * B 76,61–88,30, A 88,31–100): the nine unsur, IKM per year, per layanan, or per kecamatan for the
 * kabupaten report. Gives src/pdf/grafik.ts the bands as data, so src/pdf knows nothing of IKM.
 */
import { formatAngka } from '../core/format.js';
import type { Batang, GrafikBatang, Pita } from '../pdf/grafik.js';
import { INTERVAL, type Mutu } from './hitung.js';

/** Light band colours, one per mutu (also the background of the IKM boxes). */
export const WARNA_MUTU: Record<Mutu, string> = { A: '#d8efd9', B: '#d9e8f7', C: '#fdebd0', D: '#f8d7d7' };

export const PITA_MUTU: Pita[] = INTERVAL.map((b, i) => ({
  from: b.min / 100,
  to: i + 1 < INTERVAL.length ? INTERVAL[i + 1].min / 100 : 100,
  label: b.mutu,
  color: WARNA_MUTU[b.mutu],
}));

export const KETERANGAN_PITA = 'pita mutu pelayanan A: 88,31–100; B: 76,61–88,30; C: 65,00–76,60; D: 25,00–64,99';

/**
 * A chart of IKM konversi values (25–100) over the mutu bands. Up to 12 short labels stand as
 * columns; more or longer labels (layanan, kecamatan) lie as rows.
 */
export function grafikMutu(bars: Batang[], caption: string, opts: { height?: number } = {}): GrafikBatang {
  const long = bars.length > 12 || bars.some((b) => b.label.length > 8);
  return {
    bars,
    axis: { min: 25, max: 100, ticks: long ? [25, 65, 76.61, 88.31, 100] : [25, 40, 55, 65, 76.61, 88.31, 100] },
    bands: PITA_MUTU,
    orientation: long ? 'horizontal' : 'vertical',
    height: opts.height,
    caption,
    format: (v) => formatAngka(v, 2),
  };
}
