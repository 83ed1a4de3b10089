/**
 * One IKM analysis as the commands and the report need it: resolve the period and filters, read
 * the aggregates, compute with src/ikm/hitung.ts (the same function for the total, every group and
 * the comparison year), the minimum sample and the confidence interval.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { formatAngka } from '../core/format.js';
import { requireProfil } from '../profil/index.js';
import { listLayanan, requireLayanan } from '../layanan/index.js';
import { listDesa } from '../desa/index.js';
import { getPopulasi } from '../survey/store.js';
import { unsur as unsurByKey, type UrutanUnsur } from '../skm/unsur.js';
import { addSel, emptySel, hitungIkm, IkmTanpaJawaban, kecukupanSampel, perubahan, type Bobot, type HasilIkm, type Kecukupan, type Perubahan, type Sel } from './hitung.js';
import { intervalIkm, ujiBeda, type Interval, type UjiBeda } from './interval.js';
import { bagianBulan, geserTahun, parsePeriodeArg, periodeRentang, periodeTahun, type Periode, type Satuan } from './periode.js';
import { agregat, jumlahPsiKuadrat, jumlahTanpaTanggal, tahunTersedia, type Per, type Saringan } from './store.js';

export type PerArg = Per | 'periode';

export interface IkmPermintaan {
  tahun?: number;
  periode?: string;
  dari?: string;
  sampai?: string;
  /** Slug, name or alias. */
  layanan?: string;
  per?: PerArg;
  banding?: number;
  populasi?: number;
  bobot?: Bobot;
  /** Skip the confidence interval. */
  tanpaInterval?: boolean;
}

export interface HasilPeriode {
  periode: Periode;
  hasil: HasilIkm;
  interval: Interval | null;
  sampel: Kecukupan;
}

export interface BarisKelompok {
  /** Sub-period label when grouped by period, else null. */
  periode: string | null;
  /** Group label (layanan/desa/sumber name), or null when grouped by period only. */
  kelompok: string | null;
  responden: number;
  /** null when an unsur has no answer in this group. */
  hasil: HasilIkm | null;
}

export interface BarisBanding {
  kode: string;
  nama: string;
  lama: number;
  baru: number;
  perubahan: Perubahan;
}

export interface IkmAnalisis {
  kecamatan: string;
  urutan: UrutanUnsur;
  layanan: { id: number; slug: string; nama: string } | null;
  utama: HasilPeriode;
  tanpaTanggal: number;
  kelompok: { per: PerArg | null; satuan: Satuan | null; baris: BarisKelompok[] } | null;
  banding: {
    lama: HasilPeriode;
    baru: HasilPeriode;
    unsur: BarisBanding[];
    ikm: BarisBanding;
    uji: UjiBeda | null;
  } | null;
}

/** Resolves the period from the flags against the years that have data. */
export function tentukanPeriode(db: Db, q: Pick<IkmPermintaan, 'tahun' | 'periode' | 'dari' | 'sampai'>): Periode {
  const pa = parsePeriodeArg(q.periode);
  if (q.dari !== undefined || q.sampai !== undefined) {
    if (q.dari === undefined || q.sampai === undefined) throw new UserError('--dari dan --sampai harus diberikan bersama.', { hint: 'Contoh: --dari 2023-01-01 --sampai 2023-06-30' });
    if (q.tahun !== undefined) throw new UserError('Pakai --tahun atau --dari/--sampai, tidak keduanya.');
    if (pa.ke !== null) throw new UserError('Nomor bagian pada --periode tidak bisa digabung dengan --dari/--sampai.');
    return periodeRentang(q.dari, q.sampai, pa.satuan);
  }
  const tahun = tahunTersedia(db);
  if (tahun.length === 0) {
    const tanpa = jumlahTanpaTanggal(db);
    throw new UserError(
      tanpa ? `Belum ada jawaban survei bertanggal (${formatAngka(tanpa)} jawaban tanpa tanggal tidak dapat dimasukkan ke periode mana pun).` : 'Belum ada jawaban survei di basis data ini.',
      { hint: 'Impor dulu hasil survei: paten survey import BERKAS.csv' },
    );
  }
  const t = q.tahun ?? tahun[tahun.length - 1];
  if (!tahun.includes(t))
    throw new UserError(`Tidak ada jawaban survei untuk tahun ${t}.`, { hint: `Tahun yang ada datanya: ${tahun.join(', ')}.` });
  return periodeTahun(t, pa.satuan, pa.ke);
}

