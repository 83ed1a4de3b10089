import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, success } from '../output.js';
import { formatAngka } from '../../core/format.js';
import { listPopulasi, setPopulasi } from '../../survey/store.js';
import { parseIntArg } from './common.js';

export function registerSurvey(program: Command): void {
  const survey = program.command('survey').description('Survei Kepuasan Masyarakat (SKM): impor, daftar batch, populasi');

  survey
    .command('populasi')
    .description('simpan atau lihat jumlah populasi penerima layanan per tahun (untuk sampel minimum Krejcie–Morgan)')
    .argument('[tahun]', 'tahun, mis. 2023')
    .argument('[jumlah]', 'jumlah penerima layanan pada tahun itu')
    .action((tahun: string | undefined, jumlah: string | undefined, _o, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      if (tahun !== undefined && jumlah !== undefined) {
        const t = parseIntArg(tahun, 'TAHUN');
        const n = parseIntArg(jumlah, 'JUMLAH', { min: 1 });
        setPopulasi(db, t, n);
        if (ctx.json) return printJson({ tahun: t, populasi: n });
        return success(`Populasi tahun ${t}: ${formatAngka(n)} penerima layanan.`);
      }
      let rows = listPopulasi(db);
      if (tahun !== undefined) {
        const t = parseIntArg(tahun, 'TAHUN');
        rows = rows.filter((r) => r.tahun === t);
      }
      if (ctx.json) return printJson(rows);
      if (rows.length === 0) return info('Belum ada populasi tersimpan. Contoh: paten survey populasi 2023 1450');
      print(renderTable(['Tahun', 'Populasi'], rows.map((r) => [r.tahun, formatAngka(r.populasi)]), { right: [1] }));
      info(c.dim(`${rows.length} tahun`));
    });
}
