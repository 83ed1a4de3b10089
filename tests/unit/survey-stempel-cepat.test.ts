// parseStempel reads the most common export shape (`19/11/2023 14.03.10`) without its regular
// expressions: for every value, near misses included, the result must equal the regex reader's.
import { describe, expect, it } from 'vitest';
import { bacaStempel, parseStempel, tanggalKosong, type UrutanTanggal } from '../../src/survey/tanggal.js';
import { rng } from '../helpers/kemlagi-dataset.js';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Timestamps of the common shape (days and hours past their range too), and values one edit away. */
function stempelAcak(r: () => number): string {
  const n = (max: number, pad: boolean) => {
    const v = Math.floor(r() * (max + 1));
    return pad && v < 10 && r() < 0.5 ? `0${v}` : String(v);
  };
  const ds = pick(r, ['/', '/', '.', '-']);
  const ts = pick(r, ['.', ':']);
  let v = `${n(32, true)}${ds}${n(13, true)}${ds}${pick(r, ['2023', '2024', '2025', '1899', '0999', '3000'])} ${n(24, true)}${ts}${n(60, true)}${ts}${n(60, true)}`;
  if (r() < 0.5) {
    const at = Math.floor(r() * (v.length + 1));
    const ch = pick(r, ['/', '.', ':', ' ', '-', ',', 'T', 'P', 'M', '0', '9', '1', '']);
    const cut = r() < 0.5 ? 1 : 0;
    v = v.slice(0, at) + ch + v.slice(at + cut);
  }
  if (r() < 0.1) v += pick(r, [' PM', ' am', ' GMT+7', 'Z', '.5', ' WIB', ' +07:00']);
  if (r() < 0.05) v = ` ${v}\t`;
  return v;
}

describe('parseStempel fast path', () => {
  it('gives the regex reader’s result for 200,000 random values of the common shape and near misses', () => {
    const r = rng(20261204);
    let fast = 0;
    for (let i = 0; i < 200_000; i++) {
      const raw = stempelAcak(r);
      const urutan: UrutanTanggal = i % 2 ? 'dmy' : 'mdy';
      const utc = i % 3 === 0;
      const got = parseStempel(raw, urutan, { utc });
      const want = bacaStempel(raw.trim(), urutan, { utc });
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ raw, urutan, utc, got }).toEqual({ raw, urutan, utc, got: want });
      if (want !== null) fast++;
    }
    // The generator must produce readable dates often, or the comparison proves little.
    expect(fast).toBeGreaterThan(20_000);
  });

  it('reads the edges of the common shape exactly', () => {
    expect(parseStempel('29/02/2024 23.59.59', 'dmy')).toEqual({ tanggal: '2024-02-29', waktu: '23:59:59' });
    expect(parseStempel('29/02/2023 10.00.00', 'dmy')).toBeNull();
    expect(parseStempel('1/2/2025 0.0.0', 'mdy')).toEqual({ tanggal: '2025-01-02', waktu: '00:00:00' });
    expect(parseStempel('31/12/2025 23.30.00', 'dmy', { utc: true })).toEqual({ tanggal: '2026-01-01', waktu: '06:30:00' });
    expect(parseStempel('12/31/2025 24.00.00', 'mdy')).toBeNull();
    expect(parseStempel('05-11-2023 14:03:60', 'dmy')).toBeNull();
  });

  it('tanggalKosong still tells "no date" from a date', () => {
    for (const v of ['', ' ', '-', ' - ', '0000-00-00', '0000-00-00 00:00:00', '00/00/0000']) expect(tanggalKosong(v)).toBe(true);
    for (const v of ['1/2/2023', '19/11/2023 14.03.10', '2023-11-19', '0001-01-01', ' 5 Mei 2024', 'x']) expect(tanggalKosong(v)).toBe(false);
  });
});
