/**
 * WOFF (1.0) → plain TrueType/OpenType (sfnt), so the embedded fonts are decompressed once per
 * process instead of on every table read in every document (fontkit inflates WOFF tables lazily,
 * in pure JS, each time a document subsets the font: about 10 ms per font per PDF).
 * Format: https://www.w3.org/TR/WOFF/ — a header, a table directory, zlib-compressed tables.
 */
import zlib from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

export function isWoff(buf: Uint8Array): boolean {
  return buf.length >= 44 && Buffer.from(buf.buffer, buf.byteOffset, 4).readUInt32BE(0) === WOFF_SIGNATURE;
}

export function woffToSfnt(input: Buffer): Buffer {
  if (!isWoff(input)) throw new Error('bukan berkas WOFF');
  const flavor = input.readUInt32BE(4);
  const numTables = input.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + i * 20;
    const tag = input.readUInt32BE(o);
    const offset = input.readUInt32BE(o + 4);
    const compLength = input.readUInt32BE(o + 8);
    const origLength = input.readUInt32BE(o + 12);
    const checksum = input.readUInt32BE(o + 16);
    const raw = input.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('tabel WOFF rusak');
    tables.push({ tag, checksum, data });
  }
  // sfnt tables must be sorted by tag (WOFF keeps that order, but do not rely on it).
  tables.sort((a, b) => a.tag - b.tag);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  let size = 12 + 16 * numTables;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = 12 + 16 * numTables;
  tables.forEach((t, i) => {
    const d = 12 + i * 16;
    out.writeUInt32BE(t.tag, d);
    out.writeUInt32BE(t.checksum, d + 4);
    out.writeUInt32BE(offset, d + 8);
    out.writeUInt32BE(t.data.length, d + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}
