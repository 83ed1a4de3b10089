import { describe, expect, it } from 'vitest';
import { tableName } from '../../src/core/csv.js';
import { UserError } from '../../src/core/errors.js';
import { tableFromSheets } from '../../src/core/table.js';

describe('tableFromSheets', () => {
  it('takes the first sheet with data, header = first non-empty row, positions kept', () => {
    const t = tableFromSheets('desa.xlsx', [
      { name: 'Petunjuk', rows: [[null, '  ']] },
      {
        name: 'Desa',
        rows: [
          [],
          [null, ' kode ', 'nama', 'dibuat'],
          [null, 3516152001, 'Betro', new Date(Date.UTC(2025, 0, 2))],
          [null, null, '', null],
          [null, 3516152002.0, 'Watesprojo', true],
        ],
      },
    ]);
    expect(t).toEqual({
      file: 'desa.xlsx',
      sheet: 'Desa',
      delimiter: '',
      encoding: 'utf-8',
      header: ['', 'kode', 'nama', 'dibuat'],
      records: [
        { line: 3, values: ['', '3516152001', 'Betro', '2025-01-02'] },
        { line: 5, values: ['', '3516152002', 'Watesprojo', 'TRUE'] },
      ],
    });
    expect(tableName(t)).toBe('desa.xlsx, lembar "Desa"');
    expect(tableName({ ...t, sheet: undefined })).toBe('desa.xlsx');
  });
  it('refuses a workbook without data, naming its sheets', () => {
    expect(() => tableFromSheets('kosong.xlsx', [{ name: 'Lembar1', rows: [] }, { name: 'Lembar2', rows: [[null]] }])).toThrow(UserError);
    expect(() => tableFromSheets('kosong.xlsx', [{ name: 'Lembar1', rows: [] }])).toThrow(/kosong\.xlsx: buku kerja kosong .*"Lembar1"/);
  });
});
