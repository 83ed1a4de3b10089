/** `paten ikm`: its flags only; the work is in ikm-run.ts, loaded when the command runs. */
import type { Command } from 'commander';
import type { IkmOpsi } from './ikm-run.js';

export interface IkmFlags {
  tahun?: string;
  periode?: string;
  dari?: string;
  sampai?: string;
  layanan?: string;
  per?: string;
  banding?: string;
  populasi?: string;
  bobot?: string;
}

/** The period/filter flags shared by `paten ikm` and `paten report ikm`. */
export function ikmFlags(cmd: Command, opts: { per?: boolean } = {}): Command {
  cmd
    .option('--tahun <tahun>', 'tahun survei (bawaan: tahun terakhir yang ada datanya)')
    .option('--periode <periode>', 'tahun, semester, triwulan atau bulan; satu bagian dengan nomornya: semester:1, triwulan:3, bulan:11')
    .option('--dari <tanggal>', 'awal rentang tanggal (TTTT-BB-HH), bersama --sampai')
    .option('--sampai <tanggal>', 'akhir rentang tanggal (TTTT-BB-HH)')
    .option('--layanan <slug>', 'hanya satu jenis layanan (slug, nama atau alias)');
  if (opts.per) cmd.option('--per <kelompok>', 'satu IKM per kelompok: layanan, desa, sumber atau periode');
  return cmd
    .option('--banding <tahun>', 'bandingkan dengan periode yang sama di tahun lain (perubahan per unsur)')
    .option('--populasi <jumlah>', 'jumlah penerima layanan pada periode itu (bawaan: `paten survey populasi`)')
    .option('--bobot <bobot>', 'bobot per unsur: 1/9 (bawaan, tepat) atau 0.111 (meniru spreadsheet lama)');
}

export function registerIkm(program: Command): void {
  ikmFlags(
    program.command('ikm').description('hitung Indeks Kepuasan Masyarakat (9 unsur, PermenPANRB 14/2017) dari hasil survei yang tersimpan'),
    { per: true },
  )
    .option('--csv', 'keluarkan tabel sebagai CSV (angka polos)')
    .option('-o, --out <berkas>', 'dengan --csv: tulis ke berkas')
    .option('--pemisah <pemisah>', 'dengan --csv: pemisah kolom , (bawaan), ; atau tab')
    .option('--tanpa-interval', 'lewati interval kepercayaan')
    .action(async (o: IkmOpsi, command: Command) => (await import('./ikm-run.js')).runIkm(o, command));
}
