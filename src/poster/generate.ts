/**
 * `paten qr generate`: one PDF poster per desa (plus, with --gabung, one combined PDF) and a
 * manifest (JSON and CSV). Everything is checked first (desa, layanan, template, logo, output
 * folder, QR sizes, every poster's layout); only then is anything written. A run writes into a
 * hidden staging folder inside the output folder and renames its files into place only when all
 * are complete, so an error or Ctrl+C midway leaves the folder as it was (an older complete set
 * with its manifest included).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { fileWriteError, UserError } from '../core/errors.js';
import { toCsv, writeFileAtomic, writeFileAtomicAsync } from '../core/csv.js';
import { formatTanggal } from '../core/format.js';
import { safeFileSlug } from '../core/paths.js';
import { removeStaleTemps, tempOwner } from '../core/tempfiles.js';
import { listDesa, requireDesa, type Desa } from '../desa/index.js';
import { listLayanan, requireLayanan, type Layanan } from '../layanan/index.js';
import { requireProfil, type Profil } from '../profil/index.js';
import { createPdf, loadPdfKit, MM, PAPER, pdfToBuffer, streamPdfAtomic, type PdfDoc } from '../pdf/document.js';
import { LayananTidakMuat, layoutPoster, layoutProblems, minQrSide, printable, SURVEI_SLUG, type LayoutInput, type Measurer, type PosterLayout, type QrPlacement } from './layout.js';
import { kecamatanLabel, parseBaseUrl, payloadFor, type QrMode } from './payload.js';
import { QrCache, type QrSymbol } from './qr.js';
import { createMeasurer, drawPoster, type RenderAssets } from './render.js';
import { loadTemplate, type PosterTemplate } from './template.js';

export type Kertas = keyof typeof PAPER;

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';
export const GABUNGAN = 'semua-desa.pdf';

export interface GenerateOptions {
  desa?: string[];
  layanan?: string[];
  out: string;
  kertas?: string;
  mode?: QrMode;
  baseUrl?: string;
  gabung?: boolean;
  template?: string;
  /** Remove posters of desa not asked for even when only some desa were (--bersihkan). */
  bersihkan?: boolean;
}

export function parseKertas(v: string | undefined): Kertas {
  const k = (v ?? 'A4').trim().toUpperCase();
  if (k in PAPER) return k as Kertas;
  throw new UserError(`Ukuran kertas "${v}" tidak dikenal (argumen --kertas): pakai A4, A3 atau F4.`);
}

/** Selected layanan in catalog order, each checked to have requirements. */
export function selectLayanan(db: Db, keys: string[] | undefined): Layanan[] {
  const all = listLayanan(db);
  if (all.length === 0)
    throw new UserError('Katalog layanan masih kosong: tidak ada yang bisa dicetak.', { hint: 'Impor katalog dengan `paten layanan import BERKAS.json` (atau coba `paten init --contoh`).' });
  let chosen = all;
  if (keys && keys.length) {
    const ids = new Set(keys.map((k) => requireLayanan(db, k).id));
    chosen = all.filter((l) => ids.has(l.id));
  }
  const empty = chosen.filter((l) => l.persyaratan.length === 0);
  if (empty.length)
    throw new UserError(`Layanan tanpa persyaratan tidak dapat dicetak: ${empty.map((l) => `${l.nama} (${l.slug})`).join(', ')}.`, {
      hint: `Isi persyaratannya dengan \`paten layanan edit ${empty[0].slug} --syarat "…" --syarat "…"\`, atau pilih layanan lain dengan --layanan.`,
    });
  return chosen;
}

export function selectDesa(db: Db, keys: string[] | undefined): Desa[] {
  const all = listDesa(db);
  if (keys && keys.length) {
    const ids = new Set(keys.map((k) => requireDesa(db, k).id));
    return all.filter((d) => ids.has(d.id));
  }
  if (all.length === 0) throw new UserError('Belum ada desa: poster dibuat per desa.', { hint: 'Tambahkan dengan `paten desa import BERKAS.csv` atau `paten desa add`.' });
  return all;
}

