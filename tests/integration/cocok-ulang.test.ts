/**
 * Loose desa/layanan text end to end: the import report lists every distinct unmatched value with
 * its count and the closest name; adding an alias links the stored answers (no re-import), and the
 * IKM per desa then equals a fresh import made with the alias present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import Database from 'better-sqlite3';
import { formsCsv, query, writeFile } from '../helpers/survey.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

const DESA = ['Betro', 'Ds. Betro', 'SUKO MULYO', 'Desa Suko Mulyo, Kec. Kemlagi', 'Mojowomo', 'Suko Mulyo', 'Desa Mojorejo Kecamatan Kemlagi', 'Suko  mulyo', 'mojowomo'];
const LAYANAN = ['KTP', 'Srt. Ket. Usaha', 'skck', 'Ket. Domisili', 'Surat Keterangan Usaha', 'Pembuatan KK'];
const rows = Array.from({ length: 60 }, (_, i) => ({
  ts: `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2023 10.${String(i % 60).padStart(2, '0')}.00`,
  cells: Array.from({ length: 9 }, (_, u) => 1 + ((i * 7 + u * 3) % 4)),
  desa: DESA[i % DESA.length],
  layanan: LAYANAN[i % LAYANAN.length],
}));
let file = '';
let db = '';
beforeAll(() => {
  file = writeFile(dir, 'skm.csv', formsCsv(rows));
  db = sampleDb(dir);
  // Sukamulya: a desa not in the sample list, which respondents write the Javanese way (Suko Mulyo).
  expect(paten(['desa', 'add', '--kode', '3516152021', '--nama', 'Sukamulya'], { db }).code).toBe(0);
});

const perDesa = (f: string) => patenJson(['ikm', '--tahun', '2023', '--per', 'desa'], { db: f });

describe('unmatched values in the import report', () => {
  it('--dry-run lists every distinct value with its count and the closest known name', () => {
    const r = paten(['survey', 'import', file, '--dry-run'], { db });
    expect(r.stderr).toMatch(/Desa tidak cocok \(2 teks berbeda\):/);
    expect(r.stderr).toMatch(/"SUKO MULYO" × 27 \(baris 4\) → mungkin "Sukamulya"\?/);
    expect(r.stderr).toMatch(/"Mojowomo" × 13 \(baris 6\) → mungkin "Mojowono"\?/);
    expect(r.stderr).toMatch(/Layanan tidak cocok \(1 teks berbeda\):\n.*"Srt\. Ket\. Usaha" × 20 \(baris 3\)/);
    const j = patenJson(['survey', 'import', file, '--dry-run'], { db }).berkas[0];
    expect(j.desa_tidak_cocok).toEqual([
      { teks: 'SUKO MULYO', baris: 4, jumlah: 27, mirip: 'Sukamulya' },
      { teks: 'Mojowomo', baris: 6, jumlah: 13, mirip: 'Mojowono' },
    ]);
    expect(j.layanan_tidak_cocok.map((x: any) => [x.teks, x.jumlah])).toEqual([['Srt. Ket. Usaha', 20]]);
  });
});

describe('re-matching stored answers', () => {
  let fresh = '';
  beforeAll(() => {
    // The reference: a database where the aliases and the layanan exist before the import.
    fresh = path.join(dir, 'fresh.db');
    fs.copyFileSync(db, fresh);
    paten(['desa', 'edit', 'Sukamulya', '--tambah-alias', 'Suko Mulyo'], { db: fresh });
    paten(['layanan', 'add', '--nama', 'Surat Keterangan Usaha', '--slug', 'sku'], { db: fresh });
    expect(paten(['survey', 'import', file], { db: fresh }).code).toBe(0);
    expect(paten(['survey', 'import', file], { db }).code).toBe(0);
  });

  it('a typo stays unmatched: the closest name is only suggested', () => {
    expect(query(db, "SELECT COUNT(*) AS n FROM survey_response WHERE desa_teks = 'Mojowomo' AND desa_id IS NULL")[0].n).toBe(7);
    const dry = patenJson(['survey', 'cocokkan', '--dry-run'], { db });
    expect(dry.jumlah_tertaut).toBe(0);
    expect(dry.desa.tidak_cocok).toContainEqual({ teks: 'Mojowomo', jumlah: 13, mirip: 'Mojowono' });
  });

  it('adding an alias links the stored answers in the same command, and IKM per desa equals a fresh import', () => {
    const before = perDesa(db);
    expect(before).not.toEqual(perDesa(fresh));
    const r = patenJson(['desa', 'edit', 'Sukamulya', '--tambah-alias', 'Suko Mulyo'], { db });
    expect(r.jawaban_tertaut).toBe(27);
    const human = paten(['layanan', 'add', '--nama', 'Surat Keterangan Usaha', '--slug', 'sku'], { db });
    expect(human.stderr).toMatch(/20 jawaban survei tersimpan kini tertaut: "Srt\. Ket\. Usaha" × 10 → Surat Keterangan Usaha, "Surat Keterangan Usaha" × 10 → Surat Keterangan Usaha\./);
    expect(perDesa(db)).toEqual(perDesa(fresh));
    expect(patenJson(['ikm', '--tahun', '2023', '--per', 'layanan'], { db })).toEqual(patenJson(['ikm', '--tahun', '2023', '--per', 'layanan'], { db: fresh }));
    expect(patenJson(['ikm', '--dari', '2023-03-02', '--sampai', '2023-09-17', '--per', 'desa'], { db })).toEqual(
      patenJson(['ikm', '--dari', '2023-03-02', '--sampai', '2023-09-17', '--per', 'desa'], { db: fresh }),
    );
    // The stored text is kept as written.
    expect(query(db, "SELECT COUNT(*) AS n FROM survey_response WHERE desa_teks = 'SUKO MULYO' AND desa_id IS NOT NULL")[0].n).toBeGreaterThan(0);
  });

  it('survey cocokkan links what an alias added elsewhere now matches; a dry run changes nothing', () => {
    // An alias written straight into the database by another tool: only the command can catch it up.
    const raw = new Database(db);
    raw.exec("INSERT INTO desa_alias (desa_id, alias) SELECT id, 'Mojowomo' FROM desa WHERE nama = 'Mojowono'");
    raw.close();
    const hash = fileHash(db);
    const dry = patenJson(['survey', 'cocokkan', '--dry-run'], { db });
    expect(dry).toMatchObject({ uji_coba: true, jumlah_tertaut: 13, desa: { tertaut: [{ teks: 'Mojowomo', ke: 'Mojowono', jumlah: 7 }, { teks: 'mojowomo', ke: 'Mojowono', jumlah: 6 }] } });
    expect(fileHash(db)).toBe(hash);
    const r = paten(['survey', 'cocokkan'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/13 jawaban tersimpan kini tertaut/);
    expect(patenJson(['survey', 'cocokkan'], { db }).jumlah_tertaut).toBe(0);
    paten(['desa', 'edit', 'Mojowono', '--tambah-alias', 'Mojowomo'], { db: fresh });
    paten(['survey', 'cocokkan'], { db: fresh });
    expect(perDesa(db)).toEqual(perDesa(fresh));
  });
});
