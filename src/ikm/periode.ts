/**
 * Survey periods: a year, a semester, a triwulan, a month, or any --dari/--sampai range, as a
 * closed range of calendar dates (YYYY-MM-DD, compared as text) with an Indonesian label.
 */
import { UserError } from '../core/errors.js';
import { BULAN, formatTanggal, isValidIsoDate } from '../core/format.js';

export type Satuan = 'tahun' | 'semester' | 'triwulan' | 'bulan';

const JUMLAH: Record<Satuan, number> = { tahun: 1, semester: 2, triwulan: 4, bulan: 12 };
const BULAN_PER: Record<Satuan, number> = { tahun: 12, semester: 6, triwulan: 3, bulan: 1 };

export const ROMAWI = ['I', 'II', 'III', 'IV'] as const;

export interface Periode {
  dari: string;
  sampai: string;
  /** "Tahun 2023", "Semester I 2023", "Triwulan III 2023", "November 2023", "1 Maret 2023 – 30 Juni 2023". */
  label: string;
  /** The year when the whole range lies in one year. */
  tahun: number | null;
  satuan: Satuan;
  /** Which semester/triwulan/bulan of the year (1-based), or null for the whole year or a free range. */
  ke: number | null;
  /** True for exactly one calendar year (then the stored yearly populasi applies). */
  setahun: boolean;
}

export interface PeriodeArg {
  satuan: Satuan;
  ke: number | null;
}

/** Parses --periode: "tahun", "semester", "triwulan", "bulan", optionally with a number ("semester:2", "triwulan-3", "bulan 11"). */
export function parsePeriodeArg(v: string | undefined): PeriodeArg {
  if (v === undefined) return { satuan: 'tahun', ke: null };
  const m = /^\s*(tahun|semester|triwulan|bulan)(?:\s*[:\-\s]\s*(\d{1,2}))?\s*$/i.exec(v);
  if (!m)
    throw new UserError(`Nilai --periode "${v}" tidak dikenal.`, {
      hint: 'Pakai tahun, semester, triwulan atau bulan; untuk satu bagian tambahkan nomornya, mis. --periode semester:1, --periode triwulan:3, --periode bulan:11.',
    });
  const satuan = m[1].toLowerCase() as Satuan;
  const ke = m[2] === undefined ? null : Number(m[2]);
  if (ke !== null && (satuan === 'tahun' || ke < 1 || ke > JUMLAH[satuan]))
    throw new UserError(`Nomor ${satuan} pada --periode "${v}" harus 1–${JUMLAH[satuan]}.`);
  return { satuan, ke };
}

export function parseTahunArg(v: string, flag = '--tahun'): number {
  if (!/^\d{4}$/.test(v.trim())) throw new UserError(`Nilai ${flag} "${v}" harus tahun empat angka, mis. 2023.`);
  const t = Number(v);
  if (t < 2000 || t > 2100) throw new UserError(`Tahun ${t} di luar rentang 2000–2100 (argumen ${flag}).`);
  return t;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Label of the k-th unit of a year. */
export function labelBagian(satuan: Satuan, tahun: number, ke: number | null): string {
  if (satuan === 'tahun' || ke === null) return `Tahun ${tahun}`;
  if (satuan === 'semester') return `Semester ${ROMAWI[ke - 1]} ${tahun}`;
  if (satuan === 'triwulan') return `Triwulan ${ROMAWI[ke - 1]} ${tahun}`;
  return `${BULAN[ke - 1]} ${tahun}`;
}

/** The k-th semester/triwulan/bulan of a year (or the whole year). */
export function periodeTahun(tahun: number, satuan: Satuan, ke: number | null): Periode {
  if (ke === null) return { dari: `${tahun}-01-01`, sampai: `${tahun}-12-31`, label: `Tahun ${tahun}`, tahun, satuan, ke: null, setahun: true };
  const m1 = (ke - 1) * BULAN_PER[satuan] + 1;
  const m2 = m1 + BULAN_PER[satuan] - 1;
  return {
    dari: `${tahun}-${pad(m1)}-01`,
    sampai: `${tahun}-${pad(m2)}-${pad(lastDay(tahun, m2))}`,
    label: labelBagian(satuan, tahun, ke),
    tahun,
    satuan,
    ke,
    setahun: false,
  };
}

/** A free --dari/--sampai range. */
export function periodeRentang(dari: string, sampai: string, satuan: Satuan = 'tahun'): Periode {
  for (const [flag, v] of [['--dari', dari], ['--sampai', sampai]] as const)
    if (!isValidIsoDate(v)) throw new UserError(`Tanggal ${flag} "${v}" tidak valid: tulis TTTT-BB-HH, mis. 2023-01-31.`);
  if (dari > sampai) throw new UserError(`--dari ${dari} sesudah --sampai ${sampai}.`);
  const y1 = Number(dari.slice(0, 4));
  const y2 = Number(sampai.slice(0, 4));
  const setahun = dari.slice(5) === '01-01' && sampai.slice(5) === '12-31' && y1 === y2;
  return {
    dari,
    sampai,
    label: setahun ? `Tahun ${y1}` : `${formatTanggal(dari)} – ${formatTanggal(sampai)}`,
    tahun: y1 === y2 ? y1 : null,
    satuan,
    ke: null,
    setahun,
  };
}

/** The same part of another year (for --banding). */
export function geserTahun(p: Periode, tahun: number): Periode {
  if (p.tahun === null) throw new UserError('--banding hanya bisa untuk periode di dalam satu tahun.', { hint: 'Pakai --tahun (dan --periode), atau --dari/--sampai di tahun yang sama.' });
  if (p.setahun || p.ke !== null) return periodeTahun(tahun, p.satuan, p.ke);
  const shift = (d: string) => {
    const m = Number(d.slice(5, 7));
    const day = Math.min(Number(d.slice(8, 10)), lastDay(tahun, m));
    return `${tahun}-${pad(m)}-${pad(day)}`;
  };
  return periodeRentang(shift(p.dari), shift(p.sampai), p.satuan);
}

/** Sub-period of a month "YYYY-MM" in a unit: sortable key and label. */
export function bagianBulan(satuan: Satuan, bulan: string): { kunci: string; label: string } {
  const y = Number(bulan.slice(0, 4));
  const m = Number(bulan.slice(5, 7));
  switch (satuan) {
    case 'tahun':
      return { kunci: `${y}`, label: `Tahun ${y}` };
    case 'semester': {
      const k = Math.ceil(m / 6);
      return { kunci: `${y}-S${k}`, label: labelBagian('semester', y, k) };
    }
    case 'triwulan': {
      const k = Math.ceil(m / 3);
      return { kunci: `${y}-T${k}`, label: labelBagian('triwulan', y, k) };
    }
    case 'bulan':
      return { kunci: bulan, label: labelBagian('bulan', y, m) };
  }
}
