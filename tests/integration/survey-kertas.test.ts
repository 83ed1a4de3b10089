/**
 * The paper side of the SKM loop, checked as an office would: the questionnaire PDF read with
 * pdftotext and its QR scanned with zbarimg; the entry sheet filled in (rows typed into the very
 * workbook paten wrote, and lines added to its CSV) and imported with no --map, no question and no
 * warning, giving the IKM a reference computation gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages, pdfText, renderPage, scanQr } from '../helpers/pdf.js';
import { PERTANYAAN, soalKuesioner } from '../../src/survey/kuesioner.js';
import { readWorkbook } from '../../src/core/xlsx.js';
import { UNSUR_KEYS, type UnsurKey } from '../../src/skm/unsur.js';

const dir = tempDir();
const freshDb = sampleDbCopies(dir);
afterAll(() => cleanup(dir));

const URL = 'https://forms.gle/SkmKemlagi2025';
let db: string;
let layanan: { slug: string; nama: string }[];
let desa: string[];

beforeAll(() => {
  db = freshDb();
  expect(paten(['profil', 'set', '--url-survei', URL], { db }).code).toBe(0);
  layanan = patenJson(['layanan', 'list'], { db }).map((l: any) => ({ slug: l.slug, nama: l.nama }));
  desa = patenJson(['desa', 'list'], { db }).map((d: any) => d.nama);
});

/** pdftotext output with every run of white space as one space (questions wrap over lines). */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('paten survey kuesioner', () => {
  it('prints the nine questions with their 36 answers, the catalog and a scannable QR on one A4 page', () => {
    const out = path.join(dir, 'kuesioner.pdf');
    const r = patenJson(['survey', 'kuesioner', '--out', out], { db });
    expect(r.qr_survei).toBe(URL);
    expect(pdfPages(out)).toBe(1);
    expect(pdfInfo(out)['Page size']).toMatch(/595\.2\d* x 841\.8\d* pts \(A4\)/);
    const text = flat(pdfText(out));
    expect(text).toContain('KECAMATAN KEMLAGI');
    expect(text).toContain('Tanggal survei');
    for (const w of ['Jenis kelamin', 'Usia', 'Pendidikan', 'Pekerjaan', 'Desa/kelurahan', 'SARAN']) expect(text).toContain(w);
    // The questions in the office's numbering (definisi: 8 = pengaduan), each followed by a. … d.
    const soal = soalKuesioner('definisi');
    let options = 0;
    for (const s of soal) {
      const at = text.indexOf(`${s.nomor}. ${PERTANYAAN[s.key]}`);
      expect(at, s.key).toBeGreaterThan(0);
      const after = text.slice(at);
      const expected = s.pilihan.map((p, i) => `${'abcd'[i]}. ${p}`);
      let pos = 0;
      for (const o of expected) {
        const i = after.indexOf(o, pos);
        expect(i, `${s.kode} ${o}`).toBeGreaterThan(pos);
        pos = i;
        options++;
      }
    }
    expect(options).toBe(36);
    expect(text.match(/(?:^| )[a-d]\. /g)!.length).toBe(36);
    // A long name wraps inside its column: read in drawing order (-raw), where its lines follow each other.
    const raw = flat(pdfText(out, { layout: false }));
    for (const l of layanan) expect(raw, l.nama).toContain(l.nama.replace('≤', '<='));
    const png = renderPage(out, 1, dir, { dpi: 150 });
    expect(scanQr(png)).toEqual([URL]);
  });

  it('is deterministic, follows --layanan and --kertas F4, and has no QR without url_survei', () => {
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    expect(paten(['survey', 'kuesioner', '--out', a], { db }).code).toBe(0);
    expect(paten(['survey', 'kuesioner', '--out', b], { db }).code).toBe(0);
    expect(fileHash(a)).toBe(fileHash(b));

    const f4 = path.join(dir, 'f4.pdf');
    const r = patenJson(['survey', 'kuesioner', '--layanan', 'ktp-el', '--layanan', 'kartu-keluarga', '--kertas', 'F4', '--out', f4], { db });
    expect(r.layanan).toEqual(['ktp-el', 'kartu-keluarga']);
    expect(pdfInfo(f4)['Page size']).toMatch(/^609\.4\d* x 935\.4\d* pts/);
    const text = flat(pdfText(f4));
    expect(text).toContain('Pelayanan Kartu Keluarga (KK)');
    expect(text).not.toContain('Surat Keterangan Domisili');

    const plain = freshDb();
    const p = path.join(dir, 'tanpa-qr.pdf');
    expect(patenJson(['survey', 'kuesioner', '--out', p], { db: plain }).qr_survei).toBeNull();
    expect(scanQr(renderPage(p, 1, dir, { dpi: 150 }))).toEqual([]);
  });

  it('follows the profile\'s questionnaire order and refuses bad arguments without writing', () => {
    const k = freshDb();
    expect(paten(['profil', 'set', '--urutan-unsur', 'kuesioner'], { db: k }).code).toBe(0);
    const out = path.join(dir, 'urutan.pdf');
    expect(paten(['survey', 'kuesioner', '--out', out], { db: k }).code).toBe(0);
    const text = flat(pdfText(out));
    expect(text).toContain(`8. ${PERTANYAAN.sarana}`);
    expect(text).toContain(`9. ${PERTANYAAN.pengaduan}`);

    const bad = path.join(dir, 'tidak-ada.pdf');
    const r1 = paten(['survey', 'kuesioner', '--layanan', 'tidak-ada', '--out', bad], { db });
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/tidak-ada/);
    const r2 = paten(['survey', 'kuesioner', '--kertas', 'A5', '--out', bad], { db });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('--kertas');
    expect(fs.existsSync(bad)).toBe(false);
  });
});

