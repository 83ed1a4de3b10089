/**
 * The one registry importer (issue 19 §2): required columns → per-row check → duplicates in the
 * file → conflicts with the database → upsert in one IMMEDIATE transaction. Every problem is
 * collected with its file, line and column before anything is written, so an import is
 * all-or-nothing, and a row equal to the stored record is left untouched (re-importing the same
 * file changes nothing). desa, layanan and bazar instansi each supply a RegistrySpec.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { ProblemList, UserError, type InputProblem } from '../core/errors.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { columnOf, inputFromCells, matchHeader, requireColumns, type Checked, type FieldError, type Fields } from './fields.js';

export interface RegistryRow<I> {
  input: I;
  where: { sheet?: string; line?: number; label?: string };
  /** The column a field's problem points at in this source (number in a CSV, name in JSON). */
  column(field: string): number | string | undefined;
}

/** A value that must be unique inside the file; `space` lets nama and alias share one name space. */
export interface UniqueKey {
  field: string;
  space: string;
  key: string;
  message(prev: string): string;
  /** What a later duplicate is told holds the value (default: the first row's line or label). */
  holder?: string;
}

export interface RegistrySpec<I, V, C> {
  /** The entity in messages: "tidak ada desa yang diimpor". */
  what: string;
  /** The heading of the problem list after the file's name (default "tidak ada WHAT yang diimpor"). */
  gagal?: string;
  check(input: I): Checked<V>;
  /** The row's name in the result (kode, slug or nama). */
  kunci(v: V): string;
  unique(v: V): UniqueKey[];
  current(db: Db, v: V): C | undefined;
  /** Called once with every checked row before conflicts (fill fields the file does not carry). */
  prepare?(db: Db, rows: { value: V; cur: C | undefined }[]): void;
  /** A clash with records in the database, judged with the whole file in view. */
  conflicts(db: Db, rows: { value: V; cur: C | undefined }[]): (FieldError | null)[];
  changed(cur: C, v: V): string[];
  /** Before the writes, inside the transaction (e.g. free aliases that move between records). */
  beforeWrite?(db: Db, rows: { value: V; cur: C | undefined }[]): void;
  insert(db: Db, v: V, now: string): void;
  update(db: Db, cur: C, v: V, now: string, changed: string[]): void;
}

export interface RegistryResult {
  baru: string[];
  diubah: { kunci: string; bidang: string[] }[];
  tetap: string[];
}

/** The rows of a flat CSV/.xlsx table, matched to the fields by header. */
export function rowsFromTable<K extends string>(table: CsvTable, fields: Fields<K>): { rows: RegistryRow<Partial<Record<K, string | string[]>>>[]; cols: (K | null)[] } {
  const cols = matchHeader(fields, table.header);
  requireColumns(table, fields, cols);
  if (table.records.length === 0) throw new UserError(`${tableName(table)}: tidak ada baris data (hanya baris judul).`);
  const rows = table.records.map((rec) => ({
    input: inputFromCells(fields, cols, rec.values),
    where: { sheet: table.sheet, line: rec.line },
    column: (field: string) => columnOf(cols, field),
  }));
  return { rows, cols };
}

function placeOf(w: RegistryRow<unknown>['where']): string {
  return w.line !== undefined ? String(w.line) : (w.label ?? '?');
}

/**
 * `source.file` is named in each problem (with the row's sheet, line and column); `source.name`
 * (the file and sheet) in the summary.
 */
export function importRegistry<I, V, C>(db: Db, spec: RegistrySpec<I, V, C>, source: { file: string; name: string }, rows: RegistryRow<I>[], now: string): RegistryResult {
  const file = source.file;
  const problems = new ProblemList();
  const at = (r: RegistryRow<I>, field: string | undefined, message: string): InputProblem => ({
    file,
    sheet: r.where.sheet,
    line: r.where.line,
    column: field ? r.column(field) : undefined,
    message: r.where.label ? `${r.where.label}: ${message}` : message,
  });
  const summary = `${source.name}: ${spec.gagal ?? `tidak ada ${spec.what} yang diimpor`}`;
  const valid: { row: RegistryRow<I>; value: V }[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const r = spec.check(row.input);
    if (!r.ok) {
      for (const e of r.errors) problems.add(at(row, e.field, e.message));
      continue;
    }
    for (const u of spec.unique(r.value)) {
      const id = `${u.space}\u0000${u.key}`;
      const prev = seen.get(id);
      if (prev) problems.add(at(row, u.field, u.message(prev)));
      else seen.set(id, u.holder ?? placeOf(row.where));
    }
    valid.push({ row, value: r.value });
  }
  problems.throwIfAny(summary);
  return writeTransaction(db, () => {
    const items = valid.map((v) => ({ value: v.value, cur: spec.current(db, v.value) }));
    spec.prepare?.(db, items);
    spec.conflicts(db, items).forEach((c, i) => {
      if (c) problems.add(at(valid[i].row, c.field, c.message));
    });
    problems.throwIfAny(summary);
    spec.beforeWrite?.(db, items);
    const result: RegistryResult = { baru: [], diubah: [], tetap: [] };
    for (const { value, cur } of items) {
      const kunci = spec.kunci(value);
      if (!cur) {
        spec.insert(db, value, now);
        result.baru.push(kunci);
        continue;
      }
      const bidang = spec.changed(cur, value);
      spec.update(db, cur, value, now, bidang);
      if (bidang.length) result.diubah.push({ kunci, bidang });
      else result.tetap.push(kunci);
    }
    return result;
  }, `tidak ada ${spec.what} yang diimpor`);
}
