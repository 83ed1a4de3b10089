import type { Command } from 'commander';
import { context, type Ctx } from '../context.js';
import { c, info, print, printJson, renderPairs, renderTable, success, warn } from '../output.js';
import { canPrompt, confirm, need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { readCsvFile } from '../../core/csv.js';
import { readTableFile } from '../../core/table.js';
import { BULAN, formatAngka, formatPersen, formatTanggalHari } from '../../core/format.js';
import path from 'node:path';
import {
  addInstansi,
  editInstansi,
  importInstansiCsv,
  INSTANSI_CSV_HEADER,
  instansiCsvRows,
  JENIS_HINT,
  jenisLabel,
  listInstansi,
  removeInstansi,
  requireInstansi,
  splitLayanan,
  type InstansiInput,
} from '../../bazar/instansi.js';
import {
  addAcara,
  addAcaraBanyak,
  batalUndang,
  CATAT_CSV_HEADER,
  catatTemplatRows,
  rencanaCatat,
  rencanaCatatCsv,
  simpanCatat,
  layananTunggal,
  belumDicatat,
  editAcara,
  listAcaraLewat,
  pesanAcaraLewat,
  listAcara,
  removeAcara,
  requireAcara,
  roster,
  STATUS_PARTISIPASI_LABEL,
  undang,
  type AcaraInput,
  type CatatResult,
  type RencanaCatat,
  type RosterBaris,
} from '../../bazar/acara.js';
import { parseHari, parseLibur, usulanJadwal, usulanSeri, type Libur, type Usulan } from '../../bazar/jadwal.js';
import { dataFile } from '../../core/paths.js';
import {
  BATAS_DAFTAR_ACARA,
  CSV_TABEL,
  daftarHadirData,
  laporanAcara,
  laporanAcaraCsv,
  laporanTahun,
  laporanTahunCsv,
  belumDicatatTeks,
  ringkasanTeks,
  tahunTerakhir,
  type CsvTabel,
  type LaporanAcara,
  type LaporanTahun,
} from '../../bazar/laporan.js';
import { addCsvExport, confirmOrYes, emitCsv, listEditFlags, listEditFromFlags, parseDelimiter, parseIntArg, reportEdit, reportRemoved, requireChanges } from './common.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function instansiFlags(cmd: Command): Command {
  return cmd
    .option('--nama <nama>', 'nama lengkap instansi')
    .option('--singkatan <teks>', 'singkatan, mis. Dispendukcapil')
    .option('--jenis <jenis>', `jenis: ${JENIS_HINT}`)
    .option('--kontak <nama>', 'nama narahubung (contact person)')
    .option('--telepon <nomor>', 'nomor telepon/WhatsApp narahubung')
    .option('--layanan <nama>', 'layanan yang biasa dibawa; ulangi untuk tiap layanan (edit: mengganti seluruh daftar; satu per satu: --tambah-layanan/--hapus-layanan)', collect)
    .option('--catatan <teks>', 'catatan');
}

function instansiInput(o: Record<string, unknown>): InstansiInput {
  const out: InstansiInput = {};
  const map: [string, keyof InstansiInput][] = [
    ['nama', 'nama'], ['singkatan', 'singkatan'], ['jenis', 'jenis'], ['kontak', 'kontak_nama'], ['telepon', 'kontak_telepon'], ['catatan', 'catatan'],
  ];
  for (const [flag, key] of map) if (o[flag] !== undefined) (out as Record<string, unknown>)[key] = o[flag];
  if (o.layanan !== undefined) out.layanan = (o.layanan as string[]).flatMap(splitLayanan);
  return out;
}

function acaraFlags(cmd: Command): Command {
  return cmd
    .option('--tanggal <TTTT-BB-HH>', 'tanggal acara, mis. 2025-02-15')
    .option('--tempat <teks>', 'tempat (bawaan: Halaman Kantor Kecamatan …)')
    .option('--tema <teks>', 'tema acara')
    .option('--status <status>', 'rencana, terlaksana atau batal')
    .option('--catatan <teks>', 'catatan');
}

