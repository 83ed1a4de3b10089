/**
 * Entry point: builds the command tree and is the single exit point. `main(argv, io)` runs one
 * invocation over the given streams and returns its exit code: 0 ok, 1 user error (Indonesian
 * message, no stack), 2 internal error (with a bug-report hint), 130 cancelled with Ctrl+C at a
 * prompt. bin/paten.js passes the process's streams; tests run it in-process with captured ones.
 *
 * Ctrl+C outside a prompt keeps Node's default: the process ends at once, also in the middle of
 * synchronous work such as an import (a JavaScript SIGINT handler would only run after that work,
 * i.e. after its COMMIT). The shell then reports 130, SQLite rolls the open transaction back on the
 * next open, and files are only ever renamed into place when complete, so nothing is half written;
 * the interrupted run's hidden temporary file is removed by the next write into that folder.
 * qr generate, which writes a whole set of files asynchronously, listens instead
 * (src/cli/interrupt.ts): it stops, removes its staging folder and ends with 130.
 */
import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import type { Argument, Command, CommanderError, Option } from 'commander';
import { UserError, EXIT_INTERNAL, EXIT_USER } from '../core/errors.js';
import { c, disableColor, writeErr } from './output.js';
import { createInvocation, currentInvocation, processIo, runInvocation, type Io } from './io.js';
import { COMMANDS, commandsFor } from './commands/index.js';
import { argumentTerm, askMissingArguments, commandPath } from './arguments.js';

// What only a command's action or a command's own help needs (the database context, the temp-file
// sweep, the Contoh: table) is imported when it is needed: `paten --help` and `paten --version`
// load 7 of paten's modules besides commander (bench/startup.bench.mjs).

// commander through require, not its ESM wrapper (esm.mjs): one module load fewer and no scan of
// its index.js for export names, about 10 ms of every start on the office machine (measured
// interleaved, bench/startup.bench.mjs). Only this file uses commander's values; others its types.
const commander = createRequire(import.meta.url)('commander') as typeof Commander;

// bin/paten.js takes the process's streams from here (one import for the shim).
export { processIo };

const VERSION = '0.1.0';

/** The shell's code for a run ended by Ctrl+C (128 + SIGINT). */
export const EXIT_CANCELLED = 130;

const TITLES: Record<string, string> = {
  'Usage:': 'Pemakaian:',
  'Options:': 'Opsi:',
  'Commands:': 'Perintah:',
  'Arguments:': 'Argumen:',
  'Global Options:': 'Opsi umum:',
};

