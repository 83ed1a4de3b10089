/**
 * Matching the free text respondents wrote to the catalog and the desa list: "Pembuatan KTP" →
 * ktp-el, "Ds. Suka Maju, Kec. Cibodas" → Sukamaju. Unmatched text is kept as written by the
 * importer, counted per distinct value (TeksLepas) and reported with the closest known name.
 *
 * Rules (README "Matching desa and layanan text"): case, spacing and punctuation never matter;
 * desa text loses its prefixes (Desa, Ds., Kel., Kelurahan), a dusun part, and what follows the
 * desa (", Kec. X", "Kecamatan X", "Kab. X", RT/RW, the office's own kecamatan and kabupaten
 * names); layanan text loses the words every catalog name shares (surat, keterangan, pengantar,
 * permohonan…) after expanding their abbreviations (Srt., Ket., SK, Suket). A typo is never matched:
 * two desa can differ by one letter, so the closest name is only suggested.
 */
import type { Db } from '../db/index.js';
import { listLayanan } from '../layanan/index.js';
import { listDesa } from '../desa/index.js';
import { getProfil } from '../profil/index.js';
import { editDistance, mirip } from '../core/text.js';
import { listTeksLepas, tautkanTeks, type JenisTeks } from './store.js';
import { writeTransaction } from '../db/write.js';

/** Lower case words only: "Surat Keterangan Tidak Mampu (SKTM)" → "surat keterangan tidak mampu sktm". */
export function kunci(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface Pencocok {
  /** The id of the matched entry, or null. Results are cached per distinct text. */
  cocok(teks: string): number | null;
  /** The normalised form two texts share when they are "the same" unmatched value. */
  kunci(teks: string): string;
  /** The closest known name (for "did you mean"), never used as a match; null when none is close. */
  mirip(teks: string): string | null;
}

// ---------- desa ----------

const AWALAN_DESA = new Set(['desa', 'ds', 'dsa', 'kel', 'kelurahan', 'kalurahan', 'lurah']);
const DUSUN = new Set(['dusun', 'dsn', 'dukuh']);
/** Words after which the text names a larger area or an address part, not the desa. */
const WILAYAH = new Set(['kec', 'kecamatan', 'kab', 'kabupaten', 'kota', 'prov', 'provinsi', 'rt', 'rw', 'kode', 'pos']);

/**
 * The desa part of a text as one run of letters: "Desa Suka Maju, Kec. Cibodas" → "sukamaju".
 * `wilayah` holds the office's kecamatan/kabupaten names (compact), cut from the end
 * ("Betro Kemlagi" → "betro") but never when they are the whole text (a desa named like its
 * kecamatan). A text that names only a dusun gives "": a hamlet is not a desa.
 */
export function kunciDesa(teks: string, wilayah: readonly string[] = []): string {
  const parts = teks
    .split(/[,;/()|]+/)
    .map((p) => kunci(p).split(' ').filter(Boolean))
    .filter((w) => w.length > 0 && !WILAYAH.has(w[0]) && !(DUSUN.has(w[0]) && !w.some((x) => AWALAN_DESA.has(x))));
  let words = parts[0] ?? [];
  const marker = words.map((w, i) => (i > 0 && AWALAN_DESA.has(w) ? i : -1)).filter((i) => i > 0).pop();
  if (marker !== undefined) words = words.slice(marker + 1); // "dusun krajan desa betro" → "betro"
  const cut = words.findIndex((w, i) => i > 0 && WILAYAH.has(w));
  if (cut > 0) words = words.slice(0, cut);
  while (words.length > 1 && AWALAN_DESA.has(words[0])) words = words.slice(1);
  for (let again = true; again && words.length > 1; ) {
    again = false;
    for (let k = words.length - 1; k >= 1; k--)
      if (wilayah.includes(words.slice(k).join(''))) {
        words = words.slice(0, k);
        again = true;
        break;
      }
  }
  return words.join('');
}

/** Closest candidate by the shared suggestion rules (core/text `mirip`), nearest spelling first. */
function terdekat(key: string, candidates: { label: string; names: string[] }[]): string | null {
  if (!key) return null;
  const labels = new Set(mirip(key, candidates, candidates.length));
  // Past mirip's tiers, a spelling a quarter away still counts (Javanese o/a: Sukomulyo, Sukamulya).
  const far = labels.size === 0 ? Math.floor(key.length / 4) : Infinity;
  let best: { label: string; d: number } | null = null;
  for (const c of candidates) {
    if (!labels.has(c.label) && far === Infinity) continue;
    const d = Math.min(...c.names.map((n) => editDistance(n, key)));
    if (!labels.has(c.label) && d > far) continue;
    if (!best || d < best.d) best = { label: c.label, d };
  }
  return best?.label ?? null;
}

/** A key → id map where a key claimed by two entries belongs to neither (ambiguous). */
function uniqueKeys(entries: { id: number; keys: string[] }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of entries)
    for (const k of e.keys) {
      if (!k) continue;
      const prev = m.get(k);
      m.set(k, prev === undefined || prev === e.id ? e.id : -1);
    }
  for (const [k, v] of m) if (v === -1) m.delete(k);
  return m;
}

