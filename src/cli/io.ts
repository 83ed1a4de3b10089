/**
 * One invocation of paten: its I/O (streams, environment, which stream is a terminal), the colour
 * level of each output stream, and the databases it opened. bin/paten.js runs `main(argv,
 * processIo())`; tests run `main(argv, io)` in-process with captured streams. Nothing about an
 * invocation lives in a module variable: the printing helpers in output.ts find the current one
 * through an AsyncLocalStorage, so command files keep calling `print()` / `info()` while two
 * invocations in one process never see each other's streams, colours or databases.
 *
 * Colour is decided per stream, from that stream (the idea of cspell's console channels): stdout
 * redirected to a file while stderr is a terminal gives a file without escape codes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import tty from 'node:tty';
import type { Db } from '../db/index.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Env;
  /** Whether each stream is a terminal (prompts, progress bars and colours depend on it). */
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** Terminal width of stderr, for the progress line. */
  columns?: number;
  /**
   * Ends the process now (a closed pipe, Ctrl+C). Only the real process passes it; an in-process
   * run never ends its host, and installs no signal handler.
   */
  exit?: (code: number) => never;
}

/** The process's own streams and environment (what bin/paten.js passes). */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // process.stdin is opened at its first use only: a command that never prompts (and --help)
    // does not pay for setting up the input stream.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    isTTY: { stdin: tty.isatty(0), stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY },
    columns: process.stderr.columns,
    exit: (code) => process.exit(code),
  };
}

export type ColorLevel = 0 | 1;

/**
 * The styles paten uses, in the 16 basic colours (SGR codes, as every terminal and Windows
 * Terminal show them). Its own few lines instead of chalk: the level is decided here per stream,
 * so chalk's own detection (supports-color, read from the process at import) was unused weight on
 * every start.
 */
export interface Styles {
  readonly level: ColorLevel;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? '' : `\x1b[${open}m${text}\x1b[${close}m`);
}

const PLAIN: Styles = { level: 0, bold: String, dim: String, red: String, green: String, yellow: String, cyan: String };
const COLOURED: Styles = { level: 1, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };

export function styles(level: ColorLevel): Styles {
  return level ? COLOURED : PLAIN;
}

/**
 * NO_COLOR (non-empty) turns colour off; FORCE_COLOR (not "0") turns it on for a pipe as well;
 * otherwise a terminal that is not TERM=dumb gets the 16 basic colours.
 */
export function colorLevel(env: Env, isTTY: boolean): ColorLevel {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return 1;
  return isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

/** Everything one run of `main` owns. */
export interface Invocation {
  io: Io;
  color: { stdout: ColorLevel; stderr: ColorLevel };
  /** Styles text; it colours when either stream does, and the writer of an uncoloured stream drops them. */
  styles: Styles;
  /** Databases opened through the command context; closed when the command ends. */
  opened: Db[];
}

export function createInvocation(io: Io): Invocation {
  const inv: Invocation = {
    io,
    color: { stdout: colorLevel(io.env, io.isTTY.stdout), stderr: colorLevel(io.env, io.isTTY.stderr) },
    styles: PLAIN,
    opened: [],
  };
  setColorLevels(inv, inv.color);
  return inv;
}

export function setColorLevels(inv: Invocation, color: Invocation['color']): void {
  inv.color = color;
  inv.styles = styles(color.stdout || color.stderr);
}

const store = new AsyncLocalStorage<Invocation>();
let fallback: Invocation | undefined;

export function runInvocation<T>(inv: Invocation, fn: () => T): T {
  return store.run(inv, fn);
}

/**
 * The invocation the caller runs in. Outside `main` (a unit test calling a renderer, a script
 * importing a command helper) it is one over the process's streams.
 */
export function currentInvocation(): Invocation {
  const inv = store.getStore();
  if (inv) return inv;
  fallback ??= createInvocation({ ...processIo(), exit: undefined });
  return fallback;
}

// SGR sequences only (what Styles writes); other bytes of the text are never touched.
const SGR = /\x1b\[[0-9;]*m/g;

/** Text for `stream`: styles removed when that stream is not coloured. */
export function forStream(inv: Invocation, stream: 'stdout' | 'stderr', text: string): string {
  return inv.color[stream] === 0 && inv.styles.level > 0 ? text.replace(SGR, '') : text;
}
