/**
 * Bazar events (acara) and each agency's participation: invitations, attendance and the number
 * of residents served per service. Every write validates first and runs in one transaction.
 */
import type { Db } from '../db/index.js';
import { formatProblem, UserError, ProblemList } from '../core/errors.js';
import { formatAngka, formatTanggal, isValidIsoDate, isoDateLocal, isoDateTimeLocal } from '../core/format.js';
import { normalizeText } from '../core/text.js';
import { tableName, type CsvTable } from '../core/csv.js';
import { getProfil } from '../profil/index.js';
import {
  clean,
  findInstansi,
  getInstansi,
  layananKey,
  layananMirip,
  listInstansi,
  namaPendek,
  requireInstansi,
  tambahLayananInstansi,
  type Instansi,
} from './instansi.js';

export const STATUS_ACARA = ['rencana', 'terlaksana', 'batal'] as const;
export type StatusAcara = (typeof STATUS_ACARA)[number];

export const STATUS_PARTISIPASI = ['diundang', 'konfirmasi', 'hadir', 'tidak-hadir', 'batal'] as const;
export type StatusPartisipasi = (typeof STATUS_PARTISIPASI)[number];

export const STATUS_PARTISIPASI_LABEL: Record<StatusPartisipasi, string> = {
  diundang: 'diundang',
  konfirmasi: 'konfirmasi',
  hadir: 'hadir',
  'tidak-hadir': 'tidak hadir',
  batal: 'batal',
};

export function parseStatusAcara(v: string): StatusAcara | null {
  const t = normalizeText(v);
  if (t === 'rencana' || t === 'direncanakan' || t === 'terjadwal') return 'rencana';
  if (t === 'terlaksana' || t === 'selesai' || t === 'dilaksanakan') return 'terlaksana';
  if (t === 'batal' || t === 'dibatalkan') return 'batal';
  return null;
}

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

export interface Acara {
  id: number;
  tanggal: string;
  tempat: string;
  tema: string | null;
  status: StatusAcara;
  catatan: string | null;
  diperbarui: string;
}

export interface AcaraRingkas extends Acara {
  diundang: number;
  hadir: number;
  dilayani: number;
}

export interface AcaraInput {
  tanggal?: string;
  tempat?: string | null;
  tema?: string | null;
  status?: string | null;
  catatan?: string | null;
}

/** The default place: the kecamatan office yard, as in Mayangan. */
export function tempatBawaan(db: Db): string | null {
  const p = getProfil(db);
  return p ? `Halaman Kantor Kecamatan ${p.nama_kecamatan}` : null;
}

function checkAcara(input: AcaraInput): { ok: true; value: Omit<Acara, 'id' | 'diperbarui'> } | { ok: false; error: string } {
  const tanggal = clean(input.tanggal);
  if (!tanggal) return { ok: false, error: 'tanggal wajib diisi (format TTTT-BB-HH, contoh 2025-02-15)' };
  if (!isValidIsoDate(tanggal)) return { ok: false, error: `tanggal "${tanggal}" tidak valid; tulis sebagai TTTT-BB-HH, contoh 2025-02-15` };
  const tempat = clean(input.tempat);
  if (!tempat) return { ok: false, error: 'tempat wajib diisi' };
  const statusRaw = clean(input.status) ?? 'rencana';
  const status = parseStatusAcara(statusRaw);
  if (!status) return { ok: false, error: `status acara "${statusRaw}" tidak dikenal; pilih ${STATUS_ACARA.join(', ')}` };
  return { ok: true, value: { tanggal, tempat, tema: clean(input.tema), status, catatan: clean(input.catatan) } };
}

const RINGKAS_SQL = `
  SELECT a.*,
    (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id) AS diundang,
    (SELECT COUNT(*) FROM bazar_partisipasi p WHERE p.acara_id = a.id AND p.status = 'hadir') AS hadir,
    (SELECT COALESCE(SUM(d.jumlah), 0) FROM bazar_dilayani d WHERE d.acara_id = a.id) AS dilayani
  FROM bazar_acara a`;

export function listAcara(db: Db, opts: { tahun?: number } = {}): AcaraRingkas[] {
  if (opts.tahun !== undefined)
    return db.prepare(`${RINGKAS_SQL} WHERE a.tanggal LIKE ? ORDER BY a.tanggal, a.id`).all(`${opts.tahun}-%`) as AcaraRingkas[];
  return db.prepare(`${RINGKAS_SQL} ORDER BY a.tanggal, a.id`).all() as AcaraRingkas[];
}

