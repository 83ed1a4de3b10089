/**
 * Desa/kelurahan registry: the field table, the validator, add/edit/remove, lookup by kode, nama
 * or alias, and CSV import/export through the shared registry importer. SQL lives in ./store.ts;
 * Kemendagri code rules in ./kode.ts.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { clean, mirip, normalizeText, saranMirip } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { terapkanUbahDaftar, type UbahDaftar } from '../core/daftar.js';
import { changedLabels, csvHeader, exportCells, fail, joinErrors, ok, type Checked, type FieldError, type Fields } from '../registry/fields.js';
import { importRegistry, rowsFromTable, type RegistryResult, type RegistrySpec } from '../registry/import.js';
import { checkKodeDesa, expectedPrefix, jenisFromKode, kodeDesaWarning, normalizeKode, type JenisDesa } from './kode.js';
import * as store from './store.js';

export { jenisFromKode, normalizeKode, type JenisDesa } from './kode.js';

export interface Desa {
  id: number;
  kode: string;
  nama: string;
  jenis: JenisDesa;
  kepala_desa: string | null;
  kontak: string | null;
  alamat_balai: string | null;
  /** Other names respondents write for this desa (survey matching), like layanan aliases. */
  alias: string[];
  diperbarui: string;
}

export type DesaInput = {
  kode: string;
  nama: string;
  jenis?: string | null;
  kepala_desa?: string | null;
  kontak?: string | null;
  alamat_balai?: string | null;
  alias?: string[];
};

export type DesaData = Omit<Desa, 'id' | 'diperbarui'>;
type DesaKey = keyof DesaData;

function parseJenis(v: string): Checked<JenisDesa> {
  const t = normalizeText(v);
  if (t === 'desa' || t === 'kelurahan') return ok(t);
  if (t === 'kel' || t === 'kel.') return ok('kelurahan');
  return fail('jenis', `jenis harus "desa" atau "kelurahan", bukan "${v}"`);
}

/** Aliases in one CSV cell are separated by "|" (as in the layanan CSV). */
export const ALIAS_SEP = '|';

/** The desa fields: flags, CSV headers (with the variants offices write), change labels, checks. */
export const DESA_FIELDS: Fields<DesaKey> = [
  { key: 'kode', flag: 'kode', arg: '<kode>', help: 'kode wilayah Kemendagri, 10 angka (3516152001 atau 35.16.15.2001)', label: 'kode', csv: 'kode', aliases: ['kode_wilayah', 'kode_desa', 'kode_kemendagri'], wajib: true, check: checkKodeDesa },
  { key: 'nama', flag: 'nama', arg: '<nama>', help: 'nama desa/kelurahan', label: 'nama', csv: 'nama', aliases: ['nama_desa', 'desa', 'desa_kelurahan'], wajib: true },
  { key: 'jenis', flag: 'jenis', arg: '<jenis>', help: 'desa atau kelurahan (bawaan: dari kode)', label: 'jenis', csv: 'jenis', check: parseJenis },
  { key: 'kepala_desa', flag: 'kepala-desa', arg: '<nama>', help: 'nama kepala desa/lurah', label: 'kepala_desa', csv: 'kepala_desa', aliases: ['kades', 'kepala_desa_lurah', 'lurah'] },
  { key: 'kontak', flag: 'kontak', arg: '<nomor>', help: 'nomor kontak (telepon/WhatsApp)', label: 'kontak', csv: 'kontak', aliases: ['nomor_kontak', 'telepon', 'no_hp', 'whatsapp'] },
  { key: 'alamat_balai', flag: 'alamat-balai', arg: '<alamat>', help: 'alamat balai desa/kantor kelurahan', label: 'alamat_balai', csv: 'alamat_balai', aliases: ['alamat', 'alamat_balai_desa'] },
  {
    key: 'alias', flag: 'alias', arg: '<teks>', help: 'nama lain untuk mencocokkan jawaban survei (mis. "Suka Maju"); ulangi bila lebih dari satu; edit: mengganti seluruh daftar',
    label: 'alias', csv: 'alias', aliases: ['nama_lain', 'nama_alias', 'alias_nama'], daftar: { pisah: ALIAS_SEP, gabung: ` ${ALIAS_SEP} ` }, keepWhenAbsent: true,
  },
];

export const DESA_CSV_HEADER = csvHeader(DESA_FIELDS);

function cleanAlias(list: readonly string[] | undefined, nama: string): Checked<string[]> {
  const out: string[] = [];
  for (const a of list ?? []) {
    const t = clean(typeof a === 'string' ? a : null);
    if (!t) return fail('alias', 'alias kosong tidak dapat disimpan');
    if (t.toLowerCase() === nama.toLowerCase() || out.some((x) => x.toLowerCase() === t.toLowerCase())) continue;
    out.push(t);
  }
  return ok(out);
}

