/**
 * The `paten demo` step for the bazar: Mayangan's agencies, a sample year (2025) of six events
 * every two months — five held, one cancelled — with attendance and served counts, then the
 * year report (PDF and CSV) and the attendance sheet of the last event. At the fifth event the
 * Puskesmas Jati brings a service it did not register (imunisasi), as happens on real days: it is
 * recorded for that event only, through the same path as `bazar catat`.
 * Everything is deterministic (fixed timestamps, counts from a formula), so the files are
 * byte-identical on every run.
 */
import path from 'node:path';
import type { Db } from '../db/index.js';
import { readCsvFile, toCsv, writeFileAtomic } from '../core/csv.js';
import { formatAngka, formatPersen, formatTanggal } from '../core/format.js';
import { dataFile } from '../core/paths.js';
import { addAcara, editAcara, tempatBawaan } from '../bazar/acara.js';
import { undang } from '../bazar/partisipasi.js';
import { catatBanyak, type CatatanInstansi } from '../bazar/catat.js';
import { importInstansiCsv, listInstansi, type Instansi } from '../bazar/instansi.js';
import { daftarHadirData, laporanTahun, laporanTahunCsv } from '../bazar/laporan.js';

export const DEMO_TAHUN = 2025;
const TANGGAL = ['2025-02-15', '2025-04-19', '2025-06-14', '2025-08-16', '2025-10-18', '2025-12-13'];
const BATAL = '2025-06-14';

/** Residents an agency of this kind typically serves per service in a day. */
const BASIS: Record<string, number> = { dinas: 38, vertikal: 20, 'tni-polri': 26, 'bumn-bumd': 16, kesehatan: 34, kelurahan: 9, umkm: 55, lainnya: 15 };

/** The service brought on the day: which agency, at which event (index), how many served. */
const DIBAWA = { instansi: 'Pusk. Jati', acara: 4, layanan: 'Imunisasi', jumlah: 27 };

function jumlah(i: number, e: number, s: number, jenis: string): number {
  // A fixed wobble between 60 % and 140 % of the basis, different per agency, event and service.
  const wobble = ((i * 37 + e * 53 + s * 29) % 81) / 100 + 0.6;
  return Math.round((BASIS[jenis] ?? 15) * wobble);
}

function catatan(i: number, e: number, inst: Instansi): CatatanInstansi & { instansi: string } {
  const dibawa = inst.singkatan === DIBAWA.instansi && e === DIBAWA.acara;
  if ((i * 5 + e * 3) % 8 === 0 && !dibawa) return { instansi: inst.nama, status: 'tidak-hadir' };
  const layanan = inst.layanan.map((l, s) => ({ nama: l.nama, jumlah: jumlah(i, e, s, inst.jenis) }));
  if (dibawa) layanan.push({ nama: DIBAWA.layanan, jumlah: DIBAWA.jumlah });
  return { instansi: inst.nama, status: 'hadir', layanan };
}

export interface BazarDemoResult {
  ringkasan: string;
  berkas: string[];
}

export async function bazarDemo(db: Db, outDir: string): Promise<BazarDemoResult> {
  importInstansiCsv(db, readCsvFile(dataFile('bazar-instansi-contoh.csv')), `${DEMO_TAHUN}-01-10 09:00:00`);
  const instansi = listInstansi(db);
  const tempat = tempatBawaan(db) ?? 'Halaman Kantor Kecamatan';
  const dibawa: string[] = [];
  TANGGAL.forEach((tanggal, e) => {
    const now = `${tanggal} 16:00:00`;
    const a = addAcara(db, { tanggal, tempat, tema: `Bazar Pelayanan ke-${e + 1}` }, `${tanggal.slice(0, 8)}01 09:00:00`);
    undang(db, String(a.id), { semua: true }, `${tanggal.slice(0, 8)}01 09:00:00`);
    if (tanggal === BATAL) editAcara(db, String(a.id), { status: 'batal', catatan: 'Ditunda: hujan deras sejak pagi' }, now);
    else {
      const r = catatBanyak(db, String(a.id), instansi.map((inst, i) => catatan(i, e, inst)), { now, today: tanggal });
      for (const b of r.layanan_baru) dibawa.push(`${b.instansi} membawa layanan baru ${b.layanan.join(', ')} pada ${formatTanggal(tanggal)}`);
    }
  });
  const l = laporanTahun(db, DEMO_TAHUN);
  const pdf = path.join(outDir, `laporan-bazar-${DEMO_TAHUN}.pdf`);
  const csv = path.join(outDir, `laporan-bazar-${DEMO_TAHUN}-instansi.csv`);
  const sheet = path.join(outDir, `daftar-hadir-bazar-${TANGGAL[TANGGAL.length - 1]}.pdf`);
  const { laporanTahunPdf, daftarHadirPdf } = await import('../bazar/pdf.js');
  await laporanTahunPdf(l, pdf);
  const t = laporanTahunCsv(l, 'instansi');
  writeFileAtomic(csv, toCsv(t.header, t.rows));
  await daftarHadirPdf(daftarHadirData(db, TANGGAL[TANGGAL.length - 1]), sheet);
  const r = l.ringkasan;
  return {
    ringkasan: `${instansi.length} instansi, ${r.acara} acara ${DEMO_TAHUN} (${r.terlaksana} terlaksana, ${r.batal} batal), kehadiran ${formatPersen(r.tingkat_kehadiran ?? 0)}, ${formatAngka(r.dilayani)} warga dilayani${dibawa.map((d) => `; ${d}`).join('')}`,
    berkas: [pdf, csv, sheet],
  };
}
