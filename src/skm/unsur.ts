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
  /**
   * Short column names of database exports that mean this unsur only when they are the whole header
   * (`sesuai`, `u3_cepat`): inside a question ("… sesuai harapan?") they say nothing.
   */
  kataSingkat: readonly string[];
}

export const UNSUR: readonly Unsur[] = [
  {
    key: 'persyaratan',
    nama: 'Persyaratan',
    singkat: 'Persyaratan',
    label: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    kataKunci: ['persyaratan', 'syarat'],
    kataSingkat: ['sesuai'],
  },
  {
    key: 'prosedur',
    nama: 'Sistem, Mekanisme, dan Prosedur',
    singkat: 'Prosedur',
    label: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    kataKunci: ['prosedur', 'mekanisme', 'sistem'],
    kataSingkat: ['mudah', 'kemudahan'],
  },
  {
    key: 'waktu',
    nama: 'Waktu Penyelesaian',
    singkat: 'Waktu',
    label: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    kataKunci: ['waktu', 'kecepatan'],
    kataSingkat: ['cepat'],
  },
  {
    key: 'biaya',
    nama: 'Biaya/Tarif',
    singkat: 'Biaya',
    label: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    kataKunci: ['biaya', 'tarif'],
    kataSingkat: ['wajar', 'kewajaran'],
  },
  {
    key: 'produk',
    nama: 'Produk Spesifikasi Jenis Pelayanan',
    singkat: 'Produk',
    label: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    kataKunci: ['produk', 'hasil'],
    kataSingkat: ['spesifikasi'],
  },
  {
    key: 'kompetensi',
    nama: 'Kompetensi Pelaksana',
    singkat: 'Kompetensi',
    label: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    kataKunci: ['kompetensi', 'kemampuan'],
    kataSingkat: ['kompeten'],
  },
  {
    key: 'perilaku',
    nama: 'Perilaku Pelaksana',
    singkat: 'Perilaku',
    label: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    kataKunci: ['perilaku', 'kesopanan', 'keramahan', 'sopan'],
    kataSingkat: ['ramah'],
  },
  {
    key: 'pengaduan',
    nama: 'Penanganan Pengaduan, Saran dan Masukan',
    singkat: 'Pengaduan',
    label: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    kataKunci: ['pengaduan', 'keluhan'],
    kataSingkat: ['aduan'],
  },
  {
    key: 'sarana',
    nama: 'Sarana dan Prasarana',
    singkat: 'Sarana',
    label: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    kataKunci: ['sarana', 'prasarana', 'fasilitas'],
    kataSingkat: ['kualitas'],
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

// ---------- answer labels as they appear in real exports ----------

/**
 * Other spellings of the official labels seen in deployed forms, per unsur (normalised text → score).
 * Typos that occur inside any label are fixed word by word by normalisasiLabel() instead.
 */
const VARIAN_LABEL: Partial<Record<UnsurKey, readonly (readonly [string, number])[]>> = {
  perilaku: [
    ['tidak sopan dan tidak ramah', 1],
    ['kurang sopan dan kurang ramah', 2],
    ['sangat sopan dan sangat ramah', 4],
    // XLSForm choice names drop the "dan": tidak_sopan_ramah … sangat_sopan_ramah.
    ['tidak sopan ramah', 1],
    ['kurang sopan ramah', 2],
    ['sopan ramah', 3],
    ['sangat sopan ramah', 4],
  ],
  pengaduan: [
    ['ada tapi tidak berfungsi', 2],
    ['ada tidak berfungsi', 2],
    ['dikelola baik', 4],
    ['ada tetapi tidak berfungsi dengan baik', 2],
    ['berfungsi kurang maksimal, lambat ditindaklanjuti', 3],
    ['berfungsi kurang maksimal lambat ditindaklanjuti', 3],
    ['dikelola dengan baik, cepat ditindaklanjuti', 4],
    ['dikelola dengan baik cepat ditindaklanjuti', 4],
  ],
};

/** Word-level typos seen in deployed option lists and headers. */
const SALAH_KETIK: readonly (readonly [RegExp, string])[] = [
  [/\bdikekola\b/g, 'dikelola'],
  [/\bbersungsi\b/g, 'berfungsi'],
  [/\bditindak lanjuti\b/g, 'ditindaklanjuti'],
  [/\bbagamana\b/g, 'bagaimana'],
];

/**
 * Normalises an answer label: NFC, lower case, collapsed spaces, an optional letter prefix
 * ("d. Sangat sesuai", "B) Kurang") returned separately, trailing full stops dropped, known typos fixed.
 * Underscores and hyphens between letters are spaces: Kobo/ODK exports write the choice name
 * (`sangat_sesuai`, `kurang-mudah`) instead of its label.
 */
export function normalisasiLabel(text: string): { teks: string; huruf: number | null } {
  let t = text.normalize('NFC').toLowerCase().replace(/_/g, ' ').replace(/(?<=\p{L})-(?=\p{L})/gu, ' ').replace(/\s+/g, ' ').trim();
  let huruf: number | null = null;
  const m = /^([a-d])\s*[.)]\s*(?=\S)/.exec(t);
  if (m) {
    huruf = m[1].charCodeAt(0) - 96;
    t = t.slice(m[0].length);
  }
  t = t.replace(/[\s.]+$/, '');
  for (const [re, fix] of SALAH_KETIK) t = t.replace(re, fix);
  return { teks: t, huruf };
}

const LABEL_MAP = new Map<UnsurKey, Map<string, number>>(
  UNSUR.map((u) => {
    const m = new Map<string, number>();
    u.label.forEach((l, i) => m.set(normalisasiLabel(l).teks, i + 1));
    for (const [v, s] of VARIAN_LABEL[u.key] ?? []) m.set(normalisasiLabel(v).teks, s);
    return [u.key, m];
  }),
);

/**
 * Score 1..4 of an answer label for one unsur (labels are checked per unsur: "Gratis" is not a
 * persyaratan answer), or null when the text is not one of that unsur's labels. A letter prefix that
 * contradicts the label ("a. Sangat sesuai") is also null.
 */
export function skorLabel(key: UnsurKey, text: string): number | null {
  const { teks, huruf } = normalisasiLabel(text);
  const s = LABEL_MAP.get(key)!.get(teks);
  if (s === undefined) return null;
  if (huruf !== null && huruf !== s) return null;
  return s;
}

/** The unsur whose label sets contain this answer text (persyaratan and produk share theirs). */
export function unsurUntukLabel(text: string): UnsurKey[] {
  return UNSUR_KEYS.filter((k) => skorLabel(k, text) !== null);
}

/** Header text normalised for matching: lower case, typos fixed, split into words. */
export function kataJudul(header: string): string[] {
  let t = header.normalize('NFC').toLowerCase();
  for (const [re, fix] of SALAH_KETIK) t = t.replace(re, fix);
  return t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The unsur a question header is about, by its key words ("… kualitas sarana dan prasarana?" →
 * sarana), whatever its number. Returns every unsur with the highest number of key-word hits:
 * one element when clear, several when ambiguous, none when the header names no unsur.
 */
export function unsurDariJudul(header: string): UnsurKey[] {
  const words = new Set(kataJudul(header));
  let best = 0;
  let keys: UnsurKey[] = [];
  for (const u of UNSUR) {
    const hits = u.kataKunci.filter((k) => words.has(k)).length;
    if (hits === 0) continue;
    if (hits > best) {
      best = hits;
      keys = [u.key];
    } else if (hits === best) keys.push(u.key);
  }
  return keys;
}

/** Words around a short database column name that carry no meaning: `u3_cepat`, `nilai_mudah`, `skor sesuai`. */
const KATA_KODE = /^(?:[upq]|unsur|soal|nilai|skor|jawaban|no)?\d{0,2}$/;

/**
 * The unsur a short header names (`sesuai`, `U1_sesuai`, `kualitas`), by `kataSingkat`, or null.
 * Only a header that is nothing but that word counts (besides a code or "nilai").
 */
export function unsurDariKataSingkat(header: string): UnsurKey | null {
  const words = kataJudul(header).filter((w) => !KATA_KODE.test(w));
  if (words.length !== 1) return null;
  return UNSUR.find((u) => u.kataSingkat.includes(words[0]))?.key ?? null;
}
