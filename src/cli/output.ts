/**
 * Printing: data goes to stdout (JSON with --json, a table or text otherwise); messages, warnings
 * and progress go to stderr. Every write goes to the current invocation's streams (io.ts), with
 * colour decided per stream: NO_COLOR / --no-color, and whether that stream is a terminal.
 */
import { currentInvocation, forStream, setColorLevels, type Styles } from './io.js';
import { jsonOutput } from '../core/json.js';

/**
 * The current invocation's styles (`c.bold(…)`): a stand-in that forwards to the run it is used
 * in, so command files need no handle on the invocation to style their text.
 */
export const c: Styles = {
  get level() {
    return currentInvocation().styles.level;
  },
  bold: (t) => currentInvocation().styles.bold(t),
  dim: (t) => currentInvocation().styles.dim(t),
  red: (t) => currentInvocation().styles.red(t),
  green: (t) => currentInvocation().styles.green(t),
  yellow: (t) => currentInvocation().styles.yellow(t),
  cyan: (t) => currentInvocation().styles.cyan(t),
};

/** `--no-color`: no escape codes on either stream of this invocation. */
export function disableColor(): void {
  setColorLevels(currentInvocation(), { stdout: 0, stderr: 0 });
}

/** Whether stderr of this invocation is a terminal (spinners, "working…" lines). */
export function stderrIsTTY(): boolean {
  return currentInvocation().io.isTTY.stderr;
}

function out(text: string): void {
  const inv = currentInvocation();
  inv.io.stdout.write(forStream(inv, 'stdout', text));
}

function err(text: string): void {
  const inv = currentInvocation();
  inv.io.stderr.write(forStream(inv, 'stderr', text));
}

export function printJson(data: unknown): void {
  writeData(jsonOutput(data) + '\n');
}

/** Data as it is (CSV, JSON text) to stdout: never restyled. */
export function writeData(text: string): void {
  currentInvocation().io.stdout.write(text);
}

export function print(text = ''): void {
  out(text + '\n');
}

/** Raw text to stderr (progress lines, error blocks), styles dropped when stderr is not coloured. */
export function writeErr(text: string): void {
  err(text);
}

export function info(msg: string): void {
  err(msg + '\n');
}

export function success(msg: string): void {
  err(c.green('✓ ') + msg + '\n');
}

export function warn(msg: string): void {
  err(c.yellow('! ') + msg + '\n');
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
