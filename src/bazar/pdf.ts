/**
 * Bazar PDFs: the yearly report (with a bar chart of residents served per event), the report of
 * one event, and the printable attendance sheet (daftar hadir) for the day.
 * Drawn with pdfkit through src/pdf/document.ts (embedded Noto Sans, fixed metadata date).
 */
import { BULAN, formatAngka, formatPersen, formatTanggal, formatTanggalHari } from '../core/format.js';
import { drawTandaTangan } from '../pdf/tanda-tangan.js';
import { createPdf, pdfSafeText, writePdfAtomic, type PdfDoc } from '../pdf/document.js';
import { drawTable, type TableColumn } from '../pdf/table.js';
import { BATAS_DAFTAR_ACARA, ringkasanTeks, type LaporanAcara, type LaporanTahun, type KecamatanInfo } from './laporan.js';
import { STATUS_PARTISIPASI_LABEL, type StatusPartisipasi } from './acara.js';
import { jenisLabel } from './instansi.js';

const GREY = '#666666';
const LINE = '#9a9a9a';
const FILL = '#e8eef6';
const BAR = '#2f6db5';

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

function contentWidth(doc: PdfDoc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: PdfDoc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Footer on every page, written inside the bottom margin without triggering a new page. */
function installFooter(doc: PdfDoc, text: string): void {
  let page = 0;
  const draw = () => {
    page++;
    const saved = doc.page.margins.bottom;
    const { x, y } = doc;
    doc.page.margins.bottom = 0;
    doc.font('Sans').fontSize(7.5).fillColor(GREY);
    doc.text(`${text} — halaman ${page}`, doc.page.margins.left, doc.page.height - saved + 12, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
    doc.fillColor('black').x = x;
    doc.y = y;
  };
  doc.on('pageAdded', draw);
  draw();
}

function ensureSpace(doc: PdfDoc, h: number): void {
  if (doc.y + h > bottom(doc)) doc.addPage();
}

function heading(doc: PdfDoc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font('Sans-Bold').fontSize(11.5).fillColor('black').text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.25);
}

/** A report table in the bazar style (light blue header, grey lines); see src/pdf/table.ts. */
function table(doc: PdfDoc, columns: TableColumn[], rows: string[][], opts: { fontSize?: number; boldLast?: boolean } = {}): void {
  drawTable(doc, columns, rows, {
    size: opts.fontSize ?? 8.5,
    bold: opts.boldLast ? (i) => i === rows.length - 1 : undefined,
    headerFill: FILL,
    lineColor: LINE,
    text: (t) => pdfSafeText(t),
  });
  doc.y += 4;
}

/** Rounds a maximum up to a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) for a readable axis. */
export function niceMax(v: number): number {
  if (v <= 0) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

interface Bar {
  label: string;
  sub: string;
  /** Null for an event that did not take place (its status is shown instead of a bar). */
  value: number | null;
  status: string;
}

/**
 * One bar per event for up to 12 events (a Mayangan-style year); beyond that (a Mal Pelayanan
 * Publik holding one every working day) one bar per month, so labels stay readable.
 */
export function chartBars(l: LaporanTahun): { title: string; bars: Bar[] } {
  const short = (m: number) => BULAN[m - 1].slice(0, 3);
  if (l.acara.length <= 12) {
    const withSub = l.acara.length <= 8;
    return {
      title: 'Warga dilayani per acara',
      bars: l.acara.map((a) => {
        const [, mm, dd] = a.tanggal.split('-').map(Number);
        const held = a.status === 'terlaksana';
        return { label: `${dd} ${short(mm)}`, sub: held && withSub ? `hadir ${a.hadir} dari ${a.diundang}` : '', value: held ? a.dilayani : null, status: a.status };
      }),
    };
  }
  const bars: Bar[] = [];
  for (let m = 1; m <= 12; m++) {
    const held = l.acara.filter((a) => Number(a.tanggal.slice(5, 7)) === m && a.status === 'terlaksana');
    bars.push({ label: short(m), sub: `${held.length} acara`, value: held.length ? held.reduce((s, a) => s + a.dilayani, 0) : null, status: '' });
  }
  return { title: 'Warga dilayani per bulan', bars };
}

/** Bar chart of residents served (see chartBars), with a light grid and value labels. */
function drawChart(doc: PdfDoc, bars: Bar[]): void {
  const left = doc.page.margins.left + 34;
  const width = contentWidth(doc) - 40;
  const height = 140;
  ensureSpace(doc, height + 40);
  const top = doc.y + 8;
  const base = top + height;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value ?? 0)));
  doc.lineWidth(0.4);
  for (let k = 0; k <= 4; k++) {
    const y = base - (height * k) / 4;
    doc.strokeColor(k === 0 ? '#444444' : '#d0d0d0').moveTo(left, y).lineTo(left + width, y).stroke();
    const v = (max * k) / 4;
    doc.font('Sans').fontSize(7).fillColor(GREY).text(formatAngka(v, Number.isInteger(v) ? 0 : 1), left - 36, y - 4, { width: 32, align: 'right', lineBreak: false });
  }
  const slot = width / Math.max(1, bars.length);
  const barW = Math.min(46, slot * 0.6);
  bars.forEach((b, i) => {
    const cx = left + slot * i + slot / 2;
    if (b.value !== null) {
      const h = (b.value / max) * height;
      doc.rect(cx - barW / 2, base - h, barW, h).fill(BAR);
      doc.font('Sans-Bold').fontSize(8).fillColor('black').text(formatAngka(b.value), cx - slot / 2, base - h - 11, { width: slot, align: 'center', lineBreak: false });
    } else if (b.status) {
      doc.font('Sans-Italic').fontSize(8).fillColor(GREY).text(b.status, cx - slot / 2, base - 12, { width: slot, align: 'center', lineBreak: false });
    }
    doc.font('Sans').fontSize(7.5).fillColor('black').text(b.label, cx - slot / 2, base + 3, { width: slot, align: 'center', lineBreak: false });
    if (b.sub) doc.fontSize(6.5).fillColor(GREY).text(b.sub, cx - slot / 2, base + 13, { width: slot, align: 'center', lineBreak: false });
  });
  doc.fillColor('black');
  doc.x = doc.page.margins.left;
  doc.y = base + 28;
}

