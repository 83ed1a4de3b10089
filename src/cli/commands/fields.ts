/**
 * A registry's field table as commander options and back (the desa, layanan and bazar commands):
 * one option per field, repeatable for list fields, and the parsed options as the entity's input.
 * The profile keeps its own small copy of this idea in profil-flags.ts.
 */
import type { Command } from 'commander';
import type { Fields } from '../../registry/fields.js';
import { collect } from './common.js';


/** commander turns --kepala-desa into kepalaDesa. */
export function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

export function addFieldFlags(cmd: Command, fields: Fields, opts: { skip?: readonly string[] } = {}): Command {
  for (const f of fields) {
    if (f.csvOnly || opts.skip?.includes(f.key)) continue;
    if (f.daftar) cmd.option(`--${f.flag} ${f.arg}`, f.help, collect);
    else cmd.option(`--${f.flag} ${f.arg}`, f.help);
  }
  return cmd;
}

/** The fields given on the command line (absent flags stay absent, so `edit` changes only those). */
export function inputFromFlags<K extends string>(fields: Fields<K>, o: Record<string, unknown>): Partial<Record<K, string | string[]>> {
  const out: Partial<Record<K, string | string[]>> = {};
  for (const f of fields) {
    if (f.csvOnly) continue;
    const v = o[camel(f.flag)];
    if (v !== undefined) out[f.key] = v as string | string[];
  }
  return out;
}

export function fieldOf<K extends string>(fields: Fields<K>, key: K) {
  return fields.find((f) => f.key === key)!;
}
