/** Desa/kelurahan registry: CRUD, lookup by kode or nama, CSV import/export. */
import type { Db } from '../db/index.js';
import { UserError, ProblemList } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { mirip, normalizeText, saranMirip } from '../core/text.js';
import type { CsvTable } from '../core/csv.js';

export type JenisDesa = 'desa' | 'kelurahan';

export interface Desa {
  id: number;
  kode: string;
  nama: string;
  jenis: JenisDesa;
  kepala_desa: string | null;
  kontak: string | null;
  alamat_balai: string | null;
  diperbarui: string;
}

export type DesaInput = {
  kode: string;
  nama: string;
  jenis?: string | null;
  kepala_desa?: string | null;
  kontak?: string | null;
  alamat_balai?: string | null;
};

export const DESA_CSV_HEADER = ['kode', 'nama', 'jenis', 'kepala_desa', 'kontak', 'alamat_balai'] as const;

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

/** Validates and normalises one desa; returns the row or an error message. */
export function checkDesa(input: DesaInput): { ok: true; value: Omit<Desa, 'id' | 'diperbarui'> } | { ok: false; error: string } {
  const kode = normalizeKode(input.kode ?? '');
  if (!kode) return { ok: false, error: 'kode wajib diisi' };
  const kodeErr = validateKode(kode);
  if (kodeErr) return { ok: false, error: kodeErr };
  const nama = clean(input.nama);
  if (!nama) return { ok: false, error: 'nama wajib diisi' };
  const jenis = parseJenis(input.jenis, kode);
  if (jenis !== 'desa' && jenis !== 'kelurahan') return { ok: false, error: jenis };
  return {
    ok: true,
    value: { kode, nama, jenis, kepala_desa: clean(input.kepala_desa), kontak: clean(input.kontak), alamat_balai: clean(input.alamat_balai) },
  };
}

export function listDesa(db: Db): Desa[] {
  return db.prepare('SELECT * FROM desa ORDER BY kode').all() as Desa[];
}

export function findDesa(db: Db, kodeOrNama: string): Desa | undefined {
  const kode = normalizeKode(kodeOrNama);
  return (db.prepare('SELECT * FROM desa WHERE kode = ?').get(kode) ??
    db.prepare('SELECT * FROM desa WHERE nama = ? COLLATE NOCASE').get(kodeOrNama.trim())) as Desa | undefined;
}

export function requireDesa(db: Db, kodeOrNama: string): Desa {
  const d = findDesa(db, kodeOrNama);
  if (!d) {
    const saran = mirip(kodeOrNama, listDesa(db).map((x) => ({ label: `${x.nama} (${x.kode})`, names: [x.nama, x.kode] })));
    throw new UserError(`Desa tidak ditemukan: "${kodeOrNama}".${saranMirip(saran)}`, { hint: 'Lihat daftar dengan `paten desa list`.' });
  }
  return d;
}

function conflict(db: Db, value: { kode: string; nama: string }, exceptId?: number): string | null {
  const byKode = db.prepare('SELECT id, nama FROM desa WHERE kode = ?').get(value.kode) as { id: number; nama: string } | undefined;
  if (byKode && byKode.id !== exceptId) return `kode ${value.kode} sudah dipakai desa ${byKode.nama}`;
  const byNama = db.prepare('SELECT id, kode FROM desa WHERE nama = ? COLLATE NOCASE').get(value.nama) as { id: number; kode: string } | undefined;
  if (byNama && byNama.id !== exceptId) return `nama "${value.nama}" sudah dipakai desa dengan kode ${byNama.kode}`;
  return null;
}

export function addDesa(db: Db, input: DesaInput, now = isoDateTimeLocal()): Desa {
  const r = checkDesa(input);
  if (!r.ok) throw new UserError(`Desa tidak dapat ditambahkan: ${r.error}.`);
  const c = conflict(db, r.value);
  if (c) throw new UserError(`Desa tidak dapat ditambahkan: ${c}.`);
  const info = db
    .prepare('INSERT INTO desa (kode, nama, jenis, kepala_desa, kontak, alamat_balai, diperbarui) VALUES (@kode, @nama, @jenis, @kepala_desa, @kontak, @alamat_balai, @diperbarui)')
    .run({ ...r.value, diperbarui: now });
  return db.prepare('SELECT * FROM desa WHERE id = ?').get(info.lastInsertRowid) as Desa;
}

