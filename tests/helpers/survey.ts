/** Helpers for survey tests: read what an import stored, and write small Google-Forms-like exports. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const UNSUR_ORDER_DEFINISI = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'] as const;

/** The official sample questionnaire's questions, in questionnaire order (8 = sarana, 9 = pengaduan). */
export const QUESTIONS: [string, string][] = [
  ['persyaratan', '1. Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?'],
  ['prosedur', '2. Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?'],
  ['waktu', '3. Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?'],
  ['biaya', '4. Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?'],
  ['produk', '5. Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?'],
  ['kompetensi', '6. Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?'],
  ['perilaku', '7. Bagamana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?'],
  ['sarana', '8. Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?'],
  ['pengaduan', '9. Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?'],
];

export const LABELS: Record<string, string[]> = {
  persyaratan: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  prosedur: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
  waktu: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
  biaya: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
  produk: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  kompetensi: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
  perilaku: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
  pengaduan: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
  sarana: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
};

export const FORMS_HEADER = ['Stempel waktu', 'Jenis Kelamin', 'Usia', 'Jenis Layanan', 'Desa/Kelurahan', ...QUESTIONS.map((q) => q[1]), '10. Saran / Masukan :'];

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A Google Forms (id-ID) export with label answers. Each row gives its nine cells in questionnaire
 * order; a number 1..4 becomes that unsur's label; anything else is written as is.
 */
export function formsCsv(rows: { ts?: string; cells: (number | string)[]; layanan?: string; desa?: string; saran?: string }[]): string {
  const lines = [FORMS_HEADER.map(field).join(',')];
  for (const r of rows) {
    const cells = r.cells.map((c, i) => (typeof c === 'number' && c >= 1 && c <= 4 ? LABELS[QUESTIONS[i][0]][c - 1] : String(c)));
    lines.push([r.ts ?? '19/11/2023 14.03.10', 'Perempuan', '35', r.layanan ?? 'KTP', r.desa ?? 'Betro', ...cells, r.saran ?? ''].map(field).join(','));
  }
  return lines.join('\n') + '\n';
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
}

export interface StoredRow {
  batch_id: number;
  line: number;
  tanggal: string | null;
  waktu: string | null;
  layanan_id: number | null;
  layanan_teks: string | null;
  desa_id: number | null;
  desa_teks: string | null;
  saran: string | null;
  [k: `u_${string}`]: number | null;
}

/** Every stored response, in batch and line order. */
export function storedRows(dbFile: string): StoredRow[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM survey_response ORDER BY batch_id, line').all() as StoredRow[];
  } finally {
    db.close();
  }
}

export function query<T = any>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Writes a large Google-Forms-like export in chunks (for kill, concurrency and size tests). */
export function writeBigForms(file: string, rows: number, seed = 1): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, FORMS_HEADER.map(field).join(',') + '\n');
    let x = seed;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) % 4) + 1;
    let buf: string[] = [];
    for (let i = 0; i < rows; i++) {
      const day = (i % 28) + 1;
      const cells = QUESTIONS.map((q) => LABELS[q[0]][rnd() - 1]);
      buf.push(`${String(day).padStart(2, '0')}/11/2023 ${String(8 + (i % 8)).padStart(2, '0')}.${String(i % 60).padStart(2, '0')}.10,Perempuan,35,KTP,Betro,${cells.join(',')},"saran ${seed}-${i}, baik"`);
      if (buf.length === 5000) {
        fs.writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
}
