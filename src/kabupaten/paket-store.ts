/**
 * The packet file: the SQL that writes and reads one kecamatan packet (`paten survey paket`).
 * A packet is a small SQLite database built in memory and serialised, so it is self-describing
 * (any SQLite tool can open it), versioned (paket.versi_format) and, because the same rows are
 * inserted in the same order into a fresh database, byte-for-byte deterministic.
 */
import Database from 'better-sqlite3';
import { writeTransaction } from '../db/write.js';
import { UNSUR_KEYS } from '../skm/unsur.js';
import { emptySel } from '../ikm/hitung.js';
import type { PaketIsi } from './paket.js';

const NS = UNSUR_KEYS.map((k) => `n_${k} INTEGER NOT NULL`).join(', ');
const SS = UNSUR_KEYS.map((k) => `s_${k} INTEGER NOT NULL`).join(', ');
const AGG_COLS = ['tanggal', 'layanan_id', 'desa_id', 'responden', ...UNSUR_KEYS.map((k) => `n_${k}`), ...UNSUR_KEYS.map((k) => `s_${k}`)];

const SCHEMA = `
  CREATE TABLE paket (kunci TEXT PRIMARY KEY, nilai TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE layanan (id INTEGER PRIMARY KEY, nama TEXT NOT NULL);
  CREATE TABLE desa (id INTEGER PRIMARY KEY, kode TEXT, nama TEXT NOT NULL);
  -- tanggal as MMDD (the year is paket.tahun): 2 bytes instead of 10 on every row
  CREATE TABLE agregat (tanggal INTEGER NOT NULL, layanan_id INTEGER NOT NULL, desa_id INTEGER NOT NULL, responden INTEGER NOT NULL,
    ${NS}, ${SS}, PRIMARY KEY (tanggal, layanan_id, desa_id)) WITHOUT ROWID;
  CREATE TABLE sebaran (karakteristik TEXT NOT NULL, nilai TEXT NOT NULL, jumlah INTEGER NOT NULL, PRIMARY KEY (karakteristik, nilai)) WITHOUT ROWID;
  CREATE TABLE saran (no INTEGER PRIMARY KEY, tanggal TEXT, saran TEXT NOT NULL);
`;

/** The packet's bytes for this content (meta must already carry sha256). */
export function serializePaket(isi: PaketIsi, sha256: string): Buffer {
  const db = new Database(':memory:');
  try {
    db.pragma('page_size = 1024');
    db.exec(SCHEMA);
    writeTransaction(db, () => {
      const m = db.prepare('INSERT INTO paket (kunci, nilai) VALUES (?, ?)');
      for (const [k, v] of Object.entries(isi.meta)) m.run(k, v);
      m.run('sha256', sha256);
      const l = db.prepare('INSERT INTO layanan (id, nama) VALUES (?, ?)');
      for (const r of isi.layanan) l.run(r.id, r.nama);
      const d = db.prepare('INSERT INTO desa (id, kode, nama) VALUES (?, ?, ?)');
      for (const r of isi.desa) d.run(r.id, r.kode, r.nama);
      const a = db.prepare(`INSERT INTO agregat (${AGG_COLS.join(', ')}) VALUES (${AGG_COLS.map(() => '?').join(', ')})`);
      for (const r of isi.agregat) a.run(Number(r.tanggal.slice(5, 7) + r.tanggal.slice(8, 10)), r.layanan_id, r.desa_id, r.sel.responden, ...r.sel.n, ...r.sel.s);
      const s = db.prepare('INSERT INTO sebaran (karakteristik, nilai, jumlah) VALUES (?, ?, ?)');
      for (const r of isi.sebaran) s.run(r.karakteristik, r.nilai, r.jumlah);
      const t = db.prepare('INSERT INTO saran (no, tanggal, saran) VALUES (?, ?, ?)');
      isi.saran.forEach((r, i) => t.run(i + 1, r.tanggal, r.saran));
    });
    db.exec('VACUUM');
    return db.serialize();
  } finally {
    db.close();
  }
}

/** A packet's content and its stored checksum. Throws SQLite errors for a file that is not one. */
export function deserializePaket(buf: Buffer): { isi: PaketIsi; sha256: string | null } {
  const db = new Database(buf, { readonly: true });
  try {
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw Object.assign(new Error(String(ok)), { code: 'SQLITE_CORRUPT' });
    const meta: Record<string, string> = {};
    let sha256: string | null = null;
    for (const r of db.prepare('SELECT kunci, nilai FROM paket ORDER BY kunci').all() as { kunci: string; nilai: string }[]) {
      if (r.kunci === 'sha256') sha256 = r.nilai;
      else meta[r.kunci] = r.nilai;
    }
    const tahun = meta.tahun ?? '0000';
    const agregat = (db.prepare(`SELECT ${AGG_COLS.join(', ')} FROM agregat ORDER BY tanggal, layanan_id, desa_id`).raw().all() as number[][]).map((r) => {
      const sel = emptySel();
      sel.responden = r[3];
      for (let u = 0; u < 9; u++) {
        sel.n[u] = r[4 + u];
        sel.s[u] = r[13 + u];
      }
      const mmdd = String(r[0]).padStart(4, '0');
      return { tanggal: `${tahun}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`, layanan_id: r[1], desa_id: r[2], sel };
    });
    return {
      sha256,
      isi: {
        meta,
        layanan: db.prepare('SELECT id, nama FROM layanan ORDER BY id').all() as PaketIsi['layanan'],
        desa: db.prepare('SELECT id, kode, nama FROM desa ORDER BY id').all() as PaketIsi['desa'],
        agregat,
        sebaran: db.prepare('SELECT karakteristik, nilai, jumlah FROM sebaran ORDER BY karakteristik, nilai').all() as PaketIsi['sebaran'],
        saran: db.prepare('SELECT tanggal, saran FROM saran ORDER BY no').all() as PaketIsi['saran'],
      },
    };
  } finally {
    db.close();
  }
}
