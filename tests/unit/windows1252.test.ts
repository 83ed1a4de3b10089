import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/csv.js';
import { decodeWindows1252, WINDOWS_1252_HIGH } from '../../src/core/windows1252.js';

// Windows' own table for 0x80–0x9F (the five undefined bytes keep their own code point).
const TABLE: [number, string][] = [
  [0x80, '€'], [0x81, '\u0081'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'],
  [0x88, 'ˆ'], [0x89, '‰'], [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8d, '\u008D'], [0x8e, 'Ž'], [0x8f, '\u008F'],
  [0x90, '\u0090'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x95, '•'], [0x96, '–'], [0x97, '—'],
  [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'], [0x9c, 'œ'], [0x9d, '\u009D'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
];

describe('decodeWindows1252', () => {
  it('maps every byte 0x80–0x9F by the Windows table', () => {
    expect(WINDOWS_1252_HIGH).toHaveLength(32);
    for (const [b, ch] of TABLE) expect(decodeWindows1252(Uint8Array.of(b)), `byte 0x${b.toString(16)}`).toBe(ch);
  });
  it('maps every other byte to the same code point (Latin-1)', () => {
    for (let b = 0; b < 256; b++) {
      if (b >= 0x80 && b <= 0x9f) continue;
      expect(decodeWindows1252(Uint8Array.of(b)).codePointAt(0)).toBe(b);
    }
  });
  it('decodes a sub-array of a larger buffer (a streamed chunk) by its own bytes only', () => {
    const big = Buffer.from([0x41, 0x93, 0x42, 0x94, 0x43]);
    expect(decodeWindows1252(big.subarray(1, 4))).toBe('“B”');
  });
  it('is what decodeText uses for text that is not UTF-8, and when Windows-1252 is asked for', () => {
    const bytes = Buffer.from([0x93, 0x4b, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]);
    expect(decodeText(bytes)).toEqual({ text: '“Kafé” – €5', encoding: 'windows-1252' });
    expect(decodeText(Buffer.from('abc'), 'windows-1252')).toEqual({ text: 'abc', encoding: 'windows-1252' });
  });
});