/** Windows- and Linux-safe file name, e.g. "3516152001-watesprojo.pdf". */
export function posterFileName(d: { kode: string; nama: string }): string {
  return `${d.kode}-${safeFileSlug(d.nama)}.pdf`;
}

const OWN_FILE = /^(\d{10}-[a-z0-9._-]+\.pdf|manifest\.json|manifest\.csv|semua-desa\.pdf|\..+\.tmp)$/;

/** paten's posters, manifests and temporaries, and the staging folder of a run (see writePosters). */
const isOwnPosterFile = (e: fs.Dirent) => (e.isFile() && OWN_FILE.test(e.name)) || (e.isDirectory() && tempOwner(e.name) !== undefined);

/** Files that Windows Explorer and macOS Finder leave in any folder they show. */
const SYSTEM_FILE = /^(thumbs\.db|desktop\.ini|\.ds_store)$/i;

/** The output folder must be absent, empty or hold only files paten wrote there before. */
export function checkOutDir(dir: string, flag = '--out', isOwn: (e: fs.Dirent) => boolean = isOwnPosterFile, what = 'poster paten'): void {
  if (!fs.existsSync(dir)) return;
  const st = fs.statSync(dir);
  if (!st.isDirectory()) throw new UserError(`${dir} sudah ada dan bukan folder (argumen ${flag}).`);
  const foreign = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !isOwn(e) && !(e.isFile() && SYSTEM_FILE.test(e.name)));
  if (foreign.length) {
    const names = foreign.slice(0, 5).map((e) => e.name + (e.isDirectory() ? '/' : ''));
    throw new UserError(`Folder ${dir} berisi berkas lain yang bukan ${what}: ${names.join(', ')}${foreign.length > 5 ? ` dan ${foreign.length - 5} lagi` : ''}.`, {
      hint: `Pilih folder kosong atau folder baru dengan ${flag} agar tidak ada berkas yang tertimpa.`,
    });
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`Tidak dapat menulis ke folder ${dir}: tidak ada izin menulis (argumen ${flag}).`);
  }
}

