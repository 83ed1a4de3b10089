/**
 * Printing: data goes to stdout (JSON with --json, a table or text otherwise); messages, warnings
 * and progress go to stderr. Colours follow NO_COLOR / --no-color and whether stderr is a terminal.
 */
import { Chalk, type ChalkInstance } from 'chalk';

let colorEnabled = !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && !!process.stderr.isTTY && process.env.TERM !== 'dumb';
if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0' && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '')) colorEnabled = true;

export let c: ChalkInstance = new Chalk({ level: colorEnabled ? 1 : 0 });

export function setColor(enabled: boolean): void {
  colorEnabled = enabled;
  c = new Chalk({ level: enabled ? 1 : 0 });
}

export function useColor(): boolean {
  return colorEnabled;
}

export function printJson(data: unknown): void {
  process.stdout.write(JSON.stringify(data, null, 2) + '\n');
}

export function print(text = ''): void {
  process.stdout.write(text + '\n');
}

export function info(msg: string): void {
  process.stderr.write(msg + '\n');
}

export function success(msg: string): void {
  process.stderr.write(c.green('✓ ') + msg + '\n');
}

export function warn(msg: string): void {
  process.stderr.write(c.yellow('! ') + msg + '\n');
}

/** Display width of a string (combining marks count 0, CJK/emoji count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Mn}/u.test(ch)) continue;
    w += cp >= 0x1100 && /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}]/u.test(ch) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const gap = Math.max(0, width - displayWidth(s));
  return align === 'right' ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

export interface TableOptions {
  /** Columns to right-align (numbers), by index. */
  right?: number[];
  /** Truncate cells wider than this. */
  maxWidth?: number;
}

/** A plain aligned text table (no box characters, so it copies cleanly into WhatsApp or Word). */
export function renderTable(header: string[], rows: (string | number | null | undefined)[][], opts: TableOptions = {}): string {
  const max = opts.maxWidth ?? 60;
  const cells = rows.map((r) =>
    r.map((v) => {
      const s = v === null || v === undefined ? '' : String(v);
      return displayWidth(s) > max ? s.slice(0, max - 1) + '…' : s;
    }),
  );
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const right = new Set(opts.right ?? []);
  const line = (r: string[]) =>
    r
      .map((v, i) => pad(v ?? '', widths[i], right.has(i) ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const out = [c.bold(line(header)), c.dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...cells.map(line)];
  return out.join('\n');
}

/** Key/value block, e.g. for `paten profil show`. */
export function renderPairs(pairs: [string, string | number | null | undefined][]): string {
  const w = Math.max(...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `${pad(k, w, 'left')}  ${v === null || v === undefined || v === '' ? c.dim('-') : v}`).join('\n');
}
