/**
 * The kabupaten's IKM for one year from its loaded packets, with the same exact arithmetic as
 * `paten ikm` (src/ikm/hitung.ts). Each kecamatan's figure comes from its own summed n and Σ per
 * unsur; the kabupaten figure over all respondents from n and Σ summed over every kecamatan (never
 * an average of IKMs). The mean of the kecamatan IKMs is shown beside it, labelled, because the
 * regulation defines the IKM of a unit and a reader must see which figure is which.
 *
 * Also what a Bagian Organisasi puts in its own report: per unsur across kecamatan (the kabupaten
 * value, the lowest and highest kecamatan, where it is the weakest unsur), the weakest unsur of each
 * kecamatan, per layanan where kecamatan catalogs use the same name, and the trend over the years
 * loaded. Comparisons ("lowest", "weakest") are made on the 2-decimal values a reader sees, so a
 * tie on paper is a tie here (all tied names are given).
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { addSel, emptySel, frac, hitungIkm, IkmTanpaJawaban, mutuKonversi, KINERJA, perubahan, roundFrac, add, div, type HasilIkm, type Mutu, type Perubahan, type Sel } from '../ikm/hitung.js';
import type { UnsurKey } from '../skm/unsur.js';
import { agregatLayanan, agregatPaket, listPaket, tahunPaket } from './store.js';

/** One unsur's value in one kecamatan (or the kabupaten). */
export interface NilaiUnsur {
  key: UnsurKey;
  kode: string;
  nama: string;
  konversi: number;
  mutu: Mutu;
}

export interface BarisKecamatan {
  peringkat: number;
  /** The kecamatan's identity across years (src/kabupaten/index.ts kunciKecamatan). */
  kunci: string;
  kecamatan: string;
  kode_wilayah: string | null;
  responden: number;
  hasil: HasilIkm;
  /** Change of konversi from --banding's year, when that year's packet is loaded. */
  perubahan: Perubahan | null;
  /** The unsur with the lowest konversi (several when tied at 2 decimals). */
  terlemah: NilaiUnsur[];
}

/** Names of the kecamatan at one end of an unsur's range (several when tied) and the value. */
export interface Ujung {
  kecamatan: string[];
  konversi: number;
}

/** One unsur across the kabupaten's kecamatan. */
export interface BarisUnsur {
  key: UnsurKey;
  kode: string;
  nama: string;
  /** Over all respondents of the kabupaten. */
  kabupaten: { konversi: number; mutu: Mutu };
  terendah: Ujung;
  tertinggi: Ujung;
  /** Kecamatan whose weakest unsur this is. */
  terlemah_di: string[];
}

export interface IkmKabupaten {
  tahun: number;
  banding: number | null;
  baris: BarisKecamatan[];
  /** Over every respondent of the kabupaten (n and Σ summed): the IKM of the kabupaten as a unit. */
  gabungan: HasilIkm;
  /** Unweighted mean of the kecamatan konversi values (each kecamatan counts once). */
  rerata: { konversi: number; mutu: Mutu; kinerja: string; kecamatan: number };
  unsur: BarisUnsur[];
}

function hitung(sel: Sel, siapa: string): HasilIkm {
  try {
    return hitungIkm(sel);
  } catch (e) {
    if (e instanceof IkmTanpaJawaban) throw new UserError(`IKM ${siapa} tidak dapat dihitung: ada unsur tanpa satu jawaban pun (${e.kosong.join(', ')}).`);
    throw e;
  }
}

function tahunKosong(db: Db, tahun: number): UserError {
  const ada = tahunPaket(db);
  return new UserError(`Belum ada paket kecamatan tahun ${tahun} di basis data kabupaten ini.`, {
    hint: ada.length ? `Tahun yang sudah dimuat: ${ada.join(', ')}.` : 'Muat dulu paket dari kecamatan: paten kabupaten tambah BERKAS.paket …',
  });
}

