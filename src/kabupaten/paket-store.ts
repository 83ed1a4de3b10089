/**
 * The packet file: the SQL that writes and reads one kecamatan packet (`paten survey paket`).
 * A packet is a small SQLite database built in memory, serialised and gzip-compressed: self-
 * describing (`gunzip -c x.paket > x.db` gives a database any SQLite tool opens), versioned
 * (paket.versi_format) and, because the same rows go in the same order into a fresh database and
 * the gzip header carries no time or platform, deterministic. Compression matters: a year of
 * 50,000 responses over 20 desa and 7 layanan is ≈ 32,000 day × layanan × desa rows, 1,4 MB as
 * SQLite and ≈ 0,3 MB gzipped, small enough for WhatsApp. A packet already unzipped is read too.
 */
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { writeTransaction } from '../db/write.js';
import { UNSUR_KEYS } from '../skm/unsur.js';
import { emptySel, type Sel } from '../ikm/hitung.js';
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
    const gz = zlib.gzipSync(db.serialize(), { level: 9 });
    // RFC 1952 header: no mtime (bytes 4–7), and the OS byte (9) "unknown" on every platform.
    gz.fill(0, 4, 8);
    gz[9] = 255;
    return gz;
  } finally {
    db.close();
  }
}

/** True for gzip bytes (the packet as written); false for an unzipped SQLite packet. */
export const isGzip = (buf: Buffer) => buf.length >= 18 && buf[0] === 0x1f && buf[1] === 0x8b;

/** The SQLite bytes of a packet file (gunzipped when compressed). Throws zlib errors for a cut or damaged file. */
export function sqlitePaket(buf: Buffer): Buffer {
  return isGzip(buf) ? zlib.gunzipSync(buf, { maxOutputLength: 512 * 1024 * 1024 }) : buf;
}

/** What the kabupaten reads of a packet: everything but the day rows, which are summed by SQLite. */
export interface PaketTerbaca {
  isi: Omit<PaketIsi, 'agregat'>;
  sha256: string | null;
  /**
   * The day × layanan × desa rows as the checksum's canonical lines (src/kabupaten/paket.ts
   * checksumPaket: one JSON array per row, newline-terminated), built by SQLite in one string so a
   * 50,000-response packet is verified without 30,000 JavaScript objects.
   */
  teksAgregat: string;
  /** n and Σ per unsur summed per month (1–12) × layanan id. */
  bulanan: { bulan: number; layanan_id: number; sel: Sel }[];
  responden: number;
}

const SUMS = AGG_COLS.slice(3).map((c) => `SUM(${c})`).join(', ');

/** A packet's content, its stored checksum and its rows summed per month. Throws SQLite errors for a file that is not one. */
export function deserializePaket(buf: Buffer): PaketTerbaca {
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
    // json_array writes what JSON.stringify writes for these integers and the date (no spaces); the
    // subquery's ORDER BY follows the primary key, so SQLite scans in order without a sort.
    const arr = (p: string) => `json_array(${UNSUR_KEYS.map((k) => `${p}_${k}`).join(', ')})`;
    const line = `json_array('a', printf('%s-%02d-%02d', :tahun, tanggal / 100, tanggal % 100), layanan_id, desa_id, responden, ${arr('n')}, ${arr('s')}) || char(10)`;
    const teksAgregat =
      (db.prepare(`SELECT group_concat(baris, '') FROM (SELECT ${line} AS baris FROM agregat ORDER BY tanggal, layanan_id, desa_id)`).pluck().get({ tahun: meta.tahun ?? '0000' }) as string | null) ?? '';
    const bulanan = (db.prepare(`SELECT tanggal / 100, layanan_id, ${SUMS} FROM agregat GROUP BY 1, 2 ORDER BY 1, 2`).raw().all() as number[][]).map((r) => {
      const sel = emptySel();
      sel.responden = r[2];
      for (let u = 0; u < 9; u++) {
        sel.n[u] = r[3 + u];
        sel.s[u] = r[12 + u];
      }
      return { bulan: r[0], layanan_id: r[1], sel };
    });
    return {
      sha256,
      teksAgregat,
      bulanan,
      responden: bulanan.reduce((a, b) => a + b.sel.responden, 0),
      isi: {
        meta,
        layanan: db.prepare('SELECT id, nama FROM layanan ORDER BY id').all() as PaketIsi['layanan'],
        desa: db.prepare('SELECT id, kode, nama FROM desa ORDER BY id').all() as PaketIsi['desa'],
        sebaran: db.prepare('SELECT karakteristik, nilai, jumlah FROM sebaran ORDER BY karakteristik, nilai').all() as PaketIsi['sebaran'],
        saran: db.prepare('SELECT tanggal, saran FROM saran ORDER BY no').all() as PaketIsi['saran'],
      },
    };
  } finally {
    db.close();
  }
}
