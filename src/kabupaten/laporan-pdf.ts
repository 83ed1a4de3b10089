/**
 * Renders the kabupaten's yearly SKM report (src/kabupaten/laporan.ts) as PDF through the one
 * report writer (src/pdf/penulis.ts), like the kecamatan report (src/ikm/laporan-pdf.ts): a cover,
 * BAB I the basis and how the figures are computed, BAB II the ranking with a bar chart of IKM per
 * kecamatan over the mutu bands, per unsur across kecamatan, the weakest unsur of each kecamatan and
 * per layanan, BAB III the trend, BAB IV which kecamatan sent nothing, BAB V conclusions and the
 * kabupaten official's signature. The tables are src/kabupaten/tabel.ts's, the ones the CLI prints.
 * Deterministic: the document date is the report date from the data.
 */
import { formatAngka, formatTanggal } from '../core/format.js';
import { pdfSafeText, type PdfDoc } from '../pdf/document.js';
import { Penulis, TEMA_LAPORAN } from '../pdf/penulis.js';
import { DASAR_HUKUM } from '../ikm/laporan-teks.js';
import { grafikMutu, KETERANGAN_PITA, WARNA_MUTU } from '../ikm/laporan-grafik.js';
import { isiTeks, type Tabel } from '../ikm/tabel.js';
import { namaKabupaten, type LaporanKabupaten } from './laporan.js';
import { kalimatBelumMengirim, tabelLayanan, tabelPeringkat, tabelTerlemah, tabelTren, tabelTrenKecamatan, tabelUnsurKabupaten } from './tabel.js';

const BIRU = '#1f4e79';
const ABU = '#555555';
const f2 = (x: number) => formatAngka(x, 2);
/** Bars per chart: a chart is never split, so a province's 400 kecamatan come in charts of this many. */
const BATANG_PER_GRAFIK = 40;

function tabel(w: Penulis, t: Tabel, widths: number[], opts: { size?: number; bold?: (i: number) => boolean } = {}): void {
  const cols = t.header.map((h, i) => ({ header: h, width: widths[i] ?? 10, align: t.angka.includes(i) ? ('right' as const) : ('left' as const) }));
  w.table(cols, t.rows.map((r) => r.map(isiTeks)), opts);
}

/** Only some columns of a table, in the given order. */
function kolom(t: Tabel, idx: number[], header?: string[]): Tabel {
  return { header: header ?? idx.map((i) => t.header[i]), rows: t.rows.map((r) => idx.map((i) => r[i])), angka: idx.flatMap((i, j) => (t.angka.includes(i) ? [j] : [])) };
}