const nilai = (u: HasilIkm['unsur'][number]): NilaiUnsur => ({ key: u.key, kode: u.kode, nama: u.nama, konversi: u.konversi, mutu: u.mutu });

/** The unsur at the minimum konversi as printed (2 decimals), all of them when tied. */
export function terlemahDari(h: HasilIkm): NilaiUnsur[] {
  const min = Math.min(...h.unsur.map((u) => u.konversi));
  return h.unsur.filter((u) => u.konversi === min).map(nilai);
}

function ujung(vals: { kecamatan: string; konversi: number }[], pick: (xs: number[]) => number): Ujung {
  const v = pick(vals.map((x) => x.konversi));
  return { kecamatan: vals.filter((x) => x.konversi === v).map((x) => x.kecamatan).sort(new Intl.Collator('id').compare), konversi: v };
}

function perUnsur(gabungan: HasilIkm, baris: BarisKecamatan[]): BarisUnsur[] {
  return gabungan.unsur.map((g, i) => {
    const vals = baris.map((b) => ({ kecamatan: b.kecamatan, konversi: b.hasil.unsur[i].konversi }));
    return {
      key: g.key,
      kode: g.kode,
      nama: g.nama,
      kabupaten: { konversi: g.konversi, mutu: g.mutu },
      terendah: ujung(vals, (xs) => Math.min(...xs)),
      tertinggi: ujung(vals, (xs) => Math.max(...xs)),
      terlemah_di: baris.filter((b) => b.terlemah.some((t) => t.key === g.key)).map((b) => b.kecamatan),
    };
  });
}

export function ikmKabupaten(db: Db, tahun: number, banding: number | null = null): IkmKabupaten {
  const rows = agregatPaket(db, tahun);
  if (rows.length === 0) throw tahunKosong(db, tahun);
  const lama = new Map<string, number>();
  if (banding !== null) for (const r of agregatPaket(db, banding)) lama.set(r.paket.kunci, hitung(r.sel, `Kecamatan ${r.paket.kecamatan} tahun ${banding}`).konversi);
  const total = emptySel();
  const kec = rows.map((r) => {
    addSel(total, r.sel);
    const hasil = hitung(r.sel, `Kecamatan ${r.paket.kecamatan}`);
    const dulu = lama.get(r.paket.kunci);
    return {
      kunci: r.paket.kunci,
      kecamatan: r.paket.kecamatan,
      kode_wilayah: r.paket.kode_wilayah,
      responden: r.sel.responden,
      hasil,
      perubahan: dulu === undefined ? null : perubahan(dulu, hasil.konversi),
      terlemah: terlemahDari(hasil),
    };
  });
  const collator = new Intl.Collator('id');
  kec.sort((a, b) => {
    const d = b.hasil.exact.konversi.p * a.hasil.exact.konversi.q - a.hasil.exact.konversi.p * b.hasil.exact.konversi.q;
    return d > 0n ? 1 : d < 0n ? -1 : collator.compare(a.kecamatan, b.kecamatan);
  });
  const jumlah = kec.reduce((acc, k) => add(acc, k.hasil.exact.konversi), frac(0));
  const rerataFrac = div(jumlah, frac(kec.length));
  const mutu = mutuKonversi(rerataFrac);
  const baris = kec.map((k, i) => ({ peringkat: i + 1, ...k }));
  const gabungan = hitung(total, 'kabupaten');
  return {
    tahun,
    banding,
    baris,
    gabungan,
    rerata: { konversi: roundFrac(rerataFrac, 2), mutu, kinerja: KINERJA[mutu], kecamatan: kec.length },
    unsur: perUnsur(gabungan, baris),
  };
}

// ---------- per layanan ----------

