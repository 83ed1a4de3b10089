/**
 * `paten survey paket` (a kecamatan's year as one packet file) and `paten kabupaten tambah|list|ikm`
 * (the kabupaten office loading packets and computing its IKM). Logic lives in src/kabupaten/.
 */
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, success, warn } from '../output.js';
import { writeFileAtomic } from '../../core/csv.js';
import { formatAngka, formatTanggal, isValidIsoDate } from '../../core/format.js';
import { parseTahunArg } from '../../ikm/periode.js';
import { buildPaket } from '../../kabupaten/paket.js';
import { UserError } from '../../core/errors.js';
import { isiTeks, type Tabel } from '../../ikm/tabel.js';
import { listPaket, getWilayah, tambahPaket } from '../../kabupaten/index.js';
import { belumMengirim, ikmKabupaten, ikmLayananKabupaten, trenKabupaten, type BelumMengirim, type IkmKabupaten, type IkmLayananKabupaten } from '../../kabupaten/ikm.js';
import { kalimatBelumMengirim, tabelLayanan, tabelPeringkat, tabelPeringkatRingkas, tabelTerlemah, tabelTren, tabelTrenKecamatan, tabelUnsurKabupaten } from '../../kabupaten/tabel.js';
import { tulisCsv } from './ikm-run.js';
import { writePdfAtomic } from '../../pdf/document.js';
import { susunLaporanKabupaten } from '../../kabupaten/laporan.js';

const angka2 = (x: number) => formatAngka(x, 2);

function render(t: Tabel): string {
  return renderTable(t.header, t.rows.map((r) => r.map(isiTeks)), { right: t.angka });
}

const PER = ['unsur', 'layanan', 'tahun'] as const;

function parsePer(v: string | undefined): (typeof PER)[number] | null {
  if (v === undefined) return null;
  const x = v.trim().toLowerCase();
  if ((PER as readonly string[]).includes(x)) return x as (typeof PER)[number];
  throw new UserError(`Nilai --per "${v}" tidak dikenal: pakai unsur, layanan atau tahun.`);
}

const unsurJson = (h: IkmKabupaten['gabungan']) => Object.fromEntries(h.unsur.map((u) => [u.key, u.konversi]));
const ujungJson = (u: { kecamatan: string[]; konversi: number } | null) => (u ? { kecamatan: u.kecamatan, konversi: u.konversi } : null);

/** `kabupaten ikm --json`: every figure of the year as plain values. */
function ikmKabupatenJson(r: IkmKabupaten, l: IkmLayananKabupaten, b: BelumMengirim) {
  return {
    tahun: r.tahun,
    banding: r.banding,
    kecamatan: r.baris.map((x) => ({
      peringkat: x.peringkat,
      kecamatan: x.kecamatan,
      kode_wilayah: x.kode_wilayah,
      responden: x.responden,
      ikm: x.hasil.ikm,
      konversi: x.hasil.konversi,
      mutu: x.hasil.mutu,
      kinerja: x.hasil.kinerja,
      unsur: unsurJson(x.hasil),
      unsur_terendah: x.terlemah.map((t) => t.key),
      perubahan: x.perubahan,
    })),
    kabupaten: {
      semua_responden: { cara: 'n dan jumlah nilai per unsur dijumlahkan atas semua responden kabupaten', responden: r.gabungan.responden, ikm: r.gabungan.ikm, konversi: r.gabungan.konversi, mutu: r.gabungan.mutu, kinerja: r.gabungan.kinerja, unsur: unsurJson(r.gabungan) },
      rerata_kecamatan: { cara: 'rata-rata nilai konversi IKM kecamatan, tiap kecamatan berbobot sama', ...r.rerata },
    },
    per_unsur: r.unsur.map((u) => ({ unsur: u.key, kode: u.kode, nama: u.nama, kabupaten: u.kabupaten.konversi, mutu: u.kabupaten.mutu, terendah: ujungJson(u.terendah), tertinggi: ujungJson(u.tertinggi), unsur_terendah_di: u.terlemah_di })),
    per_layanan: {
      layanan: l.baris.map((x) => ({ layanan: x.layanan, kecamatan: x.kecamatan, responden: x.responden, konversi: x.hasil?.konversi ?? null, mutu: x.hasil?.mutu ?? null, terendah: ujungJson(x.terendah), tertinggi: ujungJson(x.tertinggi) })),
      satu_kecamatan: l.satuKecamatan,
    },
    belum_mengirim: { kecamatan: b.kecamatan, kode_wilayah: b.kode, kecamatan_paling_sedikit: b.palingSedikit },
  };
}

