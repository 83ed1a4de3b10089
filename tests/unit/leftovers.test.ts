import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemps, tempOwner } from '../../src/core/tempfiles.js';
import { TanggalJanggal, hariIni, tanggalJanggal } from '../../src/survey/wajar.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-leftovers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('survey date plausibility', () => {
  it('flags dates after tomorrow and before 2000, nothing else', () => {
    expect(tanggalJanggal('2025-06-01', '2025-06-01')).toBeNull();
    expect(tanggalJanggal('2025-06-02', '2025-06-01')).toBeNull(); // one day for time zones
    expect(tanggalJanggal('2025-06-03', '2025-06-01')).toBe('masa_depan');
    expect(tanggalJanggal('2000-01-01', '2025-06-01')).toBeNull();
    expect(tanggalJanggal('1999-12-31', '2025-06-01')).toBe('terlalu_lama');
    expect(tanggalJanggal('2025-01-01', '2024-12-31')).toBeNull();
    expect(tanggalJanggal('2025-01-02', '2024-12-31')).toBe('masa_depan');
  });

  it('counts every row and names the first ten lines', () => {
    const j = new TanggalJanggal('2025-06-01');
    for (let line = 2; line < 14; line++) j.periksa('2026-01-01', line);
    j.periksa('1970-01-01', 20);
    j.periksa('2025-05-05', 21);
    expect(j.peringatan()).toEqual([
      '12 baris bertanggal setelah hari ini (baris 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …); periksa tanggalnya, jawaban tetap disimpan',
      '1 baris bertanggal sebelum tahun 2000 (baris 20); periksa tanggalnya, jawaban tetap disimpan',
    ]);
    expect(new TanggalJanggal('2025-06-01').peringatan()).toEqual([]);
  });

  it('hariIni is the local calendar date', () => {
    expect(hariIni(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
  });
});

describe('stale temporary files', () => {
  it('knows paten\'s own names only', () => {
    expect(tempOwner('.laporan.pdf.1234.tmp')).toBe(1234);
    expect(tempOwner('.cadangan.db.77.tmp-wal')).toBe(77);
    expect(tempOwner('cadangan.db.77.tmp')).toBe(77); // db backup before paten 0.1
    expect(tempOwner('cadangan.db.77.tmp-journal')).toBe(77);
    for (const n of ['laporan.pdf', 'data.77.tmp', '.bashrc', '.x.tmp', 'catatan.77.tmp.txt']) expect(tempOwner(n)).toBeUndefined();
  });

  it('removes those of a process that is gone, keeps live ones and every other file', () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const gone = Number(dead.stdout.trim());
    const names = [`.desa.csv.${gone}.tmp`, `.poster.pdf.${gone}.tmp`, `b.db.${gone}.tmp`, `b.db.${gone}.tmp-journal`, `.mine.csv.${process.pid}.tmp`, 'desa.csv', `data.${gone}.tmp`];
    for (const n of names) fs.writeFileSync(path.join(dir, n), 'x');
    expect(removeStaleTemps(dir)).toBe(4);
    expect(fs.readdirSync(dir).sort()).toEqual([`.mine.csv.${process.pid}.tmp`, `data.${gone}.tmp`, 'desa.csv'].sort());
    expect(removeStaleTemps(path.join(dir, 'tidak-ada'))).toBe(0);
  });
});
