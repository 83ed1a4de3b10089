/**
 * The PATEN service catalog: layanan with ordered persyaratan and prosedur.
 * Import (JSON, full fidelity; CSV, one row per requirement for Excel) updates in place by slug,
 * reports what changed and never duplicates.
 */
import type { Db } from '../db/index.js';
import { UserError, ProblemList, type InputProblem } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { mirip, normalizeText, saranMirip, slugify, SLUG_RE } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { parseJsonText } from '../core/json.js';
import { terapkanUbahDaftar, type UbahDaftar } from '../core/daftar.js';

export type Kategori = 'perizinan' | 'non-perizinan';

export interface Layanan {
  id: number;
  slug: string;
  nama: string;
  kategori: Kategori;
  persyaratan: string[];
  prosedur: string[];
  waktu: string | null;
  biaya: string;
  produk: string | null;
  dasar_hukum: string | null;
  catatan: string | null;
  alias: string[];
  urutan: number;
  /** Local date-time of the last change, "YYYY-MM-DD HH:MM:SS" (or a date). */
  diperbarui: string;
}

/** A layanan as written in a JSON catalog or built from CSV rows. */
export interface LayananInput {
  slug?: string;
  nama?: string;
  kategori?: string;
  persyaratan?: string[];
  prosedur?: string[];
  waktu?: string | null;
  biaya?: string | null;
  produk?: string | null;
  dasar_hukum?: string | null;
  catatan?: string | null;
  alias?: string[];
  diperbarui?: string;
}

type LayananData = Omit<Layanan, 'id' | 'urutan' | 'diperbarui'>;

/** Fields compared on re-import, with their Indonesian names for the change report. */
export const LAYANAN_FIELDS: readonly { key: keyof LayananData; label: string }[] = [
  { key: 'nama', label: 'nama' },
  { key: 'kategori', label: 'kategori' },
  { key: 'persyaratan', label: 'persyaratan' },
  { key: 'prosedur', label: 'prosedur' },
  { key: 'waktu', label: 'waktu penyelesaian' },
  { key: 'biaya', label: 'biaya' },
  { key: 'produk', label: 'produk layanan' },
  { key: 'dasar_hukum', label: 'dasar hukum' },
  { key: 'catatan', label: 'catatan' },
  { key: 'alias', label: 'alias' },
];

function clean(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function parseKategori(v: string | null): Kategori | null {
  if (v === null) return 'non-perizinan';
  const t = normalizeText(v).replace(/\s+/g, '-').replace(/_/g, '-');
  if (t === 'perizinan' || t === 'izin') return 'perizinan';
  if (t === 'non-perizinan' || t === 'nonperizinan' || t === 'non') return 'non-perizinan';
  return null;
}

/** Validates one catalog entry; returns normalised data or the list of problems (field → message). */
export function checkLayanan(input: LayananInput): { ok: true; value: LayananData } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const nama = clean(input.nama);
  if (!nama) errors.push({ field: 'nama', message: 'nama layanan wajib diisi' });
  let slug = clean(input.slug);
  if (!slug && nama) slug = slugify(nama);
  if (!slug) errors.push({ field: 'slug', message: 'slug wajib diisi' });
  else if (!SLUG_RE.test(slug)) errors.push({ field: 'slug', message: `slug "${slug}" hanya boleh huruf kecil, angka dan tanda hubung (contoh: surat-keterangan-domisili)` });
  const kategoriRaw = clean(input.kategori);
  const kategori = parseKategori(kategoriRaw);
  if (!kategori) errors.push({ field: 'kategori', message: `kategori harus "perizinan" atau "non-perizinan", bukan "${kategoriRaw}"` });
  const list = (field: 'persyaratan' | 'prosedur' | 'alias'): string[] => {
    const v = input[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      errors.push({ field, message: `${field} harus berupa daftar (array) teks` });
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      const t = clean(item);
      if (t === null || typeof item !== 'string') errors.push({ field, message: `${field} nomor ${i + 1} kosong atau bukan teks` });
      else out.push(t);
    });
    return out;
  };
  const persyaratan = list('persyaratan');
  const prosedur = list('prosedur');
  const alias = list('alias');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      slug: slug!,
      nama: nama!,
      kategori: kategori!,
      persyaratan,
      prosedur,
      waktu: clean(input.waktu),
      biaya: clean(input.biaya) ?? 'Gratis',
      produk: clean(input.produk),
      dasar_hukum: clean(input.dasar_hukum),
      catatan: clean(input.catatan),
      alias,
    },
  };
}

