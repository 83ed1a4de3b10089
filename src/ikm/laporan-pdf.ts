/**
 * Renders the Laporan Hasil SKM (src/ikm/laporan.ts) as PDF in the structure of the
 * PermenPANRB 14/2017 template (cover, BAB I–V, signature), one function per chapter, through
 * the report writer (src/pdf/penulis.ts, which keeps the layout rules); the regulation's prose is
 * in src/ikm/laporan-teks.ts. Also the one-page "Hasil SKM" poster.
 * Deterministic: the metadata date is the report date derived from the data.
 */
import fs from 'node:fs';
import { formatAngka, formatPersen, formatTanggal } from '../core/format.js';
import { pdfSafeText, type PdfDoc } from '../pdf/document.js';
import { Penulis, TEMA_LAPORAN } from '../pdf/penulis.js';
import { TAK_DIKENALI, type BarisKelompok } from './analisis.js';
import { INTERVAL, KINERJA } from './hitung.js';
import { grafikMutu, KETERANGAN_PITA, WARNA_MUTU } from './laporan-grafik.js';
import * as teks from './laporan-teks.js';
import { isiWaktu, SARAN_RINGKAS, type LaporanIkm } from './laporan.js';
import { isiTeks, tabelBanding, tabelKelompok, type Tabel } from './tabel.js';

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

/** The words every chapter uses for the office, the layanan filter and the period. */
interface Konteks {
  l: LaporanIkm;
  unit: string;
  /** " (layanan …)" when the report covers one layanan, else "". */
  layanan: string;
  periode: string;
}

/** A4 report dated by the report date (deterministic metadata). */
function tanggalDokumen(l: LaporanIkm): Date {
  const [y, m, d] = l.tanggal.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function tabel(w: Penulis, t: Tabel, widths: number[], opts: { size?: number } = {}): void {
  const cols = t.header.map((h, i) => ({ header: h, width: widths[i] ?? 10, align: t.angka.includes(i) ? ('right' as const) : ('left' as const) }));
  w.table(cols, t.rows.map((r) => r.map(isiTeks)), opts);
}

function sampul(w: Penulis, k: Konteks): void {
  const { l } = k;
  const doc = w.doc;
  const a = l.analisis;
  const h = a.utama.hasil;
  const kec = l.profil.nama_kecamatan;
  const cw = w.width;
  doc.font('Sans-Bold').fontSize(13).fillColor(BIRU);
  doc.text(pdfAman(`PEMERINTAH ${l.profil.kabupaten.toUpperCase()}`), w.left, 110, { width: cw, align: 'center' });
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
  doc.text(String(a.utama.periode.tahun ?? l.tanggal.slice(0, 4)), w.left, doc.y + 4, { width: cw, align: 'center' });
  doc.fillColor('black');
  w.newPage();
}

function babPendahuluan(w: Penulis, k: Konteks): void {
  w.chapter('BAB I', 'PENDAHULUAN');
  w.heading('1.1 Latar Belakang');
  for (const p of teks.latarBelakang(k.unit, k.layanan, k.periode)) w.paragraph(p);
  w.heading('1.2 Dasar Pelaksanaan SKM');
  w.list(teks.DASAR_HUKUM, { numbered: true });
  w.heading('1.3 Maksud dan Tujuan');
  w.together(() => {
    w.paragraph(teks.maksud(k.unit));
    w.list(teks.TUJUAN, { numbered: true });
  });
}

function babPengumpulan(w: Penulis, k: Konteks): void {
  const { l } = k;
  const u = l.analisis.utama;
  const h = u.hasil;
  w.chapter('BAB II', 'PENGUMPULAN DATA SKM');
  w.heading('2.1 Pelaksana SKM');
  w.paragraph(teks.pelaksana(k.unit));
  w.heading('2.2 Metode Pengumpulan Data');
  w.paragraph(teks.METODE);
  w.list(h.unsur.map((x) => `${x.kode} ${x.nama}`));
  w.paragraph(teks.rumus(h.bobot));
  w.heading('2.3 Lokasi Pengumpulan Data');
  w.paragraph(teks.lokasi(k.unit, l.profil.alamat));
  w.heading('2.4 Waktu Pelaksanaan SKM');
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
    { size: 9 },
  );
  w.heading('2.5 Penentuan Jumlah Responden');
  const s = u.sampel;
  w.together(() => {
    w.paragraph(teks.sampel(s));
    w.table(
      [
        { header: 'Populasi penerima layanan (N)', width: 28, align: 'right' },
        { header: 'Sampel minimum (Krejcie & Morgan)', width: 28, align: 'right' },
        { header: 'Jumlah responden', width: 22, align: 'right' },
        { header: 'Keterangan', width: 22 },
      ],
      [[s.populasi === null ? '-' : formatAngka(s.populasi), s.minimum === null ? '-' : formatAngka(s.minimum), formatAngka(s.responden), s.keterangan]],
      { size: 9 },
    );
  });
}

