/**
 * The IKM arithmetic of PermenPANRB 14/2017, in one pure module used by every command and report.
 *
 * Everything is computed on exact rationals (BigInt numerator/denominator): NRR = Σ/n, the weight
 * 1/9 (or the legacy 0,111 on request), IKM = Σ NRR tertimbang, konversi = × 25. Rounding happens
 * only for display, half-up on the exact decimal value (as Excel's ROUND and the published tables
 * do: 83,625 → 83,63), and mutu is decided on the 2-decimal konversi with `>=` at the bounds.
 */
import { UNSUR, UNSUR_KEYS, kodeUnsur, type UnsurKey, type UrutanUnsur } from '../skm/unsur.js';

// ---------- exact rationals ----------

export interface Frac {
  p: bigint;
  q: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function frac(p: bigint | number, q: bigint | number = 1n): Frac {
  let P = BigInt(p);
  let Q = BigInt(q);
  if (Q === 0n) throw new RangeError('pembagi nol');
  if (Q < 0n) [P, Q] = [-P, -Q];
  const g = gcd(P, Q) || 1n;
  return { p: P / g, q: Q / g };
}

export const add = (a: Frac, b: Frac): Frac => frac(a.p * b.q + b.p * a.q, a.q * b.q);
/** Sum without reducing (cheaper; rounding and comparison do not need lowest terms). */
const addRaw = (a: Frac, b: Frac): Frac => (a.q === b.q ? { p: a.p + b.p, q: a.q } : { p: a.p * b.q + b.p * a.q, q: a.q * b.q });
export const sub = (a: Frac, b: Frac): Frac => frac(a.p * b.q - b.p * a.q, a.q * b.q);
export const mul = (a: Frac, b: Frac): Frac => frac(a.p * b.p, a.q * b.q);
export const div = (a: Frac, b: Frac): Frac => frac(a.p * b.q, a.q * b.p);

/** The value × 10^decimals rounded half away from zero, exactly (no binary floating point). */
export function scaledHalfUp(f: Frac, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  const neg = f.p < 0n;
  const p = neg ? -f.p : f.p;
  const r = (2n * p * scale + f.q) / (2n * f.q);
  return neg ? -r : r;
}

/** Exact half-up rounding to a number with `decimals` places (83,625 → 83.63; 1,005 → 1.01). */
export function roundFrac(f: Frac, decimals: number): number {
  return Number(fixedFrac(f, decimals));
}

/** Exact half-up rounding as a plain decimal string ("83.63"). */
export function fixedFrac(f: Frac, decimals: number): string {
  const s = scaledHalfUp(f, decimals);
  const neg = s < 0n;
  const digits = (neg ? -s : s).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const dec = digits.slice(digits.length - decimals);
  return (neg ? '-' : '') + int + (decimals > 0 ? `.${dec}` : '');
}

const EXACT = 2n ** 53n;

/** Full-precision double of a rational (for JSON "presisi" fields). */
export function toNumber(f: Frac): number {
  const abs = f.p < 0n ? -f.p : f.p;
  // Both exactly representable: IEEE division is correctly rounded.
  if (abs < EXACT && f.q < EXACT) return Number(f.p) / Number(f.q);
  return Number(fixedFrac(f, 15));
}

/** A decimal literal as an exact rational: "0.111" → 111/1000. */
export function parseDecimal(s: string): Frac | null {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s.trim());
  if (!m) return null;
  const dec = m[2] ?? '';
  return frac(BigInt(m[1] + dec), 10n ** BigInt(dec.length));
}

// ---------- mutu ----------

export type Mutu = 'A' | 'B' | 'C' | 'D';

export const KINERJA: Record<Mutu, string> = {
  A: 'Sangat Baik',
  B: 'Baik',
  C: 'Kurang Baik',
  D: 'Tidak Baik',
};

/** The interval table (NIK bounds in hundredths), for reports. */
export const INTERVAL: readonly { mutu: Mutu; nilaiPersepsi: number; ni: string; nik: [string, string]; min: number }[] = [
  { mutu: 'D', nilaiPersepsi: 1, ni: '1,00 – 2,5996', nik: ['25,00', '64,99'], min: 2500 },
  { mutu: 'C', nilaiPersepsi: 2, ni: '2,60 – 3,064', nik: ['65,00', '76,60'], min: 6500 },
  { mutu: 'B', nilaiPersepsi: 3, ni: '3,0644 – 3,532', nik: ['76,61', '88,30'], min: 7661 },
  { mutu: 'A', nilaiPersepsi: 4, ni: '3,5324 – 4,00', nik: ['88,31', '100,00'], min: 8831 },
];

