import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The user's data folder for paten, per platform conventions. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const base = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(base, 'paten');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'paten');
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(xdg, 'paten');
}

export type DbPathSource = '--db' | 'PATEN_DB' | 'bawaan';

/** `--db PATH` beats `PATEN_DB`, which beats the user's data folder. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { path: string; source: DbPathSource } {
  if (flag && flag.trim()) return { path: path.resolve(flag), source: '--db' };
  if (env.PATEN_DB && env.PATEN_DB.trim()) return { path: path.resolve(env.PATEN_DB), source: 'PATEN_DB' };
  // The invocation's HOME (os.homedir() reads the process's, which is the same for the real CLI).
  return { path: path.join(defaultDataDir(process.platform, env, env.HOME || os.homedir()), 'paten.db'), source: 'bawaan' };
}

/** Root of the installed package (where data/ and templates/ live). */
export function packageRoot(): string {
  // dist/core/paths.js → ../../
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function dataFile(...segments: string[]): string {
  return path.join(packageRoot(), 'data', ...segments);
}

export function templateFile(...segments: string[]): string {
  return path.join(packageRoot(), 'templates', ...segments);
}

/** Characters not allowed in Windows file names, plus control characters. */
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * Turns any text into a file-name part that is safe on Windows, macOS and Linux:
 * lowercase ASCII, accents removed, illegal characters replaced by "-".
 */
export function safeFileSlug(text: string, maxLength = 60): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(ILLEGAL, '-')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (s.length > maxLength) s = s.slice(0, maxLength).replace(/[-.]+$/g, '');
  if (!s) s = 'tanpa-nama';
  if (RESERVED.test(s)) s = `${s}-`;
  return s;
}
