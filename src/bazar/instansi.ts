/**
 * Bazar pelayanan agencies (instansi): CRUD, lookup by singkatan or nama, CSV import/export.
 * The services an agency usually brings are an ordered list; each one is linked to the PATEN
 * catalog when its name matches a layanan (slug, nama or alias), otherwise it stays free text.
 */
import type { Db } from '../db/index.js';
import { UserError, ProblemList } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { editDistance, mirip, normalizeText, saranMirip } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import type { UbahDaftar } from '../core/daftar.js';
import { findLayanan } from '../layanan/index.js';

export const JENIS_INSTANSI = [
  { key: 'dinas', label: 'Dinas/badan daerah' },
  { key: 'vertikal', label: 'Instansi vertikal' },
  { key: 'tni-polri', label: 'TNI/Polri' },
  { key: 'bumn-bumd', label: 'BUMN/BUMD' },
  { key: 'kesehatan', label: 'Fasilitas kesehatan' },
  { key: 'kelurahan', label: 'Desa/kelurahan' },
  { key: 'umkm', label: 'UMKM' },
  { key: 'lainnya', label: 'Lainnya (bank, koperasi, LSM, klinik swasta …)' },
] as const;

export type JenisInstansi = (typeof JENIS_INSTANSI)[number]['key'];

export function jenisLabel(key: string): string {
  return JENIS_INSTANSI.find((j) => j.key === key)?.label ?? key;
}

const JENIS_ALIAS: Record<string, JenisInstansi> = {
  dinas: 'dinas', badan: 'dinas', 'dinas/badan': 'dinas', 'dinas/badan daerah': 'dinas', opd: 'dinas', 'perangkat daerah': 'dinas',
  vertikal: 'vertikal', 'instansi vertikal': 'vertikal',
  'tni-polri': 'tni-polri', 'tni/polri': 'tni-polri', tni: 'tni-polri', polri: 'tni-polri', polisi: 'tni-polri',
  'bumn-bumd': 'bumn-bumd', 'bumn/bumd': 'bumn-bumd', bumn: 'bumn-bumd', bumd: 'bumn-bumd',
  kesehatan: 'kesehatan', 'fasilitas kesehatan': 'kesehatan', faskes: 'kesehatan', puskesmas: 'kesehatan', klinik: 'kesehatan',
  kelurahan: 'kelurahan', desa: 'kelurahan', 'desa/kelurahan': 'kelurahan',
  umkm: 'umkm', 'usaha mikro': 'umkm',
  // 'lainnya' is a type of its own: it is never stored as another one ('umkm/lainnya', the old
  // label, is refused rather than guessed).
  lainnya: 'lainnya', 'lain-lain': 'lainnya', lain: 'lainnya',
};

export function parseJenisInstansi(v: string): JenisInstansi | null {
  return JENIS_ALIAS[normalizeText(v)] ?? null;
}

export const JENIS_HINT = JENIS_INSTANSI.map((j) => j.key).join(', ');

/**
 * The identity of a service name: case, spacing and punctuation ignored, so "Perekaman KTP el"
 * and "perekaman KTP-el" are one service.
 */
