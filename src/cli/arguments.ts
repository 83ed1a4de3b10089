/**
 * Required positional arguments (`paten desa remove <desa>`): on a terminal a missing one is asked
 * for, as a flag is (prompt.ts `need`); without a terminal it is a user error whose hint names the
 * command's own help (`paten survey import --help`). Commander would refuse the command before any
 * hook runs, so each required argument is declared optional to commander and checked here in a
 * preAction hook instead; the usage line keeps showing it as `<berkas>`.
 */
import type { Argument, Command } from 'commander';
import { UserError } from '../core/errors.js';

/** Arguments that are required to the user although commander is told they are optional. */
const REQUIRED = new WeakSet<Argument>();

/** `<berkas...>` or `[tahun]` as the user must type it (for the subcommand lists in --help). */
export function argumentTerm(arg: Argument): string {
  const name = arg.name() + (arg.variadic ? '...' : '');
  return arg.required || REQUIRED.has(arg) ? `<${name}>` : `[${name}]`;
}

/** `paten survey import`: the command as the user types it. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function label(arg: Argument): string {
  const d = arg.description || arg.name();
  return d.charAt(0).toUpperCase() + d.slice(1);
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Asks for (or refuses) every missing required argument before the action runs. */
async function fillArguments(cmd: Command, required: readonly boolean[]): Promise<void> {
  // prompt.js only when an action runs, not for every --help.
  const { canPrompt, need } = await import('./prompt.js');
  const processed = cmd.processedArgs as unknown[];
  for (const [i, arg] of cmd.registeredArguments.entries()) {
    if (!required[i] || !isMissing(processed[i])) continue;
    const term = `<${arg.name()}${arg.variadic ? '...' : ''}>`;
    if (!canPrompt())
      throw new UserError(`Argumen wajib belum diberikan: ${term}.`, {
        hint: `lihat \`${commandPath(cmd)} --help\`.`,
      });
    const v = (await need(undefined, term, label(arg)))!;
    const value = arg.parseArg ? arg.parseArg(v, arg.defaultValue) : v;
    processed[i] = arg.variadic ? [value] : value;
    cmd.args[i] = v;
  }
}

/** For every command below `root` that has required arguments. */
export function askMissingArguments(root: Command): void {
  for (const cmd of root.commands) {
    askMissingArguments(cmd);
    const args = cmd.registeredArguments;
    const required = args.map((a) => a.required);
    if (!required.some(Boolean)) continue;
    cmd.usage(cmd.usage());
    for (const a of args) {
      if (a.required) REQUIRED.add(a);
      a.required = false;
    }
    cmd.hook('preAction', (_hooked, action) => (action === cmd ? fillArguments(cmd, required) : undefined));
  }
}