function tanggalDokumen(l: LaporanKabupaten): Date {
  const [y, m, d] = l.tanggal.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function sampul(w: Penulis, l: LaporanKabupaten): void {
  const doc = w.doc;
  const cw = w.width;
  const g = l.ikm.gabungan;
  const kab = l.wilayah.kabupaten.toUpperCase();
  doc.font('Sans-Bold').fontSize(13).fillColor(BIRU);
  doc.text(pdfSafeText(`PEMERINTAH ${/^KAB/.test(kab) ? kab : `KABUPATEN ${kab}`}`), w.left, 110, { width: cw, align: 'center' });
  doc.text(pdfSafeText(`PROVINSI ${l.wilayah.provinsi.toUpperCase()}`), { width: cw, align: 'center' });
  doc.fillColor('black').font('Sans-Bold').fontSize(20);
  doc.text('LAPORAN REKAPITULASI', w.left, 280, { width: cw, align: 'center' });
  doc.text('SURVEI KEPUASAN MASYARAKAT (SKM)', { width: cw, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(15).text(pdfSafeText(`KECAMATAN SE-KABUPATEN ${namaKabupaten(l.wilayah.kabupaten).toUpperCase()}`), { width: cw, align: 'center' });
  doc.text(`TAHUN ${l.tahun}`, { width: cw, align: 'center' });
  doc.moveDown(2.5);
  const boxY = doc.y;
  doc.rect(w.left + cw / 2 - 130, boxY, 260, 84).fill(WARNA_MUTU[g.mutu]);
  doc.fillColor('black').font('Sans').fontSize(10).text('Nilai IKM kabupaten (semua responden)', w.left, boxY + 8, { width: cw, align: 'center' });
  doc.font('Sans-Bold').fontSize(26).text(f2(g.konversi), w.left, boxY + 22, { width: cw, align: 'center' });
  doc.font('Sans').fontSize(10).text(`Mutu ${g.mutu} (${g.kinerja})`, w.left, boxY + 56, { width: cw, align: 'center' });
  doc.text(`${formatAngka(l.ikm.baris.length)} kecamatan · ${formatAngka(g.responden)} responden`, w.left, boxY + 69, { width: cw, align: 'center' });
  doc.font('Sans').fontSize(10).fillColor(ABU).text(pdfSafeText(l.penandatangan.jabatan), w.left, 700, { width: cw, align: 'center' });
  doc.text(String(l.tahun + (l.tanggal.slice(0, 4) === String(l.tahun) ? 0 : 1)), w.left, doc.y + 4, { width: cw, align: 'center' });
  doc.fillColor('black');
  w.newPage();
}

function babPendahuluan(w: Penulis, l: LaporanKabupaten): void {
  const kab = l.wilayah.kabupaten;
  const r = l.ikm;
  w.chapter('BAB I', 'PENDAHULUAN');
  w.heading('1.1 Latar Belakang');
  w.paragraph(
    `Peraturan Menteri PANRB Nomor 14 Tahun 2017 mewajibkan setiap unit penyelenggara pelayanan publik melaksanakan Survei Kepuasan Masyarakat (SKM) ` +
      `secara berkala, minimal satu kali setahun. Setiap kecamatan di ${kab} melaksanakan SKM atas Pelayanan Administrasi Terpadu Kecamatan (PATEN). ` +
      `Laporan ini merekapitulasi hasil SKM tahun ${l.tahun} dari ${formatAngka(r.baris.length)} kecamatan, membandingkan nilainya antarkecamatan dan ` +
      `antarunsur pelayanan, serta menunjukkan unsur yang perlu diperbaiki di setiap kecamatan.`,
  );
  w.heading('1.2 Dasar Pelaksanaan');
  w.list(DASAR_HUKUM, { numbered: true });
  w.heading('1.3 Sumber Data dan Cara Perhitungan');
  w.paragraph(
    'Setiap kecamatan mengirim satu berkas paket hasil SKM setahun. Paket hanya memuat jumlah jawaban dan jumlah nilai per unsur (per hari, jenis layanan ' +
      'dan desa), tanpa jawaban per responden, sehingga kerahasiaan responden terjaga. Nilai IKM setiap kecamatan dihitung dari jumlah itu dengan cara ' +
      'yang sama persis dengan perhitungan di kecamatan: nilai rata-rata per unsur × bobot 1/9, dijumlahkan, lalu × 25.',
  );
  w.paragraph(
    `Untuk kabupaten disajikan dua angka. (1) IKM kabupaten atas semua responden: jumlah jawaban dan jumlah nilai seluruh kecamatan dijumlahkan, lalu ` +
      `dihitung seperti satu unit pelayanan; kecamatan dengan responden lebih banyak berpengaruh lebih besar. (2) Rata-rata IKM kecamatan: rata-rata ` +
      `nilai IKM ${formatAngka(r.baris.length)} kecamatan, setiap kecamatan berbobot sama. PermenPANRB 14/2017 mendefinisikan IKM untuk satu unit ` +
      `pelayanan; kedua angka ditampilkan berdampingan agar jelas angka mana yang dipakai.`,
  );
}

function grafikKecamatan(w: Penulis, l: LaporanKabupaten, nomor: number): number {
  const bars = l.ikm.baris.map((b) => ({ label: b.kecamatan, value: b.hasil.konversi }));
  const parts = Math.ceil(bars.length / BATANG_PER_GRAFIK);
  for (let i = 0; i < parts; i++) {
    const part = parts > 1 ? ` (bagian ${i + 1} dari ${parts})` : '';
    w.chart(grafikMutu(bars.slice(i * BATANG_PER_GRAFIK, (i + 1) * BATANG_PER_GRAFIK), `Grafik ${nomor}. Nilai IKM per kecamatan tahun ${l.tahun}${part}, menurut peringkat, dengan ${KETERANGAN_PITA}.`));
  }
  return nomor + 1;
}

function babHasil(w: Penulis, l: LaporanKabupaten): void {
  const r = l.ikm;
  const g = r.gabungan;
  const banding = r.banding;
  w.chapter('BAB II', 'HASIL SKM KECAMATAN');
  w.heading('2.1 Peringkat IKM Kecamatan');
  w.paragraph(
    `Nilai IKM ${formatAngka(r.baris.length)} kecamatan tahun ${l.tahun} dari ${formatAngka(g.responden)} responden, diurutkan dari yang tertinggi` +
      (banding !== null ? `, dengan perubahan dari tahun ${banding}:` : ':'),
  );
  const t = tabelPeringkat(r, { kabupaten: true, kosong: '-' });
  const u = t.header.length;
  const idx = [0, 1, 3, 4, 5, u - (banding !== null ? 2 : 1), ...(banding !== null ? [u - 1] : [])];
  const head = ['No', 'Kecamatan', 'Responden', 'Nilai IKM', 'Mutu', 'Unsur terendah', ...(banding !== null ? [`Perubahan dari ${banding}`] : [])];
  const n = r.baris.length;
  tabel(w, kolom(t, idx, head), banding !== null ? [6, 34, 13, 11, 7, 13, 16] : [7, 40, 15, 13, 9, 16], { bold: (i) => i >= n });
  w.note(`Dua baris terakhir: IKM kabupaten atas semua responden, dan rata-rata IKM kecamatan (tiap kecamatan berbobot sama); lihat 1.3.${banding !== null ? ` Tanda -: tidak ada paket tahun ${banding}.` : ''}`);
  grafikKecamatan(w, l, 1);
  w.paragraph(
    `IKM kabupaten atas semua responden adalah ${f2(g.konversi)} (mutu ${g.mutu}, ${g.kinerja}); rata-rata IKM kecamatan adalah ${f2(r.rerata.konversi)} ` +
      `(mutu ${r.rerata.mutu}, ${r.rerata.kinerja}). Nilai tertinggi ada di Kecamatan ${r.baris[0].kecamatan} (${f2(r.baris[0].hasil.konversi)}), ` +
      `terendah di Kecamatan ${r.baris[n - 1].kecamatan} (${f2(r.baris[n - 1].hasil.konversi)}).`,
  );
  w.heading('2.2 Nilai per Unsur Pelayanan Antarkecamatan');
  w.paragraph('Nilai konversi setiap unsur untuk kabupaten (semua responden), kecamatan dengan nilai terendah dan tertinggi, dan berapa kecamatan yang unsur terendahnya adalah unsur itu:');
  const tu = tabelUnsurKabupaten(r);
  tabel(w, kolom(tu, tu.header.map((_, i) => i), ['Kode', 'Unsur pelayanan', 'Kabupaten', 'Mutu', 'Kecamatan terendah', 'Nilai', 'Kecamatan tertinggi', 'Nilai', 'Terendah di (kec.)']), [6, 20, 12, 7, 17, 8, 17, 8, 11], { size: 8 });
  w.note('Terendah di (kec.): jumlah kecamatan yang unsur terendahnya adalah unsur itu (tabel 2.3).');
  w.chart(grafikMutu(r.unsur.map((x) => ({ label: x.kode, value: x.kabupaten.konversi })), `Grafik 2. Nilai konversi per unsur untuk kabupaten (semua responden) dengan ${KETERANGAN_PITA}.`, { height: 140 }));
  w.heading('2.3 Unsur Terendah Tiap Kecamatan');
  w.paragraph('Unsur dengan nilai terendah di setiap kecamatan menjadi prioritas perbaikan kecamatan itu:');
  const tt = tabelTerlemah(r);
  tabel(w, kolom(tt, tt.header.map((_, i) => i), ['No', 'Kecamatan', 'IKM', 'Unsur terendah', 'Nilai unsur', 'Mutu unsur']), [6, 26, 10, 38, 10, 10]);
  w.heading('2.4 Nilai Unsur per Kecamatan');
  const kodes = g.unsur.map((x) => x.kode);
  tabel(w, kolom(t, [0, 1, ...kodes.map((_, i) => 6 + i), 4], ['No', 'Kecamatan', ...kodes, 'IKM']), [5, 23, ...kodes.map(() => 7.5), 8], { size: 7.5, bold: (i) => i >= n });
  w.heading('2.5 IKM per Jenis Layanan');
  if (l.layanan.baris.length) {
    w.paragraph('Jenis layanan yang namanya sama di dua kecamatan atau lebih, dihitung atas semua responden layanan itu:');
    const tl = tabelLayanan(l.layanan);
    tabel(w, kolom(tl, tl.header.map((_, i) => i), ['Jenis layanan', 'Kec.', 'Responden', 'IKM', 'Mutu', 'Kecamatan terendah', 'Nilai', 'Kecamatan tertinggi', 'Nilai']), [24, 6, 11, 8, 7, 17, 8, 17, 8], { size: 8 });
    w.note('Kec.: jumlah kecamatan yang memakai nama layanan itu. IKM layanan dihitung atas semua respondennya di kecamatan-kecamatan itu.');
  } else w.paragraph('Tidak ada nama jenis layanan yang sama di dua kecamatan atau lebih, sehingga nilai per layanan tidak dapat dibandingkan antarkecamatan.');
  if (l.layanan.satuKecamatan.length)
    w.paragraph(`${formatAngka(l.layanan.satuKecamatan.length)} nama jenis layanan hanya dipakai satu kecamatan dan tidak dibandingkan.`, { italic: true, size: 9 });
}

function babTren(w: Penulis, l: LaporanKabupaten): void {
  const t = l.tren;
  w.chapter('BAB III', 'TREN NILAI SKM');
  if (t.tahun.length < 2) {
    w.paragraph(`Basis data kabupaten baru memuat paket tahun ${l.tahun}; tren ditampilkan bila paket dua tahun atau lebih telah dimuat.`);
    return;
  }
  w.paragraph(`Nilai IKM kabupaten pada ${formatAngka(t.tahun.length)} tahun terakhir yang paketnya dimuat:`);
  w.together(() => {
    tabel(w, tabelTren(t), [12, 14, 16, 22, 10, 26], { size: 9 });
    w.chart(grafikMutu(t.kabupaten.map((k) => ({ label: String(k.tahun), value: k.konversi })), `Grafik 3. Nilai IKM kabupaten (semua responden) per tahun dengan ${KETERANGAN_PITA}.`, { height: 130 }));
  });
  w.paragraph('Nilai IKM setiap kecamatan per tahun (tanda - : tidak ada paket tahun itu):');
  tabel(w, tabelTrenKecamatan(t), [40, ...t.tahun.map(() => 60 / t.tahun.length)], { size: 8.5 });
}

function babKelengkapan(w: Penulis, l: LaporanKabupaten): void {
  w.chapter('BAB IV', 'KELENGKAPAN DATA');
  w.heading('4.1 Paket yang Diterima');
  w.table(
    [
      { header: 'No', width: 6, align: 'center' },
      { header: 'Kecamatan', width: 30 },
      { header: 'Kode wilayah', width: 16 },
      { header: 'Responden', width: 14, align: 'right' },
      { header: 'Data sampai', width: 34 },
    ],
    l.paket.map((p, i) => [String(i + 1), p.kecamatan, p.kode_wilayah ?? '-', formatAngka(p.responden), formatTanggal(p.dibuat)]),
    { size: 8.5 },
  );
  w.heading('4.2 Kecamatan yang Belum Mengirim Paket');
  const lines = kalimatBelumMengirim(l.belum);
  if (lines.length) w.list(lines);
  else if (l.belum.kode === null)
    w.paragraph('Semua kecamatan yang pernah mengirim paket telah mengirim paket tahun ini. Paket tidak memuat kode wilayah kecamatan, sehingga kecamatan yang belum pernah mengirim paket tidak dapat diketahui dari data ini.');
  else w.paragraph(`Tidak ada celah dalam urutan kode wilayah sampai kode tertinggi yang dimuat, dan semua kecamatan yang pernah mengirim paket telah mengirim paket tahun ini.`);
}

function babPenutup(w: Penulis, l: LaporanKabupaten): void {
  const r = l.ikm;
  const g = r.gabungan;
  const n = r.baris.length;
  const lemah = [...r.unsur].sort((a, b) => b.terlemah_di.length - a.terlemah_di.length || a.kabupaten.konversi - b.kabupaten.konversi)[0];
  const kurang = r.baris.filter((b) => b.hasil.mutu === 'C' || b.hasil.mutu === 'D');
  w.chapter('BAB V', 'PENUTUP');
  w.heading('A. Kesimpulan');
  const out = [
    `Masyarakat menilai pelayanan kecamatan di ${l.wilayah.kabupaten} pada tahun ${l.tahun} ${g.kinerja.toLowerCase()}: IKM kabupaten atas ${formatAngka(g.responden)} responden ${f2(g.konversi)} (mutu ${g.mutu}); rata-rata IKM ${formatAngka(n)} kecamatan ${f2(r.rerata.konversi)}.`,
    `Nilai tertinggi di Kecamatan ${r.baris[0].kecamatan} (${f2(r.baris[0].hasil.konversi)}), terendah di Kecamatan ${r.baris[n - 1].kecamatan} (${f2(r.baris[n - 1].hasil.konversi)}).`,
    `Unsur yang paling sering menjadi unsur terendah kecamatan: ${lemah.kode} ${lemah.nama} (di ${formatAngka(lemah.terlemah_di.length)} kecamatan; nilai kabupaten ${f2(lemah.kabupaten.konversi)}).`,
  ];
  if (kurang.length) out.push(`Kecamatan dengan mutu C atau D yang perlu pendampingan: ${kurang.map((b) => `${b.kecamatan} (${f2(b.hasil.konversi)}, mutu ${b.hasil.mutu})`).join(', ')}.`);
  const belum = kalimatBelumMengirim(l.belum);
  if (belum.length) out.push('Data belum lengkap: sebagian kecamatan belum mengirim paket (lihat 4.2).');
  w.list(out, { numbered: true });
  w.heading('B. Rekomendasi');
  w.list(
    [
      'Setiap kecamatan menindaklanjuti unsur terendahnya (tabel 2.3) dalam rencana tindak lanjut dan Forum Konsultasi Publik.',
      `Perbaikan tingkat kabupaten diarahkan pada unsur ${lemah.nama}.`,
      ...(belum.length ? ['Kecamatan yang belum mengirim paket diminta mengirimkannya agar rekapitulasi lengkap.'] : []),
      'SKM dilaksanakan secara berkala, minimal satu kali setahun, dan hasilnya diumumkan kepada masyarakat.',
    ],
    { numbered: true },
  );
  w.heading('C. Penutup');
  const p = l.penandatangan;
  w.together(() => {
    w.paragraph(`Demikian laporan rekapitulasi Survei Kepuasan Masyarakat kecamatan se-${l.wilayah.kabupaten} tahun ${l.tahun} ini disusun sebagai bahan evaluasi dan perbaikan pelayanan publik.`);
    w.signature({ kecamatan: null, tempat: p.tempat, jabatan: p.jabatan, tanggal: formatTanggal(l.tanggal), nama: p.nama, nip: p.nip });
  });
}

export async function laporanKabupatenPdf(l: LaporanKabupaten): Promise<PdfDoc> {
  const kab = l.wilayah.kabupaten;
  const w = await Penulis.create({
    tema: TEMA_LAPORAN,
    date: tanggalDokumen(l),
    title: pdfSafeText(`Laporan Rekapitulasi SKM Kecamatan se-${kab} Tahun ${l.tahun}`),
    subject: 'Rekapitulasi Survei Kepuasan Masyarakat kecamatan (PermenPANRB 14/2017)',
    author: pdfSafeText(kab),
    keywords: 'SKM, IKM, kabupaten, PermenPANRB 14/2017',
    footer: `Rekapitulasi SKM Kecamatan se-${kab} – Tahun ${l.tahun}`,
    footerOnFirstPage: false,
  });
  sampul(w, l);
  babPendahuluan(w, l);
  babHasil(w, l);
  babTren(w, l);
  babKelengkapan(w, l);
  babPenutup(w, l);
  return w.end();
}
