/**
 * The SKM loop on the poster and the site (issue 17): with the profile's url_survei every desa
 * poster carries one extra, visually distinct code to the online form, decoded here with zbarimg
 * from the PDF; without it the PDFs are byte-identical. `qr situs --hasil` copies the results page
 * (`report ikm --format html`) into the site folder and links it from the index.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfPages, pdfText, renderPage } from '../helpers/pdf.js';
import { decodeQrBoxes, pdfLayoutProblems } from '../helpers/poster.js';
import { seedRows, type SeedRow } from '../helpers/skm-seed.js';

const URL_SURVEI = 'https://forms.gle/SkmKemlagi2025';
const MARGIN_PT = (12 * 72) / 25.4;
const flat = (s: string) => s.replace(/\s+/g, ' ');

let dir: string;
let db: string;

beforeAll(() => {
  dir = tempDir();
  db = sampleDb(dir);
});
afterAll(() => cleanup(dir));

const manifestOf = (out: string) => JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));

function generate(out: string, extra: string[] = []): any {
  const r = paten(['qr', 'generate', '--out', out, '--desa', 'Watesprojo', '--desa', 'Betro', ...extra], { db });
  expect(r.code, r.stderr).toBe(0);
  return manifestOf(out);
}

/** Every code zbarimg finds in a PNG (payloads may hold newlines: one symbol per XML element). */
function scanAll(png: string): string[] {
  const r = spawnSync('zbarimg', ['--quiet', '--xml', png], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]);
}

/** The mean colour of a small area of a page, rendered at 72 dpi as PPM (no image library needed). */
function colourAt(file: string, page: number, x: number, y: number): [number, number, number] {
  const base = path.join(dir, `warna-${page}-${Math.round(x)}-${Math.round(y)}`);
  const r = spawnSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', '3', '-H', '3', file, base]);
  expect(r.status).toBe(0);
  const ppm = fs.readFileSync(`${base}.ppm`);
  // Header "P6\n3 3\n255\n", then 9 RGB pixels.
  const px = ppm.subarray(ppm.length - 27);
  const mean = (c: number) => Math.round([0, 1, 2, 3, 4, 5, 6, 7, 8].reduce((s, i) => s + px[i * 3 + c], 0) / 9);
  return [mean(0), mean(1), mean(2)];
}

describe('survey code on the posters (profil url_survei)', () => {
  let before: any;
  let withUrl: any;
  let three: any;
  const outBefore = () => path.join(dir, 'tanpa');
  const outWith = () => path.join(dir, 'dengan');
  const outThree = () => path.join(dir, 'tiga');

  beforeAll(() => {
    before = generate(outBefore());
    expect(paten(['profil', 'set', '--url-survei', URL_SURVEI], { db }).code).toBe(0);
    withUrl = generate(outWith());
    three = generate(outThree(), ['--layanan', 'sktm', 'domisili', 'ktp-el']);
  });

  it('every poster carries one extra code, listed in the manifest (JSON and CSV), that zbarimg decodes to the form', { tags: ['lambat'] }, () => {
    expect(before.survei).toBeNull();
    expect(before.poster.every((p: any) => p.survei === null)).toBe(true);
    expect(withUrl.survei).toMatchObject({ url: URL_SURVEI, koreksi: 'M' });
    for (const m of [withUrl, three])
      for (const p of m.poster) {
        const file = path.join(m === three ? outThree() : outWith(), p.berkas);
        expect(p.survei, p.berkas).not.toBeNull();
        expect(p.survei.halaman).toBeLessThanOrEqual(p.halaman);
        expect(p.survei.kotak_pt.w).toBeGreaterThanOrEqual((35 * 72) / 25.4);
        expect(decodeQrBoxes(file, [p.survei], dir)).toEqual([URL_SURVEI]);
        // The requirement codes are unchanged, and nothing overlaps the extra code.
        expect(p.qr.map((q: any) => q.slug)).toEqual(m.layanan.map((l: any) => l.slug));
        expect(pdfLayoutProblems(file, MARGIN_PT, [...p.qr, p.survei])).toEqual([]);
      }
    const csv = fs.readFileSync(path.join(outWith(), 'manifest.csv'), 'utf8');
    expect(csv.match(/,\(survei\),\d+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,https:\/\/forms\.gle\/SkmKemlagi2025\r\n/g)).toHaveLength(2);
  });

  it('is labelled "Beri penilaian layanan kami", on the page a 100 dpi render decodes in full', () => {
    const p = withUrl.poster[0];
    const file = path.join(outWith(), p.berkas);
    const text = flat(pdfText(file, { layout: false }));
    expect(text).toContain('Beri penilaian layanan kami');
    expect(text).toContain('Survei Kepuasan Masyarakat (SKM)');
    expect(text).toContain(URL_SURVEI);
    const png = renderPage(file, p.survei.halaman, dir, { dpi: 100 });
    const got = scanAll(png);
    expect(got).toContain(URL_SURVEI);
    const payloads = new Set(withUrl.layanan.map((l: any) => l.payload));
    expect(got.filter((g) => payloads.has(g))).toHaveLength(p.qr.filter((q: any) => q.halaman === p.survei.halaman).length);
  });

  it('is visually distinct: a warm card with its code on the right, beside blue-grey requirement cards with codes on the left', () => {
    const p = withUrl.poster[0];
    const file = path.join(outWith(), p.berkas);
    const s = p.survei.kotak_pt;
    const q = p.qr[0].kotak_pt;
    // Just right of the survey code (inside its card) and just left of a requirement code.
    const warm = colourAt(file, p.survei.halaman, s.x + s.w + 2, s.y + s.h / 2);
    const tile = colourAt(file, p.qr[0].halaman, q.x - 5, q.y + q.h / 2);
    expect(warm[0] - warm[2], `survei ${warm}`).toBeGreaterThan(20); // amber: red well above blue
    expect(tile[2] - tile[0], `layanan ${tile}`).toBeGreaterThanOrEqual(0); // blue-grey
    const pageW = 595.28;
    expect(s.x + s.w / 2).toBeGreaterThan(pageW / 2 - 1);
    expect(q.x + q.w / 2).toBeLessThan(pageW / 2);
  });

  it('a 3-layanan poster with the survey code still fits one page', () => {
    for (const p of three.poster) {
      expect(p.halaman).toBe(1);
      expect(pdfPages(path.join(outThree(), p.berkas))).toBe(1);
      expect(p.survei.halaman).toBe(1);
    }
  });

  it('without url_survei the PDFs are byte-identical to those made before it was set', () => {
    expect(paten(['profil', 'set', '--url-survei', ''], { db }).code).toBe(0);
    const again = generate(path.join(dir, 'tanpa-lagi'));
    expect(again.survei).toBeNull();
    for (const p of before.poster) expect(fileHash(path.join(dir, 'tanpa-lagi', p.berkas)), p.berkas).toBe(fileHash(path.join(outBefore(), p.berkas)));
    expect(again.poster).toEqual(before.poster);
    expect(fs.readFileSync(path.join(dir, 'tanpa-lagi', 'manifest.csv'), 'utf8')).not.toContain('(survei)');
  });
});

