/**
 * Who takes part in a bazar event: invitations, the participation statuses and the event's roster
 * with each agency's served counts. Recording the day's results is ./catat.ts.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { isoDateTimeLocal } from '../core/format.js';
import { normalizeText } from '../core/text.js';
import { findInstansi, listInstansi, requireInstansi, type Instansi } from './instansi.js';
import { assertBolehDicatat, requireAcara } from './acara.js';
import * as store from './store.js';

export const STATUS_PARTISIPASI = ['diundang', 'konfirmasi', 'hadir', 'tidak-hadir', 'batal'] as const;
export type StatusPartisipasi = (typeof STATUS_PARTISIPASI)[number];

export const STATUS_PARTISIPASI_LABEL: Record<StatusPartisipasi, string> = {
  diundang: 'diundang',
  konfirmasi: 'konfirmasi',
  hadir: 'hadir',
  'tidak-hadir': 'tidak hadir',
  batal: 'batal',
};

export function parseStatusPartisipasi(v: string): StatusPartisipasi | null {
  const t = normalizeText(v).replace(/[\s_]+/g, '-');
  const map: Record<string, StatusPartisipasi> = {
    diundang: 'diundang', undang: 'diundang',
    konfirmasi: 'konfirmasi', dikonfirmasi: 'konfirmasi', 'konfirmasi-hadir': 'konfirmasi',
    hadir: 'hadir', datang: 'hadir', ya: 'hadir',
    'tidak-hadir': 'tidak-hadir', 'tdk-hadir': 'tidak-hadir', absen: 'tidak-hadir', tidak: 'tidak-hadir',
    batal: 'batal', dibatalkan: 'batal',
  };
  return map[t] ?? null;
}

export interface RosterLayanan {
  layanan: string;
  jumlah: number;
}

export interface RosterBaris {
  instansi_id: number;
  instansi: string;
  singkatan: string | null;
  jenis: string;
  status: StatusPartisipasi;
  petugas: string | null;
  catatan: string | null;
  dilayani: number;
  layanan: RosterLayanan[];
}

/** Invited agencies of one event, by name, with their served counts per service. */export function roster(db: Db, acaraId: number): RosterBaris[] {
  const rows = store.selectRosterRows(db, acaraId);
  const counts = store.selectDilayaniAcara(db, acaraId);
  return rows.map((r) => {
    const layanan = counts.filter((c) => c.instansi_id === r.instansi_id).map((c) => ({ layanan: c.layanan, jumlah: c.jumlah }));
    return { ...r, layanan, dilayani: layanan.reduce((s, l) => s + l.jumlah, 0) };
  });
}

export interface UndangResult {
  acara: number;
  baru: string[];
  sudah: string[];
}

/** Invites agencies (all of them with `semua`); agencies already invited keep their status. */
export function undang(db: Db, acaraKey: string, opts: { semua?: boolean; instansi?: string[] }, now = isoDateTimeLocal()): UndangResult {
  const a = requireAcara(db, acaraKey);
  assertBolehDicatat(a, 'undangan');
  let list: Instansi[];
  if (opts.semua) list = listInstansi(db);
  else {
    const keys = opts.instansi ?? [];
    if (keys.length === 0) throw new UserError('Sebutkan instansi yang diundang dengan --instansi NAMA (boleh diulang) atau --semua.');
    const unknown = keys.filter((k) => !findInstansi(db, k));
    if (unknown.length)
      throw new UserError(`Instansi tidak ditemukan: ${unknown.map((u) => `"${u}"`).join(', ')}; tidak ada yang diundang.`, {
        hint: 'Lihat nama dan singkatan dengan `paten bazar instansi list`.',
      });
    list = keys.map((k) => findInstansi(db, k)!);
  }
  if (list.length === 0) throw new UserError('Belum ada instansi. Tambahkan dengan `paten bazar instansi add` atau `paten bazar instansi import`.');
  const out: UndangResult = { acara: a.id, baru: [], sudah: [] };
  writeTransaction(db, () => {
    const seen = new Set<number>();
    for (const i of list) {
      if (seen.has(i.id)) continue;
      seen.add(i.id);
      if (store.insertUndangan(db, a.id, i.id, now)) out.baru.push(i.nama);
      else out.sudah.push(i.nama);
    }
  });
  return out;
}

/** Removes an agency from an event (with its counts). */
export function batalUndang(db: Db, acaraKey: string, instansiKey: string): { acara: number; instansi: string } {
  const a = requireAcara(db, acaraKey);
  const i = requireInstansi(db, instansiKey);
  if (!writeTransaction(db, () => store.deletePartisipasi(db, a.id, i.id))) throw new UserError(`${i.nama} tidak diundang ke acara #${a.id}.`);
  return { acara: a.id, instansi: i.nama };
}
