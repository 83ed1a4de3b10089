/**
 * `paten survey paket` (a kecamatan's year as one packet file) and `paten kabupaten tambah|list|ikm`
 * (the kabupaten office loading packets and computing its IKM). Logic lives in src/kabupaten/.
 */
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, success } from '../output.js';
import { writeFileAtomic } from '../../core/csv.js';
import { formatAngka, formatTanggal } from '../../core/format.js';
import { parseTahunArg } from '../../ikm/periode.js';
import { UNSUR } from '../../skm/unsur.js';
import { buildPaket } from '../../kabupaten/paket.js';
import { listPaket, getWilayah, tambahPaket } from '../../kabupaten/index.js';
import { ikmKabupaten } from '../../kabupaten/ikm.js';

const angka2 = (x: number) => formatAngka(x, 2);

/** Adds `survey paket` to the survey command. */
export function registerSurveyPaket(survey: Command): void {
  survey
    .command('paket')
    .description('tulis hasil survei setahun sebagai satu berkas paket kecil untuk kabupaten (agregat saja, tanpa jawaban per responden)')
    .requiredOption('--tahun <tahun>', 'tahun survei, mis. 2025')
    .requiredOption('--out <berkas>', 'berkas paket yang ditulis, mis. kemlagi-2025.paket')
    .option('--dengan-saran', 'sertakan teks saran/masukan responden')
    .action((o: { tahun: string; out: string; denganSaran?: boolean }, command: Command) => {
      const ctx = context(command);
      const tahun = parseTahunArg(o.tahun);
      const p = buildPaket(ctx.db(), tahun, { denganSaran: !!o.denganSaran });
      writeFileAtomic(o.out, p.bytes);
      const r = {
        berkas: o.out,
        kecamatan: p.isi.meta.kecamatan,
        tahun,
        responden: Number(p.isi.meta.responden),
        baris_agregat: p.isi.agregat.length,
        saran: p.isi.saran.length,
        ukuran: p.bytes.length,
        sha256: p.sha256,
      };
      if (ctx.json) return printJson(r);
      success(`Paket Kecamatan ${r.kecamatan} tahun ${tahun} ditulis ke ${o.out}: ${formatAngka(r.responden)} responden, ${formatAngka(r.ukuran)} bita.`);
      info(c.dim(o.denganSaran ? `Termasuk ${formatAngka(r.saran)} teks saran.` : 'Tanpa teks saran (tambahkan --dengan-saran untuk menyertakannya).'));
    });
}

