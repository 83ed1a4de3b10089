/** Desa/kelurahan registry: CRUD, lookup by kode, nama or alias, CSV import/export. */
import type { Db } from '../db/index.js';
import { UserError, ProblemList } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { mirip, normalizeText, saranMirip } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { terapkanUbahDaftar, type UbahDaftar } from '../core/daftar.js';

export type JenisDesa = 'desa' | 'kelurahan';

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

type DesaData = Omit<Desa, 'id' | 'diperbarui'>;

export const DESA_CSV_HEADER = ['kode', 'nama', 'jenis', 'kepala_desa', 'kontak', 'alamat_balai', 'alias'] as const;

/** Aliases in one CSV cell are separated by "|" (as in the layanan CSV). */
export const ALIAS_SEP = '|';

/** "35.16.15.2001" → "3516152001"; a Kemendagri desa code has 10 digits. */
export function normalizeKode(kode: string): string {
  return kode.replace(/[.\s-]/g, '');
}

export function validateKode(kode: string): string | null {
  if (!/^\d{10}$/.test(kode)) return `kode wilayah desa harus 10 angka (contoh 3516152001 atau 35.16.15.2001), bukan "${kode}"`;
  return null;
}

/** The 7th digit of a Kemendagri code is 1 for kelurahan, 2 for desa. */
export function jenisFromKode(kode: string): JenisDesa {
  return kode[6] === '1' ? 'kelurahan' : 'desa';
}

function parseJenis(v: string | null | undefined, kode: string): JenisDesa | string {
  if (v === null || v === undefined || v.trim() === '') return jenisFromKode(kode);
  const t = normalizeText(v);
  if (t === 'desa' || t === 'kelurahan') return t;
  if (t === 'kel' || t === 'kel.') return 'kelurahan';
  return `jenis harus "desa" atau "kelurahan", bukan "${v}"`;
}

function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function cleanAlias(list: readonly string[] | undefined, nama: string): string[] | string {
  const out: string[] = [];
  for (const a of list ?? []) {
    const t = clean(typeof a === 'string' ? a.replace(/\s+/g, ' ') : null);
    if (!t) return 'alias kosong tidak dapat disimpan';
    if (t.toLowerCase() === nama.toLowerCase() || out.some((x) => x.toLowerCase() === t.toLowerCase())) continue;
    out.push(t);
  }
  return out;
}

/** Validates and normalises one desa; returns the row or an error message. */
export function checkDesa(input: DesaInput): { ok: true; value: DesaData } | { ok: false; error: string } {
  const kode = normalizeKode(input.kode ?? '');
  if (!kode) return { ok: false, error: 'kode wajib diisi' };
  const kodeErr = validateKode(kode);
  if (kodeErr) return { ok: false, error: kodeErr };
  const nama = clean(input.nama);
  if (!nama) return { ok: false, error: 'nama wajib diisi' };
  const jenis = parseJenis(input.jenis, kode);
  if (jenis !== 'desa' && jenis !== 'kelurahan') return { ok: false, error: jenis };
  const alias = cleanAlias(input.alias, nama);
  if (typeof alias === 'string') return { ok: false, error: alias };
  return {
    ok: true,
    value: { kode, nama, jenis, kepala_desa: clean(input.kepala_desa), kontak: clean(input.kontak), alamat_balai: clean(input.alamat_balai), alias },
  };
}

type DesaRow = Omit<Desa, 'alias'>;

function hydrate(db: Db, rows: DesaRow[]): Desa[] {
  if (rows.length === 0) return [];
  const alias = new Map<number, string[]>();
  for (const a of db.prepare('SELECT desa_id, alias FROM desa_alias ORDER BY desa_id, rowid').all() as { desa_id: number; alias: string }[]) {
    const list = alias.get(a.desa_id) ?? [];
    list.push(a.alias);
    alias.set(a.desa_id, list);
  }
  return rows.map((r) => ({ ...r, alias: alias.get(r.id) ?? [] }));
}

function getDesa(db: Db, id: number): Desa {
  return hydrate(db, [db.prepare('SELECT * FROM desa WHERE id = ?').get(id) as DesaRow])[0];
}

export function listDesa(db: Db): Desa[] {
  return hydrate(db, db.prepare('SELECT * FROM desa ORDER BY kode').all() as DesaRow[]);
}