/** Mutu of a konversi value, decided on its 2-decimal (half-up) value with `>=`. */
export function mutuKonversi(konversi: Frac | number): Mutu {
  const hundredths = typeof konversi === 'number' ? scaledHalfUp(decimalFrac(konversi), 2) : scaledHalfUp(konversi, 2);
  if (hundredths >= 8831n) return 'A';
  if (hundredths >= 7661n) return 'B';
  if (hundredths >= 6500n) return 'C';
  return 'D';
}

/** A JS number as the rational of its shortest decimal representation (83.38 → 8338/100). */
export function decimalFrac(x: number): Frac {
  const s = Number(x.toPrecision(15)).toString();
  if (/e/i.test(s)) {
    const [m, e] = s.split(/e/i);
    const base = decimalFrac(Number(m));
    const exp = Number(e);
    return exp >= 0 ? mul(base, frac(10n ** BigInt(exp))) : div(base, frac(10n ** BigInt(-exp)));
  }
  const neg = s.startsWith('-');
  const f = parseDecimal(neg ? s.slice(1) : s)!;
  return neg ? frac(-f.p, f.q) : f;
}

// ---------- the IKM ----------

/** n (answers given) and Σ (sum of scores 1..4) per unsur, in UNSUR_KEYS order. */
export interface Sel {
  responden: number;
  n: number[];
  s: number[];
}

export function emptySel(): Sel {
  return { responden: 0, n: new Array(9).fill(0), s: new Array(9).fill(0) };
}

export function addSel(into: Sel, other: Sel): Sel {
  into.responden += other.responden;
  for (let i = 0; i < 9; i++) {
    into.n[i] += other.n[i];
    into.s[i] += other.s[i];
  }
  return into;
}

export type Bobot = 'tepat' | 'lama';

/** Exact 1/9, or the 0,111 printed in legacy spreadsheets (`--bobot 0.111`). */
export function bobotFrac(b: Bobot): Frac {
  return b === 'tepat' ? frac(1, 9) : frac(111, 1000);
}

export interface HasilUnsur {
  key: UnsurKey;
  /** U1..U9 in the office's numbering. */
  kode: string;
  nama: string;
  n: number;
  jumlah: number;
  /** Rounded for display: NRR and tertimbang to 4 decimals, konversi to 2. */
  nrr: number;
  nrr_tertimbang: number;
  konversi: number;
  mutu: Mutu;
  kinerja: string;
  /** Full-precision values, for auditors. */
  presisi: { nrr: number; nrr_tertimbang: number; konversi: number };
}

export interface HasilIkm {
  responden: number;
  bobot: Bobot;
  unsur: HasilUnsur[];
  /** Unsur without any answer (excluded; then no IKM can be computed). */
  kosong: UnsurKey[];
  /** IKM on the 1–4 scale (Σ NRR tertimbang), 4 decimals. */
  ikm: number;
  /** IKM × 25, 2 decimals. */
  konversi: number;
  mutu: Mutu;
  kinerja: string;
  presisi: { ikm: number; konversi: number };
  /** Exact values, for further exact arithmetic (not serialised). */
  exact: { ikm: Frac; konversi: Frac; unsurKonversi: Frac[] };
}

export class IkmTanpaJawaban extends Error {
  constructor(readonly kosong: UnsurKey[]) {
    super(`unsur tanpa jawaban: ${kosong.join(', ')}`);
  }
}

/**
 * Computes the nine-unsur IKM of one group. Unsur rows come in the office's numbering (U1..U9).
 * Throws IkmTanpaJawaban when an unsur has no answer at all (IKM is undefined then).
 */