interface LayananRow {
  id: number;
  slug: string;
  nama: string;
  kategori: Kategori;
  waktu: string | null;
  biaya: string;
  produk: string | null;
  dasar_hukum: string | null;
  catatan: string | null;
  urutan: number;
  diperbarui: string;
}

function hydrate(db: Db, rows: LayananRow[]): Layanan[] {
  if (rows.length === 0) return [];
  const syarat = db.prepare('SELECT layanan_id, teks FROM layanan_persyaratan ORDER BY layanan_id, no').all() as { layanan_id: number; teks: string }[];
  const pros = db.prepare('SELECT layanan_id, teks FROM layanan_prosedur ORDER BY layanan_id, no').all() as { layanan_id: number; teks: string }[];
  const alias = db.prepare('SELECT layanan_id, alias FROM layanan_alias ORDER BY layanan_id, rowid').all() as { layanan_id: number; alias: string }[];
  const group = <T extends { layanan_id: number }>(items: T[], pick: (t: T) => string) => {
    const m = new Map<number, string[]>();
    for (const it of items) {
      const arr = m.get(it.layanan_id) ?? [];
      arr.push(pick(it));
      m.set(it.layanan_id, arr);
    }
    return m;
  };
  const s = group(syarat, (x) => x.teks);
  const p = group(pros, (x) => x.teks);
  const a = group(alias, (x) => x.alias);
  return rows.map((r) => ({ ...r, persyaratan: s.get(r.id) ?? [], prosedur: p.get(r.id) ?? [], alias: a.get(r.id) ?? [] }));
}

export function listLayanan(db: Db): Layanan[] {
  return hydrate(db, db.prepare('SELECT * FROM layanan ORDER BY urutan, id').all() as LayananRow[]);
}

