/**
 * `paten bazar`: the command tree of the bazar pelayanan, one file per part of the domain
 * (instansi, acara, jadwal, partisipasi and the day's results, laporan), and the reminder of
 * events whose day passed unrecorded that every bazar command starts with.
 */
import type { Command } from 'commander';
import { context } from '../../context.js';
import { warn } from '../../output.js';
import { formatAngka } from '../../../core/format.js';
import { listAcaraLewat, pesanAcaraLewat } from '../../../bazar/acara.js';
import { registerInstansi } from './instansi.js';
import { registerAcara } from './acara.js';
import { registerJadwal } from './jadwal.js';
import { registerPartisipasi } from './partisipasi.js';
import { registerLaporan } from './laporan.js';

/** Commands that show the events left unrecorded themselves (in their table). */
const MENAMPILKAN_LEWAT = new Set(['acara list', 'laporan']);

/**
 * At the start of any bazar command: the events whose day has passed while still `rencana`, so a
 * forgotten day is noticed (at most three named). Best effort: a database that cannot be opened is
 * the action's own error to report.
 */
function ingatkanAcaraLewat(action: Command): void {
  const nama = [action.parent?.name() === 'bazar' ? '' : action.parent?.name(), action.name()].filter(Boolean).join(' ');
  if (MENAMPILKAN_LEWAT.has(nama)) return;
  let lewat: { id: number; tanggal: string }[];
  try {
    lewat = listAcaraLewat(context(action).db());
  } catch {
    return;
  }
  // The event this command is about is not announced to itself (`bazar catat 4`).
  const arg = String(action.args[0] ?? '').replace(/^#/, '');
  lewat = lewat.filter((a) => String(a.id) !== arg && a.tanggal !== arg);
  for (const a of lewat.slice(0, 3)) warn(pesanAcaraLewat(a));
  if (lewat.length > 3) warn(`… dan ${formatAngka(lewat.length - 3)} acara lain yang sudah lewat tetapi belum dicatat: lihat paten bazar acara list`);
}

export function registerBazar(program: Command): void {
  const bazar = program.command('bazar').description('bazar pelayanan: instansi peserta, acara, kehadiran, warga dilayani, laporan');
  bazar.hook('preAction', (_this, action) => ingatkanAcaraLewat(action));
  registerInstansi(bazar);
  registerAcara(bazar);
  registerJadwal(bazar);
  registerPartisipasi(bazar);
  registerLaporan(bazar);
}