export function makeOutDir(dir: string, flag = '--out'): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw new UserError(`Tidak dapat membuat atau menulis folder ${dir} (argumen ${flag}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
}

async function loadLogo(file: string): Promise<{ file: string; aspect: number; data: Buffer }> {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new UserError(`Berkas logo tidak dapat dibaca: ${file}.`, { hint: 'Periksa lokasinya, atau ubah dengan `paten profil set --logo BERKAS.png` (kosongkan dengan --logo "").' });
  }
  const png = data.length > 8 && data.readUInt32BE(0) === 0x89504e47;
  const jpg = data.length > 3 && data[0] === 0xff && data[1] === 0xd8;
  if (!png && !jpg) throw new UserError(`Berkas logo ${file} bukan gambar PNG atau JPG.`);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ autoFirstPage: false }) as PDFKit.PDFDocument & { openImage(src: Buffer): { width: number; height: number } };
  try {
    const img = doc.openImage(data);
    return { file, aspect: img.width / img.height, data };
  } catch (e) {
    throw new UserError(`Berkas logo ${file} rusak atau tidak didukung: ${(e as Error).message}.`);
  }
}

export interface PosterPlan {
  profil: Profil;
  desa: Desa[];
  layanan: Layanan[];
  template: PosterTemplate;
  kertas: Kertas;
  mode: QrMode;
  baseUrl: string | null;
  gabung: boolean;
  outDir: string;
  symbols: Map<string, QrSymbol>;
  logo?: { file: string; aspect: number; data: Buffer };
  /** YYYY-MM-DD: the latest change among the chosen layanan. */
  diperbarui: string;
  measurer: Measurer;
  tileCache: Map<string, unknown>;
  /** Texts the embedded font cannot print in full (shown as "?" on the poster), for a warning. */
  tidakTercetak: string[];
  /** Layanan left out of every poster, each with the reason (the others are still printed). */
  dilewati: Dilewati[];
  /** Whether posters of an earlier run that this run does not write are removed (see removeStalePosters). */
  bersihkan: boolean;
  /** The code to the online SKM form (profile url_survei), printed once on every poster; null without it. */
  survei: QrSymbol | null;
}

export interface Dilewati {
  slug: string;
  nama: string;
  alasan: string;
}

/** Names and requirements with characters the embedded (Latin) font lacks. */
function textsWithMissingGlyphs(m: Measurer, profil: Profil, desa: Desa[], layanan: Layanan[]): string[] {
  const texts = [
    ...desa.map((d) => `desa "${d.nama}"`),
    ...layanan.flatMap((l) => [`layanan "${l.nama}"`, ...l.persyaratan.map((p) => `persyaratan "${p}" (${l.slug})`)]),
    `kecamatan "${profil.nama_kecamatan}"`,
  ];
  return texts.filter((t) => printable(m, t).includes('?') && !t.includes('?'));
}

const qrCache = new QrCache();

/** Checks every input and lays out every poster once; writes nothing. */
export async function planPosters(db: Db, opts: GenerateOptions): Promise<PosterPlan> {
  const kertas = parseKertas(opts.kertas);
  const mode = opts.mode ?? 'teks';
  const baseUrl = mode === 'url' || opts.baseUrl !== undefined ? parseBaseUrl(opts.baseUrl) : null;
  const template = loadTemplate(opts.template);
  const profil = requireProfil(db);
  const layanan = selectLayanan(db, opts.layanan);
  const desa = selectDesa(db, opts.desa);
  const outDir = path.resolve(opts.out);
  checkOutDir(outDir);
  const logo = profil.logo ? await loadLogo(profil.logo) : undefined;
  const symbols = new Map<string, QrSymbol>();
  const dilewati: Dilewati[] = [];
  for (const l of layanan) {
    try {
      const sym = qrCache.get(payloadFor(l, profil, mode, baseUrl ?? undefined), template.qr.koreksi, `${l.nama} (${l.slug})`);
      const need = minQrSide(sym.size, template);
      if (need > template.qr.lebar_maks_mm * MM + 1e-6)
        dilewati.push({ slug: l.slug, nama: l.nama, alasan: `Kode QR ${l.nama} (${l.slug}: ${Math.ceil(need / MM)} mm) tidak dapat dicetak cukup besar dan tajam: isinya terlalu panjang untuk kode selebar paling banyak ${template.qr.lebar_maks_mm} mm dengan modul minimal ${String(template.qr.modul_min_mm).replace('.', ',')} mm.` });
      else symbols.set(l.slug, sym);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      dilewati.push({ slug: l.slug, nama: l.nama, alasan: e.message });
    }
  }
  const diperbarui = layanan.map((l) => l.diperbarui.slice(0, 10)).sort().at(-1)!;
  const survei = profil.url_survei ? surveyCode(profil.url_survei, template) : null;
  const plan: PosterPlan = {
    profil, desa, layanan: layanan.filter((l) => symbols.has(l.slug)), template, kertas, mode, baseUrl, gabung: !!opts.gabung, outDir, symbols, logo, diperbarui,
    measurer: await createMeasurer(), tileCache: new Map(), tidakTercetak: [], dilewati,
    bersihkan: !opts.desa?.length || !!opts.bersihkan,
    survei,
  };
  plan.tidakTercetak = textsWithMissingGlyphs(plan.measurer, profil, desa, layanan);
  layOutEveryDesa(plan);
  return plan;
}

/** The survey code: a short link, so it always fits; refused (naming the profile field) if it does not. */
function surveyCode(url: string, template: PosterTemplate): QrSymbol {
  const sym = qrCache.get(url, template.qr.koreksi, 'formulir survei (profil url_survei)');
  if (minQrSide(sym.size, template) > template.qr.lebar_maks_mm * MM + 1e-6)
    throw new UserError(`Alamat formulir SKM di profil terlalu panjang untuk kode QR yang tajam (${url.length} karakter).`, {
      hint: 'Pakai alamat pendek (mis. https://forms.gle/…) dengan `paten profil set --url-survei URL`.',
    });
  return sym;
}

/** The message when no layanan at all can be printed, or the one after the others were written. */
export function dilewatiError(plan: PosterPlan, written: boolean): UserError {
  const n = plan.dilewati.length;
  const urlHint = plan.mode === 'teks' ? 'Untuk kode yang terlalu panjang pakai --mode url (kode QR berisi tautan pendek ke halaman persyaratan), atau ' : '';
  return new UserError(
    written
      ? `${n} layanan tidak dimuat di poster; poster dengan ${plan.layanan.length} layanan lainnya sudah ditulis ke ${plan.outDir}:`
      : `Tidak ada layanan yang dapat dicetak di poster; tidak ada berkas yang ditulis:`,
    {
      details: plan.dilewati.map((d) => d.alasan),
      hint: `${urlHint}${urlHint ? 'p' : 'P'}erpendek persyaratan layanan itu di katalog (\`paten layanan edit ${plan.dilewati[0].slug}\`); kotak yang terlalu tinggi muat di --kertas A3.`,
    },
  );
}