function cached(fn: (teks: string) => number | null): (teks: string) => number | null {
  const cache = new Map<string, number | null>();
  return (teks) => {
    const hit = cache.get(teks);
    if (hit !== undefined) return hit;
    const id = fn(teks);
    if (cache.size >= 4096) cache.clear(); // free text can be unique per row: keep memory bounded
    cache.set(teks, id);
    return id;
  };
}

/** A desa matcher over plain data (pencocokDesa reads it from the database). */
export function buatPencocokDesa(desa: { id: number; kode: string; nama: string; alias: string[] }[], wilayahNama: readonly string[] = []): Pencocok {
  const wilayah = wilayahNama.map((w) => kunci(w).split(' ').filter((x) => !WILAYAH.has(x)).join('')).filter(Boolean);
  const key = (t: string) => kunciDesa(t, wilayah);
  const byKey = uniqueKeys(desa.map((d) => ({ id: d.id, keys: [d.nama, ...d.alias].map(key) })));
  const byKode = new Map(desa.map((d) => [d.kode, d.id]));
  const candidates = desa.map((d) => ({ label: d.nama, names: [d.nama, ...d.alias].map(key) }));
  return {
    cocok: cached((teks) => byKode.get(teks.replace(/[.\s]/g, '')) ?? byKey.get(key(teks)) ?? null),
    kunci: key,
    mirip: (teks) => terdekat(key(teks), candidates),
  };
}

/** Desa matcher: name or alias (see kunciDesa), or Kemendagri code. */
export function pencocokDesa(db: Db): Pencocok {
  const p = getProfil(db);
  return buatPencocokDesa(listDesa(db), p ? [p.nama_kecamatan, p.kabupaten] : []);
}

// ---------- layanan ----------

const SINGKATAN: Record<string, string> = {
  srt: 'surat', sr: 'surat', ket: 'keterangan', keter: 'keterangan', ktrg: 'keterangan', ktrgn: 'keterangan', keterangn: 'keterangan',
  sk: 'surat keterangan', suket: 'surat keterangan', rekom: 'rekomendasi', permoh: 'permohonan', pengt: 'pengantar', peng: 'pengantar',
};
/** Words that say "a letter / a request" and tell layanan apart from nothing. */
const UMUM = new Set([
  'surat', 'keterangan', 'pengantar', 'permohonan', 'pembuatan', 'pengurusan', 'pelayanan', 'layanan', 'rekomendasi',
  'mengurus', 'membuat', 'urus', 'buat', 'mohon', 'minta', 'untuk',
]);