function tabelResponden(w: Penulis, l: LaporanIkm): void {
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
  );
}

/** The coloured box with the unit's IKM, mutu, respondents and interval. */
function kotakIkm(w: Penulis, l: LaporanIkm): void {
  const u = l.analisis.utama;
  const h = u.hasil;
  w.block(56, (x, by, width) => {
    const doc = w.doc;
    doc.rect(x, by, width, 46).fill(WARNA_MUTU[h.mutu]);
    doc.fillColor('black').font('Sans').fontSize(9).text('NILAI IKM UNIT PELAYANAN', x + 12, by + 7, { width: 200, lineBreak: false });
    doc.font('Sans-Bold').fontSize(20).text(f2(h.konversi), x + 12, by + 18, { width: 120, lineBreak: false });
    doc.font('Sans-Bold').fontSize(12).text(`Mutu ${h.mutu} (${h.kinerja})`, x + 150, by + 22, { width: 160, lineBreak: false });
    const iv = u.interval ? `IK 95%: ${f2(u.interval.bawah)} – ${f2(u.interval.atas)}` : '';
    doc.font('Sans').fontSize(9).text(`${formatAngka(h.responden)} responden`, x + 310, by + 10, { width: width - 322, align: 'right', lineBreak: false });
    doc.text(iv, x + 310, by + 24, { width: width - 322, align: 'right', lineBreak: false });
  });
}

function tabelUnsur(w: Penulis, l: LaporanIkm): void {
  const h = l.analisis.utama.hasil;
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
    { bold: (i) => i === h.unsur.length, fill: (i) => (i === h.unsur.length ? WARNA_MUTU[h.mutu] : null) },
  );
}

function tabelInterval(w: Penulis): void {
  w.together(() => {
    w.paragraph('Nilai persepsi, interval dan mutu pelayanan menurut PermenPANRB 14/2017:', { size: 9.5 });
    w.table(
      [
        { header: 'Nilai Persepsi', width: 14, align: 'center' },
        { header: 'Nilai Interval (NI)', width: 22, align: 'center' },
        { header: 'Nilai Interval Konversi (NIK)', width: 26, align: 'center' },
        { header: 'Mutu Pelayanan', width: 16, align: 'center' },
        { header: 'Kinerja Unit Pelayanan', width: 22, align: 'center' },
      ],
      INTERVAL.map((b) => [String(b.nilaiPersepsi), b.ni, `${b.nik[0]} – ${b.nik[1]}`, b.mutu, KINERJA[b.mutu]]),
    );
  });
}

