/**
 * Bazar pelayanan agencies (instansi): the field table, CRUD, lookup by singkatan or nama, CSV
 * import (through the shared registry importer) and export. SQL lives in ./store.ts.
 * The services an agency usually brings are an ordered list; each one is linked to the PATEN
 * catalog when its name matches a layanan (slug, nama or alias), otherwise it stays free text.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { clean, editDistance, mirip, normalizeText, saranMirip } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import type { UbahDaftar } from '../core/daftar.js';
import { findLayanan } from '../layanan/index.js';
import { changedLabels, csvHeader, exportCells, fail, joinErrors, ok, type Checked, type FieldError, type Fields } from '../registry/fields.js';
import { importRegistry, rowsFromTable, type RegistryResult, type RegistrySpec } from '../registry/import.js';
import * as store from './store.js';

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

export type InstansiData = Omit<Instansi, 'id' | 'diperbarui' | 'layanan'> & { layanan: string[] };

/** Services in one CSV cell (or one --layanan value) are separated by ";", "|" or a line break. */
const LAYANAN_SEP = /[;|\n]/;

/** One typed jenis on its own (the prompt of `bazar instansi add` checks it as it is typed). */
function checkJenis(raw: string): Checked<JenisInstansi> {
  const j = parseJenisInstansi(raw);
  return j ? ok(j) : fail('jenis', `jenis "${raw.trim()}" tidak dikenal; pilih salah satu: ${JENIS_HINT}`);
}

/** The agency fields: flags, CSV headers (with the variants offices write), change labels. */
export const INSTANSI_FIELDS: Fields<keyof InstansiData> = [
  { key: 'nama', flag: 'nama', arg: '<nama>', help: 'nama lengkap instansi', label: 'nama', csv: 'nama', aliases: ['nama_instansi', 'instansi'], wajib: true },
  { key: 'singkatan', flag: 'singkatan', arg: '<teks>', help: 'singkatan, mis. Dispendukcapil', label: 'singkatan', csv: 'singkatan', aliases: ['akronim', 'kode'] },
  { key: 'jenis', flag: 'jenis', arg: '<jenis>', help: `jenis: ${JENIS_HINT}`, label: 'jenis', csv: 'jenis', aliases: ['jenis_instansi', 'kategori'], wajib: true, check: checkJenis },
  { key: 'kontak_nama', flag: 'kontak', arg: '<nama>', help: 'nama narahubung (contact person)', label: 'kontak', csv: 'kontak_nama', aliases: ['kontak', 'contact_person', 'narahubung', 'cp'] },
  {
    key: 'kontak_telepon', flag: 'telepon', arg: '<nomor>', help: 'nomor telepon/WhatsApp narahubung', label: 'telepon', csv: 'kontak_telepon',
    aliases: ['telepon', 'no_hp', 'hp', 'whatsapp', 'wa'],
  },
  {
    key: 'layanan', flag: 'layanan', arg: '<nama>', help: 'layanan yang biasa dibawa; ulangi untuk tiap layanan (edit: mengganti seluruh daftar; satu per satu: --tambah-layanan/--hapus-layanan)',
    label: 'layanan', csv: 'layanan', aliases: ['layanan_dibawa', 'jenis_layanan'], daftar: { pisah: LAYANAN_SEP, gabung: '; ' },
  },
  { key: 'catatan', flag: 'catatan', arg: '<teks>', help: 'catatan', label: 'catatan', csv: 'catatan', aliases: ['keterangan'] },
];

export const INSTANSI_CSV_HEADER = csvHeader(INSTANSI_FIELDS);

/** "Perekaman KTP-el; KK | Akta" → ["Perekaman KTP-el", "KK", "Akta"] (CSV cells hold several services). */
export function splitLayanan(cell: string): string[] {
  return cell
    .split(LAYANAN_SEP)
    .map((s) => clean(s))
    .filter((s): s is string => s !== null);
}

