/**
 * The catalog's file formats: JSON (full fidelity, what `export` writes and `init --contoh` loads)
 * and CSV/.xlsx with one row per requirement or procedure step, so an office can edit it in Excel.
 * Both parse into sourced LayananInput entries for the registry importer; nothing here touches the
 * database.
 */
import { ProblemList, UserError } from '../core/errors.js';
import { normalizeText } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { parseJsonText } from '../core/json.js';
import { csvHeader, exportCells, splitList } from '../registry/fields.js';
import { LAYANAN_FIELDS, type Layanan, type LayananInput } from './model.js';

export interface SourcedInput {
  input: LayananInput;
  /** Where the entry came from, for messages: line (CSV), sheet and row (.xlsx) or index (JSON). */
  where: { sheet?: string; line?: number; column?: string; label?: string };
}

// ---------- JSON ----------

export interface CatalogJson {
  _catatan?: string;
  layanan: (LayananInput & { diperbarui?: string })[];
}

/** Parses a catalog JSON text (an object with "layanan": [...] or a bare array). */
export function parseCatalogJson(text: string, file: string): SourcedInput[] {
  const data = parseJsonText(text, file);
  const list = Array.isArray(data) ? data : (data as CatalogJson | null)?.layanan;
  if (!Array.isArray(list)) throw new UserError(`${file}: JSON harus berisi daftar "layanan": [ … ].`);
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new UserError(`${file}: layanan nomor ${i + 1} bukan objek JSON.`);
    }
    const label = `layanan nomor ${i + 1}${(item as LayananInput).slug ? ` (${(item as LayananInput).slug})` : ''}`;
    return { input: item as LayananInput, where: { label } };
  });
}