/** A desa by kode, exact name or alias (case-insensitive). */
export function findDesa(db: Db, kodeOrNama: string): Desa | undefined {
  const kode = normalizeKode(kodeOrNama);
  const row = (db.prepare('SELECT * FROM desa WHERE kode = ?').get(kode) ??
    db.prepare('SELECT * FROM desa WHERE nama = ? COLLATE NOCASE').get(kodeOrNama.trim()) ??
    db.prepare('SELECT d.* FROM desa d JOIN desa_alias a ON a.desa_id = d.id WHERE a.alias = ? COLLATE NOCASE').get(kodeOrNama.trim())) as DesaRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
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
 * An alias names one desa only: not another desa's alias nor its name (a survey answer written
 * that way would point at two desa).
 */
function aliasConflict(db: Db, value: { kode: string; nama: string; alias: string[] }): string | null {
  const byNama = db.prepare('SELECT kode FROM desa WHERE nama = ? COLLATE NOCASE AND kode <> ?');
  const byAlias = db.prepare('SELECT d.nama FROM desa_alias a JOIN desa d ON d.id = a.desa_id WHERE a.alias = ? COLLATE NOCASE AND d.kode <> ?');
  const namaIsAlias = byAlias.get(value.nama, value.kode) as { nama: string } | undefined;
  if (namaIsAlias) return `nama "${value.nama}" sudah menjadi alias desa ${namaIsAlias.nama}`;
  for (const a of value.alias) {
    const n = byNama.get(a, value.kode) as { kode: string } | undefined;
    if (n) return `alias "${a}" adalah nama desa lain (kode ${n.kode})`;
    const o = byAlias.get(a, value.kode) as { nama: string } | undefined;
    if (o) return `alias "${a}" sudah dipakai desa ${o.nama}`;
  }
  return null;
}

function conflict(db: Db, value: DesaData, exceptId?: number): string | null {
  const byKode = db.prepare('SELECT id, nama FROM desa WHERE kode = ?').get(value.kode) as { id: number; nama: string } | undefined;
  if (byKode && byKode.id !== exceptId) return `kode ${value.kode} sudah dipakai desa ${byKode.nama}`;
  const byNama = db.prepare('SELECT id, kode FROM desa WHERE nama = ? COLLATE NOCASE').get(value.nama) as { id: number; kode: string } | undefined;
  if (byNama && byNama.id !== exceptId) return `nama "${value.nama}" sudah dipakai desa dengan kode ${byNama.kode}`;
  return aliasConflict(db, value);
}

function writeAlias(db: Db, id: number, alias: readonly string[]): void {
  db.prepare('DELETE FROM desa_alias WHERE desa_id = ?').run(id);
  const ins = db.prepare('INSERT INTO desa_alias (desa_id, alias) VALUES (?, ?)');
  for (const a of alias) ins.run(id, a);
}

const INSERT_DESA =
  'INSERT INTO desa (kode, nama, jenis, kepala_desa, kontak, alamat_balai, diperbarui) VALUES (@kode, @nama, @jenis, @kepala_desa, @kontak, @alamat_balai, @diperbarui)';

function insertDesa(db: Db, value: DesaData, now: string): number {
  const { alias, ...row } = value;
  const id = Number(db.prepare(INSERT_DESA).run({ ...row, diperbarui: now }).lastInsertRowid);
  writeAlias(db, id, alias);
  return id;
}

