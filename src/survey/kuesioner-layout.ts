/**
 * The paper SKM questionnaire's layout as a pure function: (content, paper, text measurer) → one
 * page of positioned elements in PDF points, origin top-left (pdfkit's coordinates). The renderer
 * (kuesioner-render.ts) only draws them, so tests check fit and alignment without a PDF.
 *
 * It follows the PermenPANRB 14/2017 sample: heading, respondent profile, layanan, the nine
 * questions with their four answers, a saran box. Everything is black on white with lines of at
 * least 0.75 pt (a photocopy of a photocopy stays readable), and the four answers of every question
 * sit in the same four columns, so the officer typing the forms in reads straight down a column.
 */
import { UserError } from '../core/errors.js';
import { MM, PAPER, pdfSafeText, type FontName } from '../pdf/document.js';
import { namaKecamatan, PILIHAN_PEKERJAAN, PILIHAN_PENDIDIKAN, type IsiKuesioner } from './kuesioner.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Elemen =
  | { kind: 'text'; box: Box; text: string; font: FontName; size: number }
  /** A tick box (stroked square). */
  | { kind: 'kotak'; box: Box }
  /** A stroked rectangle (the saran box). */
  | { kind: 'bingkai'; box: Box }
  | { kind: 'garis'; x1: number; y1: number; x2: number; y2: number; width: number }
  | { kind: 'qr'; box: Box; payload: string };

export interface KuesionerLayout {
  width: number;
  height: number;
  margin: number;
  elements: Elemen[];
  /** Left edges of the four answer columns (the same for every question). */
  kolomJawaban: [number, number, number, number];
  /** The corner QR to the online form, when the profile has url_survei. */
  qr: Box | null;
}

/** Measures text in the embedded fonts (pdfkit in the renderer; a stub is enough for tests). */
export interface Ukur {
  width(text: string, font: FontName, size: number): number;
  /** Line height at `size`, in points. */
  lineHeight(font: FontName, size: number): number;
}

export type Kertas = 'A4' | 'F4';

const MARGIN = 10 * MM;
const KOTAK = 8.5;
const GARIS = 0.8;
const UKURAN = { judul: 12.5, sub: 10.5, kecil: 8, teks: 9, pilihan: 8.3, bagian: 9.5 };
/** Printed QR side with its quiet zone: about 25 mm, a module near 0.7 mm for a short form link. */
const QR_SISI = 25 * MM;

/** Builds elements top to bottom; `y` is the next free line. */
class Penyusun {
  readonly el: Elemen[] = [];
  y: number;
  constructor(
    readonly m: Ukur,
    readonly left: number,
    readonly right: number,
    top: number,
  ) {
    this.y = top;
  }

  lh(font: FontName, size: number): number {
    return this.m.lineHeight(font, size);
  }

  /** One line of text at (x, y); returns its width. */
  text(text: string, x: number, y: number, font: FontName, size: number): number {
    const t = pdfSafeText(text);
    const w = this.m.width(t, font, size);
    this.el.push({ kind: 'text', box: { x, y, w, h: this.lh(font, size) }, text: t, font, size });
    return w;
  }

  /** Wrapped text from x to maxRight starting at y; returns the height used. */
  para(text: string, x: number, y: number, maxRight: number, font: FontName, size: number): number {
    const lines = wrapText(this.m, pdfSafeText(text), font, size, maxRight - x);
    const lh = this.lh(font, size);
    lines.forEach((line, i) => this.text(line, x, y + i * lh, font, size));
    return lines.length * lh;
  }

  /** A tick box vertically centred on a text line that starts at y. */
  kotak(x: number, y: number, size: number): void {
    const lh = this.lh('Sans', size);
    this.el.push({ kind: 'kotak', box: { x, y: y + (lh - KOTAK) / 2, w: KOTAK, h: KOTAK } });
  }

  /** A writing line from x to x2, on the baseline of a text line starting at y. */
  isian(x: number, x2: number, y: number, size: number): void {
    const base = y + this.lh('Sans', size) * 0.82;
    this.el.push({ kind: 'garis', x1: x, y1: base, x2, y2: base, width: GARIS * 0.75 });
  }

  /** "☐ label" inline; returns the x after it. */
  pilihan(label: string, x: number, y: number, size: number): number {
    this.kotak(x, y, size);
    return x + KOTAK + 3 + this.text(label, x + KOTAK + 3, y, 'Sans', size) + 9;
  }

  bagian(title: string): void {
    this.y += 5;
    this.text(title, this.left, this.y, 'Sans-Bold', UKURAN.bagian);
    this.y += this.lh('Sans-Bold', UKURAN.bagian) + 2;
  }
}