/** One layanan name used by two or more kecamatan. */
export interface BarisLayanan {
  layanan: string;
  kecamatan: number;
  responden: number;
  /** Over all respondents of this layanan in those kecamatan; null when an unsur has no answer. */
  hasil: HasilIkm | null;
  /** Among the kecamatan whose own IKM of this layanan can be computed. */
  terendah: Ujung | null;
  tertinggi: Ujung | null;
}

export interface IkmLayananKabupaten {
  tahun: number;
  baris: BarisLayanan[];
  /** Layanan names found in one kecamatan only: not comparable across kecamatan. */
  satuKecamatan: { layanan: string; kecamatan: string }[];
}

/** "KTP-el", "ktp el" and "KTP el " are one layanan; other spellings are other names. */
const kunciLayanan = (s: string) => s.toLocaleLowerCase('id').replace(/[\s\-_./]+/g, ' ').trim();

const cobaHitung = (sel: Sel): HasilIkm | null => {
  try {
    return hitungIkm(sel);
  } catch (e) {
    if (e instanceof IkmTanpaJawaban) return null;
    throw e;
  }
};

/**
 * IKM per layanan where kecamatan catalogs agree on the name (compared without case, spaces or
 * dashes). Each kecamatan's catalog is its own, so only a name used by two or more kecamatan is a
 * row; the others are listed as not comparable. Answers without a layanan are left out.
 */
export function ikmLayananKabupaten(db: Db, tahun: number): IkmLayananKabupaten {
  const rows = agregatLayanan(db, tahun);
  if (rows.length === 0) throw tahunKosong(db, tahun);
  const nama = new Map(listPaket(db).map((p) => [p.id, p.kecamatan]));
  const groups = new Map<string, { ejaan: Map<string, number>; per: Map<number, Sel> }>();
  for (const r of rows) {
    if (!r.layanan.trim()) continue;
    const k = kunciLayanan(r.layanan);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ejaan: new Map(), per: new Map() }));
    g.ejaan.set(r.layanan, (g.ejaan.get(r.layanan) ?? 0) + r.sel.responden);
    const sel = g.per.get(r.paket_id) ?? emptySel();
    g.per.set(r.paket_id, addSel(sel, r.sel));
  }
  const collator = new Intl.Collator('id');
  const baris: BarisLayanan[] = [];
  const satuKecamatan: IkmLayananKabupaten['satuKecamatan'] = [];
  for (const g of groups.values()) {
    // The spelling most respondents' kecamatan use (then alphabetical) names the row.
    const layanan = [...g.ejaan].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))[0][0];
    if (g.per.size < 2) {
      satuKecamatan.push({ layanan, kecamatan: nama.get([...g.per.keys()][0]) ?? '' });
      continue;
    }
    const total = emptySel();
    const vals: { kecamatan: string; konversi: number }[] = [];
    for (const [id, sel] of g.per) {
      addSel(total, sel);
      const h = cobaHitung(sel);
      if (h) vals.push({ kecamatan: nama.get(id) ?? '', konversi: h.konversi });
    }
    baris.push({
      layanan,
      kecamatan: g.per.size,
      responden: total.responden,
      hasil: cobaHitung(total),
      terendah: vals.length ? ujung(vals, (xs) => Math.min(...xs)) : null,
      tertinggi: vals.length ? ujung(vals, (xs) => Math.max(...xs)) : null,
    });
  }
  baris.sort((a, b) => b.kecamatan - a.kecamatan || b.responden - a.responden || collator.compare(a.layanan, b.layanan));
  satuKecamatan.sort((a, b) => collator.compare(a.kecamatan, b.kecamatan) || collator.compare(a.layanan, b.layanan));
  return { tahun, baris, satuKecamatan };
}

// ---------- trend ----------

export interface TrenKabupaten {
  tahun: number[];
  /** Per year: the kabupaten figures. */
  kabupaten: { tahun: number; kecamatan: number; responden: number; konversi: number; mutu: Mutu; rerata: number }[];
  /** Per kecamatan (by name, alphabetical): konversi per year, null when no packet that year. */
  kecamatan: { kecamatan: string; konversi: (number | null)[] }[];
}

