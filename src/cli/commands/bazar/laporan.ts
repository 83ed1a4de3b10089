/** `paten bazar laporan|daftar-hadir`: the year or event report (text, CSV, PDF) and the attendance sheet. */
import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../../context.js';
import { c, info, print, printJson, renderPairs, renderTable, success, warn } from '../../output.js';
import { UserError } from '../../../core/errors.js';
import { BULAN, formatAngka, formatPersen, formatTanggalHari } from '../../../core/format.js';
import { belumDicatat, pesanAcaraLewat } from '../../../bazar/acara.js';
import {
  BATAS_DAFTAR_ACARA,
  JENIS_TABEL,
  daftarHadirData,
  laporanAcara,
  laporanAcaraCsv,
  laporanTahun,
  laporanTahunCsv,
  belumDicatatTeks,
  ringkasanTeks,
  tahunTerakhir,
  type JenisTabel,
  type LaporanAcara,
  type LaporanTahun,
} from '../../../bazar/laporan.js';
import { emitCsv, parseDelimiter, parseIntArg } from '../common.js';
import { rosterTable } from './acara.js';

const persen = (v: number | null) => (v === null ? '-' : formatPersen(v, 1));

function printLaporanTahun(l: LaporanTahun): void {
  print(c.bold(`Laporan bazar pelayanan tahun ${l.tahun}${l.kecamatan.nama ? ` — Kecamatan ${l.kecamatan.nama}` : ''}`));
  print(renderPairs(ringkasanTeks(l)));
  print('');
  if (l.acara.length > BATAS_DAFTAR_ACARA) {
    // A venue open every day or week: months, not hundreds of event rows.
    print(renderTable(['Bulan', 'Acara', 'Terlaksana', 'Belum dicatat', 'Diundang', 'Hadir', 'Kehadiran', 'Dilayani'],
      l.bulan.map((b) => [`${BULAN[Number(b.bulan.slice(5)) - 1]} ${l.tahun}`, formatAngka(b.acara), formatAngka(b.terlaksana), formatAngka(b.belum_dicatat), formatAngka(b.diundang), formatAngka(b.hadir), persen(b.tingkat_kehadiran), formatAngka(b.dilayani)]),
      { right: [1, 2, 3, 4, 5, 6, 7] }));
    info(c.dim(`${formatAngka(l.acara.length)} acara, diringkas per bulan; daftar per acara: paten bazar laporan --tahun ${l.tahun} --format csv --tabel acara`));
  } else
  print(
    renderTable(
      ['No', 'Tanggal', 'Status', 'Diundang', 'Hadir', 'Kehadiran', 'Dilayani'],
      l.acara.map((a) => [`#${a.id}`, formatTanggalHari(a.tanggal), a.belum_dicatat ? 'belum dicatat!' : a.status, a.diundang, a.status === 'terlaksana' ? a.hadir : '-', persen(a.tingkat_kehadiran), a.status === 'terlaksana' ? formatAngka(a.dilayani) : '-']),
      { right: [3, 4, 5, 6] },
    ),
  );
  print('');
  print(
    renderTable(
      ['Instansi', 'Diundang', 'Hadir', 'Kehadiran', 'Dilayani'],
      l.instansi.map((i) => [i.singkatan ?? i.nama, i.diundang, i.hadir, persen(i.tingkat_kehadiran), formatAngka(i.dilayani)]),
      { right: [1, 2, 3, 4] },
    ),
  );
  print('');
  print(renderTable(['Layanan', 'Instansi', 'Acara', 'Dilayani'], l.layanan.map((s) => [s.layanan, s.instansi.join(', '), s.acara, formatAngka(s.dilayani)]), { right: [2, 3] }));
  info(c.dim('Kehadiran dan warga dilayani dihitung dari acara terlaksana saja; tingkat kehadiran = hadir ÷ diundang.'));
}

function printLaporanAcara(l: LaporanAcara): void {
  const a = l.acara;
  print(c.bold(`Laporan bazar pelayanan #${a.id} — ${formatTanggalHari(a.tanggal)}`));
  print(renderPairs([['Tempat', a.tempat], ['Tema', a.tema], ['Status', a.status], ['Kehadiran', `${a.hadir} dari ${a.diundang} (${persen(a.tingkat_kehadiran)})`], ['Warga dilayani', formatAngka(a.dilayani)]]));
  print('');
  print(rosterTable(l.instansi));
}

function reportFormat(format: string | undefined, out: string | undefined): 'teks' | 'pdf' | 'csv' {
  const f = (format ?? (out ? path.extname(out).slice(1) : 'teks')).toLowerCase();
  if (f === 'pdf' || f === 'csv' || f === 'teks') return f;
  if (format === undefined) throw new UserError(`Berkas ${out} harus berakhiran .pdf atau .csv (argumen --out), atau berikan --format pdf|csv.`);
  throw new UserError(`Format "${format ?? path.extname(out ?? '')}" tidak dikenal (argumen --format): pakai pdf, csv atau teks.`);
}

