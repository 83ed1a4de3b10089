// A Google-Forms-like export (id-ID) of any size, for the survey benchmarks: the official sample
// questionnaire's header, answer labels from paten's own unsur table, varied profile fields and
// saran with quotes and line breaks. Deterministic for a given seed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './rng.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { unsur } = await import(path.join(root, 'dist', 'skm', 'unsur.js'));

// The header of the Google Forms fixture (the official sample questionnaire's question texts, in its
// order: 8 = sarana, 9 = pengaduan); the answer labels come from paten's own unsur table.
const HEADER_LINE = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'survey', 'google-forms-id.csv'), 'utf8').split('\n', 1)[0];
const ORDER = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'sarana', 'pengaduan'];
const LABELS = ORDER.map((k) => unsur(k).label);
const LAYANAN = ['Surat Keterangan Tidak Mampu (SKTM)', 'Pembuatan KTP', 'Legalisir', 'Surat Pindah', 'KK', 'Surat Keterangan Ahli Waris', 'Konsultasi pajak'];
const DESA = ['Watesprojo', 'Betro', 'Kedungsari', 'Mojojajar', 'Kemlagi', 'Japanan', 'Mojodowo', 'Tanjungan'];
const PEND = ['SD', 'SMP', 'SMA', 'D-III', 'S1'];
const PEK = ['PNS', 'SWASTA', 'WIRAUSAHA', 'Petani', 'Ibu rumah tangga'];
const SARAN = ['', '', '', '"Pelayanan sudah baik, pertahankan."', '"Antrian ""nomor"" membingungkan"', '"Ruang tunggu diperluas;\nkursi kurang"'];

/**
 * tahun: the year of every row's date (a file of a later year lands after the stored rows); jam:
 * false writes the date only (paper forms typed in, rekap sheets: no time of day).
 */
export function generate(file, rows, seed = 42, tahun = 2023, jam = true) {
  const fd = fs.openSync(file, 'w');
  // mulberry32: different seeds give different rows (a benchmark of identical-row lookups needs that).
  const next = mulberry32(seed);
  const rnd = (n) => next() % n;
  const p2 = (n) => String(n).padStart(2, '0');
  fs.writeSync(fd, HEADER_LINE + '\n');
  let buf = [];
  for (let i = 0; i < rows; i++) {
    const cells = LABELS.map((l) => l[rnd(4)]);
    buf.push(
      `${p2(1 + rnd(28))}/${p2(1 + rnd(12))}/${tahun}${jam ? ` ${p2(8 + rnd(8))}.${p2(rnd(60))}.${p2(rnd(60))}` : ''},${rnd(2) ? 'Laki-laki' : 'Perempuan'},${18 + rnd(50)},` +
        `${PEND[rnd(5)]},${PEK[rnd(5)]},${LAYANAN[rnd(7)]},${DESA[rnd(8)]},${cells.join(',')},${SARAN[rnd(6)]}`,
    );
    if (buf.length === 10000) {
      fs.writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, buf.join('\n') + '\n');
  fs.closeSync(fd);
}

