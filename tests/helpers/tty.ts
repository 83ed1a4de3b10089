/**
 * Runs `paten` under a pseudo-terminal (util-linux `script`, present on every Debian machine) and
 * answers its inquirer prompts one by one, as a person at the keyboard would: each step waits for
 * a prompt text on the screen, then types the answer and Enter. `patenTtyInProcess` holds the
 * same dialogue with `main(argv, io)` in this process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT } from './cli.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', backspace: '\x7f' } as const;

export interface TtyStep {
  /** Text (or pattern) that must appear on the screen before answering. */
  expect: string | RegExp;
  /** Keys to type; '\r' is Enter. */
  send: string;
}

export interface TtyResult {
  code: number;
  /** Everything the terminal showed, ANSI escapes removed. */
  screen: string;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[()][A-Z0-9]/g, '').replace(/\r/g, '');
}

function ttyEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '120', LINES: '40', ...extra };
  delete e.PATEN_DB;
  delete e.FORCE_COLOR;
  return e;
}

/**
 * Types the steps' answers as their prompts appear: `see` takes what the program drew, `send`
 * types into it. Like a person, it answers a moment after the prompt appears (the prompt is then
 * listening).
 */
function typist(steps: TtyStep[], send: (keys: string) => void) {
  let raw = '';
  let seenUpTo = 0;
  let i = 0;
  let typing = false;
  const pump = () => {
    if (typing || i >= steps.length) return;
    const screen = stripAnsi(raw).slice(seenUpTo);
    const e = steps[i].expect;
    const at = typeof e === 'string' ? screen.indexOf(e) : screen.search(e);
    if (at < 0) return;
    seenUpTo += at + 1;
    typing = true;
    setTimeout(() => {
      send(steps[i].send);
      i++;
      typing = false;
      pump();
    }, 40);
  };
  return {
    see(d: Buffer | string) {
      raw += typeof d === 'string' ? d : d.toString('utf8');
      pump();
    },
    /** The step not yet answered (undefined when all were), and the screen so far. */
    pending: () => steps[i] as TtyStep | undefined,
    step: () => i,
    screen: () => stripAnsi(raw),
  };
}

export function patenTty(args: string[], steps: TtyStep[], opts: { db?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<TtyResult> {
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  const cmd = [process.execPath, BIN, ...full].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
    cwd: ROOT,
    env: ttyEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const t = typist(steps, (keys) => child.stdin.write(keys));
  child.stdout.on('data', t.see);
  child.stderr.on('data', t.see);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`patenTty timed out at step ${t.step()} (${String(t.pending()?.expect)}); screen:\n${t.screen()}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (t.pending()) reject(new Error(`paten exited (${code}) before step ${t.step()} (${String(t.pending()?.expect)}); screen:\n${t.screen()}`));
      else resolve({ code: code ?? -1, screen: t.screen() });
    });
  });
}

export interface TtyInProcessResult extends TtyResult {
  stdout: string;
  stderr: string;
}

/**
 * The same dialogue in-process: `main(argv, io)` of the built CLI with io streams that say they
 * are terminals, so a test sees what went to the invocation's own stdout and stderr (and can
 * check that nothing went to the process's).
 */
export async function patenTtyInProcess(args: string[], steps: TtyStep[], opts: { db?: string; timeoutMs?: number } = {}): Promise<TtyInProcessResult> {
  const { main } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href)) as typeof import('../../src/cli/main.js');
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  const stdin = new PassThrough();
  const t = typist(steps, (keys) => stdin.write(keys));
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) =>
    Object.assign(
      new Writable({
        write(chunk: Buffer, _enc, done) {
          into.push(chunk.toString('utf8'));
          t.see(chunk);
          done();
        },
      }),
      { isTTY: true, columns: 120, rows: 40 },
    );
  const env = { ...ttyEnv(), PATEN_DB: undefined };
  const io = { stdout: capture(out), stderr: capture(err), stdin, env, isTTY: { stdin: true, stdout: true, stderr: true }, columns: 120 };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`patenTtyInProcess timed out at step ${t.step()} (${String(t.pending()?.expect)}); screen:\n${t.screen()}`)), opts.timeoutMs ?? 20_000);
  });
  try {
    const code = await Promise.race([main(full, io), timeout]);
    if (t.pending()) throw new Error(`paten ended (${code}) before step ${t.step()} (${String(t.pending()?.expect)}); screen:\n${t.screen()}`);
    return { code, screen: t.screen(), stdout: stripAnsi(out.join('')), stderr: stripAnsi(err.join('')) };
  } finally {
    clearTimeout(timer);
  }
}