/** Validates one agency; returns normalised data or the problems (field → message). */
export function checkInstansi(input: InstansiInput): Checked<InstansiData> {
  const errors: FieldError[] = [];
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

export function listInstansi(db: Db): Instansi[] {
  return store.selectInstansi(db);
}

export function getInstansi(db: Db, id: number): Instansi {
  return store.selectInstansiById(db, id)!;
}

/** Finds an agency by singkatan or nama (case-insensitive, spaces collapsed). */
export function findInstansi(db: Db, key: string): Instansi | undefined {
  return store.selectInstansiByKey(db, clean(key) ?? '');
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
  return clashWith(store.selectInstansiNames(db).filter((o) => o.id !== exceptId), v);
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

/** Stores the service list, each name linked to the catalog layanan it names (if any). */
function writeLayanan(db: Db, id: number, layanan: string[]): void {
  store.writeInstansiLayanan(db, id, layanan.map((nama) => ({ nama, layanan_id: findLayanan(db, nama)?.id ?? null })));
}

/**
 * Appends services to an agency's usual list (those already there by layananKey are skipped).
 * Runs inside the caller's transaction (`bazar catat --simpan-layanan`).
 */
export function tambahLayananInstansi(db: Db, id: number, names: readonly string[], now: string): void {
  const cur = getInstansi(db, id).layanan.map((l) => l.nama);
  const add = names.filter((n, k) => !cur.some((c) => layananKey(c) === layananKey(n)) && names.findIndex((m) => layananKey(m) === layananKey(n)) === k);
  if (add.length === 0) return;
  writeTransaction(db, () => {
    writeLayanan(db, id, [...cur, ...add]);
    store.touchInstansi(db, id, now);
  });
}

function insert(db: Db, v: InstansiData, now: string): number {
  const id = store.insertInstansi(db, v, now);
  writeLayanan(db, id, v.layanan);
  return id;
}

function update(db: Db, id: number, v: InstansiData, now: string): void {
  store.updateInstansi(db, id, v, now);
  writeLayanan(db, id, v.layanan);
}

function dataOf(i: Instansi): InstansiData {
  return { nama: i.nama, singkatan: i.singkatan, jenis: i.jenis, kontak_nama: i.kontak_nama, kontak_telepon: i.kontak_telepon, catatan: i.catatan, layanan: i.layanan.map((l) => l.nama) };
}

export function changedInstansiFields(before: InstansiData, after: InstansiData): string[] {
  return changedLabels(INSTANSI_FIELDS, before, after);
}

export function addInstansi(db: Db, input: InstansiInput, now = isoDateTimeLocal()): Instansi {
  const r = checkInstansi(input);
  if (!r.ok) throw new UserError(`Instansi tidak dapat ditambahkan: ${joinErrors(r.errors)}.`);
  const c = conflict(db, r.value);
  if (c) throw new UserError(`Instansi tidak dapat ditambahkan: ${c}.`);
  return getInstansi(db, writeTransaction(db, () => insert(db, r.value, now)));
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
  if (!r.ok) throw new UserError(`Instansi ${cur.nama} tidak dapat diubah: ${joinErrors(r.errors)}.`);
  const c = conflict(db, r.value, cur.id);
  if (c) throw new UserError(`Instansi ${cur.nama} tidak dapat diubah: ${c}.`);
  const changed = changedInstansiFields(before, r.value);
  if (changed.length) writeTransaction(db, () => update(db, cur.id, r.value, now));
  return { instansi: getInstansi(db, cur.id), changed, peringatan };
}

/** Removes an agency that has no attendance history (history would silently vanish from reports). */
export function removeInstansi(db: Db, key: string): Instansi {
  const i = requireInstansi(db, key);
  const n = store.countPartisipasiInstansi(db, i.id);
  if (n > 0)
    throw new UserError(`Instansi ${i.nama} tidak dapat dihapus: sudah tercatat di ${n} acara bazar.`, {
      hint: 'Riwayat kehadiran dipakai laporan tahunan. Hapus dulu instansi itu dari acaranya, atau biarkan saja (instansi yang tidak diundang tidak muncul di laporan).',
    });
  writeTransaction(db, () => store.deleteInstansi(db, i.id));
  return i;
}

export type InstansiImportResult = RegistryResult;

/**
 * The agency import: upsert by nama (case-insensitive). Nama and singkatan are one name space, in
 * the file and against the agencies in the database that the file does not name.
 */
const instansiSpec: RegistrySpec<InstansiInput, InstansiData, Instansi> = {
  what: 'instansi',
  check: checkInstansi,
  kunci: (v) => v.nama,
  unique: (v) => {
    const message = (x: string) => (p: string) => `"${x}" sudah muncul di baris ${p} (nama dan singkatan harus unik)`;
    const keys = [{ field: 'nama', space: 'nama', key: v.nama.toLowerCase(), message: message(v.nama) }];
    if (v.singkatan && v.singkatan.toLowerCase() !== v.nama.toLowerCase()) keys.push({ field: 'singkatan', space: 'nama', key: v.singkatan.toLowerCase(), message: message(v.singkatan) });
    return keys;
  },
  current: (db, v) => store.selectInstansiByNama(db, v.nama),
  conflicts: (db, rows) => {
    const inFile = new Set(rows.map((r) => r.value.nama.toLowerCase()));
    const others = store.selectInstansiNames(db).filter((i) => !inFile.has(i.nama.toLowerCase()));
    return rows.map(({ value }) => {
      const clash = clashWith(others, value);
      return clash ? { field: 'singkatan', message: `${clash} di basis data` } : null;
    });
  },
  changed: (cur, v) => changedInstansiFields(dataOf(cur), v),
  insert: (db, v, now) => void insert(db, v, now),
  update: (db, cur, v, now, changed) => {
    if (changed.length) update(db, cur.id, v, now);
  },
};

/**
 * Imports agencies from CSV: every row validated first (problems with line and column), then
 * upserted by nama in one transaction. Re-importing the same file changes nothing.
 */
export function importInstansiCsv(db: Db, table: CsvTable, now = isoDateTimeLocal()): InstansiImportResult {
  const { rows } = rowsFromTable(table, INSTANSI_FIELDS);
  return importRegistry(db, instansiSpec, { file: table.file, name: tableName(table) }, rows as never, now);
}

export function instansiCsvRows(db: Db): string[][] {
  return listInstansi(db).map((i) => exportCells(INSTANSI_FIELDS, dataOf(i)));
}

/** Short display name: singkatan when there is one. */
export function namaPendek(i: { nama: string; singkatan: string | null }): string {
  return i.singkatan ?? i.nama;
}
