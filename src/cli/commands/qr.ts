import path from 'node:path';
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, printJson, stderrIsTTY, success, warn } from '../output.js';
import { isAbort, withInterrupt } from '../interrupt.js';
import { progress } from '../progress.js';
import { dilewatiError, MANIFEST_CSV, MANIFEST_JSON, planPosters, writePosters } from '../../poster/generate.js';
import { parseBaseUrl, parseMode } from '../../poster/payload.js';
import { writeSitus } from '../../poster/situs.js';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1).replace('.', ',');
}

export function registerQr(program: Command): void {
  const qr = program.command('qr').description('poster QR persyaratan layanan PATEN untuk setiap desa');

  qr.command('generate')
    .description('buat poster PDF per desa: satu kode QR per layanan berisi persyaratannya')
    .option('--desa <kode|nama...>', 'hanya desa ini (satu atau lebih; bawaan: semua)')
    .option('--layanan <slug...>', 'hanya layanan ini (satu atau lebih; bawaan: semua)')
    .option('-o, --out <folder>', 'folder hasil (dibuat bila belum ada)', 'poster')
    .option('--kertas <ukuran>', 'A4, A3 atau F4', 'A4')
    .option('--mode <mode>', 'isi kode QR: teks (bisa tanpa internet) atau url (tautan ke situs)', 'teks')
    .option('--base-url <url>', 'alamat situs untuk --mode url, mis. https://kecamatan.go.id/paten')
    .option('--gabung', 'tulis juga satu PDF gabungan semua desa untuk sekali cetak')
    .option('--template <berkas>', 'templat tata letak JSON (bawaan: templates/poster.json)')
    .option('--bersihkan', 'hapus juga poster desa lain yang tidak diminta dengan --desa (folder = daftar isi)')
    .action(async (o: { desa?: string[]; layanan?: string[]; out: string; kertas: string; mode: string; baseUrl?: string; gabung?: boolean; template?: string; bersihkan?: boolean }, command: Command) => {
      const ctx = context(command);
      const started = Date.now();
      if (!ctx.json && stderrIsTTY()) info(c.dim('Memeriksa katalog, desa dan tata letak poster…'));
      const plan = await planPosters(ctx.db(), { ...o, mode: parseMode(o.mode) });
      const bar = ctx.json ? undefined : progress(plan.desa.length, 'Membuat poster');
      // Said before anything is removed: the folder is shared, and other desa's posters may be in it.
      const onStale = (files: string[], removing: boolean) => {
        if (ctx.json) return;
        const list = files.slice(0, 5).join(', ') + (files.length > 5 ? `, … ${files.length - 5} lagi` : '');
        if (removing) info(`Menghapus ${files.length} berkas lama di ${plan.outDir} yang tidak ada di daftar isi baru: ${list}`);
        else info(c.dim(`  ${files.length} berkas lain di folder dibiarkan (poster desa yang tidak diminta): ${list}; --bersihkan untuk menghapusnya.`));
      };
      const manifest = await withInterrupt((signal) => writePosters(plan, (done, _total, label) => bar?.tick(done, label), onStale, { signal })).catch((e: unknown) => {
        bar?.done();
        if (isAbort(e)) info(`Folder ${plan.outDir} tidak diubah.`);
        throw e;
      });
      bar?.done();
      const ms = Date.now() - started;
      const halaman = manifest.poster.reduce((s, p) => s + p.halaman, 0);
      if (ctx.json) {
        printJson({
          folder: plan.outDir,
          poster: manifest.poster.map((p) => ({ kode: p.kode, desa: p.desa, berkas: path.join(plan.outDir, p.berkas), halaman: p.halaman, sha256: p.sha256 })),
          gabungan: manifest.gabungan ? path.join(plan.outDir, manifest.gabungan.berkas) : null,
          manifest: [path.join(plan.outDir, MANIFEST_JSON), path.join(plan.outDir, MANIFEST_CSV)],
          layanan: manifest.layanan.length,
          dilewati: manifest.dilewati,
          detik: ms / 1000,
        });
        if (plan.dilewati.length) throw dilewatiError(plan, true);
        return;
      }
      success(`${manifest.poster.length} poster (${halaman} halaman, ${manifest.layanan.length} layanan, kertas ${plan.kertas}) ditulis ke ${plan.outDir} dalam ${seconds(ms)} detik.`);
      if (manifest.gabungan) info(`  Gabungan untuk sekali cetak: ${path.join(plan.outDir, manifest.gabungan.berkas)} (${manifest.gabungan.halaman} halaman)`);
      info(c.dim(`  Daftar isi: ${MANIFEST_JSON} dan ${MANIFEST_CSV} di folder yang sama.`));
      if (halaman > manifest.poster.length && plan.kertas !== 'A3') info(c.dim('  Poster lebih dari satu halaman: coba --kertas A3 untuk lebih sedikit lembar per desa.'));
      if (plan.tidakTercetak.length)
        warn(
          `Huruf poster (Latin) tidak memuat sebagian karakter; tercetak sebagai "?": ${plan.tidakTercetak.slice(0, 5).join(', ')}` +
            (plan.tidakTercetak.length > 5 ? ` dan ${plan.tidakTercetak.length - 5} lagi` : '') + '. Periksa ejaannya di daftar desa atau katalog.',
        );
      // The posters of the other layanan are complete; the run still fails so a script notices.
      if (plan.dilewati.length) throw dilewatiError(plan, true);
    });

  qr.command('situs')
    .description('tulis halaman HTML statis (indeks + satu per layanan) untuk poster --mode url')
    .requiredOption('-o, --out <folder>', 'folder hasil; unggah isinya ke alamat --base-url')
    .option('--base-url <url>', 'alamat tempat halaman diunggah (sama dengan qr generate --base-url)')
    .option('--layanan <slug...>', 'hanya layanan ini (satu atau lebih; bawaan: semua)')
    .option('--template <berkas>', 'templat (judul dan warna diambil dari sini)')
    .option('--hasil <berkas>', 'halaman hasil SKM (dari `paten report ikm --format html`): disalin ke folder sebagai hasil-skm.html dan ditautkan dari indeks')
    .action((o: { out: string; baseUrl?: string; layanan?: string[]; template?: string; hasil?: string }, command: Command) => {
      const ctx = context(command);
      const baseUrl = o.baseUrl !== undefined ? parseBaseUrl(o.baseUrl) : null;
      const r = writeSitus(ctx.db(), { out: o.out, baseUrl, layanan: o.layanan, template: o.template, hasil: o.hasil });
      if (ctx.json) return printJson(r);
      success(`${r.halaman.length} halaman HTML (indeks + ${r.tautan.length} layanan${r.hasil?.baru ? ' + hasil SKM' : ''}) ditulis ke ${r.folder}.`);
      if (r.hasil) info(`  Hasil SKM "${r.hasil.judul}" ditautkan dari indeks: ${r.hasil.berkas}${r.hasil.baru ? '' : ' (dari pembuatan sebelumnya; ganti dengan --hasil BERKAS)'}.`);
      if (baseUrl) info(`  Unggah isi folder itu ke ${baseUrl}/ sehingga ${r.tautan[0].url} membuka halaman layanannya.`);
      else info(c.dim('  Unggah isi folder itu ke situs kecamatan; alamatnya dipakai sebagai --base-url untuk `paten qr generate --mode url`.'));
    });
}
