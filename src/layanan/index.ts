/**
 * The PATEN service catalog: layanan with ordered persyaratan and prosedur. Lookup by slug, nama
 * or alias, add/edit/remove, and the catalog import through the shared registry importer (updates
 * in place by slug, reports what changed, never duplicates). The entity and its field table live in
 * ./model.ts, SQL in ./store.ts, the JSON and CSV formats in ./catalog.ts.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { mirip, saranMirip } from '../core/text.js';
import { terapkanUbahDaftar, type UbahDaftar } from '../core/daftar.js';
import { changedLabels, fail, joinErrors, ok, type Checked } from '../registry/fields.js';
import { importRegistry, type RegistryResult, type RegistryRow, type RegistrySpec } from '../registry/import.js';
import { checkLayanan, LAYANAN_FIELDS, toData, type DaftarLayanan, type Layanan, type LayananData, type LayananInput } from './model.js';
import type { SourcedInput } from './catalog.js';
import * as store from './store.js';

export * from './model.js';
export * from './catalog.js';

export function listLayanan(db: Db): Layanan[] {
  return store.selectLayanan(db);
}

/** Finds a layanan by slug, exact name or alias (case-insensitive), reading only that layanan. */
export function findLayanan(db: Db, key: string): Layanan | undefined {
  return store.selectLayananByKey(db, key.trim());
}

export function requireLayanan(db: Db, key: string): Layanan {
  const l = findLayanan(db, key);
  if (!l) {
    const saran = mirip(key, listLayanan(db).map((x) => ({ label: x.slug, names: [x.slug, x.nama, ...x.alias] })));
    throw new UserError(`Layanan tidak ditemukan: "${key}".${saranMirip(saran)}`, { hint: 'Lihat daftar slug dengan `paten layanan list`.' });
  }
  return l;
}

/** Date (YYYY-MM-DD) the catalog was last changed, or null for an empty catalog. */
export function catalogLastChanged(db: Db): string | null {
  const v = store.selectLastChanged(db);
  return v ? v.slice(0, 10) : null;
}

export function changedFields(before: LayananData, after: LayananData): string[] {
  return changedLabels(LAYANAN_FIELDS, before, after);
}

function aliasConflict(db: Db, v: LayananData, exceptId?: number): string | null {
  for (const al of v.alias) {
    const other = store.aliasHolder(db, al);
    if (other && other.id !== exceptId) return `alias "${al}" sudah dipakai layanan ${other.slug}`;
  }
  return null;
}

export function addLayanan(db: Db, input: LayananInput, now = isoDateTimeLocal()): Layanan {
  const r = checkLayanan(input);
  if (!r.ok) throw new UserError(`Layanan tidak dapat ditambahkan: ${joinErrors(r.errors)}.`);
  if (store.slugExists(db, r.value.slug))
    throw new UserError(`Layanan dengan slug "${r.value.slug}" sudah ada.`, { hint: 'Pakai slug lain (--slug) atau ubah yang ada dengan `paten layanan edit`.' });
  const ac = aliasConflict(db, r.value);
  if (ac) throw new UserError(`Layanan tidak dapat ditambahkan: ${ac}.`);
  const id = writeTransaction(db, () => store.insertLayanan(db, r.value, now));
  return store.selectLayananById(db, id)!;
}

/**
 * Applies changes to one layanan (found by slug/nama/alias); returns the changed field labels.
 * `daftar` adds or removes single items of a list field (README "Lists, item by item").
 */
export function editLayanan(
  db: Db,
  key: string,
  changes: LayananInput,
  daftar: Partial<Record<DaftarLayanan, UbahDaftar>> = {},
  now = isoDateTimeLocal(),
): { layanan: Layanan; changed: string[] } {
  const cur = requireLayanan(db, key);
  const merged: LayananInput = { ...toData(cur) };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  for (const f of ['persyaratan', 'prosedur', 'alias'] as const) merged[f] = terapkanUbahDaftar(merged[f] ?? [], daftar[f], `layanan ${cur.slug}`);
  const r = checkLayanan(merged);
  if (!r.ok) throw new UserError(`Layanan ${cur.slug} tidak dapat diubah: ${joinErrors(r.errors)}.`);
  if (r.value.slug !== cur.slug && store.slugExists(db, r.value.slug)) throw new UserError(`Slug "${r.value.slug}" sudah dipakai layanan lain.`);
  const ac = aliasConflict(db, r.value, cur.id);
  if (ac) throw new UserError(`Layanan ${cur.slug} tidak dapat diubah: ${ac}.`);
  const changed = changedFields(toData(cur), r.value);
  if (changed.length) writeTransaction(db, () => store.updateLayanan(db, cur.id, r.value, now));
  return { layanan: store.selectLayananById(db, cur.id)!, changed };
}