/** Validates and normalises one desa; every problem names its field. */
export function checkDesa(input: DesaInput): Checked<DesaData> {
  const errors: FieldError[] = [];
  const k = checkKodeDesa(input.kode ?? '');
  if (!k.ok) errors.push(...k.errors);
  const nama = clean(input.nama);
  if (!nama) errors.push({ field: 'nama', message: 'nama wajib diisi' });
  const jenisRaw = clean(input.jenis);
  const j = jenisRaw ? parseJenis(jenisRaw) : k.ok ? ok(jenisFromKode(k.value)) : undefined;
  if (j && !j.ok) errors.push(...j.errors);
  const a = cleanAlias(input.alias, nama ?? '');
  if (!a.ok) errors.push(...a.errors);
  if (errors.length || !k.ok || !j?.ok || !a.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { kode: k.value, nama: nama!, jenis: j.value, kepala_desa: clean(input.kepala_desa), kontak: clean(input.kontak), alamat_balai: clean(input.alamat_balai), alias: a.value },
  };
}

export function listDesa(db: Db): Desa[] {
  return store.selectDesa(db);
}

/** A desa by kode, exact name or alias (case-insensitive). */
export function findDesa(db: Db, kodeOrNama: string): Desa | undefined {
  return store.selectDesaByKode(db, normalizeKode(kodeOrNama)) ?? store.selectDesaByName(db, kodeOrNama.trim());
}

export function requireDesa(db: Db, kodeOrNama: string): Desa {
  const d = findDesa(db, kodeOrNama);
  if (!d) {
    const saran = mirip(kodeOrNama, listDesa(db).map((x) => ({ label: `${x.nama} (${x.kode})`, names: [x.nama, x.kode, ...x.alias] })));
    throw new UserError(`Desa tidak ditemukan: "${kodeOrNama}".${saranMirip(saran)}`, { hint: 'Lihat daftar dengan `paten desa list`.' });
  }
  return d;
}

/**
 * Names are one space: a desa's nama or alias may not be another desa's nama or alias (a survey
 * answer written that way would point at two desa).
 */
function conflict(db: Db, value: DesaData): FieldError | null {
  const n = store.desaNamed(db, value.nama, value.kode);
  if (n.byNama) return { field: 'nama', message: `nama "${value.nama}" sudah dipakai desa dengan kode ${n.byNama.kode}` };
  if (n.byAlias) return { field: 'nama', message: `nama "${value.nama}" sudah menjadi alias desa ${n.byAlias.nama}` };
  for (const a of value.alias) {
    const o = store.desaNamed(db, a, value.kode);
    if (o.byNama) return { field: 'alias', message: `alias "${a}" adalah nama desa lain (kode ${o.byNama.kode})` };
    if (o.byAlias) return { field: 'alias', message: `alias "${a}" sudah dipakai desa ${o.byAlias.nama}` };
  }
  return null;
}

/** The warning for a code outside the kecamatan's range (issue 14), or none. */
function kodeWarnings(db: Db, values: readonly DesaData[], kodeKecamatan: string | null | undefined): string[] {
  const prefix = expectedPrefix(kodeKecamatan, listDesa(db).map((d) => d.kode));
  return values.map((v) => kodeDesaWarning(v.kode, prefix, v.nama)).filter((w): w is string => w !== null);
}

export interface DesaOptions {
  /** The profile's kode_wilayah: codes outside its range are stored with a warning. */
  kodeKecamatan?: string | null;
  now?: string;
}

export function addDesa(db: Db, input: DesaInput, opts: DesaOptions = {}): { desa: Desa; peringatan: string[] } {
  const r = checkDesa(input);
  if (!r.ok) throw new UserError(`Desa tidak dapat ditambahkan: ${joinErrors(r.errors)}.`);
  const byKode = store.selectDesaByKode(db, r.value.kode);
  if (byKode) throw new UserError(`Desa tidak dapat ditambahkan: kode ${r.value.kode} sudah dipakai desa ${byKode.nama}.`);
  const c = conflict(db, r.value);
  if (c) throw new UserError(`Desa tidak dapat ditambahkan: ${c.message}.`);
  const peringatan = kodeWarnings(db, [r.value], opts.kodeKecamatan);
  const id = writeTransaction(db, () => store.insertDesa(db, r.value, opts.now ?? isoDateTimeLocal()));
  return { desa: store.selectDesaById(db, id)!, peringatan };
}

/**
 * Updates the given fields of a desa (found by kode, nama or alias); `alias` in `changes` replaces
 * the list, `ubahAlias` adds or removes single aliases (README "Lists, item by item").
 */
