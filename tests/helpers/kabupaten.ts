/** Helpers for kabupaten tests and benches: a year of generated survey answers for one kecamatan. */
import fs from 'node:fs';
import { FORMS_HEADER, LABELS, QUESTIONS } from './survey.js';

const LAYANAN = ['KTP', 'Legalisasi Dokumen', 'Surat Keterangan Domisili'];
const DESA = ['Betro', 'Watesprojo', 'Mojojajar', 'Kedungsari'];

const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Writes a Google-Forms-like export of `rows` responses spread over `tahun` (timestamps
 * distinct within a file and, by seed, across files), answers drawn from a seeded generator biased by `bias` (0..3: higher = better scores).
 */
export function writeYearForms(file: string, rows: number, opts: { tahun: number; seed: number; bias?: number; saran?: string }): void {
  const fd = fs.openSync(file, 'w');
  let x = opts.seed;
  // the high bits: the low bits of this generator cycle with period 4
  const rnd = (m: number) => Math.floor((x = (x * 1103515245 + 12345) % 2147483648) / 65536) % m;
  const bias = opts.bias ?? 1;
  try {
    fs.writeSync(fd, FORMS_HEADER.map(q).join(',') + '\n');
    let buf: string[] = [];
    for (let i = 0; i < rows; i++) {
      const day = new Date(Date.UTC(opts.tahun, 0, 1 + (i % 365)));
      const dd = String(day.getUTCDate()).padStart(2, '0');
      const mm = String(day.getUTCMonth() + 1).padStart(2, '0');
      const t = Math.floor(i / 365);
      const ts = `${dd}/${mm}/${opts.tahun} ${String(7 + (t % 10)).padStart(2, '0')}.${String(Math.floor(t / 10) % 60).padStart(2, '0')}.${String((Math.floor(t / 600) + opts.seed) % 60).padStart(2, '0')}`;
      const cells = QUESTIONS.map((qq) => LABELS[qq[0]][Math.min(3, rnd(4) + (rnd(4) < bias ? 1 : 0))]);
      const saran = i % 7 === 0 ? `${opts.saran ?? 'saran'} ${i}` : '';
      buf.push([ts, i % 2 ? 'Perempuan' : 'Laki-laki', String(18 + (i % 50)), LAYANAN[rnd(3)], DESA[rnd(4)], ...cells, saran].map(q).join(','));
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
