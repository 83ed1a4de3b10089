/**
 * Renders the Laporan Hasil SKM (src/ikm/laporan.ts) as PDF in the structure of the
 * PermenPANRB 14/2017 template (cover, BAB I–V, signature), and the one-page "Hasil SKM" poster.
 * Deterministic: the metadata date is the report date derived from the data.
 */
import fs from 'node:fs';
import { formatAngka, formatPersen, formatTanggal } from '../core/format.js';
import { createPdf, pdfSafeText, type PdfDoc, type PdfOptions } from '../pdf/document.js';
import { drawTable, type TableColumn, type TableOptions } from '../pdf/table.js';
import { drawTandaTangan } from '../pdf/tanda-tangan.js';
import { INTERVAL, type Mutu } from './hitung.js';
import { ringkasSaran, type LaporanIkm } from './laporan.js';
import { selTeks, tabelBanding, tabelKelompok, type Tabel } from './tabel.js';

const WARNA_MUTU: Record<Mutu, string> = { A: '#d8efd9', B: '#d9e8f7', C: '#fdebd0', D: '#f8d7d7' };
const BIRU = '#1f4e79';
const ABU = '#555555';

/** Keeps text inside the embedded Latin subset (no ≤ ≥ Σ): what the reader sees stays correct. */
export const pdfAman = (s: string): string => pdfSafeText(s);

const f2 = (x: number) => formatAngka(x, 2);

export { formatNip } from '../pdf/tanda-tangan.js';

function judulPeriode(l: LaporanIkm): string {
  const p = l.analisis.utama.periode;
  if (p.setahun) return `TAHUN ${p.tahun}`;
  if (p.ke !== null) return `PERIODE ${p.label.replace(/ (\d{4})$/, ' TAHUN $1').toUpperCase()}`;
  return `PERIODE ${p.label.toUpperCase()}`;
}

