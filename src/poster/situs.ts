/**
 * `paten qr situs`: static, mobile-friendly HTML pages matching `--mode url` posters. The QR code
 * holds BASE/SLUG; this writes DIR/index.html and DIR/SLUG/index.html, so uploading DIR's content
 * to BASE makes every code open its layanan's page. Plain files, no scripts, one inline stylesheet.
 * With --hasil, the SKM results page (`paten report ikm --format html`) is copied in as
 * hasil-skm.html and linked from the index, so the kecamatan uploads one folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { fileReadError, writeFileAtomic } from '../core/csv.js';
import { UserError } from '../core/errors.js';
import { formatTanggal } from '../core/format.js';
import type { Layanan } from '../layanan/index.js';
import { requireProfil, type Profil } from '../profil/index.js';
import { checkOutDir, makeOutDir, selectLayanan } from './generate.js';
import { kecamatanLabel, kontakLine } from './payload.js';
import { loadTemplate } from './template.js';

export interface SitusOptions {
  out: string;
  layanan?: string[];
  baseUrl?: string | null;
  template?: string;
  /** The SKM results page to copy in and link (`paten report ikm --format html` output). */
  hasil?: string;
}

export interface SitusResult {
  folder: string;
  halaman: string[];
  tautan: { slug: string; url: string | null; berkas: string }[];
  /** The results page in the folder (copied now, or kept from an earlier run), or null. */
  hasil: { berkas: string; judul: string; url: string | null; baru: boolean } | null;
}