export function getAcara(db: Db, id: number): AcaraRingkas {
  return db.prepare(`${RINGKAS_SQL} WHERE a.id = ?`).get(id) as AcaraRingkas;
}

/** Finds an event by its number (7 or #7) or by its date when only one event is on that day. */
export function requireAcara(db: Db, key: string): AcaraRingkas {
  const k = key.trim().replace(/^#/, '');
  if (/^\d+$/.test(k)) {
    const a = db.prepare(`${RINGKAS_SQL} WHERE a.id = ?`).get(Number(k)) as AcaraRingkas | undefined;
    if (a) return a;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(k)) {
    const list = db.prepare(`${RINGKAS_SQL} WHERE a.tanggal = ?`).all(k) as AcaraRingkas[];
    if (list.length === 1) return list[0];
    if (list.length > 1)
      throw new UserError(`Ada ${list.length} acara pada ${formatTanggal(k)}: sebutkan nomornya (${list.map((a) => `#${a.id}`).join(', ')}).`);
  }
  throw new UserError(`Acara bazar tidak ditemukan: "${key}".`, { hint: 'Sebutkan nomor acara atau tanggalnya (TTTT-BB-HH); lihat `paten bazar acara list`.' });
}

/** A planned event whose day has passed: it was held or not, but nobody recorded it. */
export function belumDicatat(a: { status: string; tanggal: string }, today = isoDateLocal()): boolean {
  return a.status === 'rencana' && a.tanggal < today;
}

/** Events still `rencana` after their date, oldest first. */
export function listAcaraLewat(db: Db, today = isoDateLocal()): Acara[] {
  return db.prepare("SELECT * FROM bazar_acara WHERE status = 'rencana' AND tanggal < ? ORDER BY tanggal, id").all(today) as Acara[];
}

/** "Acara #4 (10 Oktober 2026) sudah lewat tetapi belum dicatat: paten bazar catat 4". */
export function pesanAcaraLewat(a: { id: number; tanggal: string }): string {
  return `Acara #${a.id} (${formatTanggal(a.tanggal)}) sudah lewat tetapi belum dicatat: paten bazar catat ${a.id}`;
}

export function addAcara(db: Db, input: AcaraInput, now = isoDateTimeLocal()): AcaraRingkas {
  const r = checkAcara({ ...input, tempat: input.tempat ?? tempatBawaan(db) });
  if (!r.ok) throw new UserError(`Acara tidak dapat ditambahkan: ${r.error}.`);
  const info = db
    .prepare('INSERT INTO bazar_acara (tanggal, tempat, tema, status, catatan, diperbarui) VALUES (@tanggal, @tempat, @tema, @status, @catatan, @diperbarui)')
    .run({ ...r.value, diperbarui: now });
  return getAcara(db, Number(info.lastInsertRowid));
}

/** Adds several events in one transaction (used by `bazar jadwal`). */
export function addAcaraBanyak(db: Db, inputs: AcaraInput[], now = isoDateTimeLocal()): AcaraRingkas[] {
  const out: AcaraRingkas[] = [];
  db.transaction(() => {
    for (const i of inputs) out.push(addAcara(db, i, now));
  }).immediate();
  return out;
}

export function editAcara(db: Db, key: string, changes: AcaraInput, now = isoDateTimeLocal()): { acara: AcaraRingkas; changed: string[] } {
  const cur = requireAcara(db, key);
  const merged: AcaraInput = {
    tanggal: changes.tanggal ?? cur.tanggal,
    tempat: changes.tempat !== undefined ? changes.tempat : cur.tempat,
    tema: changes.tema !== undefined ? changes.tema : cur.tema,
    status: changes.status ?? cur.status,
    catatan: changes.catatan !== undefined ? changes.catatan : cur.catatan,
  };
  const r = checkAcara(merged);
  if (!r.ok) throw new UserError(`Acara #${cur.id} tidak dapat diubah: ${r.error}.`);
  if (r.value.status === 'batal' && cur.status !== 'batal' && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dibatalkan: ${cur.hadir} instansi sudah tercatat hadir.`, {
      hint: 'Ubah dulu kehadiran instansi itu (paten bazar hadir ACARA INSTANSI --status tidak-hadir) bila acara memang tidak berlangsung.',
    });
  if (r.value.tanggal > isoDateLocal() && r.value.tanggal !== cur.tanggal && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dipindah ke ${formatTanggal(r.value.tanggal)}: ${cur.hadir} instansi sudah tercatat hadir, jadi acaranya sudah berlangsung.`);
  if (r.value.status === 'rencana' && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dikembalikan ke rencana: ${cur.hadir} instansi sudah tercatat hadir.`);
  const changed = (Object.keys(r.value) as (keyof typeof r.value)[]).filter((k) => r.value[k] !== cur[k]);
  if (changed.length) db.prepare('UPDATE bazar_acara SET tanggal=@tanggal, tempat=@tempat, tema=@tema, status=@status, catatan=@catatan, diperbarui=@diperbarui WHERE id=@id').run({ ...r.value, diperbarui: now, id: cur.id });
  return { acara: getAcara(db, cur.id), changed };
}

export function removeAcara(db: Db, key: string): AcaraRingkas {
  const a = requireAcara(db, key);
  db.prepare('DELETE FROM bazar_acara WHERE id = ?').run(a.id);
  return a;
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

/** Invited agencies of one event, by name, with their served counts per service. */
export function roster(db: Db, acaraId: number): RosterBaris[] {
  const rows = db
    .prepare(
      `SELECT p.instansi_id, i.nama AS instansi, i.singkatan, i.jenis, p.status, p.petugas, p.catatan
       FROM bazar_partisipasi p JOIN bazar_instansi i ON i.id = p.instansi_id WHERE p.acara_id = ? ORDER BY i.nama COLLATE NOCASE`,
    )
    .all(acaraId) as Omit<RosterBaris, 'layanan' | 'dilayani'>[];
  const counts = db.prepare('SELECT instansi_id, layanan, jumlah FROM bazar_dilayani WHERE acara_id = ? ORDER BY rowid').all(acaraId) as {
    instansi_id: number;
    layanan: string;
    jumlah: number;
  }[];
  return rows.map((r) => {
    const layanan = counts.filter((c) => c.instansi_id === r.instansi_id).map((c) => ({ layanan: c.layanan, jumlah: c.jumlah }));
    return { ...r, layanan, dilayani: layanan.reduce((s, l) => s + l.jumlah, 0) };
  });
}

function assertBolehDicatat(a: Acara, what: string): void {
  if (a.status === 'batal')
    throw new UserError(`Acara #${a.id} (${formatTanggal(a.tanggal)}) berstatus batal: ${what} tidak dapat dicatat.`, {
      hint: `Bila acara ternyata berlangsung, ubah dulu statusnya: paten bazar acara edit ${a.id} --status terlaksana`,
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
  db.transaction(() => {
    const ins = db.prepare("INSERT OR IGNORE INTO bazar_partisipasi (acara_id, instansi_id, status, diperbarui) VALUES (?, ?, 'diundang', ?)");
    const seen = new Set<number>();
    for (const i of list) {
      if (seen.has(i.id)) continue;
      seen.add(i.id);
      if (ins.run(a.id, i.id, now).changes) out.baru.push(i.nama);
      else out.sudah.push(i.nama);
    }
  }).immediate();
  return out;
}

/** Removes an agency from an event (with its counts). */
export function batalUndang(db: Db, acaraKey: string, instansiKey: string): { acara: number; instansi: string } {
  const a = requireAcara(db, acaraKey);
  const i = requireInstansi(db, instansiKey);
  const r = db.prepare('DELETE FROM bazar_partisipasi WHERE acara_id = ? AND instansi_id = ?').run(a.id, i.id);
  if (!r.changes) throw new UserError(`${i.nama} tidak diundang ke acara #${a.id}.`);
  return { acara: a.id, instansi: i.nama };
}

export interface CatatanInstansi {
  status?: string | null;
  petugas?: string | null;
  catatan?: string | null;
  /** Served counts per service; updates the services it names and keeps the agency's other counts. */
  layanan?: { nama: string; jumlah: string | number }[];
}

/** A served count, validated; `baru` when the service is not on the agency's usual list. */
export interface JumlahLayanan extends RosterLayanan {
  baru: boolean;
}

interface CatatanSah {
  instansi: Instansi;
  status: StatusPartisipasi;
  petugas: string | null | undefined;
  catatan: string | null | undefined;
  layanan: JumlahLayanan[] | undefined;
}

/** Parses a count: whole number ≥ 0; "1.234" (Indonesian thousands) is accepted. */
export function parseJumlah(v: string | number): number | string {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : `jumlah dilayani harus bilangan bulat 0 atau lebih, bukan ${v}`;
  const t = v.trim();
  if (t === '') return 'jumlah dilayani kosong';
  if (/^-\s*\d/.test(t)) return `jumlah dilayani tidak boleh negatif (${t})`;
  if (!/^\d{1,3}(\.\d{3})+$|^\d+$/.test(t)) return `jumlah dilayani "${t}" bukan bilangan bulat`;
  const n = Number(t.replace(/\./g, ''));
  if (!Number.isSafeInteger(n)) return `jumlah dilayani "${t}" terlalu besar`;
  return n;
}

/**
 * Residents one agency can plausibly serve with one service in one day. A busy Dispendukcapil
 * stand records a few hundred KTP-el; a count above this is most likely a typo (an extra zero, a
 * total pasted into one row), so it is accepted but warned about.
 */
export const BATAS_WAJAR_DILAYANI = 2000;

/** The warning for an implausibly large count, or null. */
export function peringatanJumlah(i: { nama: string; singkatan: string | null }, layanan: string, n: number): string | null {
  if (n <= BATAS_WAJAR_DILAYANI) return null;
  return `${namaPendek(i)}, ${layanan}: ${formatAngka(n)} warga dilayani jauh di atas yang wajar untuk satu instansi dalam sehari (lebih dari ${formatAngka(BATAS_WAJAR_DILAYANI)}); tetap dicatat, periksa lagi angkanya`;
}

/** The service name used for counts of an agency that has no service list. */
export const LAYANAN_UMUM = 'Layanan umum';

/** The service a count belongs to when none is named: the agency's only service, or LAYANAN_UMUM. */
export function layananTunggal(i: Instansi): string | null {
  if (i.layanan.length > 1) return null;
  return i.layanan[0]?.nama ?? LAYANAN_UMUM;
}

/**
 * Matches a service name to the agency's usual services, then to services already recorded for
 * it at this event (case, spacing and punctuation ignored). Any other name is a service brought on
 * the day (`baru`), unless it looks like a typo of a known one: that is refused with a suggestion
 * rather than stored as a second, slightly different service.
 */
export function layananInstansi(i: Instansi, nama: string, known: readonly string[] = []): { nama: string; baru: boolean } | { error: string } {
  const t = clean(nama);
  if (!t) return { error: 'nama layanan kosong' };
  const k = layananKey(t);
  const usual = i.layanan.find((l) => layananKey(l.nama) === k);
  if (usual) return { nama: usual.nama, baru: false };
  if (i.layanan.length === 0 && k === layananKey(LAYANAN_UMUM)) return { nama: LAYANAN_UMUM, baru: false };
  const other = known.find((n) => layananKey(n) === k);
  if (other) return { nama: other, baru: true };
  const near = layananMirip(t, [...i.layanan.map((l) => l.nama), ...known]);
  if (near)
    return {
      error: `${namaPendek(i)}: layanan "${t}" mirip "${near}"; tulis "${near}" bila itu yang dimaksud, atau bila memang layanan lain tambahkan dulu ke daftarnya: paten bazar instansi edit "${namaPendek(i)}" --tambah-layanan "${t}"`,
    };
  return { nama: t, baru: true };
}

/** Validates one agency's entry for an event; `recorded` are the services already stored for it there. */
function checkCatatan(
  i: Instansi,
  c: CatatanInstansi,
  recorded: readonly string[] = [],
): { ok: true; value: CatatanSah; peringatan: string[] } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const peringatan: string[] = [];
  let status: StatusPartisipasi = 'hadir';
  const sRaw = clean(c.status);
  if (sRaw) {
    const s = parseStatusPartisipasi(sRaw);
    if (!s) errors.push({ field: 'status', message: `status "${sRaw}" tidak dikenal; pilih ${STATUS_PARTISIPASI.join(', ')}` });
    else status = s;
  }
  let layanan: JumlahLayanan[] | undefined;
  if (c.layanan) {
    layanan = [];
    for (const l of c.layanan) {
      const known = [...recorded, ...layanan.filter((x) => x.baru).map((x) => x.layanan)];
      const m = layananInstansi(i, l.nama, known);
      if ('error' in m) {
        errors.push({ field: 'layanan', message: m.error });
        continue;
      }
      const n = parseJumlah(l.jumlah);
      if (typeof n === 'string') {
        errors.push({ field: 'dilayani', message: `${namaPendek(i)}, ${m.nama}: ${n}` });
        continue;
      }
      const dup = layanan.find((x) => layananKey(x.layanan) === layananKey(m.nama));
      if (dup) errors.push({ field: 'layanan', message: `${namaPendek(i)}: layanan "${m.nama}" disebut dua kali` });
      else layanan.push({ layanan: m.nama, jumlah: n, baru: m.baru });
      const w = peringatanJumlah(i, m.nama, n);
      if (w) peringatan.push(w);
    }
    if (status !== 'hadir' && layanan.some((l) => l.jumlah > 0))
      errors.push({ field: 'dilayani', message: `${namaPendek(i)} berstatus ${STATUS_PARTISIPASI_LABEL[status]}, jadi tidak dapat mencatat warga dilayani` });
  }
  if (errors.length) return { ok: false, errors };
  const value = { instansi: i, status, petugas: c.petugas === undefined ? undefined : clean(c.petugas), catatan: c.catatan === undefined ? undefined : clean(c.catatan), layanan };
  return { ok: true, value, peringatan };
}

/** Services brought on the day by one agency (not on its usual list). */
export interface LayananBaru {
  instansi_id: number;
  instansi: string;
  layanan: string[];
  /** True once they were added to the agency's usual list. */
  disimpan: boolean;
}

/** A validated day's entry, not yet written: what `simpanCatat` will store. */
export interface RencanaCatat {
  acara: AcaraRingkas;
  entries: CatatanSah[];
  layanan_baru: LayananBaru[];
  /** Implausible counts (accepted), with their place in the sheet when there is one. */
  peringatan: string[];
}

export interface CatatResult {
  acara: number;
  tanggal: string;
  /** True when a 'rencana' event was marked 'terlaksana' by this entry. */
  acaraDitandaiTerlaksana: boolean;
  /** Agencies whose result for this event is recorded for the first time (an invitation is no result). */
  dicatat: string[];
  /** Of those, the agencies that came without an invitation. */
  tanpa_undangan: string[];
  /** Agencies whose earlier result was changed. */
  diubah: string[];
  tetap: string[];
  dilayani: number;
  layanan_baru: LayananBaru[];
  peringatan: string[];
}

function assertHariSudahTiba(a: Acara, today: string): void {
  if (a.tanggal > today)
    throw new UserError(`Acara #${a.id} baru akan berlangsung ${formatTanggal(a.tanggal)}: kehadiran dicatat pada hari pelaksanaan atau sesudahnya.`, {
      hint: 'Sebelum hari pelaksanaan, catat konfirmasi dengan --status konfirmasi.',
    });
}

/** Stored counts with `updates` applied per service (service names compare by layananKey). */
export function mergeCounts(stored: RosterLayanan[], updates: RosterLayanan[] | undefined): RosterLayanan[] {
  if (!updates) return stored;
  const out = stored.map((l) => ({ ...l }));
  for (const u of updates) {
    const hit = out.find((l) => layananKey(l.layanan) === layananKey(u.layanan));
    if (hit) hit.jumlah = u.jumlah;
    else out.push({ layanan: u.layanan, jumlah: u.jumlah });
  }
  return out;
}

function storedCounts(db: Db, acaraId: number, instansiId: number): RosterLayanan[] {
  return db.prepare('SELECT layanan, jumlah FROM bazar_dilayani WHERE acara_id = ? AND instansi_id = ? ORDER BY rowid').all(acaraId, instansiId) as RosterLayanan[];
}

function layananBaruOf(entries: CatatanSah[]): LayananBaru[] {
  return entries
    .map((e) => ({ instansi_id: e.instansi.id, instansi: namaPendek(e.instansi), layanan: (e.layanan ?? []).filter((l) => l.baru).map((l) => l.layanan), disimpan: false }))
    .filter((b) => b.layanan.length > 0);
}

/**
 * Writes a validated entry in one transaction. `simpanLayanan` adds the services brought on the
 * day to the usual list of every agency (true) or of the agencies whose ids are given.
 */
export function simpanCatat(db: Db, plan: RencanaCatat, opts: { simpanLayanan?: boolean | readonly number[]; now?: string; today?: string } = {}): CatatResult {
  const a = plan.acara;
  const now = opts.now ?? isoDateTimeLocal();
  if (plan.entries.some((e) => e.status === 'hadir' || e.status === 'tidak-hadir')) assertHariSudahTiba(a, opts.today ?? isoDateLocal());
  const simpanIds = new Set(opts.simpanLayanan === true ? plan.layanan_baru.map((b) => b.instansi_id) : opts.simpanLayanan || []);
  const out: CatatResult = {
    acara: a.id, tanggal: a.tanggal, acaraDitandaiTerlaksana: false, dicatat: [], tanpa_undangan: [], diubah: [], tetap: [], dilayani: 0,
    layanan_baru: plan.layanan_baru.map((b) => ({ ...b, disimpan: simpanIds.has(b.instansi_id) })), peringatan: plan.peringatan,
  };
  db.transaction(() => {
    for (const e of plan.entries) {
      const cur = db.prepare('SELECT status, petugas, catatan FROM bazar_partisipasi WHERE acara_id = ? AND instansi_id = ?').get(a.id, e.instansi.id) as
        | { status: string; petugas: string | null; catatan: string | null }
        | undefined;
      const oldCounts = storedCounts(db, a.id, e.instansi.id);
      const petugas = e.petugas === undefined ? (cur?.petugas ?? null) : e.petugas;
      const catatan = e.catatan === undefined ? (cur?.catatan ?? null) : e.catatan;
      // Counts only exist for agencies that came: a change to another status clears them. New
      // counts update the services they name and keep the others (entered one service at a time).
      const counts = e.status !== 'hadir' ? [] : mergeCounts(oldCounts, e.layanan);
      const same = cur && cur.status === e.status && cur.petugas === petugas && cur.catatan === catatan && JSON.stringify(oldCounts) === JSON.stringify(counts);
      // An invitation (or a confirmation) is not yet a result: the first result is "dicatat".
      const hadResult = !!cur && (oldCounts.length > 0 || !['diundang', 'konfirmasi'].includes(cur.status));
      if (same) {
        out.tetap.push(e.instansi.nama);
      } else {
        db.prepare(
          `INSERT INTO bazar_partisipasi (acara_id, instansi_id, status, petugas, catatan, diperbarui) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (acara_id, instansi_id) DO UPDATE SET status = excluded.status, petugas = excluded.petugas, catatan = excluded.catatan, diperbarui = excluded.diperbarui`,
        ).run(a.id, e.instansi.id, e.status, petugas, catatan, now);
        db.prepare('DELETE FROM bazar_dilayani WHERE acara_id = ? AND instansi_id = ?').run(a.id, e.instansi.id);
        const ins = db.prepare('INSERT INTO bazar_dilayani (acara_id, instansi_id, layanan, jumlah) VALUES (?, ?, ?, ?)');
        for (const l of counts) ins.run(a.id, e.instansi.id, l.layanan, l.jumlah);
        (hadResult ? out.diubah : out.dicatat).push(e.instansi.nama);
        if (!cur) out.tanpa_undangan.push(e.instansi.nama);
      }
      out.dilayani += counts.reduce((s, l) => s + l.jumlah, 0);
    }
    for (const b of out.layanan_baru) if (b.disimpan) tambahLayananInstansi(db, b.instansi_id, b.layanan, now);
    if (a.status === 'rencana' && plan.entries.some((e) => e.status === 'hadir')) {
      db.prepare("UPDATE bazar_acara SET status = 'terlaksana', diperbarui = ? WHERE id = ?").run(now, a.id);
      out.acaraDitandaiTerlaksana = true;
    }
  }).immediate();
  return out;
}

/** Validates agency entries (from `bazar hadir` or the terminal walkthrough) without writing. */
export function rencanaCatat(db: Db, acaraKey: string, items: (CatatanInstansi & { instansi: string })[]): RencanaCatat {
  const a = requireAcara(db, acaraKey);
  assertBolehDicatat(a, 'kehadiran');
  const entries: CatatanSah[] = [];
  const errors: string[] = [];
  const peringatan: string[] = [];
  for (const item of items) {
    const i = requireInstansi(db, item.instansi);
    const r = checkCatatan(i, item, storedCounts(db, a.id, i.id).map((l) => l.layanan));
    if (!r.ok) errors.push(...r.errors.map((e) => e.message));
    else {
      entries.push(r.value);
      peringatan.push(...r.peringatan);
    }
  }
  if (errors.length === 1) throw new UserError(`Kehadiran tidak dicatat: ${errors[0]}.`);
  if (errors.length) throw new UserError('Kehadiran tidak dicatat:', { details: errors });
  return { acara: a, entries, layanan_baru: layananBaruOf(entries), peringatan };
}

/** `bazar hadir` (one agency) and the interactive walkthrough (several): status, officer and served counts. */
export function catatBanyak(
  db: Db,
  acaraKey: string,
  items: (CatatanInstansi & { instansi: string })[],
  opts: { now?: string; today?: string; simpanLayanan?: boolean } = {},
): CatatResult {
  return simpanCatat(db, rencanaCatat(db, acaraKey, items), opts);
}

export function catatHadir(db: Db, acaraKey: string, instansiKey: string, c: CatatanInstansi, opts: { now?: string; today?: string; simpanLayanan?: boolean } = {}): CatatResult {
  return catatBanyak(db, acaraKey, [{ ...c, instansi: instansiKey }], opts);
}

export const CATAT_CSV_HEADER = ['instansi', 'status', 'petugas', 'layanan', 'dilayani', 'catatan'] as const;

function catatHeaderKey(h: string): (typeof CATAT_CSV_HEADER)[number] | null {
  const t = normalizeText(h).replace(/[\s/]+/g, '_');
  const map: Record<string, (typeof CATAT_CSV_HEADER)[number]> = {
    instansi: 'instansi', nama_instansi: 'instansi', singkatan: 'instansi', nama: 'instansi',
    status: 'status', kehadiran: 'status', status_kehadiran: 'status',
    petugas: 'petugas', nama_petugas: 'petugas',
    layanan: 'layanan', jenis_layanan: 'layanan',
    dilayani: 'dilayani', jumlah: 'dilayani', jumlah_dilayani: 'dilayani', warga_dilayani: 'dilayani',
    catatan: 'catatan', keterangan: 'catatan',
  };
  return map[t] ?? null;
}

/**
 * `bazar catat --file`: the day's sheet, one row per agency and service. Rows of one agency are
 * combined; the file replaces the counts of every agency it names and leaves the others alone.
 * Unknown agencies are all listed and nothing is imported. A service the agency does not usually
 * bring is accepted as brought on the day (see layananInstansi). Validates only: simpanCatat writes.
 */
export function rencanaCatatCsv(db: Db, acaraKey: string, table: CsvTable): RencanaCatat {
  const a = requireAcara(db, acaraKey);
  assertBolehDicatat(a, 'kehadiran');
  const cols = table.header.map(catatHeaderKey);
  if (!cols.includes('instansi'))
    throw new UserError(`${tableName(table)}: kolom "instansi" tidak ditemukan di baris judul.`, {
      hint: `Kolom yang dikenali: ${CATAT_CSV_HEADER.join(', ')}. Kolom di berkas: ${table.header.join(', ')}. Buat templat dengan \`paten bazar catat ${a.id} --templat hasil.csv\`.`,
    });
  if (table.records.length === 0) throw new UserError(`${tableName(table)}: tidak ada baris data (hanya baris judul).`);
  const col = (k: string) => {
    const i = cols.indexOf(k as (typeof CATAT_CSV_HEADER)[number]);
    return i >= 0 ? i + 1 : undefined;
  };
  const get = (rec: { values: string[] }, k: string) => {
    const i = cols.indexOf(k as (typeof CATAT_CSV_HEADER)[number]);
    return i >= 0 ? (rec.values[i] ?? '').trim() : '';
  };
  const unknown = new ProblemList(200);
  const problems = new ProblemList();
  const peringatan: string[] = [];
  const groups = new Map<number, { instansi: Instansi; lines: number[]; recorded: string[]; baru: string[]; c: CatatanInstansi & { layanan: { nama: string; jumlah: string }[] } }>();
  for (const rec of table.records) {
    const key = get(rec, 'instansi');
    if (!key) {
      problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('instansi'), message: 'nama instansi kosong' });
      continue;
    }
    const i = findInstansi(db, key);
    if (!i) {
      unknown.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('instansi'), message: `instansi "${key}" tidak dikenal` });
      continue;
    }
    let g = groups.get(i.id);
    if (!g) {
      g = { instansi: i, lines: [], recorded: storedCounts(db, a.id, i.id).map((l) => l.layanan), baru: [], c: { layanan: [] } };
      groups.set(i.id, g);
    }
    g.lines.push(rec.line);
    for (const f of ['status', 'petugas', 'catatan'] as const) {
      const v = get(rec, f);
      if (!v) continue;
      const prev = g.c[f];
      if (prev && normalizeText(prev) !== normalizeText(v))
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col(f), message: `${namaPendek(i)}: ${f} "${v}" berbeda dengan baris sebelumnya ("${prev}")` });
      else g.c[f] = v;
    }
    const layanan = get(rec, 'layanan');
    const jumlah = get(rec, 'dilayani');
    if (layanan || jumlah) {
      const nama = layanan || layananTunggal(i);
      if (!nama) {
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('layanan'), message: `${namaPendek(i)}: kolom layanan kosong padahal jumlah dilayani diisi` });
        continue;
      }
      const m = layananInstansi(i, nama, [...g.recorded, ...g.baru]);
      if ('error' in m) {
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('layanan'), message: m.error });
        continue;
      }
      if (!jumlah) continue; // a service without a count: nothing to record for it
      const n = parseJumlah(jumlah);
      if (typeof n === 'string') {
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('dilayani'), message: n });
        continue;
      }
      if (g.c.layanan.some((l) => layananKey(l.nama) === layananKey(m.nama))) {
        problems.add({ file: table.file, sheet: table.sheet, line: rec.line, column: col('layanan'), message: `${namaPendek(i)}: layanan "${m.nama}" sudah disebut di baris sebelumnya` });
        continue;
      }
      if (m.baru) g.baru.push(m.nama);
      const w = peringatanJumlah(i, m.nama, n);
      if (w) peringatan.push(formatProblem({ file: table.file, sheet: table.sheet, line: rec.line, column: col('dilayani'), message: w }));
      g.c.layanan.push({ nama: m.nama, jumlah });
    }
  }
  const entries: CatatanSah[] = [];
  for (const g of groups.values()) {
    // A row left blank (no status, count, officer or note) leaves that agency as it is.
    if (!g.c.status && g.c.layanan.length === 0 && !g.c.petugas && !g.c.catatan) continue;
    // (The count warnings were collected above, with their row.)
    const r = checkCatatan(g.instansi, g.c, g.recorded);
    if (!r.ok) for (const e of r.errors) problems.add({ file: table.file, sheet: table.sheet, line: g.lines[0], column: col(e.field), message: e.message });
    else entries.push(r.value);
  }
  if (!unknown.empty) {
    // Every problem at once, the unknown agencies first, so the sheet is fixed in one go.
    const other = problems.items.map((p) => formatProblem(p));
    throw new UserError(`${tableName(table)}: ${unknown.total} baris menyebut instansi yang tidak dikenal; tidak ada yang diimpor.`, {
      details: [...unknown.items.map((p) => `baris ${p.line}: ${p.message}`), ...other],
      hint: 'Periksa ejaan (nama lengkap atau singkatan seperti di `paten bazar instansi list`), atau tambahkan instansinya dulu dengan `paten bazar instansi add`.',
    });
  }
  problems.throwIfAny(`${tableName(table)}: tidak ada yang diimpor`);
  return { acara: a, entries, layanan_baru: layananBaruOf(entries), peringatan };
}

