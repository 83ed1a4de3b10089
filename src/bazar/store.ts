/**
 * Every SQL statement of the bazar (tables bazar_instansi, bazar_instansi_layanan, bazar_acara,
 * bazar_partisipasi, bazar_dilayani): the agencies, the events, who was invited and came, the
 * counts served, and the year's aggregates for the report. Statements are prepared once per
 * connection (stmt); writes run inside the caller's writeTransaction.
 */
import type { Db } from '../db/index.js';
import { stmt } from '../db/write.js';
import type { Instansi, InstansiData, InstansiLayanan } from './instansi.js';
import type { Acara, AcaraData, AcaraRingkas } from './acara.js';
import type { RosterBaris, RosterLayanan } from './partisipasi.js';

// ---------- instansi ----------

type InstansiRow = Omit<Instansi, 'layanan'>;

function hydrate(db: Db, rows: InstansiRow[]): Instansi[] {
  if (rows.length === 0) return [];
  const base = 'SELECT il.instansi_id, il.nama, l.slug FROM bazar_instansi_layanan il LEFT JOIN layanan l ON l.id = il.layanan_id';
  const svc = (rows.length === 1
    ? stmt(db, `${base} WHERE il.instansi_id = ? ORDER BY il.no`).all(rows[0].id)
    : stmt(db, `${base} ORDER BY il.instansi_id, il.no`).all()) as { instansi_id: number; nama: string; slug: string | null }[];
  const by = new Map<number, InstansiLayanan[]>();
  for (const s of svc) {
    const list = by.get(s.instansi_id) ?? [];
    list.push({ nama: s.nama, layanan_slug: s.slug });
    by.set(s.instansi_id, list);
  }
  return rows.map((r) => ({ ...r, layanan: by.get(r.id) ?? [] }));
}

export function selectInstansi(db: Db): Instansi[] {
  return hydrate(db, stmt(db, 'SELECT * FROM bazar_instansi ORDER BY nama COLLATE NOCASE').all() as InstansiRow[]);
}

