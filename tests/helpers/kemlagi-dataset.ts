/**
 * Deterministic generator of the shipped sample surveys data/skm-contoh-2021.xlsx and
 * data/skm-contoh-2023.csv: Google Forms responses (id-ID) whose per-unsur konversi reproduce the
 * table published in Kecamatan Kemlagi's "Pelita Massa" proposal (Tabel 2.14, 2021 vs 2023).
 * 2023 ships as the CSV download; 2021 as the same kind of data kept in an Excel workbook (a
 * responses sheet with real date cells, and a "Rekap" sheet that the import skips), so the demo
 * and the end-to-end tests go through both readers.
 *
 * Regenerate: `npx vitest run tests/integration/ikm-kemlagi.test.ts` with PATEN_TULIS_CONTOH=1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toCsv } from '../../src/core/csv.js';
import { UNSUR_KEYS, unsur, urutanUnsur, type UnsurKey } from '../../src/skm/unsur.js';
import { ROOT } from './cli.js';

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The published figures, in definition order U1..U9 (U8 = pengaduan, U9 = sarana), as the seed prints them. */
export const KEMLAGI: Record<2021 | 2023, { responden: number; populasi: number; konversi: number[]; ikm: number }> = {
  // 315 is the only respondent count below 450 at which every 2021 figure is reachable.
  2021: { responden: 315, populasi: 1700, konversi: [77.38, 81.11, 77.78, 100.0, 78.17, 77.38, 80.24, 99.84, 78.1], ikm: 83.33 },
  2023: { responden: 400, populasi: 2000, konversi: [83.38, 83.38, 83.25, 100.0, 83.63, 84.25, 83.5, 82.38, 83.63], ikm: 85.26 },
};

/** The Σ per unsur (definition order) that gives exactly those konversi with n respondents. */
export function targetJumlah(n: number, konversi: number[]): number[] {
  return konversi.map((k) => {
    for (let s = n; s <= 4 * n; s++) {
      const hundredths = (2n * 2500n * BigInt(s) + BigInt(n)) / (2n * BigInt(n)); // half-up of 25·s/n × 100
      if (Number(hundredths) === Math.round(k * 100)) return s;
    }
    throw new Error(`konversi ${k} tidak tercapai dengan n=${n}`);
  });
}

/** Score counts [c1, c2, c3, c4] with Σ = s over n answers, spread like real SKM answers. */
function sebaranNilai(n: number, s: number, r: () => number): number[] {
  if (s === 4 * n) return [0, 0, 0, n];
  const extra = s - 3 * n;
  let k1 = r() < 0.6 ? 1 : 0;
  const room = n - Math.abs(extra) - 3 * k1;
  if (room < 0) k1 = 0;
  let t = Math.min(Math.round(n * (0.05 + r() * 0.04)), Math.floor((n - Math.abs(extra) - 3 * k1) / 2));
  if (t < 0) t = 0;
  // start from all 3s; a 1 costs 2 points, repaid by two more 4s
  let k4 = (extra > 0 ? extra : 0) + t + 2 * k1;
  let k2 = (extra < 0 ? -extra : 0) + t;
  let k3 = n - k1 - k2 - k4;
  if (k3 < 0) {
    k1 = 0;
    k4 = extra > 0 ? extra : 0;
    k2 = extra < 0 ? -extra : 0;
    k3 = n - k2 - k4;
  }
  const counts = [k1, k2, k3, k4];
  if (counts.reduce((a, c, i) => a + c * (i + 1), 0) !== s || counts.some((c) => c < 0)) throw new Error('sebaran gagal');
  return counts;
}

const QUESTIONS: Record<UnsurKey, string> = {
  persyaratan: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
  prosedur: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
  waktu: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
  biaya: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
  produk: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
  kompetensi: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
  perilaku: 'Bagamana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
  sarana: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
  pengaduan: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
};

/** Questionnaire order: 8 = sarana, 9 = pengaduan. */
export const KUESIONER = urutanUnsur('kuesioner');

export const HEADER = [
  'Stempel waktu',
  'Jenis Kelamin',
  'Usia',
  'Pendidikan Terakhir',
  'Pekerjaan Utama',
  'Jenis Layanan',
  'Desa/Kelurahan',
  ...KUESIONER.map((k, i) => `${i + 1}. ${QUESTIONS[k]}`),
  '10. Saran / Masukan :',
];