export function layananKey(nama: string): string {
  return normalizeText(nama).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The existing service a new name is probably a typo of (one or two letters apart, by length), or
 * null. Short names (SKCK, SKTM) are never close: one letter is a different service there.
 */
export function layananMirip(nama: string, existing: readonly string[]): string | null {
  const k = layananKey(nama);
  const max = k.length <= 4 ? 0 : k.length < 12 ? 1 : 2;
  if (max === 0) return null;
  for (const e of existing) {
    const ek = layananKey(e);
    if (ek !== k && Math.abs(ek.length - k.length) <= max && editDistance(ek, k) <= max) return e;
  }
  return null;
}

/**
 * An agency's service list after an item-by-item edit (README "Lists, item by item"): `hapus`
 * removed, then `tambah` appended. Like terapkanUbahDaftar in src/core/daftar.ts, an item already
 * there is not added twice and removing a missing one is an error naming the flag; services compare
 * by layananKey (punctuation ignored too: "KTP el" is "KTP-el"), and an added name one or two
 * letters from an existing one is added with a warning (the user asked for it explicitly).
 */
export function applyListEdit(current: readonly string[], ubah: UbahDaftar, pemilik: string): { value: string[]; peringatan: string[] } {
  const peringatan: string[] = [];
  let list = [...current];
  for (const h of ubah.hapus) {
    const t = clean(h) ?? '';
    const i = list.findIndex((x) => layananKey(x) === layananKey(t));
    if (i < 0) {
      const near = layananMirip(t, list);
      const isi = list.length ? `isinya sekarang: ${list.map((x) => `"${x}"`).join(', ')}` : 'daftarnya kosong';
      throw new UserError(`--hapus-${ubah.bendera} "${h}": tidak ada di daftar ${ubah.bendera} ${pemilik} (${isi}).${near ? ` Mungkin maksud Anda: "${near}"?` : ''}`);
    }
    list.splice(i, 1);
  }
  for (const a of ubah.tambah) {
    const t = clean(a);
    if (!t) throw new UserError(`--tambah-${ubah.bendera}: isian kosong tidak dapat ditambahkan.`);
    if (list.some((x) => layananKey(x) === layananKey(t))) continue;
    const near = layananMirip(t, list);
    if (near) peringatan.push(`"${t}" ditambahkan ke daftar ${ubah.bendera} ${pemilik}, padahal mirip "${near}" yang sudah ada; hapus dengan --hapus-${ubah.bendera} "${t}" bila sama`);
    list = [...list, t];
  }
  return { value: list, peringatan };
}

export interface InstansiLayanan {
  nama: string;
  /** Slug of the linked PATEN catalog layanan, if the name matches one. */
  layanan_slug: string | null;
}

export interface Instansi {
  id: number;
  nama: string;
  singkatan: string | null;
  jenis: JenisInstansi;
  kontak_nama: string | null;
  kontak_telepon: string | null;
  catatan: string | null;
  layanan: InstansiLayanan[];
  diperbarui: string;
}

export interface InstansiInput {
  nama?: string | null;
  singkatan?: string | null;
  jenis?: string | null;
  kontak_nama?: string | null;
  kontak_telepon?: string | null;
  catatan?: string | null;
  /** Service names, in order. */
  layanan?: string[];
}

type InstansiData = Omit<Instansi, 'id' | 'diperbarui' | 'layanan'> & { layanan: string[] };

export const INSTANSI_CSV_HEADER = ['nama', 'singkatan', 'jenis', 'kontak_nama', 'kontak_telepon', 'layanan', 'catatan'] as const;

const FIELD_LABEL: Record<keyof InstansiData, string> = {
  nama: 'nama',
  singkatan: 'singkatan',
  jenis: 'jenis',
  kontak_nama: 'kontak',
  kontak_telepon: 'telepon',
  catatan: 'catatan',
  layanan: 'layanan',
};

export function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** "Perekaman KTP-el; KK | Akta" → ["Perekaman KTP-el", "KK", "Akta"] (CSV cells hold several services). */
export function splitLayanan(cell: string): string[] {
  return cell
    .split(/[;|\n]/)
    .map((s) => clean(s))
    .filter((s): s is string => s !== null);
}

/** Validates one agency; returns normalised data or the problems (field → message). */
export function checkInstansi(input: InstansiInput): { ok: true; value: InstansiData } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const nama = clean(input.nama);
  if (!nama) errors.push({ field: 'nama', message: 'nama instansi wajib diisi' });
  const jenisRaw = clean(input.jenis);
  let jenis: JenisInstansi | null = null;
  if (!jenisRaw) errors.push({ field: 'jenis', message: `jenis instansi wajib diisi (${JENIS_HINT})` });
  else {
    jenis = parseJenisInstansi(jenisRaw);
    if (!jenis) errors.push({ field: 'jenis', message: `jenis "${jenisRaw}" tidak dikenal; pilih salah satu: ${JENIS_HINT}` });
  }
  const layanan: string[] = [];
  const seen = new Set<string>();
  for (const l of input.layanan ?? []) {
    const t = clean(l);
    if (!t) continue;
    const k = layananKey(t);
    if (seen.has(k)) {
      errors.push({ field: 'layanan', message: `layanan "${t}" disebut dua kali` });
      continue;
    }
    seen.add(k);
    layanan.push(t);
  }
  const telp = clean(input.kontak_telepon);
  if (telp && !/^[+(\d][\d\s().-]{4,}$/.test(telp)) errors.push({ field: 'kontak_telepon', message: `nomor telepon "${telp}" tidak valid (hanya angka, spasi, + - . ( ))` });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { nama: nama!, singkatan: clean(input.singkatan), jenis: jenis!, kontak_nama: clean(input.kontak_nama), kontak_telepon: telp, catatan: clean(input.catatan), layanan },
  };
}

