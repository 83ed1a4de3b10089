/**
 * `paten bazar undang|hadir|catat`: invitations and the day's results (one agency by flags, the
 * day sheet by file, or a walkthrough on a terminal).
 */
import type { Command } from 'commander';
import { context, type Ctx } from '../../context.js';
import { c, info, printJson, success, warn } from '../../output.js';
import { canPrompt, confirm } from '../../prompt.js';
import { UserError } from '../../../core/errors.js';
import { readTableFile } from '../../../core/table.js';
import { formatAngka, formatTanggalHari } from '../../../core/format.js';
import { requireInstansi } from '../../../bazar/instansi.js';
import { batalUndang, undang } from '../../../bazar/partisipasi.js';
import { CATAT_CSV_HEADER, catatTemplatRows, layananTunggal, rencanaCatat, rencanaCatatCsv, simpanCatat, type CatatResult, type RencanaCatat } from '../../../bazar/catat.js';
import { collect, emitCsv, parseDelimiter } from '../common.js';

/** "5 instansi dicatat", "2 instansi dicatat (1 tanpa undangan), 1 diubah, 2 tetap" (empty parts left out). */
export function ringkasCatat(r: CatatResult): string {
  const parts: [number, string][] = [
    [r.dicatat.length, `dicatat${r.tanpa_undangan.length ? ` (${r.tanpa_undangan.length} tanpa undangan)` : ''}`],
    [r.diubah.length, 'diubah'],
    [r.tetap.length, 'tetap'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, w], k) => (k === 0 ? `${n} instansi ${w}` : `${n} ${w}`));
  return shown.length ? shown.join(', ') : 'tidak ada instansi yang dicatat';
}

function reportCatat(r: CatatResult): void {
  success(`Acara #${r.acara} (${formatTanggalHari(r.tanggal)}): ${ringkasCatat(r)}; ${formatAngka(r.dilayani)} warga dilayani.`);
  for (const b of r.layanan_baru)
    info(`  +${b.layanan.length} layanan baru untuk ${b.instansi}: ${b.layanan.join(', ')}${b.disimpan ? ' (ditambahkan ke daftar layanan biasanya)' : ''}`);
  const unsaved = r.layanan_baru.filter((b) => !b.disimpan);
  if (unsaved.length)
    info(c.dim(`  Layanan baru dicatat untuk acara ini saja. Agar masuk daftar layanan biasa instansinya, ulangi dengan --simpan-layanan atau: paten bazar instansi edit "${unsaved[0].instansi}" --tambah-layanan "${unsaved[0].layanan[0]}"`));
  for (const p of r.peringatan) warn(p);
  if (r.acara_ditandai_terlaksana) info(`  Status acara #${r.acara} diubah dari rencana menjadi terlaksana.`);
}

/**
 * Stores a validated entry. Services brought on the day go to the agencies' usual lists with
 * --simpan-layanan; without it a terminal asks per agency (never with --json: stdout is data).
 */
async function simpanRencana(ctx: Ctx, plan: RencanaCatat, simpanLayanan: boolean | undefined): Promise<CatatResult> {
  let simpan: boolean | number[] = !!simpanLayanan;
  if (!simpanLayanan && plan.layanan_baru.length && canPrompt() && !ctx.json) {
    const ids: number[] = [];
    for (const b of plan.layanan_baru)
      if (await confirm(`Tambahkan layanan baru ${b.layanan.join(', ')} ke daftar layanan ${b.instansi}?`, false)) ids.push(b.instansi_id);
    simpan = ids;
  }
  return simpanCatat(ctx.db(), plan, { simpanLayanan: simpan });
}

