/** `paten bazar instansi …`: the participating agencies (flags from INSTANSI_FIELDS). */
import type { Command } from 'commander';
import { context } from '../../context.js';
import { c, info, print, printJson, renderPairs, renderTable, success, warn } from '../../output.js';
import { need } from '../../prompt.js';
import { readTableFile } from '../../../core/table.js';
import {
  addInstansi,
  editInstansi,
  findInstansi,
  importInstansiCsv,
  INSTANSI_CSV_HEADER,
  INSTANSI_FIELDS,
  instansiCsvRows,
  JENIS_HINT,
  jenisLabel,
  listInstansi,
  removeInstansi,
  requireInstansi,
  splitLayanan,
  type InstansiInput,
} from '../../../bazar/instansi.js';
import { addCsvExport, confirmOrYes, listEditFlags, listEditFromFlags, reportEdit, reportRemoved, requireChanges } from '../common.js';
import { addFieldFlags, fieldOf, inputFromFlags } from '../fields.js';
import { promptCheck } from '../../../registry/fields.js';

function instansiFlags(cmd: Command): Command {
  return addFieldFlags(cmd, INSTANSI_FIELDS);
}

/** One --layanan value may name several services ("KTP-el; KK"), as a CSV cell does. */
function instansiInput(o: Record<string, unknown>): InstansiInput {
  const out = inputFromFlags(INSTANSI_FIELDS, o) as InstansiInput;
  if (out.layanan !== undefined) out.layanan = out.layanan.flatMap(splitLayanan);
  return out;
}

export function registerInstansi(bazar: Command): void {
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
    const db = ctx.db();
    // Each answer is checked as it is typed: a name already stored or an unknown jenis is refused at its prompt.
    input.nama = await need(input.nama ?? undefined, '--nama', 'Nama instansi', {
      validate: (v) => {
        const ada = findInstansi(db, v);
        return ada ? `instansi "${ada.nama}" sudah ada` : true;
      },
    });
    input.jenis = await need(input.jenis ?? undefined, '--jenis', `Jenis instansi (${JENIS_HINT})`, { validate: promptCheck(fieldOf(INSTANSI_FIELDS, 'jenis')) });
    const i = addInstansi(db, input);
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
      for (const d of r.diubah) info(`  ${d.kunci}: ${d.bidang.join(', ')} berubah`);
    });

  addCsvExport(ins, { what: 'instansi', header: INSTANSI_CSV_HEADER, rows: instansiCsvRows, json: listInstansi });
}