function pick<T>(r: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

const LAYANAN: readonly (readonly [string, number])[] = [
  ['Pelayanan KTP-el (baru, hilang, rusak, perubahan data)', 22],
  ['Pelayanan Kartu Keluarga (KK)', 18],
  ['Surat Keterangan Pindah Datang', 8],
  ['Surat Keterangan Tidak Mampu (SKTM)', 9],
  ['Surat Keterangan Ahli Waris', 6],
  ['Rekomendasi Dispensasi Nikah', 4],
  ['Rekomendasi Izin Keramaian', 5],
  ['Legalisasi Dokumen', 8],
  ['Surat Keterangan Domisili', 5],
  ['Surat Keterangan Kematian', 3],
  ['Surat Keterangan Kelahiran', 4],
  ['Surat Pengantar SKCK', 4],
  ['Pendampingan NIB/Izin Usaha Mikro Kecil', 2],
  ['Rekomendasi PBG/IMB Bangunan Kecil (≤100 m²)', 1],
  // free-text variants typed by respondents
  ['KTP', 2],
  ['kk', 1],
  ['Legalisir', 1],
  ['Surat pindah', 1],
];

const DESA = [
  'Watesprojo', 'Betro', 'Kedungsari', 'Mojojajar', 'Beratkulon', 'Mojosarirejo', 'Mojowiryo', 'Mojowatesrejo', 'Mojogebang', 'Mojopilang',
  'Mojokusumo', 'Japanan', 'Mojokumpul', 'Tanjungan', 'Mojorejo', 'Mojodadi', 'Kemlagi', 'Mojowono', 'Pandankrajan', 'Mojodowo',
];

const PENDIDIKAN: readonly (readonly [string, number])[] = [['SD', 18], ['SMP', 22], ['SMA/SMK', 38], ['D3', 6], ['S1', 14], ['S2', 2]];
const PEKERJAAN: readonly (readonly [string, number])[] = [
  ['Petani', 16], ['Wiraswasta', 20], ['Swasta', 22], ['PNS', 6], ['TNI/POLRI', 2], ['Ibu Rumah Tangga', 16], ['Pelajar/Mahasiswa', 8], ['Lainnya', 10],
];

const SARAN: Record<2021 | 2023, readonly string[]> = {
  2021: [
    'Persyaratan sering berubah, tolong diumumkan di balai desa supaya tidak bolak-balik.',
    'Berkas saya dikembalikan karena syarat kurang, padahal di desa tidak diberi tahu.',
    'Mohon daftar persyaratan ditempel di desa.',
    'Waktu penyelesaian KTP terlalu lama, harus kembali 2 kali.',
    'Pelayanan cukup baik, tetapi antrian panjang.',
    'Ruang tunggu panas, mohon ditambah kipas angin.',
    'Petugas ramah dan sopan.',
    'Prosedur pengurusan KK kurang jelas, perlu papan alur pelayanan.',
    'Kalau bisa ada pelayanan online.',
    'Terima kasih, sudah baik.',
    'Parkir sempit, motor harus di pinggir jalan.',
    'Petugas kurang menjelaskan, "nanti saja" katanya.',
    'Toilet kurang bersih.',
    'Semoga lebih cepat lagi.',
  ],
  2023: [
    'QR code persyaratan di balai desa sangat membantu, jadi tidak bolak-balik.',
    'Persyaratan sudah jelas dari desa, pelayanan cepat.',
    'Pertahankan, petugas ramah dan cekatan.',
    'Ruang tunggu sudah nyaman, tapi kursi kurang kalau ramai.',
    'Mohon kotak pengaduan diberi keterangan yang jelas.',
    'Waktu tunggu masih agak lama saat jam sibuk.',
    'Terima kasih, pelayanan "PATEN" makin baik.',
    'Sarana parkir perlu diperluas.',
    'Sudah bagus, semoga konsisten.',
    'Petugas menguasai prosedur, penjelasannya mudah dipahami.',
    'Pengaduan lewat WhatsApp belum dibalas, mohon ditanggapi.',
    'Kalau bisa jam layanan sampai sore.',
    'Tolong sediakan air minum di ruang tunggu.',
  ],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** One row of the sample: profile fields, answers in definition order, saran. */
export interface ContohRow {
  stempel: string;
  tanggal: string;
  jenisKelamin: string;
  usia: number;
  pendidikan: string;
  pekerjaan: string;
  layanan: string;
  desa: string;
  /** Scores 1..4 in UNSUR_KEYS (definition) order. */
  nilai: number[];
  saran: string;
}

export function kemlagiRows(tahun: 2021 | 2023): ContohRow[] {
  const { responden: n, konversi } = KEMLAGI[tahun];
  const r = rng(tahun * 7919);
  const sums = targetJumlah(n, konversi);
  // A latent satisfaction per respondent correlates the nine answers, as in real surveys.
  const mood = Array.from({ length: n }, () => r());
  const nilai: number[][] = Array.from({ length: n }, () => new Array(9).fill(0));
  UNSUR_KEYS.forEach((_, u) => {
    const counts = sebaranNilai(n, sums[u], r);
    const values: number[] = [];
    for (let v = 4; v >= 1; v--) for (let c = 0; c < counts[v - 1]; c++) values.push(v);
    const order = mood.map((m, i) => [m + r() * 0.8, i] as const).sort((a, b) => b[0] - a[0]);
    order.forEach(([, i], j) => (nilai[i][u] = values[j]));
  });
  // Timestamps on office days, spread over the year, sorted.
  const stamps: { tanggal: string; stempel: string; key: number }[] = [];
  while (stamps.length < n) {
    const day = Math.floor(r() * 365);
    const d = new Date(Date.UTC(tahun, 0, 1 + day));
    const dow = d.getUTCDay();
    const md = d.toISOString().slice(5, 10);
    if (dow === 0 || dow === 6 || md === '01-01' || md === '08-17' || md === '12-25') continue;
    const h = 8 + Math.floor(r() * 7);
    const mi = Math.floor(r() * 60);
    const se = Math.floor(r() * 60);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const dd = d.getUTCDate();
    stamps.push({ tanggal: `${y}-${pad(mo)}-${pad(dd)}`, stempel: `${pad(dd)}/${pad(mo)}/${y} ${pad(h)}.${pad(mi)}.${pad(se)}`, key: ((day * 24 + h) * 60 + mi) * 60 + se });
  }
  stamps.sort((a, b) => a.key - b.key);
  return stamps.map((s, i) => ({
    stempel: s.stempel,
    tanggal: s.tanggal,
    jenisKelamin: r() < 0.54 ? 'Perempuan' : 'Laki-laki',
    usia: 18 + Math.floor(r() * r() * 55) + Math.floor(r() * 8),
    pendidikan: pick(r, PENDIDIKAN),
    pekerjaan: pick(r, PEKERJAAN),
    layanan: pick(r, LAYANAN),
    desa: DESA[Math.floor(r() * DESA.length)],
    nilai: nilai[i],
    saran: r() < 0.32 ? SARAN[tahun][Math.floor(r() * SARAN[tahun].length)] : '',
  }));
}

/** The CSV text exactly as shipped: comma-delimited UTF-8 without BOM, LF (the repository stores text as LF), labels as answers. */
export function kemlagiCsv(tahun: 2021 | 2023): string {
  const rows = kemlagiRows(tahun).map((row) => [
    row.stempel,
    row.jenisKelamin,
    row.usia,
    row.pendidikan,
    row.pekerjaan,
    row.layanan,
    row.desa,
    ...KUESIONER.map((k) => unsur(k).label[row.nilai[UNSUR_KEYS.indexOf(k)] - 1]),
    row.saran,
  ]);
  return toCsv(HEADER, rows).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}

/** The shipped sample file of a year: 2021 is a workbook, 2023 a CSV download. */
export function contohFile(tahun: 2021 | 2023): string {
  return path.join(ROOT, 'data', tahun === 2021 ? 'skm-contoh-2021.xlsx' : 'skm-contoh-2023.csv');
}

/**
 * The sample of a year as a Google Forms CSV, for the test seeders that read CSV: the shipped file
 * for 2023, the generator's CSV of the same rows (written once to a temporary file) for 2021.
 */
export function contohPath(tahun: 2021 | 2023): string {
  if (tahun === 2023) return contohFile(2023);
  // Named by its content, so every test process shares one file and a changed generator gets a new one.
  const text = kemlagiCsv(2021);
  const file = path.join(os.tmpdir(), `paten-skm-contoh-2021-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 12)}.csv`);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    // Written aside and renamed, so a test process reading it meanwhile never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
  return file;
}

/** "02/01/2021 13.49.35" as the Date whose UTC fields hold that wall-clock time (how Excel stores it). */
export function stempelDate(stempel: string): Date {
  const [d, m, y, h, mi, se] = stempel.split(/[/ .]/).map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, mi, se));
}

