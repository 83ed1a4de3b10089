/**
 * The shipped sample surveys (data/skm-contoh-2021.xlsx, data/skm-contoh-2023.csv) reproduce the
 * Kemlagi "Pelita Massa" table (2021 vs 2023) exactly, read as a user's Google Forms export and
 * the same responses kept in an Excel workbook.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { contohFile, contohPath, HEADER, KEMLAGI, kemlagiCsv, stempelDate, tulisContoh } from '../helpers/kemlagi-dataset.js';
import { parseCsvText } from '../../src/core/csv.js';
import { cellText, readWorkbook } from '../../src/core/xlsx.js';
import { readFormsCsv, seedFormsCsv, seedPopulasi } from '../helpers/skm-seed.js';

const dir = tempDir('paten-kemlagi-');
let db: string;

beforeAll(async () => {
  if (process.env.PATEN_TULIS_CONTOH === '1') await tulisContoh();
  db = sampleDb(dir);
  for (const t of [2021, 2023] as const) {
    seedFormsCsv(db, contohPath(t));
    seedPopulasi(db, t, KEMLAGI[t].populasi);
  }
});
afterAll(() => cleanup(dir));

const fmt = (x: number) => x.toFixed(2).replace('.', ',');

describe('shipped sample surveys', () => {
  it('data/skm-contoh-2021.xlsx holds the generator\'s rows: a responses sheet with real date cells, and a Rekap sheet', async () => {
    const sheets = await readWorkbook(contohFile(2021));
    expect(sheets.map((s) => s.name)).toEqual(['Jawaban SKM 2021', 'Rekap']);
    const csv = parseCsvText(kemlagiCsv(2021), 'contoh.csv');
    const [head, ...rows] = sheets[0].rows.map((r) => r.map(cellText));
    expect(head).toEqual(HEADER);
    expect(rows).toHaveLength(KEMLAGI[2021].responden);
    expect(sheets[0].rows[1][0]).toBeInstanceOf(Date);
    rows.forEach((r, i) => {
      const want = csv.records[i].values;
      const iso = stempelDate(want[0]).toISOString().replace('T', ' ').slice(0, 19);
      expect([r[0], ...r.slice(1), ...Array(want.length - r.length).fill('')]).toEqual([iso, ...want.slice(1)]);
    });
  });

  for (const t of [2023] as const) {
    it(`data/skm-contoh-${t}.csv is the committed output of the generator, in Google Forms form`, () => {
      const bytes = fs.readFileSync(contohPath(t));
      expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
      expect(bytes.toString('utf8')).toBe(kemlagiCsv(t));
      const text = bytes.toString('utf8');
      expect(text.split('\n', 1)[0]).toBe(HEADER.map((h) => (h.includes(',') ? `"${h}"` : h)).join(','));
      expect(HEADER[7 + 7]).toMatch(/^8\. .*sarana dan prasarana/);
      expect(HEADER[7 + 8]).toMatch(/^9\. .*pengaduan/);
      const rows = readFormsCsv(contohPath(t));
      expect(rows).toHaveLength(KEMLAGI[t].responden);
      expect(new Set(rows.map((r) => r.tanggal!.slice(5, 7))).size).toBe(12);
      expect(rows.every((r) => r.tanggal!.startsWith(String(t)))).toBe(true);
      expect(text).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2}\.\d{2},/m);
      expect(rows.filter((r) => r.saran).length).toBeGreaterThan(50);
      expect(rows.some((r) => r.saran?.includes('"') && r.saran.includes(','))).toBe(true);
      expect(new Set(rows.map((r) => r.desa)).size).toBe(20);
    });
  }

  for (const t of [2021, 2023] as const) {
    it(`paten ikm --tahun ${t} prints exactly the published konversi per unsur`, () => {
      const j = patenJson(['ikm', '--tahun', String(t)], { db });
      expect(j.unsur.map((u: any) => u.konversi)).toEqual(KEMLAGI[t].konversi);
      expect(j.unsur[7].kunci).toBe('pengaduan');
      expect(j.unsur[8].kunci).toBe('sarana');
      expect(j.responden).toBe(KEMLAGI[t].responden);
      expect(j.konversi).toBe(KEMLAGI[t].ikm);
      expect(j.sampel.keterangan).toBe('Sesuai');
      const r = paten(['ikm', '--tahun', String(t)], { db });
      expect(r.code).toBe(0);
      const printed = [...r.stdout.matchAll(/^U\d\s.*?\s(\d+,\d\d)\s+[ABCD]\s/gm)].map((m) => m[1]);
      expect(printed).toEqual(KEMLAGI[t].konversi.map(fmt));
    });
  }

  it('paten ikm --tahun 2023 --banding 2021 prints the 2021 vs 2023 table', () => {
    const r = paten(['ikm', '--tahun', '2023', '--banding', '2021'], { db });
    expect(r.code).toBe(0);
    const rows = [...r.stdout.matchAll(/^(U\d)\s.*?\s(\d+,\d\d)\s+([ABCD])\s+(\d+,\d\d)\s+([ABCD])\s+([+-]?\d+,\d\d)\s+([+-]?\d+,\d\d)$/gm)];
    expect(rows.map((m) => m[2])).toEqual(KEMLAGI[2021].konversi.map(fmt));
    expect(rows.map((m) => m[4])).toEqual(KEMLAGI[2023].konversi.map(fmt));
    expect(rows[0].slice(1)).toEqual(['U1', '77,38', 'B', '83,38', 'B', '+6,00', '+7,75']);
    expect(rows[7].slice(1)).toEqual(['U8', '99,84', 'A', '82,38', 'B', '-17,46', '-17,49']);
    expect(r.stdout).toMatch(/IKM\s+IKM unit pelayanan\s+83,33\s+B\s+85,26\s+B\s+\+1,93\s+\+2,32/);
    expect(r.stdout).toContain('IKM benar-benar naik');
  });
});
