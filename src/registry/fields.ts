/**
 * Entity fields as data (issue 19 §2). Each registry (desa, layanan, bazar instansi and acara)
 * describes its fields once in a table like PROFIL_FIELDS; the CLI flags, flag → input, CSV header
 * matching, CSV export columns and change labels are all derived from that table, so adding a
 * field is one row plus a migration. Nothing here touches the database.
 */
import { UserError } from '../core/errors.js';
import { normalizeText } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';

export interface FieldError {
  field: string;
  message: string;
}

/** What every validator returns: the normalised value, or the problems by field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface Field<K extends string = string> {
  key: K;
  /** CLI flag without the dashes (`kepala-desa`). */
  flag: string;
  /** The flag's value placeholder (`<nama>`) and help text. */
  arg: string;
  help: string;
  /** Indonesian name in change reports (`diubah: kontak, telepon`) and prompts. */
  label: string;
  /** CSV header written on export and matched first on import. */
  csv: string;
  /** Other headers offices write for this column (matched after normalising case and spaces). */
  aliases?: readonly string[];
  /** The import needs this column; the value may not be empty. */
  wajib?: boolean;
  /** A list: a CSV cell is split on `pisah`, an export joins with `gabung`, a flag repeats. */
  daftar?: { pisah: RegExp | string; gabung: string };
  /** Not a column of the CSV/flags (set by the program, e.g. an acara's status transitions). */
  csvOnly?: boolean;
  flagOnly?: boolean;
  /** A file without this column keeps the stored value instead of clearing it. */
  keepWhenAbsent?: boolean;
  /** Checks one typed value on its own (prompts validate with it as the user types). */
  check?: (raw: string) => Checked<unknown>;
}

export type Fields<K extends string = string> = readonly Field<K>[];

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (field: string, message: string): Checked<never> => ({ ok: false, errors: [{ field, message }] });

/** One message for all errors of a check ("kode …; nama …"), for add/edit of a single record. */
export function joinErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => e.message).join('; ');
}

/** The error of one field's own validator as a prompt wants it: a message, or true. */
export function promptCheck(f: Field): (v: string) => string | true {
  return (v: string) => {
    if (!f.check || v.trim() === '') return true;
    const r = f.check(v);
    return r.ok ? true : joinErrors(r.errors);
  };
}

function headerForm(h: string): string {
  return normalizeText(h).replace(/[\s/-]+/g, '_');
}

/** Which field each header cell names (null for an unknown column). */
export function matchHeader<K extends string>(fields: Fields<K>, header: readonly string[]): (K | null)[] {
  const by = new Map<string, K>();
  for (const f of fields) {
    if (f.flagOnly) continue;
    for (const name of [f.csv, ...(f.aliases ?? [])]) by.set(headerForm(name), f.key);
  }
  return header.map((h) => by.get(headerForm(h)) ?? null);
}

export function csvHeader(fields: Fields): string[] {
  return fields.filter((f) => !f.flagOnly).map((f) => f.csv);
}

/** The required columns must all be there (one message naming the first missing one). */
export function requireColumns<K extends string>(table: CsvTable, fields: Fields<K>, cols: readonly (K | null)[]): void {
  for (const f of fields) {
    if (!f.wajib || f.flagOnly || cols.includes(f.key)) continue;
    throw new UserError(`${tableName(table)}: kolom "${f.csv}" tidak ditemukan di baris judul.`, {
      hint: `Kolom yang dikenali: ${csvHeader(fields).join(', ')}. Kolom di berkas: ${table.header.join(', ')}.`,
    });
  }
}

export function splitList(f: Field, cell: string): string[] {
  return cell
    .split(f.daftar!.pisah)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One CSV row's cells as the entity's input (lists split, unknown columns ignored). */
export function inputFromCells<K extends string>(fields: Fields<K>, cols: readonly (K | null)[], values: readonly string[]): Partial<Record<K, string | string[]>> {
  const out: Partial<Record<K, string | string[]>> = {};
  cols.forEach((k, i) => {
    if (!k) return;
    const f = fields.find((x) => x.key === k)!;
    const v = values[i] ?? '';
    out[k] = f.daftar ? splitList(f, v) : v;
  });
  return out;
}

/** One record as export cells, in the table's order (lists joined, null as empty). */
export function exportCells(fields: Fields, record: object): string[] {
  const rec = record as Record<string, unknown>;
  return fields
    .filter((f) => !f.flagOnly)
    .map((f) => {
      const v = rec[f.key];
      if (Array.isArray(v)) return v.join(f.daftar?.gabung ?? ', ');
      return v === null || v === undefined ? '' : String(v);
    });
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The labels of the fields whose values differ, in table order. */
export function changedLabels(fields: Fields, before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return fields.filter((f) => f.key in a && !same(b[f.key], a[f.key])).map((f) => f.label);
}

/** The 1-based column of a field in a header match, for problems (undefined when absent). */
export function columnOf<K extends string>(cols: readonly (K | null)[], field: string): number | undefined {
  const i = cols.indexOf(field as K);
  return i >= 0 ? i + 1 : undefined;
}
