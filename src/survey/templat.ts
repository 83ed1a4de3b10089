/**
 * The entry sheet for typing in paper questionnaires (`paten survey templat`): one column per
 * field of the paper form, in the paper's order, with headers that `paten survey import` maps by
 * their words alone (no --map, no question, no warning). Each unsur header names its unsur and its
 * four answers ("U1 Persyaratan (1 Tidak sesuai / …)"), so the CSV documents itself; the .xlsx also
 * gets drop-down lists and checks on every answer cell and a "Petunjuk" sheet with the full
 * questions and the lists of layanan and desa.
 */
import { toCsv } from '../core/csv.js';
import { columnName, xlsxBytes, type XlsxColumn, type XlsxSheet, type XlsxValidation } from '../core/xlsx-write.js';
import { PILIHAN_PEKERJAAN, PILIHAN_PENDIDIKAN, type IsiKuesioner, type SoalKuesioner } from './kuesioner.js';

/** Rows prepared with drop-downs and checks (Excel extends them when rows are inserted inside). */
export const BARIS_ISIAN = 2000;

export type JenisKolom = 'tanggal' | 'jenis_kelamin' | 'usia' | 'pendidikan' | 'pekerjaan' | 'desa' | 'layanan' | 'unsur' | 'saran';

export interface KolomTemplat {
  judul: string;
  jenis: JenisKolom;
  /** For unsur columns. */
  soal?: SoalKuesioner;
  lebar: number;
}

/** "U1 Persyaratan (1 Tidak sesuai / 2 Kurang sesuai / 3 Sesuai / 4 Sangat sesuai)". */
export function judulUnsur(s: SoalKuesioner): string {
  // " / " between the answers: a ";" would make the CSV reader take the header for ";"-separated.
  return `${s.kode} ${s.nama} (${s.pilihan.map((p, i) => `${i + 1} ${p}`).join(' / ')})`;
}

/** The sheet's columns: respondent profile, desa, layanan, the nine answers, saran (the paper's order). */
export function kolomTemplat(isi: IsiKuesioner): KolomTemplat[] {
  return [
    { judul: 'Tanggal', jenis: 'tanggal', lebar: 12 },
    { judul: 'Jenis Kelamin (L/P)', jenis: 'jenis_kelamin', lebar: 9 },
    { judul: 'Usia (tahun)', jenis: 'usia', lebar: 7 },
    { judul: 'Pendidikan', jenis: 'pendidikan', lebar: 12 },
    { judul: 'Pekerjaan', jenis: 'pekerjaan', lebar: 12 },
    { judul: 'Desa/Kelurahan', jenis: 'desa', lebar: 16 },
    { judul: 'Jenis Layanan', jenis: 'layanan', lebar: 28 },
    ...isi.soal.map((soal) => ({ judul: judulUnsur(soal), jenis: 'unsur' as const, soal, lebar: 13 })),
    { judul: 'Saran/Masukan', jenis: 'saran', lebar: 45 },
  ];
}

/** The CSV entry sheet: the header line only (UTF-8 with BOM and CRLF, as Excel opens it). */
export function templatCsv(isi: IsiKuesioner, delimiter = ','): string {
  return toCsv(kolomTemplat(isi).map((k) => k.judul), [], delimiter);
}

const LEMBAR_ISIAN = 'Isian';
const LEMBAR_PETUNJUK = 'Petunjuk';

