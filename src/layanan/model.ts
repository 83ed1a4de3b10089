/**
 * The layanan entity: its types, its field table (flags, catalog CSV columns, change labels) and
 * its validator. Pure: no database, no file formats (./catalog.ts), no SQL (./store.ts).
 */
import { clean, normalizeText, slugify, SLUG_RE } from '../core/text.js';
import type { Checked, FieldError, Fields } from '../registry/fields.js';

export type Kategori = 'perizinan' | 'non-perizinan';

export interface Layanan {
  id: number;
  slug: string;
  nama: string;
  kategori: Kategori;
  persyaratan: string[];
  prosedur: string[];
  waktu: string | null;
  biaya: string;
  produk: string | null;
  dasar_hukum: string | null;
  catatan: string | null;
  alias: string[];
  urutan: number;
  /** Local date-time of the last change, "YYYY-MM-DD HH:MM:SS" (or a date). */
  diperbarui: string;
}

/** A layanan as written in a JSON catalog or built from CSV rows. */
export interface LayananInput {
  slug?: string;
  nama?: string;
  kategori?: string;
  persyaratan?: string[];
  prosedur?: string[];
  waktu?: string | null;
  biaya?: string | null;
  produk?: string | null;
  dasar_hukum?: string | null;
  catatan?: string | null;
  alias?: string[];
  diperbarui?: string;
}

export type LayananData = Omit<Layanan, 'id' | 'urutan' | 'diperbarui'>;

/** The list-valued fields of a layanan, which `edit` can change item by item. */
export type DaftarLayanan = 'persyaratan' | 'prosedur' | 'alias';

/** Aliases in one catalog CSV cell are separated by "|" (as in the desa CSV). */
const ALIAS_LIST = { pisah: '|', gabung: ' | ' };

/**
 * The layanan fields, in the order changes are reported. persyaratan and prosedur are lists of
 * rows in the catalog CSV (bagian/no/teks), not columns of their own, hence `flagOnly`.
 */
export const LAYANAN_FIELDS: Fields<keyof LayananData> = [
  { key: 'slug', flag: 'slug', arg: '<slug>', help: 'pengenal tetap, huruf kecil dan tanda hubung (bawaan: dari nama)', label: 'slug', csv: 'slug', wajib: true },
  { key: 'nama', flag: 'nama', arg: '<nama>', help: 'nama layanan', label: 'nama', csv: 'nama', wajib: true },
  { key: 'kategori', flag: 'kategori', arg: '<kategori>', help: 'perizinan atau non-perizinan', label: 'kategori', csv: 'kategori' },
  { key: 'persyaratan', flag: 'syarat', arg: '<teks>', help: 'satu persyaratan; ulangi untuk tiap butir, sesuai urutan', label: 'persyaratan', csv: 'persyaratan', daftar: { pisah: '\n', gabung: '\n' }, flagOnly: true },
  { key: 'prosedur', flag: 'prosedur', arg: '<teks>', help: 'satu langkah prosedur; ulangi untuk tiap langkah', label: 'prosedur', csv: 'prosedur', daftar: { pisah: '\n', gabung: '\n' }, flagOnly: true },
  { key: 'waktu', flag: 'waktu', arg: '<teks>', help: 'waktu penyelesaian, mis. "1 hari kerja"', label: 'waktu penyelesaian', csv: 'waktu', aliases: ['waktu_penyelesaian'] },
  { key: 'biaya', flag: 'biaya', arg: '<teks>', help: 'biaya (bawaan "Gratis")', label: 'biaya', csv: 'biaya' },
  { key: 'produk', flag: 'produk', arg: '<teks>', help: 'produk layanan', label: 'produk layanan', csv: 'produk', aliases: ['produk_layanan'] },
  { key: 'dasar_hukum', flag: 'dasar-hukum', arg: '<teks>', help: 'dasar hukum', label: 'dasar hukum', csv: 'dasar_hukum' },
  { key: 'catatan', flag: 'catatan', arg: '<teks>', help: 'catatan', label: 'catatan', csv: 'catatan' },
  { key: 'alias', flag: 'alias', arg: '<teks>', help: 'nama lain untuk mencocokkan jawaban survei; ulangi bila lebih dari satu', label: 'alias', csv: 'alias', daftar: ALIAS_LIST },
];

function parseKategori(v: string | null): Kategori | null {
  if (v === null) return 'non-perizinan';
  const t = normalizeText(v).replace(/\s+/g, '-').replace(/_/g, '-');
  if (t === 'perizinan' || t === 'izin') return 'perizinan';
  if (t === 'non-perizinan' || t === 'nonperizinan' || t === 'non') return 'non-perizinan';
  return null;
}

/** A list field's items, each a non-empty text (problems added to `errors`). */
function checkList(input: LayananInput, field: DaftarLayanan, errors: FieldError[]): string[] {
  const v = input[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    errors.push({ field, message: `${field} harus berupa daftar (array) teks` });
    return [];
  }
  const out: string[] = [];
  v.forEach((item, i) => {
    const t = clean(item);
    if (t === null || typeof item !== 'string') errors.push({ field, message: `${field} nomor ${i + 1} kosong atau bukan teks` });
    else out.push(t);
  });
  return out;
}

/** Validates one catalog entry; returns normalised data or the list of problems (field → message). */
export function checkLayanan(input: LayananInput): Checked<LayananData> {
  const errors: FieldError[] = [];
  const nama = clean(input.nama);
  if (!nama) errors.push({ field: 'nama', message: 'nama layanan wajib diisi' });
  let slug = clean(input.slug);
  if (!slug && nama) slug = slugify(nama);
  if (!slug) errors.push({ field: 'slug', message: 'slug wajib diisi' });
  else if (!SLUG_RE.test(slug)) errors.push({ field: 'slug', message: `slug "${slug}" hanya boleh huruf kecil, angka dan tanda hubung (contoh: surat-keterangan-domisili)` });
  const kategoriRaw = clean(input.kategori);
  const kategori = parseKategori(kategoriRaw);
  if (!kategori) errors.push({ field: 'kategori', message: `kategori harus "perizinan" atau "non-perizinan", bukan "${kategoriRaw}"` });
  const persyaratan = checkList(input, 'persyaratan', errors);
  const prosedur = checkList(input, 'prosedur', errors);
  const alias = checkList(input, 'alias', errors);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      slug: slug!,
      nama: nama!,
      kategori: kategori!,
      persyaratan,
      prosedur,
      waktu: clean(input.waktu),
      biaya: clean(input.biaya) ?? 'Gratis',
      produk: clean(input.produk),
      dasar_hukum: clean(input.dasar_hukum),
      catatan: clean(input.catatan),
      alias,
    },
  };
}

export function toData(l: Layanan): LayananData {
  const { id: _id, urutan: _u, diperbarui: _d, ...rest } = l;
  return rest;
}
