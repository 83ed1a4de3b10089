/**
 * Bazar PDFs: the yearly report (with a bar chart of residents served per event), the report of
 * one event, and the printable attendance sheet (daftar hadir) for the day. Drawn through the
 * report writer (src/pdf/penulis.ts: title, tables, chart, signature, footer, layout rules) in its
 * compact theme; only the attendance sheet's form grid is drawn here.
 */
import { BULAN, formatAngka, formatPersen, formatTanggal, formatTanggalHari } from '../core/format.js';
import { pdfSafeText } from '../pdf/document.js';
import type { Batang } from '../pdf/grafik.js';
import { Penulis, TEMA_RINGKAS } from '../pdf/penulis.js';
import { BATAS_DAFTAR_ACARA, ringkasanTeks, type LaporanAcara, type LaporanTahun, type KecamatanInfo } from './laporan.js';
import { STATUS_PARTISIPASI_LABEL } from './partisipasi.js';
import { jenisLabel } from './instansi.js';

const LINE = '#9a9a9a';
const FILL = '#e8eef6';

/** "2026-11-23 10:00:00" → a Date (UTC, so the same text always gives the same metadata). */
export function metadataDate(stamp: string | null): Date | undefined {
  const m = stamp && /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(stamp);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
}

function persen(v: number | null): string {
  return v === null ? '-' : formatPersen(v, 1);
}

function kecamatanLine(k: KecamatanInfo): string {
  return [k.nama ? `Kecamatan ${k.nama}` : null, k.kabupaten].filter(Boolean).join(', ');
}

const judulKecamatan = (k: KecamatanInfo) => (k.nama ? ` — Kecamatan ${k.nama}` : '');

/**
 * One bar per event for up to 12 events (a Mayangan-style year); beyond that (a Mal Pelayanan
 * Publik holding one every working day) one bar per month, so labels stay readable.
 */
export function chartBars(l: LaporanTahun): { title: string; bars: Batang[] } {
  const short = (m: number) => BULAN[m - 1].slice(0, 3);
  if (l.acara.length <= 12) {
    const withSub = l.acara.length <= 8;
    return {
      title: 'Warga dilayani per acara',
      bars: l.acara.map((a) => {
        const [, mm, dd] = a.tanggal.split('-').map(Number);
        const held = a.status === 'terlaksana';
        return { label: `${dd} ${short(mm)}`, sub: held && withSub ? `hadir ${a.hadir} dari ${a.diundang}` : '', value: held ? a.dilayani : null, note: a.status };
      }),
    };
  }
  const bars: Batang[] = [];
  for (let m = 1; m <= 12; m++) {
    const held = l.acara.filter((a) => Number(a.tanggal.slice(5, 7)) === m && a.status === 'terlaksana');
    bars.push({ label: short(m), sub: `${held.length} acara`, value: held.length ? held.reduce((s, a) => s + a.dilayani, 0) : null });
  }
  return { title: 'Warga dilayani per bulan', bars };
}

/** The shared signature block, dated by the data's last change (the same data gives the same file). */
function signature(w: Penulis, k: KecamatanInfo, diperbarui: string | null): void {
  w.signature({ kecamatan: k.nama, tanggal: diperbarui ? formatTanggal(diperbarui.slice(0, 10)) : '.....................', nama: k.camat, nip: k.nip });
}

const DEFINISI =
  'Kehadiran dan warga dilayani dihitung dari acara berstatus terlaksana saja. Tingkat kehadiran = jumlah hadir ÷ jumlah undangan. ' +
  'Warga dilayani dijumlahkan dari setiap layanan instansi yang hadir.';

function rekapBulan(w: Penulis, l: LaporanTahun): void {
  w.heading('Rekap per bulan');
  w.table(
    [
      { header: 'Bulan', width: 18 },
      { header: 'Acara', width: 9, align: 'right' },
      { header: 'Terlaksana', width: 12, align: 'right' },
      { header: 'Belum dicatat', width: 13, align: 'right' },
      { header: 'Diundang', width: 11, align: 'right' },
      { header: 'Hadir', width: 9, align: 'right' },
      { header: 'Kehadiran', width: 11, align: 'right' },
      { header: 'Dilayani', width: 11, align: 'right' },
    ],
    l.bulan.map((b) => [BULAN[Number(b.bulan.slice(5)) - 1], formatAngka(b.acara), formatAngka(b.terlaksana), formatAngka(b.belum_dicatat), formatAngka(b.diundang), formatAngka(b.hadir), persen(b.tingkat_kehadiran), formatAngka(b.dilayani)]),
  );
}

