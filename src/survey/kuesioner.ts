/**
 * What the paper SKM questionnaire and its entry sheet ask, as data: the nine questions of the
 * PermenPANRB 14/2017 sample questionnaire with their four official answers (from src/skm/unsur.ts),
 * the respondent profile (jenis kelamin, usia, pendidikan, pekerjaan, desa) and the layanan tick
 * boxes from the catalog. The PDF layout (kuesioner-layout.ts) and the entry sheet (templat.ts)
 * both read this, so the sheet's columns are always the paper's questions in the paper's order.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { requireProfil, type Profil } from '../profil/index.js';
import { catalogLastChanged, listLayanan, requireLayanan, type Layanan } from '../layanan/index.js';
import { listDesa } from '../desa/index.js';
import { unsur, urutanUnsur, type UnsurKey, type UrutanUnsur } from '../skm/unsur.js';

/** The sample questionnaire's wording (its "Bagamana" typo in question 7 corrected). */
export const PERTANYAAN: Readonly<Record<UnsurKey, string>> = {
  persyaratan: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
  prosedur: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
  waktu: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
  biaya: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
  produk: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
  kompetensi: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
  perilaku: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
  sarana: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
  pengaduan: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
};

/** The respondent profile's choices, as on the sample questionnaire and the report template. */
export const PILIHAN_JENIS_KELAMIN = ['L', 'P'] as const;
export const PILIHAN_PENDIDIKAN = ['SD ke bawah', 'SMP', 'SMA', 'D1–D3', 'D4/S1', 'S2', 'S3'] as const;
export const PILIHAN_PEKERJAAN = ['PNS', 'TNI', 'POLRI', 'Swasta', 'Wirausaha', 'Lainnya'] as const;

export interface SoalKuesioner {
  /** 1..9 in the office's questionnaire order. */
  nomor: number;
  key: UnsurKey;
  /** "U8 Sarana dan Prasarana": the code and official name (the entry sheet's header starts so). */
  kode: string;
  nama: string;
  pertanyaan: string;
  /** Official answers for scores 1..4 (a..d on paper). */
  pilihan: readonly [string, string, string, string];
}

export interface IsiKuesioner {
  profil: Profil;
  urutan: UrutanUnsur;
  soal: SoalKuesioner[];
  /** Layanan to tick (the catalog, or those given with --layanan), in catalog order. */
  layanan: { slug: string; nama: string }[];
  desa: string[];
  /** The data's last change (YYYY-MM-DD), used as the PDF's date: same data, same bytes. */
  tanggalData: string;
}

/** The nine questions in the given numbering. */
export function soalKuesioner(urutan: UrutanUnsur): SoalKuesioner[] {
  return urutanUnsur(urutan).map((key, i) => {
    const u = unsur(key);
    return { nomor: i + 1, key, kode: `U${i + 1}`, nama: u.nama, pertanyaan: PERTANYAAN[key], pilihan: u.label };
  });
}

/** Everything a questionnaire or entry sheet prints, from the database. */
export function isiKuesioner(db: Db, opts: { layanan?: string[] } = {}): IsiKuesioner {
  const profil = requireProfil(db);
  const all = listLayanan(db);
  let layanan: Layanan[] = all;
  if (opts.layanan?.length) {
    const wanted = new Set(opts.layanan.map((k) => requireLayanan(db, k).id));
    layanan = all.filter((l) => wanted.has(l.id));
  }
  if (layanan.length === 0)
    throw new UserError('Katalog layanan masih kosong: kuesioner perlu daftar layanan untuk dicentang.', {
      hint: 'Isi katalog dengan `paten layanan import BERKAS` (atau `paten init --contoh` untuk contoh).',
    });
  const tanggalData = [profil.diperbarui.slice(0, 10), catalogLastChanged(db) ?? ''].sort().at(-1)!;
  return {
    profil,
    urutan: profil.urutan_unsur,
    soal: soalKuesioner(profil.urutan_unsur),
    layanan: layanan.map((l) => ({ slug: l.slug, nama: l.nama })),
    desa: listDesa(db).map((d) => d.nama),
    tanggalData,
  };
}

/** "Kecamatan Kemlagi" whether or not the profile's name already says "Kecamatan". */
export function namaKecamatan(p: Profil): string {
  const nama = p.nama_kecamatan.trim();
  return /^kecamatan\b/i.test(nama) ? nama : `Kecamatan ${nama}`;
}
