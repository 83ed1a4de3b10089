import { describe, expect, it } from 'vitest';
import { formatAngka, formatTanggal, formatTanggalHari, formatTanggalJam, roundHalfUp, isValidIsoDate } from '../../src/core/format.js';
import { safeFileSlug, defaultDataDir, resolveDbPath } from '../../src/core/paths.js';

describe('roundHalfUp', () => {
  it('rounds half up on the decimal value, like Excel', () => {
    expect(roundHalfUp(83.625, 2)).toBe(83.63);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(83.62499999999999, 2)).toBe(83.63);
    expect(roundHalfUp(88.30499, 2)).toBe(88.3);
    expect(roundHalfUp(0.5, 0)).toBe(1);
    expect(roundHalfUp(-1.005, 2)).toBe(-1.01);
  });
});

describe('Indonesian formatting', () => {
  it('formats numbers with comma decimals and dot thousands', () => {
    expect(formatAngka(83.38, 2)).toBe('83,38');
    expect(formatAngka(1234)).toBe('1.234');
    expect(formatAngka(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatAngka(83.625, 2)).toBe('83,63');
    expect(formatAngka(100, 2)).toBe('100,00');
  });
  it('formats dates in Indonesian', () => {
    expect(formatTanggalJam('2026-12-01 08:44:10')).toBe('1 Desember 2026 08.44');
    expect(formatTanggal('2026-11-23')).toBe('23 November 2026');
    expect(formatTanggal('2023-01-01 05:58:00')).toBe('1 Januari 2023');
    expect(formatTanggalHari('2026-11-24')).toBe('Selasa, 24 November 2026');
  });
  it('validates calendar dates', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-13-01')).toBe(false);
  });
});

describe('paths', () => {
  it('makes file names safe on Windows and Linux', () => {
    expect(safeFileSlug('Watesprojo')).toBe('watesprojo');
    expect(safeFileSlug('Desa: "Baru"/Lama?*<>|')).toBe('desa-baru-lama');
    expect(safeFileSlug('Pandan Krajan')).toBe('pandan-krajan');
    expect(safeFileSlug('CON')).toBe('con-');
    expect(safeFileSlug('Désa Ünik')).toBe('desa-unik');
    expect(safeFileSlug('')).toBe('tanpa-nama');
  });
  it('uses the platform data folder', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'C:\\Users\\op')).toBe('C:\\Users\\op\\AppData\\Roaming\\paten');
    expect(defaultDataDir('darwin', {}, '/Users/op')).toBe('/Users/op/Library/Application Support/paten');
    expect(defaultDataDir('linux', {}, '/home/op')).toBe('/home/op/.local/share/paten');
  });
  it('--db beats PATEN_DB beats the default', () => {
    expect(resolveDbPath('/a/x.db', { PATEN_DB: '/b/y.db' }).source).toBe('--db');
    expect(resolveDbPath(undefined, { PATEN_DB: '/b/y.db' })).toEqual({ path: '/b/y.db', source: 'PATEN_DB' });
    expect(resolveDbPath(undefined, {}).source).toBe('bawaan');
  });
});
