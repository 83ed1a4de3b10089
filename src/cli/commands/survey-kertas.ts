/** `paten survey kuesioner` (the paper questionnaire PDF) and `paten survey templat` (its entry sheet). */
import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../context.js';
import { printJson, success, info, c } from '../output.js';
import { need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/csv.js';
import { isiKuesioner } from '../../survey/kuesioner.js';
import { kolomTemplat, templatCsv, templatXlsx } from '../../survey/templat.js';
import { collect, parseDelimiter } from './common.js';


function parseKertas(v: string | undefined): 'A4' | 'F4' {
  const k = (v ?? 'A4').toUpperCase();
  if (k !== 'A4' && k !== 'F4') throw new UserError(`Ukuran kertas "${v}" tidak dikenal (argumen --kertas): pakai A4 atau F4.`);
  return k;
}

export function registerSurveyKertas(survey: Command): void {
  survey
    .command('kuesioner')
    .description('kuesioner SKM kertas (contoh PermenPANRB 14/2017) sebagai PDF satu halaman untuk difotokopi')
    .option('-o, --out <berkas>', 'berkas PDF keluaran, mis. kuesioner.pdf')
    .option('--layanan <slug>', 'hanya layanan ini di kotak centang (bawaan: seluruh katalog); boleh diulang', collect)
    .option('--kertas <ukuran>', 'A4 (bawaan) atau F4')
    .addHelpText('after', '\nContoh:\n  paten survey kuesioner --out kuesioner.pdf\n  paten survey kuesioner --layanan ktp-el --layanan kartu-keluarga --kertas F4 --out kuesioner-adminduk.pdf')
    .action(async (o: { out?: string; layanan?: string[]; kertas?: string }, command: Command) => {
      const ctx = context(command);
      const kertas = parseKertas(o.kertas);
      const out = (await need(o.out, '--out', 'Berkas PDF keluaran'))!;
      const file = /\.pdf$/i.test(out) ? out : `${out}.pdf`;
      const isi = isiKuesioner(ctx.db(), { layanan: o.layanan });
      const { kuesionerPdf } = await import('../../survey/kuesioner-render.js');
      const { writePdfAtomic } = await import('../../pdf/document.js');
      const { doc, layout } = await kuesionerPdf(isi, kertas);
      await writePdfAtomic(doc, file);
      const r = { berkas: path.resolve(file), kertas, layanan: isi.layanan.map((l) => l.slug), urutan_unsur: isi.urutan, qr_survei: layout.qr ? isi.profil.url_survei : null };
      if (ctx.json) return printJson(r);
      success(`Kuesioner SKM (${kertas}, ${isi.layanan.length} layanan, urutan unsur ${isi.urutan}) ditulis ke ${file}.`);
      if (r.qr_survei) info(c.dim(`Kode QR di pojok kanan atas menuju ${r.qr_survei}.`));
      else info(c.dim('Tanpa kode QR formulir daring: isi alamatnya dengan `paten profil set --url-survei URL`.'));
      info(c.dim('Ketik hasilnya di lembar isian dari `paten survey templat --out isian.xlsx`.'));
    });

  survey
    .command('templat')
    .description('lembar isian (.xlsx atau .csv) untuk mengetik kuesioner kertas; diimpor tanpa --map')
    .option('-o, --out <berkas>', 'berkas keluaran: isian.xlsx (dengan daftar pilihan) atau isian.csv')
    .option('--pemisah <pemisah>', 'untuk .csv: pemisah kolom , (bawaan), ; atau tab')
    .addHelpText('after', '\nContoh:\n  paten survey templat --out isian.xlsx\n  paten survey import isian.xlsx')
    .action(async (o: { out?: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const delimiter = parseDelimiter(o.pemisah);
      const out = (await need(o.out, '--out', 'Berkas lembar isian (.xlsx atau .csv)'))!;
      const ext = path.extname(out).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv')
        throw new UserError(`Berkas --out "${out}" harus berakhiran .xlsx atau .csv.`, { hint: 'Contoh: paten survey templat --out isian.xlsx' });
      const isi = isiKuesioner(ctx.db());
      writeFileAtomic(out, ext === '.xlsx' ? templatXlsx(isi) : templatCsv(isi, delimiter));
      const kolom = kolomTemplat(isi).map((k) => k.judul);
      if (ctx.json) return printJson({ berkas: path.resolve(out), format: ext.slice(1), kolom, urutan_unsur: isi.urutan });
      success(`Lembar isian ${ext.slice(1)} (${kolom.length} kolom, urutan unsur ${isi.urutan}) ditulis ke ${out}.`);
      info(c.dim(`Satu baris per kuesioner; jawaban a–d diketik 1–4. Lalu: paten survey import ${path.basename(out)}`));
    });
}