describe('qr situs --hasil (the SKM results page in the site folder)', () => {
  function rows(n: number): SeedRow[] {
    return Array.from({ length: n }, (_, i) => ({
      tanggal: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      layanan: i % 2 ? 'ktp-el' : 'sktm',
      desa: 'Betro',
      nilai: Array.from({ length: 9 }, (_, u) => 2 + ((i + u) % 3)),
    }));
  }

  it('copies the page in as hasil-skm.html, links it from the index, keeps it on a re-run, and refuses a file that is not HTML', () => {
    const sdb = sampleDb(path.join(dir, 'situs-db'));
    seedRows(sdb, rows(60), { file_name: 'skm-2025.csv' });
    const hasil = path.join(dir, 'hasil-skm-2025.html');
    expect(paten(['report', 'ikm', '--tahun', '2025', '--format', 'html', '--out', hasil], { db: sdb }).code).toBe(0);
    const title = /<title>([^<]*)<\/title>/.exec(fs.readFileSync(hasil, 'utf8'))![1];

    const situs = path.join(dir, 'situs');
    const r = patenJson(['qr', 'situs', '--out', situs, '--base-url', 'https://kemlagi.example.id/paten', '--hasil', hasil], { db: sdb });
    expect(r.hasil).toEqual({ berkas: 'hasil-skm.html', judul: title, url: 'https://kemlagi.example.id/paten/hasil-skm.html', baru: true });
    expect(fileHash(path.join(situs, 'hasil-skm.html'))).toBe(fileHash(hasil));
    const index = fs.readFileSync(path.join(situs, 'index.html'), 'utf8');
    expect(index).toContain('<a href="hasil-skm.html">Hasil Survei Kepuasan Masyarakat (SKM)</a>');
    expect(index).toContain(title);

    // A re-run without --hasil (the catalog changed) keeps the page and the link.
    const again = paten(['qr', 'situs', '--out', situs], { db: sdb });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('hasil-skm.html (dari pembuatan sebelumnya');
    expect(fs.readFileSync(path.join(situs, 'index.html'), 'utf8')).toContain('href="hasil-skm.html"');

    // Without it and without an earlier one: no link.
    const plain = path.join(dir, 'situs-polos');
    expect(paten(['qr', 'situs', '--out', plain], { db: sdb }).code).toBe(0);
    expect(fs.readFileSync(path.join(plain, 'index.html'), 'utf8')).not.toContain('hasil-skm.html');

    // Bad --hasil: exit 1, a message naming the argument, nothing written.
    const bad = path.join(dir, 'situs-salah');
    const notHtml = path.join(dir, 'bukan.html');
    fs.writeFileSync(notHtml, 'IKM 83,38');
    for (const [file, msg] of [
      [path.join(dir, 'tidak-ada.html'), /tidak ditemukan.*\(argumen --hasil\)/],
      [notHtml, /bukan halaman HTML \(argumen --hasil\)/],
    ] as const) {
      const b = paten(['qr', 'situs', '--out', bad, '--hasil', file], { db: sdb });
      expect(b.code).toBe(1);
      expect(b.stderr).toMatch(msg);
      expect(fs.existsSync(bad)).toBe(false);
    }
  });
});
