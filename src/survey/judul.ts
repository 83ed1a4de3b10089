/**
 * The header stage of `paten survey import`: which of a table's first records is the row of column
 * titles. Excel sheets often start with a title row or two ("DATA SKM 2023;;;;") above it.
 */

/** Records searched for the header row (Excel sheets often start with a title row or two). */
export const HEADER_SEARCH = 10;

/**
 * The header row: the first record filled at least half as wide as the widest of the first few, so
 * that a title row like "DATA SKM 2023;;;;" above the real header is skipped.
 */
export function headerIndex(records: string[][]): number {
  const filled = records.slice(0, HEADER_SEARCH).map((r) => r.filter((v) => v.trim() !== '').length);
  const widest = Math.max(...filled);
  return Math.max(0, filled.findIndex((n) => n >= 2 && n * 2 >= widest));
}
