import { UserError } from './errors.js';

/** Parses JSON text (BOM allowed); a syntax error names the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const upto = body.slice(0, Number(pos[1]));
      const line = upto.split('\n').length;
      const col = upto.length - upto.lastIndexOf('\n');
      where = `, baris ${line}, kolom ${col}`;
    }
    throw new UserError(`${file}${where}: JSON tidak valid (${msg}).`);
  }
}

/** How paten stores a moment: the machine's wall-clock time, `2026-12-03 08:14:31`. */
const STORED_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * A stored timestamp as ISO 8601 with the offset of the zone it was written in
 * (`2026-12-03T08:14:31+07:00` on an office machine in WIB). paten writes wall-clock time of the
 * machine (isoDateTimeLocal), so that zone's offset at that moment is the one that makes it exact.
 */
export function isoWithOffset(stored: string): string {
  const m = STORED_TIMESTAMP.exec(stored);
  if (!m) return stored;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const off = -new Date(y, mo - 1, d, h, mi, s).getTimezoneOffset();
  const p = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${off < 0 ? '-' : '+'}${p(off / 60)}:${p(off % 60)}`;
}

/** JSON text for `--json`: every stored timestamp in it as ISO 8601 with its offset. */
export function jsonOutput(data: unknown): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' && STORED_TIMESTAMP.test(v) ? isoWithOffset(v) : v), 2);
}
