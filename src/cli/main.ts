/**
 * Entry point: builds the command tree and is the single exit point. Exit codes: 0 ok,
 * 1 user error (Indonesian message, no stack), 2 internal error (with a bug-report hint).
 */
import { Argument, Command, CommanderError, Help, Option } from 'commander';
import { UserError, EXIT_INTERNAL, EXIT_USER } from '../core/errors.js';
import { faultToUserError } from '../core/faults.js';
import { c, setColor } from './output.js';
import { closeAll } from './context.js';
import { commandsFor } from './commands/index.js';

const VERSION = '0.1.0';

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

class IndonesianHelp extends Help {
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
    return super.subcommandTerm(cmd).replace('[options]', '[opsi]');
  }
}

/** The command tree for `argv` (only the commands it needs are loaded). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('paten');
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
  program.hook('preAction', (_this, action) => {
    const g = action.optsWithGlobals() as { color?: boolean };
    if (g.color === false) setColor(false);
  });
  for (const entry of commandsFor(argv.slice(2))) (await entry.load())(program);
  applyDefaults(program);
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
    case 'commander.excessArguments':
      return `Terlalu banyak argumen. ${m}`;
    case 'commander.invalidArgument':
      return m.replace(/^option '([^']+)' argument '([^']*)' is invalid\.\s*/, "Nilai '$2' untuk opsi $1 tidak valid. ").replace(/^command-argument value '([^']*)' is invalid for argument '([^']+)'\.\s*/, "Nilai '$1' untuk argumen $2 tidak valid. ");
    default:
      return m;
  }
}

function printUserError(err: UserError): void {
  process.stderr.write(c.red('Galat: ') + err.message + '\n');
  for (const d of err.details) process.stderr.write('  - ' + d + '\n');
  if (err.hint) process.stderr.write(c.dim('Petunjuk: ') + err.hint + '\n');
}

export async function main(argv: string[]): Promise<void> {
  // `paten … | head`: the reader closed the pipe; stop quietly instead of printing a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = await buildProgram(argv);
  program.exitOverride();
  const silence = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: () => undefined, outputError: () => undefined });
    cmd.commands.forEach(silence);
  };
  silence(program);
  // Help and version still go to stdout.
  let code = 0;
  try {
    if (argv.length <= 2) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv);
    }
  } catch (e) {
    code = handleError(e);
  } finally {
    closeAll();
  }
  process.exitCode = code || (process.exitCode ?? 0);
}

export function handleError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    process.stderr.write(c.red('Galat: ') + translateCommanderError(e) + '\n' + c.dim('Petunjuk: ') + 'lihat `paten --help` atau `paten <perintah> --help`.\n');
    return EXIT_USER;
  }
  // A full disk, a lock held too long, a read-only or damaged file: the machine's fault, not a bug.
  const user = faultToUserError(e);
  if (user) {
    printUserError(user);
    return EXIT_USER;
  }
  const err = e as { name?: string; message?: string };
  if (err?.name === 'ExitPromptError' || err?.name === 'AbortPromptError') {
    process.stderr.write('Dibatalkan.\n');
    return EXIT_USER;
  }
  process.stderr.write(
    c.red('Galat internal: ') + (err?.message ?? String(e)) + '\n' +
      'Ini adalah kesalahan di paten, bukan kesalahan Anda. Mohon laporkan dengan menyertakan perintah yang dijalankan' +
      ' dan keluaran `paten info`. Jalankan ulang dengan PATEN_DEBUG=1 untuk rincian teknis.\n',
  );
  if (process.env.PATEN_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return EXIT_INTERNAL;
}
