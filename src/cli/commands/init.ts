import fs from 'node:fs';
import type { Command } from 'commander';
import { context, closeAll } from '../context.js';
import { info, printJson, success, warn, c } from '../output.js';
import { canPrompt, need } from '../prompt.js';
import { UserError } from '../../core/errors.js';
import { PROFIL_FIELDS, checkProfilField, getProfil, saveProfil, type ProfilField } from '../../profil/index.js';
import { loadContoh } from '../../contoh/index.js';
import { addProfilFlags, profilFromFlags } from './profil-flags.js';
import { removeDatabaseFiles } from './db-files.js';

export function registerInit(program: Command): void {
  const cmd = program
    .command('init')
    .description('buat basis data dan isi profil kecamatan')
    .option('--contoh', 'muat data contoh: Kecamatan Kemlagi, 20 desa, katalog layanan PATEN');
  addProfilFlags(cmd);
  cmd.addHelpText(
    'after',
    `
Contoh:
  paten init --contoh
  paten init --nama "Kemlagi" --kabupaten "Kabupaten Mojokerto" --provinsi "Jawa Timur"`,
  );
  cmd.action(async (opts: Record<string, unknown>, command: Command) => {
    const ctx = context(command);
    const existed = fs.existsSync(ctx.dbPath);
    const values = profilFromFlags(opts);

    try {
      const db = ctx.db({ create: true });
      const before = getProfil(db);
      if (!opts.contoh && !before && canPrompt()) {
        // Ask for missing fields only with a terminal; otherwise the required ones must be flags.
        info(c.bold('Profil kecamatan') + c.dim(' (Enter untuk melewati isian yang boleh kosong)'));
        for (const f of PROFIL_FIELDS) {
          if (f.key === 'logo' || f.key === 'urutan_unsur' || values[f.key] !== undefined) continue;
          const v = await need(undefined, `--${f.flag}`, f.label, {
            optional: !f.wajib,
            validate: (x) => (x.trim() === '' ? true : (checkProfilField(f.key, x.trim()) ?? true)),
          });
          if (v !== undefined) values[f.key] = v;
        }
      }
      if (opts.contoh) {
        const r = loadContoh(db);
        if (Object.keys(values).length) saveProfil(db, values);
        const p = getProfil(db)!;
        if (ctx.json) {
          printJson({ db: ctx.dbPath, profil: p, desa: r.desa, layanan: r.layanan });
        } else {
          success(`Data contoh Kecamatan ${p.nama_kecamatan} dimuat ke ${ctx.dbPath}`);
          info(`  desa: ${r.desa.baru.length} baru, ${r.desa.diubah.length} diubah, ${r.desa.tetap.length} tetap`);
          info(`  layanan: ${r.layanan.baru.length} baru, ${r.layanan.diubah.length} diubah, ${r.layanan.tetap.length} tetap`);
          warn('Katalog layanan contoh harus dicocokkan dengan Perbup kabupaten Anda sebelum poster dicetak.');
        }
        return;
      }
      if (before && Object.keys(values).length === 0) {
        info(`Basis data sudah ada dan profil Kecamatan ${before.nama_kecamatan} sudah diisi: ${ctx.dbPath}`);
        info(c.dim('Ubah profil dengan `paten profil set`, lihat dengan `paten profil show`.'));
        return;
      }
      if (!before) {
        const missing = PROFIL_FIELDS.filter((f) => f.wajib && !values[f.key as ProfilField]);
        if (missing.length)
          throw new UserError(`Profil kecamatan belum lengkap: ${missing.map((f) => `--${f.flag}`).join(', ')} wajib diisi.`, {
            hint: 'Contoh: paten init --nama "Kemlagi" --kabupaten "Kabupaten Mojokerto" --provinsi "Jawa Timur"  (atau `paten init --contoh` untuk data contoh).',
          });
      }
      const changed = saveProfil(db, values);
      const p = getProfil(db)!;
      if (ctx.json) printJson({ db: ctx.dbPath, profil: p, diubah: changed });
      else {
        success(`${before ? 'Profil diperbarui' : 'Basis data dibuat'}: Kecamatan ${p.nama_kecamatan}, ${p.kabupaten} (${ctx.dbPath})`);
        info(c.dim('Berikutnya: impor desa (`paten desa import`) dan katalog layanan (`paten layanan import`).'));
      }
    } catch (e) {
      if (!existed) {
        closeAll();
        removeDatabaseFiles(ctx.dbPath);
      }
      throw e;
    }
  });
}
