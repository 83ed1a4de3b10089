/**
 * `paten report ikm --format html`: the results page for the kecamatan's website, checked as a
 * file (self-contained, escaped, deterministic) and in a real browser: Debian's Chromium driven by
 * playwright-core (no browser download), at phone and desktop sizes. Without a local Chromium the
 * browser tests are skipped with a message; with PATEN_WAJIB_CHROMIUM=1 (set by .ci/run) a missing
 * Chromium fails instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { seedRows, type SeedRow } from '../helpers/skm-seed.js';
import { pdfPages } from '../helpers/pdf.js';

const dir = tempDir('paten-html-');
const freshDb = sampleDbCopies(dir);
afterAll(() => cleanup(dir));

const SKRIP = '<script>alert("x")</script>';
const CHROMIUM = process.env.PATEN_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const wajib = process.env.PATEN_WAJIB_CHROMIUM === '1';
if (!hasChromium && !wajib)
  console.warn(`[ikm-html] Uji peramban DILEWATI: Chromium tidak ditemukan di ${CHROMIUM} (pasang paket Debian "chromium" atau atur PATEN_CHROMIUM).`);

/** Reproducible answers: `n` respondents in `tahun`, every unsur around `rata` (1–4). */
function rows(tahun: number, n: number, rata: number, seed: number): SeedRow[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => ({
    tanggal: `${tahun}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    layanan: i % 4 === 0 ? 'skrip' : i % 4 === 1 ? 'ktp-el' : 'kartu-keluarga',
    desa: 'Betro',
    jenis_kelamin: i % 2 ? 'L' : 'P',
    usia: 20 + (i % 40),
    pendidikan: 'SMA',
    pekerjaan: 'Swasta',
    nilai: Array.from({ length: 9 }, (_, u) => Math.max(1, Math.min(4, Math.round(rata + (rnd() - 0.5) * 2 - (u === 2 ? 0.6 : 0))))),
  }));
}

let db: string;
let html: string;
let file: string;
let ikm: any;

beforeAll(() => {
  db = freshDb();
  expect(paten(['layanan', 'add', '--slug', 'skrip', '--nama', SKRIP], { db }).code).toBe(0);
  seedRows(db, rows(2024, 40, 2.9, 3), { file_name: 'skm-2024.csv' });
  seedRows(db, rows(2025, 64, 3.2, 5), { file_name: 'skm-2025.csv' });
  file = path.join(dir, 'hasil-skm-2025.html');
  const r = patenJson(['report', 'ikm', '--tahun', '2025', '--format', 'html', '--out', file], { db });
  expect(r.berkas).toEqual([path.resolve(file)]);
  html = fs.readFileSync(file, 'utf8');
  ikm = patenJson(['ikm', '--tahun', '2025', '--banding', '2024'], { db });
});

const angka = (v: number) => v.toFixed(2).replace('.', ',');

describe('paten report ikm --format html (the file)', () => {
  it('is one self-contained page: inline CSS and SVG, no script, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('<svg ');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|@import|url\(|\bsrc=|\bhref=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('holds the IKM and mutu, the nine unsur, respondents and period, the comparison and the follow-up plan', () => {
    expect(html).toContain(`<div class="ikm">${angka(ikm.konversi)}</div>`);
    expect(html).toContain(`Mutu ${ikm.mutu}`);
    for (const u of ikm.unsur) expect(html).toContain(`<span class="kode">${u.kode}</span> ${u.nama.replace(/&/g, '&amp;')}</td>`);
    expect(html.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="17"/g)).toHaveLength(9);
    expect(html).toContain('64 responden');
    expect(html).toContain('Tahun 2025');
    const lama = ikm.banding.perubahan.find((r: any) => r.kode === 'IKM').lama;
    expect(html).toContain(`Dibanding Tahun 2024 (${angka(lama)}`);
    expect(html).toContain('Rencana tindak lanjut');
    expect(html).toContain('Forum Konsultasi Publik');
    // Escaped, never markup.
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('is deterministic and fills the follow-up plan from --tindak-lanjut (escaped too)', () => {
    const again = path.join(dir, 'lagi.html');
    expect(paten(['report', 'ikm', '--tahun', '2025', '--format', 'html', '--out', again], { db }).code).toBe(0);
    expect(fileHash(again)).toBe(fileHash(file));

    const rtl = path.join(dir, 'rtl.csv');
    fs.writeFileSync(rtl, 'No;Unsur;Program/Kegiatan;Waktu;Penanggung Jawab\n1;U3;Nomor antrian <b>daring</b>;TW I–II;Kasi Pelayanan\n');
    const out = path.join(dir, 'rtl.html');
    expect(paten(['report', 'ikm', '--tahun', '2025', '--format', 'html', '--tindak-lanjut', rtl, '--out', out], { db }).code).toBe(0);
    const t = fs.readFileSync(out, 'utf8');
    expect(t).toContain('<td>Waktu Penyelesaian</td><td>Nomor antrian &lt;b&gt;daring&lt;/b&gt;</td><td>TW I, II</td><td>Kasi Pelayanan</td>');
  });

  it('names itself inside an --out folder, and says when there is no earlier year', () => {
    const folder = path.join(dir, 'situs') + path.sep;
    const r = patenJson(['report', 'ikm', '--tahun', '2024', '--format', 'html', '--out', folder], { db });
    expect(path.basename(r.berkas[0])).toBe('hasil-skm-2024.html');
    expect(fs.readFileSync(r.berkas[0], 'utf8')).toContain('Belum ada hasil survei tahun sebelumnya');
    const bad = paten(['report', 'ikm', '--tahun', '2025', '--format', 'docx', '--out', path.join(dir, 'x.docx')], { db });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('pakai pdf, html atau csv');
    const poster = paten(['report', 'ikm', '--format', 'html', '--poster', '--out', path.join(dir, 'p.html')], { db });
    expect(poster.code).toBe(1);
    expect(poster.stderr).toContain('--poster hanya untuk PDF');
  });
});

describe('paten demo', () => {
  it('writes the paper questionnaire, its entry sheet and the results page', { tags: ['lambat'] }, () => {
    const out = path.join(dir, 'demo');
    const j = patenJson(['demo', '--out', out]);
    const berkas = j.langkah.flatMap((l: any) => l.berkas).map((f: string) => path.basename(f));
    expect(berkas).toEqual(expect.arrayContaining(['kuesioner-skm.pdf', 'isian-skm.xlsx', 'hasil-skm-2023.html']));
    expect(pdfPages(path.join(out, 'kuesioner-skm.pdf'))).toBe(1);
    const page = fs.readFileSync(path.join(out, 'hasil-skm-2023.html'), 'utf8');
    expect(page).toContain('<div class="ikm">85,26</div>');
    expect(page).toContain('Dibanding Tahun 2021');
  });
});

describe('paten report ikm --format html (in Chromium)', { tags: ['lambat'] }, () => {
  it.runIf(wajib)('has a Chromium to test with (required where PATEN_WAJIB_CHROMIUM=1, as in .ci/run)', () => {
    expect(hasChromium, `Chromium tidak ditemukan di ${CHROMIUM}; .ci/run memasang paket "chromium"`).toBe(true);
  });

  it.skipIf(!hasChromium)(
    'reads on a phone and a desktop: no sideways scrolling, IKM in view, "<script>" shown as text, a screenshot',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const url = `file://${file}`;
        const requests: string[] = [];
        const dialogs: string[] = [];
        for (const [width, height] of [
          [360, 800],
          [1280, 800],
        ]) {
          const page = await browser.newPage({ viewport: { width, height } });
          page.on('request', (r) => requests.push(r.url()));
          page.on('dialog', (d) => {
            dialogs.push(d.message());
            void d.dismiss();
          });
          await page.goto(url);
          const m = await page.evaluate(() => {
            const r = document.querySelector('.ikm')!.getBoundingClientRect();
            return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, ikm: { top: r.top, bottom: r.bottom, h: r.height }, scripts: document.scripts.length };
          });
          expect(m.scrollWidth, `lebar ${width}`).toBeLessThanOrEqual(m.innerWidth);
          expect(m.scripts).toBe(0);
          expect(m.ikm.h).toBeGreaterThan(20);
          if (width === 360) {
            expect(m.ikm.top).toBeGreaterThanOrEqual(0);
            expect(m.ikm.bottom).toBeLessThanOrEqual(height);
            await expect(page.locator('.ikm').textContent()).resolves.toBe(angka(ikm.konversi));
          }
          const skrip = page.getByText(SKRIP, { exact: true });
          expect(await skrip.count()).toBe(1);
          expect(await skrip.isVisible()).toBe(true);
          const shot = path.join(dir, `hasil-${width}.png`);
          await page.screenshot({ path: shot, fullPage: true });
          expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
          await page.close();
        }
        // Printed on A4 (about 700 CSS px between the margins): still no sideways overflow.
        const print = await browser.newPage({ viewport: { width: 700, height: 1000 } });
        await print.emulateMedia({ media: 'print' });
        await print.goto(url);
        expect(await print.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        const pdf = await print.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(requests.every((u) => u === url)).toBe(true);
        expect(dialogs).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
