/**
 * Poster checks as a user would make them: word boxes from `pdftotext -bbox`, each QR code cropped
 * from its page (`pdftoppm -r 150`, box from the manifest) and decoded with `zbarimg`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { renderPage, scanQr } from './pdf.js';

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

/** Decodes each QR box (cropped from its page at 150 dpi); returns payloads in the same order. */
export function decodeQrBoxes(file: string, qr: { halaman: number; kotak_pt: Box }[], tmp: string): string[] {
  return qr.map((q) => {
    const png = renderPage(file, q.halaman, tmp, { dpi: 150, box: q.kotak_pt });
    const got = scanQr(png);
    fs.rmSync(png, { force: true });
    return got.length ? got[0] : '';
  });
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