export function selectInstansiById(db: Db, id: number): Instansi | undefined {
  const row = stmt(db, 'SELECT * FROM bazar_instansi WHERE id = ?').get(id) as InstansiRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** By singkatan, then by nama (both case-insensitive). */
export function selectInstansiByKey(db: Db, key: string): Instansi | undefined {
  const row = (stmt(db, 'SELECT * FROM bazar_instansi WHERE singkatan = ? COLLATE NOCASE').get(key) ??
    stmt(db, 'SELECT * FROM bazar_instansi WHERE nama = ? COLLATE NOCASE').get(key)) as InstansiRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

export function selectInstansiByNama(db: Db, nama: string): Instansi | undefined {
  const row = stmt(db, 'SELECT * FROM bazar_instansi WHERE nama = ? COLLATE NOCASE').get(nama) as InstansiRow | undefined;
  return row ? hydrate(db, [row])[0] : undefined;
}

/** Every agency's names (the one name space of nama and singkatan). */
export function selectInstansiNames(db: Db): { id: number; nama: string; singkatan: string | null }[] {
  return stmt(db, 'SELECT id, nama, singkatan FROM bazar_instansi').all() as { id: number; nama: string; singkatan: string | null }[];
}

/** An agency's usual services, in order. */
export function selectLayananNames(db: Db, instansiId: number): string[] {
  return stmt(db, 'SELECT nama FROM bazar_instansi_layanan WHERE instansi_id = ? ORDER BY no').pluck().all(instansiId) as string[];
}

/** Replaces an agency's service list (each linked to a catalog layanan or not). */
export function writeInstansiLayanan(db: Db, id: number, layanan: readonly { nama: string; layanan_id: number | null }[]): void {
  stmt(db, 'DELETE FROM bazar_instansi_layanan WHERE instansi_id = ?').run(id);
  const ins = stmt(db, 'INSERT INTO bazar_instansi_layanan (instansi_id, no, nama, layanan_id) VALUES (?, ?, ?, ?)');
  layanan.forEach((l, i) => ins.run(id, i + 1, l.nama, l.layanan_id));
}

export function touchInstansi(db: Db, id: number, now: string): void {
  stmt(db, 'UPDATE bazar_instansi SET diperbarui = ? WHERE id = ?').run(now, id);
}

type InstansiRecord = Omit<InstansiData, 'layanan'>;
const instansiParams = (v: InstansiRecord) => ({ nama: v.nama, singkatan: v.singkatan, jenis: v.jenis, kontak_nama: v.kontak_nama, kontak_telepon: v.kontak_telepon, catatan: v.catatan });

export function insertInstansi(db: Db, v: InstansiRecord, now: string): number {
  const info = stmt(
    db,
    'INSERT INTO bazar_instansi (nama, singkatan, jenis, kontak_nama, kontak_telepon, catatan, diperbarui) VALUES (@nama, @singkatan, @jenis, @kontak_nama, @kontak_telepon, @catatan, @diperbarui)',
  ).run({ ...instansiParams(v), diperbarui: now });
  return Number(info.lastInsertRowid);
}

export function updateInstansi(db: Db, id: number, v: InstansiRecord, now: string): void {
  stmt(
    db,
    'UPDATE bazar_instansi SET nama=@nama, singkatan=@singkatan, jenis=@jenis, kontak_nama=@kontak_nama, kontak_telepon=@kontak_telepon, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id',
  ).run({ ...instansiParams(v), diperbarui: now, id });
}

/** The events an agency is recorded at (invited or more). */
export function countPartisipasiInstansi(db: Db, id: number): number {
  return stmt(db, 'SELECT COUNT(*) FROM bazar_partisipasi WHERE instansi_id = ?').pluck().get(id) as number;
}

export function deleteInstansi(db: Db, id: number): void {
  stmt(db, 'DELETE FROM bazar_instansi WHERE id = ?').run(id);
}

// ---------- acara ----------

const RINGKAS_SQL = `
  SELECT a.*,
    (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id) AS diundang,
    (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id AND p.status = 'hadir') AS hadir,
    (SELECT COALESCE(SUM(d.jumlah), 0) FROM bazar_dilayani d WHERE d.acara_id = a.id) AS dilayani
  FROM bazar_acara a`;

/** Events with their invited, present and served totals, by date (of one year when given). */
export function selectAcara(db: Db, tahun?: number): AcaraRingkas[] {
  if (tahun !== undefined) return stmt(db, `${RINGKAS_SQL} WHERE a.tanggal LIKE ? ORDER BY a.tanggal, a.id`).all(`${tahun}-%`) as AcaraRingkas[];
  return stmt(db, `${RINGKAS_SQL} ORDER BY a.tanggal, a.id`).all() as AcaraRingkas[];
}

export function selectAcaraById(db: Db, id: number): AcaraRingkas | undefined {
  return stmt(db, `${RINGKAS_SQL} WHERE a.id = ?`).get(id) as AcaraRingkas | undefined;
}

export function selectAcaraByTanggal(db: Db, tanggal: string): AcaraRingkas[] {
  return stmt(db, `${RINGKAS_SQL} WHERE a.tanggal = ?`).all(tanggal) as AcaraRingkas[];
}

/** Events still `rencana` after their date, oldest first. */
export function selectAcaraLewat(db: Db, today: string): Acara[] {
  return stmt(db, "SELECT * FROM bazar_acara WHERE status = 'rencana' AND tanggal < ? ORDER BY tanggal, id").all(today) as Acara[];
}

export function selectMaxTanggal(db: Db): string | null {
  return stmt(db, 'SELECT MAX(tanggal) FROM bazar_acara').pluck().get() as string | null;
}

export function insertAcara(db: Db, v: AcaraData, now: string): number {
  const info = stmt(db, 'INSERT INTO bazar_acara (tanggal, tempat, tema, status, catatan, diperbarui) VALUES (@tanggal, @tempat, @tema, @status, @catatan, @diperbarui)').run({
    tanggal: v.tanggal, tempat: v.tempat, tema: v.tema, status: v.status, catatan: v.catatan, diperbarui: now,
  });
  return Number(info.lastInsertRowid);
}

export function updateAcara(db: Db, id: number, v: AcaraData, now: string): void {
  stmt(db, 'UPDATE bazar_acara SET tanggal=@tanggal, tempat=@tempat, tema=@tema, status=@status, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id').run({
    tanggal: v.tanggal, tempat: v.tempat, tema: v.tema, status: v.status, catatan: v.catatan, diperbarui: now, id,
  });
}

export function markTerlaksana(db: Db, id: number, now: string): void {
  stmt(db, "UPDATE bazar_acara SET status = 'terlaksana', diperbarui = ? WHERE id = ?").run(now, id);
}

/** Invitations and counts go with it (ON DELETE CASCADE). */
export function deleteAcara(db: Db, id: number): void {
  stmt(db, 'DELETE FROM bazar_acara WHERE id = ?').run(id);
}

// ---------- partisipasi and counts ----------

export function selectRosterRows(db: Db, acaraId: number): Omit<RosterBaris, 'layanan' | 'dilayani'>[] {
  return stmt(
    db,
    `SELECT p.instansi_id, i.nama AS instansi, i.singkatan, i.jenis, p.status, p.petugas, p.catatan
       FROM bazar_partisipasi p JOIN bazar_instansi i ON i.id = p.instansi_id WHERE p.acara_id = ? ORDER BY i.nama COLLATE NOCASE`,
  ).all(acaraId) as Omit<RosterBaris, 'layanan' | 'dilayani'>[];
}

/** The counts of one event, in entry order. */
export function selectDilayaniAcara(db: Db, acaraId: number): { instansi_id: number; layanan: string; jumlah: number }[] {
  return stmt(db, 'SELECT instansi_id, layanan, jumlah FROM bazar_dilayani WHERE acara_id = ? ORDER BY rowid').all(acaraId) as { instansi_id: number; layanan: string; jumlah: number }[];
}

/** One agency's counts at one event, in entry order. */
export function selectCounts(db: Db, acaraId: number, instansiId: number): RosterLayanan[] {
  return stmt(db, 'SELECT layanan, jumlah FROM bazar_dilayani WHERE acara_id = ? AND instansi_id = ? ORDER BY rowid').all(acaraId, instansiId) as RosterLayanan[];
}

export function selectPartisipasi(db: Db, acaraId: number, instansiId: number): { status: string; petugas: string | null; catatan: string | null } | undefined {
  return stmt(db, 'SELECT status, petugas, catatan FROM bazar_partisipasi WHERE acara_id = ? AND instansi_id = ?').get(acaraId, instansiId) as
    | { status: string; petugas: string | null; catatan: string | null }
    | undefined;
}

/** The change times of one event's participation rows. */
export function selectPartisipasiDiperbarui(db: Db, acaraId: number): string[] {
  return stmt(db, 'SELECT diperbarui FROM bazar_partisipasi WHERE acara_id = ?').pluck().all(acaraId) as string[];
}

/** An invitation; false when the agency was already invited (its status is kept). */
export function insertUndangan(db: Db, acaraId: number, instansiId: number, now: string): boolean {
  return stmt(db, "INSERT OR IGNORE INTO bazar_partisipasi (acara_id, instansi_id, status, diperbarui) VALUES (?, ?, 'diundang', ?)").run(acaraId, instansiId, now).changes > 0;
}

/** Removes an agency from an event (its counts go with it); false when it was not invited. */
export function deletePartisipasi(db: Db, acaraId: number, instansiId: number): boolean {
  return stmt(db, 'DELETE FROM bazar_partisipasi WHERE acara_id = ? AND instansi_id = ?').run(acaraId, instansiId).changes > 0;
}

export function upsertPartisipasi(db: Db, acaraId: number, instansiId: number, v: { status: string; petugas: string | null; catatan: string | null }, now: string): void {
  stmt(
    db,
    `INSERT INTO bazar_partisipasi (acara_id, instansi_id, status, petugas, catatan, diperbarui) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (acara_id, instansi_id) DO UPDATE SET status = excluded.status, petugas = excluded.petugas, catatan = excluded.catatan, diperbarui = excluded.diperbarui`,
  ).run(acaraId, instansiId, v.status, v.petugas, v.catatan, now);
}

export function replaceCounts(db: Db, acaraId: number, instansiId: number, counts: readonly RosterLayanan[]): void {
  stmt(db, 'DELETE FROM bazar_dilayani WHERE acara_id = ? AND instansi_id = ?').run(acaraId, instansiId);
  const ins = stmt(db, 'INSERT INTO bazar_dilayani (acara_id, instansi_id, layanan, jumlah) VALUES (?, ?, ?, ?)');
  for (const l of counts) ins.run(acaraId, instansiId, l.layanan, l.jumlah);
}

// ---------- the year report ----------

export interface AcaraTahunRow {
  id: number;
  tanggal: string;
  tempat: string;
  tema: string | null;
  status: Acara['status'];
  diundang: number;
  hadir: number;
  dilayani: number;
}

export function selectAcaraTahun(db: Db, like: string): AcaraTahunRow[] {
  return stmt(
    db,
    `SELECT a.id, a.tanggal, a.tempat, a.tema, a.status,
         (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id) AS diundang,
         (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id AND p.status = 'hadir') AS hadir,
         (SELECT COALESCE(SUM(d.jumlah), 0) FROM bazar_dilayani d WHERE d.acara_id = a.id) AS dilayani
       FROM bazar_acara a WHERE a.tanggal LIKE ? ORDER BY a.tanggal, a.id`,
  ).all(like) as AcaraTahunRow[];
}

export interface InstansiTahunRow {
  id: number;
  nama: string;
  singkatan: string | null;
  jenis: string;
  diundang: number;
  hadir: number;
  tidak_hadir: number;
}

/** Invitations and attendance per agency over the year's terlaksana events. */
export function selectInstansiTahun(db: Db, like: string): InstansiTahunRow[] {
  return stmt(
    db,
    `SELECT i.id, i.nama, i.singkatan, i.jenis,
         COUNT(*) AS diundang,
         SUM(p.status = 'hadir') AS hadir,
         SUM(p.status = 'tidak-hadir') AS tidak_hadir
       FROM bazar_partisipasi p
       JOIN bazar_acara a ON a.id = p.acara_id AND a.status = 'terlaksana' AND a.tanggal LIKE ?
       JOIN bazar_instansi i ON i.id = p.instansi_id
       GROUP BY i.id`,
  ).all(like) as InstansiTahunRow[];
}

/** Residents served per agency and service over the year's terlaksana events. */
export function selectDilayaniTahun(db: Db, like: string): { instansi_id: number; layanan: string; dilayani: number }[] {
  return stmt(
    db,
    `SELECT d.instansi_id, d.layanan, SUM(d.jumlah) AS dilayani
       FROM bazar_dilayani d JOIN bazar_acara a ON a.id = d.acara_id AND a.status = 'terlaksana' AND a.tanggal LIKE ?
       GROUP BY d.instansi_id, d.layanan ORDER BY d.instansi_id, MIN(d.rowid)`,
  ).all(like) as { instansi_id: number; layanan: string; dilayani: number }[];
}

/** Events per service name: a service brought by two agencies on one day counts once. */
export function selectAcaraPerLayanan(db: Db, like: string): { layanan: string; n: number }[] {
  return stmt(
    db,
    `SELECT d.layanan, COUNT(DISTINCT d.acara_id) AS n FROM bazar_dilayani d
       JOIN bazar_acara a ON a.id = d.acara_id AND a.status = 'terlaksana' AND a.tanggal LIKE ?
       WHERE d.jumlah > 0 GROUP BY d.layanan COLLATE NOCASE`,
  ).all(like) as { layanan: string; n: number }[];
}

/** Latest change to the year's events and participation. */
export function selectDiperbaruiTahun(db: Db, like: string): string | null {
  return stmt(
    db,
    `SELECT MAX(t) FROM (
         SELECT a.diperbarui AS t FROM bazar_acara a WHERE a.tanggal LIKE @like
         UNION ALL SELECT p.diperbarui FROM bazar_partisipasi p JOIN bazar_acara a ON a.id = p.acara_id WHERE a.tanggal LIKE @like)`,
  )
    .pluck()
    .get({ like }) as string | null;
}
