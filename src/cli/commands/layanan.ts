import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderPairs, renderTable, success, writeData } from '../output.js';
import { need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { fileReadError, writeFileAtomic } from '../../core/csv.js';
import { readTableFile } from '../../core/table.js';
import { formatAngka, formatTanggal } from '../../core/format.js';
import { countLinkedAnswers, keepLinkedNames } from '../../survey/store.js';
import {
  addLayanan,
  catalogToCsvRows,
  catalogToJson,
  editLayanan,
  findLayanan,
  importLayanan,
  LAYANAN_CSV_HEADER,
  LAYANAN_FIELDS,
  listLayanan,
  parseCatalogCsv,
  parseCatalogJson,
  removeLayanan,
  requireLayanan,
  type LayananInput,
} from '../../layanan/index.js';
import { confirmOrYes, emitCsv, listEditFlags, listEditFromFlags, parseDelimiter, reportTertaut } from './common.js';
import { denganCocokUlang } from '../../survey/cocok.js';
import { writeTransaction } from '../../db/write.js';
import { addFieldFlags, inputFromFlags as fieldInput } from './fields.js';

function layananFlags(cmd: Command): Command {
  return addFieldFlags(cmd, LAYANAN_FIELDS);
}

function inputFromFlags(o: Record<string, unknown>): LayananInput {
  return fieldInput(LAYANAN_FIELDS, o) as LayananInput;
}

/** An import's format: JSON, or a table (CSV or .xlsx, told apart by content when read). */
function detectImportFormat(file: string, format?: string): 'json' | 'tabel' {
  const f = (format ?? path.extname(file).slice(1)).toLowerCase();
  if (f === 'json') return 'json';
  if (['csv', 'xlsx', 'xlsm', 'xls', 'ods'].includes(f)) return 'tabel';
  throw new UserError(`Format "${format ?? path.extname(file)}" tidak dikenal untuk ${file}: pakai --format json, --format csv atau --format xlsx.`);
}

function detectFormat(file: string, format?: string): 'json' | 'csv' {
  const f = (format ?? path.extname(file).slice(1)).toLowerCase();
  if (f === 'json' || f === 'csv') return f;
  throw new UserError(`Format "${format ?? path.extname(file)}" tidak dikenal untuk ${file}: pakai --format json atau --format csv.`);
}

export function registerLayanan(program: Command): void {
  const layanan = program.command('layanan').description('katalog layanan PATEN dan persyaratannya');

  layanan
    .command('list')
    .description('tampilkan katalog layanan')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const items = listLayanan(ctx.db());
      if (ctx.json) return printJson(items);
      if (items.length === 0) return info('Katalog layanan masih kosong. Impor dengan `paten layanan import BERKAS.json`.');
      print(
        renderTable(
          ['Slug', 'Nama', 'Kategori', 'Syarat', 'Waktu', 'Biaya'],
          items.map((l) => [l.slug, l.nama, l.kategori, l.persyaratan.length, l.waktu, l.biaya]),
          { right: [3], maxWidth: 44 },
        ),
      );
      info(c.dim(`${items.length} layanan`));
    });

  layanan
    .command('show')
    .description('tampilkan satu layanan lengkap dengan persyaratannya')
    .argument('<layanan>', 'slug, nama atau alias layanan')
    .action((key: string, _o, command: Command) => {
      const ctx = context(command);
      const l = requireLayanan(ctx.db(), key);
      if (ctx.json) return printJson(l);
      print(c.bold(l.nama) + c.dim(`  (${l.slug})`));
      print(
        renderPairs([
          ['Kategori', l.kategori],
          ['Waktu penyelesaian', l.waktu],
          ['Biaya', l.biaya],
          ['Produk layanan', l.produk],
          ['Dasar hukum', l.dasar_hukum],
          ['Catatan', l.catatan],
          ['Alias', l.alias.join(', ')],
          ['Terakhir diubah', formatTanggal(l.diperbarui)],
        ]),
      );
      print('\nPersyaratan:');
      if (l.persyaratan.length === 0) print(c.dim('  (belum ada)'));
      l.persyaratan.forEach((s, i) => print(`  ${i + 1}. ${s}`));
      if (l.prosedur.length) {
        print('\nProsedur:');
        l.prosedur.forEach((s, i) => print(`  ${i + 1}. ${s}`));
      }
    });

  layananFlags(layanan.command('add').description('tambah layanan ke katalog')).action(async (o: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const input = inputFromFlags(o);
    const db = ctx.db();
    input.nama = await need(input.nama, '--nama', 'Nama layanan', {
      validate: (v) => {
        const ada = findLayanan(db, v);
        return ada ? `layanan "${ada.nama}" sudah ada (slug ${ada.slug}); ubah dengan \`paten layanan edit ${ada.slug}\`` : true;
      },
    });
    const { hasil: l, tertaut } = denganCocokUlang(db, () => addLayanan(db, input));
    if (ctx.json) return printJson({ ...l, jawaban_tertaut: tertaut.jumlah_tertaut });
    success(`Layanan ${l.nama} ditambahkan (slug ${l.slug}, ${l.persyaratan.length} persyaratan).`);
    reportTertaut(tertaut);
  });

  const edit = layananFlags(
    layanan
      .command('edit')
      .description('ubah layanan; --syarat/--prosedur/--alias mengganti seluruh daftarnya, --tambah-…/--hapus-… mengubah satu butir')
      .argument('<layanan>', 'slug, nama atau alias layanan'),
  );
  listEditFlags(edit, 'syarat', 'persyaratan');
  listEditFlags(edit, 'prosedur', 'langkah prosedur');
  listEditFlags(edit, 'alias', 'alias');
  edit.action((key: string, o: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const changes = inputFromFlags(o);
    const daftar = { persyaratan: listEditFromFlags(o, 'syarat'), prosedur: listEditFromFlags(o, 'prosedur'), alias: listEditFromFlags(o, 'alias') };
    if (Object.keys(changes).length === 0 && !daftar.persyaratan && !daftar.prosedur && !daftar.alias)
      throw new UserError('Tidak ada isian yang diubah.', { hint: 'Contoh: paten layanan edit sktm --waktu "15 menit" atau paten layanan edit sktm --tambah-alias "surat miskin"' });
    const db = ctx.db();
    const { hasil, tertaut } = denganCocokUlang(db, () => editLayanan(db, key, changes, daftar));
    const { layanan: l, changed } = hasil;
    if (ctx.json) return printJson({ layanan: l, diubah: changed, jawaban_tertaut: tertaut.jumlah_tertaut });
    if (changed.length === 0) info('Tidak ada perubahan: nilainya sama dengan yang tersimpan.');
    else success(`Layanan ${l.slug} diperbarui: ${changed.join(', ')}.`);
    reportTertaut(tertaut);
  });

  layanan
    .command('remove')
    .description('hapus layanan dari katalog')
    .argument('<layanan>', 'slug, nama atau alias layanan')
    .option('--yes', 'jangan bertanya konfirmasi')
    .action(async (key: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const l = requireLayanan(db, key);
      const jawaban = countLinkedAnswers(db, { layanan_id: l.id });
      await confirmOrYes(o.yes, `Hapus layanan ${l.nama} (${l.slug})?${jawaban ? ` ${formatAngka(jawaban)} jawaban survei untuk layanan ini tidak lagi tertaut ke layanan mana pun (nama layanannya tetap tersimpan sebagai teks).` : ''}`);
      writeTransaction(db, () => {
        keepLinkedNames(db, { layanan_id: l.id, nama: l.nama });
        removeLayanan(db, l.slug);
      });
      if (ctx.json) return printJson({ dihapus: l, jawaban_dilepas: jawaban });
      success(`Layanan ${l.nama} dihapus${jawaban ? `; ${formatAngka(jawaban)} jawaban survei dilepas dari layanan ini` : ''}.`);
    });

  layanan
    .command('import')
    .description('impor katalog dari JSON, CSV atau Excel .xlsx; layanan yang sudah ada diperbarui, tidak digandakan')
    .argument('<berkas>', 'berkas .json, .csv atau .xlsx')
    .option('--format <format>', 'json, csv atau xlsx (bawaan: dari akhiran nama berkas)')
    .action(async (file: string, o: { format?: string }, command: Command) => {
      const ctx = context(command);
      const format = detectImportFormat(file, o.format);
      const name = path.basename(file);
      let entries;
      if (format === 'json') {
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (e) {
          throw fileReadError(file, e);
        }
        entries = parseCatalogJson(text, name);
      } else entries = parseCatalogCsv(await readTableFile(file));
      const db = ctx.db({ verify: true });
      const { hasil: r, tertaut } = denganCocokUlang(db, () => importLayanan(db, name, entries));
      if (ctx.json) return printJson({ ...r, jawaban_tertaut: tertaut.jumlah_tertaut });
      success(`Impor katalog selesai: ${r.baru.length} baru, ${r.diubah.length} diubah, ${r.tetap.length} tetap.`);
      reportTertaut(tertaut);
      for (const d of r.diubah) info(`  ${d.kunci}: ${d.bidang.join(', ')} berubah`);
      if (r.baru.length) info(`  baru: ${r.baru.join(', ')}`);
      if (r.tidak_disebut.length) info(c.dim(`  ${r.tidak_disebut.length} layanan lain di basis data tidak ada di berkas dan dibiarkan: ${r.tidak_disebut.join(', ')}`));
    });

  layanan
    .command('export')
    .description('ekspor katalog ke JSON (lengkap) atau CSV (satu baris per persyaratan, untuk Excel)')
    .option('-o, --out <berkas>', 'tulis ke berkas (bawaan: layar)')
    .option('--format <format>', 'json atau csv (bawaan: dari --out, atau json)')
    .option('--pemisah <pemisah>', 'pemisah kolom CSV: , ; atau tab', ',')
    .action((o: { out?: string; format?: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const format = o.format || o.out ? detectFormat(o.out ?? '', o.format) : 'json';
      const items = listLayanan(ctx.db());
      if (format === 'json') {
        const text = catalogToJson(items);
        if (o.out) {
          writeFileAtomic(o.out, text);
          success(`Ekspor katalog: ${items.length} layanan ditulis ke ${o.out}`);
        } else writeData(text);
        return;
      }
      emitCsv([...LAYANAN_CSV_HEADER], catalogToCsvRows(items), o.out, parseDelimiter(o.pemisah), 'Ekspor katalog', { desimalTeks: false });
    });
}