/**
 * Lays out every desa's poster once, before anything is written. A layanan whose box cannot fit a
 * page is moved to `dilewati` and the layout is made again without it.
 */
function layOutEveryDesa(plan: PosterPlan): void {
  for (;;) {
    if (plan.layanan.length === 0) throw dilewatiError(plan, false);
    try {
      for (const d of plan.desa) layoutFor(plan, d);
      break;
    } catch (e) {
      if (!(e instanceof LayananTidakMuat)) throw e;
      const l = plan.layanan.find((x) => x.slug === e.slug)!;
      plan.dilewati.push({ slug: l.slug, nama: l.nama, alasan: e.message });
      plan.layanan = plan.layanan.filter((x) => x.slug !== e.slug);
      plan.tileCache.clear();
    }
  }
  // Only the header differs between desa (the desa name): checking the poster of the longest name
  // and of the first desa finds any overflow or overlap, before anything is written.
  const { desa, kertas } = plan;
  const longest = desa.reduce((a, d) => (d.nama.length > a.nama.length ? d : a), desa[0]);
  for (const d of new Set([desa[0], longest])) {
    const problems = layoutProblems(layoutFor(plan, d));
    if (problems.length)
      throw new UserError(`Poster Desa ${d.nama} tidak muat rapi di kertas ${kertas}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (dan ${problems.length - 3} lagi)` : ''}.`, {
        hint: 'Perkecil ukuran huruf atau perpendek judul di templat (--template), perpendek nama desa, atau pakai --kertas A3. Tidak ada berkas yang ditulis.',
      });
  }
}

/** The layout of one desa's poster (pure; cheap once the text widths are cached). */
export function layoutFor(plan: PosterPlan, d: Desa): PosterLayout {
  const input: LayoutInput = {
    profil: plan.profil,
    desa: { nama: d.nama, jenis: d.jenis },
    layanan: plan.layanan.map((l) => ({
      slug: l.slug,
      nama: l.nama,
      persyaratan: l.persyaratan,
      waktu: l.waktu,
      biaya: l.biaya,
      modules: plan.symbols.get(l.slug)!.size,
      url: plan.mode === 'url' ? plan.symbols.get(l.slug)!.payload : undefined,
    })),
    template: plan.template,
    paper: PAPER[plan.kertas],
    logo: plan.logo ? { file: plan.logo.file, aspect: plan.logo.aspect } : undefined,
    diperbarui: formatTanggal(plan.diperbarui),
    tileCache: plan.tileCache,
    ...(plan.survei ? { survei: { url: plan.survei.payload, modules: plan.survei.size } } : {}),
  };
  return layoutPoster(plan.measurer, input);
}

export interface ManifestQr {
  slug: string;
  halaman: number;
  /** Box with quiet zone, in points from the page's top-left corner. */
  kotak_pt: { x: number; y: number; w: number; h: number };
  modul_mm: number;
}

export interface ManifestPoster {
  kode: string;
  desa: string;
  berkas: string;
  halaman: number;
  bytes: number;
  sha256: string;
  qr: ManifestQr[];
  /** The survey code on this poster (slug omitted), or null without url_survei. */
  survei: Omit<ManifestQr, 'slug'> | null;
}

export interface Manifest {
  kecamatan: string;
  kabupaten: string;
  kertas: Kertas;
  mode: QrMode;
  base_url: string | null;
  katalog_diperbarui: string;
  layanan: { slug: string; nama: string; payload: string; versi_qr: number; modul: number; koreksi: string }[];
  poster: ManifestPoster[];
  gabungan: { berkas: string; halaman: number; bytes: number; sha256: string } | null;
  /** Layanan not printed on any poster, with the reason. */
  dilewati: Dilewati[];
  /** The survey code every poster carries ("Beri penilaian layanan kami"), or null. */
  survei: { url: string; versi_qr: number; modul: number; koreksi: string } | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function pdfDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function docOptions(plan: PosterPlan, title: string) {
  return {
    title,
    subject: plan.template.judul,
    author: kecamatanLabel(plan.profil),
    keywords: 'PATEN, persyaratan, QR',
    date: pdfDate(plan.diperbarui),
    autoFirstPage: false,
    margin: 0,
  };
}

export function manifestCsv(m: Manifest): string {
  const payload = new Map(m.layanan.map((l) => [l.slug, l.payload]));
  const rows: unknown[][] = [];
  for (const p of m.poster) {
    for (const q of p.qr) rows.push([p.kode, p.desa, p.berkas, p.halaman, p.sha256, q.slug, q.halaman, q.kotak_pt.x, q.kotak_pt.y, q.kotak_pt.w, q.modul_mm, payload.get(q.slug)]);
    const s = p.survei;
    if (s && m.survei) rows.push([p.kode, p.desa, p.berkas, p.halaman, p.sha256, SURVEI_SLUG, s.halaman, s.kotak_pt.x, s.kotak_pt.y, s.kotak_pt.w, s.modul_mm, m.survei.url]);
  }
  return toCsv(['kode_desa', 'desa', 'berkas', 'halaman_poster', 'sha256', 'layanan', 'halaman_qr', 'x_pt', 'y_pt', 'sisi_pt', 'modul_mm', 'isi_qr'], rows);
}

function placement(q: QrPlacement): Omit<ManifestQr, 'slug'> {
  return { halaman: q.page, kotak_pt: { x: round2(q.box.x), y: round2(q.box.y), w: round2(q.box.w), h: round2(q.box.h) }, modul_mm: q.modul_mm };
}

/**
 * Writes one PDF per desa of the plan into `dir` (and draws them into `combined`); `onEach` after
 * each. An aborted `signal` stops it before the next poster.
 */
export async function writePosterFiles(
  plan: PosterPlan,
  dir: string,
  opts: { onEach?: (done: number, label: string) => void; combined?: { doc: PdfDoc; pages: number }; signal?: AbortSignal } = {},
): Promise<ManifestPoster[]> {
  const { onEach, combined, signal } = opts;
  const symbols = plan.survei ? new Map([...plan.symbols, [SURVEI_SLUG, plan.survei]]) : plan.symbols;
  const assets: RenderAssets = { symbols, images: new Map(plan.logo ? [[plan.logo.file, plan.logo.data]] : []) };
  const posters: ManifestPoster[] = [];
  // Files are written while the next poster is drawn; a few at a time, so memory stays flat.
  const writing = new Set<Promise<void>>();
  const failed: unknown[] = [];
  const write = async (file: string, buf: Buffer) => {
    const p = writeFileAtomicAsync(file, buf).catch((e: unknown) => void failed.push(e));
    writing.add(p);
    void p.finally(() => writing.delete(p));
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
  };
  try {
    for (const d of plan.desa) {
      if (failed.length || signal?.aborted) break;
      const layout = layoutFor(plan, d);
      const doc = await createPdf(docOptions(plan, `${plan.template.judul} – Desa ${d.nama}`));
      drawPoster(doc, layout, assets);
      const buf = await pdfToBuffer(doc);
      const berkas = posterFileName(d);
      await write(path.join(dir, berkas), buf);
      if (combined) {
        drawPoster(combined.doc, layout, assets);
        combined.pages += layout.pages.length;
      }
      posters.push(manifestPoster(d, berkas, layout, buf));
      onEach?.(posters.length, d.nama);
    }
  } finally {
    // Also on a failure: no write may still be running when the caller removes the folder.
    await Promise.allSettled(writing);
  }
  if (failed.length) throw failed[0];
  signal?.throwIfAborted();
  return posters;
}

function manifestPoster(d: Desa, berkas: string, layout: PosterLayout, buf: Buffer): ManifestPoster {
  return {
    kode: d.kode,
    desa: d.nama,
    berkas,
    halaman: layout.pages.length,
    bytes: buf.length,
    sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    qr: layout.qr.map((q) => ({ slug: q.slug, ...placement(q) })),
    survei: layout.survei ? placement(layout.survei) : null,
  };
}

const WRITES_IN_FLIGHT = 8;

/**
 * Writes the posters of a checked plan, then the manifest; `onProgress` after each desa. One thread:
 * a second one (the former --inti 2) was never 1.4× faster on 2 cores, since this one already keeps
 * a second core busy with file writes and garbage collection.
 *
 * All or nothing: every file goes into this run's staging folder first and is renamed into the
 * output folder (same disk, so a rename, also on Windows) once all of them are complete, the
 * manifest last. A failure or an aborted `signal` removes the staging folder and leaves the output
 * folder as it was; a run killed outright leaves its staging folder, which the next run removes
 * (core/tempfiles.ts).
 */
export async function writePosters(
  plan: PosterPlan,
  onProgress?: (done: number, total: number, label: string) => void,
  /** Told the posters of an earlier run this run did not write, before they are removed (or kept). */
  onStale?: (files: string[], removing: boolean) => void,
  opts: { signal?: AbortSignal } = {},
): Promise<Manifest> {
  makeOutDir(plan.outDir);
  removeStaleTemps(plan.outDir);
  // Its own per run: runs in one process (the in-process tests) never share one.
  const stage = path.join(plan.outDir, `.paten-qr-${crypto.randomBytes(4).toString('hex')}.${process.pid}.tmp`);
  let manifest: Manifest;
  try {
    fs.rmSync(stage, { recursive: true, force: true });
    makeOutDir(stage);
    manifest = await writeStaged(plan, stage, onProgress, opts.signal);
    moveIntoPlace(stage, plan.outDir, manifest);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  const stale = stalePosters(plan.outDir, manifest);
  if (stale.length) onStale?.(stale, plan.bersihkan);
  if (plan.bersihkan) removeFiles(plan.outDir, stale);
  return manifest;
}

/** The posters, the combined PDF and the manifest of a plan, written into `dir`. */
async function writeStaged(plan: PosterPlan, dir: string, onProgress?: (done: number, total: number, label: string) => void, signal?: AbortSignal): Promise<Manifest> {
  const combined = plan.gabung ? { doc: await createPdf(docOptions(plan, `${plan.template.judul} – ${kecamatanLabel(plan.profil)}`)), pages: 0 } : undefined;
  const combinedOut = combined ? streamPdfAtomic(combined.doc, path.join(dir, GABUNGAN)) : undefined;
  let posters: ManifestPoster[];
  try {
    posters = await writePosterFiles(plan, dir, { onEach: (done, label) => onProgress?.(done, plan.desa.length, label), combined, signal });
  } catch (e) {
    combinedOut?.abort();
    throw e;
  }
  let gabungan: Manifest['gabungan'] = null;
  if (combinedOut) gabungan = { berkas: GABUNGAN, halaman: combined!.pages, ...(await combinedOut.finish()) };
  const manifest = manifestOf(plan, posters, gabungan);
  writeFileAtomic(path.join(dir, MANIFEST_JSON), JSON.stringify(manifest, null, 2) + '\n');
  writeFileAtomic(path.join(dir, MANIFEST_CSV), manifestCsv(manifest));
  return manifest;
}

function manifestOf(plan: PosterPlan, posters: ManifestPoster[], gabungan: Manifest['gabungan']): Manifest {
  return {
    kecamatan: kecamatanLabel(plan.profil),
    kabupaten: plan.profil.kabupaten,
    kertas: plan.kertas,
    mode: plan.mode,
    base_url: plan.baseUrl,
    katalog_diperbarui: plan.diperbarui,
    layanan: plan.layanan.map((l) => {
      const s = plan.symbols.get(l.slug)!;
      return { slug: l.slug, nama: l.nama, payload: s.payload, versi_qr: s.version, modul: s.size, koreksi: plan.template.qr.koreksi };
    }),
    poster: posters,
    gabungan,
    dilewati: plan.dilewati,
    survei: plan.survei ? { url: plan.survei.payload, versi_qr: plan.survei.version, modul: plan.survei.size, koreksi: plan.template.qr.koreksi } : null,
  };
}

/**
 * Renames a complete staged set into the output folder: posters and combined PDF, then the
 * manifest. Each file it replaces is first moved aside into the staging folder, so a rename that
 * fails (a poster open in a PDF viewer on Windows) puts every file back as it was.
 */
function moveIntoPlace(stage: string, outDir: string, m: Manifest): void {
  const names = [...m.poster.map((p) => p.berkas), ...(m.gabungan ? [m.gabungan.berkas] : []), MANIFEST_CSV, MANIFEST_JSON];
  const aside = path.join(stage, '.lama');
  fs.mkdirSync(aside);
  const moved: { name: string; old: boolean; placed: boolean }[] = [];
  try {
    for (const name of names) {
      const target = path.join(outDir, name);
      const step = { name, old: false, placed: false };
      moved.push(step);
      try {
        if (fs.existsSync(target)) {
          fs.renameSync(target, path.join(aside, name));
          step.old = true;
        }
        fs.renameSync(path.join(stage, name), target);
        step.placed = true;
      } catch (e) {
        throw fileWriteError(target, e);
      }
    }
  } catch (e) {
    for (const step of moved.reverse()) putBack(outDir, aside, step);
    throw e;
  }
}

function putBack(outDir: string, aside: string, step: { name: string; old: boolean; placed: boolean }): void {
  const target = path.join(outDir, step.name);
  try {
    if (step.placed) fs.rmSync(target, { force: true });
    if (step.old) fs.renameSync(path.join(aside, step.name), target);
  } catch {
    // Best effort: what could not be put back is named by the error already being thrown.
  }
}

/**
 * Posters of an earlier run that this run did not write (a desa removed or renamed, another --desa
 * selection, a combined PDF without --gabung). A run over every desa removes them, so the folder
 * matches its manifest and nobody prints an outdated poster; a run for some desa keeps the other
 * desa's posters unless --bersihkan. Only paten's own file names (checkOutDir guarantees nothing else).
 */
function stalePosters(dir: string, m: Manifest): string[] {
  const keep = new Set([...m.poster.map((p) => p.berkas), MANIFEST_JSON, MANIFEST_CSV, ...(m.gabungan ? [GABUNGAN] : [])]);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && OWN_FILE.test(e.name) && !e.name.startsWith('.') && !keep.has(e.name))
    .map((e) => e.name)
    .sort();
}

function removeFiles(dir: string, names: string[]): void {
  for (const name of names) {
    try {
      fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // Open in a PDF viewer on Windows (EBUSY/EPERM): the new posters are written; leave it.
    }
  }
}
