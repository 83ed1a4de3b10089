/** The kecamatan profile: one row, edited with `paten init` and `paten profil set`. SQL in ./store.ts. */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import type { UrutanUnsur } from '../skm/unsur.js';
import * as store from './store.js';

export interface Profil {
  nama_kecamatan: string;
  kabupaten: string;
  provinsi: string;
  kode_wilayah: string | null;
  alamat: string | null;
  telepon: string | null;
  whatsapp: string | null;
  email: string | null;
  website: string | null;
  url_survei: string | null;
  jam_layanan: string | null;
  nama_camat: string | null;
  nip_camat: string | null;
  logo: string | null;
  urutan_unsur: UrutanUnsur;
  diperbarui: string;
}

export type ProfilField = Exclude<keyof Profil, 'diperbarui'>;

/** Field → Indonesian label and CLI flag, in display order. */
export const PROFIL_FIELDS: readonly { key: ProfilField; label: string; flag: string; wajib: boolean }[] = [
  { key: 'nama_kecamatan', label: 'Nama kecamatan', flag: 'nama', wajib: true },
  { key: 'kabupaten', label: 'Kabupaten/kota', flag: 'kabupaten', wajib: true },
  { key: 'provinsi', label: 'Provinsi', flag: 'provinsi', wajib: true },
  { key: 'kode_wilayah', label: 'Kode wilayah', flag: 'kode', wajib: false },
  { key: 'alamat', label: 'Alamat kantor', flag: 'alamat', wajib: false },
  { key: 'telepon', label: 'Telepon', flag: 'telepon', wajib: false },
  { key: 'whatsapp', label: 'WhatsApp', flag: 'whatsapp', wajib: false },
  { key: 'email', label: 'Email', flag: 'email', wajib: false },
  { key: 'website', label: 'Situs web', flag: 'website', wajib: false },
  { key: 'url_survei', label: 'Alamat formulir SKM daring', flag: 'url-survei', wajib: false },
  { key: 'jam_layanan', label: 'Jam layanan', flag: 'jam-layanan', wajib: false },
  { key: 'nama_camat', label: 'Nama camat', flag: 'camat', wajib: false },
  { key: 'nip_camat', label: 'NIP camat', flag: 'nip', wajib: false },
  { key: 'logo', label: 'Berkas logo (PNG/JPG)', flag: 'logo', wajib: false },
  { key: 'urutan_unsur', label: 'Urutan unsur kuesioner (definisi/kuesioner)', flag: 'urutan-unsur', wajib: false },
];

export function getProfil(db: Db): Profil | undefined {
  return store.selectProfil(db);
}

/** The profile, or a UserError telling the user to run `paten init`. */
export function requireProfil(db: Db): Profil {
  const p = getProfil(db);
  if (!p) throw new UserError('Profil kecamatan belum diisi.', { hint: 'Jalankan `paten init` atau `paten profil set --nama … --kabupaten … --provinsi …`.' });
  return p;
}

/** Checks one field's value; returns an Indonesian message or null (used by prompts too). */
export function checkProfilField(key: ProfilField, value: string): string | null {
  try {
    validate({ [key]: value });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** An absolute http(s) address with a host: what a QR code on paper can send a phone to. */
function isHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

function validate(values: Partial<Record<ProfilField, string | null>>): void {
  const email = values.email;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserError(`Email tidak valid: "${email}" (argumen --email).`);
  const web = values.website;
  if (web && !/^https?:\/\/\S+$/i.test(web)) throw new UserError(`Situs web harus diawali http:// atau https://: "${web}" (argumen --website).`);
  const survei = values.url_survei;
  if (survei && !isHttpUrl(survei))
    throw new UserError(`Alamat formulir SKM harus alamat web lengkap yang diawali http:// atau https://: "${survei}" (argumen --url-survei).`, {
      hint: 'Contoh: paten profil set --url-survei https://forms.gle/AbCdEf123',
    });
  const nip = values.nip_camat;
  if (nip && !/^[0-9 ]{8,25}$/.test(nip)) throw new UserError(`NIP hanya boleh berisi angka: "${nip}" (argumen --nip).`);
  const kode = values.kode_wilayah;
  if (kode && !/^[0-9.]+$/.test(kode)) throw new UserError(`Kode wilayah hanya boleh berisi angka dan titik: "${kode}" (argumen --kode).`);
  const urutan = values.urutan_unsur;
  if (urutan && urutan !== 'definisi' && urutan !== 'kuesioner')
    throw new UserError(`Urutan unsur harus "definisi" atau "kuesioner", bukan "${urutan}" (argumen --urutan-unsur).`);
  for (const f of PROFIL_FIELDS) {
    if (f.wajib && f.key in values && !(values[f.key] ?? '').toString().trim())
      throw new UserError(`${f.label} wajib diisi (argumen --${f.flag}).`);
  }
}

/** Creates or updates the profile with the given fields; returns the fields that changed. */
export function saveProfil(db: Db, values: Partial<Record<ProfilField, string | null>>, now = isoDateTimeLocal()): ProfilField[] {
  const isian: Partial<Record<ProfilField, string | null>> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const t = v === null ? null : String(v).trim();
    isian[k as ProfilField] = t === '' ? null : t;
  }
  validate(isian);
  const existing = getProfil(db);
  if (!existing) {
    const missing = PROFIL_FIELDS.filter((f) => f.wajib && !isian[f.key]);
    if (missing.length)
      throw new UserError(`Profil kecamatan belum lengkap: ${missing.map((f) => `${f.label} (--${f.flag})`).join(', ')} wajib diisi.`);
    writeTransaction(db, () => store.insertProfil(db, isian, now));
    return Object.keys(isian) as ProfilField[];
  }
  const changed = (Object.keys(isian) as ProfilField[]).filter((k) => (existing[k] ?? null) !== isian[k]);
  if (changed.length === 0) return [];
  writeTransaction(db, () => store.updateProfil(db, Object.fromEntries(changed.map((k) => [k, isian[k]])), now));
  return changed;
}
