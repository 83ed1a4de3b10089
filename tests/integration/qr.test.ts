/**
 * `paten qr generate` end to end on the shipped sample (Kemlagi: 20 desa, 14 layanan), checked as a
 * user would: every QR code cropped from the PDF and decoded with zbarimg, text with pdftotext,
 * word boxes against the printable area and against each other.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages, pdfText } from '../helpers/pdf.js';
import { decodeQrBoxesMany, pdfLayoutProblems, pdfLines } from '../helpers/poster.js';
import { renderPage } from '../helpers/pdf.js';

const MARGIN_PT = (12 * 72) / 25.4; // templates/poster.json margin_mm

interface LayananJson {
  slug: string;
  nama: string;
  persyaratan: string[];
  waktu: string | null;
  biaya: string;
}

/** The teks payload as the issue specifies it, built here from the catalog (not from paten's code). */
function expectedPayload(
  l: LayananJson,
  p: { nama_kecamatan: string; kabupaten: string; alamat: string | null; jam_layanan: string | null; whatsapp: string | null; telepon: string | null },
): string {
  const lines = [l.nama, 'Persyaratan:', ...l.persyaratan.map((s, i) => `${i + 1}. ${s}`)];
  if (l.waktu) lines.push(`Waktu: ${l.waktu}`);
  lines.push(`Biaya: ${l.biaya}`);
  lines.push(`Tempat: Kantor Kecamatan ${p.nama_kecamatan}, ${p.alamat ?? p.kabupaten}`);
  if (p.jam_layanan) lines.push(`Jam layanan: ${p.jam_layanan}`);
  const kontak = [p.whatsapp ? `WA ${p.whatsapp}` : null, p.telepon ? `Telp ${p.telepon}` : null].filter(Boolean);
  if (kontak.length) lines.push(`Kontak: ${kontak.join(' | ')}`);
  // Written out in plain ASCII (a QR code carries no character set; scanners guess it).
  return lines
    .join('\n')
    .replace(/[–—]/g, '-')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/≤/g, '<=')
    .replace(/≥/g, '>=')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Every code zbarimg finds in a PNG (payloads hold newlines, so one symbol per XML element). */