export function registerLaporan(bazar: Command): void {
  bazar
    .command('laporan')
    .description('laporan tahunan (kehadiran per instansi, warga dilayani per instansi dan layanan, grafik per acara) atau satu acara')
    .option('--tahun <tahun>', 'tahun laporan (bawaan: tahun acara terakhir)')
    .option('--acara <acara>', 'laporan satu acara (nomor atau tanggal)')
    .option('--format <format>', 'pdf, csv atau teks (bawaan: dari akhiran --out, atau teks di layar)')
    .option('-o, --out <berkas>', 'tulis ke berkas (.pdf atau .csv)')
    .option('--tabel <tabel>', `tabel CSV laporan tahunan: ${JENIS_TABEL.join(', ')}`, 'instansi')
    .option('--pemisah <pemisah>', 'pemisah kolom CSV: , ; atau tab', ',')
    .action(async (o: { tahun?: string; acara?: string; format?: string; out?: string; tabel: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const format = reportFormat(o.format, o.out);
      if (o.tahun !== undefined && o.acara !== undefined) throw new UserError('Pilih salah satu: --tahun (laporan tahunan) atau --acara (satu acara).');
      if (format === 'pdf' && !o.out) throw new UserError('Laporan PDF perlu nama berkas: berikan argumen --out, mis. --out laporan-bazar.pdf.');
      if (format === 'teks' && o.out) throw new UserError(`Berkas ${o.out} harus berakhiran .pdf atau .csv, atau berikan --format pdf|csv.`);
      const delimiter = parseDelimiter(o.pemisah);
      if (!(JENIS_TABEL as readonly string[]).includes(o.tabel)) throw new UserError(`Tabel "${o.tabel}" tidak dikenal (argumen --tabel): pilih ${JENIS_TABEL.join(', ')}.`);
      const started = Date.now();
      if (o.acara !== undefined) {
        const l = laporanAcara(db, o.acara);
        if (belumDicatat(l.acara)) warn(pesanAcaraLewat(l.acara));
        if (format === 'csv') {
          const t = laporanAcaraCsv(l);
          if (!ctx.json) return emitCsv(t.header, t.rows, o.out, delimiter, `Laporan acara #${l.acara.id}`);
          if (o.out) emitCsv(t.header, t.rows, o.out, delimiter, `Laporan acara #${l.acara.id}`);
        } else if (format === 'pdf') {
          const { laporanAcaraPdf } = await import('../../../bazar/pdf.js');
          const bytes = await laporanAcaraPdf(l, o.out!);
          if (!ctx.json) return success(`Laporan acara #${l.acara.id} ditulis ke ${o.out} (${formatAngka(bytes / 1024, 0)} KB).`);
        }
        if (ctx.json) return printJson(l);
        return printLaporanAcara(l);
      }
      const tahun = o.tahun !== undefined ? parseIntArg(o.tahun, '--tahun', { min: 2000 }) : tahunTerakhir(db);
      const l = laporanTahun(db, tahun);
      if (l.acara.length === 0 && !ctx.json) warn(`Tidak ada acara bazar pada tahun ${tahun}.`);
      if (l.ringkasan.belum_dicatat) warn(`Laporan ${tahun}: ${belumDicatatTeks(l)}. Catat dengan paten bazar catat NOMOR, atau tandai batal: paten bazar acara edit NOMOR --status batal`);
      if (format === 'csv') {
        const t = laporanTahunCsv(l, o.tabel as JenisTabel);
        if (!ctx.json) return emitCsv(t.header, t.rows, o.out, delimiter, `Laporan bazar ${tahun} (${o.tabel})`);
        if (o.out) emitCsv(t.header, t.rows, o.out, delimiter, `Laporan bazar ${tahun} (${o.tabel})`);
      } else if (format === 'pdf') {
        const { laporanTahunPdf } = await import('../../../bazar/pdf.js');
        const bytes = await laporanTahunPdf(l, o.out!);
        if (!ctx.json) return success(`Laporan bazar ${tahun} ditulis ke ${o.out} (${formatAngka(bytes / 1024, 0)} KB, ${formatAngka((Date.now() - started) / 1000, 1)} detik).`);
      }
      if (ctx.json) return printJson(l);
      printLaporanTahun(l);
    });

  bazar
    .command('daftar-hadir')
    .description('PDF daftar hadir untuk hari pelaksanaan: instansi, layanan, petugas, jumlah dilayani, tanda tangan')
    .argument('<acara>', 'nomor acara atau tanggalnya')
    .option('-o, --out <berkas>', 'berkas PDF yang ditulis')
    .option('--baris-kosong <n>', 'baris kosong untuk instansi yang datang tanpa undangan', '3')
    .action(async (key: string, o: { out?: string; barisKosong: string }, command: Command) => {
      const ctx = context(command);
      if (!o.out) throw new UserError('Berikan nama berkas PDF dengan --out, mis. --out daftar-hadir.pdf.');
      if (path.extname(o.out).toLowerCase() !== '.pdf') throw new UserError(`Berkas ${o.out} harus berakhiran .pdf (argumen --out).`);
      const barisKosong = parseIntArg(o.barisKosong, '--baris-kosong', { min: 0 });
      const d = daftarHadirData(ctx.db(), key);
      const { daftarHadirPdf } = await import('../../../bazar/pdf.js');
      const bytes = await daftarHadirPdf(d, o.out, { barisKosong });
      if (ctx.json) return printJson({ acara: d.acara.id, berkas: path.resolve(o.out), instansi: d.instansi.length, ukuran_byte: bytes });
      success(`Daftar hadir acara #${d.acara.id} (${formatTanggalHari(d.acara.tanggal)}, ${d.instansi.length} instansi) ditulis ke ${o.out}.`);
      // For the operator, not on the printed sheet: how the filled-in counts come back into paten.
      info(`Setelah acara, masukkan jumlah dilayani: paten bazar catat ${d.acara.id} --file hasil.csv (templat: paten bazar catat ${d.acara.id} --templat hasil.csv).`);
    });
}
