/**
 * Sample kecamatan packets, generated without a kecamatan database: `paten demo` sends two sample
 * kecamatan next to Kemlagi's real sample data, and bench/kabupaten.bench.mjs builds a province of
 * 400. Every response is drawn from a seeded generator (same seed, same bytes) and added to its
 * day × layanan × desa cell, so the packet has the shape a real year gives: the same tables and
 * checksum as `paten survey paket` writes (src/kabupaten/paket.ts).
 */
import { emptySel, type Sel } from '../ikm/hitung.js';
import { checksumPaket, FORMAT_PAKET, VERSI_FORMAT_PAKET, type PaketIsi } from '../kabupaten/paket.js';
import { serializePaket } from '../kabupaten/paket-store.js';

/** Names from the PATEN catalog (data/layanan-paten.json), so packets compare per layanan. */
const LAYANAN = [
  'Pelayanan KTP-el (baru, hilang, rusak, perubahan data)',
  'Pelayanan Kartu Keluarga (KK)',
  'Legalisasi Dokumen',
  'Surat Keterangan Tidak Mampu (SKTM)',
  'Surat Keterangan Pindah Datang',
  'Surat Keterangan Ahli Waris',
  'Surat Keterangan Domisili',
];
const JK = ['Laki-laki', 'Perempuan'];
const PENDIDIKAN = ['SD', 'SMP', 'SMA', 'D-III', 'S1'];
const PEKERJAAN = ['PNS', 'Swasta', 'Wirausaha', 'Petani', 'Lainnya'];

export interface KecamatanContoh {
  kecamatan: string;
  /** NN.NN.NN, or '' (then the desa have no codes either and the kecamatan is known by name). */
  kode_wilayah: string;
  kabupaten: string;
  provinsi: string;
  tahun: number;
  responden: number;
  /** Desa count (codes kode_wilayah.2001, .2002, …). */
  desa: number;
  seed: number;
  /** 0..1: the share of answers moved one step up (a better-rated office). */
  mutu: number;
}

/** mulberry32: small, fast and the same on every platform. */
function acak(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const hari = (tahun: number, i: number) => new Date(Date.UTC(tahun, 0, 1 + i)).toISOString().slice(0, 10);

/** A packet's content for one sample kecamatan year. */
export function isiPaketContoh(k: KecamatanContoh): PaketIsi {
  const rnd = acak(k.seed);
  const jumlahHari = hari(k.tahun, 365).startsWith(String(k.tahun)) ? 366 : 365;
  const nLayanan = 4 + (k.seed % 4);
  const cells = new Map<number, { tanggal: string; layanan_id: number; desa_id: number; sel: Sel }>();
  const bagi = (c: string[]) => new Map(c.map((v) => [v, 0]));
  const sebaran = { jenis_kelamin: bagi(JK), pendidikan: bagi(PENDIDIKAN), pekerjaan: bagi(PEKERJAAN), usia: new Map<string, number>() };
  const naik = Math.round(k.mutu * 1000);
  // Each unsur of this office has its own weakness, so the weakest unsur differs between kecamatan.
  const lemah = k.seed % 9;
  for (let i = 0; i < k.responden; i++) {
    const d = rnd(jumlahHari);
    const l = 1 + rnd(nLayanan);
    const s = 1 + rnd(k.desa);
    const key = (d * 64 + l) * 256 + s;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { tanggal: hari(k.tahun, d), layanan_id: l, desa_id: s, sel: emptySel() }));
    c.sel.responden++;
    for (let u = 0; u < 9; u++) {
      if (u === 3 && rnd(10) < 9) {
        c.sel.n[u]++;
        c.sel.s[u] += 4; // biaya: a free service is almost always rated 4
        continue;
      }
      let v = 2 + rnd(3);
      if (v < 4 && rnd(1000) < naik) v++;
      if (u === lemah && v > 1 && rnd(4) === 0) v--;
      c.sel.n[u]++;
      c.sel.s[u] += Math.min(4, v);
    }
    const jk = JK[rnd(2)];
    sebaran.jenis_kelamin.set(jk, sebaran.jenis_kelamin.get(jk)! + 1);
    const pend = PENDIDIKAN[rnd(PENDIDIKAN.length)];
    sebaran.pendidikan.set(pend, sebaran.pendidikan.get(pend)! + 1);
    const pek = PEKERJAAN[rnd(PEKERJAAN.length)];
    sebaran.pekerjaan.set(pek, sebaran.pekerjaan.get(pek)! + 1);
    const usia = ['< 25', '25-34', '35-44', '45-54', '>= 55'][rnd(5)];
    sebaran.usia.set(usia, (sebaran.usia.get(usia) ?? 0) + 1);
  }
  const agregat = [...cells.values()].sort((a, b) => (a.tanggal < b.tanggal ? -1 : a.tanggal > b.tanggal ? 1 : a.layanan_id - b.layanan_id || a.desa_id - b.desa_id));
  const meta: Record<string, string> = {
    format: FORMAT_PAKET,
    versi_format: String(VERSI_FORMAT_PAKET),
    kecamatan: k.kecamatan,
    kode_wilayah: k.kode_wilayah,
    kabupaten: k.kabupaten,
    provinsi: k.provinsi,
    urutan_unsur: 'definisi',
    tahun: String(k.tahun),
    responden: String(k.responden),
    populasi: String(k.responden * 6),
    dibuat: agregat[agregat.length - 1].tanggal,
    dengan_saran: '0',
  };
  const kode = k.kode_wilayah.replace(/\D/g, '');
  return {
    meta: Object.fromEntries(Object.entries(meta).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    layanan: LAYANAN.slice(0, nLayanan).map((nama, i) => ({ id: i + 1, nama })),
    desa: Array.from({ length: k.desa }, (_, i) => ({ id: i + 1, kode: kode ? `${kode}${2001 + i}` : null, nama: `Desa ${k.kecamatan} ${i + 1}` })),
    agregat,
    sebaran: Object.entries(sebaran)
      .flatMap(([karakteristik, m]) => [...m].filter(([, j]) => j > 0).map(([nilai, jumlah]) => ({ karakteristik, nilai, jumlah })))
      .sort((a, b) => (a.karakteristik + '\u0000' + a.nilai < b.karakteristik + '\u0000' + b.nilai ? -1 : 1)),
    saran: [],
  };
}

/** The packet file's bytes for one sample kecamatan year. */
export function paketContoh(k: KecamatanContoh): Buffer {
  const isi = isiPaketContoh(k);
  return serializePaket(isi, checksumPaket(isi));
}
