/** Leftovers and surprises (issue 13 §5), end to end. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir('paten-leftovers-');
let db: string;
beforeAll(() => {
  db = sampleDb(dir);
  expect(paten(['survey', 'import', path.join(ROOT, 'data', 'skm-contoh-2023.csv'), '--yes'], { db }).code).toBe(0);
});
afterAll(() => cleanup(dir));

const goneProcess = () => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());

describe('leftovers and surprises', () => {
  it('report ikm --out folder/ writes laporan-skm-2023.pdf inside it, not a hidden .pdf', () => {
    const folder = path.join(dir, 'laporan') + path.sep;
    expect(paten(['report', 'ikm', '--tahun', '2023', '--out', folder], { db }).code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual(['laporan-skm-2023.pdf']);
    expect(paten(['report', 'ikm', '--tahun', '2023', '--poster', '--out', path.join(dir, 'laporan')], { db }).code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(['laporan-skm-2023.pdf', 'poster-skm-2023.pdf']);
  });

  it.runIf(process.platform !== 'win32')('the respondent-level tables of report ikm --format csv (saran, olah-data) are private (0600); the other tables are not', () => {
    expect(paten(['report', 'ikm', '--tahun', '2023', '--format', 'csv', '--out', path.join(dir, 'tabel')], { db }).code).toBe(0);
    expect(fs.statSync(path.join(dir, 'tabel-saran.csv')).mode & 0o777).toBe(0o600);
    if (fs.existsSync(path.join(dir, 'tabel-olah-data.csv'))) expect(fs.statSync(path.join(dir, 'tabel-olah-data.csv')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'tabel-unsur.csv')).mode & 0o077).not.toBe(0);
  });

  it('a later run into a folder removes temp files a killed run left there; other files stay', () => {
    const folder = path.join(dir, 'ekspor');
    fs.mkdirSync(folder);
    const gone = goneProcess();
    for (const n of [`.desa.csv.${gone}.tmp`, `.laporan.pdf.${gone}.tmp`, `cadangan.db.${gone}.tmp`, `cadangan.db.${gone}.tmp-journal`, 'catatan.txt'])
      fs.writeFileSync(path.join(folder, n), 'sisa');
    expect(paten(['desa', 'export', '--out', path.join(folder, 'desa.csv')], { db }).code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(['catatan.txt', 'desa.csv']);
    fs.writeFileSync(path.join(folder, `.cadangan.db.${gone}.tmp`), 'sisa');
    expect(paten(['db', 'backup', path.join(folder, 'cadangan.db')], { db }).code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual(['cadangan.db', 'catatan.txt', 'desa.csv']);
  });

  it('qr generate --desa X into the shared poster folder keeps the other desa\'s posters unless --bersihkan', () => {
    const out = path.join(dir, 'poster');
    const args = ['qr', 'generate', '--out', out, '--layanan', 'sktm'];
    expect(paten(args, { db }).code).toBe(0);
    const all = fs.readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(all).toHaveLength(20);
    const one = paten([...args, '--desa', 'Betro'], { db });
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/19 berkas lain di folder dibiarkan \(poster desa yang tidak diminta\): .*--bersihkan untuk menghapusnya/);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual(all);
    const clean = paten([...args, '--desa', 'Betro', '--bersihkan'], { db });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toMatch(/Menghapus 19 berkas lama di .* yang tidak ada di daftar isi baru/);
    expect(clean.stderr.indexOf('Menghapus')).toBeLessThan(clean.stderr.indexOf('ditulis ke'));
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });

  it('removing a layanan or desa with stored answers says how many, asks (or needs --yes), and keeps their names as text', async () => {
    const copy = path.join(dir, 'hapus.db');
    fs.copyFileSync(db, copy);
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(copy, { readonly: true });
    const [l] = raw.prepare(`SELECT l.slug, l.nama, COUNT(*) AS n FROM survey_response r JOIN layanan l ON l.id = r.layanan_id GROUP BY l.id ORDER BY n DESC LIMIT 1`).all() as { slug: string; nama: string; n: number }[];
    const [d] = raw.prepare(`SELECT d.kode, d.nama, COUNT(*) AS n FROM survey_response r JOIN desa d ON d.id = r.desa_id GROUP BY d.id ORDER BY n DESC LIMIT 1`).all() as { kode: string; nama: string; n: number }[];
    raw.close();
    const asked = paten(['layanan', 'remove', l.slug], { db: copy });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(`${l.n} jawaban survei untuk layanan ini tidak lagi tertaut`);
    expect(asked.stderr).toContain('--yes');
    expect(patenJson(['layanan', 'remove', l.slug, '--yes'], { db: copy }).jawaban_dilepas).toBe(l.n);
    const r = paten(['desa', 'remove', d.kode, '--yes'], { db: copy });
    expect(r.stderr).toContain(`${d.n} jawaban survei dilepas dari desa ini`);
    const after = new Database(copy, { readonly: true });
    expect(after.prepare('SELECT COUNT(*) FROM survey_response WHERE layanan_id IS NULL AND layanan_teks IS NOT NULL').pluck().get()).toBeGreaterThanOrEqual(l.n);
    expect(after.prepare('SELECT COUNT(*) FROM survey_response WHERE desa_id IS NULL AND desa_teks = ?').pluck().get(d.nama)).toBeGreaterThan(0);
    after.close();
    const back = paten(['layanan', 'add', '--slug', l.slug, '--nama', l.nama, '--kategori', 'non-perizinan', '--syarat', 'KTP'], { db: copy });
    // Answers whose own text named the layanan by an alias keep that text; the others link back.
    const relinked = Number(/(\d+) jawaban survei tersimpan kini tertaut/.exec(back.stderr)?.[1]);
    expect(relinked).toBeGreaterThan(0);
    expect(relinked).toBeLessThanOrEqual(l.n);
  });

  it('writing over a folder is said in Indonesian (no EISDIR text)', () => {
    fs.mkdirSync(path.join(dir, 'desa.csv'));
    const r = paten(['desa', 'export', '--out', path.join(dir, 'desa.csv')], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/itu adalah folder; berikan nama berkas/);
    expect(r.stderr).not.toMatch(/EISDIR|illegal operation/);
  });

  it('survey dates after today or before 2000 are warned (and listed in --dry-run), not refused', () => {
    const src = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'survey', 'google-forms-id.csv'), 'utf8').split(/\r?\n/);
    const lines = [src[0], src[1].replace(/^[^,]+/, '02/12/2999 10.27.12'), src[2].replace(/^[^,]+/, '24/11/1999 14.41.23'), src[3]];
    const file = path.join(dir, 'janggal.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const dry = paten(['survey', 'import', file, '--dry-run', '--yes'], { db });
    expect(dry.code).toBe(0);
    expect(dry.stderr + dry.stdout).toContain('1 baris bertanggal setelah hari ini (baris 2)');
    expect(dry.stderr + dry.stdout).toContain('1 baris bertanggal sebelum tahun 2000 (baris 3)');
    const r = patenJson(['survey', 'import', file, '--yes'], { db });
    expect(JSON.stringify(r)).toContain('bertanggal setelah hari ini');
    expect(patenJson(['survey', 'list'], { db })).toHaveLength(2);
  });
});
