/**
 * Every SQL statement of the layanan catalog (tables layanan, layanan_persyaratan,
 * layanan_prosedur, layanan_alias). Statements are prepared once per connection (stmt); writes run
 * inside the caller's writeTransaction. A lookup by key reads one layanan's lists, not the catalog's.
 */
import type { Db } from '../db/index.js';
import { stmt } from '../db/write.js';
import type { Kategori, Layanan, LayananData } from './model.js';

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

type Item = { layanan_id: number; teks: string };

function group(items: Item[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const it of items) {
    const arr = m.get(it.layanan_id) ?? [];
    arr.push(it.teks);
    m.set(it.layanan_id, arr);
  }
  return m;
}

function hydrate(db: Db, rows: LayananRow[]): Layanan[] {
  if (rows.length === 0) return [];
  const one = rows.length === 1;
  const lists = (table: string, col: string, order: string): Item[] =>
    (one
      ? stmt(db, `SELECT layanan_id, ${col} AS teks FROM ${table} WHERE layanan_id = ? ORDER BY ${order}`).all(rows[0].id)
      : stmt(db, `SELECT layanan_id, ${col} AS teks FROM ${table} ORDER BY layanan_id, ${order}`).all()) as Item[];
  const s = group(lists('layanan_persyaratan', 'teks', 'no'));
  const p = group(lists('layanan_prosedur', 'teks', 'no'));
  const a = group(lists('layanan_alias', 'alias', 'rowid'));
  return rows.map((r) => ({ ...r, persyaratan: s.get(r.id) ?? [], prosedur: p.get(r.id) ?? [], alias: a.get(r.id) ?? [] }));
}

export function selectLayanan(db: Db): Layanan[] {
  return hydrate(db, stmt(db, 'SELECT * FROM layanan ORDER BY urutan, id').all() as LayananRow[]);
}

export function selectLayananById(db: Db, id: number): Layanan | undefined {
  const row = stmt(db, 'SELECT * FROM layanan WHERE id = ?').get(id) as LayananRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

export function selectLayananBySlug(db: Db, slug: string): Layanan | undefined {
  const row = stmt(db, 'SELECT * FROM layanan WHERE slug = ?').get(slug) as LayananRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** By slug (lower case), then exact name, then alias (both case-insensitive). */
export function selectLayananByKey(db: Db, key: string): Layanan | undefined {
  const row = (stmt(db, 'SELECT * FROM layanan WHERE slug = ?').get(key.toLowerCase()) ??
    stmt(db, 'SELECT * FROM layanan WHERE nama = ? COLLATE NOCASE').get(key) ??
    stmt(db, 'SELECT l.* FROM layanan l JOIN layanan_alias a ON a.layanan_id = l.id WHERE a.alias = ? COLLATE NOCASE').get(key)) as LayananRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

export function selectSlugs(db: Db): string[] {
  return stmt(db, 'SELECT slug FROM layanan ORDER BY urutan, id').pluck().all() as string[];
}

export function slugExists(db: Db, slug: string): boolean {
  return stmt(db, 'SELECT 1 FROM layanan WHERE slug = ?').get(slug) !== undefined;
}

/** The layanan holding an alias (case-insensitive). */
export function aliasHolder(db: Db, alias: string): { slug: string; id: number } | undefined {
  return stmt(db, 'SELECT l.slug, l.id FROM layanan_alias a JOIN layanan l ON l.id = a.layanan_id WHERE a.alias = ? COLLATE NOCASE').get(alias) as { slug: string; id: number } | undefined;
}

/** Latest `diperbarui` over the catalog (raw text), or null for an empty catalog. */
export function selectLastChanged(db: Db): string | null {
  return stmt(db, 'SELECT MAX(diperbarui) FROM layanan').pluck().get() as string | null;
}

export function deleteAlias(db: Db, id: number): void {
  stmt(db, 'DELETE FROM layanan_alias WHERE layanan_id = ?').run(id);
}

/** Replaces a layanan's three lists. */
export function writeLists(db: Db, id: number, v: LayananData): void {
  stmt(db, 'DELETE FROM layanan_persyaratan WHERE layanan_id = ?').run(id);
  stmt(db, 'DELETE FROM layanan_prosedur WHERE layanan_id = ?').run(id);
  deleteAlias(db, id);
  const s = stmt(db, 'INSERT INTO layanan_persyaratan (layanan_id, no, teks) VALUES (?, ?, ?)');
  v.persyaratan.forEach((t, i) => s.run(id, i + 1, t));
  const p = stmt(db, 'INSERT INTO layanan_prosedur (layanan_id, no, teks) VALUES (?, ?, ?)');
  v.prosedur.forEach((t, i) => p.run(id, i + 1, t));
  const a = stmt(db, 'INSERT INTO layanan_alias (layanan_id, alias) VALUES (?, ?)');
  for (const al of v.alias) a.run(id, al);
}

/** A new layanan goes last in the catalog order. */
export function insertLayanan(db: Db, v: LayananData, diperbarui: string): number {
  const urutan = ((stmt(db, 'SELECT MAX(urutan) FROM layanan').pluck().get() as number | null) ?? 0) + 1;
  const info = stmt(
    db,
    `INSERT INTO layanan (slug, nama, kategori, waktu, biaya, produk, dasar_hukum, catatan, urutan, diperbarui)
       VALUES (@slug, @nama, @kategori, @waktu, @biaya, @produk, @dasar_hukum, @catatan, @urutan, @diperbarui)`,
  ).run({ slug: v.slug, nama: v.nama, kategori: v.kategori, waktu: v.waktu, biaya: v.biaya, produk: v.produk, dasar_hukum: v.dasar_hukum, catatan: v.catatan, urutan, diperbarui });
  const id = Number(info.lastInsertRowid);
  writeLists(db, id, v);
  return id;
}

export function updateLayanan(db: Db, id: number, v: LayananData, diperbarui: string): void {
  stmt(
    db,
    `UPDATE layanan SET slug=@slug, nama=@nama, kategori=@kategori, waktu=@waktu, biaya=@biaya, produk=@produk,
       dasar_hukum=@dasar_hukum, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id`,
  ).run({ slug: v.slug, nama: v.nama, kategori: v.kategori, waktu: v.waktu, biaya: v.biaya, produk: v.produk, dasar_hukum: v.dasar_hukum, catatan: v.catatan, diperbarui, id });
  writeLists(db, id, v);
}

/** The lists go with it (ON DELETE CASCADE); survey answers keep their name (ON DELETE SET NULL). */
export function deleteLayanan(db: Db, id: number): void {
  stmt(db, 'DELETE FROM layanan WHERE id = ?').run(id);
}
