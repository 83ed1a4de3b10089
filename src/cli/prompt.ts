/**
 * Interactive prompts, only ever with a terminal, and all in Indonesian: every command asks
 * through this file, never through @inquirer/prompts directly, so a yes/no question answers
 * `Ya`/`Tidak` and the key hints under a list read `↑↓ pindah • ⏎ pilih` everywhere. Each answer is
 * checked as it is typed (the `validate` of `need`/`ask`), so a wrong value is refused at its own
 * prompt, not after all the others. Without a TTY (scripts, CI) nothing is asked: a missing input
 * is a UserError naming the flag to pass.
 */
import { Writable } from 'node:stream';
import type tty from 'node:tty';
import { UserError } from '../core/errors.js';
import { currentInvocation } from './io.js';
import { c } from './output.js';

export function canPrompt(): boolean {
  const { isTTY, env } = currentInvocation().io;
  return isTTY.stdin && isTTY.stdout && env.PATEN_NO_PROMPT !== '1';
}

async function inquirer() {
  return import('@inquirer/prompts');
}

/**
 * inquirer reads and draws on the invocation's streams, not on the process's. It pipes its output
 * into the stream it is given and ends that pipe when the prompt is answered, which would end the
 * invocation's stdout after the first question (Node spares only process.stdout). So each prompt
 * draws on its own writer that forwards to stdout and is the one that ends; it reports stdout's
 * terminal size, which inquirer reads for wrapping.
 */
function streams(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  const { stdin, stdout, isTTY, columns } = currentInvocation().io;
  const output = new Writable({
    write(chunk, encoding, done) {
      stdout.write(chunk, encoding, done);
    },
  });
  const size = stdout as Partial<tty.WriteStream>;
  Object.assign(output, { isTTY: isTTY.stdout, columns: size.columns ?? columns, rows: size.rows });
  return { input: stdin, output };
}

/** inquirer's key hints (`↑↓ navigate • ⏎ select`), word for word in Indonesian. */
const KEY_WORDS: Record<string, string> = {
  navigate: 'pindah',
  select: 'pilih',
  submit: 'selesai',
  all: 'semua',
  invert: 'balik',
  space: 'spasi',
};

export function keysHelpTip(keys: [string, string][]): string {
  return keys.map(([key, action]) => `${c.bold(KEY_WORDS[key] ?? key)} ${c.dim(KEY_WORDS[action] ?? action)}`).join(c.dim(' • '));
}

/** The theme every list prompt gets (select, checkbox). */
export const TEMA = { style: { keysHelpTip } } as const;

export type Validate = (v: string) => string | true;

/** Asks one line of text; `validate` runs on each Enter and keeps the prompt open until it passes. */
export async function ask(message: string, opts: { default?: string; validate?: Validate } = {}): Promise<string> {
  const { input } = await inquirer();
  return input({ message, default: opts.default, validate: opts.validate ?? (() => true) }, streams());
}

function missing(flag: string, what: string): UserError {
  return new UserError(`${what} belum diisi: berikan argumen ${flag}.`, {
    hint: 'Perintah ini berjalan tanpa terminal interaktif, jadi paten tidak bertanya. Lihat `paten <perintah> --help`.',
  });
}

/** Returns `value` if given; otherwise asks (TTY) or fails naming the flag. */
export async function need(
  value: string | undefined,
  flag: string,
  what: string,
  opts: { default?: string; validate?: Validate; optional?: boolean; hint?: string } = {},
): Promise<string | undefined> {
  if (value !== undefined && value !== '') return value;
  if (!canPrompt()) {
    if (opts.optional) return opts.default;
    const e = missing(flag, what);
    throw opts.hint ? new UserError(e.message, { hint: opts.hint }) : e;
  }
  const ans = await ask(`${what}${opts.optional ? ' (boleh kosong)' : ''}:`, {
    default: opts.default,
    validate: (v: string) => {
      if (!opts.optional && !v.trim()) return `${what} wajib diisi`;
      if (!v.trim()) return true;
      return opts.validate ? opts.validate(v.trim()) : true;
    },
  });
  return ans.trim() === '' ? undefined : ans.trim();
}

const YA = /^(y|ya|yes|iya)$/i;
const TIDAK = /^(t|tidak|tdk|n|no|nggak|enggak)$/i;

/** The answer a yes/no line means: true, false, the default for an empty line, or null (unclear). */
export function parseYaTidak(v: string, dflt: boolean): boolean | null {
  const s = v.trim();
  if (s === '') return dflt;
  if (YA.test(s)) return true;
  if (TIDAK.test(s)) return false;
  return null;
}

/**
 * A yes/no question: `Hapus desa Betro? (y/T)`, answered with y/ya or t/tidak (n/no work too);
 * the answered line shows `Ya` or `Tidak`. Anything else is refused at the prompt.
 */
export async function confirm(message: string, dflt = false): Promise<boolean> {
  if (!canPrompt()) return dflt;
  const { input } = await inquirer();
  const ans = await input({
    message: `${message} ${c.dim(dflt ? '(Y/t)' : '(y/T)')}`,
    validate: (v) => (parseYaTidak(v, dflt) === null ? 'Jawab y (ya) atau t (tidak).' : true),
    transformer: (v, { isFinal }) => (isFinal ? c.cyan(parseYaTidak(v, dflt) ? 'Ya' : 'Tidak') : v),
  }, streams());
  return parseYaTidak(ans, dflt)!;
}

/** One choice from a list (↑↓ and Enter; the hint line is in Indonesian). */
export async function choose<T extends string>(message: string, choices: { name: string; value: T }[], opts: { default?: T } = {}): Promise<T> {
  const { select } = await inquirer();
  return select({ message, choices, default: opts.default, theme: TEMA }, streams());
}
