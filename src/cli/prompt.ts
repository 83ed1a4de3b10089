/**
 * Interactive prompts, only ever with a terminal. Without a TTY (scripts, CI) nothing is asked:
 * a missing input is a UserError naming the flag to pass.
 */
import { UserError } from '../core/errors.js';
import { currentInvocation } from './io.js';

export function canPrompt(): boolean {
  const { isTTY, env } = currentInvocation().io;
  return isTTY.stdin && isTTY.stdout && env.PATEN_NO_PROMPT !== '1';
}

async function inquirer() {
  return import('@inquirer/prompts');
}

/** inquirer reads and draws on the invocation's streams, not on the process's. */
function streams(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  const { stdin, stdout } = currentInvocation().io;
  return { input: stdin, output: stdout };
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
  opts: { default?: string; validate?: (v: string) => string | true; optional?: boolean } = {},
): Promise<string | undefined> {
  if (value !== undefined && value !== '') return value;
  if (!canPrompt()) {
    if (opts.optional) return opts.default;
    throw missing(flag, what);
  }
  const { input } = await inquirer();
  const ans = await input({
    message: `${what}${opts.optional ? ' (boleh kosong)' : ''}:`,
    default: opts.default,
    validate: (v: string) => {
      if (!opts.optional && !v.trim()) return `${what} wajib diisi`;
      return opts.validate ? opts.validate(v) : true;
    },
  }, streams());
  return ans.trim() === '' ? undefined : ans.trim();
}

export async function confirm(message: string, dflt = false): Promise<boolean> {
  if (!canPrompt()) return dflt;
  const { confirm } = await inquirer();
  return confirm({ message, default: dflt }, streams());
}

export async function choose<T extends string>(message: string, choices: { name: string; value: T }[]): Promise<T> {
  const { select } = await inquirer();
  return select({ message, choices }, streams());
}