function daftarAcara(w: Penulis, l: LaporanTahun): void {
  w.heading('Daftar acara');
  w.table(
    [
      { header: 'No', width: 6, align: 'right' },
      { header: 'Tanggal', width: 24 },
      { header: 'Tempat / tema', width: 23 },
      { header: 'Status', width: 10 },
      { header: 'Diundang', width: 10, align: 'right' },
      { header: 'Hadir', width: 7, align: 'right' },
      { header: 'Kehadiran', width: 10, align: 'right' },
      { header: 'Dilayani', width: 9, align: 'right' },
    ],
    l.acara.map((a) => [
      `#${a.id}`,
      formatTanggalHari(a.tanggal),
      a.tema ? `${a.tempat}\n${a.tema}` : a.tempat,
      a.belum_dicatat ? 'belum dicatat' : a.status,
      formatAngka(a.diundang),
      a.status === 'terlaksana' ? formatAngka(a.hadir) : '-',
      persen(a.tingkat_kehadiran),
      a.status === 'terlaksana' ? formatAngka(a.dilayani) : '-',
    ]),
  );
}

function perInstansi(w: Penulis, l: LaporanTahun): void {
  const r = l.ringkasan;
  w.heading('Kehadiran dan warga dilayani per instansi');
  if (l.instansi.length === 0) return w.note('Belum ada instansi yang diundang ke acara terlaksana tahun ini.');
  const rows = [
    ...l.instansi.map((i) => [
      i.singkatan && i.singkatan !== i.nama ? `${i.nama} (${i.singkatan})` : i.nama,
      jenisLabel(i.jenis),
      formatAngka(i.diundang),
      formatAngka(i.hadir),
      formatAngka(i.tidak_hadir),
      persen(i.tingkat_kehadiran),
      formatAngka(i.dilayani),
    ]),
    ['Jumlah', '', formatAngka(r.diundang), formatAngka(r.hadir), formatAngka(l.instansi.reduce((s, i) => s + i.tidak_hadir, 0)), persen(r.tingkat_kehadiran), formatAngka(r.dilayani)],
  ];
  w.table(
    [
      { header: 'Instansi', width: 36 },
      { header: 'Jenis', width: 15 },
      { header: 'Diundang', width: 9, align: 'right' },
      { header: 'Hadir', width: 8, align: 'right' },
      { header: 'Tidak hadir', width: 9, align: 'right' },
      { header: 'Kehadiran', width: 10, align: 'right' },
      { header: 'Dilayani', width: 10, align: 'right' },
    ],
    rows,
    { bold: (i) => i === rows.length - 1 },
  );
}

function perLayanan(w: Penulis, l: LaporanTahun): void {
  w.heading('Warga dilayani per layanan');
  if (l.layanan.length === 0) return w.note('Belum ada warga dilayani yang tercatat tahun ini.');
  const rows = [...l.layanan.map((s) => [s.layanan, s.instansi.join(', '), formatAngka(s.acara), formatAngka(s.dilayani)]), ['Jumlah', '', '', formatAngka(l.ringkasan.dilayani)]];
  w.table(
    [
      { header: 'Layanan', width: 34 },
      { header: 'Instansi', width: 40 },
      { header: 'Acara', width: 8, align: 'right' },
      { header: 'Dilayani', width: 10, align: 'right' },
    ],
    rows,
    { bold: (i) => i === rows.length - 1 },
  );
}

export async function laporanTahunPdf(l: LaporanTahun, file: string): Promise<number> {
  const judul = `Laporan Bazar Pelayanan ${l.tahun}${judulKecamatan(l.kecamatan)}`;
  const w = await Penulis.create({
    tema: TEMA_RINGKAS,
    title: judul,
    subject: 'Bazar pelayanan: kehadiran instansi dan warga dilayani',
    author: l.kecamatan.nama ? `Kecamatan ${l.kecamatan.nama}` : 'paten',
    date: metadataDate(l.diperbarui),
    footer: judul,
  });
  w.title(['LAPORAN BAZAR PELAYANAN', kecamatanLine(l.kecamatan), `Tahun ${l.tahun}`].filter(Boolean));
  w.pairs(ringkasanTeks(l));
  // The chart stays with the table of the same figures.
  w.together(() => {
    if (l.acara.length) {
      const chart = chartBars(l);
      w.heading(chart.title);
      w.chart({ bars: chart.bars, height: 130, caption: `Grafik 1. ${chart.title} (acara terlaksana; acara lain tanpa batang).` });
    }
    if (l.acara.length > BATAS_DAFTAR_ACARA) rekapBulan(w, l);
    else daftarAcara(w, l);
  });
  perInstansi(w, l);
  perLayanan(w, l);
  w.together(() => {
    w.note(DEFINISI);
    signature(w, l.kecamatan, l.diperbarui);
  });
  return w.write(file);
}