/** `bazar catat --file` in one go: the sheet validated, then stored. */
export function catatCsv(db: Db, acaraKey: string, table: CsvTable, opts: { now?: string; today?: string; simpanLayanan?: boolean } = {}): CatatResult {
  return simpanCatat(db, rencanaCatatCsv(db, acaraKey, table), opts);
}

/**
 * A sheet for `catat --file`: one row per invited agency and service it usually brings, with what
 * is already recorded. Status is left blank for agencies not yet recorded: a count makes them hadir.
 */
export function catatTemplatRows(db: Db, acaraKey: string): string[][] {
  const a = requireAcara(db, acaraKey);
  const rows: string[][] = [];
  for (const r of roster(db, a.id)) {
    const i = getInstansi(db, r.instansi_id);
    const counts = new Map(r.layanan.map((l) => [layananKey(l.layanan), String(l.jumlah)]));
    // The usual services, then any recorded for this event only (brought on the day).
    const names = i.layanan.map((l) => l.nama);
    for (const l of r.layanan) if (!names.some((n) => layananKey(n) === layananKey(l.layanan))) names.push(l.layanan);
    if (names.length === 0) names.push('');
    const status = r.status === 'diundang' || r.status === 'konfirmasi' ? '' : r.status;
    names.forEach((n, k) => rows.push([namaPendek(i), k === 0 ? status : '', k === 0 ? (r.petugas ?? '') : '', n, counts.get(layananKey(n)) ?? '', k === 0 ? (r.catatan ?? '') : '']));
  }
  return rows;
}
