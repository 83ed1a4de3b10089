/**
 * The report writer's layout rules on made-up documents of many shapes (src/pdf/penulis.ts): no
 * heading left at the foot of a page, no page but the last more than half blank, a chart with its
 * caption and the end of its table, a chapter only in the top half of a page. Checked on the PDF as
 * a reader sees it (pdftotext -bbox-layout), like the reports' own tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Penulis, TEMA_LAPORAN, TEMA_RINGKAS, type Tema } from '../../src/pdf/penulis.js';
import { chartHeight, niceMax } from '../../src/pdf/grafik.js';
import { grafikMutu } from '../../src/ikm/laporan-grafik.js';
import { firstOnPage, layoutProblems, pagesWith, pdfBoxes, pdfBoxesAsync, pdfPages, type PdfLine, type PdfPageBoxes } from '../helpers/pdf.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-penulis-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small deterministic random source, so every run builds the same documents. */
function acak(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

const KATA = 'pelayanan masyarakat kecamatan desa survei kepuasan unsur nilai persyaratan prosedur waktu biaya produk kompetensi perilaku pengaduan sarana'.split(' ');
const kalimat = (r: (n: number) => number, words: number) => Array.from({ length: words }, () => KATA[r(KATA.length)]).join(' ') + '.';

/** A document of random sections: headings, paragraphs, lists, tables of any length, small charts with their table. */
async function dokumen(seed: number, tema: Tema): Promise<string> {
  const r = acak(seed);
  const w = await Penulis.create({ tema, title: `Uji ${seed}`, footer: `Uji tata letak ${seed}` });
  for (let bab = 1; bab <= 3; bab++) {
    w.chapter(`BAB ${bab}`, 'JUDUL BAB');
    for (let s = 1; s <= 4 + r(4); s++) {
      w.heading(`Judul ${bab}.${s} bagian`);
      const kind = r(5);
      if (kind === 0 || kind === 1) for (let p = 0; p <= r(3); p++) w.paragraph(kalimat(r, 10 + r(120)));
      if (kind === 2) w.list(Array.from({ length: 2 + r(6) }, () => kalimat(r, 5 + r(25))), { numbered: r(2) === 0 });
      if (kind === 3 || kind === 4) {
        const rows = Array.from({ length: 1 + r(kind === 3 ? 6 : 40) }, (_, i) => [String(i + 1), kalimat(r, 2 + r(8)), String(r(1000))]);
        const table = () =>
          w.table(
            [
              { header: 'No', width: 6 },
              { header: 'Uraian', width: 60 },
              { header: 'Jumlah', width: 14, align: 'right' },
            ],
            rows,
          );
        if (kind === 3)
          w.together(() => {
            table();
            w.chart({ bars: rows.map((x) => ({ label: x[0], value: Number(x[2]) })), height: 90, caption: `Grafik ${bab}.${s}.` });
          });
        else table();
      }
    }
  }
  const file = path.join(dir, `uji-${seed}-${tema.body}.pdf`);
  await w.write(file);
  return file;
}

const heading = (l: PdfLine) => /^(Judul \d|BAB \d|JUDUL BAB)/.test(l.text);

describe('report writer layout rules', () => {
  it('keeps headings with what follows and fills every page but the last to at least half, on 24 random documents', { tags: ['lambat'] }, async () => {
    const problems: string[] = [];
    let pages = 0;
    // Each document is read by pdftotext while the next one is drawn.
    const read: Promise<{ file: string; tema: Tema; boxes: PdfPageBoxes[] }>[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      for (const tema of [TEMA_LAPORAN, TEMA_RINGKAS]) {
        const file = await dokumen(seed, tema);
        read.push(pdfBoxesAsync(file).then((boxes) => ({ file, tema, boxes })));
      }
    }
    for (const { file, tema, boxes } of await Promise.all(read)) {
      pages += boxes.length;
      problems.push(...layoutProblems(boxes, { margins: tema.margin, isHeading: heading }).map((p) => `${path.basename(file)} ${p}`));
      // A chart's caption is on the page of its bars' labels and of its table's last row.
      for (const p of boxes)
        for (const cap of p.lines.filter((l) => /^Grafik \d\.\d\.$/.test(l.text))) {
          const above = p.lines.filter((l) => l.y < cap.y && l.y > cap.y - 160);
          if (!above.length) problems.push(`${path.basename(file)} halaman ${p.page}: ${cap.text} tanpa grafiknya`);
        }
    }
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(48);
  });

  it('starts a chapter on a new page only when the page is at least half full', async () => {
    const w = await Penulis.create({ title: 'Bab', footer: 'Bab' });
    w.chapter('BAB I', 'SATU');
    w.paragraph(kalimat(acak(3), 60));
    w.chapter('BAB II', 'DUA');
    w.paragraph(kalimat(acak(4), 60));
    for (let i = 0; i < 14; i++) w.paragraph(kalimat(acak(i), 60));
    w.chapter('BAB III', 'TIGA');
    w.paragraph('Akhir.');
    const file = path.join(dir, 'bab.pdf');
    await w.write(file);
    const boxes = pdfBoxes(file);
    expect(pagesWith(boxes, /^BAB II$/)).toEqual([1]);
    const bab3 = pagesWith(boxes, /^BAB III$/)[0];
    const line = boxes[bab3 - 1].lines.find((l) => l.text === 'BAB III')!;
    expect(line.y).toBeLessThan(boxes[0].height / 2);
  });

  it('a caller-drawn block and the signature are never split; the footer numbers every page', async () => {
    const w = await Penulis.create({ title: 'Blok', footer: 'Kaki halaman' });
    for (let i = 0; i < 9; i++) w.paragraph(kalimat(acak(i + 20), 70));
    w.block(200, (x, y, width) => {
      w.doc.rect(x, y, width, 200).fill('#dddddd');
      w.doc.fillColor('black').text('KOTAK ATAS', x, y + 2).text('KOTAK BAWAH', x, y + 186);
    });
    w.signature({ kecamatan: 'Kemlagi', tanggal: '31 Desember 2023', nama: 'Nama Camat', nip: '197001011990031001' });
    const file = path.join(dir, 'blok.pdf');
    await w.write(file);
    const boxes = pdfBoxes(file);
    expect(pagesWith(boxes, /KOTAK ATAS/)).toEqual(pagesWith(boxes, /KOTAK BAWAH/));
    expect(pagesWith(boxes, /^Kemlagi, 31 Desember 2023$/)).toEqual(pagesWith(boxes, /^NIP\. 19700101 199003 1 001$/));
    expect(pagesWith(boxes, /^halaman \d+$/)).toEqual(Array.from({ length: pdfPages(file) }, (_, i) => i + 1));
  });

  it('never leaves the signature alone at the top of a page: the table before it gives up its last rows', async () => {
    // Tables of every length end at every height of the page; the signature follows each.
    for (let n = 20; n <= 60; n += 3) {
      const w = await Penulis.create({ title: 'TTD', footer: 'TTD', tema: TEMA_RINGKAS });
      w.heading('Daftar');
      w.table([{ header: 'No', width: 10 }, { header: 'Uraian', width: 90 }], Array.from({ length: n }, (_, i) => [String(i + 1), `baris ${i + 1}`]));
      w.signature({ kecamatan: 'Kemlagi', tanggal: '31 Desember 2023', nama: 'Nama Camat', nip: '197001011990031001' });
      const file = path.join(dir, `ttd-${n}.pdf`);
      await w.write(file);
      const boxes = pdfBoxes(file);
      expect(firstOnPage(boxes, /^Kemlagi, 31 Desember 2023$/, TEMA_RINGKAS.margin), `${n} baris`).toBe(false);
      // Every row is printed once, none lost by the break.
      expect(boxes.flatMap((p) => p.lines).filter((l) => /^baris \d+$/.test(l.text))).toHaveLength(n);
    }
  });
});

describe('bar chart', () => {
  it('measures what it draws: vertical for nine unsur, horizontal for many kecamatan, caption included', async () => {
    const w = await Penulis.create({ title: 'Grafik', footer: 'Grafik' });
    const unsur = grafikMutu(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((k, i) => ({ label: k, value: 70 + i * 3 })), 'Grafik unsur.');
    const kec = grafikMutu(Array.from({ length: 18 }, (_, i) => ({ label: `Kecamatan Nomor ${i + 1}`, value: 60 + i * 2 })), 'Grafik kecamatan.');
    expect(unsur.orientation).toBe('vertical');
    expect(kec.orientation).toBe('horizontal');
    const y0 = w.doc.y;
    w.chart(unsur);
    const h1 = w.doc.y - y0;
    expect(Math.abs(h1 - (chartHeight(w.doc, unsur, w.width) + 10))).toBeLessThan(1);
    w.chart(kec);
    const file = path.join(dir, 'grafik.pdf');
    await w.write(file);
    const boxes = pdfBoxes(file);
    const all = boxes.flatMap((p) => p.lines.map((l) => ({ ...l, page: p.page })));
    // Every kecamatan label and value is printed once, on the caption's page.
    const capPage = all.find((l) => l.text === 'Grafik kecamatan.')!.page;
    for (let i = 1; i <= 18; i++) expect(all.filter((l) => l.text.startsWith(`Kecamatan Nomor ${i} `) || l.text === `Kecamatan Nomor ${i}`).map((l) => l.page)).toEqual([capPage]);
    expect(all.some((l) => l.text.includes('94,00'))).toBe(true);
    expect(niceMax(1006)).toBe(1500);
  });
});
