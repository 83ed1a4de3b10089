/**
 * Bazar events (acara): their field table and validator, lookup by number or date, add / edit /
 * remove, and the events whose day passed unrecorded. Who was invited and came is in
 * ./partisipasi.ts, the day's results in ./catat.ts, SQL in ./store.ts.
 */
import type { Db } from '../db/index.js';
import { writeTransaction } from '../db/write.js';
import { UserError } from '../core/errors.js';
import { formatTanggal, isValidIsoDate, isoDateLocal, isoDateTimeLocal } from '../core/format.js';
import { clean, normalizeText } from '../core/text.js';
import { getProfil } from '../profil/index.js';
import { changedLabels, fail, joinErrors, ok, type Checked, type Fields } from '../registry/fields.js';
import * as store from './store.js';

export const STATUS_ACARA = ['rencana', 'terlaksana', 'batal'] as const;
export type StatusAcara = (typeof STATUS_ACARA)[number];
export function parseStatusAcara(v: string): StatusAcara | null {
  const t = normalizeText(v);
  if (t === 'rencana' || t === 'direncanakan' || t === 'terjadwal') return 'rencana';
  if (t === 'terlaksana' || t === 'selesai' || t === 'dilaksanakan') return 'terlaksana';
  if (t === 'batal' || t === 'dibatalkan') return 'batal';
  return null;
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
export type AcaraData = Omit<Acara, 'id' | 'diperbarui'>;

/** The event fields: flags and change labels (the status is set by the program as well). */
/** One typed date on its own (the prompt of `bazar acara add` checks it as it is typed). */
function checkTanggal(raw: string): Checked<string> {
  const t = raw.trim();
  return isValidIsoDate(t) ? ok(t) : fail('tanggal', `tanggal "${t}" tidak valid; tulis sebagai TTTT-BB-HH, contoh 2025-02-15`);
}

export const ACARA_FIELDS: Fields<keyof AcaraData> = [
  { key: 'tanggal', flag: 'tanggal', arg: '<TTTT-BB-HH>', help: 'tanggal acara, mis. 2025-02-15', label: 'tanggal', csv: 'tanggal', wajib: true, check: checkTanggal },
  { key: 'tempat', flag: 'tempat', arg: '<teks>', help: 'tempat (bawaan: Halaman Kantor Kecamatan …)', label: 'tempat', csv: 'tempat' },
  { key: 'tema', flag: 'tema', arg: '<teks>', help: 'tema acara', label: 'tema', csv: 'tema' },
  { key: 'status', flag: 'status', arg: '<status>', help: 'rencana, terlaksana atau batal', label: 'status', csv: 'status' },
  { key: 'catatan', flag: 'catatan', arg: '<teks>', help: 'catatan', label: 'catatan', csv: 'catatan' },
];

/** Validates one event; the first problem found, by field. */
export function checkAcara(input: AcaraInput): Checked<AcaraData> {
  const tanggal = clean(input.tanggal);
  if (!tanggal) return fail('tanggal', 'tanggal wajib diisi (format TTTT-BB-HH, contoh 2025-02-15)');
  if (!isValidIsoDate(tanggal)) return fail('tanggal', `tanggal "${tanggal}" tidak valid; tulis sebagai TTTT-BB-HH, contoh 2025-02-15`);
  const tempat = clean(input.tempat);
  if (!tempat) return fail('tempat', 'tempat wajib diisi');
  const statusRaw = clean(input.status) ?? 'rencana';
  const status = parseStatusAcara(statusRaw);
  if (!status) return fail('status', `status acara "${statusRaw}" tidak dikenal; pilih ${STATUS_ACARA.join(', ')}`);
  return ok({ tanggal, tempat, tema: clean(input.tema), status, catatan: clean(input.catatan) });
}

export function listAcara(db: Db, opts: { tahun?: number } = {}): AcaraRingkas[] {
  return store.selectAcara(db, opts.tahun);
}

export function getAcara(db: Db, id: number): AcaraRingkas {
  return store.selectAcaraById(db, id)!;
}

/** Finds an event by its number (7 or #7) or by its date when only one event is on that day. */
export function requireAcara(db: Db, key: string): AcaraRingkas {
  const k = key.trim().replace(/^#/, '');
  if (/^\d+$/.test(k)) {
    const a = store.selectAcaraById(db, Number(k));
    if (a) return a;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(k)) {
    const list = store.selectAcaraByTanggal(db, k);
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
  return store.selectAcaraLewat(db, today);
}

/** "Acara #4 (10 Oktober 2026) sudah lewat tetapi belum dicatat: paten bazar catat 4". */
export function pesanAcaraLewat(a: { id: number; tanggal: string }): string {
  return `Acara #${a.id} (${formatTanggal(a.tanggal)}) sudah lewat tetapi belum dicatat: paten bazar catat ${a.id}`;
}

export function addAcara(db: Db, input: AcaraInput, now = isoDateTimeLocal()): AcaraRingkas {
  const r = checkAcara({ ...input, tempat: input.tempat ?? tempatBawaan(db) });
  if (!r.ok) throw new UserError(`Acara tidak dapat ditambahkan: ${joinErrors(r.errors)}.`);
  return getAcara(db, writeTransaction(db, () => store.insertAcara(db, r.value, now)));
}

/** Adds several events in one transaction (used by `bazar jadwal`). */
export function addAcaraBanyak(db: Db, inputs: AcaraInput[], now = isoDateTimeLocal()): AcaraRingkas[] {
  return writeTransaction(db, () => inputs.map((i) => addAcara(db, i, now)));
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
  if (!r.ok) throw new UserError(`Acara #${cur.id} tidak dapat diubah: ${joinErrors(r.errors)}.`);
  if (r.value.status === 'batal' && cur.status !== 'batal' && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dibatalkan: ${cur.hadir} instansi sudah tercatat hadir.`, {
      hint: 'Ubah dulu kehadiran instansi itu (paten bazar hadir ACARA INSTANSI --status tidak-hadir) bila acara memang tidak berlangsung.',
    });
  if (r.value.tanggal > isoDateLocal() && r.value.tanggal !== cur.tanggal && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dipindah ke ${formatTanggal(r.value.tanggal)}: ${cur.hadir} instansi sudah tercatat hadir, jadi acaranya sudah berlangsung.`);
  if (r.value.status === 'rencana' && cur.hadir > 0)
    throw new UserError(`Acara #${cur.id} tidak dapat dikembalikan ke rencana: ${cur.hadir} instansi sudah tercatat hadir.`);
  const changed = changedLabels(ACARA_FIELDS, cur, r.value);
  if (changed.length) writeTransaction(db, () => store.updateAcara(db, cur.id, r.value, now));
  return { acara: getAcara(db, cur.id), changed };
}

export function removeAcara(db: Db, key: string): AcaraRingkas {
  const a = requireAcara(db, key);
  writeTransaction(db, () => store.deleteAcara(db, a.id));
  return a;
}

/** Invitations and results are refused for a cancelled event. */
export function assertBolehDicatat(a: Acara, what: string): void {
  if (a.status === 'batal')
    throw new UserError(`Acara #${a.id} (${formatTanggal(a.tanggal)}) berstatus batal: ${what} tidak dapat dicatat.`, {
      hint: `Bila acara ternyata berlangsung, ubah dulu statusnya: paten bazar acara edit ${a.id} --status terlaksana`,
    });
}