function printLayanan(l: IkmLayananKabupaten): void {
  print(c.bold(`IKM per layanan tahun ${l.tahun} (layanan yang namanya sama di dua kecamatan atau lebih)`));
  if (l.baris.length) print(render(tabelLayanan(l)));
  else info('Tidak ada nama layanan yang sama di dua kecamatan atau lebih.');
  if (l.satuKecamatan.length) info(c.dim(`${l.satuKecamatan.length} nama layanan hanya ada di satu kecamatan dan tidak dibandingkan (lihat --json).`));
}

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
        ukuran_byte: p.bytes.length,
        sha256: p.sha256,
      };
      if (ctx.json) return printJson(r);
      success(`Paket Kecamatan ${r.kecamatan} tahun ${tahun} ditulis ke ${o.out}: ${formatAngka(r.responden)} responden, ${formatAngka(r.ukuran_byte)} bita.`);
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
      const tahun = [...new Set(rows.map((r) => r.tahun))];
      const belum = tahun.map((t) => belumMengirim(db, t));
      if (ctx.json)
        return printJson({
          wilayah: getWilayah(db) ?? null,
          paket: rows.map(({ id: _id, kunci: _k, ...r }) => r),
          belum_mengirim: belum.map((b) => ({ tahun: b.tahun, kecamatan: b.kecamatan, kode_wilayah: b.kode, kecamatan_paling_sedikit: b.palingSedikit })),
        });
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
      for (const line of new Set(belum.flatMap(kalimatBelumMengirim))) warn(line);
    });
  kab
    .command('ikm')
    .description('IKM per kecamatan dan IKM kabupaten untuk satu tahun; per unsur, per layanan atau tren dengan --per')
    .requiredOption('--tahun <tahun>', 'tahun, mis. 2025')
    .option('--banding <tahun>', 'bandingkan dengan tahun lain')
    .option('--per <rincian>', 'unsur (tiap unsur antarkecamatan dan unsur terendah tiap kecamatan), layanan (layanan yang namanya sama di beberapa kecamatan) atau tahun (tren)')
    .option('--csv', 'keluarkan tabel sebagai CSV (angka polos)')
    .option('-o, --out <berkas>', 'dengan --csv: tulis ke berkas')
    .option('--pemisah <pemisah>', 'dengan --csv: pemisah kolom , (bawaan), ; atau tab')
    .action((o: { tahun: string; banding?: string; per?: string; csv?: boolean; out?: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const per = parsePer(o.per);
      if (o.out && !o.csv) throw new UserError('--out hanya dipakai bersama --csv.', { hint: 'Untuk laporan PDF: paten kabupaten laporan --tahun TAHUN --out laporan.pdf' });
      const db = ctx.db();
      const tahun = parseTahunArg(o.tahun);
      const r = ikmKabupaten(db, tahun, o.banding === undefined ? null : parseTahunArg(o.banding, '--banding'));
      if (ctx.json) return printJson(ikmKabupatenJson(r, ikmLayananKabupaten(db, tahun), belumMengirim(db, tahun)));
      if (per === 'layanan') {
        const l = ikmLayananKabupaten(db, tahun);
        if (o.csv) return tulisCsv(tabelLayanan(l), o.out, o.pemisah, 'IKM kabupaten per layanan');
        return printLayanan(l);
      }
      if (per === 'tahun') {
        const t = trenKabupaten(db, tahun, Number.MAX_SAFE_INTEGER);
        if (o.csv) return tulisCsv(tabelTrenKecamatan(t, { kabupaten: true, kosong: '' }), o.out, o.pemisah, 'Tren IKM kabupaten');
        print(c.bold(`Tren IKM kabupaten sampai tahun ${tahun}`));
        print(render(tabelTren(t)));
        print();
        return print(render(tabelTrenKecamatan(t)));
      }
      if (per === 'unsur') {
        if (o.csv) return tulisCsv(tabelUnsurKabupaten(r), o.out, o.pemisah, 'IKM kabupaten per unsur');
        print(c.bold(`IKM kabupaten per unsur tahun ${r.tahun} (${r.baris.length} kecamatan)`));
        print(render(tabelUnsurKabupaten(r)));
        print();
        print(c.bold('Unsur terendah tiap kecamatan'));
        return print(render(tabelTerlemah(r)));
      }
      if (o.csv) return tulisCsv(tabelPeringkat(r, { kabupaten: true }), o.out, o.pemisah, 'IKM kabupaten');
      print(c.bold(`IKM kabupaten tahun ${r.tahun}`));
      print(render(tabelPeringkatRingkas(r)));
      print(`Kabupaten, atas semua ${formatAngka(r.gabungan.responden)} responden: ${angka2(r.gabungan.konversi)} (${r.gabungan.mutu}, ${r.gabungan.kinerja})`);
      print(`Rata-rata IKM ${r.rerata.kecamatan} kecamatan (tiap kecamatan berbobot sama): ${angka2(r.rerata.konversi)} (${r.rerata.mutu}, ${r.rerata.kinerja})`);
      for (const line of kalimatBelumMengirim(belumMengirim(db, tahun))) warn(line);
      info(c.dim('Unsur U1–U9 menurut urutan definisi PermenPANRB 14/2017. Rincian: --per unsur, --per layanan, --per tahun.'));
    });
  registerLaporan(kab);
}