function acaraInput(o: Record<string, string | undefined>): AcaraInput {
  const out: AcaraInput = {};
  for (const k of ['tanggal', 'tempat', 'tema', 'status', 'catatan'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

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
  if (r.acaraDitandaiTerlaksana) info(`  Status acara #${r.acara} diubah dari rencana menjadi terlaksana.`);
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

/** Commands that show the events left unrecorded themselves (in their table). */
const MENAMPILKAN_LEWAT = new Set(['acara list', 'laporan']);

/**
 * At the start of any bazar command: the events whose day has passed while still `rencana`, so a
 * forgotten day is noticed (at most three named). Best effort: a database that cannot be opened is
 * the action's own error to report.
 */
function ingatkanAcaraLewat(action: Command): void {
  const nama = [action.parent?.name() === 'bazar' ? '' : action.parent?.name(), action.name()].filter(Boolean).join(' ');
  if (MENAMPILKAN_LEWAT.has(nama)) return;
  let lewat: { id: number; tanggal: string }[];
  try {
    lewat = listAcaraLewat(context(action).db());
  } catch {
    return;
  }
  // The event this command is about is not announced to itself (`bazar catat 4`).
  const arg = String(action.args[0] ?? '').replace(/^#/, '');
  lewat = lewat.filter((a) => String(a.id) !== arg && a.tanggal !== arg);
  for (const a of lewat.slice(0, 3)) warn(pesanAcaraLewat(a));
  if (lewat.length > 3) warn(`… dan ${formatAngka(lewat.length - 3)} acara lain yang sudah lewat tetapi belum dicatat: lihat paten bazar acara list`);
}

export function registerBazar(program: Command): void {
  const bazar = program.command('bazar').description('bazar pelayanan: instansi peserta, acara, kehadiran, warga dilayani, laporan');
  bazar.hook('preAction', (_this, action) => ingatkanAcaraLewat(action));
  registerInstansi(bazar);
  registerAcara(bazar);
  registerJadwal(bazar);
  registerPartisipasi(bazar);
  registerLaporan(bazar);
}

function registerInstansi(bazar: Command): void {
  const ins = bazar.command('instansi').description('instansi peserta bazar (Dispendukcapil, Polsek, BPJS, Puskesmas, UMKM …)');

  ins
    .command('list')
    .description('tampilkan semua instansi')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const rows = listInstansi(ctx.db());
      if (ctx.json) return printJson(rows);
      if (rows.length === 0)
        return info('Belum ada instansi. Tambahkan dengan `paten bazar instansi add` atau impor contoh: `paten bazar instansi import data/bazar-instansi-contoh.csv`.');
      print(
        renderTable(
          ['Nama', 'Singkatan', 'Jenis', 'Narahubung', 'Telepon', 'Layanan'],
          rows.map((i) => [i.nama, i.singkatan, jenisLabel(i.jenis), i.kontak_nama, i.kontak_telepon, i.layanan.map((l) => l.nama).join(', ')]),
          { maxWidth: 48 },
        ),
      );
      info(c.dim(`${rows.length} instansi`));
    });

  ins
    .command('show')
    .description('tampilkan satu instansi')
    .argument('<instansi>', 'nama atau singkatan')
    .action((key: string, _o, command: Command) => {
      const ctx = context(command);
      const i = requireInstansi(ctx.db(), key);
      if (ctx.json) return printJson(i);
      print(c.bold(i.nama));
      print(
        renderPairs([
          ['Singkatan', i.singkatan],
          ['Jenis', jenisLabel(i.jenis)],
          ['Narahubung', i.kontak_nama],
          ['Telepon', i.kontak_telepon],
          ['Catatan', i.catatan],
        ]),
      );
      print('\nLayanan yang biasa dibawa:');
      if (i.layanan.length === 0) print(c.dim('  (belum ada)'));
      i.layanan.forEach((l, n) => print(`  ${n + 1}. ${l.nama}${l.layanan_slug ? c.dim(`  (katalog: ${l.layanan_slug})`) : ''}`));
    });

  instansiFlags(ins.command('add').description('tambah instansi')).action(async (o: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const input = instansiInput(o);
    input.nama = await need(input.nama ?? undefined, '--nama', 'Nama instansi');
    input.jenis = await need(input.jenis ?? undefined, '--jenis', `Jenis instansi (${JENIS_HINT})`);
    const i = addInstansi(ctx.db(), input);
    if (ctx.json) return printJson(i);
    success(`Instansi ${i.nama}${i.singkatan ? ` (${i.singkatan})` : ''} ditambahkan dengan ${i.layanan.length} layanan.`);
  });

  const edit = instansiFlags(ins.command('edit').description('ubah data instansi; --layanan mengganti seluruh daftar layanan, --tambah-layanan/--hapus-layanan mengubah satu').argument('<instansi>', 'nama atau singkatan'));
  listEditFlags(edit, 'layanan', 'layanan');
  edit.action((key: string, o: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const changes = instansiInput(o);
    const ubahLayanan = listEditFromFlags(o, 'layanan');
    requireChanges(ubahLayanan ? { ...changes, ubahLayanan } : changes, 'paten bazar instansi edit Dispendukcapil --telepon 0812-3456-7890, atau paten bazar instansi edit "Pusk. Jati" --tambah-layanan Imunisasi');
    const { instansi: i, changed, peringatan } = editInstansi(ctx.db(), key, changes, ubahLayanan);
    for (const p of peringatan) warn(p);
    reportEdit(ctx.json, { instansi: i, peringatan }, changed, `Instansi ${i.nama}`);
  });

  ins
    .command('remove')
    .description('hapus instansi (hanya bila belum pernah diundang ke acara)')
    .argument('<instansi>', 'nama atau singkatan')
    .option('--yes', 'jangan bertanya konfirmasi')
    .action(async (key: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const i = requireInstansi(db, key);
      await confirmOrYes(o.yes, `Hapus instansi ${i.nama}?`);
      reportRemoved(ctx.json, removeInstansi(db, key), `Instansi ${i.nama}`);
    });

  ins
    .command('import')
    .description(`impor instansi dari CSV atau Excel .xlsx (kolom: ${INSTANSI_CSV_HEADER.join(', ')}; layanan dipisah ";")`)
    .argument('<berkas>', 'berkas CSV (pemisah , atau ; — UTF-8 atau Windows-1252) atau .xlsx (lembar pertama yang berisi data)')
    .action(async (file: string, _o, command: Command) => {
      const ctx = context(command);
      const r = importInstansiCsv(ctx.db({ verify: true }), await readTableFile(file));
      if (ctx.json) return printJson(r);
      success(`Impor instansi selesai: ${r.baru.length} baru, ${r.diubah.length} diubah, ${r.tetap.length} tetap.`);
      for (const d of r.diubah) info(`  ${d.nama}: ${d.bidang.join(', ')} berubah`);
    });

  addCsvExport(ins, { what: 'instansi', header: INSTANSI_CSV_HEADER, rows: instansiCsvRows, json: listInstansi });
}

function rosterTable(rows: RosterBaris[]): string {
  return renderTable(
    ['Instansi', 'Status', 'Petugas', 'Layanan (dilayani)', 'Dilayani'],
    rows.map((r) => [r.singkatan ?? r.instansi, STATUS_PARTISIPASI_LABEL[r.status], r.petugas, r.layanan.map((l) => `${l.layanan} ${formatAngka(l.jumlah)}`).join(', '), formatAngka(r.dilayani)]),
    { right: [4], maxWidth: 70 },
  );
}

function printRoster(ctx: Ctx, acaraKey: string): void {
  const db = ctx.db();
  const a = requireAcara(db, acaraKey);
  const rows = roster(db, a.id);
  if (ctx.json) return printJson({ acara: a, instansi: rows });
  print(c.bold(`Acara #${a.id} — ${formatTanggalHari(a.tanggal)}`));
  print(renderPairs([['Tempat', a.tempat], ['Tema', a.tema], ['Status', a.status], ['Catatan', a.catatan]]));
  print('');
  if (rows.length === 0) return info(`Belum ada instansi diundang. Undang dengan \`paten bazar undang ${a.id} --semua\`.`);
  print(rosterTable(rows));
  info(c.dim(`${a.diundang} diundang, ${a.hadir} hadir, ${formatAngka(a.dilayani)} warga dilayani`));
}

function registerAcara(bazar: Command): void {
  const acara = bazar.command('acara').description('acara bazar pelayanan (tanggal, tempat, tema, status)');

  acara
    .command('list')
    .description('tampilkan acara, urut tanggal')
    .option('--tahun <tahun>', 'hanya tahun ini, mis. 2025')
    .action((o: { tahun?: string }, command: Command) => {
      const ctx = context(command);
      const tahun = o.tahun !== undefined ? parseIntArg(o.tahun, '--tahun', { min: 2000 }) : undefined;
      const rows = listAcara(ctx.db(), { tahun }).map((a) => ({ ...a, belum_dicatat: belumDicatat(a) }));
      if (ctx.json) return printJson(rows);
      if (rows.length === 0) return info('Belum ada acara bazar. Tambahkan dengan `paten bazar acara add --tanggal 2025-02-15` atau susun setahun dengan `paten bazar jadwal`.');
      print(
        renderTable(
          ['No', 'Tanggal', 'Tempat', 'Tema', 'Status', 'Diundang', 'Hadir', 'Dilayani'],
          rows.map((a) => [`#${a.id}`, formatTanggalHari(a.tanggal), a.tempat, a.tema, a.belum_dicatat ? 'belum dicatat!' : a.status, a.diundang, a.hadir, formatAngka(a.dilayani)]),
          { right: [5, 6, 7], maxWidth: 40 },
        ),
      );
      info(c.dim(`${rows.length} acara`));
      const lewat = rows.filter((a) => a.belum_dicatat);
      for (const a of lewat.slice(0, 3)) warn(pesanAcaraLewat(a));
      if (lewat.length > 3) warn(`… dan ${formatAngka(lewat.length - 3)} acara lain yang sudah lewat tetapi belum dicatat (tanda "belum dicatat!" di tabel).`);
    });

  acara
    .command('show')
    .description('tampilkan satu acara dengan daftar instansi dan warga dilayani')
    .argument('<acara>', 'nomor acara atau tanggalnya (TTTT-BB-HH)')
    .action((key: string, _o, command: Command) => printRoster(context(command), key));

  acaraFlags(acara.command('add').description('tambah acara')).action(async (o: Record<string, string | undefined>, command: Command) => {
    const ctx = context(command);
    const input = acaraInput(o);
    input.tanggal = await need(input.tanggal, '--tanggal', 'Tanggal acara (TTTT-BB-HH)');
    const a = addAcara(ctx.db(), input);
    if (ctx.json) return printJson(a);
    success(`Acara #${a.id} ditambahkan: ${formatTanggalHari(a.tanggal)}, ${a.tempat} (${a.status}).`);
    info(c.dim(`Berikutnya: paten bazar undang ${a.id} --semua`));
  });

  acaraFlags(acara.command('edit').description('ubah acara').argument('<acara>', 'nomor acara atau tanggalnya')).action(
    (key: string, o: Record<string, string | undefined>, command: Command) => {
      const ctx = context(command);
      const changes = acaraInput(o);
      requireChanges(changes, 'paten bazar acara edit 3 --status batal --catatan "hujan deras"');
      const { acara: a, changed } = editAcara(ctx.db(), key, changes);
      reportEdit(ctx.json, { acara: a }, changed, `Acara #${a.id}`);
    },
  );

  acara
    .command('remove')
    .description('hapus acara beserta undangan dan jumlah dilayaninya')
    .argument('<acara>', 'nomor acara atau tanggalnya')
    .option('--yes', 'jangan bertanya konfirmasi')
    .action(async (key: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const a = requireAcara(db, key);
      const extra = a.diundang ? ` ${a.diundang} undangan dan ${formatAngka(a.dilayani)} catatan warga dilayani ikut terhapus.` : '';
      await confirmOrYes(o.yes, `Hapus acara #${a.id} (${formatTanggalHari(a.tanggal)})?${extra}`);
      reportRemoved(ctx.json, removeAcara(db, String(a.id)), `Acara #${a.id}`);
    });
}

function registerPartisipasi(bazar: Command): void {
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
        return emitCsv([...CATAT_CSV_HEADER], rows, o.templat, parseDelimiter(o.pemisah), 'Templat hasil bazar');
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
      const { walkthrough } = await import('./bazar-catat-tty.js');
      const plan = await walkthrough(db, key);
      if (!plan) return warn('Tidak ada yang dicatat.');
      const r = await simpanRencana(ctx, plan, o.simpanLayanan);
      if (ctx.json) return printJson(r);
      reportCatat(r);
    });
}

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

