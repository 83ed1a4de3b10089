/** Small text helpers shared by importers and matchers. */

/** NFC, lower case, collapsed white space, trimmed. */
/**
 * A typed or imported value as it is stored: runs of spaces (and line breaks) become one space,
 * the ends are trimmed, and an empty value is null. The one cleaner of every registry field.
 */
export function clean(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

export function normalizeText(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A URL/identifier-safe slug: "Surat Keterangan Ahli Waris" → "surat-keterangan-ahli-waris". */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Candidates that look like what the user meant by `key` (for "did you mean" hints): those whose
 * names contain it, else those sharing a word that starts with one of its words, else those within a
 * small edit distance (a typo); at most `limit`.
 */
export function mirip(key: string, candidates: readonly { label: string; names: readonly (string | null | undefined)[] }[], limit = 5): string[] {
  const k = normalizeText(key);
  if (!k) return [];
  const norm = candidates.map((c) => ({ label: c.label, names: c.names.filter((n): n is string => !!n).map(normalizeText) }));
  let hits = norm.filter((c) => c.names.some((n) => n.includes(k)));
  if (hits.length === 0) {
    const words = k.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    hits = norm.filter((c) => c.names.some((n) => n.split(/[^\p{L}\p{N}]+/u).some((w) => words.some((q) => w.startsWith(q)))));
  }
  if (hits.length === 0) {
    // A typo: within a small edit distance of a whole name.
    const max = Math.max(1, Math.floor(k.length / 5));
    hits = norm.filter((c) => c.names.some((n) => Math.abs(n.length - k.length) <= max && editDistance(n, k) <= max));
  }
  return hits.slice(0, limit).map((c) => c.label);
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** "Mungkin maksud Anda: A, B?" or nothing. */
export function saranMirip(labels: readonly string[]): string {
  return labels.length ? ` Mungkin maksud Anda: ${labels.join(', ')}?` : '';
}