/** `kabupaten laporan`: the kabupaten's yearly report as PDF (pdfkit loaded only here). */
function registerLaporan(kab: Command): void {
  kab
    .command('laporan')
    .description('laporan rekapitulasi SKM kecamatan se-kabupaten satu tahun sebagai PDF')
    .requiredOption('--tahun <tahun>', 'tahun, mis. 2025')
    .option('-o, --out <berkas>', 'berkas PDF (bawaan: laporan-kabupaten-TAHUN.pdf)')
    .option('--tanggal <tanggal>', 'tanggal laporan di atas tanda tangan, TTTT-BB-HH (bawaan: 31 Desember tahun itu)')
    .option('--jabatan <jabatan>', 'jabatan penanda tangan (bawaan: Kepala Bagian Organisasi Sekretariat Daerah Kabupaten …)')
    .option('--nama <nama>', 'nama penanda tangan')
    .option('--nip <nip>', 'NIP penanda tangan')
    .option('--tempat <tempat>', 'tempat penandatanganan (bawaan: nama kabupaten)')
    .action(async (o: { tahun: string; out?: string; tanggal?: string; jabatan?: string; nama?: string; nip?: string; tempat?: string }, command: Command) => {
      const ctx = context(command);
      const tahun = parseTahunArg(o.tahun);
      if (o.tanggal !== undefined && !isValidIsoDate(o.tanggal)) throw new UserError(`Tanggal --tanggal "${o.tanggal}" tidak valid: tulis TTTT-BB-HH, mis. ${tahun + 1}-01-15.`);
      const l = susunLaporanKabupaten(ctx.db(), tahun, o);
      const file = o.out ?? `laporan-kabupaten-${tahun}.pdf`;
      const { laporanKabupatenPdf } = await import('../../kabupaten/laporan-pdf.js');
      const bytes = await writePdfAtomic(await laporanKabupatenPdf(l), /\.pdf$/i.test(file) ? file : `${file}.pdf`);
      const r = { berkas: /\.pdf$/i.test(file) ? file : `${file}.pdf`, tahun, kecamatan: l.ikm.baris.length, responden: l.ikm.gabungan.responden, ukuran_byte: bytes };
      if (ctx.json) return printJson(r);
      success(`Laporan kabupaten tahun ${tahun} (${formatAngka(r.kecamatan)} kecamatan, ${formatAngka(r.responden)} responden) ditulis ke ${r.berkas}.`);
      if (!o.nama) info(c.dim('Nama dan NIP penanda tangan dikosongkan untuk diisi tangan; isi dengan --nama dan --nip.'));
    });
}
