import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, success, warn } from '../output.js';
import { canPrompt, choose, confirm, need } from '../prompt.js';
import { progress } from '../progress.js';
import { formatAngka, formatTanggal, formatTanggalJam, isValidIsoDate } from '../../core/format.js';
import { columnLetters, formatProblem, UserError } from '../../core/errors.js';
import { ENCODING_NAMA, type SurveyEncoding } from '../../survey/csv-stream.js';
import {
  getBatch,
  listBatches,
  listMappingProfil,
  listPopulasi,
  removeBatch,
  removeMappingProfil,
  setPopulasi,
  type Batch,
} from '../../survey/store.js';
import {
  importSurveyFiles,
  mappingError,
  mappingToProfil,
  namaTabel,
  prepareSurveyTables,
  remap,
  urutanKantor,
  URUTAN_NAMA,
  type BarisSamaAturan,
  type FileReport,
  type PreparedFile,
} from '../../survey/import.js';
import { isUnsurKey, kalimatTanggal, namaTarget, parseMapArg, pendek, type PetaEntri } from '../../survey/mapping.js';
import type { UrutanTanggal } from '../../survey/tanggal.js';
import { cocokkanUlang, type TeksTidakCocok } from '../../survey/cocok.js';
import { openSurveyFile } from '../../survey/sumber.js';
import { kodeUnsur, unsur, urutanUnsur, type UnsurKey, type UrutanUnsur } from '../../skm/unsur.js';
import { collect, confirmOrYes, parseIntArg } from './common.js';
import { registerSurveyPaket } from './kabupaten.js';
import { registerSurveyKertas } from './survey-kertas.js';


interface ImportFlags {
  map?: string[];
  barisSama?: string;
  lembar?: string[];
  tanggal?: string;
  profil?: string;
  simpanProfil?: string;
  layanan?: string;
  sumber?: string;
  encoding?: string;
  formatTanggal?: string;
  dryRun?: boolean;
  yes?: boolean;
}

function parseEncoding(v: string | undefined): SurveyEncoding | undefined {
  if (v === undefined) return undefined;
  const t = v.toLowerCase().replace(/[_\s]/g, '-');
  if (t === 'utf-8' || t === 'utf8') return 'utf-8';
  if (t === 'windows-1252' || t === 'cp1252' || t === 'latin1' || t === 'ansi') return 'windows-1252';
  if (t === 'utf-16' || t === 'utf-16le' || t === 'utf16' || t === 'unicode') return 'utf-16le';
  if (t === 'utf-16be') return 'utf-16be';
  throw new UserError(`Encoding "${v}" tidak dikenal (argumen --encoding): pakai utf-8, windows-1252 atau utf-16.`);
}

function parseBarisSama(v: string | undefined): BarisSamaAturan | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'lewati' || t === 'simpan') return t;
  throw new UserError(`Nilai --baris-sama "${v}" tidak dikenal: pakai lewati (unduhan ulang: jangan simpan lagi) atau simpan (responden berbeda: simpan juga).`);
}

function parseTanggalArg(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!isValidIsoDate(t)) throw new UserError(`Tanggal "${v}" tidak dapat dibaca (argumen --tanggal): tulis TTTT-BB-HH, mis. 2025-03-17.`);
  return t;
}

function parseUrutanTanggal(v: string | undefined): UrutanTanggal | undefined {
  if (v === undefined) return undefined;
  const t = v.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'dmy' || t === 'hbt') return 'dmy';
  if (t === 'mdy' || t === 'bht') return 'mdy';
  throw new UserError(`Format tanggal "${v}" tidak dikenal (argumen --format-tanggal): pakai dmy (hari/bulan/tahun) atau mdy (bulan/hari/tahun).`);
}