function scanQrAll(png: string): string[] {
  const r = spawnSync('zbarimg', ['--quiet', '--xml', png], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/<data(?: format="[^"]*")?(?: length="\d+")?><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1]);
}
/** The embedded font is a Latin subset: the poster prints stand-ins for ≤ and ≥ (the QR keeps them). */
const printed = (s: string) => flat(s).replace(/≤/g, '<=').replace(/≥/g, '>=');

let dir: string;
let db: string;
let out: string;
let layanan: LayananJson[];
let desa: { kode: string; nama: string }[];
let manifest: any;
let summary: any;

beforeAll(() => {
  dir = tempDir();
  db = sampleDb(dir);
  out = path.join(dir, 'poster');
  layanan = patenJson(['layanan', 'list'], { db });
  desa = patenJson(['desa', 'list'], { db });
  summary = patenJson(['qr', 'generate', '--out', out, '--gabung'], { db });
  manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
});
afterAll(() => cleanup(dir));

describe('qr generate on the sample kecamatan', { tags: ['lambat'] }, () => {
  it('writes one PDF per desa with Windows-safe names, a combined PDF and the manifest', () => {
    expect(desa).toHaveLength(20);
    const files = fs.readdirSync(out).sort();
    const expected = [...desa.map((d) => `${d.kode}-${d.nama.toLowerCase()}.pdf`), 'manifest.csv', 'manifest.json', 'semua-desa.pdf'].sort();
    expect(files).toEqual(expected);
    expect(summary.poster).toHaveLength(20);
    expect(manifest.poster.map((p: any) => p.desa)).toEqual(desa.map((d) => d.nama));
    for (const p of manifest.poster) {
      const file = path.join(out, p.berkas);
      expect(p.sha256).toBe(fileHash(file));
      expect(p.halaman).toBe(pdfPages(file));
      expect(pdfInfo(file)['Page size']).toMatch(/595\.28 x 841\.89/);
      expect(p.qr.map((q: any) => q.slug)).toEqual(layanan.map((l) => l.slug));
    }
    const total = manifest.poster.reduce((s: number, p: any) => s + p.halaman, 0);
    expect(pdfPages(path.join(out, 'semua-desa.pdf'))).toBe(total);
    expect(manifest.gabungan.halaman).toBe(total);
    expect(manifest.gabungan.sha256).toBe(fileHash(path.join(out, 'semua-desa.pdf')));
  });

  it('manifest payloads match the catalog and the CSV has one row per desa and layanan', () => {
    const profil = patenJson(['profil', 'show'], { db });
    expect(manifest.layanan.map((l: any) => l.slug)).toEqual(layanan.map((l) => l.slug));
    for (const l of layanan) expect(manifest.layanan.find((m: any) => m.slug === l.slug).payload).toBe(expectedPayload(l, profil));
    const csv = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFkode_desa,desa,berkas,')).toBe(true);
    // Payloads hold newlines inside quoted fields: count records by their first column instead.
    expect(csv.match(/\r\n3516152\d{3},/g)).toHaveLength(20 * layanan.length);
  });

  it('every QR code on every poster decodes to the expected payload', { timeout: 300_000 }, async () => {
    const profil = patenJson(['profil', 'show'], { db });
    const want = new Map(layanan.map((l) => [l.slug, expectedPayload(l, profil)]));
    const tmp = path.join(dir, 'scan');
    fs.mkdirSync(tmp, { recursive: true });
    let decoded = 0;
    const all = await decodeQrBoxesMany(
      manifest.poster.map((p: any) => ({ file: path.join(out, p.berkas), qr: p.qr })),
      tmp,
    );
    manifest.poster.forEach((p: any, n: number) => {
      const got = all[n];
      p.qr.forEach((q: any, i: number) => {
        expect(got[i], `${p.berkas} ${q.slug}`).toBe(want.get(q.slug));
        decoded++;
      });
      for (const q of p.qr) {
        expect(q.kotak_pt.w).toBeGreaterThanOrEqual((35 * 72) / 25.4);
        expect(q.modul_mm).toBeGreaterThanOrEqual(0.5);
      }
    });
    expect(decoded).toBe(20 * 14);
  });

  it('pdftotext shows the desa name, every layanan name and the footer', () => {
    for (const p of manifest.poster.slice(0, 20)) {
      const text = flat(pdfText(path.join(out, p.berkas), { layout: false }));
      expect(text).toContain(`Desa ${p.desa}`);
      expect(text).toContain('Persyaratan Layanan PATEN');
      expect(text).toContain('KECAMATAN KEMLAGI');
      for (const l of layanan) expect(text, `${p.berkas}: ${l.nama}`).toContain(printed(l.nama));
      expect(text).toContain('Pindai dengan kamera HP');
      expect(text).toContain('Jam layanan: Senin–Kamis 08.00–15.30');
      expect(text).toContain('WA 0812-0000-0000');
      expect(text).toContain('2 November 2026');
    }
    // One layanan has a retribusi, so "Semua layanan GRATIS" would be false.
    expect(pdfText(path.join(out, manifest.poster[0].berkas))).not.toContain('Semua layanan GRATIS');
    const all = flat(pdfText(path.join(out, 'semua-desa.pdf'), { layout: false }));
    for (const d of desa) expect(all).toContain(`Desa ${d.nama}`);
  });

  it('no word leaves the printable area or overlaps another word or a QR code (checked on the PDF)', () => {
    for (const p of manifest.poster.slice(0, 3)) expect(pdfLayoutProblems(path.join(out, p.berkas), MARGIN_PT, p.qr)).toEqual([]);
  });

  it('layout rules on the PDF: one body size per sheet (at least 8 pt), no nearly empty page, codes decode at 100 dpi', () => {
    const p = manifest.poster[0];
    const file = path.join(out, p.berkas);
    const { lines } = pdfLines(file);
    // Noto Sans lines are 1.362 em tall: the size of each line inside the tiles (below the first code's top).
    const sizes = new Set<number>();
    for (let page = 1; page <= p.halaman; page++) {
      const qr = p.qr.filter((q: any) => q.halaman === page);
      const top = Math.min(...qr.map((q: any) => q.kotak_pt.y));
      const footer = lines.find((l) => l.page === page && l.text.startsWith('Pindai dengan kamera HP'))!;
      const inTiles = lines.filter((l) => l.page === page && l.y >= top - 1 && l.y < footer.y - 10);
      const names = new Set(layanan.map((l) => l.nama));
      for (const l of inTiles) sizes.add(Math.round((l.h / 1.362) * 2) / 2);
      // Fill: from the first code's top to the lowest tile content, over the room above the footer.
      const bottom = Math.max(...inTiles.map((l) => l.y + l.h), ...qr.map((q: any) => q.kotak_pt.y + q.kotak_pt.h));
      const fill = (bottom - top) / (footer.y - top);
      expect(fill, `halaman ${page}`).toBeGreaterThan(0.5);
      expect(names.size).toBeGreaterThan(0);
      // The whole page rendered at 100 dpi (a print scanned or photographed): every code decodes.
      const png = renderPage(file, page, dir, { dpi: 100 });
      const payloads = new Set(manifest.layanan.map((l: any) => l.payload));
      const got = scanQrAll(png);
      expect(got.filter((g) => payloads.has(g)).length, `halaman ${page}`).toBe(qr.length);
    }
    // Two sizes in the tiles: the layanan name (11 pt) and one body size for everything else.
    const body = [...sizes].filter((s) => s !== 11);
    expect(body, [...sizes].join(', ')).toHaveLength(1);
    expect(body[0]).toBeGreaterThanOrEqual(8);
  });

  it('gives byte-identical files for the same data', () => {
    const again = path.join(dir, 'lagi');
    const r = paten(['qr', 'generate', '--out', again, '--gabung'], { db });
    expect(r.code).toBe(0);
    for (const f of fs.readdirSync(out)) expect(fileHash(path.join(again, f)), f).toBe(fileHash(path.join(out, f)));
  });

  it('a poster made alone (--desa) is byte-identical to the same poster in a run over every desa', () => {
    // The shared part of each page is built in the first document of a run and reused in the
    // others: the document that builds it and one that reuses it must not differ.
    const alone = path.join(dir, 'sendiri');
    for (const p of [manifest.poster[5], manifest.poster[19]]) {
      const r = paten(['qr', 'generate', '--out', alone, '--desa', p.kode], { db });
      expect(r.code, r.stderr).toBe(0);
      expect(fileHash(path.join(alone, p.berkas)), p.berkas).toBe(p.sha256);
    }
    expect(paten(['qr', 'generate', '--out', alone, '--inti', '2'], { db }).stderr).toMatch(/--inti/);
  });

  it('prints a summary naming the count, the folder and the time, and may run again into its own folder', () => {
    const r = paten(['qr', 'generate', '--out', out, '--desa', 'Betro', '--desa', '3516152001', '--layanan', 'sktm', '--kertas', 'a3'], { db });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 poster \(2 halaman, 1 layanan, kertas A3\) ditulis ke .*poster dalam \d+,\d detik/);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.poster.map((p: any) => p.desa)).toEqual(['Watesprojo', 'Betro']);
    expect(pdfInfo(path.join(out, m.poster[0].berkas))['Page size']).toMatch(/841\.89 x 1190\.55/);
    const text = flat(pdfText(path.join(out, m.poster[1].berkas), { layout: false }));
    expect(text).toContain('Surat Keterangan Tidak Mampu');
    expect(text).toContain('Semua layanan GRATIS');
    expect(text).not.toContain('Legalisasi Dokumen');
  });

  it('paten demo generates the sample posters and says where they are', () => {
    const demo = path.join(dir, 'demo');
    const r = paten(['demo', '--out', demo]);
    expect(r.code, r.stderr).toBe(0);
    const folder = path.join(demo, 'poster');
    expect(r.stderr).toContain(`20 poster (60 halaman A4, 14 kode QR per desa) di folder ${folder}`);
    expect(r.stderr).toContain(path.join(folder, 'semua-desa.pdf'));
    const pdfs = fs.readdirSync(folder).filter((f) => /^\d{10}-.+\.pdf$/.test(f));
    expect(pdfs).toHaveLength(20);
    expect(pdfPages(path.join(folder, 'semua-desa.pdf'))).toBe(60);
  });
});
