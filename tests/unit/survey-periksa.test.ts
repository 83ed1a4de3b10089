/**
 * The row-checking stage and the identical-row rule on their own, without a file or a terminal:
 * a table shape and records in, rows, tallies and problems out.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, ProblemList } from '../../src/core/errors.js';
import { buatPencocok } from '../../src/survey/cocok.js';
import { BarisSama } from '../../src/survey/baris-sama.js';
import { RowChecker, type TableShape } from '../../src/survey/periksa.js';
import { UNSUR_KEYS } from '../../src/skm/unsur.js';
import type { ResponseRow } from '../../src/survey/store.js';

const header = ['No', 'Tanggal', 'Desa', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'Saran'];
const shape = (lembar: string | null = null): TableShape => ({
  name: 'rekap.xlsx',
  lembar,
  header,
  headerLine: 1,
  kolom: [
    { index: 1, judul: 'Tanggal', target: 'tanggal', aturan: 'judul' },
    { index: 2, judul: 'Desa', target: 'desa', aturan: 'judul' },
    ...UNSUR_KEYS.map((k, i) => ({ index: 3 + i, judul: `U${i + 1}`, target: k, aturan: 'kode' as const })),
    { index: 12, judul: 'Saran', target: 'saran', aturan: 'judul' },
  ],
  urutanUnsur: 'definisi',
  urutanTanggal: 'dmy',
});

function checker(lembar: string | null = null, tanggalDefault: string | null = null) {
  const problems = new ProblemList();
  const c = new RowChecker(shape(lembar), {
    problems,
    cocokLayanan: buatPencocok([]),
    cocokDesa: buatPencocok([{ id: 7, nama: ['Betro'] }]),
    layananDefault: null,
    tanggalDefault,
  });
  return { c, problems };
}

const r = (no: string, tgl: string, answers: string[], saran = '') => [no, tgl, 'Betro', ...answers, saran];
const nine = (v: string) => Array(9).fill(v);

describe('RowChecker', () => {
  it('turns records into rows and skips blank, all-unsur-blank and rekap rows, counting them', () => {
    const { c, problems } = checker();
    expect(c.check(r('1', '03/02/2025', nine('4')), 2)).toMatchObject({ line: 2, tanggal: '2025-02-03', desa_id: 7, jawaban: { persyaratan: 4, sarana: 4 } });
    expect(c.check(r('2', '03/02/2025', nine('')), 3)).toBeNull();
    expect(c.check(['JUMLAH', '', '', ...nine('36')], 4)).toBeNull();
    expect(c.check(['NRR Tertimbang', '', '', ...nine('0,444')], 5)).toBeNull();
    expect(c.check([], 6)).toBeNull();
    const s = c.finish(null);
    expect(problems.total).toBe(0);
    expect(s.baris).toBe(1);
    expect(s.baris_kosong).toEqual({ jumlah: 1, contoh: [{ baris: 3, teks: '2' }] });
    expect(s.baris_rekap.contoh.map((x) => x.teks)).toEqual(['JUMLAH', 'NRR Tertimbang']);
  });

  it('locates problems by sheet and cell in a workbook, and pads a sheet row that ends early', () => {
    const { c, problems } = checker('KTP-el');
    expect(c.check(['1', '03/02/2025', 'Betro', '4', '4', 'Lumayan', '4', '4', '4', '4', '4', '4'], 12)).toBeNull();
    c.finish(null);
    expect(problems.items.map(formatProblem)).toEqual([expect.stringMatching(/^rekap\.xlsx, lembar "KTP-el", sel F12: jawaban "Lumayan" bukan label U3/)]);
  });

  it('gives undated rows the --tanggal date and counts them', () => {
    const { c } = checker(null, '2025-06-30');
    expect(c.check(r('1', '', nine('3')), 2)?.tanggal).toBe('2025-06-30');
    expect(c.check(r('2', '01/06/2025', nine('3')), 3)?.tanggal).toBe('2025-06-01');
    const s = c.finish(null);
    expect(s.baris_tanpa_tanggal).toBe(1);
    expect(s.periode).toEqual({ dari: '2025-06-01', sampai: '2025-06-30' });
  });

  it('names a block typed from a 1–10 form once, at the top, with its first cell', () => {
    const { c, problems } = checker();
    c.check(r('1', '03/02/2025', nine('4')), 2);
    for (let line = 3; line <= 5; line++) c.check(r(String(line), '03/02/2025', nine(String(5 + line))), line);
    c.finish(null);
    expect(problems.items[0].message).toMatch(/^nilai sampai 10 ada di 9 kolom unsur \(27 jawaban; pertama di baris 3, kolom 4\)/);
  });
});

describe('BarisSama (rows identical to stored ones)', () => {
  const row = (waktu: string | null): ResponseRow => ({ line: 2, tanggal: '2025-02-03', waktu, jawaban: {} });
  const stored = { batch: 1, berkas: null, line: 9 };

  it('leaves out a timed row again and refuses untimed ones until --baris-sama decides', () => {
    const s = new BarisSama(undefined);
    expect(s.skip(row('10:00:00'), 2, stored)).toBe(true);
    expect(s.skip(row(null), 3, stored)).toBe(false);
    const problems = new ProblemList();
    s.finish(problems, { file: 'x.csv' });
    expect(s.report).toMatchObject({ jumlah: 2, dilewati: 1, tanpa_jam: 1, per_batch: [{ batch: 1, berkas: null, jumlah: 1 }] });
    expect(problems.items[0].message).toContain('1 baris sama persis dengan jawaban yang sudah ada (baris 3 = batch 1 baris 9)');
  });

  it('lewati leaves out every identical row, simpan stores every one; neither refuses', () => {
    for (const [aturan, dilewati] of [['lewati', 2], ['simpan', 0]] as const) {
      const s = new BarisSama(aturan);
      s.skip(row('10:00:00'), 2, stored);
      s.skip(row(null), 3, { batch: null, berkas: 'januari.csv', line: 4 });
      const problems = new ProblemList();
      s.finish(problems, { file: 'x.csv' });
      expect(problems.empty).toBe(true);
      expect(s.report.dilewati).toBe(dilewati);
    }
  });
});
