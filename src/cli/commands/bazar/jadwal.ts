/** `paten bazar jadwal`: a year of proposed dates (holidays skipped), then the events. */
import type { Command } from 'commander';
import { context } from '../../context.js';
import { c, info, print, printJson, renderTable, success, warn } from '../../output.js';
import { canPrompt } from '../../prompt.js';
import { UserError } from '../../../core/errors.js';
import { readCsvFile } from '../../../core/csv.js';
import { formatAngka, formatTanggalHari } from '../../../core/format.js';
import { dataFile } from '../../../core/paths.js';
import { addAcaraBanyak, listAcara } from '../../../bazar/acara.js';
import { parseHari, parseLibur, usulanJadwal, usulanSeri, type Libur, type Usulan } from '../../../bazar/jadwal.js';
import { confirmOrYes, parseIntArg } from '../common.js';

type JadwalFlags = {
  tahun: string; setiap: string; hari: string; mingguKe: string; mulaiBulan: string; setiapMinggu?: string | true; hariKerja?: boolean;
  tempat?: string; tema?: string; libur?: string; tanpaCutiBersama?: boolean; yes?: boolean;
};

/** The proposal: every N months (the bazar), or a weekly / working-day series (a Mal Pelayanan Publik). */
function usulanDariFlags(o: JadwalFlags, command: Command, tahun: number, libur: Libur[], sudahAda: string[]): { usulan: Usulan[]; dilewati: { bulan?: string; tanggal?: string; alasan: string }[]; tahun_tanpa_libur: boolean } {
  const dariCli = (k: string) => command.getOptionValueSource(k) === 'cli';
  const mulaiBulan = parseIntArg(o.mulaiBulan, '--mulai-bulan', { min: 1 });
  if (o.setiapMinggu !== undefined || o.hariKerja) {
    if (o.setiapMinggu !== undefined && o.hariKerja) throw new UserError('Pilih salah satu: --setiap-minggu atau --hari-kerja.');
    const lain = ['setiap', 'mingguKe'].filter(dariCli);
    if (lain.length) throw new UserError(`--${o.hariKerja ? 'hari-kerja' : 'setiap-minggu'} tidak dapat digabung dengan ${lain.map((k) => (k === 'setiap' ? '--setiap' : '--minggu-ke')).join(' dan ')} (itu untuk acara tiap beberapa bulan).`);
    if (o.hariKerja && dariCli('hari')) throw new UserError('--hari-kerja berarti Senin sampai Jumat: --hari tidak dipakai bersamanya.');
    const pola = o.hariKerja
      ? ({ jenis: 'hari-kerja' } as const)
      : ({ jenis: 'minggu', hari: parseHari(o.hari), setiap: o.setiapMinggu === true ? 1 : parseIntArg(o.setiapMinggu!, '--setiap-minggu', { min: 1 }) } as const);
    return usulanSeri({ tahun, pola, mulaiBulan, libur, hindariCutiBersama: !o.tanpaCutiBersama, sudahAda });
  }
  return usulanJadwal({
    tahun,
    setiap: parseIntArg(o.setiap, '--setiap', { min: 1 }),
    hari: parseHari(o.hari),
    mingguKe: parseIntArg(o.mingguKe, '--minggu-ke', { min: 1 }),
    mulaiBulan,
    libur,
    hindariCutiBersama: !o.tanpaCutiBersama,
    sudahAda,
  });
}