export function registerPartisipasi(bazar: Command): void {
  bazar
    .command('undang')
    .description('undang instansi ke sebuah acara')
    .argument('<acara>', 'nomor acara atau tanggalnya')
    .option('--semua', 'undang semua instansi')
    .option('--instansi <nama>', 'nama atau singkatan; ulangi untuk tiap instansi', collect)
    .option('--batal <nama>', 'hapus satu instansi dari undangan acara ini')
    .action((key: string, o: { semua?: boolean; instansi?: string[]; batal?: string }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      if (o.batal) {
        if (o.semua || o.instansi) throw new UserError('--batal tidak dapat digabung dengan --semua atau --instansi.');
        const r = batalUndang(db, key, o.batal);
        if (ctx.json) return printJson(r);
        return success(`${r.instansi} dihapus dari undangan acara #${r.acara}.`);
      }
      if (o.semua && o.instansi) throw new UserError('Pilih salah satu: --semua atau --instansi.');
      const r = undang(db, key, { semua: o.semua, instansi: o.instansi });
      if (ctx.json) return printJson(r);
      success(`Acara #${r.acara}: ${r.baru.length} instansi diundang${r.sudah.length ? `, ${r.sudah.length} sudah diundang sebelumnya` : ''}.`);
    });

  bazar
    .command('hadir')
    .description('catat kehadiran satu instansi dan warga yang dilayani per layanan')
    .argument('<acara>', 'nomor acara atau tanggalnya')
    .argument('<instansi>', 'nama atau singkatan')
    .option('--status <status>', 'hadir (bawaan), konfirmasi, tidak-hadir atau batal')
    .option('--petugas <nama>', 'nama petugas instansi di lokasi')
    .option('--layanan <nama>', 'layanan; pasangkan dengan --dilayani, ulangi untuk tiap layanan', collect)
    .option('--dilayani <jumlah>', 'jumlah warga dilayani untuk --layanan sebelumnya', collect)
    .option('--catatan <teks>', 'catatan')
    .option('--simpan-layanan', 'layanan yang tidak ada di daftar instansi (dibawa hari itu) juga ditambahkan ke daftar layanan biasanya')
    .action(async (acaraKey: string, instansiKey: string, o: { status?: string; petugas?: string; layanan?: string[]; dilayani?: string[]; catatan?: string; simpanLayanan?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const names = o.layanan ?? [];
      const counts = o.dilayani ?? [];
      let layanan: { nama: string; jumlah: string }[] | undefined;
      if (names.length || counts.length) {
        if (names.length === 0 && counts.length === 1) {
          const i = requireInstansi(db, instansiKey);
          const nama = layananTunggal(i);
          if (!nama)
            throw new UserError(`${i.singkatan ?? i.nama} membawa ${i.layanan.length} layanan: sebutkan --layanan NAMA sebelum tiap --dilayani.`, {
              hint: `Layanannya: ${i.layanan.map((l) => l.nama).join(', ')}`,
            });
          layanan = [{ nama, jumlah: counts[0] }];
        } else if (names.length !== counts.length)
          throw new UserError(`Jumlah --layanan (${names.length}) dan --dilayani (${counts.length}) harus sama: tiap layanan diikuti jumlah warga dilayaninya.`, {
            hint: 'Contoh: --layanan "Perekaman KTP-el" --dilayani 45 --layanan "Kartu Keluarga" --dilayani 20',
          });
        else layanan = names.map((n, k) => ({ nama: n, jumlah: counts[k] }));
      }
      const plan = rencanaCatat(db, acaraKey, [{ instansi: instansiKey, status: o.status, petugas: o.petugas, catatan: o.catatan, layanan }]);
      const r = await simpanRencana(ctx, plan, o.simpanLayanan);
      if (ctx.json) return printJson(r);
      reportCatat(r);
    });

  bazar
    .command('catat')
    .description('catat hasil hari itu dari lembar CSV atau .xlsx (instansi, status, petugas, layanan, dilayani, catatan), atau tanya satu per satu')
    .argument('<acara>', 'nomor acara atau tanggalnya')
    .option('-f, --file <berkas>', 'lembar hasil CSV atau .xlsx; instansi yang tidak dikenal → tidak ada yang diimpor')
    .option('--templat <berkas>', 'tulis lembar CSV kosong berisi instansi yang diundang dan layanannya, lalu selesai')
    .option('--pemisah <pemisah>', 'pemisah kolom templat: , ; atau tab', ',')
    .option('--simpan-layanan', 'layanan yang tidak ada di daftar instansinya (dibawa hari itu) juga ditambahkan ke daftar layanan biasanya')
    .action(async (key: string, o: { file?: string; templat?: string; pemisah?: string; simpanLayanan?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db({ verify: true });
      if (o.templat) {
        if (o.file) throw new UserError('Pilih salah satu: --file (impor) atau --templat (buat lembar kosong).');
        const rows = catatTemplatRows(db, key);
        if (rows.length === 0) throw new UserError(`Belum ada instansi diundang ke acara ${key}.`, { hint: `Undang dulu: paten bazar undang ${key} --semua` });
        return emitCsv([...CATAT_CSV_HEADER], rows, o.templat, parseDelimiter(o.pemisah), 'Templat hasil bazar', { desimalTeks: false });
      }
      if (o.file) {
        const r = await simpanRencana(ctx, rencanaCatatCsv(db, key, await readTableFile(o.file)), o.simpanLayanan);
        if (ctx.json) return printJson(r);
        return reportCatat(r);
      }
      if (!canPrompt())
        throw new UserError('Berikan lembar hasil dengan --file hasil.csv (tanpa terminal interaktif paten tidak bertanya).', {
          hint: `Buat lembarnya dulu: paten bazar catat ${key} --templat hasil.csv, isi di Excel, lalu paten bazar catat ${key} --file hasil.csv`,
        });
      const { walkthrough } = await import('./catat-tty.js');
      const plan = await walkthrough(db, key);
      if (!plan) return warn('Tidak ada yang dicatat.');
      const r = await simpanRencana(ctx, plan, o.simpanLayanan);
      if (ctx.json) return printJson(r);
      reportCatat(r);
    });
}
