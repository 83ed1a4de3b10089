/** `paten bazar acara …`: the events (flags from ACARA_FIELDS) and an event's roster. */
import type { Command } from 'commander';
import { context, type Ctx } from '../../context.js';
import { c, info, print, printJson, renderPairs, renderTable, success, warn } from '../../output.js';
import { need } from '../../prompt.js';
import { formatAngka, formatTanggalHari } from '../../../core/format.js';
import { ACARA_FIELDS, addAcara, belumDicatat, editAcara, listAcara, pesanAcaraLewat, removeAcara, requireAcara, type AcaraInput } from '../../../bazar/acara.js';
import { roster, STATUS_PARTISIPASI_LABEL, type RosterBaris } from '../../../bazar/partisipasi.js';
import { confirmOrYes, parseIntArg, reportEdit, reportRemoved, requireChanges } from '../common.js';
import { addFieldFlags, fieldOf, inputFromFlags } from '../fields.js';
import { promptCheck } from '../../../registry/fields.js';

function acaraFlags(cmd: Command): Command {
  return addFieldFlags(cmd, ACARA_FIELDS);
}

function acaraInput(o: Record<string, string | undefined>): AcaraInput {
  return inputFromFlags(ACARA_FIELDS, o) as AcaraInput;
}

export function rosterTable(rows: RosterBaris[]): string {
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

export function registerAcara(bazar: Command): void {
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
    input.tanggal = await need(input.tanggal, '--tanggal', 'Tanggal acara (TTTT-BB-HH)', { validate: promptCheck(fieldOf(ACARA_FIELDS, 'tanggal')) });
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
