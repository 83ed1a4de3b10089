/**
 * Every top-level command, in the order `paten --help` lists them. Each is loaded only when it is
 * needed (see commandsFor), so `paten qr generate` does not load the survey or bazar code.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  load(): Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', load: async () => (await import('./init.js')).registerInit },
  { name: 'profil', load: async () => (await import('./profil.js')).registerProfil },
  { name: 'desa', load: async () => (await import('./desa.js')).registerDesa },
  { name: 'layanan', load: async () => (await import('./layanan.js')).registerLayanan },
  { name: 'qr', load: async () => (await import('./qr.js')).registerQr },
  { name: 'survey', load: async () => (await import('./survey.js')).registerSurvey },
  { name: 'ikm', load: async () => (await import('./ikm.js')).registerIkm },
  { name: 'report', load: async () => (await import('./report.js')).registerReport },
  { name: 'kabupaten', load: async () => (await import('./kabupaten.js')).registerKabupaten },
  { name: 'bazar', load: async () => (await import('./bazar/index.js')).registerBazar },
  { name: 'info', load: async () => (await import('./info.js')).registerInfo },
  { name: 'db', load: async () => (await import('./db.js')).registerDb },
  { name: 'demo', load: async () => (await import('./demo.js')).registerDemo },
];

/** Global options that take a value (so the value is not mistaken for the command name). */
const GLOBAL_WITH_VALUE = new Set(['--db']);

/**
 * The commands to register for these arguments: only the one named (also after `help`), none for
 * `--version`, or all of them when none is named or the name is unknown (for the full help and
 * "did you mean" hints).
 */
export function commandsFor(args: readonly string[]): readonly CommandEntry[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += GLOBAL_WITH_VALUE.has(args[i]) ? 2 : 1;
  let name = args[i];
  if (name === 'help') name = args[i + 1];
  const hit = COMMANDS.find((c) => c.name === name);
  if (hit) return [hit];
  if (name === undefined && (args.includes('-V') || args.includes('--version'))) return [];
  return COMMANDS;
}