/** Finds a layanan by slug, exact name or alias (case-insensitive). */
export function findLayanan(db: Db, key: string): Layanan | undefined {
  const k = key.trim();
  const row = (db.prepare('SELECT * FROM layanan WHERE slug = ?').get(k.toLowerCase()) ??
    db.prepare('SELECT * FROM layanan WHERE nama = ? COLLATE NOCASE').get(k) ??
    db.prepare('SELECT l.* FROM layanan l JOIN layanan_alias a ON a.layanan_id = l.id WHERE a.alias = ? COLLATE NOCASE').get(k)) as LayananRow | undefined;
  if (!row) return undefined;
  return listLayanan(db).find((l) => l.id === row.id);
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
  const v = db.prepare('SELECT MAX(diperbarui) FROM layanan').pluck().get() as string | null;
  return v ? v.slice(0, 10) : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function changedFields(before: LayananData, after: LayananData): string[] {
  return LAYANAN_FIELDS.filter((f) => !sameValue(before[f.key], after[f.key])).map((f) => f.label);
}

function writeLists(db: Db, id: number, v: LayananData): void {
  db.prepare('DELETE FROM layanan_persyaratan WHERE layanan_id = ?').run(id);
  db.prepare('DELETE FROM layanan_prosedur WHERE layanan_id = ?').run(id);
  db.prepare('DELETE FROM layanan_alias WHERE layanan_id = ?').run(id);
  const s = db.prepare('INSERT INTO layanan_persyaratan (layanan_id, no, teks) VALUES (?, ?, ?)');
  v.persyaratan.forEach((t, i) => s.run(id, i + 1, t));
  const p = db.prepare('INSERT INTO layanan_prosedur (layanan_id, no, teks) VALUES (?, ?, ?)');
  v.prosedur.forEach((t, i) => p.run(id, i + 1, t));
  const a = db.prepare('INSERT INTO layanan_alias (layanan_id, alias) VALUES (?, ?)');
  for (const al of v.alias) a.run(id, al);
}

function aliasConflict(db: Db, v: LayananData, exceptId?: number): string | null {
  for (const al of v.alias) {
    const other = db.prepare('SELECT l.slug, l.id FROM layanan_alias a JOIN layanan l ON l.id = a.layanan_id WHERE a.alias = ? COLLATE NOCASE').get(al) as
      | { slug: string; id: number }
      | undefined;
    if (other && other.id !== exceptId) return `alias "${al}" sudah dipakai layanan ${other.slug}`;
  }
  return null;
}

function insertLayanan(db: Db, v: LayananData, diperbarui: string): number {
  const urutan = ((db.prepare('SELECT MAX(urutan) FROM layanan').pluck().get() as number | null) ?? 0) + 1;
  const info = db
    .prepare(
      `INSERT INTO layanan (slug, nama, kategori, waktu, biaya, produk, dasar_hukum, catatan, urutan, diperbarui)
       VALUES (@slug, @nama, @kategori, @waktu, @biaya, @produk, @dasar_hukum, @catatan, @urutan, @diperbarui)`,
    )
    .run({ ...v, alias: undefined, persyaratan: undefined, prosedur: undefined, urutan, diperbarui });
  const id = Number(info.lastInsertRowid);
  writeLists(db, id, v);
  return id;
}

function updateLayanan(db: Db, id: number, v: LayananData, diperbarui: string): void {
  db.prepare(
    `UPDATE layanan SET slug=@slug, nama=@nama, kategori=@kategori, waktu=@waktu, biaya=@biaya, produk=@produk,
       dasar_hukum=@dasar_hukum, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id`,
  ).run({ slug: v.slug, nama: v.nama, kategori: v.kategori, waktu: v.waktu, biaya: v.biaya, produk: v.produk, dasar_hukum: v.dasar_hukum, catatan: v.catatan, diperbarui, id });
  writeLists(db, id, v);
}

function toData(l: Layanan): LayananData {
  const { id: _id, urutan: _u, diperbarui: _d, ...rest } = l;
  return rest;
}

export function addLayanan(db: Db, input: LayananInput, now = isoDateTimeLocal()): Layanan {
  const r = checkLayanan(input);
  if (!r.ok) throw new UserError(`Layanan tidak dapat ditambahkan: ${r.errors.map((e) => e.message).join('; ')}.`);
  if (db.prepare('SELECT 1 FROM layanan WHERE slug = ?').get(r.value.slug))
    throw new UserError(`Layanan dengan slug "${r.value.slug}" sudah ada.`, { hint: 'Pakai slug lain (--slug) atau ubah yang ada dengan `paten layanan edit`.' });
  const ac = aliasConflict(db, r.value);
  if (ac) throw new UserError(`Layanan tidak dapat ditambahkan: ${ac}.`);
  let id = 0;
  db.transaction(() => {
    id = insertLayanan(db, r.value, now);
  }).immediate();
  return listLayanan(db).find((l) => l.id === id)!;
}

/** The list-valued fields of a layanan, which `edit` can change item by item. */
export type DaftarLayanan = 'persyaratan' | 'prosedur' | 'alias';

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
  if (!r.ok) throw new UserError(`Layanan ${cur.slug} tidak dapat diubah: ${r.errors.map((e) => e.message).join('; ')}.`);
  if (r.value.slug !== cur.slug && db.prepare('SELECT 1 FROM layanan WHERE slug = ?').get(r.value.slug))
    throw new UserError(`Slug "${r.value.slug}" sudah dipakai layanan lain.`);
  const ac = aliasConflict(db, r.value, cur.id);
  if (ac) throw new UserError(`Layanan ${cur.slug} tidak dapat diubah: ${ac}.`);
  const changed = changedFields(toData(cur), r.value);
  if (r.value.slug !== cur.slug) changed.unshift('slug');
  if (changed.length) db.transaction(() => updateLayanan(db, cur.id, r.value, now)).immediate();
  return { layanan: listLayanan(db).find((l) => l.id === cur.id)!, changed };
}

