/**
 * The kabupaten step of `paten demo`: the demo kecamatan (Kemlagi) writes its packets as
 * `paten survey paket` does, two sample kecamatan send generated packets (src/contoh/paket.ts),
 * and a kabupaten database in the demo folder loads all of them and writes the kabupaten table and
 * report, as `paten --db … kabupaten tambah *.paket`, `kabupaten ikm --csv` and `kabupaten laporan`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { openDatabase } from '../db/index.js';
import { toCsv, writeFileAtomic } from '../core/csv.js';
import { formatAngka } from '../core/format.js';
import { isiPolos } from '../ikm/tabel.js';
import { tahunTersedia } from '../ikm/store.js';
import { requireProfil } from '../profil/index.js';
import { writePdfAtomic } from '../pdf/document.js';
import { buildPaket } from '../kabupaten/paket.js';
import { paketContoh } from './paket.js';
import { tambahPaket } from '../kabupaten/index.js';
import { ikmKabupaten } from '../kabupaten/ikm.js';
import { susunLaporanKabupaten } from '../kabupaten/laporan.js';
import { tabelPeringkat } from '../kabupaten/tabel.js';

/** Two more kecamatan of the demo kabupaten, with generated answers (not real data). */
const CONTOH = [
  { kecamatan: 'Gedeg (contoh)', kode_wilayah: '35.16.16', desa: 14, seed: 16, mutu: 0.55 },
  { kecamatan: 'Dawarblandong (contoh)', kode_wilayah: '35.16.17', desa: 18, seed: 17, mutu: 0.1 },
];

export async function kabupatenDemo(db: Db, outDir: string): Promise<{ ringkasan: string; berkas: string[] }> {
  const tahun = tahunTersedia(db);
  if (tahun.length === 0) return { ringkasan: 'belum ada jawaban survei di basis data demo; langkah ini dilewati', berkas: [] };
  const akhir = tahun[tahun.length - 1];
  const profil = requireProfil(db);
  const folder = path.join(outDir, 'kabupaten');
  fs.mkdirSync(folder, { recursive: true });
  const pakets: string[] = [];
  for (const t of tahun) {
    const f = path.join(folder, `${profil.nama_kecamatan.toLowerCase()}-${t}.paket`);
    writeFileAtomic(f, buildPaket(db, t).bytes);
    pakets.push(f);
  }
  for (const [i, k] of CONTOH.entries())
    for (const t of i === 0 ? tahun : [akhir]) {
      const f = path.join(folder, `${k.kecamatan.split(' ')[0].toLowerCase()}-${t}.paket`);
      writeFileAtomic(f, paketContoh({ ...k, kabupaten: profil.kabupaten, provinsi: profil.provinsi, tahun: t, responden: 350 + 150 * i + 20 * (t % 5), seed: k.seed * 10000 + t }));
      pakets.push(f);
    }
  const dbFile = path.join(folder, 'kabupaten-demo.db');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const kab = openDatabase(dbFile, { create: true });
  try {
    tambahPaket(kab, pakets);
    const r = ikmKabupaten(kab, akhir, tahun.length > 1 ? tahun[0] : null);
    const csv = path.join(folder, `ikm-kabupaten-${akhir}.csv`);
    const t = tabelPeringkat(r, { kabupaten: true });
    writeFileAtomic(csv, toCsv(t.header, t.rows.map((row) => row.map(isiPolos))));
    const { laporanKabupatenPdf } = await import('../kabupaten/laporan-pdf.js');
    const pdf = path.join(folder, `laporan-kabupaten-${akhir}.pdf`);
    await writePdfAtomic(await laporanKabupatenPdf(susunLaporanKabupaten(kab, akhir)), pdf);
    const g = r.gabungan;
    return {
      ringkasan: `${pakets.length} paket dari ${r.baris.length} kecamatan dimuat ke basis data kabupaten; IKM kabupaten ${akhir}: ${formatAngka(g.konversi, 2)} (mutu ${g.mutu}) atas ${formatAngka(g.responden)} responden`,
      berkas: [pakets[pakets.length - 1], dbFile, csv, pdf],
    };
  } finally {
    kab.close();
  }
}