function populasiUntuk(db: Db, p: Periode, q: IkmPermintaan, responden: number): number | null {
  let populasi: number | null = null;
  let asal = '--populasi';
  if (q.populasi !== undefined) populasi = q.populasi;
  else if (p.setahun && p.tahun !== null && !q.layanan) {
    populasi = getPopulasi(db, p.tahun);
    asal = `populasi tersimpan tahun ${p.tahun}`;
  }
  if (populasi !== null && populasi < responden)
    throw new UserError(
      `Populasi ${formatAngka(populasi)} (${asal}) lebih kecil dari jumlah responden ${formatAngka(responden)} pada ${p.label}.`,
      { hint: 'Populasi adalah jumlah penerima layanan pada periode itu dan tidak mungkin lebih kecil dari jumlah responden. Perbaiki dengan --populasi atau `paten survey populasi TAHUN JUMLAH`.' },
    );
  return populasi;
}

function hitungAman(sel: Sel, bobot: Bobot, urutan: UrutanUnsur, konteks: string): HasilIkm {
  try {
    return hitungIkm(sel, { bobot, urutan });
  } catch (e) {
    if (e instanceof IkmTanpaJawaban)
      throw new UserError(`IKM ${konteks} tidak dapat dihitung: unsur ${e.kosong.map((k) => unsurByKey(k).nama).join(', ')} tidak punya satu jawaban pun.`);
    throw e;
  }
}

function hasilPeriode(db: Db, p: Periode, f: Saringan, q: IkmPermintaan, urutan: UrutanUnsur, layananNama: string | null): HasilPeriode {
  const sel = agregat(db, f).reduce((acc, r) => addSel(acc, r.sel), emptySel());
  const apa = layananNama ? ` untuk layanan ${layananNama}` : '';
  if (sel.responden === 0) {
    const tersedia = tahunTersedia(db);
    throw new UserError(`Tidak ada jawaban survei${apa} pada ${p.label}.`, {
      hint: tersedia.length ? `Tahun yang ada datanya: ${tersedia.join(', ')}.` : 'Impor dulu hasil survei: paten survey import BERKAS.csv',
    });
  }
  const bobot = q.bobot ?? 'tepat';
  const hasil = hitungAman(sel, bobot, urutan, `${p.label}${apa}`);
  const interval = q.tanpaInterval ? null : intervalIkm(jumlahPsiKuadrat(db, f, sel), hasil.presisi.konversi, bobot);
  const sampel = kecukupanSampel(sel.responden, populasiUntuk(db, p, q, sel.responden));
  return { periode: p, hasil, interval, sampel };
}

/** The group label of answers whose layanan or desa is not (or no longer) in the registry. */
export const TAK_DIKENALI = { layanan: '(layanan tidak dikenali)', desa: '(desa tidak dikenali)' } as const;