/** Greedy word wrap within `maxWidth`; a word longer than the line is split. */
export function wrapText(m: Ukur, text: string, font: FontName, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (m.width(next, font, size) <= maxWidth + 1e-6) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    while (m.width(word, font, size) > maxWidth && word.length > 1) {
      let n = word.length - 1;
      while (n > 1 && m.width(word.slice(0, n), font, size) > maxWidth) n--;
      lines.push(word.slice(0, n));
      word = word.slice(n);
    }
    cur = word;
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

function kepala(p: Penyusun, isi: IsiKuesioner, qr: Box | null): void {
  const textRight = qr ? qr.x - 10 : p.right;
  const prof = isi.profil;
  p.y += p.para('KUESIONER SURVEI KEPUASAN MASYARAKAT (SKM)', p.left, p.y, textRight, 'Sans-Bold', UKURAN.judul);
  p.y += p.para(namaKecamatan(prof).toUpperCase(), p.left, p.y, textRight, 'Sans-Bold', UKURAN.sub);
  p.y += p.para(prof.kabupaten.toUpperCase(), p.left, p.y, textRight, 'Sans-Bold', UKURAN.sub);
  const alamat = [prof.alamat, prof.telepon ? `Telp ${prof.telepon}` : null].filter(Boolean).join(' • ');
  if (alamat) p.y += p.para(alamat, p.left, p.y + 1, textRight, 'Sans', UKURAN.kecil) + 1;
  if (qr) {
    p.el.push({ kind: 'qr', box: qr, payload: prof.url_survei! });
    const cap = 'Bisa juga diisi lewat HP';
    const w = p.m.width(cap, 'Sans-Bold', 7.5);
    p.text(cap, Math.min(qr.x + (qr.w - w) / 2, p.right - w), qr.y + qr.h + 1, 'Sans-Bold', 7.5);
    p.y = Math.max(p.y, qr.y + qr.h + 1 + p.lh('Sans-Bold', 7.5));
  }
  p.y += 4;
  p.el.push({ kind: 'garis', x1: p.left, y1: p.y, x2: p.right, y2: p.y, width: 1.2 });
  p.y += 5;
  const petunjuk =
    'Mohon beri tanda silang (X) pada satu kotak jawaban di setiap pertanyaan, sesuai pelayanan yang Saudara terima hari ini. ' +
    'Nama Saudara tidak ditanyakan dan jawaban dijaga kerahasiaannya.';
  p.y += p.para(petunjuk, p.left, p.y, p.right, 'Sans', UKURAN.kecil + 0.5);
}

function responden(p: Penyusun, isi: IsiKuesioner): void {
  p.bagian('A. DATA RESPONDEN');
  const s = UKURAN.teks;
  const lh = p.lh('Sans', s) + 4;
  const labelW = 78;
  const x0 = p.left + labelW;
  const label = (t: string) => p.text(t, p.left, p.y, 'Sans', s);

  label('Tanggal survei');
  p.text(':', x0 - 6, p.y, 'Sans', s);
  let x = x0;
  for (const [w, after] of [[22, '/'], [22, '/'], [40, '']] as const) {
    p.isian(x, x + w, p.y, s);
    x += w + 2;
    if (after) x += p.text(after, x, p.y, 'Sans', s) + 2;
  }
  x += 24;
  x += p.text('Jenis kelamin :', x, p.y, 'Sans', s) + 6;
  x = p.pilihan('Laki-laki', x, p.y, s);
  x = p.pilihan('Perempuan', x, p.y, s) + 12;
  x += p.text('Usia :', x, p.y, 'Sans', s) + 4;
  p.isian(x, x + 28, p.y, s);
  p.text('tahun', x + 31, p.y, 'Sans', s);
  p.y += lh;

  label('Pendidikan');
  p.text(':', x0 - 6, p.y, 'Sans', s);
  x = x0;
  for (const v of PILIHAN_PENDIDIKAN) x = p.pilihan(v, x, p.y, s);
  p.y += lh;

  label('Pekerjaan');
  p.text(':', x0 - 6, p.y, 'Sans', s);
  x = x0;
  for (const v of PILIHAN_PEKERJAAN) x = p.pilihan(v === 'Lainnya' ? 'Lainnya:' : v, x, p.y, s);
  p.isian(x - 7, Math.min(p.right, x + 110), p.y, s);
  p.y += lh;

  label('Desa/kelurahan');
  p.text(':', x0 - 6, p.y, 'Sans', s);
  p.isian(x0, x0 + 200, p.y, s);
  p.y += lh - 2;
}

function layanan(p: Penyusun, isi: IsiKuesioner, kolom: number, size: number): void {
  p.bagian('B. JENIS LAYANAN YANG SAUDARA TERIMA (pilih satu)');
  const gap = 8;
  const colW = (p.right - p.left - gap * (kolom - 1)) / kolom;
  const rows = Math.ceil(isi.layanan.length / kolom);
  const lh = p.lh('Sans', size);
  let rowTop = p.y;
  for (let r = 0; r < rows; r++) {
    let tallest = 0;
    for (let c = 0; c < kolom; c++) {
      // Filled column by column, so the catalog order reads downwards like a list.
      const item = isi.layanan[c * rows + r];
      if (!item) continue;
      const x = p.left + c * (colW + gap);
      p.kotak(x, rowTop, size);
      tallest = Math.max(tallest, p.para(item.nama, x + KOTAK + 3, rowTop, x + colW, 'Sans', size));
    }
    rowTop += Math.max(tallest, lh) + 2.5;
  }
  p.y = rowTop;
}

function pertanyaan(p: Penyusun, isi: IsiKuesioner, kolomJawaban: number[]): void {
  p.bagian('C. PENILAIAN PELAYANAN');
  const indent = kolomJawaban[0] - p.left;
  const colW = kolomJawaban[1] - kolomJawaban[0];
  const s = UKURAN.pilihan;
  for (const soal of isi.soal) {
    p.text(`${soal.nomor}.`, p.left, p.y, 'Sans-Bold', UKURAN.teks);
    p.y += p.para(soal.pertanyaan, p.left + indent, p.y, p.right, 'Sans-Bold', UKURAN.teks) + 1.5;
    let tallest = 0;
    soal.pilihan.forEach((label, i) => {
      const x = kolomJawaban[i];
      p.kotak(x, p.y, s);
      const text = `${'abcd'[i]}. ${label}`;
      tallest = Math.max(tallest, p.para(text, x + KOTAK + 3, p.y, x + colW - 2, 'Sans', s));
    });
    p.y += tallest + 5;
  }
}

function saran(p: Penyusun, bottom: number): void {
  p.bagian('D. SARAN DAN MASUKAN untuk perbaikan pelayanan');
  const penutup = 'Terima kasih atas penilaian Saudara.';
  const lhP = p.lh('Sans-Italic', UKURAN.kecil + 0.5);
  const h = Math.min(120, bottom - p.y - lhP - 6);
  p.el.push({ kind: 'bingkai', box: { x: p.left, y: p.y, w: p.right - p.left, h } });
  p.y += h + 4;
  const w = p.m.width(penutup, 'Sans-Italic', UKURAN.kecil + 0.5);
  p.text(penutup, (p.left + p.right - w) / 2, p.y, 'Sans-Italic', UKURAN.kecil + 0.5);
  p.y += lhP;
}

/** Smallest saran box that still leaves room to write two or three sentences. */
const SARAN_MIN = 55;

/**
 * Lays out the questionnaire on one page. The layanan list takes 3 columns, 4 when the catalog is
 * long, and a smaller size last; when even that does not fit, a UserError says to pick layanan.
 */
export function layoutKuesioner(m: Ukur, isi: IsiKuesioner, kertas: Kertas = 'A4'): KuesionerLayout {
  const [width, height] = PAPER[kertas];
  const left = MARGIN;
  const right = width - MARGIN;
  const bottom = height - MARGIN;
  const qr = isi.profil.url_survei ? { x: right - QR_SISI, y: MARGIN - 2, w: QR_SISI, h: QR_SISI } : null;
  const indent = 14;
  const colW = (right - left - indent) / 4;
  const kolomJawaban = [0, 1, 2, 3].map((i) => left + indent + i * colW) as [number, number, number, number];
  for (const [kolom, size] of [[3, 8.6], [4, 8.2], [4, 7.6]] as const) {
    const p = new Penyusun(m, left, right, MARGIN);
    kepala(p, isi, qr);
    responden(p, isi);
    layanan(p, isi, kolom, size);
    pertanyaan(p, isi, kolomJawaban);
    const sisa = bottom - p.y - 30;
    if (sisa < SARAN_MIN) continue;
    saran(p, bottom);
    return { width, height, margin: MARGIN, elements: p.el, kolomJawaban, qr };
  }
  throw new UserError(`Kuesioner tidak muat di satu halaman ${kertas}: daftar layanan terlalu panjang (${isi.layanan.length} layanan).`, {
    hint: 'Pilih layanan yang dicetak dengan --layanan SLUG (boleh diulang), atau pakai --kertas F4.',
  });
}