/** With a terminal: asks which column holds each unmapped or contested unsur. */
async function askMapping(prep: PreparedFile): Promise<PetaEntri[]> {
  const m = prep.mapping.masalah;
  const urutan = prep.urutanUnsur;
  info(c.yellow(`Pemetaan kolom ${namaTabel(prep.table)} belum lengkap:`));
  for (const d of mappingError(prep).details.slice(0, -1)) info(`  - ${d}`);
  const targets: UnsurKey[] = [...m.bentrok.map((b) => b.target).filter(isUnsurKey), ...m.belumTerpetakan];
  const taken = new Set(prep.mapping.kolom.filter((k) => isUnsurKey(k.target)).map((k) => k.index));
  const meta = new Map(prep.mapping.kolom.filter((k) => !isUnsurKey(k.target)).map((k) => [k.index, k.target]));
  const out: PetaEntri[] = [];
  for (const t of urutanUnsur(urutan).filter((k) => targets.includes(k))) {
    // Unmapped columns first, then those read as profile fields (tanggal, layanan, …).
    const choices = prep.header
      .map((h, i) => ({ i, name: `${prep.table.lembar === null ? i + 1 : columnLetters(i + 1)}. ${pendek(h, 70)}${meta.has(i) ? c.dim(` (sekarang: ${namaTarget(meta.get(i)!, urutan)})`) : ''}`, value: String(i + 1) }))
      .filter((ch) => !taken.has(ch.i))
      .sort((a, b) => Number(meta.has(a.i)) - Number(meta.has(b.i)) || a.i - b.i)
      .map(({ name, value }) => ({ name, value }));
    const v = await choose(`Kolom mana berisi ${namaTarget(t, urutan)}?`, [...choices, { name: '(batal)', value: '' }]);
    if (!v) throw new UserError('Dibatalkan; tidak ada yang diimpor.');
    taken.add(Number(v) - 1);
    out.push({ target: t, kolom: v });
  }
  return out;
}

/** One batch in `--json`, with the names survey import uses for the same things (berkas, baris, pemetaan). */
function batchJson(b: Batch) {
  return { id: b.id, berkas: b.file_name, sha256: b.sha256, baris: b.rows, dilewati: b.dilewati, diimpor: b.imported_at, sumber: b.sumber, pemetaan: b.mapping ? JSON.parse(b.mapping) : null };
}

/** "(UTF-8, pemisah ",")" for a CSV file, "(lembar "KTP-el")" for a sheet. */
function asalTabel(r: FileReport): string {
  if (r.format === 'xlsx') return `lembar "${r.lembar}"${r.layanan_lembar ? `, layanan ${r.layanan_lembar}` : ''}`;
  return `${ENCODING_NAMA[r.encoding!]}, pemisah "${r.pemisah}"`;
}

function printSkipped(label: string, d: { jumlah: number; contoh: { baris: number; teks: string }[] }, why: string): void {
  if (!d.jumlah) return;
  const list = d.contoh.map((x) => (x.teks ? `${x.baris} "${x.teks}"` : String(x.baris))).join(', ');
  info(c.dim(`  ${formatAngka(d.jumlah)} ${label} diabaikan (${why}): baris ${list}${d.jumlah > d.contoh.length ? ', …' : ''}`));
}

