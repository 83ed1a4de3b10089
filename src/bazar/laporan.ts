/**
 * Bazar reports, as plain data (the CLI prints it, writes CSV or hands it to the PDF module).
 *
 * Definitions (also printed under the PDF tables):
 * - Only events with status `terlaksana` count towards attendance and residents served; planned
 *   (`rencana`) and cancelled (`batal`) events are listed but add nothing.
 * - diundang: an agency's invitations to terlaksana events (any participation status);
 *   hadir: those with status `hadir`; tingkat kehadiran = hadir / diundang.
 * - dilayani: residents served, summed over the services of agencies that came.
 */
import type { Db } from '../db/index.js';
import { UserError } from '../core/errors.js';
import { formatAngka, formatPersen, formatTanggal, isoDateLocal, roundHalfUp } from '../core/format.js';
import { getProfil } from '../profil/index.js';
import { belumDicatat, requireAcara, type AcaraRingkas, type StatusAcara } from './acara.js';
import { roster, type RosterBaris } from './partisipasi.js';
import * as store from './store.js';

/** hadir / diundang rounded to 4 decimals (plain value for JSON/CSV), or null without invitations. */
export function rasio(hadir: number, diundang: number): number | null {
  return diundang > 0 ? roundHalfUp(hadir / diundang, 4) : null;
}

export interface KecamatanInfo {
  nama: string | null;
  kabupaten: string | null;
  camat: string | null;
  nip: string | null;
}

function kecamatan(db: Db): KecamatanInfo {
  const p = getProfil(db);
  return { nama: p?.nama_kecamatan ?? null, kabupaten: p?.kabupaten ?? null, camat: p?.nama_camat ?? null, nip: p?.nip_camat ?? null };
}

export interface AcaraBaris {
  id: number;
  tanggal: string;
  tempat: string;
  tema: string | null;
  status: StatusAcara;
  diundang: number;
  hadir: number;
  tingkat_kehadiran: number | null;
  dilayani: number;
  /** Still `rencana` after its date: not recorded, so it adds nothing to the figures. */
  belum_dicatat: boolean;
}

/** One agency's year: the counts the store reads, plus what the report derives from them. */
export interface InstansiBaris extends store.InstansiTahunRow {
  tingkat_kehadiran: number | null;
  dilayani: number;
  layanan: { layanan: string; dilayani: number }[];
}

export interface LayananBaris {
  layanan: string;
  /** Short names (singkatan or nama) of the agencies that served it. */
  instansi: string[];
  /** Terlaksana events in which it served at least one resident. */
  acara: number;
  dilayani: number;
}

/** One month of the year (venues open every day, like a Mal Pelayanan Publik, are read this way). */
export interface BulanBaris {
  /** YYYY-MM */
  bulan: string;
  acara: number;
  terlaksana: number;
  belum_dicatat: number;
  diundang: number;
  hadir: number;
  tingkat_kehadiran: number | null;
  dilayani: number;
}

/** Above this many events a year the report lists months, not events. */
export const BATAS_DAFTAR_ACARA = 12;

export function perBulan(tahun: number, acara: AcaraBaris[]): BulanBaris[] {
  return Array.from({ length: 12 }, (_, k) => {
    const bulan = `${tahun}-${String(k + 1).padStart(2, '0')}`;
    const di = acara.filter((a) => a.tanggal.startsWith(bulan));
    const held = di.filter((a) => a.status === 'terlaksana');
    const diundang = held.reduce((s, a) => s + a.diundang, 0);
    const hadir = held.reduce((s, a) => s + a.hadir, 0);
    return {
      bulan, acara: di.length, terlaksana: held.length, belum_dicatat: di.filter((a) => a.belum_dicatat).length,
      diundang, hadir, tingkat_kehadiran: rasio(hadir, diundang), dilayani: held.reduce((s, a) => s + a.dilayani, 0),
    };
  });
}

export interface LaporanTahun {
  jenis: 'tahun';
  tahun: number;
  kecamatan: KecamatanInfo;
  ringkasan: {
    acara: number;
    terlaksana: number;
    rencana: number;
    /** Of the rencana events, those whose date has passed (never recorded). */
    belum_dicatat: number;
    batal: number;
    diundang: number;
    hadir: number;
    tingkat_kehadiran: number | null;
    dilayani: number;
    rata_dilayani_per_acara: number | null;
    instansi_hadir: number;
  };
  acara: AcaraBaris[];
  /** The twelve months (events held, attendance, served). */
  bulan: BulanBaris[];
  instansi: InstansiBaris[];
  layanan: LayananBaris[];
  /** Latest change to the year's data (YYYY-MM-DD HH:MM:SS), for deterministic PDF metadata. */
  diperbarui: string | null;
}