/** Commander's "(default: x)" and "(choices: …)" in Indonesian. */
function indonesianExtras(text: string): string {
  return text.replace(/\(default: /g, '(bawaan: ').replace(/\(choices: /g, '(pilihan: ').replace(/\(preset: /g, '(bila tanpa nilai: ');
}

// Commands registered by name only (the top-level help), with the term their help line shows.
const LISTED = new WeakMap<Command, string>();

class IndonesianHelp extends commander.Help {
  override styleTitle(str: string): string {
    return TITLES[str] ?? str;
  }
  override commandUsage(cmd: Command): string {
    return super.commandUsage(cmd).replace('[options]', '[opsi]').replace('[command]', '[perintah]');
  }
  override optionDescription(option: Option): string {
    return indonesianExtras(super.optionDescription(option));
  }
  override argumentDescription(argument: Argument): string {
    return indonesianExtras(super.argumentDescription(argument));
  }
  override subcommandTerm(cmd: Command): string {
    const listed = LISTED.get(cmd);
    if (listed) return listed;
    const args = cmd.registeredArguments.map(argumentTerm).join(' ');
    return cmd.name() + (cmd.options.length ? ' [opsi]' : '') + (args ? ' ' + args : '');
  }
}

/**
 * The command tree for the user's arguments (only the commands they need are loaded). With
 * `listByName` (what main passes) the top-level help lists the commands without loading them;
 * without it (tests walking the tree) every command is loaded.
 */
export async function buildProgram(args: readonly string[] = [], opts: { listByName?: boolean } = {}): Promise<Command> {
  const program = new commander.Command('paten');
  program
    .description('Alat kerja kantor kecamatan: poster QR persyaratan PATEN, SKM → IKM, dan bazar pelayanan.')
    .version(VERSION, '-V, --version', 'tampilkan versi paten')
    .option('--db <berkas>', 'berkas basis data (mengalahkan PATEN_DB dan lokasi bawaan)')
    .option('--json', 'keluaran data sebagai JSON (untuk skrip)')
    .option('--no-color', 'tanpa warna')
    .helpOption('-h, --help', 'tampilkan bantuan')
    .helpCommand('help [perintah]', 'tampilkan bantuan untuk perintah')
    .showSuggestionAfterError(true);
  program.createHelp = () => Object.assign(new IndonesianHelp(), program.configureHelp());
  program.hook('preAction', async (_this, action) => {
    const g = action.optsWithGlobals() as { color?: boolean };
    if (g.color === false) disableColor();
    // A new run sweeps each folder it writes into again (several runs share a process in the tests).
    (await import('../core/tempfiles.js')).resetTempSweep();
    await (await import('./context.js')).loadDatabaseModule();
  });
  const plan = commandsFor(args);
  const load = plan.listOnly && !opts.listByName ? COMMANDS : plan.load;
  // The command modules and the Contoh: table are fetched together, not one after another: each
  // ESM import waits for file reads on libuv's thread pool, which on a busy machine is what a help
  // costs most (bench/startup.bench.mjs).
  const contoh = load.length ? import('./contoh.js') : undefined;
  for (const register of await Promise.all(load.map((entry) => entry.load()))) register(program);
  if (plan.listOnly && opts.listByName) for (const entry of COMMANDS) LISTED.set(program.command(entry.name).description(entry.summary), entry.term);
  applyDefaults(program);
  askMissingArguments(program);
  // The examples are shown only in a loaded command's help (the top-level help lists names).
  if (contoh) (await contoh).addContoh(program);
  return program;
}

/** Every subcommand: Indonesian help texts and our error handling. */
function applyDefaults(cmd: Command): void {
  for (const sub of cmd.commands) {
    sub.helpOption('-h, --help', 'tampilkan bantuan');
    sub.createHelp = () => Object.assign(new IndonesianHelp(), sub.configureHelp());
    if (sub.commands.length) sub.helpCommand('help [perintah]', 'tampilkan bantuan untuk perintah');
    applyDefaults(sub);
  }
}

/** Commander's English usage errors, in Indonesian. */
function translateCommanderError(err: CommanderError): string {
  const m = err.message.replace(/^error: /, '');
  const q = (re: RegExp) => re.exec(m)?.[1] ?? '';
  switch (err.code) {
    case 'commander.unknownCommand':
      return `Perintah tidak dikenal: ${q(/'([^']+)'/)}.` + (/Did you mean (.+)\?/.exec(m) ? ` Mungkin maksud Anda ${/Did you mean (.+)\?/.exec(m)![1]}?` : '');
    case 'commander.unknownOption':
      return `Opsi tidak dikenal: ${q(/'([^']+)'/)}.` + (/Did you mean (.+)\?/.exec(m) ? ` Mungkin maksud Anda ${/Did you mean (.+)\?/.exec(m)![1]}?` : '');
    case 'commander.missingArgument':
      return `Argumen wajib belum diberikan: ${q(/'([^']+)'/)}.`;
    case 'commander.optionMissingArgument':
      return `Opsi ${q(/'([^']+)'/)} memerlukan nilai.`;
    case 'commander.missingMandatoryOptionValue':
      return `Opsi wajib belum diberikan: ${q(/'([^']+)'/)}.`;
    case 'commander.excessArguments': {
      const n = /Expected (\d+) arguments? but got (\d+)/.exec(m);
      return n ? `Terlalu banyak argumen: perintah ini menerima ${n[1]}, diberikan ${n[2]}.` : `Terlalu banyak argumen. ${m}`;
    }
    case 'commander.invalidArgument':
      return m.replace(/^option '([^']+)' argument '([^']*)' is invalid\.\s*/, "Nilai '$2' untuk opsi $1 tidak valid. ").replace(/^command-argument value '([^']*)' is invalid for argument '([^']+)'\.\s*/, "Nilai '$1' untuk argumen $2 tidak valid. ");
    default:
      return m;
  }
}

function printUserError(err: UserError): void {
  writeErr(c.red('Galat: ') + err.message + '\n');
  for (const d of err.details) writeErr('  - ' + d + '\n');
  if (err.hint) writeErr(c.dim('Petunjuk: ') + err.hint + '\n');
}

/**
 * Runs paten with the user's arguments `argv` (without node and the script) over `io`, and
 * returns the exit code. Never ends the process itself, except on a closed pipe when `io.exit` is
 * given (the real process).
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const inv = createInvocation(io);
  return runInvocation(inv, async () => {
    // `paten … | head`: the reader closed the pipe; stop quietly instead of printing a stack trace.
    const exit = io.exit;
    if (exit) {
      for (const stream of [io.stdout, io.stderr]) {
        stream.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'EPIPE') exit(0);
          throw e;
        });
      }
    }
    let code = 0;
    // The command that refused the arguments, so the hint names its own --help.
    let refusedBy: Command | undefined;
    try {
      const program = await buildProgram(argv, { listByName: true });
      program.exitOverride();
      const silence = (cmd: Command) => {
        cmd.exitOverride();
        // Help and version go to the invocation's stdout, a group's help after a missing subcommand
        // (`paten survey`) to its stderr; commander's own error lines are dropped (handleError says
        // them in Indonesian).
        cmd.configureOutput({ writeOut: (str) => io.stdout.write(str), writeErr: (str) => io.stderr.write(str), outputError: () => void (refusedBy = cmd) });
        cmd.commands.forEach(silence);
      };
      silence(program);
      if (argv.length === 0) program.outputHelp();
      else await program.parseAsync(argv, { from: 'user' });
    } catch (e) {
      code = await handleError(e, refusedBy);
    } finally {
      // Only an action opens a database, and it loaded context.js first.
      if (inv.opened.length) (await import('./context.js')).closeAll(inv);
    }
    return code;
  });
}

/** The exit code for what a command threw, after saying it on the invocation's stderr. */
export async function handleError(e: unknown, refusedBy?: Command): Promise<number> {
  if (e instanceof commander.CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : EXIT_USER;
    const help = refusedBy?.parent ? `lihat \`${commandPath(refusedBy)} --help\`.` : 'lihat `paten --help` atau `paten <perintah> --help`.';
    writeErr(c.red('Galat: ') + translateCommanderError(e) + '\n' + c.dim('Petunjuk: ') + help + '\n');
    return EXIT_USER;
  }
  // A full disk, a lock held too long, a read-only or damaged file: the machine's fault, not a bug.
  const { faultToUserError } = await import('../core/faults.js');
  const user = faultToUserError(e);
  if (user) {
    printUserError(user);
    return EXIT_USER;
  }
  const err = e as { name?: string; message?: string };
  // Ctrl+C (or Esc) at a prompt, or during a run that stops cleanly on it (src/cli/interrupt.ts):
  // nothing was written, and the shell convention is 128 + SIGINT.
  if (err?.name === 'ExitPromptError' || err?.name === 'AbortPromptError' || err?.name === 'AbortError') {
    writeErr('Dibatalkan.\n');
    return EXIT_CANCELLED;
  }
  writeErr(
    c.red('Galat internal: ') + (err?.message ?? String(e)) + '\n' +
      'Ini adalah kesalahan di paten, bukan kesalahan Anda. Mohon laporkan dengan menyertakan perintah yang dijalankan' +
      ' dan keluaran `paten info`. Jalankan ulang dengan PATEN_DEBUG=1 untuk rincian teknis.\n',
  );
  if (currentInvocation().io.env.PATEN_DEBUG === '1' && e instanceof Error && e.stack) writeErr(e.stack + '\n');
  return EXIT_INTERNAL;
}
