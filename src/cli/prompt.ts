/**
 * Interactive prompts, only ever with a terminal. Without a TTY (scripts, CI) nothing is asked:
 * a missing input is a UserError naming the flag to pass.
 */
import { UserError } from '../core/errors.js';

export function canPrompt(): boolean {
  return !!process.stdin.isTTY && !!process.stdout.isTTY && process.env.PATEN_NO_PROMPT !== '1';
}

async function inquirer() {
  return import('@inquirer/prompts');
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
  });
  return ans.trim() === '' ? undefined : ans.trim();
}

export async function confirm(message: string, dflt = false): Promise<boolean> {
  if (!canPrompt()) return dflt;
  const { confirm } = await inquirer();
  return confirm({ message, default: dflt });
}

export async function choose<T extends string>(message: string, choices: { name: string; value: T }[]): Promise<T> {
  const { select } = await inquirer();
  return select({ message, choices });
}