/** The words of a layanan text that tell it apart: "Srt. Ket. Usaha" → "usaha", "skck" → "skck". */
export function kunciLayanan(teks: string): string {
  const words = kunci(teks)
    .split(' ')
    .flatMap((w) => (SINGKATAN[w] ?? w).split(' '))
    .filter((w) => w && !UMUM.has(w));
  return words.join(' ');
}

/**
 * A layanan matcher over names and aliases: the whole text; else its distinguishing words (kunciLayanan,
 * spacing ignored); else the longest name contained word for word in those words, provided no other
 * entry has a name of the same length in it (then it is ambiguous: no match).
 */
export function buatPencocok(entries: { id: number; nama: string[]; label?: string }[]): Pencocok {
  const exact = uniqueKeys(entries.map((e) => ({ id: e.id, keys: e.nama.map(kunci) })));
  const inti = uniqueKeys(entries.map((e) => ({ id: e.id, keys: e.nama.map((n) => kunciLayanan(n).replace(/ /g, '')) })));
  const phrases: { words: string; id: number; len: number }[] = [];
  for (const e of entries)
    for (const n of e.nama) {
      const k = kunciLayanan(n);
      if (k) phrases.push({ words: ` ${k} `, id: e.id, len: k.split(' ').length });
    }
  phrases.sort((a, b) => b.len - a.len);
  const candidates = entries.map((e) => ({ label: e.label ?? e.nama[0], names: e.nama.map(kunciLayanan).filter(Boolean) }));
  return {
    cocok: cached((teks) => {
      const k = kunciLayanan(teks);
      let id: number | null = exact.get(kunci(teks)) ?? inti.get(k.replace(/ /g, '')) ?? null;
      if (id === null && k) {
        const padded = ` ${k} `;
        let bestLen = 0;
        const ids = new Set<number>();
        for (const p of phrases) {
          if (p.len < bestLen) break;
          if (padded.includes(p.words)) {
            bestLen = p.len;
            ids.add(p.id);
          }
        }
        id = ids.size === 1 ? [...ids][0] : null;
      }
      return id;
    }),
    kunci: (teks) => kunciLayanan(teks) || kunci(teks),
    mirip: (teks) => terdekat(kunciLayanan(teks), candidates),
  };
}

/** Catalog matcher: slug, name, name without its parenthesis, the abbreviation in it, aliases. */
export function pencocokLayanan(db: Db): Pencocok {
  return buatPencocok(
    listLayanan(db).map((l) => {
      const abbr = /\(([^)]+)\)/.exec(l.nama)?.[1];
      const names = [l.nama, l.slug.replace(/-/g, ' '), l.nama.replace(/\s*\([^)]*\)/g, ''), ...l.alias];
      if (abbr && !/\s/.test(abbr)) names.push(abbr);
      return { id: l.id, nama: names, label: l.nama };
    }),
  );
}

// ---------- unmatched values, counted ----------

/** One distinct unmatched text in an import report. */
export interface TeksTidakCocok {
  teks: string;
  /** First line (or sheet row) it appears on. */
  baris: number;
  jumlah: number;
  /** The closest known name, only a suggestion. */
  mirip: string | null;
}

/**
 * Counts distinct unmatched texts (texts with the same matcher key are one value, shown as first
 * written). Memory is bounded: past `limit` distinct values only the row count grows.
 */
export class TeksLepas {
  private readonly m = new Map<string, { teks: string; baris: number; jumlah: number }>();
  /** Rows with an unmatched text. */
  baris = 0;
  /** True when some distinct values were not kept (more than `limit`). */
  terpotong = false;
  constructor(
    private readonly pencocok: Pencocok,
    private readonly limit = 1000,
  ) {}

  /** The key of each text seen (an unmatched layanan repeats on many rows); cleared when large. */
  private readonly keys = new Map<string, string>();

