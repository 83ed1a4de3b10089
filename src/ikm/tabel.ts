/**
 * The IKM tables as plain cells, rendered three ways from the same rows: terminal and PDF
 * (Indonesian numbers, 83,38), CSV (plain numbers, 83.38) and JSON (numbers).
 */
import { formatAngka, roundHalfUp } from '../core/format.js';
import type { HasilIkm } from './hitung.js';
import type { BarisKelompok, IkmAnalisis } from './analisis.js';

/** What one table cell holds: a number with its display decimals, or text (not hitung.ts's Sel, an aggregate). */
export type Isi = string | number | { v: number; d: number; tanda?: boolean } | null;

export interface Tabel {
  header: string[];
  rows: Isi[][];
  /** Columns holding numbers (right-aligned). */
  angka: number[];
}

const num = (v: number, d: number, tanda = false): Isi => ({ v, d, tanda });

/** Indonesian rendering (83,38; +6,00). */
export function isiTeks(c: Isi): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return formatAngka(c);
  const s = formatAngka(c.v, c.d);
  return c.tanda && c.v > 0 ? `+${s}` : s;
}

/** Plain rendering for CSV (83.38). */
export function isiPolos(c: Isi): string | number {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string' || typeof c === 'number') return c;
  return c.v.toFixed(c.d);
}

export function tabelUnsur(h: HasilIkm): Tabel {
  return {
    header: ['Kode', 'Unsur pelayanan', 'n', 'Jumlah nilai', 'NRR', 'NRR tertimbang', 'Konversi', 'Mutu', 'Kinerja'],
    rows: h.unsur.map((u) => [u.kode, u.nama, u.n, u.jumlah, num(u.nrr, 4), num(u.nrr_tertimbang, 4), num(u.konversi, 2), u.mutu, u.kinerja]),
    angka: [2, 3, 4, 5, 6],
  };
}

export function tabelKelompok(a: IkmAnalisis, baris: BarisKelompok[], opts: { perUnsur?: boolean } = {}): Tabel {
  const k = a.kelompok!;
  const adaPeriode = k.satuan !== null;
  const adaKelompok = k.per !== 'periode';
  const judulKelompok = k.per === 'layanan' ? 'Layanan' : k.per === 'desa' ? 'Desa/Kelurahan' : 'Sumber';
  const kodes = a.utama.hasil.unsur.map((u) => u.kode);
  const header = [
    ...(adaPeriode ? ['Periode'] : []),
    ...(adaKelompok ? [judulKelompok] : []),
    'Responden',
    ...(opts.perUnsur ? kodes : []),
    'IKM',
    'Mutu',
    'Kinerja',
  ];
  const rows = baris.map((b) => [
    ...(adaPeriode ? [b.periode] : []),
    ...(adaKelompok ? [b.kelompok] : []),
    b.responden,
    ...(opts.perUnsur ? (b.hasil ? b.hasil.unsur.map((u) => num(u.konversi, 2)) : kodes.map(() => null)) : []),
    b.hasil ? num(b.hasil.konversi, 2) : 'tidak lengkap',
    b.hasil?.mutu ?? '',
    b.hasil?.kinerja ?? '',
  ]);
  const first = (adaPeriode ? 1 : 0) + (adaKelompok ? 1 : 0);
  return { header, rows, angka: Array.from({ length: (opts.perUnsur ? kodes.length : 0) + 2 }, (_, i) => first + i) };
}

export function tabelBanding(a: IkmAnalisis): Tabel {
  const b = a.banding!;
  const judul = (p: typeof b.lama.periode) => (p.ke === null && p.tahun !== null ? String(p.tahun) : p.label);
  const tl = judul(b.lama.periode);
  const tb = judul(b.baru.periode);
  const mutuLama = new Map(b.lama.hasil.unsur.map((u) => [u.kode, u.mutu]));
  const mutuBaru = new Map(b.baru.hasil.unsur.map((u) => [u.kode, u.mutu]));
  const rows: Isi[][] = b.unsur.map((r) => [
    r.kode, r.nama, num(r.lama, 2), mutuLama.get(r.kode)!, num(r.baru, 2), mutuBaru.get(r.kode)!, num(r.perubahan.poin, 2, true), num(r.perubahan.persen, 2, true),
  ]);
  rows.push([
    'IKM', 'IKM unit pelayanan', num(b.ikm.lama, 2), b.lama.hasil.mutu, num(b.ikm.baru, 2), b.baru.hasil.mutu, num(b.ikm.perubahan.poin, 2, true), num(b.ikm.perubahan.persen, 2, true),
  ]);
  return { header: ['Kode', 'Unsur pelayanan', tl, 'Mutu', tb, 'Mutu', 'Selisih (poin)', 'Perubahan (%)'], rows, angka: [2, 4, 6, 7] };
}

/** The whole analysis as plain JSON values. */
export function analisisJson(a: IkmAnalisis) {
  const periode = (p: IkmAnalisis['utama']) => ({
    periode: { label: p.periode.label, dari: p.periode.dari, sampai: p.periode.sampai },
    responden: p.hasil.responden,
    bobot: p.hasil.bobot === 'tepat' ? '1/9' : '0.111',
    unsur: p.hasil.unsur.map(({ key, ...u }) => ({ kunci: key, ...u })),
    ikm: p.hasil.ikm,
    konversi: p.hasil.konversi,
    mutu: p.hasil.mutu,
    kinerja: p.hasil.kinerja,
    presisi: p.hasil.presisi,
    interval_95: p.interval ? { bawah: roundHalfUp(p.interval.bawah, 2), atas: roundHalfUp(p.interval.atas, 2), se: p.interval.se } : null,
    sampel: p.sampel,
  });
  return {
    kecamatan: a.kecamatan,
    urutan_unsur: a.urutan,
    layanan: a.layanan,
    ...periode(a.utama),
    tanpa_tanggal: a.tanpaTanggal,
    kelompok: a.kelompok
      ? {
          per: a.kelompok.per,
          satuan: a.kelompok.satuan,
          baris: a.kelompok.baris.map((b) => ({
            periode: b.periode,
            kelompok: b.kelompok,
            responden: b.responden,
            konversi: b.hasil?.konversi ?? null,
            mutu: b.hasil?.mutu ?? null,
            kinerja: b.hasil?.kinerja ?? null,
            unsur: b.hasil ? Object.fromEntries(b.hasil.unsur.map((u) => [u.key, u.konversi])) : null,
          })),
        }
      : null,
    banding: a.banding
      ? {
          lama: periode(a.banding.lama),
          baru: periode(a.banding.baru),
          perubahan: [...a.banding.unsur, a.banding.ikm],
          uji_beda: a.banding.uji,
        }
      : null,
  };
}
