/**
 * Every top-level command, in the order `paten --help` lists them. Each is loaded only when it is
 * needed (see commandsFor), so `paten qr generate` does not load the survey or bazar code, and the
 * top-level help loads none: it lists each command from its `term` and `summary` here (a test
 * checks they say what the loaded command says).
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  /** How the top-level help names it: the name, `[opsi]` when it has options, its arguments. */
  term: string;
  /** Its description, as the command file gives it. */
  summary: string;
  load(): Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', term: 'init [opsi]', summary: 'buat basis data dan isi profil kecamatan', load: async () => (await import('./init.js')).registerInit },
  { name: 'profil', term: 'profil', summary: 'lihat atau ubah profil kecamatan', load: async () => (await import('./profil.js')).registerProfil },
  { name: 'desa', term: 'desa', summary: 'daftar desa/kelurahan di kecamatan', load: async () => (await import('./desa.js')).registerDesa },
  { name: 'layanan', term: 'layanan', summary: 'katalog layanan PATEN dan persyaratannya', load: async () => (await import('./layanan.js')).registerLayanan },
  { name: 'qr', term: 'qr', summary: 'poster QR persyaratan layanan PATEN untuk setiap desa', load: async () => (await import('./qr.js')).registerQr },
  { name: 'survey', term: 'survey', summary: 'Survei Kepuasan Masyarakat (SKM): impor, daftar batch, populasi', load: async () => (await import('./survey.js')).registerSurvey },
  {
    name: 'ikm',
    term: 'ikm [opsi]',
    summary: 'hitung Indeks Kepuasan Masyarakat (9 unsur, PermenPANRB 14/2017) dari hasil survei yang tersimpan',
    load: async () => (await import('./ikm.js')).registerIkm,
  },
  { name: 'report', term: 'report', summary: 'laporan siap cetak', load: async () => (await import('./report.js')).registerReport },
  {
    name: 'kabupaten',
    term: 'kabupaten',
    summary: 'kantor kabupaten: muat paket dari kecamatan dan hitung IKM kabupaten',
    load: async () => (await import('./kabupaten.js')).registerKabupaten,
  },
  {
    name: 'bazar',
    term: 'bazar',
    summary: 'bazar pelayanan: instansi peserta, acara, kehadiran, warga dilayani, laporan',
    load: async () => (await import('./bazar/index.js')).registerBazar,
  },
  { name: 'info', term: 'info', summary: 'tampilkan lokasi basis data, versi skema dan jumlah data', load: async () => (await import('./info.js')).registerInfo },
  { name: 'db', term: 'db', summary: 'cadangan dan pemeriksaan basis data', load: async () => (await import('./db.js')).registerDb },
  {
    name: 'demo',
    term: 'demo [opsi]',
    summary: 'buat basis data contoh di sebuah folder dan jalankan semua pekerjaan utama padanya',
    load: async () => (await import('./demo.js')).registerDemo,
  },
];

/** What to register for a run: the commands to load, and whether the others are listed by name only. */
export interface CommandPlan {
  load: readonly CommandEntry[];
  /** The full list for the top-level help and "did you mean" hints, without loading any command. */
  listOnly: boolean;
}

/** Global options that take a value (so the value is not mistaken for the command name). */
const GLOBAL_WITH_VALUE = new Set(['--db']);

/**
 * The commands to register for these arguments: only the one named (also after `help`); none for
 * `--version`; when none is named or the name is unknown, every command listed by name only (the
 * top-level help and "did you mean" hints need no command's code).
 */
export function commandsFor(args: readonly string[]): CommandPlan {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += GLOBAL_WITH_VALUE.has(args[i]) ? 2 : 1;
  let name = args[i];
  if (name === 'help') name = args[i + 1];
  const hit = COMMANDS.find((c) => c.name === name);
  if (hit) return { load: [hit], listOnly: false };
  if (name === undefined && (args.includes('-V') || args.includes('--version'))) return { load: [], listOnly: false };
  return { load: [], listOnly: true };
}
