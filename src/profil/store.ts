/**
 * Every SQL statement of the kecamatan profile (table profil, one row with id 1). The columns
 * written are the fields given, so the statement text depends on them; writes run inside the
 * caller's writeTransaction.
 */
import type { Db } from '../db/index.js';
import { stmt } from '../db/write.js';
import type { Profil, ProfilField } from './index.js';

export function selectProfil(db: Db): Profil | undefined {
  return stmt(db, 'SELECT * FROM profil WHERE id = 1').get() as (Profil & { id: number }) | undefined;
}

export function insertProfil(db: Db, values: Partial<Record<ProfilField, string | null>>, now: string): void {
  const keys = Object.keys(values) as ProfilField[];
  stmt(db, `INSERT INTO profil (id, ${keys.join(', ')}, diperbarui) VALUES (1, ${keys.map((k) => '@' + k).join(', ')}, @diperbarui)`).run({ ...values, diperbarui: now });
}

export function updateProfil(db: Db, values: Partial<Record<ProfilField, string | null>>, now: string): void {
  const keys = Object.keys(values) as ProfilField[];
  stmt(db, `UPDATE profil SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, diperbarui = @diperbarui WHERE id = 1`).run({ ...values, diperbarui: now });
}
