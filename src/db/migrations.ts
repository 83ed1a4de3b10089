/**
 * Numbered schema migrations. Never edit a released migration: add a new one with the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Migration 4 is written out from this fixed list (never from src/skm/unsur.ts: a released migration
// must not change when code changes).
const ROLLUP_COLS = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'].flatMap((k) => [`n_${k}`, `s_${k}`]);
const ROLLUP_KEY = 'batch_id = OLD.batch_id AND bulan = substr(OLD.tanggal, 1, 7) AND layanan_id = OLD.layanan_id AND desa_id = OLD.desa_id';
const ROLLUP_TAMBAH = `INSERT INTO survey_agg_bulan (batch_id, bulan, layanan_id, desa_id, responden, ${ROLLUP_COLS.join(', ')})
          VALUES (NEW.batch_id, substr(NEW.tanggal, 1, 7), NEW.layanan_id, NEW.desa_id, NEW.responden, ${ROLLUP_COLS.map((c) => `NEW.${c}`).join(', ')})
          ON CONFLICT (bulan, layanan_id, desa_id, batch_id) DO UPDATE SET responden = responden + excluded.responden, ${ROLLUP_COLS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
const ROLLUP_KURANG = `UPDATE survey_agg_bulan SET responden = responden - OLD.responden, ${ROLLUP_COLS.map((c) => `${c} = ${c} - OLD.${c}`).join(', ')} WHERE ${ROLLUP_KEY};
        DELETE FROM survey_agg_bulan WHERE ${ROLLUP_KEY} AND responden <= 0;`;

// Migration 12 is written out from this fixed list too (the unsur in definition order, numbered 1-9).
const SILANG_U = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'].map((k) => `u_${k}`);
const SILANG_PAIRS = SILANG_U.flatMap((_, a) => SILANG_U.slice(a + 1).map((__, j) => [a, a + 1 + j]));
const SILANG_COLS = [
  'isi',
  ...SILANG_U.map((_, a) => `q${a + 1}`),
  ...['xx', 'nn', 'xn', 'nx'].flatMap((p) => SILANG_PAIRS.map(([a, b]) => `${p}${a + 1}${b + 1}`)),
];
const SILANG_SUMS = [
  `COUNT(COALESCE(${SILANG_U.join(', ')}))`,
  ...SILANG_U.map((u) => `COALESCE(SUM(${u} * ${u}), 0)`),
  ...SILANG_PAIRS.map(([a, b]) => `COALESCE(SUM(${SILANG_U[a]} * ${SILANG_U[b]}), 0)`),
  ...SILANG_PAIRS.map(([a, b]) => `COUNT(${SILANG_U[a]} * ${SILANG_U[b]})`),
  ...SILANG_PAIRS.map(([a, b]) => `COALESCE(SUM(CASE WHEN ${SILANG_U[b]} IS NOT NULL THEN ${SILANG_U[a]} END), 0)`),
  ...SILANG_PAIRS.map(([a, b]) => `COALESCE(SUM(CASE WHEN ${SILANG_U[a]} IS NOT NULL THEN ${SILANG_U[b]} END), 0)`),
];

// Migration 14 is written out from this fixed list too: unsur i (0-based, definition order) is
// bits 3i..3i+2 of survey_baris.jawaban.
const BARIS_U = ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'kompetensi', 'perilaku', 'pengaduan', 'sarana'];
const BARIS_URAI = BARIS_U.map((k, i) => `NULLIF((b.jawaban >> ${3 * i}) & 7, 0) AS u_${k}`).join(',\n          ');
const BARIS_KEMAS = BARIS_U.map((k, i) => `(COALESCE(u_${k}, 0) << ${3 * i})`).join(' | ');
const BARIS_TEKS = ['layanan_teks', 'desa_teks', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'saran'];
/** The stored compact row read back with the old columns (the survey_response view, and migration 14's check). */
const BARIS_URAI_SELECT = `SELECT b.id, b.batch_id, b.line, date(b.hari * 86400, 'unixepoch') AS tanggal, time(b.detik, 'unixepoch') AS waktu,
          b.layanan_id, b.layanan_teks, b.desa_id, b.desa_teks, b.jenis_kelamin, b.usia, b.pendidikan, b.pekerjaan, b.saran,
          ${BARIS_URAI},
          b.sidik
        FROM survey_baris b`;

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
    version: 3,
    name: 'bazar pelayanan',
    sql: `
      -- Agencies taking part in the bazar pelayanan (Dispendukcapil, Polsek, BPJS, Puskesmas, UMKM …).
      CREATE TABLE bazar_instansi (
        id INTEGER PRIMARY KEY,
        nama TEXT NOT NULL COLLATE NOCASE UNIQUE,
        singkatan TEXT COLLATE NOCASE UNIQUE,
        jenis TEXT NOT NULL CHECK (jenis IN ('dinas', 'vertikal', 'tni-polri', 'bumn-bumd', 'kesehatan', 'kelurahan', 'umkm')),
        kontak_nama TEXT,
        kontak_telepon TEXT,
        catatan TEXT,
        diperbarui TEXT NOT NULL
      );

      -- The services an agency usually brings, in order; optionally linked to the PATEN catalog.
      CREATE TABLE bazar_instansi_layanan (
        instansi_id INTEGER NOT NULL REFERENCES bazar_instansi(id) ON DELETE CASCADE,
        no INTEGER NOT NULL,
        nama TEXT NOT NULL COLLATE NOCASE,
        layanan_id INTEGER REFERENCES layanan(id) ON DELETE SET NULL,
        PRIMARY KEY (instansi_id, no),
        UNIQUE (instansi_id, nama)
      );

      CREATE TABLE bazar_acara (
        id INTEGER PRIMARY KEY,
        tanggal TEXT NOT NULL,
        tempat TEXT NOT NULL,
        tema TEXT,
        status TEXT NOT NULL DEFAULT 'rencana' CHECK (status IN ('rencana', 'terlaksana', 'batal')),
        catatan TEXT,
        diperbarui TEXT NOT NULL
      );
      CREATE INDEX bazar_acara_tanggal ON bazar_acara(tanggal);

      -- One row per event x agency once the agency is invited.
      CREATE TABLE bazar_partisipasi (
        acara_id INTEGER NOT NULL REFERENCES bazar_acara(id) ON DELETE CASCADE,
        instansi_id INTEGER NOT NULL REFERENCES bazar_instansi(id) ON DELETE RESTRICT,
        status TEXT NOT NULL DEFAULT 'diundang' CHECK (status IN ('diundang', 'konfirmasi', 'hadir', 'tidak-hadir', 'batal')),
        petugas TEXT,
        catatan TEXT,
        diperbarui TEXT NOT NULL,
        PRIMARY KEY (acara_id, instansi_id)
      );
      CREATE INDEX bazar_partisipasi_instansi ON bazar_partisipasi(instansi_id);

      -- Residents served per service brought (only for agencies that came).
      CREATE TABLE bazar_dilayani (
        acara_id INTEGER NOT NULL,
        instansi_id INTEGER NOT NULL,
        layanan TEXT NOT NULL COLLATE NOCASE,
        jumlah INTEGER NOT NULL CHECK (jumlah >= 0),
        PRIMARY KEY (acara_id, instansi_id, layanan),
        FOREIGN KEY (acara_id, instansi_id) REFERENCES bazar_partisipasi(acara_id, instansi_id) ON DELETE CASCADE
      );
    `,
  },
  {
    version: 4,
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
        ${ROLLUP_COLS.map((c) => `${c} INTEGER NOT NULL,`).join('\n        ')}
        PRIMARY KEY (bulan, layanan_id, desa_id, batch_id)
      ) WITHOUT ROWID;

      INSERT INTO survey_agg_bulan (batch_id, bulan, layanan_id, desa_id, responden, ${ROLLUP_COLS.join(', ')})
        SELECT batch_id, substr(tanggal, 1, 7), layanan_id, desa_id, SUM(responden), ${ROLLUP_COLS.map((c) => `SUM(${c})`).join(', ')}
        FROM survey_agg GROUP BY batch_id, substr(tanggal, 1, 7), layanan_id, desa_id;

      CREATE TRIGGER survey_agg_bulan_ins AFTER INSERT ON survey_agg BEGIN
        ${ROLLUP_TAMBAH}
      END;

      CREATE TRIGGER survey_agg_bulan_del AFTER DELETE ON survey_agg BEGIN
        ${ROLLUP_KURANG}
      END;

      -- (survey/store.ts only inserts and deletes aggregates; an update is handled all the same.)
      CREATE TRIGGER survey_agg_bulan_upd AFTER UPDATE ON survey_agg BEGIN
        ${ROLLUP_KURANG}
        ${ROLLUP_TAMBAH}
      END;
    `,
  },
  {
    version: 5,
    name: 'survey: indeks tanggal + waktu',
    sql: `
      -- (tanggal, waktu) serves date-range reads as before and lets an import find a stored row
      -- identical to a new one with one keyed lookup instead of loading every stored row.
      DROP INDEX survey_response_tanggal;
      CREATE INDEX survey_response_tanggal_waktu ON survey_response(tanggal, waktu);
    `,
  },
  {
    version: 6,
    name: 'desa: alias; jawaban survei yang belum cocok',
    sql: `
      -- Other names of a desa as respondents write them ("Suka Maju", "Sukomaju"), like layanan_alias.
      CREATE TABLE desa_alias (
        desa_id INTEGER NOT NULL REFERENCES desa(id) ON DELETE CASCADE,
        alias TEXT NOT NULL COLLATE NOCASE UNIQUE
      );
      CREATE INDEX desa_alias_desa ON desa_alias(desa_id);

      -- Stored answers whose desa/layanan text matched nothing: re-matched after an alias is added,
      -- so these small partial indexes find them without reading every stored answer.
      CREATE INDEX survey_response_desa_lepas ON survey_response(desa_teks) WHERE desa_id IS NULL AND desa_teks IS NOT NULL;
      CREATE INDEX survey_response_layanan_lepas ON survey_response(layanan_teks) WHERE layanan_id IS NULL AND layanan_teks IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'survey: sidik baris, baris dilewati per batch',
    sql: `
      -- A fingerprint of each stored response (a 53-bit hash of what it says), so that importing a
      -- cumulative re-export (Google/Microsoft Forms, Kobo) finds its rows already stored with one
      -- indexed lookup each. It extends the (tanggal, waktu) index instead of adding a random-keyed
      -- one: new rows are recent, so their index entries land together and inserts stay cheap.
      -- Rows stored before this migration get their fingerprint at the next import; the small
      -- partial index finds them without reading every row.
      ALTER TABLE survey_response ADD COLUMN sidik INTEGER;
      DROP INDEX survey_response_tanggal_waktu;
      CREATE INDEX survey_response_tanggal_waktu_sidik ON survey_response(tanggal, waktu, sidik);
      CREATE INDEX survey_response_tanpa_sidik ON survey_response(id) WHERE sidik IS NULL;
      -- How many rows of the batch's file were left out as already stored.
      ALTER TABLE survey_batch ADD COLUMN dilewati INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 8,
    name: "bazar: jenis instansi 'lainnya'",
    sql: `
      -- Banks, cooperatives, NGOs and private clinics get their own jenis 'lainnya' (it used to be
      -- stored as 'umkm'). SQLite cannot change a CHECK constraint in place, so bazar_instansi is
      -- rebuilt, and its child tables with it: foreign_keys stays ON inside this transaction, so the
      -- old children are dropped before their parent (no cascade can fire) and the new children,
      -- created against bazar_instansi_baru, follow the RENAME to bazar_instansi. Rowids are copied
      -- because bazar_dilayani's rowid orders an agency's services.
      CREATE TABLE bazar_instansi_baru (
        id INTEGER PRIMARY KEY,
        nama TEXT NOT NULL COLLATE NOCASE UNIQUE,
        singkatan TEXT COLLATE NOCASE UNIQUE,
        jenis TEXT NOT NULL CHECK (jenis IN ('dinas', 'vertikal', 'tni-polri', 'bumn-bumd', 'kesehatan', 'kelurahan', 'umkm', 'lainnya')),
        kontak_nama TEXT,
        kontak_telepon TEXT,
        catatan TEXT,
        diperbarui TEXT NOT NULL
      );
      INSERT INTO bazar_instansi_baru (id, nama, singkatan, jenis, kontak_nama, kontak_telepon, catatan, diperbarui)
        SELECT id, nama, singkatan, jenis, kontak_nama, kontak_telepon, catatan, diperbarui FROM bazar_instansi;

      CREATE TABLE bazar_instansi_layanan_baru (
        instansi_id INTEGER NOT NULL REFERENCES bazar_instansi_baru(id) ON DELETE CASCADE,
        no INTEGER NOT NULL,
        nama TEXT NOT NULL COLLATE NOCASE,
        layanan_id INTEGER REFERENCES layanan(id) ON DELETE SET NULL,
        PRIMARY KEY (instansi_id, no),
        UNIQUE (instansi_id, nama)
      );
      INSERT INTO bazar_instansi_layanan_baru (instansi_id, no, nama, layanan_id)
        SELECT instansi_id, no, nama, layanan_id FROM bazar_instansi_layanan;

      CREATE TABLE bazar_partisipasi_baru (
        acara_id INTEGER NOT NULL REFERENCES bazar_acara(id) ON DELETE CASCADE,
        instansi_id INTEGER NOT NULL REFERENCES bazar_instansi_baru(id) ON DELETE RESTRICT,
        status TEXT NOT NULL DEFAULT 'diundang' CHECK (status IN ('diundang', 'konfirmasi', 'hadir', 'tidak-hadir', 'batal')),
        petugas TEXT,
        catatan TEXT,
        diperbarui TEXT NOT NULL,
        PRIMARY KEY (acara_id, instansi_id)
      );
      INSERT INTO bazar_partisipasi_baru (rowid, acara_id, instansi_id, status, petugas, catatan, diperbarui)
        SELECT rowid, acara_id, instansi_id, status, petugas, catatan, diperbarui FROM bazar_partisipasi;

      CREATE TABLE bazar_dilayani_baru (
        acara_id INTEGER NOT NULL,
        instansi_id INTEGER NOT NULL,
        layanan TEXT NOT NULL COLLATE NOCASE,
        jumlah INTEGER NOT NULL CHECK (jumlah >= 0),
        PRIMARY KEY (acara_id, instansi_id, layanan),
        FOREIGN KEY (acara_id, instansi_id) REFERENCES bazar_partisipasi_baru(acara_id, instansi_id) ON DELETE CASCADE
      );
      INSERT INTO bazar_dilayani_baru (rowid, acara_id, instansi_id, layanan, jumlah)
        SELECT rowid, acara_id, instansi_id, layanan, jumlah FROM bazar_dilayani;

      DROP TABLE bazar_dilayani;
      DROP TABLE bazar_partisipasi;
      DROP TABLE bazar_instansi_layanan;
      DROP TABLE bazar_instansi;
      ALTER TABLE bazar_instansi_baru RENAME TO bazar_instansi;
      ALTER TABLE bazar_instansi_layanan_baru RENAME TO bazar_instansi_layanan;
      ALTER TABLE bazar_partisipasi_baru RENAME TO bazar_partisipasi;
      ALTER TABLE bazar_dilayani_baru RENAME TO bazar_dilayani;
      CREATE INDEX bazar_partisipasi_instansi ON bazar_partisipasi(instansi_id);
    `,
  },
  {
    version: 9,
    name: 'survey: sidik memuat layanan dari nama lembar atau --layanan',
    sql: `
      -- A row's fingerprint now includes the layanan its sheet's name or --layanan gave it when
      -- the row has no layanan text (two layanan's sheets of paper forms answered alike are two
      -- responses). Such rows lose their fingerprint here; the next import computes the new one.
      UPDATE survey_response SET sidik = NULL WHERE layanan_teks IS NULL AND layanan_id IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'kabupaten: loaded kecamatan packets and their monthly aggregates',
    sql: `
      -- A kabupaten database is a normal paten database with these tables filled by
      -- \`paten kabupaten tambah\` (src/kabupaten/store.ts). One row of kabupaten_wilayah names the
      -- kabupaten the first packet came from; packets of another kabupaten are refused.
      CREATE TABLE kabupaten_wilayah (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kabupaten TEXT NOT NULL,
        provinsi TEXT NOT NULL
      );
      CREATE TABLE kabupaten_paket (
        id INTEGER PRIMARY KEY,
        kunci TEXT NOT NULL,
        kecamatan TEXT NOT NULL,
        kode_wilayah TEXT,
        tahun INTEGER NOT NULL,
        responden INTEGER NOT NULL,
        populasi INTEGER,
        dibuat TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        berkas TEXT NOT NULL,
        dimuat TEXT NOT NULL,
        UNIQUE (kunci, tahun)
      );
      CREATE TABLE kabupaten_agg (
        paket_id INTEGER NOT NULL REFERENCES kabupaten_paket(id) ON DELETE CASCADE,
        bulan TEXT NOT NULL,
        layanan TEXT NOT NULL,
        responden INTEGER NOT NULL,
        ${ROLLUP_COLS.map((c) => `${c} INTEGER NOT NULL`).join(', ')},
        PRIMARY KEY (paket_id, bulan, layanan)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'profil: alamat formulir SKM daring',
    sql: `
      -- The online questionnaire's address (\`paten profil set --url-survei\`): printed as a QR on
      -- the paper questionnaire and the desa posters.
      ALTER TABLE profil ADD COLUMN url_survei TEXT;
    `,
  },
  {
    version: 12,
    name: 'ikm: jumlah hasil kali jawaban untuk interval kepercayaan',
    sql: `
      -- Cross-product sums of the answers per batch x day x layanan (src/survey/silang.ts says what
      -- each column holds), kept by the batch writer and removed with the batch like survey_agg, so
      -- the 95% interval of the IKM is computed from these instead of every raw row of the period.
      -- Filled here from the stored rows.
      CREATE TABLE survey_agg_silang (
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        tanggal TEXT NOT NULL DEFAULT '',
        layanan_id INTEGER NOT NULL DEFAULT 0,
        ${SILANG_COLS.map((c) => `${c} INTEGER NOT NULL,`).join('\n        ')}
        PRIMARY KEY (batch_id, tanggal, layanan_id)
      );
      CREATE INDEX survey_agg_silang_tanggal ON survey_agg_silang(tanggal);

      INSERT INTO survey_agg_silang (batch_id, tanggal, layanan_id, ${SILANG_COLS.join(', ')})
        SELECT batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0), ${SILANG_SUMS.join(', ')}
        FROM survey_response GROUP BY batch_id, COALESCE(tanggal, ''), COALESCE(layanan_id, 0);
    `,
  },
  {
    version: 13,
    name: 'ikm: rekap bulanan hasil kali jawaban (survey_agg_silang_bulan)',
    sql: `
      -- Monthly roll-up of survey_agg_silang (by batch, month, layanan), so the 95% interval of
      -- whole months (year, semester, triwulan, month) sums a few hundred rows of 154 columns
      -- instead of one row per day (a year of a million responses: 5,110 daily rows, 15-30 ms of
      -- SUM in every \`paten ikm\`). Written by the batch writer from its daily rows, refreshed
      -- when answers are re-linked, removed with the batch (src/survey/store.ts); no trigger, which
      -- would cost an upsert of 154 columns per daily row of every import. A month cell exists
      -- while its isi is above 0 (with isi 0 every column is 0). Every column is an integer sum, so
      -- the roll-up is exact. Daily rows stay the source for other --dari/--sampai ranges.
      CREATE TABLE survey_agg_silang_bulan (
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        bulan TEXT NOT NULL,
        layanan_id INTEGER NOT NULL,
        ${SILANG_COLS.map((c) => `${c} INTEGER NOT NULL,`).join('\n        ')}
        PRIMARY KEY (bulan, layanan_id, batch_id)
      ) WITHOUT ROWID;

      INSERT INTO survey_agg_silang_bulan (batch_id, bulan, layanan_id, ${SILANG_COLS.join(', ')})
        SELECT batch_id, substr(tanggal, 1, 7), layanan_id, ${SILANG_COLS.map((c) => `SUM(${c})`).join(', ')}
        FROM survey_agg_silang GROUP BY batch_id, substr(tanggal, 1, 7), layanan_id HAVING SUM(isi) > 0;
    `,
  },
  {
    version: 14,
    name: 'survey: baris jawaban ringkas (survey_baris) dengan view survey_response',
    sql: `
      -- One compact row per respondent: the day as a day number (days since 1970-01-01, NULL = no
      -- date), the time of day in seconds (NULL = none), the nine answers packed in one integer (3
      -- bits per unsur in definition order, 0 = blank) and the texts, mostly absent, at the end
      -- where SQLite stores NULLs almost free. An import writes 9 values a row instead of 23, and
      -- keeps two secondary indexes instead of three. survey_response becomes a view with the old
      -- columns (tanggal YYYY-MM-DD, waktu HH:MM:SS, one u_ column per unsur), so any SQLite tool
      -- and every reader of the old table read the same answers.
      CREATE TABLE survey_baris (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES survey_batch(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        hari INTEGER,
        detik INTEGER CHECK (detik BETWEEN 0 AND 86399),
        layanan_id INTEGER REFERENCES layanan(id) ON DELETE SET NULL,
        desa_id INTEGER REFERENCES desa(id) ON DELETE SET NULL,
        jawaban INTEGER NOT NULL CHECK (jawaban BETWEEN 0 AND 134217727),
        sidik INTEGER,
        ${BARIS_TEKS.map((c) => `${c} ${c === 'usia' ? 'INTEGER' : 'TEXT'}`).join(',\n        ')}
      );
      INSERT INTO survey_baris (id, batch_id, line, hari, detik, layanan_id, desa_id, jawaban, sidik, ${BARIS_TEKS.join(', ')})
        SELECT id, batch_id, line,
          CAST(round(julianday(tanggal) - 2440587.5) AS INTEGER),
          CAST(round((julianday('2000-01-01 ' || waktu) - julianday('2000-01-01')) * 86400) AS INTEGER),
          layanan_id, desa_id, ${BARIS_KEMAS}, sidik, ${BARIS_TEKS.join(', ')}
        FROM survey_response;

      CREATE VIEW survey_baris_urai AS
        ${BARIS_URAI_SELECT};
      -- Every stored row must read back exactly as it was: otherwise this migration fails (the
      -- CHECK below) and the database stays at the previous version, unchanged.
      CREATE TEMP TABLE migrasi_14_cek (salah INTEGER NOT NULL CHECK (salah = 0));
      INSERT INTO migrasi_14_cek
        SELECT COUNT(*) FROM survey_response o JOIN survey_baris_urai n ON n.id = o.id
        WHERE n.tanggal IS NOT o.tanggal OR n.waktu IS NOT o.waktu
          OR ${BARIS_U.map((k) => `n.u_${k} IS NOT o.u_${k}`).join(' OR ')};
      DROP TABLE migrasi_14_cek;
      DROP TABLE survey_response;
      DROP VIEW survey_baris_urai;

      CREATE VIEW survey_response AS
        ${BARIS_URAI_SELECT};

      -- What queries need, nothing more: the identical-row lookup of a cumulative re-export (day
      -- and fingerprint; also the rebuild of one day's aggregates), removing a batch, the rows not
      -- yet fingerprinted (empty once filled), and the texts that matched no desa/layanan.
      CREATE INDEX survey_baris_hari_sidik ON survey_baris(hari, sidik);
      CREATE INDEX survey_baris_batch ON survey_baris(batch_id);
      CREATE INDEX survey_baris_tanpa_sidik ON survey_baris(id) WHERE sidik IS NULL;
      CREATE INDEX survey_baris_desa_lepas ON survey_baris(desa_teks) WHERE desa_id IS NULL AND desa_teks IS NOT NULL;
      CREATE INDEX survey_baris_layanan_lepas ON survey_baris(layanan_teks) WHERE layanan_id IS NULL AND layanan_teks IS NOT NULL;
    `,
  },
];
