import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../context.js';
import { info, printJson, success, warn } from '../output.js';
import { need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { formatAngka, isValidIsoDate } from '../../core/format.js';
import { writeCsvAtomic, writeFileAtomic } from '../../core/csv.js';
import { writePdfAtomic } from '../../pdf/document.js';
import { makePrivate } from '../../db/index.js';
import { susunLaporan, type LaporanIkm } from '../../ikm/laporan.js';
import { tabelLaporanCsv } from '../../ikm/laporan-csv.js';
import { halamanHasilSkm, susunHalaman } from '../../ikm/laporan-html.js';
import { ikmFlags, type IkmFlags } from './ikm.js';
import { permintaanDari } from './ikm-run.js';
import { parseDelimiter } from './common.js';

interface ReportFlags extends IkmFlags {
  out?: string;
  format?: string;
  poster?: boolean;
  tindakLanjut?: string;
  tanggal?: string;
  pemisah?: string;
}

function ringkas(l: LaporanIkm, berkas: string[]) {
  const h = l.analisis.utama.hasil;
  return { berkas, periode: l.analisis.utama.periode.label, responden: h.responden, konversi: h.konversi, mutu: h.mutu, kinerja: h.kinerja, sampel: l.analisis.utama.sampel };
}

export function registerReport(program: Command): void {
  const report = program.command('report').description('laporan siap cetak');

  ikmFlags(report.command('ikm').description('laporan hasil SKM (struktur templat PermenPANRB 14/2017) sebagai PDF, poster satu halaman, atau tabel CSV'))
    .option('-o, --out <berkas>', 'berkas keluaran (.pdf; dengan --format csv: awalan nama berkas-berkas CSV)')
    .option('--format <format>', 'pdf (bawaan), html (satu halaman hasil untuk situs web) atau csv (tabel-tabel laporan)')
    .option('--poster', 'poster A4 satu halaman "Hasil SKM" untuk ditempel di kantor')
    .option('--tindak-lanjut <berkas>', 'rencana tindak lanjut (CSV/JSON: no, unsur, program, waktu, penanggung_jawab)')
    .option('--tanggal <tanggal>', 'tanggal laporan di atas tanda tangan, TTTT-BB-HH (bawaan: akhir periode)')
    .option('--pemisah <pemisah>', 'dengan --format csv: pemisah kolom , (bawaan), ; atau tab')
    .action(async (o: ReportFlags, command: Command) => {
      const ctx = context(command);
      const format = (o.format ?? 'pdf').toLowerCase();
      if (format !== 'pdf' && format !== 'csv' && format !== 'html') throw new UserError(`Nilai --format "${o.format}" tidak dikenal: pakai pdf, html atau csv.`);
      if (o.poster && format !== 'pdf') throw new UserError(`--poster hanya untuk PDF; hapus --format ${format}.`);
      if (o.poster && o.banding !== undefined) warn('--banding tidak dipakai pada --poster (poster hanya memuat hasil satu periode); perbandingan ada di laporan lengkap.');
      if (o.tanggal !== undefined && !isValidIsoDate(o.tanggal)) throw new UserError(`Tanggal --tanggal "${o.tanggal}" tidak valid: tulis TTTT-BB-HH, mis. 2024-01-15.`);
      const delimiter = parseDelimiter(o.pemisah);
      const out = await need(o.out, '--out', format === 'csv' ? 'Awalan nama berkas CSV' : format === 'html' ? 'Berkas HTML keluaran' : 'Berkas PDF keluaran');
      const q = { ...permintaanDari(o), tindakLanjut: o.tindakLanjut, tanggal: o.tanggal };
      // The web page compares with the previous year by default (susunHalaman).
      const l = format === 'html' ? susunHalaman(ctx.db(), q) : susunLaporan(ctx.db(), q);
      const sampel = l.analisis.utama.sampel;
      if (sampel.sesuai === false)
        warn(`Jumlah responden ${formatAngka(sampel.responden)} belum memenuhi sampel minimum ${formatAngka(sampel.minimum!)}; laporan mencatatnya sebagai "Belum sesuai".`);

      const named = intoFolder(out!, `${o.poster ? 'poster' : format === 'html' ? 'hasil' : 'laporan'}-skm-${namaPeriode(l.analisis.utama.periode)}`);
      if (format === 'csv') {
        const base = named.replace(/\.(csv|pdf)$/i, '');
        // Written one table at a time, the per-respondent one streamed: memory stays flat in the rows.
        const files = tabelLaporanCsv(l).map((t) => ({ file: `${base}-${t.nama}.csv`, t }));
        for (const f of files) writeCsvAtomic(f.file, f.t.header, f.t.rows, delimiter);
        // The saran and olah-data tables hold one row per respondent: owner-only on POSIX, like the database.
        for (const f of files) if (/-(saran|olah-data)\.csv$/.test(f.file)) makePrivate(f.file);
        if (ctx.json) return printJson(ringkas(l, files.map((f) => path.resolve(f.file))));
        return success(`${files.length} tabel laporan ditulis: ${files.map((f) => path.basename(f.file)).join(', ')}`);
      }

      if (format === 'html') {
        const file = /\.html?$/i.test(named) ? named : `${named}.html`;
        writeFileAtomic(file, halamanHasilSkm(l));
        if (ctx.json) return printJson(ringkas(l, [path.resolve(file)]));
        return success(`Halaman hasil SKM ${l.analisis.utama.periode.label} ditulis ke ${file}: satu berkas, siap diunggah ke situs kecamatan.`);
      }
      const file = /\.pdf$/i.test(named) ? named : `${named}.pdf`;
      const { laporanPdf, posterPdf, saranTidakDicetak, SARAN_DITAMPILKAN } = await import('../../ikm/laporan-pdf.js');
      const doc = o.poster ? await posterPdf(l) : await laporanPdf(l);
      await writePdfAtomic(doc, file);
      if (ctx.json) return printJson(ringkas(l, [path.resolve(file)]));
      const h = l.analisis.utama.hasil;
      success(`${o.poster ? 'Poster hasil SKM' : 'Laporan SKM'} ${l.analisis.utama.periode.label} ditulis ke ${file} (IKM ${formatAngka(h.konversi, 2)}, mutu ${h.mutu} ${h.kinerja}).`);
      const lebih = o.poster ? 0 : saranTidakDicetak(l);
      if (lebih) info(`${formatAngka(lebih)} saran tidak dicetak di PDF (paling banyak ${SARAN_DITAMPILKAN} per unsur); daftar lengkapnya: paten report ikm --format csv --out BERKAS.`);
      if (!o.poster && !l.tindakLanjutDiisi) warn('Rencana tindak lanjut belum diisi: tabelnya dicetak kosong untuk diisi tangan (atau berikan --tindak-lanjut BERKAS).');
    });
}

/**
 * `--out folder/` (or an existing folder) gets a proper file name inside it instead of a hidden
 * `.pdf`: laporan-skm-2025, laporan-skm-2025-triwulan-3, …
 */
function intoFolder(out: string, name: string): string {
  const isFolder = /[\\/]$/.test(out) || (fs.existsSync(out) && fs.statSync(out).isDirectory());
  if (!isFolder) return out;
  fs.mkdirSync(out, { recursive: true }); // `--out laporan/` names a folder, made when missing
  return path.join(out, name);
}

function namaPeriode(p: { dari: string; sampai: string; tahun: number | null; satuan: string; ke: number | null; setahun: boolean }): string {
  if (p.setahun && p.tahun !== null) return String(p.tahun);
  if (p.tahun !== null && p.ke !== null) return `${p.tahun}-${p.satuan}-${p.ke}`;
  return `${p.dari}-${p.sampai}`;
}