function printReport(r: FileReport, urutan: UrutanUnsur, dryRun: boolean): void {
  const periode = !r.periode ? '' : r.periode.dari === r.periode.sampai ? `, ${formatTanggal(r.periode.dari)}` : `, ${formatTanggal(r.periode.dari)} – ${formatTanggal(r.periode.sampai)}`;
  const head = `${r.berkas}: ${formatAngka(r.baris)} baris${periode} (${asalTabel(r)})`;
  const sama = r.baris_sama;
  const dari = sama.per_batch.map((g) => `${formatAngka(g.jumlah)} sudah tersimpan (${g.batch !== null ? `batch ${g.batch}` : g.berkas})`);
  const isi = sama.dilewati ? `: ${[...dari, `${formatAngka(r.baru)} baru`].join(', ')}` : '';
  if (dryRun) info(c.bold(`Uji coba ${head}${isi}`));
  else if (r.batch === null) success(`${head}${isi}: tidak ada baris baru, tidak ada batch dibuat.`);
  else success(`${head}${isi ? `${isi};` : ''} diimpor sebagai batch ${r.batch}.`);
  print(
    renderTable(
      ['Kolom', 'Judul di berkas', 'Dipetakan ke', 'Aturan'],
      r.pemetaan.map((p) => [r.format === 'xlsx' ? columnLetters(p.kolom) : p.kolom, p.judul, p.nama, p.aturan_nama]),
      { right: [0], maxWidth: 50 },
    ),
  );
  if (r.kolom_diabaikan.length) info(c.dim(`Kolom diabaikan: ${r.kolom_diabaikan.map((h) => `"${pendek(h, 40)}"`).join(', ')}`));
  if (r.kolom_tanggal) info(c.dim(`T${kalimatTanggal(r.kolom_tanggal).slice(1)}.`));
  if (r.urutan_tanggal && r.urutan_tanggal_ditebak)
    warn(
      `Tanggal dibaca sebagai ${URUTAN_NAMA[r.urutan_tanggal]}, ditebak dari judul kolom: tidak ada tanggal di atas 12 yang memastikan urutannya. ` +
        `Bila keliru, ulangi dengan --format-tanggal ${r.urutan_tanggal === 'dmy' ? 'mdy' : 'dmy'}.`,
    );
  else if (r.urutan_tanggal) info(c.dim(`Tanggal dibaca sebagai ${URUTAN_NAMA[r.urutan_tanggal]}.`));
  if (dryRun) {
    print('');
    print(
      renderTable(
        ['Unsur', 'Nama', '1', '2', '3', '4', 'Kosong'],
        urutanUnsur(urutan).map((k) => {
          const j = r.jawaban[k];
          return [kodeUnsur(k, urutan), unsur(k).nama, formatAngka(j['1']), formatAngka(j['2']), formatAngka(j['3']), formatAngka(j['4']), formatAngka(j.kosong)];
        }),
        { right: [2, 3, 4, 5, 6] },
      ),
    );
  }
  for (const p of r.peringatan) warn(p);
  printSkipped('baris rekap', r.baris_rekap, 'jumlah, rata-rata, NRR, IKM atau mutu; bukan responden');
  printSkipped('baris tanpa jawaban', r.baris_kosong, 'semua unsur kosong; bukan responden');
  if (r.baris_tanpa_tanggal) info(c.dim(`  ${formatAngka(r.baris_tanpa_tanggal)} baris tanpa tanggal diberi tanggal ${formatTanggal(r.periode?.dari ?? '')} (--tanggal).`));
  printTidakCocok('Layanan', r.layanan_tidak_cocok, dryRun, 'paten layanan edit SLUG --tambah-alias "…"');
  printTidakCocok('Desa', r.desa_tidak_cocok, dryRun, 'paten desa edit NAMA --tambah-alias "…"');
  if (sama.jumlah)
    info(
      c.dim(
        `  Baris sama dengan yang sudah ada: ${sama.contoh.map((x) => `baris ${x.baris} = ${x.batch !== null ? `batch ${x.batch}` : x.berkas} baris ${x.baris_tersimpan}`).join('; ')}` +
          (sama.jumlah > sama.dilewati ? ` (${formatAngka(sama.jumlah - sama.dilewati)} tetap disimpan, --baris-sama simpan)` : ''),
      ),
    );
}