function sameAlias(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function addDesa(db: Db, input: DesaInput, now = isoDateTimeLocal()): Desa {
  const r = checkDesa(input);
  if (!r.ok) throw new UserError(`Desa tidak dapat ditambahkan: ${r.error}.`);
  const c = conflict(db, r.value);
  if (c) throw new UserError(`Desa tidak dapat ditambahkan: ${c}.`);
  let id = 0;
  db.transaction(() => {
    id = insertDesa(db, r.value, now);
  }).immediate();
  return getDesa(db, id);
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
  now = isoDateTimeLocal(),
): { desa: Desa; changed: string[] } {
  const cur = requireDesa(db, kodeOrNama);
  const merged: DesaInput = {
    kode: changes.kode ?? cur.kode,
    nama: changes.nama ?? cur.nama,
    jenis: changes.jenis ?? cur.jenis,
    kepala_desa: changes.kepala_desa !== undefined ? changes.kepala_desa : cur.kepala_desa,
    kontak: changes.kontak !== undefined ? changes.kontak : cur.kontak,
    alamat_balai: changes.alamat_balai !== undefined ? changes.alamat_balai : cur.alamat_balai,
    alias: terapkanUbahDaftar(changes.alias ?? cur.alias, ubahAlias, `desa ${cur.nama}`),
  };
  const r = checkDesa(merged);
  if (!r.ok) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${r.error}.`);
  const c = conflict(db, r.value, cur.id);
  if (c) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${c}.`);
  const changed = (Object.keys(r.value) as (keyof DesaData)[]).filter((k) => (k === 'alias' ? !sameAlias(r.value.alias, cur.alias) : r.value[k] !== cur[k]));
  if (changed.length) {
    db.transaction(() => {
      const { alias, ...row } = r.value;
      db.prepare(
        'UPDATE desa SET kode=@kode, nama=@nama, jenis=@jenis, kepala_desa=@kepala_desa, kontak=@kontak, alamat_balai=@alamat_balai, diperbarui=@diperbarui WHERE id=@id',
      ).run({ ...row, diperbarui: now, id: cur.id });
      writeAlias(db, cur.id, alias);
    }).immediate();
  }
  return { desa: getDesa(db, cur.id), changed };
}

export function removeDesa(db: Db, kodeOrNama: string): Desa {
  const d = requireDesa(db, kodeOrNama);
  db.prepare('DELETE FROM desa WHERE id = ?').run(d.id);
  return d;
}

export interface DesaImportResult {
  baru: string[];
  diubah: string[];
  tetap: string[];
}

/** Maps a CSV header cell to a desa field (accepts a few natural variants). */
function headerKey(h: string): keyof DesaInput | null {
  if (/^(alias|nama_lain|nama_alias|alias_nama)$/.test(normalizeText(h).replace(/[\s/]+/g, '_'))) return 'alias';
  const t = normalizeText(h).replace(/[\s/]+/g, '_');
  const map: Record<string, keyof DesaInput> = {
    kode: 'kode', kode_wilayah: 'kode', kode_desa: 'kode', kode_kemendagri: 'kode',
    nama: 'nama', nama_desa: 'nama', desa: 'nama', desa_kelurahan: 'nama',
    jenis: 'jenis',
    kepala_desa: 'kepala_desa', kades: 'kepala_desa', kepala_desa_lurah: 'kepala_desa', lurah: 'kepala_desa',
    kontak: 'kontak', nomor_kontak: 'kontak', telepon: 'kontak', no_hp: 'kontak', whatsapp: 'kontak',
    alamat_balai: 'alamat_balai', alamat: 'alamat_balai', alamat_balai_desa: 'alamat_balai',
  };
  return map[t] ?? null;
}

/**
 * Imports a desa CSV: all rows are validated first (every problem reported with line and column),
 * then upserted by kode in one transaction. Re-importing the same file changes nothing.
 */
