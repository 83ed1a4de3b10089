/**
 * Matching the free text respondents wrote to the catalog and the desa list: "Pembuatan KTP" →
 * ktp-el, "Ds. Betro" → Betro. Unmatched text is kept as written by the importer and reported.
 */
import type { Db } from '../db/index.js';
import { listLayanan } from '../layanan/index.js';
import { listDesa } from '../desa/index.js';

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
}

/**
 * Exact match on any name first; otherwise the longest name contained word for word in the text,
 * provided no other entry has a name of the same length in it (then it is ambiguous: no match).
 */
export function buatPencocok(entries: { id: number; nama: string[] }[]): Pencocok {
  const exact = new Map<string, number>();
  const phrases: { words: string; id: number; len: number }[] = [];
  for (const e of entries)
    for (const n of e.nama) {
      const k = kunci(n);
      if (!k) continue;
      if (!exact.has(k)) exact.set(k, e.id);
      phrases.push({ words: ` ${k} `, id: e.id, len: k.split(' ').length });
    }
  phrases.sort((a, b) => b.len - a.len);
  const cache = new Map<string, number | null>();
  return {
    cocok(teks: string): number | null {
      const hit = cache.get(teks);
      if (hit !== undefined) return hit;
      const k = kunci(teks);
      let id: number | null = exact.get(k) ?? null;
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
      if (cache.size >= 4096) cache.clear(); // free text can be unique per row: keep memory bounded
      cache.set(teks, id);
      return id;
    },
  };
}

/** Catalog matcher: slug, name, name without its parenthesis, the abbreviation in it, aliases. */
export function pencocokLayanan(db: Db): Pencocok {
  return buatPencocok(
    listLayanan(db).map((l) => {
      const abbr = /\(([^)]+)\)/.exec(l.nama)?.[1];
      const names = [l.slug.replace(/-/g, ' '), l.nama, l.nama.replace(/\s*\([^)]*\)/g, ''), ...l.alias];
      if (abbr && !/\s/.test(abbr)) names.push(abbr);
      return { id: l.id, nama: names };
    }),
  );
}

/** Desa matcher: name (with or without "Desa"/"Kelurahan"/"Ds."), or Kemendagri code. */
export function pencocokDesa(db: Db): Pencocok {
  const desa = listDesa(db);
  const byName = buatPencocok(desa.map((d) => ({ id: d.id, nama: [d.nama, `desa ${d.nama}`, `kelurahan ${d.nama}`, `ds ${d.nama}`, `kel ${d.nama}`] })));
  const byKode = new Map(desa.map((d) => [d.kode, d.id]));
  return {
    cocok(teks: string) {
      const kode = teks.replace(/[.\s]/g, '');
      return byKode.get(kode) ?? byName.cocok(teks);
    },
  };
}
