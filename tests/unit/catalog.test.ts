import { describe, expect, it } from 'vitest';
import { parseCsvText, sniffDelimiter, decodeText, toCsv } from '../../src/core/csv.js';
import { checkLayanan, parseCatalogCsv, catalogToCsvRows, LAYANAN_CSV_HEADER, type Layanan } from '../../src/layanan/index.js';
import { checkDesa, jenisFromKode, normalizeKode } from '../../src/desa/index.js';
import { UserError } from '../../src/core/errors.js';

describe('csv core', () => {
  it('sniffs the delimiter, ignoring quoted text', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('"x;y",b,c')).toBe(',');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
  });
  it('decodes UTF-8 with BOM and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\uFEFFBétro', 'utf8'))).toEqual({ text: 'Bétro', encoding: 'utf-8' });
    expect(decodeText(Buffer.from([0x42, 0xe9, 0x74, 0x72, 0x6f]))).toEqual({ text: 'Bétro', encoding: 'windows-1252' });
  });
  it('keeps the start line of multi-line records', () => {
    const t = parseCsvText('a,b\r\n1,"dua\r\nbaris"\r\n3,4\r\n', 'x.csv');
    expect(t.records).toEqual([
      { line: 2, values: ['1', 'dua\r\nbaris'] },
      { line: 4, values: ['3', '4'] },
    ]);
  });
  it('writes Excel-friendly CSV and quotes what needs quoting', () => {
    expect(toCsv(['a', 'b'], [['x;y', 'k"u']], ';')).toBe('\uFEFFa;b\r\n"x;y";"k""u"\r\n');
  });
  it('an unclosed quote names the line', () => {
    expect(() => parseCsvText('a,b\n1,"2\n', 'q.csv')).toThrow(/q\.csv, baris 2: tanda kutip/);
  });
});

describe('desa rules', () => {
  it('normalises Kemendagri codes and infers jenis', () => {
    expect(normalizeKode('35.16.15.2001')).toBe('3516152001');
    expect(jenisFromKode('3516152001')).toBe('desa');
    expect(jenisFromKode('3516151001')).toBe('kelurahan');
    expect(checkDesa({ kode: '35161520', nama: 'X' })).toEqual({ ok: false, errors: [{ field: 'kode', message: expect.stringContaining('10 angka') }] });
  });
});

describe('layanan rules', () => {
  it('fills defaults and derives the slug from the name', () => {
    const r = checkLayanan({ nama: '  Surat Keterangan  Usaha ', persyaratan: [' Pengantar desa '] });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ slug: 'surat-keterangan-usaha', nama: 'Surat Keterangan Usaha', biaya: 'Gratis', kategori: 'non-perizinan', persyaratan: ['Pengantar desa'] }),
    });
  });
  it('CSV rows round-trip through the catalog model', () => {
    const l: Layanan = {
      id: 1, slug: 'sktm', nama: 'SKTM', kategori: 'non-perizinan', persyaratan: ['A', 'B, dengan koma'], prosedur: ['P1'],
      waktu: '15 menit', biaya: 'Gratis', produk: null, dasar_hukum: null, catatan: 'catatan "penting"', alias: ['tidak mampu', 'sktm'], urutan: 1, diperbarui: '2026-11-01',
    };
    const text = toCsv([...LAYANAN_CSV_HEADER], catalogToCsvRows([l]));
    const parsed = parseCatalogCsv(parseCsvText(text, 'k.csv'));
    expect(parsed).toHaveLength(1);
    expect(parsed[0].input).toMatchObject({ slug: 'sktm', nama: 'SKTM', persyaratan: ['A', 'B, dengan koma'], prosedur: ['P1'], catatan: 'catatan "penting"', alias: ['tidak mampu', 'sktm'] });
  });
  it('orders requirements by their number, not by row order', () => {
    const parsed = parseCatalogCsv(parseCsvText('slug,nama,no,teks\nx,X,2,Kedua\nx,,1,Pertama\n', 'k.csv'));
    expect(parsed[0].input.persyaratan).toEqual(['Pertama', 'Kedua']);
  });
  it('a missing required column is a user error with the expected header', () => {
    expect(() => parseCatalogCsv(parseCsvText('nama,teks\nX,A\n', 'k.csv'))).toThrow(UserError);
  });
});
