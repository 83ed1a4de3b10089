/**
 * The `Contoh:` lines under `--help`, one table for the whole command tree (issue 14: every
 * command with more than two options shows examples). Kept beside each other so they read as one
 * voice and so tests/unit/help-contoh.test.ts can check every line against the real tree: the
 * command exists, each flag is one it accepts, the number of arguments fits. Commands whose file
 * already adds its own `Contoh:` (init, profil set, survey kuesioner/templat) are not listed here.
 */
import type { Command } from 'commander';

export const CONTOH: Readonly<Record<string, readonly string[]>> = {
  'desa add': ['paten desa add --kode 35.16.15.2021 --nama "Sumbersari" --kepala-desa "Siti Aminah"', 'paten desa add   (di terminal: kode dan nama ditanyakan)'],
  'desa edit': ['paten desa edit Betro --kepala-desa "Ahmad Yani" --kontak 0812-3456-7890', 'paten desa edit Betro --tambah-alias "Betro Kulon"'],
  'desa export': ['paten desa export --out desa.csv --pemisah ";"'],
  'layanan add': [
    'paten layanan add --nama "Surat Keterangan Usaha" --kategori non-perizinan --syarat "KTP-el" --syarat "Pengantar RT/RW" --waktu "1 hari kerja"',
  ],
  'layanan edit': ['paten layanan edit sktm --waktu "15 menit" --biaya Gratis', 'paten layanan edit sktm --tambah-syarat "Foto rumah" --hapus-syarat "Surat pernyataan"'],
  'layanan export': ['paten layanan export --out katalog.json', 'paten layanan export --out katalog.csv --pemisah ";"'],
  'qr generate': [
    'paten qr generate',
    'paten qr generate --desa Betro --layanan ktp-el --layanan kartu-keluarga --out poster-betro',
    'paten qr generate --kertas A3 --gabung --bersihkan',
    'paten qr generate --mode url --base-url https://kemlagi.mojokertokab.go.id/layanan',
  ],
  'qr situs': ['paten qr situs --out situs --base-url https://kemlagi.mojokertokab.go.id/layanan'],
  'survey import': [
    'paten survey import skm-2025.csv',
    'paten survey import skm-2025.csv --dry-run',
    'paten survey import form-lama.csv --map U1=5,U8="Kualitas sarana" --simpan-profil form-lama',
    'paten survey import form-lama-2.csv --profil form-lama --sumber "Google Form loket"',
    'paten survey import rekap-kertas.xlsx --lembar Juni --tanggal 2025-06-30 --layanan ktp-el',
  ],
  'survey paket': ['paten survey paket --tahun 2025 --out kemlagi-2025.paket'],
  ikm: [
    'paten ikm',
    'paten ikm --tahun 2025 --periode semester:1',
    'paten ikm --tahun 2025 --per layanan',
    'paten ikm --tahun 2025 --banding 2024',
    'paten ikm --dari 2025-01-01 --sampai 2025-03-31 --layanan ktp-el',
    'paten ikm --tahun 2025 --per desa --csv --pemisah ";" --out ikm-desa.csv',
  ],
  'report ikm': [
    'paten report ikm --tahun 2025 --out laporan-skm-2025.pdf',
    'paten report ikm --tahun 2025 --tindak-lanjut rtl-2025.csv --tanggal 2026-01-15 --out laporan-skm-2025.pdf',
    'paten report ikm --tahun 2025 --format html --out hasil-skm-2025.html',
    'paten report ikm --tahun 2025 --poster --out poster-skm-2025.pdf',
    'paten report ikm --tahun 2025 --format csv --pemisah ";" --out laporan-2025',
  ],
  'kabupaten ikm': [
    'paten kabupaten ikm --tahun 2025',
    'paten kabupaten ikm --tahun 2025 --banding 2024',
    'paten kabupaten ikm --tahun 2025 --per unsur',
    'paten kabupaten ikm --tahun 2025 --per layanan --csv --pemisah ";" --out layanan-kabupaten-2025.csv',
  ],
  'kabupaten laporan': [
    'paten --db mojokerto.db kabupaten laporan --tahun 2025 --nama "Drs. Ahmad Fauzi" --nip 197001011995031001',
    'paten --db mojokerto.db kabupaten laporan --tahun 2025 --out laporan-kabupaten-2025.pdf --tanggal 2026-01-20 --tempat Mojokerto',
  ],
  'bazar instansi add': ['paten bazar instansi add --nama "Dinas Kependudukan dan Pencatatan Sipil" --singkatan Dispendukcapil --jenis dinas --layanan KTP-el --layanan KIA'],
  'bazar instansi edit': ['paten bazar instansi edit Dispendukcapil --telepon 0812-3456-7890', 'paten bazar instansi edit "Pusk. Jati" --tambah-layanan Imunisasi'],
  'bazar acara add': ['paten bazar acara add --tanggal 2026-02-14 --tema "Bazar Pelayanan Publik"', 'paten bazar acara add --tanggal 2026-04-11 --tempat "Balai Desa Betro"'],
  'bazar acara edit': ['paten bazar acara edit 3 --status batal --catatan "hujan deras"', 'paten bazar acara edit 2026-02-14 --tanggal 2026-02-21'],
  'bazar jadwal': [
    'paten bazar jadwal --tahun 2026',
    'paten bazar jadwal --tahun 2026 --setiap 3 --hari Minggu --minggu-ke 1 --yes',
    'paten bazar jadwal --tahun 2026 --setiap-minggu --hari Kamis --tempat "Pojok Layanan Pasar"',
    'paten bazar jadwal --tahun 2026 --hari-kerja --tempat "Mal Pelayanan Publik"',
  ],
  'bazar undang': ['paten bazar undang 3 --semua', 'paten bazar undang 3 --instansi Dispendukcapil --instansi "Pusk. Jati"', 'paten bazar undang 3 --batal Samsat'],
  'bazar hadir': [
    'paten bazar hadir 3 Dispendukcapil --petugas "Rina" --layanan KTP-el --dilayani 42 --layanan KIA --dilayani 15',
    'paten bazar hadir 3 Samsat --status tidak-hadir --catatan "mobil keliling rusak"',
  ],
  'bazar catat': ['paten bazar catat 3   (di terminal: tiap instansi ditanyakan)', 'paten bazar catat 3 --templat hasil-3.csv --pemisah ";"', 'paten bazar catat 3 --file hasil-3.csv'],
  'bazar laporan': [
    'paten bazar laporan --tahun 2026',
    'paten bazar laporan --tahun 2026 --out laporan-bazar-2026.pdf',
    'paten bazar laporan --acara 3 --out acara-3.csv',
    'paten bazar laporan --tahun 2026 --tabel layanan --pemisah ";" --out layanan-2026.csv',
  ],
};

/** The command as it is keyed above (`survey import`). */
export function kunciPerintah(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function teksContoh(lines: readonly string[]): string {
  return `\nContoh:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** Adds the examples of the table to every command of the tree that has some. */
export function addContoh(root: Command): void {
  for (const cmd of root.commands) {
    const lines = CONTOH[kunciPerintah(cmd)];
    if (lines) cmd.addHelpText('after', teksContoh(lines));
    addContoh(cmd);
  }
}