/** Updates the given fields of a desa (found by kode or nama). */
export function editDesa(db: Db, kodeOrNama: string, changes: Partial<DesaInput>, now = isoDateTimeLocal()): { desa: Desa; changed: string[] } {
  const cur = requireDesa(db, kodeOrNama);
  const merged: DesaInput = {
    kode: changes.kode ?? cur.kode,
    nama: changes.nama ?? cur.nama,
    jenis: changes.jenis ?? cur.jenis,
    kepala_desa: changes.kepala_desa !== undefined ? changes.kepala_desa : cur.kepala_desa,
    kontak: changes.kontak !== undefined ? changes.kontak : cur.kontak,
    alamat_balai: changes.alamat_balai !== undefined ? changes.alamat_balai : cur.alamat_balai,
  };
  const r = checkDesa(merged);
  if (!r.ok) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${r.error}.`);
  const c = conflict(db, r.value, cur.id);
  if (c) throw new UserError(`Desa ${cur.nama} tidak dapat diubah: ${c}.`);
  const changed = (Object.keys(r.value) as (keyof typeof r.value)[]).filter((k) => r.value[k] !== cur[k]);
  if (changed.length) {
    db.prepare(
      'UPDATE desa SET kode=@kode, nama=@nama, jenis=@jenis, kepala_desa=@kepala_desa, kontak=@kontak, alamat_balai=@alamat_balai, diperbarui=@diperbarui WHERE id=@id',
    ).run({ ...r.value, diperbarui: now, id: cur.id });
  }
  return { desa: db.prepare('SELECT * FROM desa WHERE id = ?').get(cur.id) as Desa, changed };
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
      throw new UserError(`${table.file}: kolom "${need}" tidak ditemukan di baris judul.`, {
        hint: `Kolom yang dikenali: ${DESA_CSV_HEADER.join(', ')}. Kolom di berkas: ${table.header.join(', ')}.`,
      });
  }
  const rows: { line: number; value: Omit<Desa, 'id' | 'diperbarui'> }[] = [];
  const seenKode = new Map<string, number>();
  const seenNama = new Map<string, number>();
  for (const rec of table.records) {
    const input: Partial<DesaInput> = {};
    cols.forEach((k, i) => {
      if (k) input[k] = rec.values[i] ?? '';
    });
    const r = checkDesa(input as DesaInput);
    if (!r.ok) {
      const col = /kode/.test(r.error) ? 'kode' : /nama/.test(r.error) ? 'nama' : /jenis/.test(r.error) ? 'jenis' : undefined;
      const colIdx = col ? cols.indexOf(col) + 1 : undefined;
      problems.add({ file: table.file, line: rec.line, column: colIdx, message: r.error });
      continue;
    }
    const dupK = seenKode.get(r.value.kode);
    if (dupK) problems.add({ file: table.file, line: rec.line, column: cols.indexOf('kode') + 1, message: `kode ${r.value.kode} sudah muncul di baris ${dupK}` });
    const namaKey = r.value.nama.toLowerCase();
    const dupN = seenNama.get(namaKey);
    if (dupN) problems.add({ file: table.file, line: rec.line, column: cols.indexOf('nama') + 1, message: `nama "${r.value.nama}" sudah muncul di baris ${dupN}` });
    seenKode.set(r.value.kode, rec.line);
    seenNama.set(namaKey, rec.line);
    rows.push({ line: rec.line, value: r.value });
  }
  if (table.records.length === 0) throw new UserError(`${table.file}: tidak ada baris data (hanya baris judul).`);
  problems.throwIfAny(`${table.file}: tidak ada desa yang diimpor`);

  const result: DesaImportResult = { baru: [], diubah: [], tetap: [] };
  const tx = db.transaction(() => {
    for (const { line, value } of rows) {
      const existing = db.prepare('SELECT * FROM desa WHERE kode = ?').get(value.kode) as Desa | undefined;
      const other = db.prepare('SELECT kode FROM desa WHERE nama = ? COLLATE NOCASE AND kode <> ?').get(value.nama, value.kode) as { kode: string } | undefined;
      if (other) problems.add({ file: table.file, line, message: `nama "${value.nama}" sudah dipakai desa dengan kode ${other.kode} di basis data` });
      if (!existing) {
        if (!other) {
          db.prepare('INSERT INTO desa (kode, nama, jenis, kepala_desa, kontak, alamat_balai, diperbarui) VALUES (@kode, @nama, @jenis, @kepala_desa, @kontak, @alamat_balai, @diperbarui)').run({ ...value, diperbarui: now });
        }
        result.baru.push(value.nama);
      } else {
        const changed = (Object.keys(value) as (keyof typeof value)[]).some((k) => value[k] !== existing[k]);
        if (changed) {
          if (!other) db.prepare('UPDATE desa SET nama=@nama, jenis=@jenis, kepala_desa=@kepala_desa, kontak=@kontak, alamat_balai=@alamat_balai, diperbarui=@diperbarui WHERE kode=@kode').run({ ...value, diperbarui: now });
          result.diubah.push(value.nama);
        } else result.tetap.push(value.nama);
      }
    }
    problems.throwIfAny(`${table.file}: tidak ada desa yang diimpor`);
  });
  tx.immediate();
  return result;
}

export function desaCsvRows(db: Db): string[][] {
  return listDesa(db).map((d) => [d.kode, d.nama, d.jenis, d.kepala_desa ?? '', d.kontak ?? '', d.alamat_balai ?? '']);
}
