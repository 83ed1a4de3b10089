/**
 * The kabupaten's IKM for one year from its loaded packets, with the same exact arithmetic as
 * `paten ikm` (src/ikm/hitung.ts). Each kecamatan's figure comes from its own summed n and Σ per
 * unsur; the kabupaten figure over all respondents from n and Σ summed over every kecamatan (never
 * an average of IKMs). The mean of the kecamatan IKMs is shown beside it, labelled, because the
 * regulation defines the IKM of a unit and a reader must see which figure is which.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { addSel, emptySel, frac, hitungIkm, IkmTanpaJawaban, mutuKonversi, KINERJA, perubahan, roundFrac, add, div, type HasilIkm, type Mutu, type Perubahan } from '../ikm/hitung.js';
import { agregatPaket, listPaket } from './store.js';

export interface BarisKecamatan {
  peringkat: number;
  kecamatan: string;
  kode_wilayah: string | null;
  responden: number;
  hasil: HasilIkm;
  /** Change of konversi from --banding's year, when that year's packet is loaded. */
  perubahan: Perubahan | null;
}

export interface IkmKabupaten {
  tahun: number;
  banding: number | null;
  baris: BarisKecamatan[];
  /** Over every respondent of the kabupaten (n and Σ summed): the IKM of the kabupaten as a unit. */
  gabungan: HasilIkm;
  /** Unweighted mean of the kecamatan konversi values (each kecamatan counts once). */
  rerata: { konversi: number; mutu: Mutu; kinerja: string; kecamatan: number };
}

function hitung(sel: ReturnType<typeof emptySel>, siapa: string): HasilIkm {
  try {
    return hitungIkm(sel);
  } catch (e) {
    if (e instanceof IkmTanpaJawaban) throw new UserError(`IKM ${siapa} tidak dapat dihitung: ada unsur tanpa satu jawaban pun (${e.kosong.join(', ')}).`);
    throw e;
  }
}

export function ikmKabupaten(db: Db, tahun: number, banding: number | null = null): IkmKabupaten {
  const rows = agregatPaket(db, tahun);
  if (rows.length === 0) {
    const ada = [...new Set(listPaket(db).map((p) => p.tahun))];
    throw new UserError(`Belum ada paket kecamatan tahun ${tahun} di basis data kabupaten ini.`, {
      hint: ada.length ? `Tahun yang sudah dimuat: ${ada.join(', ')}.` : 'Muat dulu paket dari kecamatan: paten kabupaten tambah BERKAS.paket …',
    });
  }
  const lama = new Map<string, number>();
  if (banding !== null) for (const r of agregatPaket(db, banding)) lama.set(r.paket.kunci, hitung(r.sel, `Kecamatan ${r.paket.kecamatan} tahun ${banding}`).konversi);
  const total = emptySel();
  const kec = rows.map((r) => {
    addSel(total, r.sel);
    const hasil = hitung(r.sel, `Kecamatan ${r.paket.kecamatan}`);
    const dulu = lama.get(r.paket.kunci);
    return { kecamatan: r.paket.kecamatan, kode_wilayah: r.paket.kode_wilayah, responden: r.sel.responden, hasil, perubahan: dulu === undefined ? null : perubahan(dulu, hasil.konversi) };
  });
  const collator = new Intl.Collator('id');
  kec.sort((a, b) => {
    const d = b.hasil.exact.konversi.p * a.hasil.exact.konversi.q - a.hasil.exact.konversi.p * b.hasil.exact.konversi.q;
    return d > 0n ? 1 : d < 0n ? -1 : collator.compare(a.kecamatan, b.kecamatan);
  });
  const jumlah = kec.reduce((acc, k) => add(acc, k.hasil.exact.konversi), frac(0));
  const rerataFrac = div(jumlah, frac(kec.length));
  const mutu = mutuKonversi(rerataFrac);
  return {
    tahun,
    banding,
    baris: kec.map((k, i) => ({ peringkat: i + 1, ...k })),
    gabungan: hitung(total, 'kabupaten'),
    rerata: { konversi: roundFrac(rerataFrac, 2), mutu, kinerja: KINERJA[mutu], kecamatan: kec.length },
  };
}