function title(doc: PdfDoc, lines: string[]): void {
  const w = contentWidth(doc);
  doc.font('Sans-Bold').fontSize(15).fillColor('black').text(lines[0], doc.page.margins.left, doc.y, { width: w, align: 'center' });
  doc.font('Sans').fontSize(10.5);
  for (const t of lines.slice(1)) doc.text(t, { width: w, align: 'center' });
  const y = doc.y + 6;
  doc.lineWidth(1).strokeColor('black').moveTo(doc.page.margins.left, y).lineTo(doc.page.margins.left + w, y).stroke();
  doc.y = y + 8;
}

function pairs(doc: PdfDoc, items: [string, string][]): void {
  const left = doc.page.margins.left;
  for (const [k, v] of items) {
    const y = doc.y;
    doc.font('Sans-Bold').fontSize(9.5).text(k, left, y, { width: 150 });
    doc.font('Sans').fontSize(9.5).text(v, left + 150, y, { width: contentWidth(doc) - 150 });
  }
}

function note(doc: PdfDoc, text: string): void {
  ensureSpace(doc, 30);
  doc.font('Sans-Italic').fontSize(7.5).fillColor(GREY).text(text, doc.page.margins.left, doc.y + 2, { width: contentWidth(doc) });
  doc.fillColor('black');
}

/** The shared signature block, dated by the data's last change (the same data gives the same file). */
function signature(doc: PdfDoc, k: KecamatanInfo, diperbarui: string | null): void {
  drawTandaTangan(doc, { kecamatan: k.nama, tanggal: diperbarui ? formatTanggal(diperbarui.slice(0, 10)) : '.....................', nama: k.camat, nip: k.nip, size: 9.5 });
}