/** The loaded years up to `sampai` (at most `maks` of the latest). */
export function trenKabupaten(db: Db, sampai: number, maks = 5): TrenKabupaten {
  const tahun = tahunPaket(db).filter((t) => t <= sampai).slice(-maks);
  const perKec = new Map<string, { kecamatan: string; konversi: (number | null)[] }>();
  const kabupaten = tahun.map((t, i) => {
    const r = ikmKabupaten(db, t);
    for (const b of r.baris) {
      let x = perKec.get(b.kunci);
      if (!x) perKec.set(b.kunci, (x = { kecamatan: b.kecamatan, konversi: tahun.map(() => null) }));
      x.kecamatan = b.kecamatan; // the latest year's name
      x.konversi[i] = b.hasil.konversi;
    }
    return { tahun: t, kecamatan: r.baris.length, responden: r.gabungan.responden, konversi: r.gabungan.konversi, mutu: r.gabungan.mutu, rerata: r.rerata.konversi };
  });
  const collator = new Intl.Collator('id');
  return { tahun, kabupaten, kecamatan: [...perKec.values()].sort((a, b) => collator.compare(a.kecamatan, b.kecamatan)) };
}

// ---------- who has not sent ----------

export interface BelumMengirim {
  tahun: number;
  /** Kecamatan that sent a packet for another year but not this one. */
  kecamatan: { kecamatan: string; kode_wilayah: string | null; tahun_lain: number[] }[];
  /**
   * Kecamatan codes (Kemendagri, NN.NN.NN) missing from the numbering of the codes loaded: the
   * kecamatan of a kabupaten are numbered 01, 02, … so a gap below the highest code loaded is a
   * kecamatan no packet has come from. Null when the loaded packets carry no such codes.
   */
  kode: string[] | null;
  /** Highest kecamatan number loaded: the kabupaten has at least this many kecamatan. */
  palingSedikit: number | null;
}

/** 35.16.15 or 351615 (the dots are optional in a profile). */
const KODE_KECAMATAN = /^(\d{2})\.?(\d{2})\.?(\d{2})$/;

export function belumMengirim(db: Db, tahun: number): BelumMengirim {
  const all = listPaket(db);
  const ini = new Set(all.filter((p) => p.tahun === tahun).map((p) => p.kunci));
  const lain = new Map<string, BelumMengirim['kecamatan'][number]>();
  for (const p of all) {
    if (ini.has(p.kunci)) continue;
    const x = lain.get(p.kunci) ?? { kecamatan: p.kecamatan, kode_wilayah: p.kode_wilayah, tahun_lain: [] };
    x.kecamatan = p.kecamatan;
    x.tahun_lain.push(p.tahun);
    lain.set(p.kunci, x);
  }
  const prefix = new Map<string, Set<number>>();
  for (const p of all) {
    const m = p.kode_wilayah ? KODE_KECAMATAN.exec(p.kode_wilayah.trim()) : null;
    if (!m) continue;
    const k = `${m[1]}.${m[2]}`;
    if (!prefix.has(k)) prefix.set(k, new Set());
    prefix.get(k)!.add(Number(m[3]));
  }
  let kode: string[] | null = null;
  let palingSedikit: number | null = null;
  // One kabupaten prefix only: codes of two prefixes mean a typo somewhere, and gaps would mislead.
  if (prefix.size === 1) {
    const [[pre, nums]] = [...prefix];
    palingSedikit = Math.max(...nums);
    kode = [];
    for (let i = 1; i < palingSedikit; i++) if (!nums.has(i)) kode.push(`${pre}.${String(i).padStart(2, '0')}`);
  }
  const collator = new Intl.Collator('id');
  return { tahun, kecamatan: [...lain.values()].sort((a, b) => collator.compare(a.kecamatan, b.kecamatan)), kode, palingSedikit };
}
