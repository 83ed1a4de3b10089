import { describe, expect, it } from 'vitest';
import { bagianBulan, geserTahun, parsePeriodeArg, parseTahunArg, periodeRentang, periodeTahun } from '../../src/ikm/periode.js';

describe('periods', () => {
  it('parses --periode units and parts', () => {
    expect(parsePeriodeArg(undefined)).toEqual({ satuan: 'tahun', ke: null });
    expect(parsePeriodeArg('semester')).toEqual({ satuan: 'semester', ke: null });
    expect(parsePeriodeArg('Triwulan:3')).toEqual({ satuan: 'triwulan', ke: 3 });
    expect(parsePeriodeArg('bulan-11')).toEqual({ satuan: 'bulan', ke: 11 });
    expect(() => parsePeriodeArg('triwulan:5')).toThrow(/1–4/);
    expect(() => parsePeriodeArg('minggu')).toThrow(/tidak dikenal/);
    expect(() => parseTahunArg('23')).toThrow(/empat angka/);
  });
  it('builds date ranges with Indonesian labels', () => {
    expect(periodeTahun(2023, 'tahun', null)).toMatchObject({ dari: '2023-01-01', sampai: '2023-12-31', label: 'Tahun 2023', setahun: true });
    expect(periodeTahun(2023, 'semester', 2)).toMatchObject({ dari: '2023-07-01', sampai: '2023-12-31', label: 'Semester II 2023' });
    expect(periodeTahun(2024, 'triwulan', 1)).toMatchObject({ dari: '2024-01-01', sampai: '2024-03-31', label: 'Triwulan I 2024' });
    expect(periodeTahun(2024, 'bulan', 2)).toMatchObject({ sampai: '2024-02-29', label: 'Februari 2024' });
    expect(periodeRentang('2023-03-01', '2023-06-30')).toMatchObject({ label: '1 Maret 2023 – 30 Juni 2023', tahun: 2023, setahun: false });
    expect(() => periodeRentang('2023-02-30', '2023-06-30')).toThrow(/--dari/);
    expect(() => periodeRentang('2023-07-01', '2023-06-30')).toThrow(/sesudah/);
  });
  it('shifts a period to another year for --banding', () => {
    expect(geserTahun(periodeTahun(2023, 'triwulan', 2), 2021)).toMatchObject({ dari: '2021-04-01', sampai: '2021-06-30' });
    expect(geserTahun(periodeRentang('2024-01-15', '2024-02-29'), 2023)).toMatchObject({ dari: '2023-01-15', sampai: '2023-02-28' });
    expect(() => geserTahun(periodeRentang('2022-12-01', '2023-01-31'), 2021)).toThrow(/satu tahun/);
  });
  it('folds months into sub-periods', () => {
    expect(bagianBulan('semester', '2023-07')).toEqual({ kunci: '2023-S2', label: 'Semester II 2023' });
    expect(bagianBulan('triwulan', '2023-03')).toEqual({ kunci: '2023-T1', label: 'Triwulan I 2023' });
    expect(bagianBulan('bulan', '2023-11')).toEqual({ kunci: '2023-11', label: 'November 2023' });
  });
});
