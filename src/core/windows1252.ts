/**
 * The one Windows-1252 decoder. Node 20.18.3+ (and 22.13+) decodes 'windows-1252' in a single
 * `TextDecoder.decode()` call as Latin-1, turning bytes 0x80–0x9F (Excel's € – — “ ” ‘ ’ …) into
 * invisible C1 control characters. Windows-1252 is one byte per character, so a table for those 32
 * bytes plus Latin-1 for the rest is the whole codec, and chunks can be decoded independently.
 */

/**
 * Code points of bytes 0x80–0x9F. The five bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F
 * 0x90 0x9D) map to the same-numbered code points, as Windows' own MultiByteToWideChar does.
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const HIGH_CHARS = WINDOWS_1252_HIGH.map((cp) => String.fromCharCode(cp));

/** Decodes Windows-1252 bytes (a whole file or any chunk of one). */
export function decodeWindows1252(bytes: Uint8Array): string {
  // Latin-1 is right for every byte outside 0x80–0x9F; only those need the table.
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => HIGH_CHARS[ch.charCodeAt(0) - 0x80]);
}
