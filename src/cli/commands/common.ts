/** Small helpers shared by command files (argument parsing and confirmation only: no logic). */
import { UserError } from '../../core/errors.js';
import { canPrompt, confirm } from '../prompt.js';
import { toCsv, writeFileAtomic, type CsvOptions } from '../../core/csv.js';
import type { Command } from 'commander';
import type { Db } from '../../db/index.js';
import { context } from '../context.js';
import { info, printJson, success, writeData } from '../output.js';
import type { UbahDaftar } from '../../core/daftar.js';
import { formatAngka } from '../../core/format.js';
import type { HasilCocokUlang } from '../../survey/cocok.js';

/** commander: a repeatable option collects its values in order. */
export const collect = (v: string, prev: string[] = []) => [...prev, v];
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** Destructive actions: asked on a terminal, otherwise require --yes. */
export async function confirmOrYes(yes: boolean | undefined, question: string): Promise<void> {
  if (yes) return;
  if (!canPrompt()) throw new UserError(`${question} Tambahkan --yes untuk melanjutkan tanpa pertanyaan.`);
  if (!(await confirm(question, false))) throw new UserError('Dibatalkan; tidak ada yang diubah.');
}

export function parseDelimiter(v: string | undefined): ',' | ';' | '\t' {
  if (v === undefined || v === ',' || v === 'koma') return ',';
  if (v === ';' || v === 'titik-koma' || v === 'titikkoma') return ';';
  if (v === '\\t' || v === 'tab' || v === '\t') return '\t';
  throw new UserError(`Pemisah "${v}" tidak dikenal (argumen --pemisah): pakai "," (koma), ";" (titik-koma) atau "tab".`);
}

/** Writes CSV to --out (atomically, Excel-friendly) or to stdout. */
export function emitCsv(header: string[], rows: unknown[][], out: string | undefined, delimiter: string, what: string, opts: CsvOptions = {}): void {
  const text = toCsv(header, rows, delimiter, opts);
  if (out) {
    writeFileAtomic(out, text);
    success(`${what}: ${rows.length} baris ditulis ke ${out}`);
  } else writeData(text.replace(/^\uFEFF/, ''));
}

export function parseIntArg(v: string, flag: string, opts: { min?: number } = {}): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new UserError(`Nilai "${v}" untuk ${flag} harus bilangan bulat.`);
  if (opts.min !== undefined && n < opts.min) throw new UserError(`Nilai ${flag} minimal ${opts.min}, bukan ${n}.`);
  return n;
}

/**
 * `--tambah-FIELD X` / `--hapus-FIELD X` (repeatable) on an `edit` command: the CLI's one way to
 * change a list item by item, next to `--FIELD` which replaces the whole list (README "Lists").
 */
export function listEditFlags(cmd: Command, field: string, what: string): Command {
  return cmd
    .option(`--tambah-${field} <teks>`, `tambah satu ${what} ke daftar yang ada; ulangi bila lebih dari satu`, collect)
    .option(`--hapus-${field} <teks>`, `hapus satu ${what} dari daftar yang ada; ulangi bila lebih dari satu`, collect);
}

/**
 * The item edits given for `field`, or undefined when there are none. Refused next to the
 * replacing `--FIELD` flag: "replace the list and also add to it" has no single meaning.
 */
export function listEditFromFlags(o: Record<string, unknown>, field: string): UbahDaftar | undefined {
  const tambah = (o[camel(`tambah-${field}`)] as string[] | undefined) ?? [];
  const hapus = (o[camel(`hapus-${field}`)] as string[] | undefined) ?? [];
  if (tambah.length === 0 && hapus.length === 0) return undefined;
  if (o[camel(field)] !== undefined)
    throw new UserError(`--${field} mengganti seluruh daftar, jadi tidak dapat digabung dengan --tambah-${field}/--hapus-${field}.`, {
      hint: `Pakai --${field} saja untuk menulis ulang daftarnya, atau --tambah-${field}/--hapus-${field} saja untuk mengubah satu per satu.`,
    });
  return { bendera: field, tambah, hapus };
}

/** `edit` commands: at least one field must be given (the hint shows an example). */
export function requireChanges(changes: object, example: string): void {
  if (Object.keys(changes).length === 0) throw new UserError('Tidak ada isian yang diubah.', { hint: `Contoh: ${example}` });
}

/** The end of an `edit` command: JSON, "nothing changed", or the list of changed fields. */
export function reportEdit(json: boolean, data: Record<string, unknown>, changed: string[], what: string): void {
  if (json) return printJson({ ...data, diubah: changed });
  if (changed.length === 0) info('Tidak ada perubahan: nilainya sama dengan yang tersimpan.');
  else success(`${what} diperbarui: ${changed.join(', ')}.`);
}

/** The end of a `remove` command, after confirmation. */
export function reportRemoved(json: boolean, removed: unknown, what: string): void {
  if (json) return printJson({ dihapus: removed });
  success(`${what} dihapus.`);
}

/**
 * An `export` subcommand for a registry: CSV that opens cleanly in Excel (to --out or the screen),
 * or the records as JSON with --json.
 */
export function addCsvExport(
  parent: Command,
  spec: { what: string; header: readonly string[]; rows(db: Db): unknown[][]; json(db: Db): unknown },
): void {
  parent
    .command('export')
    .description(`ekspor ${spec.what} ke CSV (terbuka rapi di Excel)`)
    .option('-o, --out <berkas>', 'tulis ke berkas (bawaan: layar)')
    .option('--pemisah <pemisah>', 'pemisah kolom: , ; atau tab', ',')
    .action((o: { out?: string; pemisah?: string }, command: Command) => {
      const ctx = context(command);
      const delimiter = parseDelimiter(o.pemisah);
      const db = ctx.db();
      if (ctx.json) return printJson(spec.json(db));
      emitCsv([...spec.header], spec.rows(db), o.out, delimiter, `Ekspor ${spec.what}`, { desimalTeks: false });
    });
}

/** After a desa/layanan/alias change: how many stored survey answers it linked (nothing when none). */
export function reportTertaut(t: HasilCocokUlang): void {
  if (t.jumlah_tertaut === 0) return;
  const parts = [...t.desa.tertaut, ...t.layanan.tertaut].map((x) => `"${x.teks}" × ${formatAngka(x.jumlah)} → ${x.ke}`);
  info(`${formatAngka(t.jumlah_tertaut)} jawaban survei tersimpan kini tertaut: ${parts.join(', ')}.`);
}