export async function laporanAcaraPdf(l: LaporanAcara, file: string): Promise<number> {
  const a = l.acara;
  const w = await Penulis.create({
    tema: TEMA_RINGKAS,
    title: `Laporan Bazar Pelayanan ${a.tanggal}${judulKecamatan(l.kecamatan)}`,
    subject: 'Bazar pelayanan: laporan satu acara',
    author: l.kecamatan.nama ? `Kecamatan ${l.kecamatan.nama}` : 'paten',
    date: metadataDate(l.diperbarui),
    footer: `Laporan Bazar Pelayanan ${formatTanggalHari(a.tanggal)}`,
  });
  w.title(['LAPORAN BAZAR PELAYANAN', kecamatanLine(l.kecamatan), formatTanggalHari(a.tanggal)].filter(Boolean));
  w.pairs([
    ['Acara', `#${a.id} (${a.status})`],
    ['Tempat', a.tempat],
    ...(a.tema ? ([['Tema', a.tema]] as [string, string][]) : []),
    ['Kehadiran instansi', `${a.hadir} dari ${a.diundang} diundang (${persen(a.tingkat_kehadiran)})`],
    ['Warga dilayani', formatAngka(a.dilayani)],
    ...(a.catatan ? ([['Catatan', a.catatan]] as [string, string][]) : []),
  ]);
  w.heading('Instansi dan warga dilayani');
  const rows: string[][] = [];
  l.instansi.forEach((r, k) => {
    const first = [String(k + 1), r.singkatan && r.singkatan !== r.instansi ? `${r.instansi} (${r.singkatan})` : r.instansi, STATUS_PARTISIPASI_LABEL[r.status], r.petugas ?? ''];
    if (r.layanan.length === 0) rows.push([...first, '', r.status === 'hadir' ? '0' : '-']);
    r.layanan.forEach((s, j) => rows.push([...(j === 0 ? first : ['', '', '', '']), s.layanan, formatAngka(s.jumlah)]));
  });
  rows.push(['', 'Jumlah', '', '', '', formatAngka(a.dilayani)]);
  w.table(
    [
      { header: 'No', width: 4, align: 'right' },
      { header: 'Instansi', width: 34 },
      { header: 'Status', width: 10 },
      { header: 'Petugas', width: 16 },
      { header: 'Layanan', width: 26 },
      { header: 'Dilayani', width: 10, align: 'right' },
    ],
    rows,
    { bold: (i) => i === rows.length - 1 },
  );
  if (l.layanan.length) {
    w.heading('Warga dilayani per layanan');
    w.table(
      [
        { header: 'Layanan', width: 70 },
        { header: 'Dilayani', width: 20, align: 'right' },
      ],
      l.layanan.map((s) => [s.layanan, formatAngka(s.dilayani)]),
    );
  }
  signature(w, l.kecamatan, l.diperbarui);
  return w.write(file);
}

export interface DaftarHadirData {
  kecamatan: KecamatanInfo;
  acara: { id: number; tanggal: string; tempat: string; tema: string | null };
  instansi: { nama: string; singkatan: string | null; layanan: string[] }[];
  diperbarui: string;
}

/** What the printed sheet tells the agency officers (no command lines: the operator's are on the terminal). */
export const PETUNJUK_DAFTAR_HADIR =
  'Petugas instansi: tulis nama, jumlah warga dilayani untuk setiap layanan, dan tanda tangan. Instansi yang datang tanpa undangan memakai baris kosong. ' +
  'Serahkan lembar ini kepada panitia kecamatan setelah acara selesai.';

interface Isian {
  nama: string;
  layanan: string[];
}

const SIZE = 9;
const PAD = 4;
const HEADERS = ['No', 'Instansi', 'Layanan', 'Nama petugas', 'Jumlah dilayani', 'Tanda tangan'];
const WEIGHTS = [4, 24, 30, 18, 10, 18];

/** The form grid: a header row repeated on every page, one row per agency with a sub-row (and a count box) per service. */
class LembarHadir {
  private readonly widths: number[];
  private readonly xs: number[];
  private y: number;

  constructor(private readonly w: Penulis) {
    const total = WEIGHTS.reduce((s, x) => s + x, 0);
    this.widths = WEIGHTS.map((x) => (x / total) * w.width);
    this.xs = this.widths.map((_, i) => w.left + this.widths.slice(0, i).reduce((s, x) => s + x, 0));
    this.y = this.header(w.doc.y);
  }

  private header(y: number): number {
    const doc = this.w.doc;
    const h = 30;
    HEADERS.forEach((t, i) => {
      doc.rect(this.xs[i], y, this.widths[i], h).fill(FILL);
      doc.lineWidth(0.6).strokeColor(LINE).rect(this.xs[i], y, this.widths[i], h).stroke();
      doc.font('Sans-Bold').fontSize(SIZE).fillColor('black').text(t, this.xs[i] + PAD, y + 4, { width: this.widths[i] - 2 * PAD, align: i === 0 ? 'right' : 'left' });
    });
    return y + h;
  }

