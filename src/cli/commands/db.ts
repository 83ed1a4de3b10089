import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, print, printJson, renderPairs, success } from '../output.js';
import { UserError } from '../../core/errors.js';
import { backupDatabase, checkDatabase, removeWithSideFiles, restoreDatabase, stageBackup, tempPath } from '../../db/index.js';
import { RESTORE_HINT } from '../../core/faults.js';
import { confirmOrYes } from './common.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('cadangan dan pemeriksaan basis data');

  db.command('backup')
    .description('salin basis data ke BERKAS (aman walau paten lain sedang berjalan)')
    .argument('<berkas>', 'berkas tujuan, mis. cadangan-2026-11-24.db')
    .option('--timpa', 'timpa berkas tujuan bila sudah ada')
    .action(async (dest: string, o: { timpa?: boolean }, command: Command) => {
      const ctx = context(command);
      const target = path.resolve(dest);
      if (target === path.resolve(ctx.dbPath)) throw new UserError('Berkas cadangan tidak boleh sama dengan basis data yang dipakai.');
      if (fs.existsSync(target) && !o.timpa) throw new UserError(`Berkas ${dest} sudah ada.`, { hint: 'Pilih nama lain atau tambahkan --timpa.' });
      if (!fs.existsSync(path.dirname(target))) throw new UserError(`Folder tujuan tidak ada: ${path.dirname(target)}`);
      // A damaged source is refused before anything is written: an existing backup stays as it was.
      const handle = ctx.db({ verify: true });
      const tmp = tempPath(target);
      try {
        await backupDatabase(handle, tmp);
        fs.renameSync(tmp, target);
      } catch (e) {
        removeWithSideFiles(tmp);
        if (e instanceof UserError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN') throw new UserError(`Tidak dapat menulis cadangan ke ${dest}: tidak ada izin menulis.`);
        throw e;
      }
      const size = fs.statSync(target).size;
      if (ctx.json) return printJson({ cadangan: target, ukuran_byte: size });
      success(`Cadangan dibuat dan diperiksa utuh: ${target} (${Math.ceil(size / 1024)} KB)`);
    });

  db.command('check')
    .description('periksa keutuhan basis data, kunci asing dan versi skema')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const r = checkDatabase(ctx.db());
      const ok = r.integrity.length === 1 && r.integrity[0] === 'ok' && r.foreignKeyViolations === 0;
      if (ctx.json) printJson({ ok, keutuhan: r.integrity, pelanggaran_kunci_asing: r.foreignKeyViolations, skema: r.schemaVersion, skema_terbaru: r.latest });
      else {
        print(
          renderPairs([
            ['Keutuhan', r.integrity[0] === 'ok' ? c.green('baik') : c.red(r.integrity.join('; '))],
            ['Kunci asing', r.foreignKeyViolations === 0 ? c.green('baik') : c.red(`${r.foreignKeyViolations} pelanggaran`)],
            ['Versi skema', `${r.schemaVersion} (terbaru ${r.latest})`],
          ]),
        );
      }
      if (!ok) throw new UserError('Basis data bermasalah.', { hint: RESTORE_HINT });
    });

  db.command('pulihkan')
    .description('pulihkan basis data dari CADANGAN (diperiksa dulu; berkas lama disimpan di sampingnya)')
    .argument('<cadangan>', 'berkas cadangan dari `paten db backup`')
    .option('--yes', 'jangan bertanya (wajib tanpa terminal)')
    .action(async (backup: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const source = path.resolve(backup);
      const target = path.resolve(ctx.dbPath);
      if (source === target) throw new UserError('Cadangan tidak boleh sama dengan basis data yang dipakai.');
      const { staged, schemaVersion } = stageBackup(source, target);
      let aside: string | undefined;
      try {
        await confirmOrYes(o.yes, `Ganti basis data ${target} dengan cadangan ${backup}?`);
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
        aside = restoreDatabase(staged, target, stamp);
      } finally {
        removeWithSideFiles(staged);
      }
      if (ctx.json) return printJson({ db: target, cadangan: source, skema: schemaVersion, disimpan_di: aside ?? null });
      success(`Basis data dipulihkan dari ${backup}.`);
      if (aside) print(`Berkas yang diganti disimpan sebagai ${aside}`);
    });
}
