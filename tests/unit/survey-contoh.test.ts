import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, ROOT, tempDir } from '../helpers/cli.js';
import { openDatabase } from '../../src/db/index.js';
import { loadContoh } from '../../src/contoh/index.js';
import { contohSkmFiles, importContohSkm } from '../../src/contoh/survey.js';
import { listBatches } from '../../src/survey/store.js';

const dir = tempDir('paten-survey-contoh-');
afterAll(() => cleanup(dir));

describe('demo step: shipped sample SKM exports', () => {
  it('imports every data/skm-contoh-*.csv in name order, and nothing when there is none', async () => {
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    const db = openDatabase(path.join(dir, 'demo.db'), { create: true });
    try {
      loadContoh(db);
      expect(await importContohSkm(db, data)).toEqual([]);
      fs.copyFileSync(path.join(ROOT, 'tests/fixtures/survey/google-forms-id.csv'), path.join(data, 'skm-contoh-2023.csv'));
      fs.copyFileSync(path.join(ROOT, 'tests/fixtures/survey/windows-1252.csv'), path.join(data, 'skm-contoh-2021.csv'));
      fs.writeFileSync(path.join(data, 'lain.csv'), 'x\n');
      expect(contohSkmFiles(data).map((f) => path.basename(f))).toEqual(['skm-contoh-2021.csv', 'skm-contoh-2023.csv']);
      const r = await importContohSkm(db, data);
      expect(r.map((f) => [f.berkas, f.batch, f.baris])).toEqual([['skm-contoh-2021.csv', 1, 20], ['skm-contoh-2023.csv', 2, 40]]);
      expect(listBatches(db).map((b) => b.sumber)).toEqual(['contoh paten (data/)', 'contoh paten (data/)']);
    } finally {
      db.close();
    }
  });

  it('the files in data/ (if any are shipped) import without a problem', async () => {
    const files = contohSkmFiles();
    const db = openDatabase(path.join(dir, 'shipped.db'), { create: true });
    try {
      loadContoh(db);
      const r = await importContohSkm(db);
      expect(r.length).toBe(files.length);
      for (const f of r) expect(f.baris).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