const DEFINISI =
  'Kehadiran dan warga dilayani dihitung dari acara berstatus terlaksana saja. Tingkat kehadiran = jumlah hadir ÷ jumlah undangan. ' +
  'Warga dilayani dijumlahkan dari setiap layanan instansi yang hadir.';

export async function laporanTahunPdf(l: LaporanTahun, file: string): Promise<number> {
  const r = l.ringkasan;
  const doc = await createPdf({
    title: `Laporan Bazar Pelayanan ${l.tahun}${l.kecamatan.nama ? ` — Kecamatan ${l.kecamatan.nama}` : ''}`,
    subject: 'Bazar pelayanan: kehadiran instansi dan warga dilayani',
    author: l.kecamatan.nama ? `Kecamatan ${l.kecamatan.nama}` : 'paten',
    date: metadataDate(l.diperbarui),
    margin: { top: 40, bottom: 44, left: 42, right: 42 },
  });
  installFooter(doc, `Laporan Bazar Pelayanan ${l.tahun}${l.kecamatan.nama ? ` — Kecamatan ${l.kecamatan.nama}` : ''}`);
  title(doc, ['LAPORAN BAZAR PELAYANAN', kecamatanLine(l.kecamatan), `Tahun ${l.tahun}`].filter(Boolean));
  pairs(doc, ringkasanTeks(l));
  if (l.acara.length) {
    const chart = chartBars(l);
    heading(doc, chart.title);
    drawChart(doc, chart.bars);
  }
  if (l.acara.length > BATAS_DAFTAR_ACARA) {
    heading(doc, 'Rekap per bulan');
    table(
      doc,
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
  } else {
  heading(doc, 'Daftar acara');
  table(
    doc,
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
  heading(doc, 'Kehadiran dan warga dilayani per instansi');
  if (l.instansi.length === 0) note(doc, 'Belum ada instansi yang diundang ke acara terlaksana tahun ini.');
  else
    table(
      doc,
      [
        { header: 'Instansi', width: 36 },
        { header: 'Jenis', width: 15 },
        { header: 'Diundang', width: 9, align: 'right' },
        { header: 'Hadir', width: 8, align: 'right' },
        { header: 'Tidak hadir', width: 9, align: 'right' },
        { header: 'Kehadiran', width: 10, align: 'right' },
        { header: 'Dilayani', width: 10, align: 'right' },
      ],
      [
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
      ],
      { boldLast: true },
    );
  heading(doc, 'Warga dilayani per layanan');
  if (l.layanan.length === 0) note(doc, 'Belum ada warga dilayani yang tercatat tahun ini.');
  else
    table(
      doc,
      [
        { header: 'Layanan', width: 34 },
        { header: 'Instansi', width: 40 },
        { header: 'Acara', width: 8, align: 'right' },
        { header: 'Dilayani', width: 10, align: 'right' },
      ],
      [...l.layanan.map((s) => [s.layanan, s.instansi.join(', '), formatAngka(s.acara), formatAngka(s.dilayani)]), ['Jumlah', '', '', formatAngka(r.dilayani)]],
      { boldLast: true },
    );
  note(doc, DEFINISI);
  signature(doc, l.kecamatan, l.diperbarui);
  return writePdfAtomic(doc, file);
}

function statusLabel(s: StatusPartisipasi): string {
  return STATUS_PARTISIPASI_LABEL[s];
}

export async function laporanAcaraPdf(l: LaporanAcara, file: string): Promise<number> {
  const a = l.acara;
  const doc = await createPdf({
    title: `Laporan Bazar Pelayanan ${a.tanggal}${l.kecamatan.nama ? ` — Kecamatan ${l.kecamatan.nama}` : ''}`,
    subject: 'Bazar pelayanan: laporan satu acara',
    author: l.kecamatan.nama ? `Kecamatan ${l.kecamatan.nama}` : 'paten',
    date: metadataDate(l.diperbarui),
    margin: { top: 40, bottom: 44, left: 42, right: 42 },
  });
  installFooter(doc, `Laporan Bazar Pelayanan ${formatTanggalHari(a.tanggal)}`);
  title(doc, ['LAPORAN BAZAR PELAYANAN', kecamatanLine(l.kecamatan), formatTanggalHari(a.tanggal)].filter(Boolean));
  pairs(doc, [
    ['Acara', `#${a.id} (${a.status})`],
    ['Tempat', a.tempat],
    ...(a.tema ? ([['Tema', a.tema]] as [string, string][]) : []),
    ['Kehadiran instansi', `${a.hadir} dari ${a.diundang} diundang (${persen(a.tingkat_kehadiran)})`],
    ['Warga dilayani', formatAngka(a.dilayani)],
    ...(a.catatan ? ([['Catatan', a.catatan]] as [string, string][]) : []),
  ]);
  heading(doc, 'Instansi dan warga dilayani');
  const rows: string[][] = [];
  l.instansi.forEach((r, k) => {
    const first = [String(k + 1), r.singkatan && r.singkatan !== r.instansi ? `${r.instansi} (${r.singkatan})` : r.instansi, statusLabel(r.status), r.petugas ?? ''];
    if (r.layanan.length === 0) rows.push([...first, '', r.status === 'hadir' ? '0' : '-']);
    r.layanan.forEach((s, j) => rows.push([...(j === 0 ? first : ['', '', '', '']), s.layanan, formatAngka(s.jumlah)]));
  });
  rows.push(['', 'Jumlah', '', '', '', formatAngka(a.dilayani)]);
  table(
    doc,
    [
      { header: 'No', width: 4, align: 'right' },
      { header: 'Instansi', width: 34 },
      { header: 'Status', width: 10 },
      { header: 'Petugas', width: 16 },
      { header: 'Layanan', width: 26 },
      { header: 'Dilayani', width: 10, align: 'right' },
    ],
    rows,
    { boldLast: true },
  );
  if (l.layanan.length) {
    heading(doc, 'Warga dilayani per layanan');
    table(
      doc,
      [
        { header: 'Layanan', width: 70 },
        { header: 'Dilayani', width: 20, align: 'right' },
      ],
      l.layanan.map((s) => [s.layanan, formatAngka(s.dilayani)]),
    );
  }
  signature(doc, l.kecamatan, l.diperbarui);
  return writePdfAtomic(doc, file);
}

export interface DaftarHadirData {
  kecamatan: KecamatanInfo;
  acara: { id: number; tanggal: string; tempat: string; tema: string | null };
  instansi: { nama: string; singkatan: string | null; layanan: string[] }[];
  diperbarui: string;
}

/**
 * The attendance sheet for the day (A4 landscape): per agency its services, each with a box for
 * the number served, the officer's name and a signature; blank rows for walk-in agencies.
 */
export async function daftarHadirPdf(d: DaftarHadirData, file: string, opts: { barisKosong?: number } = {}): Promise<number> {
  const doc = await createPdf({
    size: 'A4',
    layout: 'landscape',
    title: `Daftar Hadir Bazar Pelayanan ${d.acara.tanggal}${d.kecamatan.nama ? ` — Kecamatan ${d.kecamatan.nama}` : ''}`,
    subject: 'Daftar hadir instansi bazar pelayanan',
    author: d.kecamatan.nama ? `Kecamatan ${d.kecamatan.nama}` : 'paten',
    date: metadataDate(d.diperbarui),
    margin: { top: 34, bottom: 40, left: 36, right: 36 },
  });
  installFooter(doc, `Daftar hadir bazar pelayanan #${d.acara.id}, ${formatTanggalHari(d.acara.tanggal)}`);
  title(doc, ['DAFTAR HADIR INSTANSI — BAZAR PELAYANAN', kecamatanLine(d.kecamatan)].filter(Boolean));
  pairs(doc, [
    ['Hari, tanggal', formatTanggalHari(d.acara.tanggal)],
    ['Tempat', d.acara.tempat],
    ...(d.acara.tema ? ([['Tema', d.acara.tema]] as [string, string][]) : []),
  ]);
  doc.moveDown(0.5);

  const size = 9;
  const pad = 4;
  const left = doc.page.margins.left;
  const weights = [4, 24, 30, 18, 10, 18];
  const headers = ['No', 'Instansi', 'Layanan', 'Nama petugas', 'Jumlah dilayani', 'Tanda tangan'];
  const total = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => (w / total) * contentWidth(doc));
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const headerH = 30;
  const drawHeader = (y: number) => {
    headers.forEach((h, i) => {
      doc.rect(xs[i], y, widths[i], headerH).fill(FILL);
      doc.lineWidth(0.6).strokeColor(LINE).rect(xs[i], y, widths[i], headerH).stroke();
      doc.font('Sans-Bold').fontSize(size).fillColor('black').text(h, xs[i] + pad, y + 4, { width: widths[i] - 2 * pad, align: i === 0 ? 'right' : 'left' });
    });
    return y + headerH;
  };
  let y = drawHeader(doc.y);
  const entries = [...d.instansi.map((i) => ({ nama: i.singkatan && i.singkatan !== i.nama ? `${i.nama} (${i.singkatan})` : i.nama, layanan: i.layanan.length ? i.layanan : [''] }))];
  for (let k = 0; k < (opts.barisKosong ?? 3); k++) entries.push({ nama: '', layanan: ['', ''] });
  entries.forEach((e, k) => {
    doc.font('Sans').fontSize(size);
    const lineHs = e.layanan.map((s) => Math.max(22, doc.heightOfString(s || ' ', { width: widths[2] - 2 * pad }) + 2 * pad));
    const nameH = doc.heightOfString(e.nama || ' ', { width: widths[1] - 2 * pad }) + 2 * pad;
    const h = Math.max(34, nameH, lineHs.reduce((s, v) => s + v, 0));
    if (y + h > bottom(doc)) {
      doc.addPage();
      y = drawHeader(doc.y);
    }
    const scale = h / lineHs.reduce((s, v) => s + v, 0);
    // Outer cells.
    widths.forEach((w, i) => doc.lineWidth(0.6).strokeColor(LINE).rect(xs[i], y, w, h).stroke());
    doc.font('Sans').fontSize(size).fillColor('black');
    doc.text(String(k + 1), xs[0] + pad, y + pad, { width: widths[0] - 2 * pad, align: 'right' });
    if (e.nama) doc.text(e.nama, xs[1] + pad, y + pad, { width: widths[1] - 2 * pad });
    // One sub-row per service: its name and a box for the count.
    let sy = y;
    e.layanan.forEach((s, j) => {
      const sh = lineHs[j] * scale;
      if (j > 0) {
        // Sub-row separators in the Layanan and Jumlah columns only (petugas and signature are per agency).
        doc.lineWidth(0.3).strokeColor('#c8c8c8');
        doc.moveTo(xs[2], sy).lineTo(xs[2] + widths[2], sy).stroke();
        doc.moveTo(xs[4], sy).lineTo(xs[4] + widths[4], sy).stroke();
      }
      if (s) doc.font('Sans').fontSize(size).fillColor('black').text(s, xs[2] + pad, sy + pad, { width: widths[2] - 2 * pad });
      const bw = widths[4] - 2 * pad;
      doc.lineWidth(0.5).strokeColor('#7a7a7a').rect(xs[4] + pad, sy + sh / 2 - 8, bw, 16).stroke();
      sy += sh;
    });
    y += h;
  });
  doc.x = left;
  doc.y = y + 6;
  note(doc, `Setelah acara, masukkan jumlah dilayani ke paten: paten bazar catat ${d.acara.id} --file hasil.csv (templat: paten bazar catat ${d.acara.id} --templat hasil.csv).`);
  return writePdfAtomic(doc, file);
}
