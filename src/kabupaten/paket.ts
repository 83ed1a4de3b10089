/**
 * A kecamatan packet: one year's survey aggregates (n and Σ per unsur by day × layanan × desa),
 * respondent-profile counts and the populasi, without raw rows, so no resident's answers leave the
 * office. Saran texts only on request. Built from a kecamatan database (buildPaket), read back and
 * verified by the kabupaten (readPaket). The checksum covers the content, not the file bytes, so it
 * can be stored inside the file and an edit with any SQLite tool is detected.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { formatAngka } from '../core/format.js';
import { requireProfil } from '../profil/index.js';
import { listLayanan } from '../layanan/index.js';
import { listDesa } from '../desa/index.js';
import { getPopulasi } from '../survey/store.js';
import { agregatHarian, daftarSaran, sebaranSemua, tahunTersedia, type Karakteristik } from '../ikm/store.js';
import type { Sel } from '../ikm/hitung.js';
import { deserializePaket, isGzip, serializePaket, sqlitePaket, type PaketTerbaca } from './paket-store.js';

export const FORMAT_PAKET = 'paten-paket';
/** Bump when a reader of the previous version could misread a packet; older readers then refuse it. */
export const VERSI_FORMAT_PAKET = 1;

export interface PaketIsi {
  /** Keys in sorted order: format, versi_format, kecamatan, kode_wilayah, kabupaten, provinsi, tahun, … */
  meta: Record<string, string>;
  layanan: { id: number; nama: string }[];
  desa: { id: number; kode: string | null; nama: string }[];
  agregat: { tanggal: string; layanan_id: number; desa_id: number; sel: Sel }[];
  sebaran: { karakteristik: string; nilai: string; jumlah: number }[];
  saran: { tanggal: string | null; saran: string }[];
}

/** What a loaded packet says about itself (plain values, for JSON and for the kabupaten store). */
export interface Paket {
  berkas: string;
  sha256: string;
  kecamatan: string;
  kode_wilayah: string | null;
  kabupaten: string;
  provinsi: string;
  tahun: number;
  responden: number;
  populasi: number | null;
  /** The last response date in the packet (never the clock: same data, same bytes). */
  dibuat: string;
  dengan_saran: boolean;
  layanan: PaketIsi['layanan'];
  desa: PaketIsi['desa'];
  /** n and Σ per unsur per month (1–12) × layanan id. */
  bulanan: PaketTerbaca['bulanan'];
}

const KARAKTERISTIK: Karakteristik[] = ['jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan'];

/** The canonical line of one day × layanan × desa row (deserializePaket builds the same text in SQL). */
const barisAgregat = (r: PaketIsi['agregat'][number]) => JSON.stringify(['a', r.tanggal, r.layanan_id, r.desa_id, r.sel.responden, r.sel.n, r.sel.s]) + '\n';

/** SHA-256 over a canonical text of the content (meta sorted by key, every table in key order). */
export function checksumPaket(isi: PaketIsi): string {
  return checksumDari(isi, barisBarisAgregat(isi.agregat));
}

function* barisBarisAgregat(rows: PaketIsi['agregat']): Generator<string> {
  for (const r of rows) yield barisAgregat(r);
}

/**
 * The checksum from the content and the agregat rows' canonical text, whole or line by line (the
 * same bytes hashed: a year's lines are not joined into one string first).
 */
function checksumDari(isi: Omit<PaketIsi, 'agregat'>, teksAgregat: string | Iterable<string>): string {
  const h = crypto.createHash('sha256');
  const meta = Object.entries(isi.meta).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  h.update(JSON.stringify(meta) + '\n');
  for (const r of isi.layanan) h.update(JSON.stringify(['l', r.id, r.nama]) + '\n');
  for (const r of isi.desa) h.update(JSON.stringify(['d', r.id, r.kode, r.nama]) + '\n');
  if (typeof teksAgregat === 'string') h.update(teksAgregat);
  else for (const line of teksAgregat) h.update(line);
  for (const r of isi.sebaran) h.update(JSON.stringify(['p', r.karakteristik, r.nilai, r.jumlah]) + '\n');
  for (const r of isi.saran) h.update(JSON.stringify(['s', r.tanggal, r.saran]) + '\n');
  return h.digest('hex');
}

