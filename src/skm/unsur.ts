/**
 * The one table of the nine SKM unsur (PermenPANRB 14/2017): stable keys, official names, the two
 * numberings in use, and the official answer labels (index 0 → score 1 … index 3 → score 4).
 * Every importer, computation and report uses this table; nothing else hard-codes unsur order.
 */
export type UnsurKey =
  | 'persyaratan'
  | 'prosedur'
  | 'waktu'
  | 'biaya'
  | 'produk'
  | 'kompetensi'
  | 'perilaku'
  | 'pengaduan'
  | 'sarana';

/** 'definisi': the regulation's definition list (U8 = pengaduan, U9 = sarana). 'kuesioner': its sample questionnaire (U8 = sarana, U9 = pengaduan). */
export type UrutanUnsur = 'definisi' | 'kuesioner';

export interface Unsur {
  key: UnsurKey;
  /** Official name as printed in reports. */
  nama: string;
  /** Short name for narrow tables and charts. */
  singkat: string;
  /** Official answer labels for scores 1..4. */
  label: readonly [string, string, string, string];
  /** Words that identify the unsur in a question header (lower case). */
  kataKunci: readonly string[];
}

export const UNSUR: readonly Unsur[] = [
  {
    key: 'persyaratan',
    nama: 'Persyaratan',
    singkat: 'Persyaratan',
    label: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    kataKunci: ['persyaratan', 'syarat'],
  },
  {
    key: 'prosedur',
    nama: 'Sistem, Mekanisme, dan Prosedur',
    singkat: 'Prosedur',
    label: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    kataKunci: ['prosedur', 'mekanisme', 'sistem'],
  },
  {
    key: 'waktu',
    nama: 'Waktu Penyelesaian',
    singkat: 'Waktu',
    label: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    kataKunci: ['waktu', 'kecepatan'],
  },
  {
    key: 'biaya',
    nama: 'Biaya/Tarif',
    singkat: 'Biaya',
    label: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    kataKunci: ['biaya', 'tarif'],
  },
  {
    key: 'produk',
    nama: 'Produk Spesifikasi Jenis Pelayanan',
    singkat: 'Produk',
    label: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    kataKunci: ['produk', 'hasil'],
  },
  {
    key: 'kompetensi',
    nama: 'Kompetensi Pelaksana',
    singkat: 'Kompetensi',
    label: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    kataKunci: ['kompetensi', 'kemampuan'],
  },
  {
    key: 'perilaku',
    nama: 'Perilaku Pelaksana',
    singkat: 'Perilaku',
    label: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    kataKunci: ['perilaku', 'kesopanan', 'keramahan', 'sopan'],
  },
  {
    key: 'pengaduan',
    nama: 'Penanganan Pengaduan, Saran dan Masukan',
    singkat: 'Pengaduan',
    label: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    kataKunci: ['pengaduan', 'keluhan'],
  },
  {
    key: 'sarana',
    nama: 'Sarana dan Prasarana',
    singkat: 'Sarana',
    label: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    kataKunci: ['sarana', 'prasarana', 'fasilitas'],
  },
];

export const UNSUR_KEYS: readonly UnsurKey[] = UNSUR.map((u) => u.key);

const BY_KEY = new Map(UNSUR.map((u) => [u.key, u]));

export function unsur(key: UnsurKey): Unsur {
  return BY_KEY.get(key)!;
}

/** The nine keys in the numbering the office uses (U1..U9). */
export function urutanUnsur(urutan: UrutanUnsur): UnsurKey[] {
  const keys = [...UNSUR_KEYS];
  if (urutan === 'kuesioner') {
    keys[7] = 'sarana';
    keys[8] = 'pengaduan';
  }
  return keys;
}

/** "U1".."U9" for a key in the given numbering. */
export function kodeUnsur(key: UnsurKey, urutan: UrutanUnsur): string {
  return `U${urutanUnsur(urutan).indexOf(key) + 1}`;
}

/** Database column holding a respondent's answer for an unsur. */
export function kolomUnsur(key: UnsurKey): `u_${UnsurKey}` {
  return `u_${key}`;
}