function registerLaporan(bazar: Command): void {
  bazar
    .command('laporan')
    .description('laporan tahunan (kehadiran per instansi, warga dilayani per instansi dan layanan, grafik per acara) atau satu acara')
    .option('--tahun <tahun>', 'tahun laporan (bawaan: tahun acara terakhir)')
    .option('--acara <acara>', 'laporan satu acara (nomor atau tanggal)')
    .option('--format <format>', 'pdf, csv atau teks (bawaan: dari akhiran --out, atau teks di layar)')
    .option('-o, --out <berkas>', 'tulis ke berkas (.pdf atau .csv)')
    .option('--tabel <tabel>', `tabel CSV laporan tahunan: ${CSV_TABEL.join(', ')} (bawaan: instansi)`, 'instansi')
    .option('--pemisah <pemisah>', 'pemisah kolom CSV: , ; atau tab', ',')
    .action(async (o: { tahun?: string; acara?: string; format?: string; out?: string; tabel: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const format = reportFormat(o.format, o.out);
      if (o.tahun !== undefined && o.acara !== undefined) throw new UserError('Pilih salah satu: --tahun (laporan tahunan) atau --acara (satu acara).');
      if (format === 'pdf' && !o.out) throw new UserError('Laporan PDF perlu nama berkas: berikan argumen --out, mis. --out laporan-bazar.pdf.');
      if (format === 'teks' && o.out) throw new UserError(`Berkas ${o.out} harus berakhiran .pdf atau .csv, atau berikan --format pdf|csv.`);
      const delimiter = parseDelimiter(o.pemisah);
      if (!(CSV_TABEL as readonly string[]).includes(o.tabel)) throw new UserError(`Tabel "${o.tabel}" tidak dikenal (argumen --tabel): pilih ${CSV_TABEL.join(', ')}.`);
      const started = Date.now();
      if (o.acara !== undefined) {
        const l = laporanAcara(db, o.acara);
        if (belumDicatat(l.acara)) warn(pesanAcaraLewat(l.acara));
        if (format === 'csv') {
          const t = laporanAcaraCsv(l);
          if (!ctx.json) return emitCsv(t.header, t.rows, o.out, delimiter, `Laporan acara #${l.acara.id}`);
          if (o.out) emitCsv(t.header, t.rows, o.out, delimiter, `Laporan acara #${l.acara.id}`);
        } else if (format === 'pdf') {
          const { laporanAcaraPdf } = await import('../../bazar/pdf.js');
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
        const t = laporanTahunCsv(l, o.tabel as CsvTabel);
        if (!ctx.json) return emitCsv(t.header, t.rows, o.out, delimiter, `Laporan bazar ${tahun} (${o.tabel})`);
        if (o.out) emitCsv(t.header, t.rows, o.out, delimiter, `Laporan bazar ${tahun} (${o.tabel})`);
      } else if (format === 'pdf') {
        const { laporanTahunPdf } = await import('../../bazar/pdf.js');
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
      const { daftarHadirPdf } = await import('../../bazar/pdf.js');
      const bytes = await daftarHadirPdf(d, o.out, { barisKosong });
      if (ctx.json) return printJson({ acara: d.acara.id, berkas: path.resolve(o.out), instansi: d.instansi.length, bytes });
      success(`Daftar hadir acara #${d.acara.id} (${formatTanggalHari(d.acara.tanggal)}, ${d.instansi.length} instansi) ditulis ke ${o.out}.`);
      // For the operator, not on the printed sheet: how the filled-in counts come back into paten.
      info(`Setelah acara, masukkan jumlah dilayani: paten bazar catat ${d.acara.id} --file hasil.csv (templat: paten bazar catat ${d.acara.id} --templat hasil.csv).`);
    });
}

type JadwalFlags = {
  tahun: string; setiap: string; hari: string; mingguKe: string; mulaiBulan: string; setiapMinggu?: string | true; hariKerja?: boolean;
  tempat?: string; tema?: string; libur?: string; tanpaCutiBersama?: boolean; yes?: boolean;
};

/** The proposal: every N months (the bazar), or a weekly / working-day series (a Mal Pelayanan Publik). */
function usulanDariFlags(o: JadwalFlags, command: Command, tahun: number, libur: Libur[], sudahAda: string[]): { usulan: Usulan[]; dilewati: { bulan?: string; tanggal?: string; alasan: string }[]; tahunTanpaLibur: boolean } {
  const dariCli = (k: string) => command.getOptionValueSource(k) === 'cli';
  const mulaiBulan = parseIntArg(o.mulaiBulan, '--mulai-bulan', { min: 1 });
  if (o.setiapMinggu !== undefined || o.hariKerja) {
    if (o.setiapMinggu !== undefined && o.hariKerja) throw new UserError('Pilih salah satu: --setiap-minggu atau --hari-kerja.');
    const lain = ['setiap', 'mingguKe'].filter(dariCli);
    if (lain.length) throw new UserError(`--${o.hariKerja ? 'hari-kerja' : 'setiap-minggu'} tidak dapat digabung dengan ${lain.map((k) => (k === 'setiap' ? '--setiap' : '--minggu-ke')).join(' dan ')} (itu untuk acara tiap beberapa bulan).`);
    if (o.hariKerja && dariCli('hari')) throw new UserError('--hari-kerja berarti Senin sampai Jumat: --hari tidak dipakai bersamanya.');
    const pola = o.hariKerja
      ? ({ jenis: 'hari-kerja' } as const)
      : ({ jenis: 'minggu', hari: parseHari(o.hari), setiap: o.setiapMinggu === true ? 1 : parseIntArg(o.setiapMinggu!, '--setiap-minggu', { min: 1 }) } as const);
    return usulanSeri({ tahun, pola, mulaiBulan, libur, hindariCutiBersama: !o.tanpaCutiBersama, sudahAda });
  }
  return usulanJadwal({
    tahun,
    setiap: parseIntArg(o.setiap, '--setiap', { min: 1 }),
    hari: parseHari(o.hari),
    mingguKe: parseIntArg(o.mingguKe, '--minggu-ke', { min: 1 }),
    mulaiBulan,
    libur,
    hindariCutiBersama: !o.tanpaCutiBersama,
    sudahAda,
  });
}

function printUsulan(tahun: number, r: ReturnType<typeof usulanDariFlags>): void {
  print(c.bold(`Usulan jadwal bazar ${tahun}: ${formatAngka(r.usulan.length)} acara`));
  if (r.usulan.length > 24) {
    // A daily or weekly series: one line per month instead of hundreds of dates.
    const bulan = [...new Set(r.usulan.map((u) => u.bulan))];
    print(renderTable(['Bulan', 'Acara', 'Pertama', 'Terakhir'], bulan.map((b) => {
      const d = r.usulan.filter((u) => u.bulan === b);
      return [b, formatAngka(d.length), formatTanggalHari(d[0].tanggal), formatTanggalHari(d[d.length - 1].tanggal)];
    }), { right: [1] }));
  } else
    print(
      renderTable(
        ['No', 'Tanggal', 'Keterangan'],
        r.usulan.map((u, i) => [String(i + 1), formatTanggalHari(u.tanggal), u.digeser ? `digeser dari ${formatTanggalHari(u.digeser.dari)} (${u.digeser.karena})` : '']),
        { maxWidth: 80 },
      ),
    );
  for (const d of r.dilewati) info(c.dim(`  ${d.tanggal ? formatTanggalHari(d.tanggal) : d.bulan} dilewati: ${d.alasan}`));
}

function registerJadwal(bazar: Command): void {
  bazar
    .command('jadwal')
    .description('usulkan tanggal bazar setahun (tiap N bulan, tiap minggu atau tiap hari kerja, melewati hari libur nasional) lalu buat acaranya')
    .requiredOption('--tahun <tahun>', 'tahun jadwal, mis. 2026')
    .option('--setiap <bulan>', 'tiap berapa bulan', '2')
    .option('--hari <hari>', 'hari pelaksanaan', 'Sabtu')
    .option('--minggu-ke <n>', 'hari itu yang ke berapa dalam bulan (1–4)', '2')
    .option('--setiap-minggu [n]', 'tiap minggu (atau tiap n minggu) pada --hari, mis. pojok layanan mingguan')
    .option('--hari-kerja', 'tiap hari kerja Senin–Jumat, mis. Mal Pelayanan Publik')
    .option('--mulai-bulan <n>', 'bulan pertama (1–12)', '1')
    .option('--tempat <teks>', 'tempat (bawaan: Halaman Kantor Kecamatan …)')
    .option('--tema <teks>', 'tema untuk semua acara')
    .option('--libur <berkas>', 'daftar hari libur CSV (bawaan: data/libur-nasional.csv)')
    .option('--tanpa-cuti-bersama', 'cuti bersama tidak dihindari, hanya hari libur nasional')
    .option('--yes', 'buat acaranya tanpa bertanya konfirmasi')
    .action(async (o: JadwalFlags, command: Command) => {
      const ctx = context(command);
      const tahun = parseIntArg(o.tahun, '--tahun', { min: 2000 });
      const liburFile = o.libur ?? dataFile('libur-nasional.csv');
      const libur = parseLibur(readCsvFile(liburFile));
      const db = ctx.db();
      const existing = listAcara(db, { tahun });
      const seri = o.setiapMinggu !== undefined || !!o.hariKerja;
      if (existing.length) warn(`Tahun ${tahun} sudah punya ${existing.length} acara; ${seri ? 'hari' : 'bulan'} yang sudah punya acara dilewati.`);
      const r = usulanDariFlags(o, command, tahun, libur, existing.map((a) => a.tanggal));
      if (r.tahunTanpaLibur) warn(`Daftar hari libur (${liburFile}) tidak memuat tahun ${tahun}: tanggal tidak diperiksa terhadap hari libur. Tambahkan baris tahun itu ke berkasnya.`);
      if (!ctx.json) printUsulan(tahun, r);
      if (r.usulan.length === 0) throw new UserError('Tidak ada tanggal yang dapat diusulkan.');
      // A script asking with --json but without --yes still gets the proposal on stdout.
      if (ctx.json && !o.yes && !canPrompt()) printJson({ ...r, dibuat: [] });
      await confirmOrYes(o.yes, `Buat ${formatAngka(r.usulan.length)} acara ini?`);
      const made = addAcaraBanyak(db, r.usulan.map((u) => ({ tanggal: u.tanggal, tempat: o.tempat, tema: o.tema })));
      if (ctx.json) return printJson({ ...r, dibuat: made });
      success(`${formatAngka(made.length)} acara dibuat (#${made[0].id}–#${made[made.length - 1].id}). Undang instansinya: paten bazar undang NOMOR --semua`);
    });
}
