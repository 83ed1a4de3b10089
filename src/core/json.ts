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
