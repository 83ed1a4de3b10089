/** Small text helpers shared by importers and matchers. */

/** NFC, lower case, collapsed white space, trimmed. */
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