  row(e: Isian, no: number): void {
    const doc = this.w.doc;
    const { xs, widths } = this;
    doc.font('Sans').fontSize(SIZE);
    const lineHs = e.layanan.map((s) => Math.max(22, doc.heightOfString(pdfSafeText(s) || ' ', { width: widths[2] - 2 * PAD }) + 2 * PAD));
    const nameH = doc.heightOfString(pdfSafeText(e.nama) || ' ', { width: widths[1] - 2 * PAD }) + 2 * PAD;
    const h = Math.max(34, nameH, lineHs.reduce((s, v) => s + v, 0));
    if (this.y + h > this.w.bottom) {
      doc.addPage();
      this.y = this.header(doc.y);
    }
    const y = this.y;
    const scale = h / lineHs.reduce((s, v) => s + v, 0);
    widths.forEach((wd, i) => doc.lineWidth(0.6).strokeColor(LINE).rect(xs[i], y, wd, h).stroke());
    doc.font('Sans').fontSize(SIZE).fillColor('black');
    doc.text(String(no), xs[0] + PAD, y + PAD, { width: widths[0] - 2 * PAD, align: 'right' });
    if (e.nama) doc.text(pdfSafeText(e.nama), xs[1] + PAD, y + PAD, { width: widths[1] - 2 * PAD });
    let sy = y;
    e.layanan.forEach((s, j) => {
      const sh = lineHs[j] * scale;
      if (j > 0) {
        // Sub-row separators in the Layanan and Jumlah columns only (petugas and signature are per agency).
        doc.lineWidth(0.3).strokeColor('#c8c8c8');
        doc.moveTo(xs[2], sy).lineTo(xs[2] + widths[2], sy).stroke();
        doc.moveTo(xs[4], sy).lineTo(xs[4] + widths[4], sy).stroke();
      }
      if (s) doc.font('Sans').fontSize(SIZE).fillColor('black').text(pdfSafeText(s), xs[2] + PAD, sy + PAD, { width: widths[2] - 2 * PAD });
      doc.lineWidth(0.5).strokeColor('#7a7a7a').rect(xs[4] + PAD, sy + sh / 2 - 8, widths[4] - 2 * PAD, 16).stroke();
      sy += sh;
    });
    this.y = y + h;
  }

  end(): void {
    this.w.doc.x = this.w.left;
    this.w.doc.y = this.y + 6;
  }
}

/**
 * The attendance sheet for the day (A4 landscape): per agency its services, each with a box for
 * the number served, the officer's name and a signature; blank rows for walk-in agencies.
 */
export async function daftarHadirPdf(d: DaftarHadirData, file: string, opts: { barisKosong?: number } = {}): Promise<number> {
  const w = await Penulis.create({
    tema: { ...TEMA_RINGKAS, margin: { top: 34, bottom: 40, left: 36, right: 36 } },
    size: 'A4',
    layout: 'landscape',
    title: `Daftar Hadir Bazar Pelayanan ${d.acara.tanggal}${judulKecamatan(d.kecamatan)}`,
    subject: 'Daftar hadir instansi bazar pelayanan',
    author: d.kecamatan.nama ? `Kecamatan ${d.kecamatan.nama}` : 'paten',
    date: metadataDate(d.diperbarui),
    footer: `Daftar hadir bazar pelayanan #${d.acara.id}, ${formatTanggalHari(d.acara.tanggal)}`,
  });
  w.title(['DAFTAR HADIR INSTANSI — BAZAR PELAYANAN', kecamatanLine(d.kecamatan)].filter(Boolean));
  w.pairs([
    ['Hari, tanggal', formatTanggalHari(d.acara.tanggal)],
    ['Tempat', d.acara.tempat],
    ...(d.acara.tema ? ([['Tema', d.acara.tema]] as [string, string][]) : []),
  ]);
  w.paragraph(PETUNJUK_DAFTAR_HADIR, { size: 9 });
  const entries: Isian[] = d.instansi.map((i) => ({ nama: i.singkatan && i.singkatan !== i.nama ? `${i.nama} (${i.singkatan})` : i.nama, layanan: i.layanan.length ? i.layanan : [''] }));
  for (let k = 0; k < (opts.barisKosong ?? 3); k++) entries.push({ nama: '', layanan: ['', ''] });
  w.sync();
  const grid = new LembarHadir(w);
  entries.forEach((e, k) => grid.row(e, k + 1));
  grid.end();
  return w.write(file);
}
