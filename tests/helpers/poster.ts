/**
 * Poster checks as a user would make them: word boxes from `pdftotext -bbox`, each QR code cropped
 * from its page (`pdftoppm -gray -r 150`, box from the manifest) and decoded with `zbarimg`.
 */
import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Word extends Box {
  page: number;
  text: string;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Every word with its box in points (top-left origin), from `pdftotext -bbox`. */
export function pdfWords(file: string): { pages: { width: number; height: number }[]; words: Word[] } {
  const r = spawnSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -bbox gagal: ${r.stderr}`);
  const pages: { width: number; height: number }[] = [];
  const words: Word[] = [];
  for (const line of r.stdout.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) pages.push({ width: Number(p[1]), height: Number(p[2]) });
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w) {
      const [x1, y1, x2, y2] = [1, 2, 3, 4].map((i) => Number(w[i]));
      words.push({ page: pages.length, x: x1, y: y1, w: x2 - x1, h: y2 - y1, text: unescapeXml(w[5]) });
    }
  }
  return { pages, words };
}

export function overlaps(a: Box, b: Box, eps = 0.05): boolean {
  return a.x < b.x + b.w - eps && b.x < a.x + a.w - eps && a.y < b.y + b.h - eps && b.y < a.y + a.h - eps;
}

/**
 * Problems found on the PDF itself: words outside the printable area (page minus `margin`
 * points), words overlapping each other, words overlapping a QR box.
 */
export function pdfLayoutProblems(file: string, margin: number, qr: { halaman: number; kotak_pt: Box }[]): string[] {
  const { pages, words } = pdfWords(file);
  const out: string[] = [];
  for (const w of words) {
    const pg = pages[w.page - 1];
    if (w.x < margin - 0.05 || w.y < margin - 0.05 || w.x + w.w > pg.width - margin + 0.05 || w.y + w.h > pg.height - margin + 0.05)
      out.push(`hal ${w.page}: "${w.text}" keluar dari area cetak`);
  }
  const byPage = new Map<number, Word[]>();
  for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const [page, ws] of byPage) {
    for (let i = 0; i < ws.length; i++) for (let j = i + 1; j < ws.length; j++) if (overlaps(ws[i], ws[j])) out.push(`hal ${page}: "${ws[i].text}" menimpa "${ws[j].text}"`);
    for (const q of qr.filter((q) => q.halaman === page)) for (const w of ws) if (overlaps(w, q.kotak_pt)) out.push(`hal ${page}: "${w.text}" menimpa kode QR`);
  }
  return out;
}

interface Raster {
  width: number;
  height: number;
  /** Grey bytes (one per pixel), row by row, from `offset`. */
  grey: Buffer;
  offset: number;
}

/** A binary PGM (P5, maxval 255) as `pdftoppm -gray` writes it. */
function readPgm(file: string): Raster {
  const buf = fs.readFileSync(file);
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!head) throw new Error(`${file} is not a binary PGM`);
  return { width: Number(head[1]), height: Number(head[2]), grey: buf, offset: head[0].length };
}

/** The pixels of `r` from (x, y), w × h (clipped to the page), as a PGM file's bytes. */
function cropPgm(r: Raster, x: number, y: number, w: number, h: number): Buffer {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const cw = Math.min(r.width, x + w) - x0;
  const ch = Math.min(r.height, y + h) - y0;
  const header = Buffer.from(`P5\n${cw} ${ch}\n255\n`, 'latin1');
  const body = Buffer.alloc(cw * ch);
  for (let row = 0; row < ch; row++) {
    const from = r.offset + (y0 + row) * r.width + x0;
    r.grey.copy(body, row * cw, from, from + cw);
  }
  return Buffer.concat([header, body]);
}

// What zbarimg read from each crop, by the crop's bytes: the same pixels decode the same way, and
// the twenty posters of a run repeat the same fourteen codes at the same places, so zbarimg sees
// each distinct image once per test file instead of once per poster.
const decodedCrops = new Map<string, string>();

/** zbarimg over the crops not seen before; fills decodedCrops. */
function decodeNewCrops(crops: { key: string; pgm: Buffer }[], tmp: string): void {
  const todo = new Map<string, string>();
  for (const c of crops) {
    if (decodedCrops.has(c.key) || todo.has(c.key)) continue;
    const file = path.join(tmp, `kode-${process.pid}-${todo.size}.pgm`);
    fs.writeFileSync(file, c.pgm);
    todo.set(c.key, file);
  }
  if (todo.size === 0) return;
  const files = [...todo.values()];
  const z = spawnSync('zbarimg', ['--quiet', '--xml', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (z.status !== 0 && z.status !== 4) throw new Error(`zbarimg gagal (${z.status}): ${z.stderr}`);
  const found = new Map<string, string>();
  for (const m of z.stdout.matchAll(/<source href='([^']*)'>([\s\S]*?)<\/source>/g)) {
    const data = /<data(?: format="[^"]*")?(?: length="\d+")?><!\[CDATA\[([\s\S]*?)\]\]><\/data>/.exec(m[2]);
    if (data) found.set(path.resolve(m[1]), data[1]);
  }
  for (const [key, file] of todo) {
    decodedCrops.set(key, found.get(path.resolve(file)) ?? '');
    fs.rmSync(file, { force: true });
  }
}

/**
 * Decodes each QR box (cropped from its page at 150 dpi); returns payloads in the same order.
 * The pages are rendered once (one `pdftoppm -gray` for the file: zbar reads grey anyway, and a
 * third of the bytes of RGB) and cropped here to the same pixels `pdftoppm -x -y -W -H` gives;
 * the crops not decoded before go to one zbarimg.
 */
export function decodeQrBoxes(file: string, qr: { halaman: number; kotak_pt: Box }[], tmp: string): string[] {
  if (qr.length === 0) return [];
  const base = path.join(tmp, `halaman-${process.pid}`);
  const r = spawnSync('pdftoppm', pdftoppmArgs(file, qr, base), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm gagal: ${r.stderr}`);
  const crops = cropRendered(file, qr, base);
  decodeNewCrops(crops, tmp);
  return crops.map((c) => decodedCrops.get(c.key) ?? '');
}

