import type { Command } from 'commander';
import { context } from '../context.js';
import { info, print, printJson, renderPairs, success, warn } from '../output.js';
import { UserError } from '../../core/errors.js';
import { PROFIL_FIELDS, requireProfil, saveProfil } from '../../profil/index.js';
import { addProfilFlags, profilFromFlags } from './profil-flags.js';
import { formatTanggal } from '../../core/format.js';
import { listDesa } from '../../desa/index.js';
import { kodeKecamatanWarning } from '../../desa/kode.js';

export function registerProfil(program: Command): void {
  const profil = program.command('profil').description('lihat atau ubah profil kecamatan');

  profil
    .command('show')
    .description('tampilkan profil kecamatan')
    .action((_opts, command: Command) => {
      const ctx = context(command);
      const p = requireProfil(ctx.db());
      if (ctx.json) return printJson(p);
      print(renderPairs([...PROFIL_FIELDS.map((f) => [f.label, p[f.key]] as [string, string | null]), ['Terakhir diubah', formatTanggal(p.diperbarui)]]));
    });

  const set = profil.command('set').description('ubah satu atau beberapa isian profil (isi "" untuk mengosongkan)');
  addProfilFlags(set);
  set.addHelpText('after', '\nContoh:\n  paten profil set --whatsapp 0812-3456-7890 --jam-layanan "Senin–Jumat 08.00–15.00"');
  set.action((opts: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const values = profilFromFlags(opts);
    if (Object.keys(values).length === 0)
      throw new UserError('Tidak ada isian yang diubah.', { hint: `Berikan minimal satu opsi, misalnya --${PROFIL_FIELDS[4].flag}. Lihat \`paten profil set --help\`.` });
    const db = ctx.db();
    requireProfil(db);
    const changed = saveProfil(db, values);
    const p = requireProfil(db);
    // Issue 14: desa codes are checked against this code, so a short one is worth a warning.
    const kodeWarning = changed.includes('kode_wilayah') && p.kode_wilayah ? kodeKecamatanWarning(p.kode_wilayah, listDesa(db).map((d) => d.kode)) : null;
    if (kodeWarning) warn(kodeWarning);
    if (ctx.json) return printJson({ diubah: changed, profil: p, ...(kodeWarning ? { peringatan: [kodeWarning] } : {}) });
    if (changed.length === 0) info('Tidak ada perubahan: nilainya sama dengan yang tersimpan.');
    else success(`Profil diperbarui: ${changed.map((k) => PROFIL_FIELDS.find((f) => f.key === k)!.label.toLowerCase()).join(', ')}.`);
  });
}
