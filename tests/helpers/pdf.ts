/**
 * Checks PDFs as a user would: text with `pdftotext`, pages as PNG with `pdftoppm`, QR codes with
 * `zbarimg` (Debian: poppler-utils, zbar-tools; .ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function run(cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} tidak dapat dijalankan (${r.error.message}); pasang poppler-utils dan zbar-tools`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The PDF's text (`pdftotext -layout` unless raw), all pages or one page (1-based). */
export function pdfText(file: string, opts: { page?: number; layout?: boolean } = {}): string {
  const args = [opts.layout === false ? '-raw' : '-layout', '-enc', 'UTF-8'];
  if (opts.page) args.push('-f', String(opts.page), '-l', String(opts.page));
  const r = run('pdftotext', [...args, file, '-']);
  if (r.code !== 0) throw new Error(`pdftotext gagal: ${r.stderr}`);
  return r.stdout;
}

/** Number of pages, from `pdfinfo`. */
export function pdfPages(file: string): number {
  const r = run('pdfinfo', [file]);
  if (r.code !== 0) throw new Error(`pdfinfo gagal: ${r.stderr}`);
  return Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1] ?? NaN);
}

/** `pdfinfo` fields (Title, Page size, …). */
export function pdfInfo(file: string): Record<string, string> {
  const r = run('pdfinfo', [file]);
  if (r.code !== 0) throw new Error(`pdfinfo gagal: ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/**
 * Renders one page (1-based) to PNG at `dpi`, optionally cropped to a box given in PDF points
 * from the top-left corner. Returns the PNG path.
 */
export function renderPage(file: string, page: number, outDir: string, opts: { dpi?: number; box?: { x: number; y: number; w: number; h: number } } = {}): string {
  const dpi = opts.dpi ?? 150;
  const base = path.join(outDir, `p${page}-${opts.box ? `${Math.round(opts.box.x)}-${Math.round(opts.box.y)}` : 'full'}`);
  const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile'];
  if (opts.box) {
    const s = dpi / 72;
    args.push('-x', String(Math.floor(opts.box.x * s)), '-y', String(Math.floor(opts.box.y * s)), '-W', String(Math.ceil(opts.box.w * s)), '-H', String(Math.ceil(opts.box.h * s)));
  }
  const r = run('pdftoppm', [...args, file, base]);
  if (r.code !== 0) throw new Error(`pdftoppm gagal: ${r.stderr}`);
  const png = `${base}.png`;
  if (!fs.existsSync(png)) throw new Error(`pdftoppm tidak menulis ${png}`);
  return png;
}

/** Decodes every QR code in a PNG with zbarimg; returns their payloads (empty when none). */
export function scanQr(png: string): string[] {
  // No -Sbinary: zbar then guesses the character set like a phone would, which is why paten's
  // payloads are plain ASCII.
  const r = run('zbarimg', ['--quiet', '--raw', png]);
  if (r.code === 4) return []; // no symbol found
  if (r.code !== 0) throw new Error(`zbarimg gagal (${r.code}): ${r.stderr}`);
  // --raw prints each payload followed by a newline; payloads may contain newlines themselves, so
  // callers with one code per crop should use the whole text.
  return [r.stdout.replace(/\n$/, '')];
}
