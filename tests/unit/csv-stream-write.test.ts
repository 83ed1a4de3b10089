import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv, writeCsvAtomic } from '../../src/core/csv.js';
import { cleanup, tempDir } from '../helpers/cli.js';

const dir = tempDir('paten-csv-tulis-');
afterAll(() => cleanup(dir));

describe('writeCsvAtomic', () => {
  it('writes the bytes of toCsv, taking rows from a generator', () => {
    const rows: (string | number)[][] = Array.from({ length: 30000 }, (_, i) => [i, `teks "${i}"; baris`, i % 7 ? '=SUM(A1)' : 'ümlaut é', -i / 3]);
    function* gen() {
      yield* rows;
    }
    for (const d of [',', ';', '\t']) {
      const file = path.join(dir, `a${d === '\t' ? 'tab' : d}.csv`);
      writeCsvAtomic(file, ['no', 'teks', 'rumus', 'angka'], gen(), d);
      expect(fs.readFileSync(file).equals(Buffer.from(toCsv(['no', 'teks', 'rumus', 'angka'], rows, d), 'utf8'))).toBe(true);
    }
  });

  it('leaves nothing behind when the rows fail midway, and passes their error on', () => {
    const file = path.join(dir, 'gagal.csv');
    const boom = new Error('baca basis data gagal');
    function* gen() {
      for (let i = 0; i < 50000; i++) yield [i, 'x'.repeat(20)];
      throw boom;
    }
    expect(() => writeCsvAtomic(file, ['a', 'b'], gen())).toThrow(boom);
    expect(fs.readdirSync(dir).filter((f) => f.includes('gagal'))).toEqual([]);
  });
});
