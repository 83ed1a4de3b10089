/**
 * The kabupaten side: loading kecamatan packets (one transaction, each packet checked and written
 * in turn) and listing them. A packet of another kabupaten, or one whose kecamatan code is already loaded under another
 * name, is refused before anything is written.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { addSel, emptySel, type Sel } from '../ikm/hitung.js';
import { readPaket, type Paket } from './paket.js';
import { isoDateTimeLocal } from '../core/format.js';
import { dalamTransaksi, getWilayah, listPaket, namaPerKunci, simpanPaket, simpanWilayah, type PaketTersimpan, type Wilayah } from './store.js';

export { listPaket, getWilayah, type PaketTersimpan };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('id');
/** "Kabupaten Mojokerto", "Kab. Mojokerto" and "Mojokerto" name the same kabupaten. */
const normKab = (s: string) => norm(s).replace(/^(kabupaten|kab\.?)\s*/, '');

/** A kecamatan's identity across years: its kode wilayah, or its name when it has none. */
export function kunciKecamatan(p: Pick<Paket, 'kode_wilayah' | 'kecamatan'>): string {
  return p.kode_wilayah ? `kode:${p.kode_wilayah.trim()}` : `nama:${norm(p.kecamatan)}`;
}

/** The packet's months × layanan, keyed by layanan name (the kabupaten compares catalogs by name). */
function perBulanLayanan(p: Paket): { bulan: string; layanan: string; sel: Sel }[] {
  const nama = new Map(p.layanan.map((l) => [l.id, l.nama]));
  const g = new Map<string, { bulan: string; layanan: string; sel: Sel }>();
  for (const a of p.bulanan) {
    const bulan = `${p.tahun}-${String(a.bulan).padStart(2, '0')}`;
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

/**
 * Reads, checks and loads packets, all or nothing: each packet is read, verified and written in
 * turn inside one transaction, so memory does not grow with the number of packets, and any refusal
 * rolls back every packet of the call.
 */
export function tambahPaket(db: Db, files: string[]): HasilTambah[] {
  return dalamTransaksi(db, () => {
    let wilayah = getWilayah(db);
    const namaPerKode = namaPerKunci(db);
    const dalamBatch = new Map<string, string>();
    const now = isoDateTimeLocal();
    return files.map((f) => {
      const p = readPaket(f);
      if (!wilayah) simpanWilayah(db, (wilayah = { kabupaten: p.kabupaten, provinsi: p.provinsi }));
      periksaWilayah(wilayah, p);
      const kunci = kunciKecamatan(p);
      const ada = namaPerKode.get(kunci);
      if (ada && norm(ada.kecamatan) !== norm(p.kecamatan))
        throw new UserError(`${p.berkas} memakai kode wilayah ${p.kode_wilayah} untuk Kecamatan ${p.kecamatan}, padahal kode itu sudah dipakai Kecamatan ${ada.kecamatan} (${ada.berkas}).`, {
          hint: 'Periksa kode wilayah di profil kecamatan pengirim (`paten profil set --kode …`) lalu minta paket baru. Tidak ada yang dimuat.',
        });
      namaPerKode.set(kunci, { kecamatan: p.kecamatan, berkas: p.berkas });
      const dua = dalamBatch.get(`${kunci}|${p.tahun}`);
      if (dua) throw new UserError(`${dua} dan ${p.berkas} sama-sama paket Kecamatan ${p.kecamatan} tahun ${p.tahun}; muat salah satu saja.`, { hint: 'Tidak ada yang dimuat.' });
      dalamBatch.set(`${kunci}|${p.tahun}`, p.berkas);
      const lama = simpanPaket(
        db,
        {
          kunci,
          kecamatan: p.kecamatan,
          kode_wilayah: p.kode_wilayah,
          tahun: p.tahun,
          responden: p.responden,
          populasi: p.populasi,
          dibuat: p.dibuat,
          sha256: p.sha256,
          berkas: p.berkas,
          agregat: perBulanLayanan(p),
        },
        now,
      );
      return {
        berkas: p.berkas,
        kecamatan: p.kecamatan,
        tahun: p.tahun,
        responden: p.responden,
        menggantikan: lama ? { berkas: lama.berkas, dibuat: lama.dibuat, responden: lama.responden } : null,
      };
    });
  });
}
