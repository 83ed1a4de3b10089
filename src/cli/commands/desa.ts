import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, success, warn } from '../output.js';
import { need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { readTableFile } from '../../core/table.js';
import { formatAngka } from '../../core/format.js';
import { countLinkedAnswers, keepLinkedNames } from '../../survey/store.js';
import { addDesa, DESA_CSV_HEADER, DESA_FIELDS, desaCsvRows, editDesa, findDesa, importDesaCsv, listDesa, removeDesa, requireDesa, type DesaInput } from '../../desa/index.js';
import { getProfil } from '../../profil/index.js';
import type { Db } from '../../db/index.js';
import { promptCheck } from '../../registry/fields.js';
import { addFieldFlags, fieldOf, inputFromFlags } from './fields.js';
import { addCsvExport, confirmOrYes, listEditFlags, listEditFromFlags, reportTertaut } from './common.js';
import { denganCocokUlang } from '../../survey/cocok.js';
import { writeTransaction } from '../../db/write.js';

function desaFlags(cmd: Command): Command {
  return addFieldFlags(cmd, DESA_FIELDS);
}

/** The profile's kecamatan code, against which desa codes are checked (issue 14). */
function kodeKecamatan(db: Db): string | null {
  return getProfil(db)?.kode_wilayah ?? null;
}

/** A typed desa code: valid, and not the code of a stored desa. */
function kodeBaru(db: Db, v: string): string | true {
  const field = fieldOf(DESA_FIELDS, 'kode');
  const valid = promptCheck(field)(v);
  if (valid !== true) return valid;
  const kode = field.check!(v);
  const ada = kode.ok ? findDesa(db, String(kode.value)) : undefined;
  return ada && kode.ok && ada.kode === kode.value ? `kode ${ada.kode} sudah dipakai desa ${ada.nama}` : true;
}

/** A typed desa name that is not already the name or alias of another desa. */
function namaBaru(db: Db, v: string): string | true {
  const ada = findDesa(db, v);
  return ada ? `nama "${v}" sudah dipakai desa ${ada.nama} (${ada.kode})` : true;
}

export function registerDesa(program: Command): void {
  const desa = program.command('desa').description('daftar desa/kelurahan di kecamatan');

  desa
    .command('list')
    .description('tampilkan semua desa/kelurahan')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const rows = listDesa(ctx.db());
      if (ctx.json) return printJson(rows);
      if (rows.length === 0) return info('Belum ada desa. Tambahkan dengan `paten desa add` atau `paten desa import BERKAS.csv`.');
      print(renderTable(['Kode', 'Nama', 'Jenis', 'Kepala desa', 'Kontak', 'Alias'], rows.map((d) => [d.kode, d.nama, d.jenis, d.kepala_desa, d.kontak, d.alias.join(', ')]), { maxWidth: 40 }));
      info(c.dim(`${rows.length} desa/kelurahan`));
    });

  desaFlags(desa.command('add').description('tambah satu desa/kelurahan')).action(async (o: Record<string, string | string[] | undefined>, command: Command) => {
    const ctx = context(command);
    const input = inputFromFlags(DESA_FIELDS, o) as Partial<DesaInput>;
    const db = ctx.db();
    // Each answer is checked as it is typed: a wrong or taken code is refused before the name is asked.
    input.kode = await need(input.kode, '--kode', 'Kode wilayah desa (10 angka)', { validate: (v) => kodeBaru(db, v) });
    input.nama = await need(input.nama, '--nama', 'Nama desa', { validate: (v) => namaBaru(db, v) });
    const { hasil, tertaut } = denganCocokUlang(db, () => addDesa(db, input as DesaInput, { kodeKecamatan: kodeKecamatan(db) }));
    const d = hasil.desa;
    for (const w of hasil.peringatan) warn(w);
    if (ctx.json) return printJson({ ...d, jawaban_tertaut: tertaut.jumlah_tertaut, peringatan: hasil.peringatan });
    success(`Desa ${d.nama} (${d.kode}) ditambahkan.`);
    reportTertaut(tertaut);
  });

  const edit = desaFlags(desa.command('edit').description('ubah data desa; --alias mengganti seluruh daftar alias, --tambah-alias/--hapus-alias mengubah satu').argument('<desa>', 'kode, nama atau alias desa'));
  listEditFlags(edit, 'alias', 'alias');
  edit.action(
    (key: string, o: Record<string, string | string[] | undefined>, command: Command) => {
      const ctx = context(command);
      const changes = inputFromFlags(DESA_FIELDS, o) as Partial<DesaInput>;
      const ubahAlias = listEditFromFlags(o, 'alias');
      if (Object.keys(changes).length === 0 && !ubahAlias)
        throw new UserError('Tidak ada isian yang diubah.', { hint: 'Contoh: paten desa edit Betro --kepala-desa "Nama Kades" atau paten desa edit Betro --tambah-alias "Betro Kulon"' });
      const db = ctx.db();
      const { hasil, tertaut } = denganCocokUlang(db, () => editDesa(db, key, changes, ubahAlias, { kodeKecamatan: kodeKecamatan(db) }));
      const { desa: d, changed, peringatan } = hasil;
      for (const w of peringatan) warn(w);
      if (ctx.json) return printJson({ desa: d, diubah: changed, jawaban_tertaut: tertaut.jumlah_tertaut, peringatan });
      if (changed.length === 0) info('Tidak ada perubahan: nilainya sama dengan yang tersimpan.');
      else success(`Desa ${d.nama} diperbarui: ${changed.join(', ')}.`);
      reportTertaut(tertaut);
    },
  );

  desa
    .command('remove')
    .description('hapus desa')
    .argument('<desa>', 'kode atau nama desa')
    .option('--yes', 'jangan bertanya konfirmasi')
    .action(async (key: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const d = requireDesa(db, key);
      const jawaban = countLinkedAnswers(db, { desa_id: d.id });
      await confirmOrYes(o.yes, `Hapus desa ${d.nama} (${d.kode})?${jawaban ? ` ${formatAngka(jawaban)} jawaban survei dari desa ini tidak lagi tertaut ke desa mana pun (nama desanya tetap tersimpan sebagai teks).` : ''}`);
      writeTransaction(db, () => {
        keepLinkedNames(db, { desa_id: d.id, nama: d.nama });
        removeDesa(db, key);
      });
      if (ctx.json) return printJson({ dihapus: d, jawaban_dilepas: jawaban });
      success(`Desa ${d.nama} (${d.kode}) dihapus${jawaban ? `; ${formatAngka(jawaban)} jawaban survei dilepas dari desa ini` : ''}.`);
    });

  desa
    .command('import')
    .description('impor desa dari CSV atau Excel .xlsx (kolom: kode, nama, jenis, kepala_desa, kontak, alamat_balai, alias — alias dipisah "|")')
    .argument('<berkas>', 'berkas CSV (pemisah , atau ; — UTF-8 atau Windows-1252) atau .xlsx (lembar pertama yang berisi data)')
    .action(async (file: string, _o, command: Command) => {
      const ctx = context(command);
      const db = ctx.db({ verify: true });
      const table = await readTableFile(file);
      const { hasil: r, tertaut } = denganCocokUlang(db, () => importDesaCsv(db, table, { kodeKecamatan: kodeKecamatan(db) }));
      for (const w of r.peringatan) warn(w);
      if (ctx.json) return printJson({ ...r, jawaban_tertaut: tertaut.jumlah_tertaut });
      success(`Impor desa selesai: ${r.baru.length} baru, ${r.diubah.length} diubah, ${r.tetap.length} tetap.`);
      if (r.diubah.length) info(`  diubah: ${r.diubah.map((x) => `${x.kunci} (${x.bidang.join(', ')})`).join('; ')}`);
      reportTertaut(tertaut);
    });

  addCsvExport(desa, { what: 'desa', header: DESA_CSV_HEADER, rows: desaCsvRows, json: listDesa });
}
