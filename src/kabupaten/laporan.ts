/**
 * The content of the kabupaten's yearly SKM report (`paten kabupaten laporan`): every figure the PDF
 * prints, gathered once from the kabupaten database, so the renderer (src/kabupaten/laporan-pdf.ts)
 * only draws. The comparison year is the latest loaded year before this one; the report date comes
 * from the data (31 December of the year, or --tanggal), never from the clock.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { belumMengirim, ikmKabupaten, ikmLayananKabupaten, trenKabupaten, type BelumMengirim, type IkmKabupaten, type IkmLayananKabupaten, type TrenKabupaten } from './ikm.js';
import { getWilayah, listPaket, tahunPaket, type PaketTersimpan, type Wilayah } from './store.js';

/** The official who signs the kabupaten report. */
export interface Penandatangan {
  /** "Kepala Bagian Organisasi Sekretariat Daerah Kabupaten Mojokerto". */
  jabatan: string;
  /** Place of signing ("Mojokerto"). */
  tempat: string;
  nama: string | null;
  nip: string | null;
}

export interface LaporanKabupaten {
  wilayah: Wilayah;
  tahun: number;
  /** TTTT-BB-HH, printed above the signature and used as the PDF date. */
  tanggal: string;
  ikm: IkmKabupaten;
  layanan: IkmLayananKabupaten;
  tren: TrenKabupaten;
  belum: BelumMengirim;
  /** This year's packets, by kecamatan name. */
  paket: PaketTersimpan[];
  penandatangan: Penandatangan;
}

/** "Kabupaten Mojokerto" / "Kab. Mojokerto" → "Mojokerto". */
export const namaKabupaten = (k: string) => k.trim().replace(/^(kabupaten|kab\.?)\s*/i, '');

export function susunLaporanKabupaten(
  db: Db,
  tahun: number,
  opts: { tanggal?: string; jabatan?: string; tempat?: string; nama?: string; nip?: string } = {},
): LaporanKabupaten {
  const wilayah = getWilayah(db);
  if (!wilayah) throw new UserError('Basis data ini belum memuat paket kecamatan satu pun.', { hint: 'Muat dulu paket dari kecamatan: paten kabupaten tambah BERKAS.paket …' });
  const sebelum = tahunPaket(db).filter((t) => t < tahun);
  const ikm = ikmKabupaten(db, tahun, sebelum.length ? sebelum[sebelum.length - 1] : null);
  const kab = namaKabupaten(wilayah.kabupaten);
  const collator = new Intl.Collator('id');
  return {
    wilayah,
    tahun,
    tanggal: opts.tanggal ?? `${tahun}-12-31`,
    ikm,
    layanan: ikmLayananKabupaten(db, tahun),
    tren: trenKabupaten(db, tahun),
    belum: belumMengirim(db, tahun),
    paket: listPaket(db).filter((p) => p.tahun === tahun).sort((a, b) => collator.compare(a.kecamatan, b.kecamatan)),
    penandatangan: {
      jabatan: opts.jabatan?.trim() || `Kepala Bagian Organisasi Sekretariat Daerah Kabupaten ${kab}`,
      tempat: opts.tempat?.trim() || kab,
      nama: opts.nama?.trim() || null,
      nip: opts.nip?.trim() || null,
    },
  };
}
