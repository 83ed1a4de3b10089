/**
 * SQL of the kabupaten tables (migration 10): the kabupaten identity, the loaded packets and their
 * aggregates by month × layanan name. Loading replaces a packet of the same kecamatan and year in
 * one BEGIN IMMEDIATE transaction, so a failed load changes nothing.
 */
import type { Db } from '../db/index.js';
import { isoDateTimeLocal } from '../core/format.js';
import { UNSUR_KEYS } from '../skm/unsur.js';
import { emptySel, type Sel } from '../ikm/hitung.js';
import { writeTransaction } from '../db/write.js';

export interface Wilayah {
  kabupaten: string;
  provinsi: string;
}

export interface PaketTersimpan {
  id: number;
  kunci: string;
  kecamatan: string;
  kode_wilayah: string | null;
  tahun: number;
  responden: number;
  populasi: number | null;
  dibuat: string;
  sha256: string;
  berkas: string;
  dimuat: string;
}

export interface PaketBaru extends Omit<PaketTersimpan, 'id' | 'dimuat'> {
  /** Aggregates by "YYYY-MM" × layanan name. */
  agregat: { bulan: string; layanan: string; sel: Sel }[];
}

const COLS = UNSUR_KEYS.flatMap((k) => [`n_${k}`, `s_${k}`]);

export function getWilayah(db: Db): Wilayah | undefined {
  return db.prepare('SELECT kabupaten, provinsi FROM kabupaten_wilayah WHERE id = 1').get() as Wilayah | undefined;
}

export function listPaket(db: Db): PaketTersimpan[] {
  return db.prepare('SELECT * FROM kabupaten_paket ORDER BY tahun, kecamatan COLLATE NOCASE').all() as PaketTersimpan[];
}

/**
 * Runs `fn` in one BEGIN IMMEDIATE transaction: a load of many packets writes each as it is read
 * (memory stays flat in the number of packets) and a refusal of any of them undoes all.
 */
export function dalamTransaksi<T>(db: Db, fn: () => T): T {
  return writeTransaction(db, fn);
}

export function simpanWilayah(db: Db, wilayah: Wilayah): void {
  db.prepare('INSERT INTO kabupaten_wilayah (id, kabupaten, provinsi) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING').run(wilayah.kabupaten, wilayah.provinsi);
}

/** The stored packet of this kecamatan and year, if any. */
export function getPaket(db: Db, kunci: string, tahun: number): PaketTersimpan | undefined {
  return db.prepare('SELECT * FROM kabupaten_paket WHERE kunci = ? AND tahun = ?').get(kunci, tahun) as PaketTersimpan | undefined;
}

/** Writes one packet (replacing the same kunci+tahun; call inside dalamTransaksi); returns the replaced row. */
export function simpanPaket(db: Db, p: PaketBaru, now = isoDateTimeLocal()): PaketTersimpan | null {
  const old = getPaket(db, p.kunci, p.tahun);
  if (old) db.prepare('DELETE FROM kabupaten_paket WHERE id = ?').run(old.id);
  const { agregat, ...row } = p;
  const id = Number(
    db
      .prepare(
        `INSERT INTO kabupaten_paket (kunci, kecamatan, kode_wilayah, tahun, responden, populasi, dibuat, sha256, berkas, dimuat)
         VALUES (@kunci, @kecamatan, @kode_wilayah, @tahun, @responden, @populasi, @dibuat, @sha256, @berkas, @dimuat)`,
      )
      .run({ ...row, dimuat: now }).lastInsertRowid,
  );
  const agg = db.prepare(`INSERT INTO kabupaten_agg (paket_id, bulan, layanan, responden, ${COLS.join(', ')}) VALUES (${['?', '?', '?', '?', ...COLS.map(() => '?')].join(', ')})`);
  for (const a of agregat) agg.run(id, a.bulan, a.layanan, a.sel.responden, ...UNSUR_KEYS.flatMap((_, u) => [a.sel.n[u], a.sel.s[u]]));
  return old ?? null;
}

/** The kecamatan name and file stored under each kecamatan key (any year). */
export function namaPerKunci(db: Db): Map<string, { kecamatan: string; berkas: string }> {
  const rows = db.prepare('SELECT kunci, kecamatan, berkas FROM kabupaten_paket ORDER BY tahun, id').all() as { kunci: string; kecamatan: string; berkas: string }[];
  return new Map(rows.map((r) => [r.kunci, { kecamatan: r.kecamatan, berkas: r.berkas }]));
}

/** n and Σ per unsur of every loaded packet of one year, per packet. */
export function agregatPaket(db: Db, tahun: number): { paket: PaketTersimpan; sel: Sel }[] {
  const rows = db
    .prepare(`SELECT a.paket_id, SUM(a.responden), ${COLS.map((c) => `SUM(a.${c})`).join(', ')} FROM kabupaten_agg a JOIN kabupaten_paket p ON p.id = a.paket_id WHERE p.tahun = ? GROUP BY 1`)
    .raw()
    .all(tahun) as number[][];
  const pakets = new Map((db.prepare('SELECT * FROM kabupaten_paket WHERE tahun = ?').all(tahun) as PaketTersimpan[]).map((p) => [p.id, p]));
  return rows.map((r) => {
    const sel = emptySel();
    sel.responden = r[1];
    for (let u = 0; u < 9; u++) {
      sel.n[u] = r[2 + 2 * u];
      sel.s[u] = r[3 + 2 * u];
    }
    return { paket: pakets.get(r[0])!, sel };
  });
}

/** n and Σ per unsur of one year per packet × layanan name (as each kecamatan's catalog spells it). */
export function agregatLayanan(db: Db, tahun: number): { paket_id: number; layanan: string; sel: Sel }[] {
  const rows = db
    .prepare(
      `SELECT a.paket_id, a.layanan, SUM(a.responden), ${COLS.map((c) => `SUM(a.${c})`).join(', ')}
       FROM kabupaten_agg a JOIN kabupaten_paket p ON p.id = a.paket_id WHERE p.tahun = ? GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .raw()
    .all(tahun) as (number | string)[][];
  return rows.map((r) => {
    const sel = emptySel();
    sel.responden = r[2] as number;
    for (let u = 0; u < 9; u++) {
      sel.n[u] = r[3 + 2 * u] as number;
      sel.s[u] = r[4 + 2 * u] as number;
    }
    return { paket_id: r[0] as number, layanan: r[1] as string, sel };
  });
}

/** The years that have at least one loaded packet, ascending. */
export function tahunPaket(db: Db): number[] {
  return db.prepare('SELECT DISTINCT tahun FROM kabupaten_paket ORDER BY tahun').pluck().all() as number[];
}