/** Removes a layanan (inside the caller's transaction when there is one). */
export function removeLayanan(db: Db, key: string): Layanan {
  const l = requireLayanan(db, key);
  writeTransaction(db, () => store.deleteLayanan(db, l.id));
  return l;
}

export type ImportReport = RegistryResult & {
  /** Slugs in the database that the file does not mention (kept as they are). */
  tidak_disebut: string[];
};

type Entry = LayananData & { diperbarui?: string };

const DIPERBARUI_RE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/;

/** checkLayanan plus the entry's own `diperbarui`, which a catalog file may carry. */
function checkEntry(input: LayananInput): Checked<Entry> {
  const r = checkLayanan(input);
  if (!r.ok) return r;
  const d = input.diperbarui ? String(input.diperbarui).trim() : undefined;
  if (d && !DIPERBARUI_RE.test(d)) return fail('diperbarui', `tanggal diperbarui "${d}" harus berformat YYYY-MM-DD`);
  return ok({ ...r.value, diperbarui: d });
}

/**
 * The catalog import: upsert by slug. Aliases may move between layanan of the same file (they are
 * freed before the writes); an entry's own `diperbarui` is kept when it differs from the stored
 * one, otherwise a change is stamped with `now`.
 */
function layananSpec(fileSlugs: Set<string>): RegistrySpec<LayananInput, Entry, Layanan> {
  return {
    what: 'layanan',
    gagal: 'katalog tidak diimpor',
    check: checkEntry,
    kunci: (v) => v.slug,
    unique: (v) => [
      { field: 'slug', space: 'slug', key: v.slug, message: () => `slug "${v.slug}" muncul lebih dari sekali di berkas` },
      ...v.alias.map((a) => ({ field: 'alias', space: 'alias', key: a.toLowerCase(), holder: v.slug, message: (p: string) => `alias "${a}" juga dipakai layanan ${p} di berkas ini` })),
    ],
    current: (db, v) => store.selectLayananBySlug(db, v.slug),
    prepare: (_db, rows) => {
      for (const r of rows) fileSlugs.add(r.value.slug);
    },
    // Judged with the file's aliases freed: only a layanan the file does not mention can clash.
    conflicts: (db, rows) =>
      rows.map(({ value }) => {
        for (const al of value.alias) {
          const other = store.aliasHolder(db, al);
          if (other && !fileSlugs.has(other.slug)) return { field: 'alias', message: `alias "${al}" sudah dipakai layanan ${other.slug}` };
        }
        return null;
      }),
    changed: (cur, v) => changedFields(toData(cur), v),
    beforeWrite: (db, rows) => {
      for (const r of rows) if (r.cur) store.deleteAlias(db, r.cur.id);
    },
    insert: (db, v, now) => void store.insertLayanan(db, v, v.diperbarui ?? now),
    update: (db, cur, v, now, changed) => {
      if (changed.length === 0) return store.writeLists(db, cur.id, v); // restores the aliases freed above
      store.updateLayanan(db, cur.id, v, v.diperbarui && v.diperbarui !== cur.diperbarui ? v.diperbarui : now);
    },
  };
}

/**
 * Validates every entry, then upserts all of them by slug in one transaction (all-or-nothing).
 * Unchanged entries are not touched, so re-importing is idempotent.
 */
export function importLayanan(db: Db, file: string, entries: SourcedInput[], now = isoDateTimeLocal()): ImportReport {
  if (entries.length === 0) throw new UserError(`${file}: tidak ada layanan di berkas ini.`);
  const rows: RegistryRow<LayananInput>[] = entries.map((e) => ({ input: e.input, where: e.where, column: (field) => e.where.column ?? field }));
  const fileSlugs = new Set<string>();
  const result = importRegistry(db, layananSpec(fileSlugs), { file, name: file }, rows, now);
  return { ...result, tidak_disebut: store.selectSlugs(db).filter((s) => !fileSlugs.has(s)) };
}
