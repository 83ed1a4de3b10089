import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfPages, pdfText } from '../helpers/pdf.js';
import { contohPath } from '../helpers/kemlagi-dataset.js';
import { seedFormsCsv } from '../helpers/skm-seed.js';
import { openDatabase } from '../../src/db/index.js';
import { DEMO_STEPS } from '../../src/contoh/demo.js';

const dir = tempDir('paten-ikm-demo-');
afterAll(() => cleanup(dir));

const step = (judul: RegExp) => DEMO_STEPS.find((s) => judul.test(s.judul))!;

describe('paten demo: IKM steps', { tags: ['lambat'] }, () => {
  it('run on the shipped sample exports that the demo imports first (import → IKM → report)', () => {
    const j = patenJson(['demo', '--out', path.join(dir, 'penuh')]);
    const survei = j.langkah.find((l: any) => /SKM \(data/.test(l.langkah));
    expect(survei.ringkasan).toContain('715 jawaban diimpor');
    const [ikm, laporan] = j.langkah.filter((l: any) => /ikm/.test(l.langkah));
    expect(ikm.ringkasan).toBe('IKM Tahun 2023: 85,26 (mutu B, Baik), 400 responden; dibanding 2021: +1,93 poin');
    expect(laporan.berkas.map((f: string) => path.basename(f))).toEqual(['laporan-skm-2023.pdf', 'poster-hasil-skm-2023.pdf']);
    const text = pdfText(laporan.berkas[0]);
    expect(text).toContain('Sesuai');
    expect(text).toMatch(/83,38/);
  });

  it('say so and skip when the database holds no survey responses', async () => {
    const dbFile = sampleDb(dir);
    const db = openDatabase(dbFile);
    try {
      for (const re of [/paten ikm\)/, /report ikm/]) {
        const r = await step(re).run({ db, dbPath: dbFile, outDir: dir });
        expect(r.ringkasan).toContain('belum ada jawaban survei');
        expect(r.berkas).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it('print the IKM and write the yearly report once the sample surveys are in', async () => {
    const dbFile = sampleDb(dir);
    for (const t of [2021, 2023] as const) seedFormsCsv(dbFile, contohPath(t));
    const out = path.join(dir, 'demo');
    fs.mkdirSync(out);
    const db = openDatabase(dbFile);
    try {
      const a = await step(/paten ikm\)/).run({ db, dbPath: dbFile, outDir: out });
      expect(a.ringkasan).toBe('IKM Tahun 2023: 85,26 (mutu B, Baik), 400 responden; dibanding 2021: +1,93 poin');
      expect(fs.readFileSync(a.berkas[0], 'utf8')).toContain('U1,Persyaratan,77.38,B,83.38,B,6.00,7.75');
      const r = await step(/report ikm/).run({ db, dbPath: dbFile, outDir: out });
      expect(r.berkas.map((f) => path.basename(f))).toEqual(['laporan-skm-2023.pdf', 'poster-hasil-skm-2023.pdf']);
      expect(pdfPages(r.berkas[0])).toBeGreaterThanOrEqual(8);
      expect(pdfText(r.berkas[0])).toContain('NILAI IKM UNIT PELAYANAN');
      expect(pdfPages(r.berkas[1])).toBe(1);
    } finally {
      db.close();
    }
  });
});
