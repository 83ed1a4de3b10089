/**
 * Item-by-item edits of a list-valued field: the one convention of the whole CLI
 * (`--tambah-FIELD X` / `--hapus-FIELD X`, repeatable, next to `--FIELD X` which replaces the whole
 * list). The domain applies the edit to the stored list, so a removal names what is really there.
 */
import { UserError } from './errors.js';
import { mirip, normalizeText, saranMirip } from './text.js';

export interface UbahDaftar {
  /** The flag's field part, for messages: "alias" → --tambah-alias / --hapus-alias. */
  bendera: string;
  tambah: string[];
  hapus: string[];
}

/** Two items are the same when they differ only in case and spacing (the stores compare NOCASE). */
function sama(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}

/**
 * The list after removing `hapus` and then appending `tambah` (kept in order). An item to add that
 * is already there is left as it is, so running the same command twice changes nothing; an item to
 * remove that is not there is an error naming the flag (a typo must not pass as done).
 * `pemilik` names the list's owner for the message ("desa Betro").
 */
export function terapkanUbahDaftar(current: readonly string[], ubah: UbahDaftar | undefined, pemilik: string): string[] {
  if (!ubah) return [...current];
  let out = [...current];
  for (const h of ubah.hapus) {
    const t = h.replace(/\s+/g, ' ').trim();
    const i = out.findIndex((x) => sama(x, t));
    if (i < 0) {
      const saran = mirip(t, out.map((x) => ({ label: `"${x}"`, names: [x] })), 3);
      const isi = out.length ? `isinya sekarang: ${out.map((x) => `"${x}"`).join(', ')}` : 'daftarnya kosong';
      throw new UserError(`--hapus-${ubah.bendera} "${h}": tidak ada di daftar ${ubah.bendera} ${pemilik} (${isi}).${saranMirip(saran)}`);
    }
    out = out.filter((_, j) => j !== i);
  }
  for (const a of ubah.tambah) {
    const t = a.replace(/\s+/g, ' ').trim();
    if (!t) throw new UserError(`--tambah-${ubah.bendera}: isian kosong tidak dapat ditambahkan.`);
    if (!out.some((x) => sama(x, t))) out.push(t);
  }
  return out;
}