function babHasil(w: Penulis, k: Konteks): void {
  const { l } = k;
  const a = l.analisis;
  const u = a.utama;
  const h = u.hasil;
  w.chapter('BAB III', 'HASIL PENGOLAHAN DATA SKM');
  w.heading('3.1 Jumlah Responden SKM');
  w.paragraph(`Jumlah responden SKM pada ${k.periode}${k.layanan} adalah ${formatAngka(h.responden)} orang, dengan rincian sebagai berikut:`);
  tabelResponden(w, l);
  w.heading('3.2 Indeks Kepuasan Masyarakat (Unit Layanan dan Per Unsur Layanan)');
  w.together(() => {
    kotakIkm(w, l);
    tabelUnsur(w, l);
    w.chart(grafikMutu(h.unsur.map((x) => ({ label: x.kode, value: x.konversi })), `Grafik 1. Nilai konversi per unsur dengan ${KETERANGAN_PITA}.`));
  });
  w.paragraph(
    `Nilai IKM ${k.unit}${k.layanan} pada ${k.periode} adalah ${formatAngka(h.ikm, 4)} (skala 1–4), atau ${f2(h.konversi)} setelah dikonversi (× 25), ` +
      `dengan mutu pelayanan ${h.mutu} dan kinerja unit pelayanan "${h.kinerja}".`,
  );
  tabelInterval(w);
  let nomor = 3;
  if (l.perLayanan.length) {
    w.heading(`3.${nomor++} IKM per Jenis Layanan`);
    tabelPerKelompok(w, 'Jenis layanan', l.perLayanan);
  }
  if (l.perDesa.length) {
    w.heading(`3.${nomor++} IKM per Desa/Kelurahan Asal Responden`);
    tabelPerKelompok(w, 'Desa/Kelurahan', l.perDesa);
  }
  if (a.kelompok && a.kelompok.satuan) {
    w.heading(`3.${nomor++} IKM per ${a.kelompok.satuan}`);
    const t = tabelKelompok(a, a.kelompok.baris);
    tabel(w, t, t.header.length === 5 ? [34, 16, 16, 12, 22] : [20, 34, 12, 12, 8, 14]);
  }
  if (a.banding) {
    w.heading(`3.${nomor++} Perbandingan dengan ${a.banding.lama === u ? a.banding.baru.periode.label : a.banding.lama.periode.label}`);
    tabel(w, tabelBanding(a), [6, 34, 11, 7, 11, 7, 12, 12]);
    w.paragraph(kalimatBanding(l));
  }
}

/** Below this many respondents a group's IKM is only a rough picture (said under the table). */
const RESPONDEN_CUKUP = 30;

/** IKM per layanan or per desa: one row per group, small groups marked. */
function tabelPerKelompok(w: Penulis, judul: string, baris: BarisKelompok[]): void {
  const kecil = baris.some((b) => b.responden < RESPONDEN_CUKUP);
  w.table(
    [
      { header: 'No', width: 6, align: 'center' },
      { header: judul, width: 44 },
      { header: 'Responden', width: 13, align: 'right' },
      { header: 'Nilai IKM', width: 12, align: 'right' },
      { header: 'Mutu', width: 8, align: 'center' },
      { header: 'Kinerja', width: 17 },
    ],
    baris.map((b, i) => [
      String(i + 1),
      b.kelompok === TAK_DIKENALI.desa ? 'Tidak diisi / tidak dikenali' : (b.kelompok ?? ''),
      `${formatAngka(b.responden)}${b.responden < RESPONDEN_CUKUP ? ' *' : ''}`,
      b.hasil ? f2(b.hasil.konversi) : 'tidak lengkap',
      b.hasil?.mutu ?? '',
      b.hasil?.kinerja ?? '',
    ]),
  );
  if (kecil) w.note(`* Kurang dari ${RESPONDEN_CUKUP} responden: nilainya hanya gambaran kasar dan dapat berubah banyak pada survei berikutnya.`);
}