export function removeLayanan(db: Db, key: string): Layanan {
  const l = requireLayanan(db, key);
  db.prepare('DELETE FROM layanan WHERE id = ?').run(l.id);
  return l;
}

export interface ImportReport {
  baru: string[];
  diubah: { slug: string; bidang: string[] }[];
  tetap: string[];
  /** Slugs in the database that the file does not mention (kept as they are). */
  tidakDisebut: string[];
}

export interface SourcedInput {
  input: LayananInput;
  /** Where the entry came from, for messages: line (CSV), sheet and row (.xlsx) or index (JSON). */
  where: { sheet?: string; line?: number; column?: string; label?: string };
}

/**
 * Validates every entry, then upserts all of them by slug in one transaction (all-or-nothing).
 * An entry's own `diperbarui` is kept when it differs from the stored one; otherwise a change is
 * stamped with `now`. Unchanged entries are not touched, so re-importing is idempotent.
 */
export function importLayanan(db: Db, file: string, entries: SourcedInput[], now = isoDateTimeLocal()): ImportReport {
  const problems = new ProblemList();
  const at = (w: SourcedInput['where'], message: string): InputProblem => ({
    file,
    sheet: w.sheet,
    line: w.line,
    column: w.column,
    message: w.label ? `${w.label}: ${message}` : message,
  });
  if (entries.length === 0) throw new UserError(`${file}: tidak ada layanan di berkas ini.`);
  const valid: { data: LayananData; diperbarui?: string; where: SourcedInput['where'] }[] = [];
  const seen = new Map<string, SourcedInput['where']>();
  const seenAlias = new Map<string, string>();
  for (const e of entries) {
    const r = checkLayanan(e.input);
    if (!r.ok) {
      for (const err of r.errors) problems.add(at({ ...e.where, column: e.where.column ?? err.field }, err.message));
      continue;
    }
    if (seen.has(r.value.slug)) {
      problems.add(at(e.where, `slug "${r.value.slug}" muncul lebih dari sekali di berkas`));
      continue;
    }
    seen.set(r.value.slug, e.where);
    for (const al of r.value.alias) {
      const k = al.toLowerCase();
      const other = seenAlias.get(k);
      if (other) problems.add(at(e.where, `alias "${al}" juga dipakai layanan ${other} di berkas ini`));
      seenAlias.set(k, r.value.slug);
    }
    const d = e.input.diperbarui ? String(e.input.diperbarui).trim() : undefined;
    if (d && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(d)) problems.add(at({ ...e.where, column: 'diperbarui' }, `tanggal diperbarui "${d}" harus berformat YYYY-MM-DD`));
    valid.push({ data: r.value, diperbarui: d, where: e.where });
  }
  problems.throwIfAny(`${file}: katalog tidak diimpor`);

  const report: ImportReport = { baru: [], diubah: [], tetap: [], tidakDisebut: [] };
  db.transaction(() => {
    const existing = new Map(listLayanan(db).map((l) => [l.slug, l]));
    // Free all aliases that move between layanan in this file before re-inserting them.
    for (const v of valid) {
      const cur = existing.get(v.data.slug);
      if (!cur) {
        report.baru.push(v.data.slug);
        continue;
      }
      const fields = changedFields(toData(cur), v.data);
      if (fields.length === 0) report.tetap.push(v.data.slug);
      else report.diubah.push({ slug: v.data.slug, bidang: fields });
    }
    for (const v of valid) {
      const cur = existing.get(v.data.slug);
      if (cur) db.prepare('DELETE FROM layanan_alias WHERE layanan_id = ?').run(cur.id);
    }
    for (const v of valid) {
      const ac = aliasConflict(db, v.data);
      if (ac) problems.add(at(v.where, ac));
    }
    problems.throwIfAny(`${file}: katalog tidak diimpor`);
    for (const v of valid) {
      const cur = existing.get(v.data.slug);
      if (!cur) {
        insertLayanan(db, v.data, v.diperbarui ?? now);
      } else if (report.tetap.includes(v.data.slug)) {
        writeLists(db, cur.id, v.data); // restores the aliases deleted above (unchanged)
      } else {
        const stamp = v.diperbarui && v.diperbarui !== cur.diperbarui ? v.diperbarui : now;
        updateLayanan(db, cur.id, v.data, stamp);
      }
    }
    report.tidakDisebut = [...existing.keys()].filter((s) => !seen.has(s));
  }).immediate();
  return report;
}