export function importDesaCsv(db: Db, table: CsvTable, now = isoDateTimeLocal()): DesaImportResult {
  const problems = new ProblemList();
  const cols = table.header.map(headerKey);
  for (const need of ['kode', 'nama'] as const) {
    if (!cols.includes(need))
      throw new UserError(`${tableName(table)}: kolom "${need}" tidak ditemukan di baris judul.`, {
        hint: `Kolom yang dikenali: ${DESA_CSV_HEADER.join(', ')}. Kolom di berkas: ${table.header.join(', ')}.`,
      });
  }
  const rows: { line: number; value: DesaData }[] = [];
  const seenKode = new Map<string, number>();
  const seenNama = new Map<string, number>();
  const seenAlias = new Map<string, number>();
  const aliasCol = cols.indexOf('alias') + 1;
  for (const rec of table.records) {
    const input: Partial<DesaInput> = {};
    cols.forEach((k, i) => {
      const v = rec.values[i] ?? '';
      if (k === 'alias') input.alias = v.split(ALIAS_SEP).map((a) => a.trim()).filter(Boolean);
      else if (k) input[k] = v;
    });
    const r = checkDesa(input as DesaInput);
    if (!r.ok) {
      const col = /alias/.test(r.error) ? 'alias' : /kode/.test(r.error) ? 'kode' : /nama/.test(r.error) ? 'nama' : /jenis/.test(r.error) ? 'jenis' : undefined;
      const colIdx = col ? cols.indexOf(col) + 1 : undefined;
      problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: colIdx, message: r.error });
      continue;
    }
    const dupK = seenKode.get(r.value.kode);
    if (dupK) problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: cols.indexOf('kode') + 1, message: `kode ${r.value.kode} sudah muncul di baris ${dupK}` });
    const namaKey = r.value.nama.toLowerCase();
    const dupN = seenNama.get(namaKey);
    if (dupN) problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: cols.indexOf('nama') + 1, message: `nama "${r.value.nama}" sudah muncul di baris ${dupN}` });
    for (const a of r.value.alias) {
      const dupA = seenAlias.get(a.toLowerCase());
      if (dupA) problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: aliasCol, message: `alias "${a}" sudah dipakai desa di baris ${dupA}` });
      seenAlias.set(a.toLowerCase(), rec.line);
    }
    seenKode.set(r.value.kode, rec.line);
    seenNama.set(namaKey, rec.line);
    rows.push({ line: rec.line, value: r.value });
  }
  if (table.records.length === 0) throw new UserError(`${tableName(table)}: tidak ada baris data (hanya baris judul).`);
  problems.throwIfAny(`${tableName(table)}: tidak ada desa yang diimpor`);
  let result!: DesaImportResult;
  db.transaction(() => {
    result = upsertDesaRows(db, table, rows, aliasCol || undefined, now);
  }).immediate();
  return result;
}

/**
 * Writes the checked rows by kode (inside the caller's transaction). A file without an alias column
 * keeps the stored aliases; with one, a file may move an alias from one desa to another.
 */
function upsertDesaRows(db: Db, table: CsvTable, rows: { line: number; value: DesaData }[], aliasCol: number | undefined, now: string): DesaImportResult {
  const problems = new ProblemList();
  const result: DesaImportResult = { baru: [], diubah: [], tetap: [] };
  const existing = new Map(listDesa(db).map((d) => [d.kode, d]));
  if (aliasCol) for (const { value } of rows) if (existing.has(value.kode)) writeAlias(db, existing.get(value.kode)!.id, []);
  for (const { line, value } of rows) {
    const cur = existing.get(value.kode);
    if (!aliasCol) value.alias = cur?.alias ?? [];
    const other = db.prepare('SELECT kode FROM desa WHERE nama = ? COLLATE NOCASE AND kode <> ?').get(value.nama, value.kode) as { kode: string } | undefined;
    if (other) problems.add({ file: table.file, sheet: table.sheet, line, message: `nama "${value.nama}" sudah dipakai desa dengan kode ${other.kode} di basis data` });
    const ac = aliasConflict(db, value);
    if (ac) problems.add({ file: table.file, sheet: table.sheet, line, column: aliasCol, message: ac });
    const ok = !other && !ac;
    if (!cur) {
      if (ok) insertDesa(db, value, now);
      result.baru.push(value.nama);
      continue;
    }
    const changed = (Object.keys(value) as (keyof DesaData)[]).some((k) => (k === 'alias' ? !sameAlias(value.alias, cur.alias) : value[k] !== cur[k]));
    if (changed && ok) {
      const { alias: _a, ...row } = value;
      db.prepare('UPDATE desa SET nama=@nama, jenis=@jenis, kepala_desa=@kepala_desa, kontak=@kontak, alamat_balai=@alamat_balai, diperbarui=@diperbarui WHERE kode=@kode').run({ ...row, diperbarui: now });
    }
    if (aliasCol && ok) writeAlias(db, cur.id, value.alias);
    (changed ? result.diubah : result.tetap).push(value.nama);
  }
  problems.throwIfAny(`${tableName(table)}: tidak ada desa yang diimpor`);
  return result;
}
export function desaCsvRows(db: Db): string[][] {
  return listDesa(db).map((d) => [d.kode, d.nama, d.jenis, d.kepala_desa ?? '', d.kontak ?? '', d.alamat_balai ?? '', d.alias.join(` ${ALIAS_SEP} `)]);
}
