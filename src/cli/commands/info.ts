import fs from 'node:fs';
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, print, printJson, renderPairs, renderTable } from '../output.js';
import { latestVersion, schemaVersion, tableCounts } from '../../db/index.js';
import { getProfil } from '../../profil/index.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('tampilkan lokasi basis data, versi skema dan jumlah data')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const exists = fs.existsSync(ctx.dbPath);
      const sumber = { '--db': 'opsi --db', PATEN_DB: 'variabel PATEN_DB', bawaan: 'lokasi bawaan' }[ctx.dbSource];
      if (!exists) {
        if (ctx.json) return printJson({ db: ctx.dbPath, sumber: ctx.dbSource, ada: false, versi_paten: '0.1.0', skema_terbaru: latestVersion() });
        print(renderPairs([['Basis data', `${ctx.dbPath} (${sumber})`], ['Status', c.yellow('belum ada — buat dengan `paten init`')]]));
        return;
      }
      const db = ctx.db();
      const counts = tableCounts(db);
      const p = getProfil(db);
      const data = {
        db: ctx.dbPath,
        sumber: ctx.dbSource,
        ada: true,
        ukuran_byte: fs.statSync(ctx.dbPath).size,
        skema: schemaVersion(db),
        skema_terbaru: latestVersion(),
        versi_paten: '0.1.0',
        kecamatan: p ? `${p.nama_kecamatan}, ${p.kabupaten}` : null,
        jumlah: counts,
      };
      if (ctx.json) return printJson(data);
      print(
        renderPairs([
          ['Basis data', `${ctx.dbPath} (${sumber})`],
          ['Kecamatan', data.kecamatan ?? c.yellow('profil belum diisi')],
          ['Versi skema', `${data.skema} (terbaru ${data.skema_terbaru})`],
          ['Versi paten', data.versi_paten],
        ]),
      );
      print();
      print(renderTable(['Tabel', 'Baris'], Object.entries(counts).map(([k, v]) => [k, v]), { right: [1] }));
    });
}