export function hitungIkm(sel: Sel, opts: { bobot?: Bobot; urutan?: UrutanUnsur } = {}): HasilIkm {
  const bobot = opts.bobot ?? 'tepat';
  const urutan = opts.urutan ?? 'definisi';
  const w = bobotFrac(bobot);
  const kosong = UNSUR_KEYS.filter((_, i) => sel.n[i] === 0);
  if (kosong.length) throw new IkmTanpaJawaban(kosong);
  let ikm: Frac = { p: 0n, q: 1n };
  const rows: (HasilUnsur & { idx: number; k: Frac })[] = [];
  const unsurKonversi: Frac[] = [];
  UNSUR.forEach((u, i) => {
    const nrr: Frac = { p: BigInt(sel.s[i]), q: BigInt(sel.n[i]) };
    const tert: Frac = { p: nrr.p * w.p, q: nrr.q * w.q };
    const konv: Frac = { p: nrr.p * 25n, q: nrr.q };
    unsurKonversi.push(konv);
    ikm = addRaw(ikm, tert);
    const mutu = mutuKonversi(konv);
    rows.push({
      idx: i,
      k: konv,
      key: u.key,
      kode: kodeUnsur(u.key, urutan),
      nama: u.nama,
      n: sel.n[i],
      jumlah: sel.s[i],
      nrr: roundFrac(nrr, 4),
      nrr_tertimbang: roundFrac(tert, 4),
      konversi: roundFrac(konv, 2),
      mutu,
      kinerja: KINERJA[mutu],
      presisi: { nrr: toNumber(nrr), nrr_tertimbang: toNumber(tert), konversi: toNumber(konv) },
    });
  });
  rows.sort((a, b) => Number(a.kode.slice(1)) - Number(b.kode.slice(1)));
  const konversi: Frac = { p: ikm.p * 25n, q: ikm.q };
  const mutu = mutuKonversi(konversi);
  const hasil = {
    responden: sel.responden,
    bobot,
    unsur: rows.map(({ idx: _i, k: _k, ...r }) => r),
    kosong,
    ikm: roundFrac(ikm, 4),
    konversi: roundFrac(konversi, 2),
    mutu,
    kinerja: KINERJA[mutu],
    presisi: { ikm: toNumber(ikm), konversi: toNumber(konversi) },
  } as HasilIkm;
  // Not enumerable: BigInt rationals stay out of JSON output.
  Object.defineProperty(hasil, 'exact', {
    value: { ikm, konversi, unsurKonversi },
    enumerable: false,
  });
  return hasil;
}

// ---------- comparison ----------

export interface Perubahan {
  /** Difference of the 2-decimal values as printed (so the table adds up). */
  poin: number;
  /** Relative change in percent of the earlier printed value, 2 decimals. */
  persen: number;
}

export function perubahan(lama: number, baru: number): Perubahan {
  const a = decimalFrac(lama);
  const b = decimalFrac(baru);
  const d = sub(b, a);
  return { poin: roundFrac(d, 2), persen: a.p === 0n ? 0 : roundFrac(mul(div(d, a), frac(100)), 2) };
}

// ---------- Krejcie & Morgan ----------

/**
 * Minimum sample for a population N (Krejcie & Morgan 1970): s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)),
 * χ² = 3,841, P = 0,5, d = 0,05, rounded to the nearest integer (reproduces the published table).
 */
export function sampelMinimum(populasi: number): number {
  if (!Number.isInteger(populasi) || populasi < 1) throw new RangeError(`populasi tidak valid: ${populasi}`);
  const N = BigInt(populasi);
  // × 100000: χ²P(1−P) = 0,96025 → 96025; d² = 0,0025 → 250.
  const s = frac(96025n * N, 250n * (N - 1n) + 96025n);
  return Number(scaledHalfUp(s, 0));
}

export interface Kecukupan {
  populasi: number | null;
  minimum: number | null;
  responden: number;
  /** null when the population is unknown. */
  sesuai: boolean | null;
  keterangan: string;
}

export function kecukupanSampel(responden: number, populasi: number | null): Kecukupan {
  if (populasi === null) return { populasi, minimum: null, responden, sesuai: null, keterangan: 'Populasi belum diketahui' };
  const minimum = sampelMinimum(populasi);
  const sesuai = responden >= minimum;
  return { populasi, minimum, responden, sesuai, keterangan: sesuai ? 'Sesuai' : 'Belum sesuai' };
}

// ---------- ranking ----------

/** Unsur sorted by exact konversi, lowest first (ties by numbering). */
export function urutkanUnsur(h: HasilIkm): HasilUnsur[] {
  const exactByKey = new Map(UNSUR_KEYS.map((k, i) => [k, h.exact.unsurKonversi[i]]));
  return [...h.unsur].sort((a, b) => {
    const d = sub(exactByKey.get(a.key)!, exactByKey.get(b.key)!);
    return d.p < 0n ? -1 : d.p > 0n ? 1 : Number(a.kode.slice(1)) - Number(b.kode.slice(1));
  });
}