/** Collects one year of a kecamatan database into a packet's content. */
export function isiPaket(db: Db, tahun: number, opts: { denganSaran?: boolean } = {}): PaketIsi {
  const profil = requireProfil(db);
  const agregat = agregatHarian(db, tahun);
  if (agregat.length === 0) {
    const ada = tahunTersedia(db);
    throw new UserError(`Tidak ada jawaban survei untuk tahun ${tahun}; paket tidak dibuat.`, {
      hint: ada.length ? `Tahun yang ada datanya: ${ada.join(', ')}.` : 'Impor dulu hasil survei: paten survey import BERKAS.csv',
    });
  }
  const layananDipakai = new Set(agregat.map((r) => r.layanan_id));
  const desaDipakai = new Set(agregat.map((r) => r.desa_id));
  const f = { dari: `${tahun}-01-01`, sampai: `${tahun}-12-31` };
  const responden = agregat.reduce((a, r) => a + r.sel.responden, 0);
  const populasi = getPopulasi(db, tahun);
  const meta: Record<string, string> = {
    format: FORMAT_PAKET,
    versi_format: String(VERSI_FORMAT_PAKET),
    kecamatan: profil.nama_kecamatan,
    kode_wilayah: profil.kode_wilayah ?? '',
    kabupaten: profil.kabupaten,
    provinsi: profil.provinsi,
    urutan_unsur: profil.urutan_unsur,
    tahun: String(tahun),
    responden: String(responden),
    populasi: populasi === null ? '' : String(populasi),
    dibuat: agregat[agregat.length - 1].tanggal,
    dengan_saran: opts.denganSaran ? '1' : '0',
  };
  return {
    meta: Object.fromEntries(Object.entries(meta).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    layanan: listLayanan(db).filter((l) => layananDipakai.has(l.id)).map((l) => ({ id: l.id, nama: l.nama })).sort((a, b) => a.id - b.id),
    desa: listDesa(db).filter((d) => desaDipakai.has(d.id)).map((d) => ({ id: d.id, kode: d.kode, nama: d.nama })).sort((a, b) => a.id - b.id),
    agregat,
    sebaran: [...sebaranSemua(db, f, KARAKTERISTIK)].flatMap(([k, rows]) =>
      rows.map((r) => ({ karakteristik: k, nilai: r.nilai ?? '', jumlah: r.jumlah })),
    ).sort((a, b) => (a.karakteristik + '\u0000' + a.nilai < b.karakteristik + '\u0000' + b.nilai ? -1 : 1)),
    saran: opts.denganSaran ? daftarSaran(db, f) : [],
  };
}

/** The packet file's bytes for one year of this database. */
export function buildPaket(db: Db, tahun: number, opts: { denganSaran?: boolean } = {}): { bytes: Buffer; sha256: string; isi: PaketIsi } {
  const isi = isiPaket(db, tahun, opts);
  const sha256 = checksumPaket(isi);
  return { bytes: serializePaket(isi, sha256), sha256, isi };
}

/**
 * A kecamatan's Kemendagri code from its desa codes (3516152001 or 35.16.15.2001 → 35.16.15) when
 * the profile has none and every coded desa agrees: the kabupaten can then tell its kecamatan apart
 * by code and see gaps in the numbering (src/kabupaten/ikm.ts belumMengirim).
 */
export function kodeDariDesa(desa: PaketIsi['desa']): string | null {
  const kec = new Set(desa.map((d) => (d.kode ?? '').replace(/\D/g, '')).filter((k) => k.length === 10).map((k) => k.slice(0, 6)));
  if (kec.size !== 1) return null;
  const [k] = [...kec];
  return `${k.slice(0, 2)}.${k.slice(2, 4)}.${k.slice(4, 6)}`;
}

function rusak(berkas: string, why: string): UserError {
  return new UserError(`${berkas} bukan paket paten yang utuh: ${why}.`, {
    hint: 'Minta kecamatan mengirim ulang berkas hasil `paten survey paket`; tidak ada yang dimuat.',
  });
}

/** Reads and verifies a packet file; every fault is a UserError naming the file. */
export function readPaket(file: string): Paket {
  const berkas = path.basename(file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `Berkas paket tidak ditemukan: ${file}` : `Tidak dapat membaca berkas paket ${file}: ${(e as Error).message}`);
  }
  if (isGzip(buf)) {
    try {
      buf = sqlitePaket(buf);
    } catch {
      throw rusak(berkas, 'berkas terpotong atau rusak (isi terkompresinya tidak dapat dibuka)');
    }
  } else if (buf.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw rusak(berkas, 'bukan berkas paket (bukan berkas paket paten terkompresi maupun SQLite)');
  if (buf.length < 100 || buf.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw rusak(berkas, 'bukan berkas paket (isinya bukan SQLite) atau terpotong');
  let got: ReturnType<typeof deserializePaket>;
  try {
    got = deserializePaket(buf);
  } catch (e) {
    throw rusak(berkas, `berkas rusak atau terpotong (${(e as Error).message})`);
  }
  const { isi, sha256, teksAgregat, bulanan, responden } = got;
  const m = isi.meta;
  if (m.format !== FORMAT_PAKET) throw rusak(berkas, 'bukan berkas paket paten');
  const versi = Number(m.versi_format);
  if (!Number.isInteger(versi) || versi > VERSI_FORMAT_PAKET)
    throw new UserError(`${berkas} dibuat oleh versi paten yang lebih baru (format paket ${m.versi_format}; versi ini mengenal sampai ${VERSI_FORMAT_PAKET}).`, {
      hint: 'Perbarui paten di kantor kabupaten ke versi terbaru; tidak ada yang dimuat.',
    });
  if (!sha256 || checksumDari(isi, teksAgregat) !== sha256) throw rusak(berkas, 'checksum tidak cocok (isi berkas telah diubah atau rusak)');
  if (String(responden) !== m.responden) throw rusak(berkas, `jumlah responden ${formatAngka(responden)} tidak sama dengan ${m.responden} yang tercatat`);
  return {
    berkas,
    sha256,
    kecamatan: m.kecamatan,
    kode_wilayah: m.kode_wilayah || kodeDariDesa(isi.desa),
    kabupaten: m.kabupaten,
    provinsi: m.provinsi,
    tahun: Number(m.tahun),
    responden,
    populasi: m.populasi ? Number(m.populasi) : null,
    dibuat: m.dibuat,
    dengan_saran: m.dengan_saran === '1',
    layanan: isi.layanan,
    desa: isi.desa,
    bulanan,
  };
}