export function catalogToJson(items: Layanan[], note?: string): string {
  const out: CatalogJson = {
    ...(note ? { _catatan: note } : {}),
    layanan: items.map((l) => ({
      slug: l.slug,
      nama: l.nama,
      kategori: l.kategori,
      persyaratan: l.persyaratan,
      prosedur: l.prosedur,
      waktu: l.waktu,
      biaya: l.biaya,
      produk: l.produk,
      dasar_hukum: l.dasar_hukum,
      catatan: l.catatan,
      alias: l.alias,
      diperbarui: l.diperbarui,
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

// ---------- CSV (one row per requirement) ----------

/** The layanan-level columns (from the field table), then the item columns. */
export const LAYANAN_CSV_HEADER: readonly string[] = [...csvHeader(LAYANAN_FIELDS), 'bagian', 'no', 'teks'];

/** The layanan-level fields other than the slug: blank or repeated on a layanan's later rows. */
const SCALAR = LAYANAN_FIELDS.filter((f) => !f.flagOnly && f.key !== 'slug');

export function catalogToCsvRows(items: Layanan[]): string[][] {
  const rows: string[][] = [];
  for (const l of items) {
    const base = exportCells(LAYANAN_FIELDS, l);
    const parts: [string, string[]][] = [['persyaratan', l.persyaratan], ['prosedur', l.prosedur]];
    let any = false;
    for (const [bagian, list] of parts) {
      list.forEach((t, i) => {
        rows.push([...base, bagian, String(i + 1), t]);
        any = true;
      });
    }
    if (!any) rows.push([...base, '', '', '']);
  }
  return rows;
}

type Bagian = 'persyaratan' | 'prosedur';
interface Item {
  bagian: Bagian;
  no: number | null;
  teks: string;
  line: number;
}
interface Group {
  line: number;
  fields: Partial<Record<string, { v: string; line: number }>>;
  items: Item[];
}

/** Reads a CSV catalog's header: the column index of each known name; slug, nama and teks required. */
function catalogColumns(table: CsvTable): Map<string, number> {
  const idx = new Map<string, number>();
  // Older exports named two columns waktu_penyelesaian and produk_layanan (the fields' aliases).
  const alias = new Map(LAYANAN_FIELDS.flatMap((f) => (f.aliases ?? []).map((a) => [a, f.csv] as const)));
  table.header.forEach((h, i) => {
    const raw = normalizeText(h).replace(/\s+/g, '_');
    const k = alias.get(raw) ?? raw;
    if (LAYANAN_CSV_HEADER.includes(k)) idx.set(k, i);
  });
  for (const need of ['slug', 'nama', 'teks'] as const) {
    if (!idx.has(need))
      throw new UserError(`${tableName(table)}: kolom "${need}" tidak ditemukan di baris judul.`, {
        hint: `Kolom katalog CSV: ${LAYANAN_CSV_HEADER.join(', ')}. Buat contohnya dengan \`paten layanan export --format csv\`.`,
      });
  }
  return idx;
}

/** The rows grouped by slug: the layanan-level cells (one value each) and the numbered items. */
function groupCatalogRows(table: CsvTable, idx: Map<string, number>, problems: ProblemList): Map<string, Group> {
  const problem = (line: number, col: number, message: string) => problems.add({ file: table.file, sheet: table.sheet, line, column: col + 1, message });
  const get = (rec: string[], c: string): string => (idx.has(c) ? (rec[idx.get(c)!] ?? '').trim() : '');
  const groups = new Map<string, Group>();
  for (const rec of table.records) {
    const slug = get(rec.values, 'slug').toLowerCase();
    if (!slug) {
      problem(rec.line, idx.get('slug')!, 'slug kosong');
      continue;
    }
    let g = groups.get(slug);
    if (!g) groups.set(slug, (g = { line: rec.line, fields: {}, items: [] }));
    for (const { csv: c } of SCALAR) {
      const v = get(rec.values, c);
      if (!v) continue;
      const prev = g.fields[c];
      if (prev && prev.v !== v) problem(rec.line, idx.get(c)!, `${c} "${v}" berbeda dengan baris ${prev.line} ("${prev.v}") untuk layanan ${slug}`);
      else if (!prev) g.fields[c] = { v, line: rec.line };
    }
    const teks = get(rec.values, 'teks');
    const bagianRaw = normalizeText(get(rec.values, 'bagian')) || (teks ? 'persyaratan' : '');
    if (!teks && !bagianRaw) continue;
    if (bagianRaw !== 'persyaratan' && bagianRaw !== 'prosedur') {
      problem(rec.line, idx.get('bagian') ?? 0, `bagian harus "persyaratan" atau "prosedur", bukan "${get(rec.values, 'bagian')}"`);
      continue;
    }
    if (!teks) {
      problem(rec.line, idx.get('teks')!, `teks ${bagianRaw} kosong`);
      continue;
    }
    const noRaw = get(rec.values, 'no');
    let no: number | null = null;
    if (noRaw) {
      no = Number(noRaw);
      if (!Number.isInteger(no) || no < 1) {
        problem(rec.line, idx.get('no')!, `nomor urut "${noRaw}" harus bilangan bulat ≥ 1`);
        continue;
      }
    }
    g.items.push({ bagian: bagianRaw, no, teks, line: rec.line });
  }
  return groups;
}

/** One group as a catalog entry: items ordered by their number (or row order), numbers unique. */
function entryFromGroup(table: CsvTable, idx: Map<string, number>, slug: string, g: Group, problems: ProblemList): SourcedInput {
  const lists: Record<Bagian, string[]> = { persyaratan: [], prosedur: [] };
  for (const bagian of ['persyaratan', 'prosedur'] as const) {
    const items = g.items.filter((i) => i.bagian === bagian);
    const seenNo = new Map<number, number>();
    items.forEach((it, i) => {
      const n = it.no ?? i + 1;
      const prev = seenNo.get(n);
      if (prev) problems.add({ file: table.file, sheet: table.sheet, line: it.line, column: (idx.get('no') ?? 0) + 1, message: `${bagian} nomor ${n} untuk ${slug} sudah ada di baris ${prev}` });
      seenNo.set(n, it.line);
    });
    lists[bagian] = items
      .map((it, i) => ({ n: it.no ?? i + 1, t: it.teks }))
      .sort((a, b) => a.n - b.n)
      .map((x) => x.t);
  }
  const input: LayananInput = { slug };
  const put = input as Record<string, unknown>;
  for (const f of SCALAR) {
    const v = g.fields[f.csv]?.v;
    if (f.daftar) put[f.key] = splitList(f, v ?? '');
    else if (v !== undefined) put[f.key] = v;
  }
  input.persyaratan = lists.persyaratan;
  input.prosedur = lists.prosedur;
  return { input, where: { sheet: table.sheet, line: g.line, label: `layanan ${slug}` } };
}

/**
 * Groups the CSV rows by slug into catalog entries. Layanan-level cells may be left blank on the
 * second and later rows of a layanan; two different non-blank values are an error.
 */
export function parseCatalogCsv(table: CsvTable): SourcedInput[] {
  const problems = new ProblemList();
  const idx = catalogColumns(table);
  const groups = groupCatalogRows(table, idx, problems);
  const out = [...groups].map(([slug, g]) => entryFromGroup(table, idx, slug, g, problems));
  problems.throwIfAny(`${tableName(table)}: katalog tidak diimpor`);
  return out;
}
