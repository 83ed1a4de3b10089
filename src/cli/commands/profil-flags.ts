/** The profile fields as CLI flags, shared by `paten init` and `paten profil set`. */
import type { Command } from 'commander';
import { PROFIL_FIELDS, type ProfilField } from '../../profil/index.js';

export function addProfilFlags(cmd: Command): Command {
  for (const f of PROFIL_FIELDS) cmd.option(`--${f.flag} <nilai>`, f.label.toLowerCase());
  return cmd;
}

/** commander turns --jam-layanan into jamLayanan. */
function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

export function profilFromFlags(opts: Record<string, unknown>): Partial<Record<ProfilField, string>> {
  const out: Partial<Record<ProfilField, string>> = {};
  for (const f of PROFIL_FIELDS) {
    const v = opts[camel(f.flag)];
    if (typeof v === 'string') out[f.key] = v;
  }
  return out;
}