export function laporanTahun(db: Db, tahun: number, today = isoDateLocal()): LaporanTahun {
  const like = `${tahun}-%`;
  const acara = store.selectAcaraTahun(db, like);
  // Non-terlaksana events contribute nothing (a planned event's invitations are not yet attendance).
  const acaraRows: AcaraBaris[] = acara.map((a) => ({
    ...(a.status === 'terlaksana' ? { ...a, tingkat_kehadiran: rasio(a.hadir, a.diundang) } : { ...a, hadir: 0, dilayani: 0, tingkat_kehadiran: null }),
    belum_dicatat: belumDicatat(a, today),
  }));

  const inst = store.selectInstansiTahun(db, like);
  const served = store.selectDilayaniTahun(db, like);

  const instansi: InstansiBaris[] = inst
    .map((i) => {
      const layanan = served.filter((s) => s.instansi_id === i.id).map((s) => ({ layanan: s.layanan, dilayani: s.dilayani }));
      return { ...i, tingkat_kehadiran: rasio(i.hadir, i.diundang), dilayani: layanan.reduce((t, l) => t + l.dilayani, 0), layanan };
    })
    .sort((a, b) => b.dilayani - a.dilayani || a.nama.localeCompare(b.nama, 'id'));

  const pendek = new Map(inst.map((i) => [i.id, i.singkatan ?? i.nama]));
  const byName = new Map<string, LayananBaris>();
  for (const s of served) {
    const k = s.layanan.toLowerCase();
    const row = byName.get(k) ?? { layanan: s.layanan, instansi: [], acara: 0, dilayani: 0 };
    row.instansi.push(pendek.get(s.instansi_id) ?? String(s.instansi_id));
    row.dilayani += s.dilayani;
    byName.set(k, row);
  }
  // Events per service name: a service brought by two agencies on one day counts once.
  for (const r of store.selectAcaraPerLayanan(db, like)) {
    const row = byName.get(r.layanan.toLowerCase());
    if (row) row.acara = r.n;
  }
  const layanan = [...byName.values()].sort((a, b) => b.dilayani - a.dilayani || a.layanan.localeCompare(b.layanan, 'id'));

  const terlaksana = acaraRows.filter((a) => a.status === 'terlaksana');
  const diundang = terlaksana.reduce((s, a) => s + a.diundang, 0);
  const hadir = terlaksana.reduce((s, a) => s + a.hadir, 0);
  const dilayani = terlaksana.reduce((s, a) => s + a.dilayani, 0);
  const diperbarui = store.selectDiperbaruiTahun(db, like);
  return {
    jenis: 'tahun',
    tahun,
    kecamatan: kecamatan(db),
    ringkasan: {
      acara: acaraRows.length,
      terlaksana: terlaksana.length,
      rencana: acaraRows.filter((a) => a.status === 'rencana').length,
      belum_dicatat: acaraRows.filter((a) => a.belum_dicatat).length,
      batal: acaraRows.filter((a) => a.status === 'batal').length,
      diundang,
      hadir,
      tingkat_kehadiran: rasio(hadir, diundang),
      dilayani,
      rata_dilayani_per_acara: terlaksana.length ? roundHalfUp(dilayani / terlaksana.length, 2) : null,
      instansi_hadir: instansi.filter((i) => i.hadir > 0).length,
    },
    acara: acaraRows,
    bulan: perBulan(tahun, acaraRows),
    instansi,
    layanan,
    diperbarui,
  };
}

/** The year's summary lines in Indonesian, shared by the screen and the PDF. */
export function ringkasanTeks(l: LaporanTahun): [string, string][] {
  const r = l.ringkasan;
  const persen = r.tingkat_kehadiran === null ? '-' : formatPersen(r.tingkat_kehadiran, 1);
  const rata = r.rata_dilayani_per_acara !== null ? ` (rata-rata ${formatAngka(r.rata_dilayani_per_acara, 1)} per acara terlaksana)` : '';
  return [
    ['Acara', `${r.acara} (${r.terlaksana} terlaksana, ${r.rencana} rencana, ${r.batal} batal)`],
    ['Kehadiran instansi', `${formatAngka(r.hadir)} dari ${formatAngka(r.diundang)} undangan (${persen})`],
    ['Warga dilayani', `${formatAngka(r.dilayani)}${rata}`],
    ['Instansi yang pernah hadir', formatAngka(r.instansi_hadir)],
    ...(r.belum_dicatat ? ([['Belum dicatat', belumDicatatTeks(l)]] as [string, string][]) : []),
  ];
}

/** "2 acara sudah lewat tetapi belum dicatat (#4, #7); …": said, not counted silently. */
export function belumDicatatTeks(l: LaporanTahun): string {
  const list = l.acara.filter((a) => a.belum_dicatat);
  const shown = list.slice(0, 6).map((a) => `#${a.id} (${formatTanggal(a.tanggal)})`).join(', ') + (list.length > 6 ? `, dan ${list.length - 6} lagi` : '');
  return `${formatAngka(list.length)} acara sudah lewat tetapi belum dicatat (${shown}); kehadiran dan warga dilayaninya tidak ikut dihitung`;
}

export interface LaporanAcara {
  jenis: 'acara';
  kecamatan: KecamatanInfo;
  acara: AcaraRingkas & { tingkat_kehadiran: number | null };
  instansi: RosterBaris[];
  layanan: { layanan: string; dilayani: number }[];
  diperbarui: string;
}