/** "Dibandingkan Tahun 2021 (83,33), nilai IKM Tahun 2023 (85,26) naik 1,93 poin (2,32%)." */
function kalimatBanding(l: LaporanIkm): string {
  const b = l.analisis.banding;
  if (!b) return '';
  const poin = b.ikm.perubahan.poin;
  const arah = poin > 0 ? 'naik' : poin < 0 ? 'turun' : 'tetap';
  return `Dibandingkan ${b.lama.periode.label} (${f2(b.lama.hasil.konversi)}), nilai IKM ${b.baru.periode.label} (${f2(b.baru.hasil.konversi)}) ${arah}` + (poin ? ` ${f2(Math.abs(poin))} poin (${formatAngka(Math.abs(b.ikm.perubahan.persen), 2)}%)` : '') + '.';
}

/**
 * The statistical detail in one sentence (the conclusions stay plain): the 95% interval of the IKM
 * and whether the change from the other year is larger than sampling noise.
 */
function keteranganStatistik(l: LaporanIkm): string | null {
  const iv = l.analisis.utama.interval;
  const b = l.analisis.banding;
  const parts: string[] = [];
  if (iv) parts.push(`dengan tingkat kepercayaan 95%, nilai IKM sebenarnya berada di antara ${f2(iv.bawah)} dan ${f2(iv.atas)}`);
  if (b?.uji) {
    const lain = b.lama === l.analisis.utama ? b.baru.periode.label : b.lama.periode.label;
    parts.push(b.uji.nyata ? `perubahan dari ${lain} lebih besar daripada kebetulan sampel (interval 95% selisihnya tidak memuat nol)` : `perubahan dari ${lain} masih dalam batas kebetulan sampel (interval 95% selisihnya memuat nol)`);
  }
  return parts.length ? `Keterangan statistik: ${parts.join('; ')}.` : null;
}

/** Distinct saran printed per unsur; the rest are counted (the full list is the CSV lampiran). */
export const SARAN_DITAMPILKAN = SARAN_RINGKAS;

/** How many distinct saran the PDF leaves out (the CLI then names the command for the full list). */
export function saranTidakDicetak(l: LaporanIkm): number {
  return l.saran.reduce((s, g) => s + Math.max(0, g.jumlahBeda - SARAN_DITAMPILKAN), 0);
}

function saranPerUnsur(w: Penulis, l: LaporanIkm): void {
  if (l.jumlahSaran === 0) return w.paragraph('Tidak ada saran atau masukan tertulis dari responden pada periode ini.');
  w.paragraph(`Saran dan masukan tertulis dari responden (${formatAngka(l.jumlahSaran)} saran), dikelompokkan menurut unsur yang disebut:`);
  for (const g of l.saran) {
    w.heading(g.kode ? `${g.kode} ${g.unsur} (${g.jumlah} saran)` : `Saran lain (${g.jumlah} saran)`, { level: 2 });
    const shown = g.ringkas.slice(0, SARAN_DITAMPILKAN);
    if (g.jumlahBeda > shown.length) shown.push(`… dan ${g.jumlahBeda - shown.length} saran lain (daftar lengkap pada lampiran tabel saran).`);
    w.list(shown, { size: 9.5 });
  }
}

function tindakLanjut(w: Penulis, l: LaporanIkm): void {
  w.paragraph(l.tindakLanjutDiisi ? teks.FKP_DIISI : teks.FKP_KOSONG);
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
    l.tindakLanjut.map((t) => [String(t.no), t.unsur, t.program, ...[0, 1, 2, 3].map((q) => isiWaktu(t, q)), t.penanggungJawab]),
    { minRow: l.tindakLanjutDiisi ? 0 : 34 },
  );
}

function tren(w: Penulis, l: LaporanIkm): void {
  const ada = l.tren.filter((t) => t.konversi !== null) as { tahun: number; responden: number; konversi: number; mutu: string }[];
  w.together(() => {
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
    if (ada.length >= 2)
      w.chart(grafikMutu(ada.map((t) => ({ label: String(t.tahun), value: t.konversi })), `Grafik 2. Nilai IKM per tahun dengan ${KETERANGAN_PITA}.`, { height: 130 }));
    else w.paragraph('Grafik tren ditampilkan bila data survei tersedia untuk dua tahun atau lebih.', { italic: true, size: 9.5 });
  });
}

