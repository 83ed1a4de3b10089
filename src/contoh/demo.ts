/**
 * `paten demo`: builds a sample database in a folder and runs the main jobs end to end on it.
 * Each feature adds one step to DEMO_STEPS; a step takes the open database and the output folder
 * and returns what it produced, for the summary.
 */
import path from 'node:path';
import type { Db } from '../db/index.js';
import { loadContoh } from './index.js';
import { writeFileAtomic, toCsv } from '../core/csv.js';
import { DESA_CSV_HEADER, desaCsvRows } from '../desa/index.js';
import { catalogToJson, catalogToCsvRows, LAYANAN_CSV_HEADER, listLayanan } from '../layanan/index.js';
import { importContohSkm, loadContohPopulasi } from './survey.js';
import { formatAngka } from '../core/format.js';
import { bazarDemo } from './bazar.js';

export interface DemoContext {
  db: Db;
  dbPath: string;
  outDir: string;
}

export interface DemoResult {
  /** One line of summary, in Indonesian. */
  ringkasan: string;
  /** Files written (absolute paths). */
  berkas: string[];
}

export interface DemoStep {
  judul: string;
  run(ctx: DemoContext): Promise<DemoResult> | DemoResult;
}

const contoh: DemoStep = {
  judul: 'Data contoh Kecamatan Kemlagi',
  run({ db }) {
    const r = loadContoh(db);
    const desa = r.desa.baru.length + r.desa.diubah.length + r.desa.tetap.length;
    const layanan = r.layanan.baru.length + r.layanan.diubah.length + r.layanan.tetap.length;
    return { ringkasan: `profil, ${desa} desa dan ${layanan} layanan PATEN dimuat`, berkas: [] };
  },
};

const survei: DemoStep = {
  judul: 'Impor contoh ekspor SKM (data/skm-contoh-*.csv, *.xlsx)',
  async run({ db }) {
    const r = await importContohSkm(db);
    if (r.length === 0) return { ringkasan: 'tidak ada contoh ekspor SKM di data/; dilewati', berkas: [] };
    const rows = r.reduce((a, f) => a + f.baris, 0);
    const pop = loadContohPopulasi(db).map((p) => `${p.tahun}: ${formatAngka(p.populasi)}`);
    return {
      ringkasan: `${r.map((f) => `${f.berkas} (batch ${f.batch})`).join(', ')}: ${formatAngka(rows)} jawaban diimpor` + (pop.length ? `; populasi ${pop.join(', ')}` : ''),
      berkas: [],
    };
  },
};

const ekspor: DemoStep = {
  judul: 'Ekspor desa dan katalog (untuk diedit di Excel)',
  run({ db, outDir }) {
    const desaCsv = path.join(outDir, 'desa.csv');
    const katalogJson = path.join(outDir, 'layanan.json');
    const katalogCsv = path.join(outDir, 'layanan.csv');
    writeFileAtomic(desaCsv, toCsv([...DESA_CSV_HEADER], desaCsvRows(db)));
    const items = listLayanan(db);
    writeFileAtomic(katalogJson, catalogToJson(items));
    writeFileAtomic(katalogCsv, toCsv([...LAYANAN_CSV_HEADER], catalogToCsvRows(items)));
    return { ringkasan: 'desa.csv, layanan.json dan layanan.csv ditulis', berkas: [desaCsv, katalogJson, katalogCsv] };
  },
};

/** Latest year with survey data and, when there is an earlier one, the earliest for comparison. */
async function tahunSurvei(db: Db): Promise<{ tahun: number; banding?: number } | null> {
  const { tahunTersedia } = await import('../ikm/store.js');
  const t = tahunTersedia(db);
  if (t.length === 0) return null;
  return { tahun: t[t.length - 1], banding: t.length > 1 ? t[0] : undefined };
}

/** A step that needs survey responses: says so and skips when the demo database has none. */
function langkahSurvei(judul: string, run: (ctx: DemoContext, th: { tahun: number; banding?: number }) => Promise<DemoResult>): DemoStep {
  return {
    judul,
    async run(ctx) {
      const th = await tahunSurvei(ctx.db);
      if (!th) return { ringkasan: 'belum ada jawaban survei di basis data demo; langkah ini dilewati', berkas: [] };
      return run(ctx, th);
    },
  };
}