/** The 2021 sample as a workbook: the responses with real date cells, and a Rekap sheet of totals. */
export async function kemlagiXlsx(file: string): Promise<void> {
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const rows = kemlagiRows(2021);
  const data = [
    HEADER.map((h) => ({ value: h })),
    ...rows.map((row) => [
      { value: stempelDate(row.stempel), format: 'dd/mm/yyyy hh:mm:ss' },
      { value: row.jenisKelamin },
      { value: row.usia },
      { value: row.pendidikan },
      { value: row.pekerjaan },
      { value: row.layanan },
      { value: row.desa },
      ...KUESIONER.map((k) => ({ value: unsur(k).label[row.nilai[UNSUR_KEYS.indexOf(k)] - 1] })),
      row.saran ? { value: row.saran } : null,
    ]),
  ];
  const rekap = [
    [{ value: 'Rekap SKM Kecamatan Kemlagi 2021' }],
    [{ value: 'Responden' }, { value: rows.length }],
    [{ value: 'IKM' }, { value: KEMLAGI[2021].ikm }],
  ];
  await writeExcelFile([
    { sheet: 'Jawaban SKM 2021', data: data as never },
    { sheet: 'Rekap', data: rekap as never },
  ]).toFile(file);
}

/** Writes the two shipped files (used when regenerating). */
export async function tulisContoh(): Promise<void> {
  fs.writeFileSync(contohFile(2023), kemlagiCsv(2023));
  await kemlagiXlsx(contohFile(2021));
}