function babAnalisis(w: Penulis, k: Konteks): void {
  const { l } = k;
  w.chapter('BAB IV', 'ANALISIS HASIL SKM');
  w.heading('4.1 Analisis Permasalahan/Kelemahan dan Kelebihan Unsur Layanan');
  w.paragraph(
    `Tiga unsur dengan nilai terendah menjadi prioritas perbaikan: ${l.terendah.map((x) => `${x.kode} ${x.nama} (${f2(x.konversi)}, mutu ${x.mutu})`).join('; ')}. ` +
      `Unsur dengan nilai tertinggi adalah ${l.tertinggi.kode} ${l.tertinggi.nama} (${f2(l.tertinggi.konversi)}, mutu ${l.tertinggi.mutu}) dan perlu dipertahankan.`,
  );
  saranPerUnsur(w, l);
  w.heading('4.2 Rencana Tindak Lanjut');
  tindakLanjut(w, l);
  w.heading('4.3 Tren Nilai SKM');
  tren(w, l);
}

/** The conclusions in plain words for the camat: how residents judge the service, what changed, what to fix first. */
function kesimpulan(k: Konteks): string[] {
  const { l } = k;
  const h = l.analisis.utama.hasil;
  const b = l.analisis.banding;
  const out = [
    `Masyarakat menilai pelayanan ${k.unit}${k.layanan} pada ${k.periode} ${h.kinerja.toLowerCase()}: nilai IKM ${f2(h.konversi)} pada skala 25–100 (mutu ${h.mutu}), dari penilaian ${formatAngka(h.responden)} responden.`,
  ];
  if (b) {
    const poin = b.ikm.perubahan.poin;
    const lain = b.lama === l.analisis.utama ? b.baru : b.lama;
    out.push(poin === 0 ? `Nilainya sama dengan ${lain.periode.label}.` : `Dibandingkan ${lain.periode.label} (${f2(lain.hasil.konversi)}), nilainya ${poin > 0 ? 'naik' : 'turun'} ${f2(Math.abs(poin))} poin.`);
  }
  const [t1, t2, t3] = l.terendah;
  out.push(
    `Unsur yang dinilai paling baik: ${l.tertinggi.nama.toLowerCase()} (${f2(l.tertinggi.konversi)}). ` +
      `Unsur yang paling perlu diperbaiki: ${t1.nama.toLowerCase()} (${f2(t1.konversi)})${t2 && t3 ? `, disusul ${t2.nama.toLowerCase()} dan ${t3.nama.toLowerCase()}` : ''}.`,
  );
  const layanan = l.perLayanan.filter((x) => x.hasil && x.responden >= RESPONDEN_CUKUP).sort((x, y) => x.hasil!.konversi - y.hasil!.konversi);
  if (layanan.length >= 2) {
    const [lo, hi] = [layanan[0], layanan[layanan.length - 1]];
    out.push(`Di antara jenis layanan dengan sedikitnya ${RESPONDEN_CUKUP} responden, nilai terendah ada pada ${lo.kelompok} (${f2(lo.hasil!.konversi)}) dan tertinggi pada ${hi.kelompok} (${f2(hi.hasil!.konversi)}).`);
  }
  if (l.analisis.utama.sampel.sesuai === false) out.push('Jumlah responden belum memenuhi sampel minimum, sehingga hasil ini perlu dibaca dengan hati-hati.');
  return out;
}

