/**
 * The layout rules on the real reports, as a reader sees the pages (pdftotext -bbox-layout): no
 * heading as the last thing on a page, no page but the last more than half blank, each chart on
 * the page of its caption and of (the end of) its table. The yearly IKM report in several shapes
 * (with comparison, one semester, one layanan) and the bazar year and event reports, from the
 * demo database.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, tempDir } from '../helpers/cli.js';
import { firstOnPage, ikmHeading, layoutProblems, pagesWith, pdfBoxes, type PdfLine, type PdfPageBoxes } from '../helpers/pdf.js';
import { TEMA_LAPORAN, TEMA_RINGKAS } from '../../src/pdf/penulis.js';

const dir = tempDir('paten-tata-letak-');
afterAll(() => (process.env.PATEN_TEST_KEEP ? console.log(`kept ${dir}`) : cleanup(dir)));
let db: string;

function pdf(args: string[], name: string): PdfPageBoxes[] {
  const file = path.join(dir, name);
  const r = paten([...args, '--out', file], { db });
  if (r.code !== 0) throw new Error(`paten ${args.join(' ')}: ${r.stderr}`);
  return pdfBoxes(file);
}

beforeAll(() => {
  const j = patenJson(['demo', '--out', path.join(dir, 'demo')]);
  db = path.join(dir, 'demo', 'paten-demo.db');
  expect(j.langkah.length).toBeGreaterThan(3);
});

const near = (a: number, b: number) => Math.abs(a - b) < 0.3;
const headingBazar = (l: PdfLine) => near(l.size, TEMA_RINGKAS.heading);

describe('the yearly IKM report keeps the layout rules', () => {
  const shapes: [string, string[]][] = [
    ['with the comparison year', ['report', 'ikm', '--tahun', '2023', '--banding', '2021']],
    ['one semester', ['report', 'ikm', '--tahun', '2023', '--periode', 'semester:1']],
    ['one layanan', ['report', 'ikm', '--tahun', '2021', '--layanan', 'kk']],
  ];
  for (const [name, args] of shapes)
    it(name, () => {
      const pages = pdf(args, `ikm-${name.replace(/\W+/g, '-')}.pdf`);
      expect(layoutProblems(pages, { margins: TEMA_LAPORAN.margin, isHeading: ikmHeading, exempt: [1] })).toEqual([]);
      expect(firstOnPage(pages, /^Kemlagi, \d+ \S+ \d{4}$/, TEMA_LAPORAN.margin), 'signature alone').toBe(false);
      // The unsur chart on the page of its caption and of the table's total row.
      const g1 = pagesWith(pages, /^Grafik 1\./);
      expect(g1).toHaveLength(1);
      expect(pagesWith(pages, /^NILAI IKM UNIT PELAYANAN$/)).toContain(g1[0]);
      expect(pages[g1[0] - 1].lines.some((l) => /^U9$|\bU9\b/.test(l.text))).toBe(true);
      // The trend chart (two years of data) with its caption and the trend table.
      const g2 = pagesWith(pages, /^Grafik 2\./);
      if (g2.length) {
        expect(pagesWith(pages, /^4\.3 Tren Nilai SKM$/)).toEqual(g2);
        expect(pages[g2[0] - 1].lines.some((l) => l.text === '2021')).toBe(true);
      }
    });
});

describe('the bazar reports keep the layout rules', () => {
  it('the year report: chart, caption and the table of events on one page', () => {
    const pages = pdf(['bazar', 'laporan', '--tahun', '2025'], 'bazar-2025.pdf');
    expect(layoutProblems(pages, { margins: TEMA_RINGKAS.margin, isHeading: headingBazar })).toEqual([]);
    const g = pagesWith(pages, /^Grafik 1\./);
    expect(g).toHaveLength(1);
    expect(pagesWith(pages, /^Daftar acara$/)).toEqual(g);
    expect(pagesWith(pages, /^15 Feb/)).toEqual(g);
    expect(firstOnPage(pages, /^Kemlagi, \d+ \S+ \d{4}$/, TEMA_RINGKAS.margin), 'signature alone').toBe(false);
  });

  it('the event report', () => {
    // Event #2 of the demo: its last table ends so low that the signature needs the next page,
    // which it shares with the table's last rows.
    const pages = pdf(['bazar', 'laporan', '--acara', '2'], 'bazar-acara-2.pdf');
    expect(layoutProblems(pages, { margins: TEMA_RINGKAS.margin, isHeading: headingBazar })).toEqual([]);
    expect(firstOnPage(pages, /^Kemlagi, \d+ \S+ \d{4}$/, TEMA_RINGKAS.margin), 'signature alone').toBe(false);
    const ttd = pagesWith(pages, /^NIP\. /);
    expect(ttd).toEqual([pages.length]);
    expect(pages[ttd[0] - 1].lines.some((l) => l.text === 'Cek darah')).toBe(true);
  });
});
