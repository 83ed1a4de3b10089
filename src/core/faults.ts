/**
 * Faults of the disk, the lock and the database file, turned into Indonesian UserErrors (issue 13 §3).
 * SQLite and Node report them with English texts and codes (SQLITE_FULL, ENOSPC …); they are caused by
 * the machine, not by a bug in paten, so they exit 1 with what happened and what to do. Every writer
 * runs in a transaction, so when one of these is thrown the database is as it was before the command.
 */
import { UserError } from './errors.js';

export const RESTORE_HINT =
  'Pulihkan dari cadangan terakhir dengan `paten db pulihkan CADANGAN` (cadangan dibuat oleh `paten db backup`); periksa dulu dengan `paten db check`.';

const UNCHANGED = 'basis data tidak berubah';

/**
 * A write lock held by another process longer than the busy timeout: the one message for every
 * writer, whether it meets the lock in writeTransaction (src/db/write.ts) or anywhere else.
 */
export function busyUserError(akibat = UNCHANGED): UserError {
  return new UserError(`Basis data sedang dikunci oleh proses lain terlalu lama; ${akibat}.`, {
    hint: 'Tunggu sampai perintah paten yang lain (impor, cadangan) selesai, lalu ulangi.',
  });
}

/** The UserError for a disk, lock or file fault, or undefined when `e` is something else. */
export function faultToUserError(e: unknown): UserError | undefined {
  if (e instanceof UserError) return e;
  const err = e as { code?: unknown; message?: unknown; path?: unknown };
  if (typeof err?.code !== 'string') return undefined;
  const code = err.code;
  const where = typeof err.path === 'string' ? ` (${err.path})` : '';
  // SHMSIZE: SQLite could not grow a -shm file, which on a full volume is how a full disk shows up
  // when the WAL is opened (a backup copy checked on a nearly full stick).
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === 'ENOSPC' || code === 'EDQUOT')
    return new UserError(`Disk penuh${where}: kosongkan ruang lalu ulangi; ${UNCHANGED}.`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return busyUserError();
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return new UserError(`Basis data hanya dapat dibaca (berkas, folder atau mediumnya terlindung dari penulisan)${where}; ${UNCHANGED}.`, {
      hint: 'Perintah baca dan `paten db backup` tetap dapat dipakai; untuk mengubah data, salin basis data ke folder yang dapat ditulis dan tunjuk dengan --db.',
    });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new UserError(`Basis data rusak (SQLite menemukan halaman yang tidak utuh); ${UNCHANGED}.`, { hint: RESTORE_HINT });
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new UserError(`Galat baca/tulis disk${where}; ${UNCHANGED}.`, { hint: 'Periksa disk atau flashdisk (lepas-pasang, ruang kosong), lalu ulangi.' });
  if (code === 'SQLITE_CANTOPEN')
    return new UserError('Berkas basis data atau berkas sampingannya (-wal, -shm) tidak dapat dibuka.', {
      hint: 'Periksa bahwa folder basis data ada dan dapat ditulis.',
    });
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`Tidak ada izin untuk berkas atau folder${where}.`);
  if (code === 'EISDIR') return new UserError(`Yang dituju adalah folder, bukan berkas${where}.`, { hint: 'Berikan nama berkas, bukan folder.' });
  if (code === 'ENOTDIR') return new UserError(`Bagian jalur bukan folder${where}.`);
  if (code === 'ENOENT') return new UserError(`Berkas atau folder tidak ada${where}.`);
  if (code === 'EMFILE' || code === 'ENFILE') return new UserError('Terlalu banyak berkas terbuka; tutup program lain lalu ulangi.');
  return undefined;
}