function babPenutup(w: Penulis, k: Konteks): void {
  const { l } = k;
  const s = l.analisis.utama.sampel;
  w.chapter('BAB V', 'PENUTUP');
  w.heading('A. Kesimpulan');
  w.list(kesimpulan(k), { numbered: true });
  const stat = keteranganStatistik(l);
  if (stat) w.paragraph(stat, { italic: true, size: 9, align: 'left' });
  w.heading('B. Saran dan Rekomendasi');
  w.list(
    [
      `Memprioritaskan perbaikan pada unsur ${l.terendah.map((x) => x.nama).join(', ')} sesuai rencana tindak lanjut.`,
      `Mempertahankan kinerja unsur ${l.tertinggi.nama}.`,
      'Menindaklanjuti saran dan masukan masyarakat, serta mengumumkan hasil SKM dan tindak lanjutnya kepada masyarakat.',
      s.sesuai === false ? `Menambah jumlah responden pada survei berikutnya hingga memenuhi sampel minimum (${formatAngka(s.minimum!)} responden).` : 'Melaksanakan SKM secara berkala, minimal satu kali setahun.',
    ],
    { numbered: true },
  );
  w.heading('C. Penutup');
  w.together(() => {
    w.paragraph(teks.penutup(k.unit, k.periode));
    w.signature({ kecamatan: l.profil.nama_kecamatan, tanggal: formatTanggal(l.tanggal), nama: l.profil.nama_camat, nip: l.profil.nip_camat });
  });
}

export async function laporanPdf(l: LaporanIkm): Promise<PdfDoc> {
  const a = l.analisis;
  const u = a.utama;
  const unit = `Kecamatan ${l.profil.nama_kecamatan}`;
  const w = await Penulis.create({
    tema: TEMA_LAPORAN,
    date: tanggalDokumen(l),
    title: pdfAman(`Laporan Survei Kepuasan Masyarakat ${unit} ${u.periode.label}`),
    subject: 'Laporan Hasil SKM (PermenPANRB 14/2017)',
    author: pdfAman(unit),
    keywords: 'SKM, IKM, PermenPANRB 14/2017',
    footer: `Laporan SKM ${unit} – ${u.periode.label}`,
    footerOnFirstPage: false,
  });
  const k: Konteks = { l, unit, layanan: a.layanan ? ` (layanan ${a.layanan.nama})` : '', periode: u.periode.label };
  sampul(w, k);
  babPendahuluan(w, k);
  babPengumpulan(w, k);
  babHasil(w, k);
  babAnalisis(w, k);
  babPenutup(w, k);
  return w.end();
}

/** One-page A4 "Hasil SKM" summary to hang in the office. */
export async function posterPdf(l: LaporanIkm): Promise<PdfDoc> {
  const a = l.analisis;
  const u = a.utama;
  const h = u.hasil;
  const kec = l.profil.nama_kecamatan;
  const w = await Penulis.create({
    tema: { ...TEMA_LAPORAN, margin: { top: 48, bottom: 48, left: 48, right: 48 } },
    date: tanggalDokumen(l),
    title: pdfAman(`Hasil Survei Kepuasan Masyarakat Kecamatan ${kec} ${u.periode.label}`),
    author: pdfAman(`Kecamatan ${kec}`),
    footer: '',
    footerOnFirstPage: false,
  });
  const doc = w.doc;
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
  w.heading('Yang akan kami perbaiki');
  const rencana = l.tindakLanjutDiisi ? l.tindakLanjut.map((t) => `${t.unsur}: ${t.program}`) : l.terendah.map((x) => `${x.nama} (${f2(x.konversi)})`);
  w.list(rencana.slice(0, 4));
  w.paragraph('Terima kasih atas penilaian dan saran Anda. Survei ini dilaksanakan sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017.', { align: 'center' });
  w.sync();
  const kontak = [l.profil.alamat, l.profil.telepon && `Telp. ${l.profil.telepon}`, l.profil.whatsapp && `WA ${l.profil.whatsapp}`].filter(Boolean).join(' · ');
  const mb = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.fontSize(9).fillColor(ABU).text(pdfAman(kontak), w.left, doc.page.height - 70, { width: cw, align: 'center' });
  doc.page.margins.bottom = mb;
  return w.end();
}