export function editDesa(
  db: Db,
  kodeOrNama: string,
  changes: Partial<DesaInput>,
  ubahAlias?: UbahDaftar,
  opts: DesaOptions = {},
): { desa: Desa; changed: string[]; peringatan: string[] } {
  const cur = requireDesa(db, kodeOrNama);
  const merged: DesaInput = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  merged.alias = terapkanUbahDaftar(changes.alias ?? cur.alias, ubahAlias, `desa ${cur.nama}`);
  const r = checkDesa(merged);
  if (!r.ok) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${joinErrors(r.errors)}.`);
  const byKode = store.selectDesaByKode(db, r.value.kode);
  if (byKode && byKode.id !== cur.id) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: kode ${r.value.kode} sudah dipakai desa ${byKode.nama}.`);
  const c = conflict(db, { ...r.value, kode: cur.kode });
  if (c) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${c.message}.`);
  const changed = changedLabels(DESA_FIELDS, cur, r.value);
  const peringatan = r.value.kode !== cur.kode ? kodeWarnings(db, [r.value], opts.kodeKecamatan) : [];
  if (changed.length) writeTransaction(db, () => store.updateDesa(db, cur.id, r.value, opts.now ?? isoDateTimeLocal()));
  return { desa: store.selectDesaById(db, cur.id)!, changed, peringatan };
}

/** Removes a desa (inside the caller's transaction when there is one). */
export function removeDesa(db: Db, kodeOrNama: string): Desa {
  const d = requireDesa(db, kodeOrNama);
  writeTransaction(db, () => store.deleteDesa(db, d.id));
  return d;
}

export type DesaImportResult = RegistryResult & { peringatan: string[] };

/**
 * The desa import: upsert by kode. A file without an alias column keeps the stored aliases; with
 * one, a file may move an alias from one desa to another (they are freed before the writes).
 */
function desaSpec(hasAlias: boolean): RegistrySpec<DesaInput, DesaData, Desa> {
  return {
    what: 'desa',
    check: checkDesa,
    kunci: (v) => v.nama,
    unique: (v) => [
      { field: 'kode', space: 'kode', key: v.kode, message: (p) => `kode ${v.kode} sudah muncul di baris ${p}` },
      { field: 'nama', space: 'nama', key: v.nama.toLowerCase(), message: (p) => `nama "${v.nama}" sudah muncul di baris ${p}` },
      ...v.alias.map((a) => ({ field: 'alias', space: 'nama', key: a.toLowerCase(), message: (p: string) => `alias "${a}" sudah dipakai desa di baris ${p}` })),
    ],
    current: (db, v) => store.selectDesaByKode(db, v.kode),
    prepare: (_db, rows) => {
      if (!hasAlias) for (const r of rows) r.value.alias = r.cur?.alias ?? [];
    },
    beforeWrite: (db, rows) => {
      if (hasAlias) for (const r of rows) if (r.cur) store.writeDesaAlias(db, r.cur.id, []);
    },
    conflicts: (db, rows) => {
      // Judged with the file's aliases freed: an alias may move to another desa of the same file.
      const moving = new Set(hasAlias ? rows.filter((r) => r.cur).map((r) => r.value.kode) : []);
      return rows.map(({ value }) => {
        const n = store.desaNamed(db, value.nama, value.kode);
        if (n.byNama) return { field: 'nama', message: `nama "${value.nama}" sudah dipakai desa dengan kode ${n.byNama.kode} di basis data` };
        if (n.byAlias && !moving.has(n.byAlias.kode)) return { field: 'nama', message: `nama "${value.nama}" sudah menjadi alias desa ${n.byAlias.nama}` };
        for (const a of value.alias) {
          const o = store.desaNamed(db, a, value.kode);
          if (o.byNama) return { field: 'alias', message: `alias "${a}" adalah nama desa lain (kode ${o.byNama.kode})` };
          if (o.byAlias && !moving.has(o.byAlias.kode)) return { field: 'alias', message: `alias "${a}" sudah dipakai desa ${o.byAlias.nama}` };
        }
        return null;
      });
    },
    changed: (cur, v) => changedLabels(DESA_FIELDS, cur, v),
    insert: (db, v, now) => void store.insertDesa(db, v, now),
    update: (db, cur, v, now, changed) => {
      if (changed.length) store.updateDesa(db, cur.id, v, now);
      else if (hasAlias) store.writeDesaAlias(db, cur.id, v.alias);
    },
  };
}

/**
 * Imports a desa CSV/.xlsx table: all rows are validated first (every problem reported with line
 * and column), then upserted by kode in one transaction. Re-importing the same file changes nothing.
 */
export function importDesaCsv(db: Db, table: CsvTable, opts: DesaOptions = {}): DesaImportResult {
  const { rows, cols } = rowsFromTable(table, DESA_FIELDS);
  const spec = desaSpec(cols.includes('alias'));
  const result = importRegistry(db, spec, { file: table.file, name: tableName(table) }, rows as never, opts.now ?? isoDateTimeLocal());
  const changed = new Set([...result.baru, ...result.diubah.map((d) => d.kunci)]);
  const values = rows.map((r) => checkDesa(r.input as DesaInput)).flatMap((r) => (r.ok && changed.has(r.value.nama) ? [r.value] : []));
  return { ...result, peringatan: kodeWarnings(db, values, opts.kodeKecamatan) };
}

export function desaCsvRows(db: Db): string[][] {
  return listDesa(db).map((d) => exportCells(DESA_FIELDS, d));
}