// ---------- the entry sheet ----------

interface Responden {
  tanggal: string; // YYYY-MM-DD
  jk: string;
  usia: number;
  pendidikan: string;
  pekerjaan: string;
  desa: string;
  layanan: string;
  jawaban: Record<UnsurKey, number | null>;
  saran: string;
}

/** Reproducible made-up questionnaires (a small LCG, no Math.random). */
function responden(n: number, seed: number): Responden[] {
  let x = seed;
  const rnd = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const jawaban = {} as Record<UnsurKey, number | null>;
    for (const k of UNSUR_KEYS) jawaban[k] = k === 'biaya' ? 4 : i === 3 && k === 'pengaduan' ? null : 1 + rnd(4);
    return {
      tanggal: `2025-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`,
      jk: rnd(2) ? 'L' : 'P',
      usia: 18 + rnd(50),
      pendidikan: ['SMA', 'D4/S1', 'SMP', 'SD ke bawah'][rnd(4)],
      pekerjaan: ['Swasta', 'Wirausaha', 'PNS', 'Lainnya'][rnd(4)],
      desa: desa[rnd(desa.length)],
      layanan: layanan[rnd(layanan.length)].nama,
      jawaban,
      saran: ['', 'Antrian di loket terlalu lama', 'Petugas ramah, terima kasih'][rnd(3)],
    };
  });
}

/** IKM by the regulation, computed here independently: mean per unsur × 1/9 summed × 25. */
function ikmAcuan(rows: Responden[]): number {
  let total = 0;
  for (const k of UNSUR_KEYS) {
    const v = rows.map((r) => r.jawaban[k]).filter((a): a is number => a !== null);
    total += v.reduce((a, b) => a + b, 0) / v.length / 9;
  }
  return Math.round(total * 25 * 100) / 100;
}

/** An import that needed nothing from the user: every column by its header, nothing ignored or guessed. */
function expectCleanImport(r: any, baris: number) {
  expect(r.jumlah_masalah).toBe(0);
  const f = r.berkas[0];
  expect(f.baris).toBe(baris);
  expect(f.peringatan).toEqual([]);
  expect(f.kolom_diabaikan).toEqual([]);
  expect(f.pemetaan).toHaveLength(17);
  expect(f.pemetaan.every((p: any) => p.aturan === 'judul')).toBe(true);
  expect(f.urutan_tanggal_ditebak).toBe(false);
  expect(f.layanan_tidak_cocok).toEqual([]);
  expect(f.desa_tidak_cocok).toEqual([]);
  return f;
}

const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Types rows into paten's own workbook (sheet "Isian"), like an officer in Excel, keeping its validation. */
function fillWorkbook(file: string, rows: Responden[], out: string): void {
  const files = unzipSync(fs.readFileSync(file));
  const name = 'xl/worksheets/sheet1.xml';
  const str = (ref: string, v: string) => (v ? `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>` : '');
  const num = (ref: string, v: number | null, s = '') => (v === null ? '' : `<c r="${ref}"${s}><v>${v}</v></c>`);
  const xml = rows
    .map((r, i) => {
      const n = i + 2;
      const cols = 'HIJKLMNOP';
      const answers = soalKuesioner('definisi').map((s, j) => num(`${cols[j]}${n}`, r.jawaban[s.key])).join('');
      return (
        `<row r="${n}">${num(`A${n}`, serial(r.tanggal), ' s="2"')}${str(`B${n}`, r.jk)}${num(`C${n}`, r.usia)}${str(`D${n}`, r.pendidikan)}` +
        `${str(`E${n}`, r.pekerjaan)}${str(`F${n}`, r.desa)}${str(`G${n}`, r.layanan)}${answers}${str(`Q${n}`, r.saran)}</row>`
      );
    })
    .join('');
  files[name] = strToU8(strFromU8(files[name]).replace('</sheetData>', `${xml}</sheetData>`));
  fs.writeFileSync(out, zipSync(files));
}

function csvLine(r: Responden): string {
  const [y, m, d] = r.tanggal.split('-');
  const answers = soalKuesioner('definisi').map((s) => r.jawaban[s.key] ?? '');
  const cells = [`${d}/${m}/${y}`, r.jk, r.usia, r.pendidikan, r.pekerjaan, r.desa, r.layanan, ...answers, r.saran];
  return cells.map((v) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',');
}

