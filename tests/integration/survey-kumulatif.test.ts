/**
 * Cumulative re-exports: Google Forms, Microsoft Forms and Kobo always export every response so
 * far. Importing January's download and then March's (January's rows and new ones) must store
 * January once; rows without a time of day (paper forms) are never dropped silently.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { cleanup, fileHash, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { formsCsv, writeFile, FORMS_HEADER, LABELS, QUESTIONS } from '../helpers/survey.js';

const dir = tempDir('paten-kumulatif-');
afterAll(() => cleanup(dir));
/** A fresh copy of the Kemlagi sample database. */
const freshDb = sampleDbCopies(dir);

const p2 = (x: number) => String(x).padStart(2, '0');
/** Respondent i of 2025: a distinct timestamp (or only a date), varied answers. */
function responden(i: number, jam = true) {
  const day = 1 + Math.floor(i / 6);
  const month = 1 + Math.floor((day - 1) / 28);
  const ts = `${p2(1 + ((day - 1) % 28))}/${p2(month)}/2025${jam ? ` ${p2(8 + (i % 6))}.${p2((i * 7) % 60)}.${p2((i * 13) % 60)}` : ''}`;
  return { ts, cells: QUESTIONS.map((_, k) => 1 + ((i * 5 + k) % 4)), saran: !jam ? `nomor kuesioner ${i}` : i % 7 ? '' : `saran ${i}` };
}
const rows = (from: number, to: number, jam = true) => Array.from({ length: to - from }, (_, k) => responden(from + k, jam));

function ikm(db: string) {
  const r = patenJson(['ikm', '--tahun', '2025'], { db });
  return { responden: r.responden, konversi: r.konversi, unsur: r.unsur.map((u: { jumlah: number }) => u.jumlah) };
}