function validasi(k: KolomTemplat, col: string, daftar: { layanan: string; desa: string | null }): XlsxValidation | null {
  const sqref = `${col}2:${col}${BARIS_ISIAN + 1}`;
  switch (k.jenis) {
    case 'unsur': {
      const s = k.soal!;
      return {
        sqref,
        type: 'list',
        list: ['1', '2', '3', '4'],
        promptTitle: `${s.kode} ${s.nama}`,
        prompt: s.pilihan.map((p, i) => `${i + 1} = ${'abcd'[i]}. ${p}`).join('\n'),
        error: `Ketik 1, 2, 3 atau 4 (jawaban a, b, c atau d di kertas); kosongkan bila tidak dijawab.`,
      };
    }
    case 'jenis_kelamin':
      return { sqref, type: 'list', list: ['L', 'P'], prompt: 'L = laki-laki, P = perempuan', error: 'Ketik L atau P.' };
    case 'usia':
      return { sqref, type: 'whole', min: 5, max: 120, prompt: 'Usia dalam tahun, mis. 42', error: 'Usia diisi angka tahun, 5 sampai 120.' };
    case 'tanggal':
      return {
        sqref,
        type: 'date',
        min: new Date(Date.UTC(2000, 0, 1)),
        max: new Date(Date.UTC(2099, 11, 31)),
        prompt: 'Tanggal di kuesioner, mis. 15/06/2025',
        error: 'Ketik tanggal, mis. 15/06/2025.',
      };
    case 'pendidikan':
      return { sqref, type: 'list', list: [...PILIHAN_PENDIDIKAN], errorStyle: 'warning', error: 'Bukan pilihan di kuesioner; tetap simpan?' };
    case 'pekerjaan':
      return { sqref, type: 'list', list: [...PILIHAN_PEKERJAAN], errorStyle: 'warning', error: 'Bukan pilihan di kuesioner; tetap simpan?' };
    case 'layanan':
      return { sqref, type: 'list', list: daftar.layanan, errorStyle: 'warning', error: 'Nama layanan tidak ada di katalog; tetap simpan?' };
    case 'desa':
      return daftar.desa ? { sqref, type: 'list', list: daftar.desa, errorStyle: 'warning', error: 'Nama desa tidak ada di daftar; tetap simpan?' } : null;
    default:
      return null;
  }
}

/** The "Petunjuk" sheet: how to type a form in, every question and its answers, the lists. */
function lembarPetunjuk(isi: IsiKuesioner): XlsxSheet {
  const rows: (string | null)[][] = [
    ['Layanan (katalog)', 'Desa/kelurahan', 'Petunjuk pengisian lembar Isian'],
  ];
  const petunjuk = [
    'Satu baris = satu kuesioner kertas. Ketik jawaban a, b, c, d sebagai 1, 2, 3, 4; kosongkan yang tidak dijawab.',
    'Tanggal seperti 15/06/2025. Jenis kelamin L atau P. Layanan dan desa dipilih dari daftar di kiri.',
    'Simpan, lalu impor: paten survey import isian.xlsx (tanpa --map).',
    '',
    ...isi.soal.flatMap((s) => [`${s.kode}. ${s.pertanyaan}`, `    ${s.pilihan.map((p, i) => `${i + 1} = ${'abcd'[i]}. ${p}`).join('   ')}`]),
  ];
  const n = Math.max(isi.layanan.length, isi.desa.length, petunjuk.length);
  for (let i = 0; i < n; i++) rows.push([isi.layanan[i]?.nama ?? null, isi.desa[i] ?? null, petunjuk[i] ?? null]);
  return { name: LEMBAR_PETUNJUK, rows, header: true, columns: [{ width: 40 }, { width: 20 }, { width: 110 }] };
}

/** The .xlsx entry sheet's bytes: sheet "Isian" to type into, sheet "Petunjuk" with the lists. */
export function templatXlsx(isi: IsiKuesioner): Buffer {
  const kolom = kolomTemplat(isi);
  const last = (n: number) => n + 1;
  const daftar = {
    layanan: `${LEMBAR_PETUNJUK}!$A$2:$A$${last(isi.layanan.length)}`,
    desa: isi.desa.length ? `${LEMBAR_PETUNJUK}!$B$2:$B$${last(isi.desa.length)}` : null,
  };
  const columns: XlsxColumn[] = kolom.map((k) => ({ width: k.lebar, format: k.jenis === 'tanggal' ? 'date' : undefined }));
  const validations = kolom.map((k, i) => validasi(k, columnName(i), daftar)).filter((v): v is XlsxValidation => v !== null);
  const isian: XlsxSheet = { name: LEMBAR_ISIAN, rows: [kolom.map((k) => k.judul)], header: true, freezeHeader: true, headerHeight: 96, columns, validations };
  return xlsxBytes([isian, lembarPetunjuk(isi)]);
}
