import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { c, info, printJson, success } from '../output.js';
import { UserError } from '../../core/errors.js';
import { openDatabase } from '../../db/index.js';
import { DEMO_STEPS } from '../../contoh/demo.js';
import { closeAll } from '../context.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('buat basis data contoh di sebuah folder dan jalankan semua pekerjaan utama padanya')
    .option('-o, --out <folder>', 'folder hasil demo', 'paten-demo')
    .action(async (o: { out: string }, command: Command) => {
      const json = !!(command.optsWithGlobals() as { json?: boolean }).json;
      const outDir = path.resolve(o.out);
      if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new UserError(`${o.out} sudah ada dan bukan folder.`);
      try {
        fs.mkdirSync(outDir, { recursive: true });
      } catch (e) {
        throw new UserError(`Tidak dapat membuat folder ${o.out}: ${(e as Error).message}`);
      }
      const dbPath = path.join(outDir, 'paten-demo.db');
      for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
      const db = openDatabase(dbPath, { create: true });
      const started = Date.now();
      const results: { langkah: string; ringkasan: string; berkas: string[] }[] = [];
      try {
        for (const [i, step] of DEMO_STEPS.entries()) {
          if (!json) info(c.bold(`[${i + 1}/${DEMO_STEPS.length}] ${step.judul}`));
          const r = await step.run({ db, dbPath, outDir });
          results.push({ langkah: step.judul, ...r });
          if (!json) {
            info(`      ${r.ringkasan}`);
            for (const f of r.berkas) info(c.dim(`      → ${f}`));
          }
        }
      } finally {
        db.close();
        closeAll();
      }
      if (json) return printJson({ folder: outDir, db: dbPath, langkah: results });
      success(`Demo selesai dalam ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} detik. Semua hasil ada di ${outDir}`);
      info(c.dim(`Coba: npx paten --db "${dbPath}" desa list`));
    });
}