// ---------- JSON ----------

export interface CatalogJson {
  _catatan?: string;
  layanan: (LayananInput & { diperbarui?: string })[];
}

/** Parses a catalog JSON text (an object with "layanan": [...] or a bare array). */
export function parseCatalogJson(text: string, file: string): SourcedInput[] {
  const data = parseJsonText(text, file);
  const list = Array.isArray(data) ? data : (data as CatalogJson | null)?.layanan;
  if (!Array.isArray(list)) throw new UserError(`${file}: JSON harus berisi daftar "layanan": [ … ].`);
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new UserError(`${file}: layanan nomor ${i + 1} bukan objek JSON.`);
    }
    const label = `layanan nomor ${i + 1}${(item as LayananInput).slug ? ` (${(item as LayananInput).slug})` : ''}`;
    return { input: item as LayananInput, where: { label } };
  });
}

export function catalogToJson(items: Layanan[], note?: string): string {
  const out: CatalogJson = {
    ...(note ? { _catatan: note } : {}),
    layanan: items.map((l) => ({
      slug: l.slug,
      nama: l.nama,
      kategori: l.kategori,
      persyaratan: l.persyaratan,
      prosedur: l.prosedur,
      waktu: l.waktu,
      biaya: l.biaya,
      produk: l.produk,
      dasar_hukum: l.dasar_hukum,
      catatan: l.catatan,
      alias: l.alias,
      diperbarui: l.diperbarui,
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

// ---------- CSV (one row per requirement) ----------

export const LAYANAN_CSV_HEADER = [
  'slug', 'nama', 'kategori', 'waktu_penyelesaian', 'biaya', 'produk_layanan', 'dasar_hukum', 'catatan', 'alias', 'bagian', 'no', 'teks',
] as const;

type CsvCol = (typeof LAYANAN_CSV_HEADER)[number];

export function catalogToCsvRows(items: Layanan[]): string[][] {
  const rows: string[][] = [];
  for (const l of items) {
    const base = [l.slug, l.nama, l.kategori, l.waktu ?? '', l.biaya, l.produk ?? '', l.dasar_hukum ?? '', l.catatan ?? '', l.alias.join(' | ')];
    const parts: [string, string[]][] = [['persyaratan', l.persyaratan], ['prosedur', l.prosedur]];
    let any = false;
    for (const [bagian, list] of parts) {
      list.forEach((t, i) => {
        rows.push([...base, bagian, String(i + 1), t]);
        any = true;
      });
    }
    if (!any) rows.push([...base, '', '', '']);
  }
  return rows;
}

/**
 * Groups the CSV rows by slug into catalog entries. Layanan-level cells may be left blank on the
 * second and later rows of a layanan; two different non-blank values are an error.
 */
export function parseCatalogCsv(table: CsvTable): SourcedInput[] {
  const problems = new ProblemList();
  const idx = new Map<CsvCol, number>();
  table.header.forEach((h, i) => {
    const k = normalizeText(h).replace(/\s+/g, '_') as CsvCol;
    if ((LAYANAN_CSV_HEADER as readonly string[]).includes(k)) idx.set(k, i);
  });
  for (const need of ['slug', 'nama', 'teks'] as const) {
    if (!idx.has(need))
      throw new UserError(`${tableName(table)}: kolom "${need}" tidak ditemukan di baris judul.`, {
        hint: `Kolom katalog CSV: ${LAYANAN_CSV_HEADER.join(', ')}. Buat contohnya dengan \`paten layanan export --format csv\`.`,
      });
  }
  const get = (rec: string[], c: CsvCol): string => (idx.has(c) ? (rec[idx.get(c)!] ?? '').trim() : '');
  const groups = new Map<string, { line: number; fields: Partial<Record<CsvCol, { v: string; line: number }>>; items: { bagian: string; no: number | null; teks: string; line: number }[] }>();
  const scalar: CsvCol[] = ['nama', 'kategori', 'waktu_penyelesaian', 'biaya', 'produk_layanan', 'dasar_hukum', 'catatan', 'alias'];
  for (const rec of table.records) {
    const slug = get(rec.values, 'slug').toLowerCase();
    if (!slug) {
      problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: idx.get('slug')! + 1, message: 'slug kosong' });
      continue;
    }
    let g = groups.get(slug);
    if (!g) groups.set(slug, (g = { line: rec.line, fields: {}, items: [] }));
    for (const c of scalar) {
      const v = get(rec.values, c);
      if (!v) continue;
      const prev = g.fields[c];
      if (prev && prev.v !== v)
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: idx.get(c)! + 1, message: `${c} "${v}" berbeda dengan baris ${prev.line} ("${prev.v}") untuk layanan ${slug}` });
      else if (!prev) g.fields[c] = { v, line: rec.line };
    }
    const teks = get(rec.values, 'teks');
    const bagianRaw = normalizeText(get(rec.values, 'bagian')) || (teks ? 'persyaratan' : '');
    if (!teks && !bagianRaw) continue;
    if (bagianRaw !== 'persyaratan' && bagianRaw !== 'prosedur') {
      problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: (idx.get('bagian') ?? 0) + 1, message: `bagian harus "persyaratan" atau "prosedur", bukan "${get(rec.values, 'bagian')}"` });
      continue;
    }
    if (!teks) {
      problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: idx.get('teks')! + 1, message: `teks ${bagianRaw} kosong` });
      continue;
    }
    const noRaw = get(rec.values, 'no');
    let no: number | null = null;
    if (noRaw) {
      no = Number(noRaw);
      if (!Number.isInteger(no) || no < 1) {
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: idx.get('no')! + 1, message: `nomor urut "${noRaw}" harus bilangan bulat ≥ 1` });
        continue;
      }
    }
    g.items.push({ bagian: bagianRaw, no, teks, line: rec.line });
  }
  const out: SourcedInput[] = [];
  for (const [slug, g] of groups) {
    const lists: Record<'persyaratan' | 'prosedur', string[]> = { persyaratan: [], prosedur: [] };
    for (const bagian of ['persyaratan', 'prosedur'] as const) {
      const items = g.items.filter((i) => i.bagian === bagian);
      const seenNo = new Map<number, number>();
      items.forEach((it, i) => {
        const n = it.no ?? i + 1;
        const prev = seenNo.get(n);
        if (prev) problems.add({ file: table.file, sheet: table.sheet, line: it.line, column: (idx.get('no') ?? 0) + 1, message: `${bagian} nomor ${n} untuk ${slug} sudah ada di baris ${prev}` });
        seenNo.set(n, it.line);
      });
      lists[bagian] = items
        .map((it, i) => ({ n: it.no ?? i + 1, t: it.teks }))
        .sort((a, b) => a.n - b.n)
        .map((x) => x.t);
    }
    const f = (c: CsvCol) => g.fields[c]?.v ?? null;
    out.push({
      input: {
        slug,
        nama: f('nama') ?? undefined,
        kategori: f('kategori') ?? undefined,
        waktu: f('waktu_penyelesaian'),
        biaya: f('biaya'),
        produk: f('produk_layanan'),
        dasar_hukum: f('dasar_hukum'),
        catatan: f('catatan'),
        alias: (f('alias') ?? '')
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
        persyaratan: lists.persyaratan,
        prosedur: lists.prosedur,
      },
      where: { sheet: table.sheet, line: g.line, label: `layanan ${slug}` },
    });
  }
  problems.throwIfAny(`${tableName(table)}: katalog tidak diimpor`);
  return out;
}
