/**
 * What each QR code holds. `teks` (default, works offline): the layanan's name, numbered
 * requirements, waktu, biaya, the office's address and opening hours, and its contact. `url`: a short stable link BASE/SLUG
 * served by the pages `paten qr situs` writes.
 * The payload never depends on the desa, so one QR per layanan serves every poster.
 */
import { UserError } from '../core/errors.js';
import type { Layanan } from '../layanan/index.js';
import type { Profil } from '../profil/index.js';

export type QrMode = 'teks' | 'url';

export function parseMode(v: string | undefined): QrMode {
  const t = (v ?? 'teks').trim().toLowerCase();
  if (t === 'teks' || t === 'text') return 'teks';
  if (t === 'url' || t === 'tautan') return 'url';
  throw new UserError(`Mode "${v}" tidak dikenal (argumen --mode): pakai "teks" atau "url".`);
}

/** Checks a --base-url and returns it without trailing slashes. */
export function parseBaseUrl(v: string | undefined, flag = '--base-url'): string {
  const raw = (v ?? '').trim();
  if (!raw) throw new UserError(`Mode url memerlukan alamat situs: berikan argumen ${flag}, mis. ${flag} https://kemlagi.mojokertokab.go.id/paten`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(`Alamat "${raw}" bukan URL yang valid (argumen ${flag}): tulis lengkap, mis. https://kecamatan.go.id/paten`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`Alamat "${raw}" harus diawali http:// atau https:// (argumen ${flag}).`);
  if (u.search || u.hash) throw new UserError(`Alamat "${raw}" tidak boleh berisi ? atau # (argumen ${flag}).`);
  if (u.username || u.password) throw new UserError(`Alamat "${raw}" tidak boleh berisi nama pengguna atau kata sandi (argumen ${flag}).`);
  // The parsed form: spaces and non-ASCII characters percent-encoded, so phones open the whole link.
  return u.href.replace(/\/+$/, '');
}

export function kecamatanLabel(p: Profil): string {
  const nama = p.nama_kecamatan.trim();
  return /^kecamatan\b/i.test(nama) ? nama : `Kecamatan ${nama}`;
}

/** "WA 0812-… • Telp (0321) …" (`sep` between the parts), or null when the profile has neither. */
export function kontakLine(p: Profil, sep = ' • '): string | null {
  const parts: string[] = [];
  if (p.whatsapp) parts.push(`WA ${p.whatsapp}`);
  if (p.telepon) parts.push(`Telp ${p.telepon}`);
  return parts.length ? parts.join(sep) : null;
}

const ASCII_STAND_INS: Record<string, string> = {
  '–': '-', '—': '-', '−': '-', '“': '"', '”': '"', '‘': "'", '’': "'", '…': '...', '•': '|',
  '≤': '<=', '≥': '>=', '≠': '!=', '→': '->', '×': 'x', '\u00a0': ' ',
};

/**
 * A QR payload in plain ASCII: a QR code in byte mode carries no character set, and phone scanners
 * guess it (zbar reads UTF-8 "≤" as Japanese), so everything outside ASCII is written out ("≤" →
 * "<=", "é" → "e", "²" → "2"); anything still outside ASCII becomes "?".
 */
export function asciiPayload(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (ch in ASCII_STAND_INS) out += ASCII_STAND_INS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x00-\x7f]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

/**
 * What a resident needs at the desa before going to the office: the requirements, time and fee,
 * where the office is and when it is open, and whom to ask.
 */
export function textPayload(l: Layanan, p: Profil): string {
  const lines = [l.nama, 'Persyaratan:', ...l.persyaratan.map((s, i) => `${i + 1}. ${s}`)];
  if (l.waktu) lines.push(`Waktu: ${l.waktu}`);
  lines.push(`Biaya: ${l.biaya}`);
  const alamat = p.alamat?.trim();
  lines.push(alamat ? `Tempat: Kantor ${kecamatanLabel(p)}, ${alamat}` : `Tempat: Kantor ${kecamatanLabel(p)}, ${p.kabupaten}`);
  if (p.jam_layanan?.trim()) lines.push(`Jam layanan: ${p.jam_layanan.trim()}`);
  const k = kontakLine(p, ' | ') ?? (p.email ? `Email ${p.email}` : null);
  if (k) lines.push(`Kontak: ${k}`);
  return asciiPayload(lines.join('\n'));
}

export function urlPayload(l: Layanan, baseUrl: string): string {
  return `${baseUrl}/${l.slug}`;
}

export function payloadFor(l: Layanan, p: Profil, mode: QrMode, baseUrl?: string): string {
  return mode === 'url' ? urlPayload(l, baseUrl!) : textPayload(l, p);
}