/**
 * decodeQrBoxes over many files: the same renders, crops and checks, but up to `parallel` pdftoppm
 * run at once (each spends most of its time starting up and writing pages, not on the CPU) and all
 * new crops go to one zbarimg. Payloads per file, in the order of `files`.
 */
export async function decodeQrBoxesMany(files: { file: string; qr: { halaman: number; kotak_pt: Box }[] }[], tmp: string, parallel = 4): Promise<string[][]> {
  const crops: { key: string; pgm: Buffer }[][] = new Array(files.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const { file, qr } = files[i];
      if (qr.length === 0) {
        crops[i] = [];
        continue;
      }
      const base = path.join(tmp, `halaman-${process.pid}-${i}`);
      await new Promise<void>((resolve, reject) =>
        execFile('pdftoppm', pdftoppmArgs(file, qr, base), (err, _out, stderr) => (err ? reject(new Error(`pdftoppm gagal: ${stderr}`)) : resolve())),
      );
      crops[i] = cropRendered(file, qr, base);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, lane));
  decodeNewCrops(crops.flat(), tmp);
  return crops.map((list) => list.map((c) => decodedCrops.get(c.key) ?? ''));
}

const QR_DPI = 150;

function pdftoppmArgs(file: string, qr: { halaman: number }[], base: string): string[] {
  const first = Math.min(...qr.map((q) => q.halaman));
  const last = Math.max(...qr.map((q) => q.halaman));
  return ['-gray', '-r', String(QR_DPI), '-f', String(first), '-l', String(last), file, base];
}

/** Crops each box from the pages pdftoppm wrote at `base`, then removes those pages. */
function cropRendered(file: string, qr: { halaman: number; kotak_pt: Box }[], base: string): { key: string; pgm: Buffer }[] {
  const s = QR_DPI / 72;
  const tmp = path.dirname(base);
  const pages = fs.readdirSync(tmp).filter((f) => f.startsWith(`${path.basename(base)}-`) && /^-\d+\.pgm$/.test(f.slice(path.basename(base).length)));
  // pdftoppm numbers pages with as many digits as the document's last page needs.
  const pageFile = (n: number) => pages.find((f) => Number(/-(\d+)\.pgm$/.exec(f)?.[1]) === n);
  const rasters = new Map<number, Raster>();
  const crops = qr.map((q) => {
    let raster = rasters.get(q.halaman);
    if (!raster) {
      const f = pageFile(q.halaman);
      if (!f) throw new Error(`pdftoppm wrote no page ${q.halaman} of ${file}`);
      rasters.set(q.halaman, (raster = readPgm(path.join(tmp, f))));
    }
    const b = q.kotak_pt;
    const pgm = cropPgm(raster, Math.floor(b.x * s), Math.floor(b.y * s), Math.ceil(b.w * s), Math.ceil(b.h * s));
    return { key: crypto.createHash('sha256').update(pgm).digest('hex'), pgm };
  });
  for (const p of pages) fs.rmSync(path.join(tmp, p), { force: true });
  return crops;
}

/** A small solid-colour PNG (for logo tests), without any image library. */
export function tinyPng(width: number, height: number, rgb: [number, number, number] = [11, 83, 148]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Every file below `dir` (relative names), for "nothing was written" checks. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

export interface Line extends Box {
  page: number;
  text: string;
}

/** Every text line with its box in points (top-left origin), from `pdftotext -bbox-layout`. */
export function pdfLines(file: string): { pages: { width: number; height: number }[]; lines: Line[] } {
  const r = spawnSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -bbox-layout gagal: ${r.stderr}`);
  const pages: { width: number; height: number }[] = [];
  const lines: Line[] = [];
  let cur: Line | null = null;
  for (const row of r.stdout.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(row);
    if (p) pages.push({ width: Number(p[1]), height: Number(p[2]) });
    const l = /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/.exec(row);
    if (l) {
      const [x1, y1, x2, y2] = [1, 2, 3, 4].map((i) => Number(l[i]));
      cur = { page: pages.length, x: x1, y: y1, w: x2 - x1, h: y2 - y1, text: '' };
      lines.push(cur);
    }
    const w = /<word [^>]*>(.*)<\/word>/.exec(row);
    if (w && cur) cur.text += (cur.text ? ' ' : '') + unescapeXml(w[1]);
  }
  return { pages, lines };
}