class Penulis {
  readonly left: number;
  readonly width: number;
  halaman = 1;
  constructor(
    readonly doc: PdfDoc,
    private readonly footer: string,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.on('pageAdded', () => {
      this.halaman++;
      this.drawFooter();
    });
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private drawFooter(): void {
    const d = this.doc;
    const m = d.page.margins.bottom;
    d.page.margins.bottom = 0;
    d.save();
    d.font('Sans').fontSize(8).fillColor(ABU);
    d.moveTo(this.left, d.page.height - 44).lineTo(this.left + this.width, d.page.height - 44).lineWidth(0.5).strokeColor('#999999').stroke();
    d.text(pdfAman(this.footer), this.left, d.page.height - 38, { width: this.width - 40, lineBreak: false });
    d.text(String(this.halaman), this.left + this.width - 40, d.page.height - 38, { width: 40, align: 'right', lineBreak: false });
    d.restore();
    d.page.margins.bottom = m;
    d.fillColor('black').font('Sans').fontSize(10.5);
    d.x = this.left;
    d.y = d.page.margins.top;
  }

  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) this.doc.addPage();
  }

  bab(nomor: string, judul: string): void {
    this.doc.addPage();
    this.doc.font('Sans-Bold').fontSize(13).fillColor('black');
    this.doc.text(`BAB ${nomor}`, this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.text(pdfAman(judul), { width: this.width, align: 'center' });
    this.doc.moveDown(1);
  }

  sub(judul: string): void {
    this.ensure(60);
    this.doc.moveDown(0.4);
    this.doc.font('Sans-Bold').fontSize(11).fillColor('black').text(pdfAman(judul), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  p(text: string, opts: { italic?: boolean; size?: number; align?: 'justify' | 'left' | 'center' } = {}): void {
    this.doc.font(opts.italic ? 'Sans-Italic' : 'Sans').fontSize(opts.size ?? 10.5).fillColor('black');
    this.doc.text(pdfAman(text), this.left, this.doc.y, { width: this.width, align: opts.align ?? 'justify', lineGap: 2 });
    this.doc.moveDown(0.5);
  }

  list(items: string[], opts: { numbered?: boolean; size?: number; indent?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const ind = opts.indent ?? 18;
    items.forEach((it, i) => {
      const mark = opts.numbered ? `${i + 1}.` : '•';
      this.doc.font('Sans').fontSize(size);
      const h = this.doc.heightOfString(pdfAman(it), { width: this.width - ind, lineGap: 1.5 });
      this.ensure(h + 2);
      const y = this.doc.y;
      this.doc.text(mark, this.left + 2, y, { width: ind - 4, lineBreak: false });
      this.doc.text(pdfAman(it), this.left + ind, y, { width: this.width - ind, lineGap: 1.5 });
      this.doc.moveDown(0.15);
    });
    this.doc.moveDown(0.3);
  }

  /** A bordered table with a shaded header row, wrapped cells, repeated header after a page break. */
  table(cols: TableColumn[], rows: string[][], opts: Pick<TableOptions, 'size' | 'minRow' | 'bold' | 'fill'> = {}): void {
    drawTable(this.doc, cols, rows, { ...opts, left: this.left, width: this.width, text: pdfAman });
    this.doc.moveDown(0.8);
  }

  tabel(t: Tabel, widths: number[], opts: { size?: number } = {}): void {
    const cols = t.header.map((h, i) => ({ header: h, width: widths[i] ?? 10, align: t.angka.includes(i) ? ('right' as const) : ('left' as const) }));
    this.table(cols, t.rows.map((r) => r.map(selTeks)), opts);
  }
}

/** Bar chart of konversi per unsur over the mutu bands (25–100). */
function grafikUnsur(w: Penulis, data: { kode: string; konversi: number; mutu: Mutu }[], height = 210): void {
  const d = w.doc;
  w.ensure(height + 40);
  const x0 = w.left + 34;
  const x1 = w.left + w.width - 26;
  const top = d.y + 8;
  const bottom = top + height;
  const y = (v: number) => bottom - ((v - 25) / 75) * height;
  // bands
  for (const band of INTERVAL) {
    const lo = band.min / 100;
    const hi = band.mutu === 'A' ? 100 : INTERVAL[INTERVAL.indexOf(band) + 1].min / 100;
    d.rect(x0, y(hi), x1 - x0, y(lo) - y(hi)).fill(WARNA_MUTU[band.mutu]);
    d.fillColor(ABU).font('Sans-Bold').fontSize(8).text(band.mutu, x1 + 4, (y(hi) + y(lo)) / 2 - 5, { width: 20, lineBreak: false });
  }
  d.font('Sans').fontSize(7.5).fillColor(ABU);
  for (const v of [25, 40, 55, 65, 76.61, 88.31, 100]) {
    d.moveTo(x0, y(v)).lineTo(x1, y(v)).lineWidth(0.3).strokeColor('#999999').stroke();
    d.text(f2(v), w.left, y(v) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  const slot = (x1 - x0) / data.length;
  data.forEach((u, i) => {
    const bx = x0 + i * slot + slot * 0.2;
    const bw = slot * 0.6;
    d.rect(bx, y(u.konversi), bw, bottom - y(u.konversi)).fill(BIRU);
    d.fillColor('black').font('Sans-Bold').fontSize(7.5).text(f2(u.konversi), bx - 6, y(u.konversi) - 11, { width: bw + 12, align: 'center', lineBreak: false });
    d.font('Sans').fontSize(8).text(u.kode, bx - 6, bottom + 3, { width: bw + 12, align: 'center', lineBreak: false });
  });
  d.moveTo(x0, bottom).lineTo(x1, bottom).lineWidth(0.8).strokeColor('black').stroke();
  d.fillColor('black');
  d.x = w.left;
  d.y = bottom + 18;
  d.font('Sans-Italic').fontSize(8.5).text('Grafik nilai konversi per unsur dengan pita mutu pelayanan (A: 88,31–100; B: 76,61–88,30; C: 65,00–76,60; D: 25,00–64,99).', w.left, d.y, { width: w.width, align: 'center' });
  d.moveDown(0.8);
}

/** Line chart of the IKM per year. */
function grafikTren(w: Penulis, tren: { tahun: number; konversi: number }[]): void {
  const d = w.doc;
  const height = 130;
  w.ensure(height + 40);
  const x0 = w.left + 34;
  const x1 = w.left + w.width - 20;
  const top = d.y + 8;
  const bottom = top + height;
  const lo = Math.max(25, Math.floor(Math.min(...tren.map((t) => t.konversi)) / 5) * 5 - 5);
  const hi = Math.min(100, Math.ceil(Math.max(...tren.map((t) => t.konversi)) / 5) * 5 + 5);
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * height;
  d.font('Sans').fontSize(7.5).fillColor(ABU);
  for (let v = lo; v <= hi; v += 5) {
    d.moveTo(x0, y(v)).lineTo(x1, y(v)).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    d.text(String(v), w.left, y(v) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  const step = tren.length > 1 ? (x1 - x0 - 40) / (tren.length - 1) : 0;
  const px = (i: number) => x0 + 20 + i * step;
  tren.forEach((t, i) => {
    if (i > 0) d.moveTo(px(i - 1), y(tren[i - 1].konversi)).lineTo(px(i), y(t.konversi)).lineWidth(1.5).strokeColor(BIRU).stroke();
  });
  tren.forEach((t, i) => {
    d.circle(px(i), y(t.konversi), 3).fill(BIRU);
    d.fillColor('black').font('Sans-Bold').fontSize(8).text(f2(t.konversi), px(i) - 25, y(t.konversi) - 14, { width: 50, align: 'center', lineBreak: false });
    d.font('Sans').text(String(t.tahun), px(i) - 25, bottom + 3, { width: 50, align: 'center', lineBreak: false });
  });
  d.fillColor('black');
  d.x = w.left;
  d.y = bottom + 20;
}

function tandaTangan(w: Penulis, l: LaporanIkm): void {
  w.doc.moveDown(0.5);
  drawTandaTangan(w.doc, { kecamatan: l.profil.nama_kecamatan, tanggal: formatTanggal(l.tanggal), nama: l.profil.nama_camat, nip: l.profil.nip_camat });
}

function sampel(l: LaporanIkm): string {
  const s = l.analisis.utama.sampel;
  if (s.populasi === null)
    return `Jumlah populasi penerima layanan pada periode ini belum dicatat, sehingga kecukupan sampel belum dapat dinilai. Jumlah responden yang terkumpul adalah ${formatAngka(s.responden)} orang.`;
  return (
    `Jumlah populasi penerima layanan (N) pada periode ini adalah ${formatAngka(s.populasi)} orang. Berdasarkan tabel Krejcie dan Morgan ` +
    `(rumus s = X² N P(1-P) / (d² (N-1) + X² P(1-P)) dengan X² = 3,841, P = 0,5 dan d = 0,05, dibulatkan ke bilangan terdekat), jumlah sampel minimum adalah ` +
    `${formatAngka(s.minimum!)} responden. Jumlah responden yang terkumpul adalah ${formatAngka(s.responden)} orang, sehingga jumlah responden ` +
    (s.sesuai ? 'telah sesuai dengan jumlah sampel minimum.' : 'belum sesuai (belum memenuhi) jumlah sampel minimum; hasil survei perlu dibaca dengan hati-hati.')
  );
}

function kalimatInterval(l: LaporanIkm): string {
  const iv = l.analisis.utama.interval;
  if (!iv) return '';
  return ` Dengan tingkat kepercayaan 95%, nilai IKM sebenarnya berada di antara ${f2(iv.bawah)} dan ${f2(iv.atas)}.`;
}

function kalimatBanding(l: LaporanIkm): string {
  const b = l.analisis.banding;
  if (!b) return '';
  const poin = b.ikm.perubahan.poin;
  const arah = poin > 0 ? 'naik' : poin < 0 ? 'turun' : 'tetap';
  let s = ` Dibandingkan ${b.lama.periode.label} (${f2(b.lama.hasil.konversi)}), nilai IKM ${b.baru.periode.label} (${f2(b.baru.hasil.konversi)}) ${arah}` + (poin ? ` ${f2(Math.abs(poin))} poin (${formatAngka(Math.abs(b.ikm.perubahan.persen), 2)}%)` : '') + '.';
  if (b.uji) s += b.uji.nyata ? ' Perubahan ini lebih besar daripada kebetulan sampel (interval 95% selisihnya tidak memuat nol).' : ' Perubahan ini masih dalam batas kebetulan sampel (interval 95% selisihnya memuat nol).';
  return s;
}

/** A4 document dated by the report date (deterministic metadata). */
function dokumen(l: LaporanIkm, opts: Omit<PdfOptions, 'date' | 'size'>): Promise<PdfDoc> {
  const [y, m, d] = l.tanggal.split('-').map(Number);
  return createPdf({ ...opts, size: 'A4', date: new Date(Date.UTC(y, m - 1, d)) });
}

export async function laporanPdf(l: LaporanIkm): Promise<PdfDoc> {
  const a = l.analisis;
  const u = a.utama;
  const h = u.hasil;
  const kec = l.profil.nama_kecamatan;
  const kab = l.profil.kabupaten;
  const unit = `Kecamatan ${kec}`;
  const layanan = a.layanan ? ` (layanan ${a.layanan.nama})` : '';
  const doc = await dokumen(l, {
    margin: { top: 62, bottom: 62, left: 72, right: 56 },
    title: pdfAman(`Laporan Survei Kepuasan Masyarakat ${unit} ${u.periode.label}`),
    subject: 'Laporan Hasil SKM (PermenPANRB 14/2017)',
    author: pdfAman(unit),
    keywords: 'SKM, IKM, PermenPANRB 14/2017',
  });
  const w = new Penulis(doc, `Laporan SKM ${unit} – ${u.periode.label}`);

  // ----- cover -----
  const cw = w.width;
  doc.font('Sans-Bold').fontSize(13).fillColor(BIRU);
  doc.text(pdfAman(`PEMERINTAH ${kab.toUpperCase()}`), w.left, 110, { width: cw, align: 'center' });
  doc.text(pdfAman(`KECAMATAN ${kec.toUpperCase()}`), { width: cw, align: 'center' });
  if (l.profil.logo && fs.existsSync(l.profil.logo)) {
    try {
      doc.image(l.profil.logo, w.left + cw / 2 - 45, doc.y + 25, { fit: [90, 90], align: 'center' });
    } catch {
      /* an unreadable logo is not worth failing the report */
    }
  }
  doc.fillColor('black').font('Sans-Bold').fontSize(20);
  doc.text('LAPORAN PELAKSANAAN', w.left, 300, { width: cw, align: 'center' });
  doc.text('SURVEI KEPUASAN MASYARAKAT (SKM)', { width: cw, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(15).text(pdfAman(`KECAMATAN ${kec.toUpperCase()}${a.layanan ? ` – ${a.layanan.nama.toUpperCase()}` : ''}`), { width: cw, align: 'center' });
  doc.fontSize(15).text(pdfAman(judulPeriode(l)), { width: cw, align: 'center' });
  doc.moveDown(2.5);
  const boxY = doc.y;
  doc.rect(w.left + cw / 2 - 120, boxY, 240, 78).fill(WARNA_MUTU[h.mutu]);
  doc.fillColor('black').font('Sans').fontSize(10).text('Nilai IKM', w.left, boxY + 8, { width: cw, align: 'center' });
  doc.font('Sans-Bold').fontSize(26).text(f2(h.konversi), w.left, boxY + 22, { width: cw, align: 'center' });
  doc.font('Sans').fontSize(10).text(`Mutu ${h.mutu} (${h.kinerja}) · ${formatAngka(h.responden)} responden`, w.left, boxY + 58, { width: cw, align: 'center' });
  doc.font('Sans').fontSize(10).fillColor(ABU);
  if (l.profil.alamat) doc.text(pdfAman(l.profil.alamat), w.left, 720, { width: cw, align: 'center' });
  doc.text(String(u.periode.tahun ?? l.tanggal.slice(0, 4)), w.left, doc.y + 4, { width: cw, align: 'center' });
  doc.fillColor('black');

  // ----- BAB I -----
  w.bab('I', 'PENDAHULUAN');
  w.sub('1.1 Latar Belakang');
  w.p(
    `Pelayanan publik yang baik adalah hak masyarakat dan kewajiban penyelenggara. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan ` +
      `penyelenggara pelayanan untuk mengikutsertakan masyarakat dalam menilai kinerja pelayanan. Peraturan Menteri PANRB Nomor 14 Tahun 2017 menetapkan ` +
      `Survei Kepuasan Masyarakat (SKM) sebagai cara penilaian itu dan mewajibkan penyelenggara melakukannya secara berkala, minimal satu kali setahun.`,
  );
  w.p(
    `${unit} menyelenggarakan Pelayanan Administrasi Terpadu Kecamatan (PATEN). Untuk mengetahui tingkat kepuasan masyarakat penerima layanan${layanan} ` +
      `pada ${u.periode.label}, ${unit} melaksanakan SKM terhadap sembilan unsur pelayanan. Hasilnya menjadi bahan evaluasi dan perbaikan mutu pelayanan, ` +
      `dan dipublikasikan kepada masyarakat sesuai prinsip transparan.`,
  );
  w.sub('1.2 Dasar Pelaksanaan SKM');
  w.list(
    [
      'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
      'Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
      'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.',
    ],
    { numbered: true },
  );
  w.sub('1.3 Maksud dan Tujuan');
  w.p(`Maksud pelaksanaan SKM adalah mengukur tingkat kepuasan masyarakat sebagai pengguna layanan di ${unit}. Tujuannya:`);
  w.list(
    [
      'mengetahui kelemahan dan kelebihan penyelenggaraan pelayanan pada setiap unsur;',
      'mengetahui Indeks Kepuasan Masyarakat (IKM) unit pelayanan dan mutu pelayanannya;',
      'menyusun rencana tindak lanjut perbaikan pelayanan berdasarkan hasil survei dan saran masyarakat;',
      'mendorong partisipasi masyarakat dalam menilai kinerja pelayanan.',
    ],
    { numbered: true },
  );

  // ----- BAB II -----
  w.bab('II', 'PENGUMPULAN DATA SKM');
  w.sub('2.1 Pelaksana SKM');
  w.p(`SKM dilaksanakan secara mandiri oleh ${unit} dengan membentuk tim pelaksana dari pegawai kecamatan.`);
  w.sub('2.2 Metode Pengumpulan Data');
  w.p(
    `Data dikumpulkan dengan kuesioner yang diisi sendiri oleh penerima layanan (formulir kertas dan/atau formulir elektronik). Kuesioner memuat ` +
      `sembilan unsur pelayanan sesuai PermenPANRB 14/2017, masing-masing dengan empat pilihan jawaban bernilai 1 (tidak baik) sampai 4 (sangat baik):`,
  );
  w.list(h.unsur.map((x) => `${x.kode} ${x.nama}`));
  w.p(
    'Nilai rata-rata (NRR) tiap unsur adalah jumlah nilai dibagi jumlah jawaban yang terisi pada unsur itu (jawaban kosong tidak dihitung). ' +
      `NRR tertimbang = NRR × ${h.bobot === 'tepat' ? 'bobot 1/9 (tepat)' : 'bobot 0,111 (cara spreadsheet lama)'}; IKM unit pelayanan = jumlah NRR tertimbang; ` +
      'nilai konversi = IKM × 25. Pembulatan hanya untuk tampilan (setengah ke atas), mutu ditentukan dari nilai konversi dua desimal.',
  );
  w.sub('2.3 Lokasi Pengumpulan Data');
  w.p(`Data dikumpulkan di Kantor ${unit}${l.profil.alamat ? `, ${l.profil.alamat}` : ''}, dan melalui formulir daring bagi penerima layanan.`);
  w.sub('2.4 Waktu Pelaksanaan SKM');
  w.table(
    [
      { header: 'No', width: 6, align: 'center' },
      { header: 'Kegiatan', width: 44 },
      { header: 'Waktu', width: 50 },
    ],
    [
      ['1', 'Pengumpulan data', `${formatTanggal(l.rentangData.awal)} – ${formatTanggal(l.rentangData.akhir)} (${u.periode.label})`],
      ['2', 'Pengolahan data dan analisis hasil', 'setelah pengumpulan data selesai'],
      ['3', 'Penyusunan dan pelaporan hasil', formatTanggal(l.tanggal)],
    ],
  );
  w.ensure(170);
  w.sub('2.5 Penentuan Jumlah Responden');
  w.p(sampel(l));
  const s = u.sampel;
  w.table(
    [
      { header: 'Populasi penerima layanan (N)', width: 28, align: 'right' },
      { header: 'Sampel minimum (Krejcie & Morgan)', width: 28, align: 'right' },
      { header: 'Jumlah responden', width: 22, align: 'right' },
      { header: 'Keterangan', width: 22 },
    ],
    [[s.populasi === null ? '-' : formatAngka(s.populasi), s.minimum === null ? '-' : formatAngka(s.minimum), formatAngka(s.responden), s.keterangan]],
  );

  // ----- BAB III -----
  w.bab('III', 'HASIL PENGOLAHAN DATA SKM');
  w.sub('3.1 Jumlah Responden SKM');
  w.p(`Jumlah responden SKM pada ${u.periode.label}${layanan} adalah ${formatAngka(h.responden)} orang, dengan rincian sebagai berikut:`);
  let no = 0;
  let last = '';
  w.table(
    [
      { header: 'No', width: 6, align: 'center' },
      { header: 'Karakteristik', width: 18 },
      { header: 'Indikator', width: 46 },
      { header: 'Jumlah', width: 12, align: 'right' },
      { header: 'Persentase', width: 14, align: 'right' },
    ],
    l.profilResponden.map((r) => {
      const first = r.karakteristik !== last;
      if (first) no++;
      last = r.karakteristik;
      return [first ? String(no) : '', first ? r.karakteristik : '', r.indikator, formatAngka(r.jumlah), formatPersen(r.persen, 2)];
    }),
    { size: 8.5 },
  );
  w.sub('3.2 Indeks Kepuasan Masyarakat (Unit Layanan dan Per Unsur Layanan)');
  w.ensure(300);
  {
    const by = doc.y;
    doc.rect(w.left, by, w.width, 46).fill(WARNA_MUTU[h.mutu]);
    doc.fillColor('black').font('Sans').fontSize(9).text('NILAI IKM UNIT PELAYANAN', w.left + 12, by + 7, { width: 200, lineBreak: false });
    doc.font('Sans-Bold').fontSize(20).text(f2(h.konversi), w.left + 12, by + 18, { width: 120, lineBreak: false });
    doc.font('Sans-Bold').fontSize(12).text(`Mutu ${h.mutu} (${h.kinerja})`, w.left + 150, by + 22, { width: 160, lineBreak: false });
    const iv = u.interval ? `IK 95%: ${f2(u.interval.bawah)} – ${f2(u.interval.atas)}` : '';
    doc.font('Sans').fontSize(9).text(`${formatAngka(h.responden)} responden`, w.left + 310, by + 10, { width: w.width - 322, align: 'right', lineBreak: false });
    doc.text(iv, w.left + 310, by + 24, { width: w.width - 322, align: 'right', lineBreak: false });
    doc.x = w.left;
    doc.y = by + 56;
  }
  w.table(
    [
      { header: 'No', width: 6, align: 'center' },
      { header: 'Unsur Pelayanan', width: 29 },
      { header: 'n', width: 7, align: 'right' },
      { header: 'Jumlah nilai', width: 9, align: 'right' },
      { header: 'NRR', width: 9, align: 'right' },
      { header: 'NRR tertimbang', width: 13, align: 'right' },
      { header: 'Nilai IKM Konversi', width: 11, align: 'right' },
      { header: 'Mutu', width: 16, align: 'center' },
    ],
    [
      ...h.unsur.map((x) => [x.kode, x.nama, formatAngka(x.n), formatAngka(x.jumlah), formatAngka(x.nrr, 4), formatAngka(x.nrr_tertimbang, 4), f2(x.konversi), `${x.mutu} (${x.kinerja})`]),
      ['', 'NILAI IKM UNIT PELAYANAN', formatAngka(h.responden), '', '', formatAngka(h.ikm, 4), f2(h.konversi), `${h.mutu} (${h.kinerja})`],
    ],
    { size: 8.5, bold: (i) => i === h.unsur.length, fill: (i) => (i === h.unsur.length ? WARNA_MUTU[h.mutu] : null) },
  );
  w.p(
    `Nilai IKM ${unit}${layanan} pada ${u.periode.label} adalah ${formatAngka(h.ikm, 4)} (skala 1–4), atau ${f2(h.konversi)} setelah dikonversi (× 25), ` +
      `dengan mutu pelayanan ${h.mutu} dan kinerja unit pelayanan "${h.kinerja}".${kalimatInterval(l)}`,
  );
  grafikUnsur(w, h.unsur);
  w.ensure(130);
  w.p('Nilai persepsi, interval dan mutu pelayanan menurut PermenPANRB 14/2017:', { size: 9.5 });
  w.table(
    [
      { header: 'Nilai Persepsi', width: 14, align: 'center' },
      { header: 'Nilai Interval (NI)', width: 22, align: 'center' },
      { header: 'Nilai Interval Konversi (NIK)', width: 26, align: 'center' },
      { header: 'Mutu Pelayanan', width: 16, align: 'center' },
      { header: 'Kinerja Unit Pelayanan', width: 22, align: 'center' },
    ],
    INTERVAL.map((b) => [String(b.nilaiPersepsi), b.ni, `${b.nik[0]} – ${b.nik[1]}`, b.mutu, { A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik' }[b.mutu]]),
    { size: 8.5 },
  );
  let nomorSub = 3;
  if (a.kelompok && a.kelompok.satuan) {
    w.sub(`3.${nomorSub++} IKM per ${a.kelompok.satuan}`);
    const t = tabelKelompok(a, a.kelompok.baris);
    w.tabel(t, t.header.length === 5 ? [34, 16, 16, 12, 22] : [20, 34, 12, 12, 8, 14], { size: 8.5 });
  }
  if (a.banding) {
    w.sub(`3.${nomorSub++} Perbandingan dengan ${a.banding.lama === u ? a.banding.baru.periode.label : a.banding.lama.periode.label}`);
    w.tabel(tabelBanding(a), [6, 34, 11, 7, 11, 7, 12, 12], { size: 8.5 });
    w.p(kalimatBanding(l).trim());
  }

  // ----- BAB IV -----
  w.bab('IV', 'ANALISIS HASIL SKM');
  w.sub('4.1 Analisis Permasalahan/Kelemahan dan Kelebihan Unsur Layanan');
  w.p(
    `Tiga unsur dengan nilai terendah menjadi prioritas perbaikan: ${l.terendah.map((x) => `${x.kode} ${x.nama} (${f2(x.konversi)}, mutu ${x.mutu})`).join('; ')}. ` +
      `Unsur dengan nilai tertinggi adalah ${l.tertinggi.kode} ${l.tertinggi.nama} (${f2(l.tertinggi.konversi)}, mutu ${l.tertinggi.mutu}) dan perlu dipertahankan.`,
  );
  if (l.jumlahSaran === 0) w.p('Tidak ada saran atau masukan tertulis dari responden pada periode ini.');
  else {
    w.p(`Saran dan masukan tertulis dari responden (${formatAngka(l.jumlahSaran)} saran), dikelompokkan menurut unsur yang disebut:`);
    for (const g of l.saran) {
      const items = ringkasSaran(g.saran);
      w.ensure(40);
      doc.font('Sans-Bold').fontSize(10).text(pdfAman(g.kode ? `${g.kode} ${g.unsur} (${g.saran.length} saran)` : `Saran lain (${g.saran.length} saran)`), w.left, doc.y, { width: w.width });
      doc.moveDown(0.2);
      const shown = items.slice(0, 8);
      if (items.length > shown.length) shown.push(`… dan ${items.length - shown.length} saran lain (lengkap di lampiran CSV: paten report ikm --format csv).`);
      w.list(shown, { size: 9.5 });
    }
  }
  w.sub('4.2 Rencana Tindak Lanjut');
  w.p(
    l.tindakLanjutDiisi
      ? 'Rencana tindak lanjut berikut disusun berdasarkan hasil survei dan dibahas dalam Forum Konsultasi Publik (FKP) bersama perwakilan pengguna layanan.'
      : 'Rencana tindak lanjut dibahas dalam Forum Konsultasi Publik (FKP) bersama perwakilan pengguna layanan pada tanggal ..................... . ' +
          'Tabel berikut memuat unsur prioritas (tiga nilai terendah); kolom program/kegiatan, waktu dan penanggung jawab diisi sesuai hasil FKP.',
  );
  w.table(
    [
      { header: 'No', width: 5, align: 'center' },
      { header: 'Prioritas Unsur', width: 20 },
      { header: 'Program/Kegiatan', width: 31 },
      { header: 'TW I', width: 7, align: 'center' },
      { header: 'TW II', width: 7, align: 'center' },
      { header: 'TW III', width: 7, align: 'center' },
      { header: 'TW IV', width: 7, align: 'center' },
      { header: 'Penanggung Jawab', width: 16 },
    ],
    l.tindakLanjut.map((t) => [String(t.no), t.unsur, t.program, ...t.waktu.map((x) => (x ? 'X' : '')), t.penanggungJawab]),
    { size: 8.5, minRow: l.tindakLanjutDiisi ? 0 : 34 },
  );
  w.sub('4.3 Tren Nilai SKM');
  const tren = l.tren.filter((t) => t.konversi !== null) as { tahun: number; responden: number; konversi: number; mutu: string }[];
  w.table(
    [
      { header: 'Tahun', width: 20, align: 'center' },
      { header: 'Jumlah responden', width: 25, align: 'right' },
      { header: 'Nilai IKM', width: 25, align: 'right' },
      { header: 'Mutu', width: 30, align: 'center' },
    ],
    l.tren.map((t) => [String(t.tahun), formatAngka(t.responden), t.konversi === null ? 'tidak lengkap' : f2(t.konversi), t.mutu ?? '-']),
    { size: 9 },
  );
  if (tren.length >= 2) grafikTren(w, tren);
  else w.p('Grafik tren ditampilkan bila data survei tersedia untuk dua tahun atau lebih.', { italic: true, size: 9.5 });

  // ----- BAB V -----
  w.bab('V', 'PENUTUP');
  w.sub('A. Kesimpulan');
  w.p(
    `Nilai IKM ${unit}${layanan} pada ${u.periode.label} adalah ${f2(h.konversi)} dengan mutu pelayanan ${h.mutu} (${h.kinerja}), ` +
      `dari ${formatAngka(h.responden)} responden.${kalimatInterval(l)}${kalimatBanding(l)} ` +
      `Unsur dengan nilai terendah adalah ${l.terendah[0].nama} (${f2(l.terendah[0].konversi)}) dan tertinggi ${l.tertinggi.nama} (${f2(l.tertinggi.konversi)}).`,
  );
  w.sub('B. Saran dan Rekomendasi');
  w.list(
    [
      `Memprioritaskan perbaikan pada unsur ${l.terendah.map((x) => x.nama).join(', ')} sesuai rencana tindak lanjut.`,
      `Mempertahankan kinerja unsur ${l.tertinggi.nama}.`,
      'Menindaklanjuti saran dan masukan masyarakat, serta mengumumkan hasil SKM dan tindak lanjutnya kepada masyarakat.',
      s.sesuai === false ? `Menambah jumlah responden pada survei berikutnya hingga memenuhi sampel minimum (${formatAngka(s.minimum!)} responden).` : 'Melaksanakan SKM secara berkala, minimal satu kali setahun.',
    ],
    { numbered: true },
  );
  w.sub('C. Penutup');
  w.p(`Demikian laporan hasil Survei Kepuasan Masyarakat ${unit} ${u.periode.label} ini disusun sebagai bahan evaluasi dan perbaikan pelayanan publik.`);
  tandaTangan(w, l);
  return doc;
}

/** One-page A4 "Hasil SKM" summary to hang in the office. */
export async function posterPdf(l: LaporanIkm): Promise<PdfDoc> {
  const a = l.analisis;
  const u = a.utama;
  const h = u.hasil;
  const kec = l.profil.nama_kecamatan;
  const doc = await dokumen(l, {
    margin: 48,
    title: pdfAman(`Hasil Survei Kepuasan Masyarakat Kecamatan ${kec} ${u.periode.label}`),
    author: pdfAman(`Kecamatan ${kec}`),
  });
  const w = new Penulis(doc, '');
  const cw = w.width;
  doc.rect(0, 0, doc.page.width, 150).fill(BIRU);
  doc.fillColor('white').font('Sans-Bold').fontSize(24).text('HASIL SURVEI KEPUASAN MASYARAKAT', w.left, 42, { width: cw, align: 'center' });
  doc.fontSize(16).text(pdfAman(`KECAMATAN ${kec.toUpperCase()}${a.layanan ? ` – ${a.layanan.nama.toUpperCase()}` : ''}`), { width: cw, align: 'center' });
  doc.font('Sans').fontSize(13).text(pdfAman(judulPeriode(l)), { width: cw, align: 'center' });
  doc.fillColor('black');
  const boxY = 180;
  doc.rect(w.left + 40, boxY, cw - 80, 150).fill(WARNA_MUTU[h.mutu]);
  doc.fillColor('black').font('Sans').fontSize(14).text('Indeks Kepuasan Masyarakat', w.left, boxY + 14, { width: cw, align: 'center' });
  doc.font('Sans-Bold').fontSize(54).text(f2(h.konversi), w.left, boxY + 34, { width: cw, align: 'center' });
  doc.fontSize(18).text(`Mutu ${h.mutu} – ${h.kinerja.toUpperCase()}`, w.left, boxY + 104, { width: cw, align: 'center' });
  doc.font('Sans').fontSize(11).text(`${formatAngka(h.responden)} responden`, w.left, boxY + 130, { width: cw, align: 'center' });
  doc.y = boxY + 170;
  doc.font('Sans-Bold').fontSize(12).text('Nilai per unsur pelayanan', w.left, doc.y, { width: cw });
  doc.moveDown(0.3);
  const rowH = 22;
  for (const x of h.unsur) {
    const yy = doc.y;
    doc.font('Sans').fontSize(9.5).fillColor('black').text(pdfAman(`${x.kode} ${x.nama}`), w.left, yy + 5, { width: 240, lineBreak: false });
    const bx = w.left + 245;
    const bw = cw - 245 - 70;
    doc.rect(bx, yy + 3, bw, rowH - 8).fill('#eeeeee');
    doc.rect(bx, yy + 3, (bw * (x.konversi - 25)) / 75, rowH - 8).fill(BIRU);
    doc.fillColor('black').font('Sans-Bold').fontSize(10).text(`${f2(x.konversi)} ${x.mutu}`, bx + bw + 6, yy + 5, { width: 64, lineBreak: false });
    doc.y = yy + rowH;
  }
  doc.moveDown(1);
  doc.font('Sans-Bold').fontSize(12).text('Yang akan kami perbaiki', w.left, doc.y, { width: cw });
  doc.moveDown(0.2);
  const rencana = l.tindakLanjutDiisi ? l.tindakLanjut.map((t) => `${t.unsur}: ${t.program}`) : l.terendah.map((x) => `${x.nama} (${f2(x.konversi)})`);
  w.list(rencana.slice(0, 4), { size: 10.5 });
  doc.font('Sans').fontSize(10.5).text(
    pdfAman(`Terima kasih atas penilaian dan saran Anda. Survei ini dilaksanakan sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017.`),
    w.left,
    doc.y,
    { width: cw, align: 'center' },
  );
  const kontak = [l.profil.alamat, l.profil.telepon && `Telp. ${l.profil.telepon}`, l.profil.whatsapp && `WA ${l.profil.whatsapp}`].filter(Boolean).join(' · ');
  const mb = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.fontSize(9).fillColor(ABU).text(pdfAman(kontak), w.left, doc.page.height - 70, { width: cw, align: 'center' });
  doc.page.margins.bottom = mb;
  return doc;
}