/** Where the results page goes: one fixed name, so its address stays the same year after year. */
export const HASIL_SKM = 'hasil-skm.html';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(title: string, body: string, colour: string, canonical: string | null): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>${canonical ? `\n<link rel="canonical" href="${esc(canonical)}">` : ''}
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#1a1a1a;background:#f6f8fb;line-height:1.5}
header{background:${colour};color:#fff;padding:1rem}
header p{margin:0;font-size:.9rem;opacity:.9}
h1{margin:.2rem 0 0;font-size:1.35rem}
main{max-width:42rem;margin:0 auto;padding:1rem}
section{background:#fff;border:1px solid #dde4ee;border-radius:.5rem;padding:.75rem 1rem;margin-bottom:1rem}
h2{font-size:1.05rem;margin:.2rem 0 .5rem;color:${colour}}
li{margin:.2rem 0}
a{color:${colour}}
.meta{color:#555;font-size:.9rem}
footer{color:#555;font-size:.85rem;padding:0 1rem 2rem;max-width:42rem;margin:0 auto}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function contact(p: Profil, diperbarui: string): string {
  const lines = [esc(kecamatanLabel(p)) + (p.alamat ? ` – ${esc(p.alamat)}` : ''), p.jam_layanan ? `Jam layanan: ${esc(p.jam_layanan)}` : null, kontakLine(p) ? esc(kontakLine(p)!) : null, p.email ? esc(p.email) : null];
  return `<footer>${lines.filter(Boolean).join('<br>')}<br>Persyaratan sesuai katalog layanan per ${formatTanggal(diperbarui)}.</footer>`;
}

function list(title: string, items: string[]): string {
  if (!items.length) return '';
  return `<section><h2>${title}</h2><ol>${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ol></section>`;
}

function layananPage(l: Layanan, p: Profil, colour: string, base: string | null): string {
  const facts: [string, string | null][] = [
    ['Waktu penyelesaian', l.waktu],
    ['Biaya', l.biaya],
    ['Produk layanan', l.produk],
    ['Dasar hukum', l.dasar_hukum],
    ['Catatan', l.catatan],
  ];
  const body = `<header><p>${esc(kecamatanLabel(p))}, ${esc(p.kabupaten)}</p><h1>${esc(l.nama)}</h1></header>
<main>
${list('Persyaratan', l.persyaratan)}
${list('Prosedur', l.prosedur)}
<section>${facts.filter(([, v]) => v).map(([k, v]) => `<p><strong>${k}:</strong> ${esc(v!)}</p>`).join('\n')}</section>
<p><a href="../">← Semua layanan</a></p>
</main>
${contact(p, l.diperbarui.slice(0, 10))}`;
  return page(`${l.nama} – ${kecamatanLabel(p)}`, body, colour, base ? `${base}/${l.slug}` : null);
}

function indexPage(items: Layanan[], p: Profil, judul: string, colour: string, base: string | null, diperbarui: string, hasil: string | null): string {
  const skm: string[] = [];
  if (hasil) skm.push(`<li><a href="${HASIL_SKM}">Hasil Survei Kepuasan Masyarakat (SKM)</a> <span class="meta">– ${esc(hasil)}</span></li>`);
  if (p.url_survei) skm.push(`<li><a href="${esc(p.url_survei)}">Beri penilaian layanan kami</a> <span class="meta">– isi survei kepuasan secara daring</span></li>`);
  const body = `<header><p>${esc(kecamatanLabel(p))}, ${esc(p.kabupaten)}</p><h1>${esc(judul)}</h1></header>
<main>
<section><ul>${items.map((l) => `<li><a href="${l.slug}/">${esc(l.nama)}</a> <span class="meta">– ${l.persyaratan.length} persyaratan, ${esc(l.biaya)}</span></li>`).join('\n')}</ul></section>
${skm.length ? `<section><h2>Survei Kepuasan Masyarakat</h2><ul>${skm.join('\n')}</ul></section>\n` : ''}</main>
${contact(p, diperbarui)}`;
  return page(`${judul} – ${kecamatanLabel(p)}`, body, colour, base ? `${base}/` : null);
}

/** Names this command writes: index.html and SLUG/ folders (checked so nothing foreign is overwritten). */
function isOwnSitusEntry(dir: string, e: fs.Dirent): boolean {
  if (e.isFile()) return e.name === 'index.html' || e.name === HASIL_SKM || /^\..+\.tmp$/.test(e.name);
  if (!e.isDirectory() || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(e.name)) return false;
  return fs.readdirSync(path.join(dir, e.name)).every((f) => f === 'index.html' || /^\..+\.tmp$/.test(f));
}

/** Text of an HTML fragment without tags and with the five basic entities decoded. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads and checks a --hasil file: an HTML page; returns its bytes and its title. */
export function readHasil(file: string): { data: Buffer; judul: string } {
  let data: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new UserError(`${file} adalah folder, bukan berkas halaman hasil SKM (argumen --hasil).`);
    data = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = fileReadError(file, e);
    throw new UserError(`${err.message.replace(/\.$/, '')} (argumen --hasil).`, { hint: err.hint, details: err.details });
  }
  const text = data.toString('utf8');
  if (!/\.html?$/i.test(file) || !/<html[\s>]/i.test(text))
    throw new UserError(`${file} bukan halaman HTML (argumen --hasil).`, { hint: 'Buat halamannya dengan `paten report ikm --tahun TAHUN --format html --out hasil-skm.html`.' });
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  return { data, judul: (title && plainText(title[1])) || path.basename(file) };
}

export function writeSitus(db: Db, opts: SitusOptions): SitusResult {
  const template = loadTemplate(opts.template);
  const profil = requireProfil(db);
  const items = selectLayanan(db, opts.layanan);
  const folder = path.resolve(opts.out);
  const given = opts.hasil !== undefined ? readHasil(opts.hasil) : null;
  checkOutDir(folder, '--out', (e) => isOwnSitusEntry(folder, e), 'halaman situs paten');
  // Without --hasil, a results page copied by an earlier run stays and stays linked.
  const keptFile = path.join(folder, HASIL_SKM);
  const kept = !given && fs.existsSync(keptFile) ? readHasil(keptFile) : null;
  const hasil = given ?? kept;
  const base = opts.baseUrl ?? null;
  const colour = template.warna.utama;
  const diperbarui = items.map((l) => l.diperbarui.slice(0, 10)).sort().at(-1)!;
  const written: string[] = [];
  makeOutDir(folder);
  const tautan: SitusResult['tautan'] = [];
  for (const l of items) {
    const file = path.join(folder, l.slug, 'index.html');
    writeFileAtomic(file, layananPage(l, profil, colour, base));
    written.push(file);
    tautan.push({ slug: l.slug, url: base ? `${base}/${l.slug}` : null, berkas: path.join(l.slug, 'index.html') });
  }
  if (given) {
    writeFileAtomic(keptFile, given.data);
    written.push(keptFile);
  }
  const index = path.join(folder, 'index.html');
  writeFileAtomic(index, indexPage(items, profil, template.judul, colour, base, diperbarui, hasil?.judul ?? null));
  written.unshift(index);
  return {
    folder,
    halaman: written,
    tautan,
    hasil: hasil ? { berkas: HASIL_SKM, judul: hasil.judul, url: base ? `${base}/${HASIL_SKM}` : null, baru: !!given } : null,
  };
}
