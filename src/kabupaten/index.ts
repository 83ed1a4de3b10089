/**
 * The kabupaten side: loading kecamatan packets (checks first, then one transaction) and listing
 * them. A packet of another kabupaten, or one whose kecamatan code is already loaded under another
 * name, is refused before anything is written.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { addSel, emptySel, type Sel } from '../ikm/hitung.js';
import { readPaket, type Paket } from './paket.js';
import { getWilayah, listPaket, simpanPaket, type PaketBaru, type PaketTersimpan, type Wilayah } from './store.js';

export { listPaket, getWilayah, type PaketTersimpan };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
/** "Kabupaten Mojokerto", "Kab. Mojokerto" and "Mojokerto" name the same kabupaten. */
const normKab = (s: string) => norm(s).replace(/^(kabupaten|kab\.?)\s*/, '');

/** A kecamatan's identity across years: its kode wilayah, or its name when it has none. */
export function kunciKecamatan(p: Pick<Paket, 'kode_wilayah' | 'kecamatan'>): string {
  return p.kode_wilayah ? `kode:${p.kode_wilayah.trim()}` : `nama:${norm(p.kecamatan)}`;
}

function perBulanLayanan(p: Paket): PaketBaru['agregat'] {
  const nama = new Map(p.isi.layanan.map((l) => [l.id, l.nama]));
  const g = new Map<string, { bulan: string; layanan: string; sel: Sel }>();
  for (const a of p.isi.agregat) {
    const bulan = a.tanggal.slice(0, 7);
    const layanan = nama.get(a.layanan_id) ?? '';
    const key = `${bulan}\u0000${layanan}`;
    let x = g.get(key);
    if (!x) g.set(key, (x = { bulan, layanan, sel: emptySel() }));
    addSel(x.sel, a.sel);
  }
  return [...g.values()];
}

export interface HasilTambah {
  berkas: string;
  kecamatan: string;
  tahun: number;
  responden: number;
  /** The packet this one replaced (same kecamatan and year), or null. */
  menggantikan: { berkas: string; dibuat: string; responden: number } | null;
}

function periksaWilayah(w: Wilayah, p: Paket): void {
  if (normKab(w.kabupaten) !== normKab(p.kabupaten) || norm(w.provinsi) !== norm(p.provinsi))
    throw new UserError(`${p.berkas} berasal dari ${p.kabupaten}, ${p.provinsi}, bukan dari ${w.kabupaten}, ${w.provinsi}.`, {
      hint: 'Basis data kabupaten ini hanya memuat paket kecamatan di kabupaten itu; pakai basis data lain (--db) untuk kabupaten lain. Tidak ada yang dimuat.',
    });
}

/** Reads, checks and loads packets, all or nothing. */
export function tambahPaket(db: Db, files: string[]): HasilTambah[] {
  const pakets = files.map((f) => readPaket(f));
  const wilayah = getWilayah(db) ?? { kabupaten: pakets[0].kabupaten, provinsi: pakets[0].provinsi };
  const namaPerKode = new Map<string, { kecamatan: string; berkas: string }>();
  for (const s of listPaket(db)) namaPerKode.set(s.kunci, { kecamatan: s.kecamatan, berkas: s.berkas });
  const dalamBatch = new Map<string, string>();
  for (const p of pakets) {
    periksaWilayah(wilayah, p);
    const kunci = kunciKecamatan(p);
    const ada = namaPerKode.get(kunci);
    if (ada && norm(ada.kecamatan) !== norm(p.kecamatan))
      throw new UserError(`${p.berkas} memakai kode wilayah ${p.kode_wilayah} untuk Kecamatan ${p.kecamatan}, padahal kode itu sudah dipakai Kecamatan ${ada.kecamatan} (${ada.berkas}).`, {
        hint: 'Periksa kode wilayah di profil kecamatan pengirim (`paten profil set --kode …`) lalu minta paket baru. Tidak ada yang dimuat.',
      });
    namaPerKode.set(kunci, { kecamatan: p.kecamatan, berkas: p.berkas });
    const dua = dalamBatch.get(`${kunci}|${p.tahun}`);
    if (dua) throw new UserError(`${dua} dan ${p.berkas} sama-sama paket Kecamatan ${p.kecamatan} tahun ${p.tahun}; muat salah satu saja.`);
    dalamBatch.set(`${kunci}|${p.tahun}`, p.berkas);
  }
  const baru: PaketBaru[] = pakets.map((p) => ({
    kunci: kunciKecamatan(p),
    kecamatan: p.kecamatan,
    kode_wilayah: p.kode_wilayah,
    tahun: p.tahun,
    responden: p.responden,
    populasi: p.populasi,
    dibuat: p.dibuat,
    sha256: p.sha256,
    berkas: p.berkas,
    agregat: perBulanLayanan(p),
  }));
  const lama = simpanPaket(db, wilayah, baru);
  return pakets.map((p, i) => ({
    berkas: p.berkas,
    kecamatan: p.kecamatan,
    tahun: p.tahun,
    responden: p.responden,
    menggantikan: lama[i] ? { berkas: lama[i]!.berkas, dibuat: lama[i]!.dibuat, responden: lama[i]!.responden } : null,
  }));
}
