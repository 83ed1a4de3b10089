/**
 * Runs `paten` under a pseudo-terminal (util-linux `script`, present on every Debian machine) and
 * answers its inquirer prompts one by one, as a person at the keyboard would: each step waits for
 * a prompt text on the screen, then types the answer and Enter.
 */
import { spawn } from 'node:child_process';
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

export function patenTty(args: string[], steps: TtyStep[], opts: { db?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<TtyResult> {
  const full = opts.db ? ['--db', opts.db, ...args] : args;
  const cmd = [process.execPath, BIN, ...full].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
    cwd: ROOT,
    env: ttyEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
    // Like a person, answer a moment after the prompt appears (the prompt is then listening).
    typing = true;
    setTimeout(() => {
      child.stdin.write(steps[i].send);
      i++;
      typing = false;
      pump();
    }, 40);
  };
  child.stdout.on('data', (d: Buffer) => {
    raw += d.toString('utf8');
    pump();
  });
  child.stderr.on('data', (d: Buffer) => {
    raw += d.toString('utf8');
    pump();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`patenTty timed out at step ${i} (${String(steps[i]?.expect)}); screen:\n${stripAnsi(raw)}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (i < steps.length) reject(new Error(`paten exited (${code}) before step ${i} (${String(steps[i].expect)}); screen:\n${stripAnsi(raw)}`));
      else resolve({ code: code ?? -1, screen: stripAnsi(raw) });
    });
  });
}