function kelompokkan(db: Db, f: Saringan, per: PerArg | null, satuan: Satuan | null, bobot: Bobot, urutan: UrutanUnsur): BarisKelompok[] {
  const perDb = per === 'periode' ? null : per;
  const rows = agregat(db, f, { per: perDb, bulan: satuan !== null });
  const nama = new Map<string, string>();
  if (perDb === 'layanan') for (const l of listLayanan(db)) nama.set(String(l.id), l.nama);
  if (perDb === 'desa') for (const d of listDesa(db)) nama.set(String(d.id), d.nama);
  const label = (k: number | string | null): string => {
    if (k === null) return '';
    if (perDb === 'sumber') return String(k);
    return nama.get(String(k)) ?? TAK_DIKENALI[perDb as 'layanan' | 'desa'];
  };
  const groups = new Map<string, { periode: string | null; urutP: string; kelompok: string | null; sel: Sel }>();
  for (const r of rows) {
    const bag = satuan !== null && r.bulan ? bagianBulan(satuan, r.bulan) : null;
    const kel = perDb ? label(r.kelompok) : null;
    const key = `${bag?.kunci ?? ''}\u0000${kel ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { periode: bag?.label ?? null, urutP: bag?.kunci ?? '', kelompok: kel, sel: emptySel() };
      groups.set(key, g);
    }
    addSel(g.sel, r.sel);
  }
  const collator = new Intl.Collator('id');
  const out = [...groups.values()].sort((a, b) => (a.urutP < b.urutP ? -1 : a.urutP > b.urutP ? 1 : collator.compare(a.kelompok ?? '', b.kelompok ?? '')));
  return out.map((g) => {
    let hasil: HasilIkm | null = null;
    try {
      hasil = hitungIkm(g.sel, { bobot, urutan });
    } catch (e) {
      if (!(e instanceof IkmTanpaJawaban)) throw e;
    }
    return { periode: g.periode, kelompok: g.kelompok, responden: g.sel.responden, hasil };
  });
}

/** One IKM per layanan or per desa over the whole period (the report's BAB III tables). */
export function ikmPerKelompok(db: Db, f: Saringan, per: 'layanan' | 'desa', bobot: Bobot, urutan: UrutanUnsur): BarisKelompok[] {
  return kelompokkan(db, f, per, null, bobot, urutan);
}

function baris(kode: string, nama: string, lama: number, baru: number): BarisBanding {
  return { kode, nama, lama, baru, perubahan: perubahan(lama, baru) };
}

export function analisisIkm(db: Db, q: IkmPermintaan): IkmAnalisis {
  const profil = requireProfil(db);
  const urutan = profil.urutan_unsur;
  const bobot = q.bobot ?? 'tepat';
  const lay = q.layanan !== undefined ? requireLayanan(db, q.layanan) : null;
  const periode = tentukanPeriode(db, q);
  const f: Saringan = { dari: periode.dari, sampai: periode.sampai, layananId: lay?.id ?? null };
  const utama = hasilPeriode(db, periode, f, q, urutan, lay?.nama ?? null);

  const pa = parsePeriodeArg(q.periode);
  let kelompok: IkmAnalisis['kelompok'] = null;
  // --periode UNIT (no number) breaks the period into units; --per periode too, and when the period
  // is already one unit (a year, or semester:1 …) it is broken into months (or years for a range).
  const satuanSendiri = q.periode !== undefined && pa.ke === null && pa.satuan !== 'tahun' ? pa.satuan : null;
  const breakdownSatuan: Satuan | null = q.per === 'periode' ? satuanSendiri ?? (periode.tahun !== null ? 'bulan' : 'tahun') : satuanSendiri;
  if (q.per || breakdownSatuan) {
    kelompok = { per: q.per ?? 'periode', satuan: breakdownSatuan, baris: kelompokkan(db, f, q.per ?? 'periode', breakdownSatuan, bobot, urutan) };
  }

  let banding: IkmAnalisis['banding'] = null;
  if (q.banding !== undefined) {
    if (periode.tahun === q.banding) throw new UserError(`--banding ${q.banding} sama dengan tahun yang dianalisis.`);
    const pl = geserTahun(periode, q.banding);
    if (!tahunTersedia(db).includes(q.banding))
      throw new UserError(`Tidak ada jawaban survei untuk tahun ${q.banding} (argumen --banding).`, { hint: `Tahun yang ada datanya: ${tahunTersedia(db).join(', ')}.` });
    const lain = hasilPeriode(db, pl, { ...f, dari: pl.dari, sampai: pl.sampai }, { ...q, populasi: undefined }, urutan, lay?.nama ?? null);
    // The earlier year always on the left.
    const [lama, baru] = q.banding < periode.tahun! ? [lain, utama] : [utama, lain];
    const byKey = new Map(lama.hasil.unsur.map((u) => [u.key, u]));
    banding = {
      lama,
      baru,
      unsur: baru.hasil.unsur.map((u) => baris(u.kode, u.nama, byKey.get(u.key)!.konversi, u.konversi)),
      ikm: baris('IKM', 'IKM unit pelayanan', lama.hasil.konversi, baru.hasil.konversi),
      uji: ujiBeda({ konversi: lama.hasil.presisi.konversi, interval: lama.interval }, { konversi: baru.hasil.presisi.konversi, interval: baru.interval }),
    };
  }

  return {
    kecamatan: `Kecamatan ${profil.nama_kecamatan}`,
    urutan,
    layanan: lay ? { id: lay.id, slug: lay.slug, nama: lay.nama } : null,
    utama,
    tanpaTanggal: jumlahTanpaTanggal(db),
    kelompok,
    banding,
  };
}