function printUsulan(tahun: number, r: ReturnType<typeof usulanDariFlags>): void {
  print(c.bold(`Usulan jadwal bazar ${tahun}: ${formatAngka(r.usulan.length)} acara`));
  if (r.usulan.length > 24) {
    // A daily or weekly series: one line per month instead of hundreds of dates.
    const bulan = [...new Set(r.usulan.map((u) => u.bulan))];
    print(renderTable(['Bulan', 'Acara', 'Pertama', 'Terakhir'], bulan.map((b) => {
      const d = r.usulan.filter((u) => u.bulan === b);
      return [b, formatAngka(d.length), formatTanggalHari(d[0].tanggal), formatTanggalHari(d[d.length - 1].tanggal)];
    }), { right: [1] }));
  } else
    print(
      renderTable(
        ['No', 'Tanggal', 'Keterangan'],
        r.usulan.map((u, i) => [String(i + 1), formatTanggalHari(u.tanggal), u.digeser ? `digeser dari ${formatTanggalHari(u.digeser.dari)} (${u.digeser.karena})` : '']),
        { maxWidth: 80 },
      ),
    );
  for (const d of r.dilewati) info(c.dim(`  ${d.tanggal ? formatTanggalHari(d.tanggal) : d.bulan} dilewati: ${d.alasan}`));
}

export function registerJadwal(bazar: Command): void {
  bazar
    .command('jadwal')
    .description('usulkan tanggal bazar setahun (tiap N bulan, tiap minggu atau tiap hari kerja, melewati hari libur nasional) lalu buat acaranya')
    .requiredOption('--tahun <tahun>', 'tahun jadwal, mis. 2026')
    .option('--setiap <bulan>', 'tiap berapa bulan', '2')
    .option('--hari <hari>', 'hari pelaksanaan', 'Sabtu')
    .option('--minggu-ke <n>', 'hari itu yang ke berapa dalam bulan (1–4)', '2')
    .option('--setiap-minggu [n]', 'tiap minggu (atau tiap n minggu) pada --hari, mis. pojok layanan mingguan')
    .option('--hari-kerja', 'tiap hari kerja Senin–Jumat, mis. Mal Pelayanan Publik')
    .option('--mulai-bulan <n>', 'bulan pertama (1–12)', '1')
    .option('--tempat <teks>', 'tempat (bawaan: Halaman Kantor Kecamatan …)')
    .option('--tema <teks>', 'tema untuk semua acara')
    .option('--libur <berkas>', 'daftar hari libur CSV (bawaan: data/libur-nasional.csv)')
    .option('--tanpa-cuti-bersama', 'cuti bersama tidak dihindari, hanya hari libur nasional')
    .option('--yes', 'buat acaranya tanpa bertanya konfirmasi')
    .action(async (o: JadwalFlags, command: Command) => {
      const ctx = context(command);
      const tahun = parseIntArg(o.tahun, '--tahun', { min: 2000 });
      const liburFile = o.libur ?? dataFile('libur-nasional.csv');
      const libur = parseLibur(readCsvFile(liburFile));
      const db = ctx.db();
      const existing = listAcara(db, { tahun });
      const seri = o.setiapMinggu !== undefined || !!o.hariKerja;
      if (existing.length) warn(`Tahun ${tahun} sudah punya ${existing.length} acara; ${seri ? 'hari' : 'bulan'} yang sudah punya acara dilewati.`);
      const r = usulanDariFlags(o, command, tahun, libur, existing.map((a) => a.tanggal));
      if (r.tahun_tanpa_libur) warn(`Daftar hari libur (${liburFile}) tidak memuat tahun ${tahun}: tanggal tidak diperiksa terhadap hari libur. Tambahkan baris tahun itu ke berkasnya.`);
      if (!ctx.json) printUsulan(tahun, r);
      if (r.usulan.length === 0) throw new UserError('Tidak ada tanggal yang dapat diusulkan.');
      // A script asking with --json but without --yes still gets the proposal on stdout.
      if (ctx.json && !o.yes && !canPrompt()) printJson({ ...r, dibuat: [] });
      await confirmOrYes(o.yes, `Buat ${formatAngka(r.usulan.length)} acara ini?`);
      const made = addAcaraBanyak(db, r.usulan.map((u) => ({ tanggal: u.tanggal, tempat: o.tempat, tema: o.tema })));
      if (ctx.json) return printJson({ ...r, dibuat: made });
      success(`${formatAngka(made.length)} acara dibuat (#${made[0].id}–#${made[made.length - 1].id}). Undang instansinya: paten bazar undang NOMOR --semua`);
    });
}