describe('paten survey templat', () => {
  it('writes an .xlsx whose header is the questionnaire, with drop-downs and a Petunjuk sheet; deterministic', async () => {
    const a = path.join(dir, 'isian-a.xlsx');
    const r = patenJson(['survey', 'templat', '--out', a], { db });
    expect(r.kolom).toHaveLength(17);
    expect(r.kolom.slice(0, 7)).toEqual(['Tanggal', 'Jenis Kelamin (L/P)', 'Usia (tahun)', 'Pendidikan', 'Pekerjaan', 'Desa/Kelurahan', 'Jenis Layanan']);
    expect(r.kolom[7]).toBe('U1 Persyaratan (1 Tidak sesuai / 2 Kurang sesuai / 3 Sesuai / 4 Sangat sesuai)');
    expect(r.kolom[14]).toMatch(/^U8 Penanganan Pengaduan/);
    const b = path.join(dir, 'isian-b.xlsx');
    paten(['survey', 'templat', '--out', b], { db });
    expect(fileHash(a)).toBe(fileHash(b));

    const sheets = await readWorkbook(a);
    expect(sheets.map((s) => s.name)).toEqual(['Isian', 'Petunjuk']);
    expect(sheets[0].rows[0]).toEqual(r.kolom);
    const petunjuk = sheets[1].rows.map((row) => row.map((c) => c ?? ''));
    expect(petunjuk.slice(1, 1 + layanan.length).map((row) => row[0])).toEqual(layanan.map((l) => l.nama));
    expect(petunjuk.slice(1, 1 + desa.length).map((row) => row[1])).toEqual(desa);
    const sheetXml = strFromU8(unzipSync(fs.readFileSync(a))['xl/worksheets/sheet1.xml']);
    expect(sheetXml).toContain('<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="U1 Persyaratan"');
    expect(sheetXml).toContain('sqref="H2:H2001"><formula1>"1,2,3,4"</formula1>');
    expect(sheetXml).toContain('<formula1>Petunjuk!$A$2:$A$' + (layanan.length + 1) + '</formula1>');
    expect(sheetXml.match(/<dataValidation /g)!.length).toBe(16);
  });

  it('a filled .xlsx imports with no --map, no prompt and no warning, and its IKM is the reference value', () => {
    const d = freshDb();
    const blank = path.join(dir, 'isian-kosong.xlsx');
    expect(paten(['survey', 'templat', '--out', blank], { db: d }).code).toBe(0);
    const rows = responden(60, 7);
    const filled = path.join(dir, 'isian-terisi.xlsx');
    fillWorkbook(blank, rows, filled);
    const r = patenJson(['survey', 'import', filled], { db: d });
    const f = expectCleanImport(r, 60);
    expect(f.lembar).toBe('Isian');
    expect(r.berkas).toHaveLength(1); // the Petunjuk sheet is not a survey sheet
    expect(f.jawaban.pengaduan.kosong).toBe(1);
    const ikm = patenJson(['ikm', '--tahun', '2025'], { db: d });
    expect(ikm.responden).toBe(60);
    expect(ikm.konversi).toBe(ikmAcuan(rows));
    // The typed-in profile arrived as typed.
    const stored = patenJson(['ikm', '--tahun', '2025', '--per', 'desa'], { db: d });
    expect(stored.kelompok.baris.reduce((a: number, b: any) => a + b.responden, 0)).toBe(60);
  });

  it('a filled .csv (lines added under its header) imports the same way', () => {
    const d = freshDb();
    const csv = path.join(dir, 'isian.csv');
    expect(paten(['survey', 'templat', '--out', csv], { db: d }).code).toBe(0);
    const head = fs.readFileSync(csv, 'utf8');
    expect(head.startsWith('\uFEFFTanggal,Jenis Kelamin (L/P),')).toBe(true);
    const rows = responden(45, 11);
    fs.writeFileSync(csv, head + rows.map(csvLine).join('\r\n') + '\r\n');
    const r = patenJson(['survey', 'import', csv], { db: d });
    expectCleanImport(r, 45);
    expect(patenJson(['ikm', '--tahun', '2025'], { db: d }).konversi).toBe(ikmAcuan(rows));

    const semi = path.join(dir, 'isian-titik-koma.csv');
    expect(paten(['survey', 'templat', '--pemisah', ';', '--out', semi], { db: d }).code).toBe(0);
    const lines = rows.slice(0, 5).map((x) => csvLine(x).replace(/,/g, ';'));
    fs.writeFileSync(semi, fs.readFileSync(semi, 'utf8') + lines.join('\r\n') + '\r\n');
    expectCleanImport(patenJson(['survey', 'import', semi, '--dry-run'], { db: freshDb() }), 5);
  });

  it('refuses an --out that is neither .xlsx nor .csv', () => {
    const r = paten(['survey', 'templat', '--out', path.join(dir, 'isian.ods')], { db });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('.xlsx atau .csv');
  });
});