const ikm = langkahSurvei('Indeks Kepuasan Masyarakat (paten ikm)', async ({ db, outDir }, th) => {
  const { analisisIkm } = await import('../ikm/analisis.js');
  const { tabelBanding, tabelUnsur, isiPolos } = await import('../ikm/tabel.js');
  const { formatAngka } = await import('../core/format.js');
  const a = analisisIkm(db, { tahun: th.tahun, banding: th.banding });
  const h = a.utama.hasil;
  const file = path.join(outDir, `ikm-${th.tahun}.csv`);
  const t = a.banding ? tabelBanding(a) : tabelUnsur(h);
  writeFileAtomic(file, toCsv(t.header, t.rows.map((r) => r.map(isiPolos))));
  let ringkasan = `IKM Tahun ${th.tahun}: ${formatAngka(h.konversi, 2)} (mutu ${h.mutu}, ${h.kinerja}), ${formatAngka(h.responden)} responden`;
  if (a.banding) {
    const p = a.banding.ikm.perubahan.poin;
    ringkasan += `; dibanding ${th.banding}: ${p > 0 ? '+' : ''}${formatAngka(p, 2)} poin`;
  }
  return { ringkasan, berkas: [file] };
});

const laporanIkm = langkahSurvei('Laporan SKM tahunan dan poster hasil (paten report ikm)', async ({ db, outDir }, th) => {
  const { susunLaporan } = await import('../ikm/laporan.js');
  const { laporanPdf, posterPdf } = await import('../ikm/laporan-pdf.js');
  const { writePdfAtomic } = await import('../pdf/document.js');
  const l = susunLaporan(db, { tahun: th.tahun, banding: th.banding });
  const laporan = path.join(outDir, `laporan-skm-${th.tahun}.pdf`);
  const poster = path.join(outDir, `poster-hasil-skm-${th.tahun}.pdf`);
  await writePdfAtomic(await laporanPdf(l), laporan);
  await writePdfAtomic(await posterPdf(l), poster);
  return { ringkasan: `laporan SKM Tahun ${th.tahun} (BAB I–V) dan poster hasil SKM ditulis`, berkas: [laporan, poster] };
});

const kertas: DemoStep = {
  judul: 'Kuesioner SKM kertas dan lembar isiannya (survey kuesioner, survey templat)',
  async run({ db, outDir }) {
    const { isiKuesioner } = await import('../survey/kuesioner.js');
    const { kuesionerPdf } = await import('../survey/kuesioner-render.js');
    const { templatXlsx } = await import('../survey/templat.js');
    const { writePdfAtomic } = await import('../pdf/document.js');
    const isi = isiKuesioner(db);
    const pdf = path.join(outDir, 'kuesioner-skm.pdf');
    const xlsx = path.join(outDir, 'isian-skm.xlsx');
    await writePdfAtomic((await kuesionerPdf(isi)).doc, pdf);
    writeFileAtomic(xlsx, templatXlsx(isi));
    return { ringkasan: `kuesioner satu halaman A4 (${isi.layanan.length} layanan) dan lembar isian .xlsx untuk mengetik hasilnya`, berkas: [pdf, xlsx] };
  },
};

const halamanHasil = langkahSurvei('Halaman hasil SKM untuk situs kecamatan (--format html)', async ({ db, outDir }, th) => {
  const { susunHalaman, halamanHasilSkm } = await import('../ikm/laporan-html.js');
  const file = path.join(outDir, `hasil-skm-${th.tahun}.html`);
  writeFileAtomic(file, halamanHasilSkm(susunHalaman(db, { tahun: th.tahun, banding: th.banding })));
  return { ringkasan: `satu berkas HTML (IKM, sembilan unsur, perbandingan, tindak lanjut) siap diunggah`, berkas: [file] };
});

const bazar: DemoStep = {
  judul: 'Bazar pelayanan: setahun acara, kehadiran instansi dan laporannya',
  run: ({ db, outDir }) => bazarDemo(db, outDir),
};

const poster: DemoStep = {
  judul: 'Poster QR persyaratan PATEN per desa (qr generate --gabung)',
  async run({ db, outDir }) {
    // Loaded here so that `paten --help` does not load the poster modules.
    const { planPosters, writePosters, GABUNGAN, MANIFEST_JSON } = await import('../poster/generate.js');
    const folder = path.join(outDir, 'poster');
    const plan = await planPosters(db, { out: folder, gabung: true });
    const m = await writePosters(plan);
    const halaman = m.poster.reduce((s, p) => s + p.halaman, 0);
    return {
      ringkasan: `${m.poster.length} poster (${halaman} halaman A4, ${m.layanan.length} kode QR per desa) di folder ${folder}; cetak sekaligus: ${GABUNGAN}`,
      berkas: [path.join(folder, GABUNGAN), path.join(folder, MANIFEST_JSON), path.join(folder, m.poster[0].berkas)],
    };
  },
};

const kabupaten: DemoStep = {
  judul: 'Kabupaten: paket dari tiga kecamatan, IKM kabupaten dan laporannya (survey paket, kabupaten …)',
  async run({ db, outDir }) {
    const { kabupatenDemo } = await import('./kabupaten.js');
    return kabupatenDemo(db, outDir);
  },
};

export const DEMO_STEPS: DemoStep[] = [contoh, ekspor, poster, kertas, survei, ikm, laporanIkm, halamanHasil, bazar, kabupaten];