interface InstansiRow extends Omit<Instansi, 'layanan'> {}

function hydrate(db: Db, rows: InstansiRow[]): Instansi[] {
  if (rows.length === 0) return [];
  const svc = db
    .prepare('SELECT il.instansi_id, il.nama, l.slug FROM bazar_instansi_layanan il LEFT JOIN layanan l ON l.id = il.layanan_id ORDER BY il.instansi_id, il.no')
    .all() as { instansi_id: number; nama: string; slug: string | null }[];
  const by = new Map<number, InstansiLayanan[]>();
  for (const s of svc) {
    const list = by.get(s.instansi_id) ?? [];
    list.push({ nama: s.nama, layanan_slug: s.slug });
    by.set(s.instansi_id, list);
  }
  return rows.map((r) => ({ ...r, layanan: by.get(r.id) ?? [] }));
}

export function listInstansi(db: Db): Instansi[] {
  return hydrate(db, db.prepare('SELECT * FROM bazar_instansi ORDER BY nama COLLATE NOCASE').all() as InstansiRow[]);
}

export function getInstansi(db: Db, id: number): Instansi {
  return hydrate(db, [db.prepare('SELECT * FROM bazar_instansi WHERE id = ?').get(id) as InstansiRow])[0];
}

/** Finds an agency by singkatan or nama (case-insensitive, spaces collapsed). */
export function findInstansi(db: Db, key: string): Instansi | undefined {
  const k = clean(key) ?? '';
  const row = (db.prepare('SELECT * FROM bazar_instansi WHERE singkatan = ? COLLATE NOCASE').get(k) ??
    db.prepare('SELECT * FROM bazar_instansi WHERE nama = ? COLLATE NOCASE').get(k)) as InstansiRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

export function requireInstansi(db: Db, key: string): Instansi {
  const i = findInstansi(db, key);
  if (!i) {
    const saran = mirip(key, listInstansi(db).map((x) => ({ label: x.singkatan ?? x.nama, names: [x.nama, x.singkatan] })));
    throw new UserError(`Instansi tidak ditemukan: "${key}".${saranMirip(saran)}`, { hint: 'Lihat nama dan singkatan dengan `paten bazar instansi list`.' });
  }
  return i;
}

function conflict(db: Db, v: { nama: string; singkatan: string | null }, exceptId?: number): string | null {
  const others = (db.prepare('SELECT id, nama, singkatan FROM bazar_instansi').all() as { id: number; nama: string; singkatan: string | null }[]).filter(
    (o) => o.id !== exceptId,
  );
  return clashWith(others, v);
}

/** Nama and singkatan share one name space: neither may equal another agency's nama or singkatan. */
function clashWith(others: { nama: string; singkatan: string | null }[], v: { nama: string; singkatan: string | null }): string | null {
  const lc = (s: string | null) => s?.toLowerCase() ?? null;
  for (const o of others) {
    if (lc(o.nama) === lc(v.nama)) return `nama "${v.nama}" sudah dipakai instansi lain`;
    if (o.singkatan && lc(o.singkatan) === lc(v.nama)) return `nama "${v.nama}" sudah dipakai sebagai singkatan ${o.nama}`;
    if (v.singkatan && (lc(o.singkatan) === lc(v.singkatan) || lc(o.nama) === lc(v.singkatan))) return `singkatan "${v.singkatan}" sudah dipakai ${o.nama}`;
  }
  return null;
}

function writeLayanan(db: Db, id: number, layanan: string[]): void {
  db.prepare('DELETE FROM bazar_instansi_layanan WHERE instansi_id = ?').run(id);
  const ins = db.prepare('INSERT INTO bazar_instansi_layanan (instansi_id, no, nama, layanan_id) VALUES (?, ?, ?, ?)');
  layanan.forEach((nama, i) => ins.run(id, i + 1, nama, findLayanan(db, nama)?.id ?? null));
}

/**
 * Appends services to an agency's usual list (those already there by layananKey are skipped).
 * Runs inside the caller's transaction (`bazar catat --simpan-layanan`).
 */
export function tambahLayananInstansi(db: Db, id: number, names: readonly string[], now: string): void {
  const cur = getInstansi(db, id).layanan.map((l) => l.nama);
  const add = names.filter((n, k) => !cur.some((c) => layananKey(c) === layananKey(n)) && names.findIndex((m) => layananKey(m) === layananKey(n)) === k);
  if (add.length === 0) return;
  writeLayanan(db, id, [...cur, ...add]);
  db.prepare('UPDATE bazar_instansi SET diperbarui = ? WHERE id = ?').run(now, id);
}

function insert(db: Db, v: InstansiData, now: string): number {
  const info = db
    .prepare(
      'INSERT INTO bazar_instansi (nama, singkatan, jenis, kontak_nama, kontak_telepon, catatan, diperbarui) VALUES (@nama, @singkatan, @jenis, @kontak_nama, @kontak_telepon, @catatan, @diperbarui)',
    )
    .run({ ...v, layanan: undefined, diperbarui: now });
  const id = Number(info.lastInsertRowid);
  writeLayanan(db, id, v.layanan);
  return id;
}

function update(db: Db, id: number, v: InstansiData, now: string): void {
  db.prepare(
    'UPDATE bazar_instansi SET nama=@nama, singkatan=@singkatan, jenis=@jenis, kontak_nama=@kontak_nama, kontak_telepon=@kontak_telepon, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id',
  ).run({ ...v, layanan: undefined, diperbarui: now, id });
  writeLayanan(db, id, v.layanan);
}

function dataOf(i: Instansi): InstansiData {
  return { nama: i.nama, singkatan: i.singkatan, jenis: i.jenis, kontak_nama: i.kontak_nama, kontak_telepon: i.kontak_telepon, catatan: i.catatan, layanan: i.layanan.map((l) => l.nama) };
}

export function changedInstansiFields(before: InstansiData, after: InstansiData): string[] {
  return (Object.keys(FIELD_LABEL) as (keyof InstansiData)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => FIELD_LABEL[k]);
}

function firstError(r: { ok: false; errors: { message: string }[] }): string {
  return r.errors.map((e) => e.message).join('; ');
}

export function addInstansi(db: Db, input: InstansiInput, now = isoDateTimeLocal()): Instansi {
  const r = checkInstansi(input);
  if (!r.ok) throw new UserError(`Instansi tidak dapat ditambahkan: ${firstError(r)}.`);
  const c = conflict(db, r.value);
  if (c) throw new UserError(`Instansi tidak dapat ditambahkan: ${c}.`);
  let id = 0;
  db.transaction(() => {
    id = insert(db, r.value, now);
  }).immediate();
  return getInstansi(db, id);
}

/**
 * Updates the given fields. `changes.layanan` replaces the whole list; `ubahLayanan` edits it item
 * by item (the CLI never gives both: see listEditFromFlags).
 */
export function editInstansi(
  db: Db,
  key: string,
  changes: InstansiInput,
  ubahLayanan?: UbahDaftar,
  now = isoDateTimeLocal(),
): { instansi: Instansi; changed: string[]; peringatan: string[] } {
  const cur = requireInstansi(db, key);
  const before = dataOf(cur);
  const merged: InstansiInput = { ...before };
  for (const k of Object.keys(changes) as (keyof InstansiInput)[]) if (changes[k] !== undefined) (merged as Record<string, unknown>)[k] = changes[k];
  let peringatan: string[] = [];
  if (ubahLayanan) {
    const e = applyListEdit(merged.layanan ?? [], ubahLayanan, namaPendek(cur));
    merged.layanan = e.value;
    peringatan = e.peringatan;
  }
  const r = checkInstansi(merged);
  if (!r.ok) throw new UserError(`Instansi ${cur.nama} tidak dapat diubah: ${firstError(r)}.`);
  const c = conflict(db, r.value, cur.id);
  if (c) throw new UserError(`Instansi ${cur.nama} tidak dapat diubah: ${c}.`);
  const changed = changedInstansiFields(before, r.value);
  if (changed.length) db.transaction(() => update(db, cur.id, r.value, now)).immediate();
  return { instansi: getInstansi(db, cur.id), changed, peringatan };
}

/** Removes an agency that has no attendance history (history would silently vanish from reports). */
export function removeInstansi(db: Db, key: string): Instansi {
  const i = requireInstansi(db, key);
  const n = db.prepare('SELECT COUNT(*) FROM bazar_partisipasi WHERE instansi_id = ?').pluck().get(i.id) as number;
  if (n > 0)
    throw new UserError(`Instansi ${i.nama} tidak dapat dihapus: sudah tercatat di ${n} acara bazar.`, {
      hint: 'Riwayat kehadiran dipakai laporan tahunan. Hapus dulu instansi itu dari acaranya, atau biarkan saja (instansi yang tidak diundang tidak muncul di laporan).',
    });
  db.prepare('DELETE FROM bazar_instansi WHERE id = ?').run(i.id);
  return i;
}

export interface InstansiImportResult {
  baru: string[];
  diubah: { nama: string; bidang: string[] }[];
  tetap: string[];
}

function headerKey(h: string): keyof InstansiInput | null {
  const t = normalizeText(h).replace(/[\s/]+/g, '_');
  const map: Record<string, keyof InstansiInput> = {
    nama: 'nama', nama_instansi: 'nama', instansi: 'nama',
    singkatan: 'singkatan', akronim: 'singkatan', kode: 'singkatan',
    jenis: 'jenis', jenis_instansi: 'jenis', kategori: 'jenis',
    kontak_nama: 'kontak_nama', kontak: 'kontak_nama', contact_person: 'kontak_nama', narahubung: 'kontak_nama', cp: 'kontak_nama',
    kontak_telepon: 'kontak_telepon', telepon: 'kontak_telepon', no_hp: 'kontak_telepon', hp: 'kontak_telepon', whatsapp: 'kontak_telepon', wa: 'kontak_telepon',
    layanan: 'layanan', layanan_dibawa: 'layanan', jenis_layanan: 'layanan',
    catatan: 'catatan', keterangan: 'catatan',
  };
  return map[t] ?? null;
}

/**
 * Imports agencies from CSV: every row validated first (problems with line and column), then
 * upserted by nama in one transaction. Re-importing the same file changes nothing.
 */
export function importInstansiCsv(db: Db, table: CsvTable, now = isoDateTimeLocal()): InstansiImportResult {
  const cols = table.header.map(headerKey);
  for (const need of ['nama', 'jenis'] as const) {
    if (!cols.includes(need))
      throw new UserError(`${tableName(table)}: kolom "${need}" tidak ditemukan di baris judul.`, {
        hint: `Kolom yang dikenali: ${INSTANSI_CSV_HEADER.join(', ')}. Kolom di berkas: ${table.header.join(', ')}.`,
      });
  }
  if (table.records.length === 0) throw new UserError(`${tableName(table)}: tidak ada baris data (hanya baris judul).`);
  const problems = new ProblemList();
  const col = (field: string) => {
    const i = cols.indexOf(field as keyof InstansiInput);
    return i >= 0 ? i + 1 : undefined;
  };
  const rows: { line: number; value: InstansiData }[] = [];
  const seen = new Map<string, number>();
  for (const rec of table.records) {
    const input: InstansiInput = {};
    cols.forEach((k, i) => {
      if (!k) return;
      const v = rec.values[i] ?? '';
      if (k === 'layanan') input.layanan = splitLayanan(v);
      else (input as Record<string, string>)[k] = v;
    });
    const r = checkInstansi(input);
    if (!r.ok) {
      for (const e of r.errors) problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col(e.field), message: e.message });
      continue;
    }
    for (const [field, v] of [['nama', r.value.nama], ['singkatan', r.value.singkatan]] as const) {
      if (!v) continue;
      const prev = seen.get(v.toLowerCase());
      if (prev) problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col(field), message: `"${v}" sudah muncul di baris ${prev} (nama dan singkatan harus unik)` });
    }
    seen.set(r.value.nama.toLowerCase(), rec.line);
    if (r.value.singkatan && r.value.singkatan.toLowerCase() !== r.value.nama.toLowerCase()) seen.set(r.value.singkatan.toLowerCase(), rec.line);
    rows.push({ line: rec.line, value: r.value });
  }
  problems.throwIfAny(`${tableName(table)}: tidak ada instansi yang diimpor`);

  // Conflicts with agencies already in the database but not named in the file.
  const inFile = new Set(rows.map((r) => r.value.nama.toLowerCase()));
  const others = listInstansi(db).filter((i) => !inFile.has(i.nama.toLowerCase()));
  for (const { line, value } of rows) {
    const clash = clashWith(others, value);
    if (clash) problems.add({ file: table.file, sheet: table.sheet, line, column: col('singkatan'), message: `${clash} di basis data` });
  }
  problems.throwIfAny(`${tableName(table)}: tidak ada instansi yang diimpor`);

  const result: InstansiImportResult = { baru: [], diubah: [], tetap: [] };
  db.transaction(() => {
    for (const { value } of rows) {
      const existing = db.prepare('SELECT id FROM bazar_instansi WHERE nama = ? COLLATE NOCASE').get(value.nama) as { id: number } | undefined;
      if (!existing) {
        insert(db, value, now);
        result.baru.push(value.nama);
        continue;
      }
      const bidang = changedInstansiFields(dataOf(getInstansi(db, existing.id)), value);
      if (bidang.length) {
        update(db, existing.id, value, now);
        result.diubah.push({ nama: value.nama, bidang });
      } else result.tetap.push(value.nama);
    }
  }).immediate();
  return result;
}

export function instansiCsvRows(db: Db): string[][] {
  return listInstansi(db).map((i) => [i.nama, i.singkatan ?? '', i.jenis, i.kontak_nama ?? '', i.kontak_telepon ?? '', i.layanan.map((l) => l.nama).join('; '), i.catatan ?? '']);
}

/** Short display name: singkatan when there is one. */
export function namaPendek(i: { nama: string; singkatan: string | null }): string {
  return i.singkatan ?? i.nama;
}