export function registerKabupaten(program: Command): void {
  const kab = program.command('kabupaten').description('kantor kabupaten: muat paket dari kecamatan dan hitung IKM kabupaten');
  kab
    .command('tambah')
    .description('muat satu atau beberapa berkas paket kecamatan (basis data kabupaten dibuat bila belum ada)')
    .argument('<berkas...>', 'berkas .paket dari `paten survey paket`')
    .action((files: string[], _o, command: Command) => {
      const ctx = context(command);
      const hasil = tambahPaket(ctx.db({ create: true }), files);
      if (ctx.json) return printJson(hasil);
      for (const h of hasil) {
        const ganti = h.menggantikan ? ` (menggantikan paket sebelumnya ${h.menggantikan.berkas}, ${formatAngka(h.menggantikan.responden)} responden)` : '';
        success(`Kecamatan ${h.kecamatan} tahun ${h.tahun}: ${formatAngka(h.responden)} responden dimuat dari ${h.berkas}${ganti}.`);
      }
    });
  kab
    .command('list')
    .description('tampilkan paket kecamatan yang sudah dimuat')
    .action((_o, command: Command) => {
      const ctx = context(command);
      const db = ctx.db();
      const rows = listPaket(db);
      if (ctx.json) return printJson({ wilayah: getWilayah(db) ?? null, paket: rows.map(({ id: _id, kunci: _k, ...r }) => r) });
      if (rows.length === 0) return info('Belum ada paket kecamatan. Muat dengan `paten kabupaten tambah BERKAS.paket …`.');
      const w = getWilayah(db)!;
      print(c.bold(`${w.kabupaten}, ${w.provinsi}`));
      print(
        renderTable(
          ['Kecamatan', 'Kode', 'Tahun', 'Responden', 'Data s.d.', 'Berkas'],
          rows.map((r) => [r.kecamatan, r.kode_wilayah ?? '', r.tahun, formatAngka(r.responden), formatTanggal(r.dibuat), r.berkas]),
          { right: [2, 3] },
        ),
      );
      info(c.dim(`${rows.length} paket`));
    });
  kab
    .command('ikm')
    .description('IKM per kecamatan dan IKM kabupaten untuk satu tahun')
    .requiredOption('--tahun <tahun>', 'tahun, mis. 2025')
    .option('--banding <tahun>', 'bandingkan dengan tahun lain')
    .action((o: { tahun: string; banding?: string }, command: Command) => {
      const ctx = context(command);
      const r = ikmKabupaten(ctx.db(), parseTahunArg(o.tahun), o.banding === undefined ? null : parseTahunArg(o.banding, '--banding'));
      const unsur = (h: (typeof r)['gabungan']) => Object.fromEntries(h.unsur.map((u) => [u.key, u.konversi]));
      if (ctx.json)
        return printJson({
          tahun: r.tahun,
          banding: r.banding,
          kecamatan: r.baris.map((b) => ({
            peringkat: b.peringkat,
            kecamatan: b.kecamatan,
            kode_wilayah: b.kode_wilayah,
            responden: b.responden,
            ikm: b.hasil.ikm,
            konversi: b.hasil.konversi,
            mutu: b.hasil.mutu,
            kinerja: b.hasil.kinerja,
            unsur: unsur(b.hasil),
            perubahan: b.perubahan,
          })),
          kabupaten: {
            semua_responden: { cara: 'n dan jumlah nilai per unsur dijumlahkan atas semua responden kabupaten', responden: r.gabungan.responden, ikm: r.gabungan.ikm, konversi: r.gabungan.konversi, mutu: r.gabungan.mutu, kinerja: r.gabungan.kinerja, unsur: unsur(r.gabungan) },
            rerata_kecamatan: { cara: 'rata-rata nilai konversi IKM kecamatan, tiap kecamatan berbobot sama', ...r.rerata },
          },
        });
      print(c.bold(`IKM kabupaten tahun ${r.tahun}`));
      const head = ['#', 'Kecamatan', 'Responden', 'IKM', 'Mutu', ...UNSUR.map((_, i) => `U${i + 1}`)];
      if (r.banding !== null) head.push(`Δ ${r.banding}`);
      const rows = r.baris.map((b) => {
        const row: (string | number)[] = [b.peringkat, b.kecamatan, formatAngka(b.responden), angka2(b.hasil.konversi), b.hasil.mutu, ...b.hasil.unsur.map((u) => angka2(u.konversi))];
        if (r.banding !== null) row.push(b.perubahan ? (b.perubahan.poin > 0 ? '+' : '') + angka2(b.perubahan.poin) : '–');
        return row;
      });
      print(renderTable(head, rows, { right: [0, 2, 3, ...UNSUR.map((_, i) => 5 + i)] }));
      print(`Kabupaten, atas semua ${formatAngka(r.gabungan.responden)} responden: ${angka2(r.gabungan.konversi)} (${r.gabungan.mutu}, ${r.gabungan.kinerja})`);
      print(`Rata-rata IKM ${r.rerata.kecamatan} kecamatan (tiap kecamatan berbobot sama): ${angka2(r.rerata.konversi)} (${r.rerata.mutu}, ${r.rerata.kinerja})`);
      info(c.dim('Unsur U1–U9 menurut urutan definisi PermenPANRB 14/2017.'));
    });
}