  add(teks: string, line: number, jumlah = 1): void {
    this.baris += jumlah;
    let k = this.keys.get(teks);
    if (k === undefined) {
      if (this.keys.size >= 4096) this.keys.clear();
      this.keys.set(teks, (k = this.pencocok.kunci(teks) || teks));
    }
    const e = this.m.get(k);
    if (e) e.jumlah += jumlah;
    else if (this.m.size < this.limit) this.m.set(k, { teks, baris: line, jumlah });
    else this.terpotong = true;
  }

  get size(): number {
    return this.m.size;
  }

  /** Most frequent first (then by first line), each with its suggestion. */
  daftar(): TeksTidakCocok[] {
    return [...this.m.values()]
      .sort((a, b) => b.jumlah - a.jumlah || a.baris - b.baris)
      .map((e) => ({ ...e, mirip: this.pencocok.mirip(e.teks) }));
  }
}

// ---------- re-matching what is already stored ----------

export interface HasilCocokUlangJenis {
  /** Texts that now match, with the entry they were linked to and how many answers carry them. */
  tertaut: { teks: string; ke: string; jumlah: number }[];
  /** Texts that still match nothing, grouped like the import report, with the closest name. */
  tidak_cocok: { teks: string; jumlah: number; mirip: string | null }[];
}

export interface HasilCocokUlang {
  uji_coba: boolean;
  /** Answers linked (or, in a dry run, that would be). */
  jumlah_tertaut: number;
  desa: HasilCocokUlangJenis;
  layanan: HasilCocokUlangJenis;
}

function cocokUlangJenis(db: Db, jenis: JenisTeks, dryRun: boolean): HasilCocokUlangJenis & { jumlah: number } {
  const p = jenis === 'desa' ? pencocokDesa(db) : pencocokLayanan(db);
  const nama = new Map<number, string>(jenis === 'desa' ? listDesa(db).map((d) => [d.id, d.nama]) : listLayanan(db).map((l) => [l.id, l.nama]));
  const tertaut: HasilCocokUlangJenis['tertaut'] = [];
  const links: { jenis: JenisTeks; teks: string; id: number }[] = [];
  const sisa = new TeksLepas(p, Number.MAX_SAFE_INTEGER);
  let jumlah = 0;
  for (const t of listTeksLepas(db, jenis)) {
    const id = p.cocok(t.teks);
    if (id === null) {
      sisa.add(t.teks, 0, t.jumlah);
      continue;
    }
    tertaut.push({ teks: t.teks, ke: nama.get(id) ?? String(id), jumlah: t.jumlah });
    links.push({ jenis, teks: t.teks, id });
    jumlah += t.jumlah;
  }
  if (!dryRun && links.length) tautkanTeks(db, links);
  return { tertaut, tidak_cocok: sisa.daftar().map(({ teks, jumlah: n, mirip: m }) => ({ teks, jumlah: n, mirip: m })), jumlah };
}

/**
 * Re-matches every stored answer whose desa or layanan text matched nothing, with today's desa
 * list, catalog and aliases (one transaction; a dry run only reports). Answers already linked are
 * never moved.
 */
export function cocokkanUlang(db: Db, dryRun = false): HasilCocokUlang {
  return writeTransaction(db, () => {
    const desa = cocokUlangJenis(db, 'desa', dryRun);
    const layanan = cocokUlangJenis(db, 'layanan', dryRun);
    return {
      uji_coba: dryRun,
      jumlah_tertaut: desa.jumlah + layanan.jumlah,
      desa: { tertaut: desa.tertaut, tidak_cocok: desa.tidak_cocok },
      layanan: { tertaut: layanan.tertaut, tidak_cocok: layanan.tidak_cocok },
    };
  });
}

/**
 * Runs a registry change (a desa, layanan or alias added or renamed) and re-matches the stored
 * answers in the same transaction, so no re-import is needed and a failed change links nothing.
 */
export function denganCocokUlang<T>(db: Db, change: () => T): { hasil: T; tertaut: HasilCocokUlang } {
  return writeTransaction(db, () => {
    const hasil = change();
    return { hasil, tertaut: cocokkanUlang(db) };
  });
}
