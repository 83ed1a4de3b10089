/**
 * The whole SKM path as an office runs it: import the Google Forms export (2023, CSV) and the
 * workbook an office kept (2021, .xlsx) with `paten survey import`, then `paten ikm` and
 * `paten report ikm` reproduce Kemlagi's published table.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf.js';

const dir = tempDir('paten-skm-e2e-');
afterAll(() => cleanup(dir));

const KEMLAGI: Record<number, number[]> = {
  2021: [77.38, 81.11, 77.78, 100.0, 78.17, 77.38, 80.24, 99.84, 78.1],
  2023: [83.38, 83.38, 83.25, 100.0, 83.63, 84.25, 83.5, 82.38, 83.63],
};

describe('survey import → ikm → report', () => {
  const db = sampleDb(dir);
  const files = [path.join(ROOT, 'data', 'skm-contoh-2021.xlsx'), path.join(ROOT, 'data', 'skm-contoh-2023.csv')];

  it('imports both sample exports in one command and reproduces the published per-unsur konversi', () => {
    const imp = paten(['survey', 'import', ...files, '--sumber', 'Google Forms'], { db });
    expect(imp.code, imp.stderr).toBe(0);
    expect(paten(['survey', 'populasi', '2021', '1700'], { db }).code).toBe(0);
    expect(paten(['survey', 'populasi', '2023', '2000'], { db }).code).toBe(0);
    for (const tahun of [2021, 2023]) {
      const j = patenJson(['ikm', '--tahun', String(tahun)], { db });
      expect(j.unsur.map((u: any) => u.konversi)).toEqual(KEMLAGI[tahun]);
    }
    const before = fileHash(db);
    const tooSmall = paten(['survey', 'populasi', '2023', '100'], { db });
    expect(tooSmall.code).toBe(1);
    expect(tooSmall.stderr).toContain('Populasi 100 lebih kecil dari 400 responden');
    expect(fileHash(db)).toBe(before);
    const again = paten(['survey', 'import', files[0]], { db });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/sudah pernah diimpor|batch 1/i);
  });

  it('prints the comparison table and writes the report with those figures', () => {
    const r = paten(['ikm', '--tahun', '2023', '--banding', '2021'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/U1\s+Persyaratan\s+77,38\s+B\s+83,38\s+B\s+\+6,00\s+\+7,75/);
    const out = path.join(dir, 'laporan.pdf');
    const rep = paten(['report', 'ikm', '--tahun', '2023', '--banding', '2021', '--out', out], { db });
    expect(rep.code, rep.stderr).toBe(0);
    const text = pdfText(out);
    for (const v of ['83,38', '84,25', '82,38', '77,38', '99,84', '85,26']) expect(text).toContain(v);
  });
});
