/**
 * Numbered schema migrations. Never edit a released migration: add a new one with the next number.
 * Reserved numbers while features land in parallel: 3 bazar, 4 survey import, 5 IKM, 6 posters.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Migration 5 is written out from this fixed list (never from src/skm/unsur.ts: a released migration
// must not change when code changes).
const V5_COLS = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'].flatMap((k) => [`n_${k}`, `s_${k}`]);
const V5_KEY = 'batch_id = OLD.batch_id AND bulan = substr(OLD.tanggal, 1, 7) AND layanan_id = OLD.layanan_id AND desa_id = OLD.desa_id';
const V5_TAMBAH = `INSERT INTO survey_agg_bulan (batch_id, bulan, layanan_id, desa_id, responden, ${V5_COLS.join(', ')})
          VALUES (NEW.batch_id, substr(NEW.tanggal, 1, 7), NEW.layanan_id, NEW.desa_id, NEW.responden, ${V5_COLS.map((c) => `NEW.${c}`).join(', ')})
          ON CONFLICT (bulan, layanan_id, desa_id, batch_id) DO UPDATE SET responden = responden + excluded.responden, ${V5_COLS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
const V5_KURANG = `UPDATE survey_agg_bulan SET responden = responden - OLD.responden, ${V5_COLS.map((c) => `${c} = ${c} - OLD.${c}`).join(', ')} WHERE ${V5_KEY};
        DELETE FROM survey_agg_bulan WHERE ${V5_KEY} AND responden <= 0;`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'profil, desa, layanan',
    sql: `
      CREATE TABLE profil (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        nama_kecamatan TEXT NOT NULL,
        kabupaten TEXT NOT NULL,
        provinsi TEXT NOT NULL,
        kode_wilayah TEXT,
        alamat TEXT,
        telepon TEXT,
        whatsapp TEXT,
        email TEXT,
        website TEXT,
        jam_layanan TEXT,
        nama_camat TEXT,
        nip_camat TEXT,
        logo TEXT,
        diperbarui TEXT NOT NULL
      );

      CREATE TABLE desa (
        id INTEGER PRIMARY KEY,
        kode TEXT NOT NULL UNIQUE,
        nama TEXT NOT NULL COLLATE NOCASE UNIQUE,
        jenis TEXT NOT NULL DEFAULT 'desa' CHECK (jenis IN ('desa', 'kelurahan')),
        kepala_desa TEXT,
        kontak TEXT,
        alamat_balai TEXT,
        diperbarui TEXT NOT NULL
      );

      CREATE TABLE layanan (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        nama TEXT NOT NULL,
        kategori TEXT NOT NULL DEFAULT 'non-perizinan' CHECK (kategori IN ('perizinan', 'non-perizinan')),
        waktu TEXT,
        biaya TEXT NOT NULL DEFAULT 'Gratis',
        produk TEXT,
        dasar_hukum TEXT,
        catatan TEXT,
        urutan INTEGER NOT NULL DEFAULT 0,
        diperbarui TEXT NOT NULL
      );

      CREATE TABLE layanan_persyaratan (
        layanan_id INTEGER NOT NULL REFERENCES layanan(id) ON DELETE CASCADE,
        no INTEGER NOT NULL,
        teks TEXT NOT NULL,
        PRIMARY KEY (layanan_id, no)
      );

      CREATE TABLE layanan_prosedur (
        layanan_id INTEGER NOT NULL REFERENCES layanan(id) ON DELETE CASCADE,
        no INTEGER NOT NULL,
        teks TEXT NOT NULL,
        PRIMARY KEY (layanan_id, no)
      );

      CREATE TABLE layanan_alias (
        layanan_id INTEGER NOT NULL REFERENCES layanan(id) ON DELETE CASCADE,
        alias TEXT NOT NULL COLLATE NOCASE UNIQUE
      );
      CREATE INDEX layanan_alias_layanan ON layanan_alias(layanan_id);
    `,
  },
  {
    version: 2,
    name: 'survei kepuasan masyarakat',
    sql: `
      -- Which questionnaire numbering the office uses for bare codes like U8/P8:
      -- 'definisi' (U8 = pengaduan, U9 = sarana, the regulation's definition list) or
      -- 'kuesioner' (U8 = sarana, U9 = pengaduan, the sample questionnaire's order).
      ALTER TABLE profil ADD COLUMN urutan_unsur TEXT NOT NULL DEFAULT 'definisi'
        CHECK (urutan_unsur IN ('definisi', 'kuesioner'));

      CREATE TABLE survey_batch (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        rows INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        sumber TEXT,
        mapping TEXT
      );

      -- One row per respondent. Unsur answers are 1..4 or NULL (blank: excluded from that unsur's n).
      CREATE TABLE survey_response (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        tanggal TEXT,
        waktu TEXT,
        layanan_id INTEGER REFERENCES layanan(id) ON DELETE SET NULL,
        layanan_teks TEXT,
        desa_id INTEGER REFERENCES desa(id) ON DELETE SET NULL,
        desa_teks TEXT,
        jenis_kelamin TEXT,
        usia INTEGER,
        pendidikan TEXT,
        pekerjaan TEXT,
        saran TEXT,
        u_persyaratan INTEGER CHECK (u_persyaratan BETWEEN 1 AND 4),
        u_prosedur INTEGER CHECK (u_prosedur BETWEEN 1 AND 4),
        u_waktu INTEGER CHECK (u_waktu BETWEEN 1 AND 4),
        u_biaya INTEGER CHECK (u_biaya BETWEEN 1 AND 4),
        u_produk INTEGER CHECK (u_produk BETWEEN 1 AND 4),
        u_kompetensi INTEGER CHECK (u_kompetensi BETWEEN 1 AND 4),
        u_perilaku INTEGER CHECK (u_perilaku BETWEEN 1 AND 4),
        u_pengaduan INTEGER CHECK (u_pengaduan BETWEEN 1 AND 4),
        u_sarana INTEGER CHECK (u_sarana BETWEEN 1 AND 4)
      );
      CREATE INDEX survey_response_batch ON survey_response(batch_id);
      CREATE INDEX survey_response_tanggal ON survey_response(tanggal);

      -- Aggregates kept up to date on import/remove: n and sum per unsur by batch, day, layanan, desa.
      -- IKM queries answer from here; raw rows stay for audit and the confidence interval.
      CREATE TABLE survey_agg (
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        tanggal TEXT NOT NULL DEFAULT '',
        layanan_id INTEGER NOT NULL DEFAULT 0,
        desa_id INTEGER NOT NULL DEFAULT 0,
        responden INTEGER NOT NULL,
        n_persyaratan INTEGER NOT NULL, s_persyaratan INTEGER NOT NULL,
        n_prosedur INTEGER NOT NULL, s_prosedur INTEGER NOT NULL,
        n_waktu INTEGER NOT NULL, s_waktu INTEGER NOT NULL,
        n_biaya INTEGER NOT NULL, s_biaya INTEGER NOT NULL,
        n_produk INTEGER NOT NULL, s_produk INTEGER NOT NULL,
        n_kompetensi INTEGER NOT NULL, s_kompetensi INTEGER NOT NULL,
        n_perilaku INTEGER NOT NULL, s_perilaku INTEGER NOT NULL,
        n_pengaduan INTEGER NOT NULL, s_pengaduan INTEGER NOT NULL,
        n_sarana INTEGER NOT NULL, s_sarana INTEGER NOT NULL,
        PRIMARY KEY (batch_id, tanggal, layanan_id, desa_id)
      );
      CREATE INDEX survey_agg_tanggal ON survey_agg(tanggal);

      -- Population of service users per year (Krejcie–Morgan minimum sample).
      CREATE TABLE survey_populasi (
        tahun INTEGER PRIMARY KEY,
        populasi INTEGER NOT NULL CHECK (populasi > 0)
      );

      -- Named column mappings saved from the interactive import (reused with --profil).
      CREATE TABLE survey_mapping_profil (
        nama TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        dibuat TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'ikm: rekap bulanan survey_agg',
    sql: `
      -- Monthly roll-up of survey_agg (by batch, month, layanan, desa), kept in step by triggers so
      -- that IKM over whole months (year, semester, triwulan, month) reads a few thousand rows
      -- instead of one row per day. survey_agg stays the source for arbitrary --dari/--sampai ranges.
      CREATE TABLE survey_agg_bulan (
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        bulan TEXT NOT NULL,
        layanan_id INTEGER NOT NULL,
        desa_id INTEGER NOT NULL,
        responden INTEGER NOT NULL,
        ${V5_COLS.map((c) => `${c} INTEGER NOT NULL,`).join('\n        ')}
        PRIMARY KEY (bulan, layanan_id, desa_id, batch_id)
      ) WITHOUT ROWID;

      INSERT INTO survey_agg_bulan (batch_id, bulan, layanan_id, desa_id, responden, ${V5_COLS.join(', ')})
        SELECT batch_id, substr(tanggal, 1, 7), layanan_id, desa_id, SUM(responden), ${V5_COLS.map((c) => `SUM(${c})`).join(', ')}
        FROM survey_agg GROUP BY batch_id, substr(tanggal, 1, 7), layanan_id, desa_id;

      CREATE TRIGGER survey_agg_bulan_ins AFTER INSERT ON survey_agg BEGIN
        ${V5_TAMBAH}
      END;

      CREATE TRIGGER survey_agg_bulan_del AFTER DELETE ON survey_agg BEGIN
        ${V5_KURANG}
      END;

      -- (survey/store.ts only inserts and deletes aggregates; an update is handled all the same.)
      CREATE TRIGGER survey_agg_bulan_upd AFTER UPDATE ON survey_agg BEGIN
        ${V5_KURANG}
        ${V5_TAMBAH}
      END;
    `,
  },
];
