/**
 * Kemendagri region codes (Permendagri 72/2019 layout PP.KK.CC.DDDD): a desa has 10 digits whose
 * first 6 are its kecamatan's code, and the 7th tells kelurahan (1) from desa (2). Pure functions:
 * the desa registry validates with them and `profil set` warns with them (issue 14).
 */
import { fail, ok, type Checked } from '../registry/fields.js';

export type JenisDesa = 'desa' | 'kelurahan';

/** "35.16.15.2001" → "3516152001". */
export function normalizeKode(kode: string): string {
  return kode.replace(/[.\s-]/g, '');
}

/** "351615" → "35.16.15"; "3516152001" → "35.16.15.2001" (how codes are printed in letters). */
export function formatKode(kode: string): string {
  const d = normalizeKode(kode);
  return [d.slice(0, 2), d.slice(2, 4), d.slice(4, 6), d.slice(6)].filter(Boolean).join('.');
}

/** The desa code, normalised, or the problem (also used by the prompt as it is typed). */
export function checkKodeDesa(raw: string): Checked<string> {
  const kode = normalizeKode(raw ?? '');
  if (!kode) return fail('kode', 'kode wajib diisi');
  if (!/^\d{10}$/.test(kode)) return fail('kode', `kode wilayah desa harus 10 angka (contoh 3516152001 atau 35.16.15.2001), bukan "${raw}"`);
  return ok(kode);
}

/** The 7th digit of a Kemendagri code is 1 for kelurahan, 2 for desa. */
export function jenisFromKode(kode: string): JenisDesa {
  return kode[6] === '1' ? 'kelurahan' : 'desa';
}

/**
 * The kecamatan prefix desa codes should start with: the profile's code when it has the 6 digits
 * of a kecamatan, else the prefix most registered desa share (an office that never filled in the
 * profile code still gets a warning for the one desa typed from another kecamatan's list).
 */
export function expectedPrefix(kodeKecamatan: string | null | undefined, kodeDesaLain: readonly string[]): string | null {
  const k = normalizeKode(kodeKecamatan ?? '');
  if (/^\d{6}$/.test(k)) return k;
  const count = new Map<string, number>();
  for (const d of kodeDesaLain) count.set(d.slice(0, 6), (count.get(d.slice(0, 6)) ?? 0) + 1);
  const best = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best && best[1] >= 2 ? best[0] : null;
}

/** Issue 14: a desa code outside the kecamatan's range is stored, with a warning naming the prefix. */
export function kodeDesaWarning(kode: string, prefix: string | null, nama: string): string | null {
  if (!prefix || kode.startsWith(prefix)) return null;
  return `Kode ${formatKode(kode)} (${nama}) bukan kode desa di kecamatan ini: kode desa di sini diawali ${formatKode(prefix)}. Tetap disimpan; periksa kodenya di daftar Kemendagri.`;
}

/**
 * Issue 14: a kecamatan code that is not 6 digits (PP.KK.CC) gets a warning naming the prefix the
 * registered desa share, when they share one.
 */
export function kodeKecamatanWarning(kode: string, kodeDesa: readonly string[]): string | null {
  const k = normalizeKode(kode);
  if (k === '' || /^\d{6}$/.test(k)) return null;
  const prefix = expectedPrefix(null, kodeDesa);
  const saran = prefix ? `; desa yang terdaftar diawali ${formatKode(prefix)}` : ' (contoh 35.16.15)';
  return `Kode wilayah kecamatan biasanya 6 angka (provinsi.kabupaten.kecamatan), bukan "${kode}" (${k.length} angka)${saran}. Tetap disimpan.`;
}