export function laporanAcara(db: Db, key: string): LaporanAcara {
  const a = requireAcara(db, key);
  const rows = roster(db, a.id);
  const byName = new Map<string, { layanan: string; dilayani: number }>();
  for (const r of rows)
    for (const l of r.layanan) {
      const row = byName.get(l.layanan.toLowerCase()) ?? { layanan: l.layanan, dilayani: 0 };
      row.dilayani += l.jumlah;
      byName.set(l.layanan.toLowerCase(), row);
    }
  const diperbarui = [a.diperbarui, ...store.selectPartisipasiDiperbarui(db, a.id)].sort().at(-1)!;
  return {
    jenis: 'acara',
    kecamatan: kecamatan(db),
    acara: { ...a, tingkat_kehadiran: a.status === 'terlaksana' ? rasio(a.hadir, a.diundang) : null },
    instansi: rows,
    layanan: [...byName.values()].sort((x, y) => y.dilayani - x.dilayani || x.layanan.localeCompare(y.layanan, 'id')),
    diperbarui,
  };
}

/** The year to report on when none is given: the latest year with an event. */
export function tahunTerakhir(db: Db): number {
  const t = store.selectMaxTanggal(db);
  if (!t) throw new UserError('Belum ada acara bazar untuk dilaporkan.', { hint: 'Tambahkan acara dengan `paten bazar acara add` atau `paten bazar jadwal`.' });
  return Number(t.slice(0, 4));
}

export const JENIS_TABEL = ['acara', 'bulan', 'instansi', 'layanan'] as const;
export type JenisTabel = (typeof JENIS_TABEL)[number];

/** CSV tables for the year report (plain values: dates ISO, rates as fractions). */
export function laporanTahunCsv(l: LaporanTahun, tabel: JenisTabel): { header: string[]; rows: unknown[][] } {
  switch (tabel) {
    case 'acara':
      return {
        header: ['no', 'tanggal', 'tempat', 'tema', 'status', 'diundang', 'hadir', 'tingkat_kehadiran', 'dilayani'],
        rows: l.acara.map((a) => [a.id, a.tanggal, a.tempat, a.tema ?? '', a.status, a.diundang, a.hadir, a.tingkat_kehadiran ?? '', a.dilayani]),
      };
    case 'bulan':
      return {
        header: ['bulan', 'acara', 'terlaksana', 'belum_dicatat', 'diundang', 'hadir', 'tingkat_kehadiran', 'dilayani'],
        rows: l.bulan.map((b) => [b.bulan, b.acara, b.terlaksana, b.belum_dicatat, b.diundang, b.hadir, b.tingkat_kehadiran ?? '', b.dilayani]),
      };
    case 'instansi':
      return {
        header: ['instansi', 'singkatan', 'jenis', 'diundang', 'hadir', 'tidak_hadir', 'tingkat_kehadiran', 'dilayani'],
        rows: l.instansi.map((i) => [i.nama, i.singkatan ?? '', i.jenis, i.diundang, i.hadir, i.tidak_hadir, i.tingkat_kehadiran ?? '', i.dilayani]),
      };
    case 'layanan':
      return {
        header: ['layanan', 'instansi', 'acara', 'dilayani'],
        rows: l.layanan.map((s) => [s.layanan, s.instansi.join('; '), s.acara, s.dilayani]),
      };
  }
}

/** CSV for one event: one row per agency and service. */
export function laporanAcaraCsv(l: LaporanAcara): { header: string[]; rows: unknown[][] } {
  const rows: unknown[][] = [];
  for (const r of l.instansi) {
    const base = [l.acara.id, l.acara.tanggal, r.instansi, r.singkatan ?? '', r.status, r.petugas ?? ''];
    if (r.layanan.length === 0) rows.push([...base, '', '']);
    for (const s of r.layanan) rows.push([...base, s.layanan, s.jumlah]);
  }
  return { header: ['acara', 'tanggal', 'instansi', 'singkatan', 'status', 'petugas', 'layanan', 'dilayani'], rows };
}

/** What the printed attendance sheet needs: the event and the agencies expected on the day. */
export function daftarHadirData(db: Db, key: string): {
  kecamatan: KecamatanInfo;
  acara: { id: number; tanggal: string; tempat: string; tema: string | null };
  instansi: { nama: string; singkatan: string | null; layanan: string[] }[];
  diperbarui: string;
} {
  const l = laporanAcara(db, key);
  const a = l.acara;
  if (a.status === 'batal') throw new UserError(`Acara #${a.id} berstatus batal: tidak ada daftar hadir untuknya.`);
  const expected = l.instansi.filter((r) => r.status !== 'batal' && r.status !== 'tidak-hadir');
  if (expected.length === 0)
    throw new UserError(`Belum ada instansi yang diundang ke acara #${a.id}.`, { hint: `Undang dulu: paten bazar undang ${a.id} --semua` });
  return {
    kecamatan: l.kecamatan,
    acara: { id: a.id, tanggal: a.tanggal, tempat: a.tempat, tema: a.tema },
    instansi: expected.map((r) => ({ nama: r.instansi, singkatan: r.singkatan, layanan: store.selectLayananNames(db, r.instansi_id) })),
    diperbarui: l.diperbarui,
  };
}
