/**
 * Typed errors. Everything a user can cause is a UserError (exit 1) with an Indonesian message;
 * anything else is treated as an internal error (exit 2) by the CLI's single exit point.
 */
export class UserError extends Error {
  readonly hint?: string;
  readonly details: string[];
  constructor(message: string, opts: { hint?: string; details?: string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }
}

/**
 * A problem located in an input file: file, line (1-based) and column (1-based or a column name).
 * In a workbook, `sheet` names the sheet, line is the Excel row number and a numeric column is
 * shown as its letter, so the message names the cell (`lembar "KTP-el", sel F12`).
 */
export interface InputProblem {
  file: string;
  sheet?: string;
  line?: number;
  column?: number | string;
  message: string;
}

/** Excel's letters for a 1-based column number (1 → A, 27 → AA). */
export function columnLetters(col1: number): string {
  let n = col1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function formatProblem(p: InputProblem): string {
  let where = p.file;
  if (p.sheet !== undefined) {
    where += `, lembar "${p.sheet}"`;
    if (p.line !== undefined && typeof p.column === 'number') return `${where}, sel ${columnLetters(p.column)}${p.line}: ${p.message}`;
  }
  if (p.line !== undefined) where += `, baris ${p.line}`;
  if (p.column !== undefined) {
    if (typeof p.column === 'string') where += `, kolom "${p.column}"`;
    else where += p.sheet !== undefined ? `, kolom ${columnLetters(p.column)}` : `, kolom ${p.column}`;
  }
  return `${where}: ${p.message}`;
}

/** Collects problems (up to a limit) so that a user sees all of them at once, not just the first. */
export class ProblemList {
  readonly items: InputProblem[] = [];
  total = 0;
  constructor(readonly limit = 50) {}
  add(p: InputProblem): void {
    this.total++;
    if (this.items.length < this.limit) this.items.push(p);
  }
  get empty(): boolean {
    return this.total === 0;
  }
  /** Throws a UserError listing every collected problem, if there is any. */
  throwIfAny(summary: string, hint?: string): void {
    if (this.empty) return;
    const details = this.items.map(formatProblem);
    if (this.total > this.items.length) details.push(`… dan ${this.total - this.items.length} masalah lain`);
    throw new UserError(`${summary} (${this.total} masalah)`, { details, hint });
  }
}

export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

/** A failed write of `file` as an Indonesian user error. */
export function fileWriteError(file: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new UserError(`Tidak dapat menulis ${file}: tidak ada izin menulis di folder ini, atau berkas itu sedang dibuka di program lain.`);
  if (code === 'EBUSY') return new UserError(`Tidak dapat menulis ${file}: berkas itu sedang dibuka di program lain; tutup dulu, lalu ulangi.`);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError(`Tidak dapat menulis ${file}: folder tidak ada.`);
  if (code === 'ENOSPC') return new UserError(`Tidak dapat menulis ${file}: disk penuh; kosongkan ruang lalu ulangi.`);
  if (code === 'EISDIR') return new UserError(`Tidak dapat menulis ${file}: itu adalah folder; berikan nama berkas.`);
  if (code === 'EBADF' || code === 'EIO') return new UserError(`Tidak dapat menulis ${file}: galat baca/tulis disk; periksa disk atau flashdisk lalu ulangi.`);
  return new UserError(`Tidak dapat menulis ${file}: ${(e as Error).message}`);
}
