/**
 * Every SQL statement of the desa registry (tables desa, desa_alias). Statements are prepared once
 * per connection (stmt); writes run inside the caller's writeTransaction.
 */
import type { Db } from '../db/index.js';
import { stmt } from '../db/write.js';
import type { Desa, DesaData } from './index.js';

type DesaRow = Omit<Desa, 'alias'>;

function hydrate(db: Db, rows: DesaRow[]): Desa[] {
  if (rows.length === 0) return [];
  const alias = new Map<number, string[]>();
  const all = rows.length === 1
    ? (stmt(db, 'SELECT desa_id, alias FROM desa_alias WHERE desa_id = ? ORDER BY rowid').all(rows[0].id) as { desa_id: number; alias: string }[])
    : (stmt(db, 'SELECT desa_id, alias FROM desa_alias ORDER BY desa_id, rowid').all() as { desa_id: number; alias: string }[]);
  for (const a of all) {
    const list = alias.get(a.desa_id) ?? [];
    list.push(a.alias);
    alias.set(a.desa_id, list);
  }
  return rows.map((r) => ({ ...r, alias: alias.get(r.id) ?? [] }));
}

export function selectDesa(db: Db): Desa[] {
  return hydrate(db, stmt(db, 'SELECT * FROM desa ORDER BY kode').all() as DesaRow[]);
}

export function selectDesaById(db: Db, id: number): Desa | undefined {
  const row = stmt(db, 'SELECT * FROM desa WHERE id = ?').get(id) as DesaRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

export function selectDesaByKode(db: Db, kode: string): Desa | undefined {
  const row = stmt(db, 'SELECT * FROM desa WHERE kode = ?').get(kode) as DesaRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** By exact name, then by alias (both case-insensitive). */
export function selectDesaByName(db: Db, name: string): Desa | undefined {
  const row = (stmt(db, 'SELECT * FROM desa WHERE nama = ? COLLATE NOCASE').get(name) ??
    stmt(db, 'SELECT d.* FROM desa d JOIN desa_alias a ON a.desa_id = d.id WHERE a.alias = ? COLLATE NOCASE').get(name)) as DesaRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** The desa (other than `exceptKode`) called `name`, by nama or by alias. */
export function desaNamed(db: Db, name: string, exceptKode: string): { byNama?: { kode: string; nama: string }; byAlias?: { kode: string; nama: string } } {
  return {
    byNama: stmt(db, 'SELECT kode, nama FROM desa WHERE nama = ? COLLATE NOCASE AND kode <> ?').get(name, exceptKode) as { kode: string; nama: string } | undefined,
    byAlias: stmt(db, 'SELECT d.kode, d.nama FROM desa_alias a JOIN desa d ON d.id = a.desa_id WHERE a.alias = ? COLLATE NOCASE AND d.kode <> ?').get(name, exceptKode) as
      | { kode: string; nama: string }
      | undefined,
  };
}

export function writeDesaAlias(db: Db, id: number, alias: readonly string[]): void {
  stmt(db, 'DELETE FROM desa_alias WHERE desa_id = ?').run(id);
  const ins = stmt(db, 'INSERT INTO desa_alias (desa_id, alias) VALUES (?, ?)');
  for (const a of alias) ins.run(id, a);
}

export function insertDesa(db: Db, value: DesaData, now: string): number {
  const { alias, ...row } = value;
  const id = Number(
    stmt(db, 'INSERT INTO desa (kode, nama, jenis, kepala_desa, kontak, alamat_balai, diperbarui) VALUES (@kode, @nama, @jenis, @kepala_desa, @kontak, @alamat_balai, @diperbarui)').run({
      ...row,
      diperbarui: now,
    }).lastInsertRowid,
  );
  writeDesaAlias(db, id, alias);
  return id;
}

export function updateDesa(db: Db, id: number, value: DesaData, now: string): void {
  const { alias, ...row } = value;
  stmt(db, 'UPDATE desa SET kode=@kode, nama=@nama, jenis=@jenis, kepala_desa=@kepala_desa, kontak=@kontak, alamat_balai=@alamat_balai, diperbarui=@diperbarui WHERE id=@id').run({
    ...row,
    diperbarui: now,
    id,
  });
  writeDesaAlias(db, id, alias);
}

export function deleteDesa(db: Db, id: number): void {
  stmt(db, 'DELETE FROM desa WHERE id = ?').run(id);
}