describe('survey import: cumulative re-exports', () => {
  it('January, then March = January + new rows: only the new rows are stored, and the summary says how many were there', () => {
    const jan = writeFile(dir, 'skm-januari.csv', formsCsv(rows(0, 400)));
    const mar = writeFile(dir, 'skm-maret.csv', formsCsv(rows(0, 430)));
    const db = freshDb();
    expect(patenJson(['survey', 'import', jan], { db }).berkas[0]).toMatchObject({ baris: 400, baru: 400, batch: 1 });
    const dry = paten(['survey', 'import', mar, '--dry-run'], { db });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('skm-maret.csv: 430 baris');
    expect(dry.stderr).toContain('400 sudah tersimpan (batch 1), 30 baru');
    const r = paten(['survey', 'import', mar], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('400 sudah tersimpan (batch 1), 30 baru; diimpor sebagai batch 2');
    const list = patenJson(['survey', 'list'], { db });
    expect(list.map((b: { id: number; baris: number; dilewati: number }) => [b.id, b.baris, b.dilewati])).toEqual([[1, 400, 0], [2, 30, 400]]);
    expect(paten(['survey', 'list'], { db }).stdout).toMatch(/2\s+skm-maret\.csv\s+30\s+400/);
    // The IKM equals importing March's download alone.
    const alone = freshDb();
    patenJson(['survey', 'import', mar], { db: alone });
    expect(ikm(db)).toEqual(ikm(alone));
    // A third download with nothing new stores no batch at all.
    const again = writeFile(dir, 'skm-maret-lagi.csv', formsCsv(rows(0, 430)) + '\n');
    const before = fileHash(db);
    const j = patenJson(['survey', 'import', again], { db });
    expect(j.berkas[0]).toMatchObject({ baris: 430, baru: 0, batch: null, baris_sama: { dilewati: 430 } });
    expect(fileHash(db)).toBe(before);
  });

  it('both downloads in one command: March’s copy of January is left out too', () => {
    const jan = writeFile(dir, 'satu-januari.csv', formsCsv(rows(0, 50)));
    const mar = writeFile(dir, 'satu-maret.csv', formsCsv(rows(0, 70)));
    const db = freshDb();
    const r = patenJson(['survey', 'import', jan, mar], { db });
    expect(r.berkas.map((f: { baru: number; baris_sama: { dilewati: number } }) => [f.baru, f.baris_sama.dilewati])).toEqual([[50, 0], [20, 50]]);
    expect(r.berkas[1].baris_sama.per_batch).toEqual([{ batch: null, berkas: 'satu-januari.csv', jumlah: 50 }]);
    expect(ikm(db).responden).toBe(70);
  });

  it('a CSV download and a workbook of the same responses match by what they say, not how they spell it', async () => {
    const db = freshDb();
    patenJson(['survey', 'import', writeFile(dir, 'csv-dulu.csv', formsCsv(rows(0, 20)))], { db });
    const data = [
      FORMS_HEADER.map((h) => ({ value: h })),
      ...rows(0, 25).map((r) => {
        const [d, m, rest] = r.ts.split('/');
        const [y, t] = rest.split(' ');
        const [hh, mi, ss] = t.split('.').map(Number);
        return [
          { value: new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), hh, mi, ss)), format: 'dd/mm/yyyy hh:mm:ss' },
          { value: 'Perempuan' },
          { value: 35 },
          { value: 'KTP' },
          { value: 'Betro' },
          ...r.cells.map((v, k) => ({ value: LABELS[QUESTIONS[k][0]][v - 1] })),
          r.saran ? { value: r.saran } : null,
        ];
      }),
    ];
    const file = path.join(dir, 'lalu-excel.xlsx');
    await writeExcelFile([{ sheet: 'Jawaban', data: data as never }]).toFile(file);
    const r = patenJson(['survey', 'import', file], { db });
    expect(r.berkas[0]).toMatchObject({ baru: 5, baris_sama: { dilewati: 20 } });
  });

  it('identical rows without a time of day (paper forms) are never dropped silently: refused, then --baris-sama decides', () => {
    const db = freshDb();
    patenJson(['survey', 'import', writeFile(dir, 'kertas-1.csv', formsCsv(rows(0, 10, false))), '--baris-sama', 'simpan'], { db });
    const second = writeFile(dir, 'kertas-2.csv', formsCsv(rows(5, 15, false)));
    const before = fileHash(db);
    const e = paten(['survey', 'import', second], { db });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('kertas-2.csv: 5 baris sama persis dengan jawaban yang sudah ada (baris 2 = batch 1 baris 7, baris 3 = batch 1 baris 8');
    expect(e.stderr).toContain('--baris-sama lewati');
    expect(e.stderr).toContain('--baris-sama simpan');
    expect(fileHash(db)).toBe(before);
    const dry = paten(['survey', 'import', second, '--dry-run'], { db });
    expect(dry.code).toBe(1);
    expect(fileHash(db)).toBe(before);
    const bad = paten(['survey', 'import', second, '--baris-sama', 'hapus'], { db });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--baris-sama "hapus"');

    const skip = freshDb();
    fs.copyFileSync(db, skip);
    expect(patenJson(['survey', 'import', second, '--baris-sama', 'lewati'], { db: skip }).berkas[0]).toMatchObject({ baru: 5, baris_sama: { jumlah: 5, dilewati: 5, tanpa_jam: 5 } });
    expect(ikm(skip).responden).toBe(15);
    const keep = patenJson(['survey', 'import', second, '--baris-sama', 'simpan'], { db });
    expect(keep.berkas[0]).toMatchObject({ baru: 10, baris_sama: { jumlah: 5, dilewati: 0 } });
    expect(ikm(db).responden).toBe(20);
  });

  it('two respondents of one file who answered alike are both stored', () => {
    const same = [responden(1, false), responden(1, false), responden(2, false)];
    const db = freshDb();
    const r = patenJson(['survey', 'import', writeFile(dir, 'kembar.csv', formsCsv(same))], { db });
    expect(r.berkas[0]).toMatchObject({ baris: 3, baru: 3, baris_sama: { jumlah: 0 } });
  });

  it('the dry run gives the same counts, the identical file is still refused, and a bad new row stores nothing', () => {
    const jan = writeFile(dir, 'uji-januari.csv', formsCsv(rows(0, 40)));
    const db = freshDb();
    patenJson(['survey', 'import', jan], { db });
    const before = fileHash(db);
    const again = paten(['survey', 'import', jan], { db });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('sudah diimpor sebagai batch 1');
    expect(fileHash(db)).toBe(before);

    const mar = writeFile(dir, 'uji-maret.csv', formsCsv(rows(0, 46)));
    const dry = patenJson(['survey', 'import', mar, '--dry-run'], { db });
    expect(dry.berkas[0]).toMatchObject({ baris: 46, baru: 6, batch: null, baris_sama: { jumlah: 40, dilewati: 40, tanpa_jam: 0, per_batch: [{ batch: 1, berkas: null, jumlah: 40 }] } });
    expect(fileHash(db)).toBe(before);

    // One answer written as a word: the cells of this copy may hold text.
    const bad: { ts: string; cells: (number | string)[]; saran: string }[] = rows(0, 46);
    bad[43] = { ...bad[43], cells: bad[43].cells.map((c, k) => (k === 2 ? 'Lumayan' : c)) };
    const rusak = writeFile(dir, 'uji-maret-rusak.csv', formsCsv(bad));
    const e = paten(['survey', 'import', rusak], { db });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('baris 45');
    expect(fileHash(db)).toBe(before);
    expect(patenJson(['survey', 'list'], { db }).map((b: { id: number }) => b.id)).toEqual([1]);
  });

  it('sheets named after two layanan with alike paper-form rows are different respondents, also on a later import', async () => {
    const header = FORMS_HEADER.filter((h) => h !== 'Jenis Layanan').map((h) => ({ value: h }));
    const sheet = (n: number) => [
      header,
      ...Array.from({ length: n }, (_, k) => [
        { value: new Date(Date.UTC(2025, 1, 3)), format: 'dd/mm/yyyy' },
        { value: 'Laki-laki' },
        { value: 40 },
        { value: 'Betro' },
        ...QUESTIONS.map(([key]) => ({ value: LABELS[key][k < 2 ? 3 : k % 3] })),
        null,
      ]),
    ];
    const file = path.join(dir, 'per-layanan.xlsx');
    await writeExcelFile([
      { sheet: 'KTP-el', data: sheet(3) as never },
      { sheet: 'KK', data: sheet(3) as never },
    ]).toFile(file);
    const db = freshDb();
    const r = patenJson(['survey', 'import', file], { db });
    // Rows 2 and 3 of each sheet answered alike (all "very good"), and so did KK's and KTP-el's: all kept.
    expect(r.berkas.map((f: { baru: number; baris_sama: { jumlah: number } }) => [f.baru, f.baris_sama.jumlah])).toEqual([[3, 0], [3, 0]]);
    // The KK sheet gains a row: its first three rows are KK's, not KTP-el's.
    const later = path.join(dir, 'per-layanan-2.xlsx');
    await writeExcelFile([{ sheet: 'KK', data: sheet(4) as never }]).toFile(later);
    const e = paten(['survey', 'import', later], { db });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('baris 2 = batch 2 baris 2');
    const ok = patenJson(['survey', 'import', later, '--baris-sama', 'lewati'], { db });
    expect(ok.berkas[0]).toMatchObject({ baru: 1, baris_sama: { dilewati: 3, per_batch: [{ batch: 2, jumlah: 3 }] } });
    expect(ikm(db).responden).toBe(7);
  });
});