/** `"Suka Mulya" × 12 → mungkin "Sukamulia"?` per distinct unmatched text (all of them in a dry run). */
function printTidakCocok(what: string, items: TeksTidakCocok[], all: boolean, fix: string): void {
  if (items.length === 0) return;
  const shown = all ? items : items.slice(0, 10);
  info(`  ${what} tidak cocok (${formatAngka(items.length)} teks berbeda):`);
  for (const x of shown)
    info(c.dim(`    "${pendek(x.teks, 50)}" × ${formatAngka(x.jumlah)} (baris ${x.baris})${x.mirip ? ` → mungkin "${x.mirip}"?` : ''}`));
  if (shown.length < items.length) info(c.dim(`    … dan ${formatAngka(items.length - shown.length)} teks lain: lihat semuanya dengan \`paten survey cocokkan --dry-run\``));
  info(c.dim(`    Tambahkan alias (${fix}); jawaban yang sudah tersimpan ikut tertaut.`));
}

export function registerSurvey(program: Command): void {
  const survey = program.command('survey').description('Survei Kepuasan Masyarakat (SKM): impor, daftar batch, populasi');

  survey
    .command('import')
    .description('impor ekspor SKM (Google Forms, Excel CSV); tiap berkas menjadi satu batch, semua atau tidak sama sekali')
    .argument('<berkas...>', 'berkas CSV (pemisah , ; atau tab; UTF-8, Windows-1252 atau UTF-16) atau buku kerja Excel .xlsx')
    .option('--map <peta>', 'pemetaan kolom, mis. U1=5,U8="Kualitas sarana" (nomor kolom atau judulnya); boleh diulang', collect)
    .option('--profil <nama>', 'pakai profil pemetaan yang tersimpan')
    .option('--simpan-profil <nama>', 'simpan pemetaan yang dipakai sebagai profil bernama ini')
    .option('--lembar <nama>', 'lembar buku kerja .xlsx yang diimpor (bawaan: setiap lembar berisi sembilan unsur); boleh diulang', collect)
    .option('--layanan <slug>', 'layanan untuk baris tanpa kolom/isian jenis layanan')
    .option('--tanggal <TTTT-BB-HH>', 'tanggal untuk baris tanpa tanggal (kuesioner kertas, lembar rekap)')
    .option('--baris-sama <aturan>', 'baris yang sama persis dengan jawaban tersimpan: lewati atau simpan (bawaan: yang berjam dilewati, yang tanpa jam ditanyakan)')
    .option('--sumber <teks>', 'keterangan sumber batch, mis. "Google Form loket 2023"')
    .option('--encoding <encoding>', 'utf-8, windows-1252 atau utf-16 (bawaan: dideteksi)')
    .option('--format-tanggal <urutan>', 'dmy (hari/bulan/tahun) atau mdy (bulan/hari/tahun) (bawaan: dideteksi)')
    .option('--dry-run', 'periksa saja: tampilkan pemetaan, jumlah jawaban dan semua masalah, tanpa menulis')
    .option('--yes', 'jangan bertanya apa pun (pemetaan harus sudah lengkap)')
    .action(async (files: string[], o: ImportFlags, command: Command) => {
      const ctx = context(command);
      const db = ctx.db({ verify: true });
      const urutan = urutanKantor(db);
      const map = parseMapArg(o.map ?? [], urutan);
      const interactive = canPrompt() && !o.yes && !ctx.json;
      const opts = { map, profil: o.profil, urutanTanggal: parseUrutanTanggal(o.formatTanggal), lembar: o.lembar };
      const encoding = parseEncoding(o.encoding);
      const tanggal = parseTanggalArg(o.tanggal);
      const barisSama = parseBarisSama(o.barisSama);
      const preps: PreparedFile[] = [];
      let profilBaru: { nama: string; mapping: string } | undefined;
      const tables: PreparedFile[] = [];
      for (const file of files) {
        const source = prepareSurveyTables(db, await openSurveyFile(file, { encoding }), opts);
        if (!ctx.json) for (const d of source.dilewati) info(c.dim(`${d.berkas}: lembar "${d.lembar}" dilewati (${d.alasan}).`));
        tables.push(...source.tables);
      }
      if (o.lembar?.length && files.some((f) => tables.every((t) => t.facts.file !== f || t.table.lembar === null)))
        warn('--lembar hanya berlaku untuk buku kerja .xlsx; berkas CSV diimpor seluruhnya.');
      for (let prep of tables) {
        if (!prep.mapping.ok && interactive) {
          prep = remap(prep, await askMapping(prep));
          if (!prep.mapping.ok) throw mappingError(prep);
          if (!o.simpanProfil && !o.dryRun && !profilBaru && (await confirm('Simpan pemetaan ini sebagai profil untuk impor berikutnya?', true))) {
            const nama = (await need(undefined, '--simpan-profil', 'Nama profil'))!;
            profilBaru = { nama, mapping: mappingToProfil(prep) };
          }
        }
        if (!prep.mapping.ok) throw mappingError(prep);
        preps.push(prep);
      }
      if (o.simpanProfil) {
        if (o.dryRun) warn('Uji coba: profil pemetaan tidak disimpan.');
        else profilBaru = { nama: o.simpanProfil, mapping: mappingToProfil(preps[0]) };
      }
      const bars = new Map<string, ReturnType<typeof progress>>();
      let result: ReturnType<typeof importSurveyFiles>;
      try {
        result = importSurveyFiles(db, preps, {
          dryRun: o.dryRun,
          layanan: o.layanan,
          tanggal,
          barisSama,
          sumber: o.sumber,
          profilBaru,
          onProgress: (name, read, size, satuan) => {
            const scale = satuan === 'byte' ? 1e6 : 1;
            let bar = bars.get(name);
            if (!bar) bars.set(name, (bar = progress(Math.max(1, Math.ceil(size / scale)), `${name} (${satuan === 'byte' ? 'MB' : 'baris'})`)));
            bar.tick(Math.ceil(read / scale));
            if (read >= size) bar.done();
          },
        });
      } finally {
        bars.forEach((b) => b.done());
      }
      if (ctx.json) printJson(result);
      else for (const r of result.berkas) printReport(r, urutan, !!o.dryRun);
      if (profilBaru && !o.dryRun && !ctx.json) success(`Profil pemetaan "${profilBaru.nama}" disimpan; pakai lagi dengan --profil "${profilBaru.nama}".`);
      if (o.dryRun) {
        if (result.jumlah_masalah > 0) {
          const details = result.masalah.map(formatProblem);
          if (result.jumlah_masalah > details.length) details.push(`… dan ${result.jumlah_masalah - details.length} masalah lain`);
          throw new UserError(`Uji coba: berkas ini tidak dapat diimpor (${result.jumlah_masalah} masalah).`, {
            details,
            hint: 'Perbaiki berkas lalu jalankan lagi; tidak ada yang ditulis.',
          });
        }
        if (!ctx.json) success('Uji coba: tidak ada masalah; tidak ada yang ditulis. Jalankan tanpa --dry-run untuk mengimpor.');
      }
    });

  survey
    .command('list')
    .description('tampilkan batch survei yang sudah diimpor')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const batches = listBatches(ctx.db());
      if (ctx.json) return printJson(batches.map(batchJson));
      if (batches.length === 0) return info('Belum ada batch survei. Impor dengan `paten survey import BERKAS.csv`.');
      print(
        renderTable(
          ['Batch', 'Berkas', 'Baris', 'Dilewati', 'Diimpor', 'SHA-256', 'Sumber'],
          batches.map((b) => [b.id, b.file_name, formatAngka(b.rows), b.dilewati ? formatAngka(b.dilewati) : '', formatTanggalJam(b.imported_at), b.sha256.slice(0, 12), b.sumber]),
          { right: [0, 2, 3], maxWidth: 44 },
        ),
      );
      info(c.dim(`${batches.length} batch, ${formatAngka(batches.reduce((a, b) => a + b.rows, 0))} baris`));
    });

  survey
    .command('cocokkan')
    .description('cocokkan ulang jawaban tersimpan yang desa/layanannya belum cocok (sesudah menambah alias, desa atau layanan)')
    .option('--dry-run', 'hanya tampilkan yang akan tertaut dan yang tetap tidak cocok; tidak ada yang diubah')
    .action((o: { dryRun?: boolean }, command: Command) => {
      const ctx = context(command);
      const r = cocokkanUlang(ctx.db(), !!o.dryRun);
      if (ctx.json) return printJson(r);
      for (const [what, j] of [['Desa', r.desa], ['Layanan', r.layanan]] as const) {
        for (const t of j.tertaut) info(`  ${what} "${pendek(t.teks, 50)}" × ${formatAngka(t.jumlah)} → ${t.ke}`);
        if (j.tidak_cocok.length) {
          info(`  ${what} tetap tidak cocok (${formatAngka(j.tidak_cocok.length)} teks berbeda):`);
          for (const x of j.tidak_cocok) info(c.dim(`    "${pendek(x.teks, 50)}" × ${formatAngka(x.jumlah)}${x.mirip ? ` → mungkin "${x.mirip}"?` : ''}`));
        }
      }
      if (r.uji_coba) info(`${formatAngka(r.jumlah_tertaut)} jawaban akan tertaut (--dry-run: tidak ada yang diubah).`);
      else success(`${formatAngka(r.jumlah_tertaut)} jawaban tersimpan kini tertaut.`);
      if (r.desa.tidak_cocok.length || r.layanan.tidak_cocok.length)
        info(c.dim('Tambahkan alias (paten desa edit NAMA --tambah-alias "…", paten layanan edit SLUG --tambah-alias "…"); jawabannya langsung ikut tertaut.'));
    });

  survey
    .command('remove')
    .description('hapus satu batch beserta semua barisnya (membatalkan impor)')
    .argument('<batch>', 'nomor batch (lihat `paten survey list`)')
    .option('--yes', 'jangan bertanya konfirmasi')
    .action(async (batch: string, o: { yes?: boolean }, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const id = parseIntArg(batch, 'BATCH', { min: 1 });
      const b = getBatch(db, id);
      if (b) await confirmOrYes(o.yes, `Hapus batch ${b.id} (${b.file_name}, ${formatAngka(b.rows)} baris)?`);
      const removed = removeBatch(db, id);
      if (ctx.json) return printJson({ dihapus: batchJson(removed) });
      success(`Batch ${removed.id} (${removed.file_name}) dihapus: ${formatAngka(removed.rows)} baris.`);
    });

  const profil = survey.command('profil').description('profil pemetaan kolom yang tersimpan (untuk --profil)');
  profil
    .command('list', { isDefault: true })
    .description('tampilkan profil pemetaan')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const urutan = urutanKantor(db);
      const items = listMappingProfil(db).map((p) => ({ ...p, mapping: JSON.parse(p.mapping) as PetaEntri[] }));
      if (ctx.json) return printJson(items.map(({ nama, mapping, dibuat }) => ({ nama, pemetaan: mapping, dibuat })));
      if (items.length === 0) return info('Belum ada profil pemetaan. Simpan dengan `paten survey import BERKAS --map … --simpan-profil NAMA`.');
      for (const p of items) {
        print(c.bold(p.nama) + c.dim(`  (${p.dibuat})`));
        for (const e of p.mapping) print(`  ${namaTarget(e.target, urutan)} ← "${pendek(e.kolom, 60)}"`);
      }
    });
  profil
    .command('remove')
    .description('hapus profil pemetaan')
    .argument('<nama>', 'nama profil')
    .action((nama: string, _o, command: Command) => {
      const ctx = context(command);
      const p = removeMappingProfil(ctx.db(), nama);
      if (ctx.json) return printJson({ dihapus: p.nama });
      success(`Profil pemetaan "${p.nama}" dihapus.`);
    });

  registerSurveyPaket(survey);
  registerSurveyKertas(survey);

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
