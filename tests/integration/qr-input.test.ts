/**
 * `paten qr generate` on unusual and bad input: long catalogs (20 layanan × 15 requirements), a
 * desa name with characters illegal in Windows file names, a logo, --mode url with `qr situs`,
 * and every bad input (clear Indonesian message, exit 1, nothing written).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fileHash, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { pdfPages, pdfText } from '../helpers/pdf.js';
import { decodeQrBoxes, listFiles, pdfLayoutProblems, tinyPng } from '../helpers/poster.js';

const MARGIN_PT = (12 * 72) / 25.4;
const flat = (s: string) => s.replace(/\s+/g, ' ');

let dir: string;
let sample: string;

beforeAll(() => {
  dir = tempDir();
  sample = sampleDb(dir);
});
afterAll(() => cleanup(dir));

function readManifest(out: string): any {
  return JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
}

/** A fresh database with the sample profile and two desa, and the given catalog (JSON file). */
function dbWithCatalog(name: string, layanan: object[]): string {
  const db = path.join(dir, `${name}.db`);
  const r1 = paten(['init', '--nama', 'Kemlagi', '--kabupaten', 'Kabupaten Mojokerto', '--provinsi', 'Jawa Timur', '--whatsapp', '0812-0000-0000'], { db });
  expect(r1.code, r1.stderr).toBe(0);
  expect(paten(['desa', 'add', '--kode', '3516152001', '--nama', 'Watesprojo'], { db }).code).toBe(0);
  expect(paten(['desa', 'add', '--kode', '3516152099', '--nama', 'Kali/Jati: "Baru"?*'], { db }).code).toBe(0);
  if (layanan.length) {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ layanan }));
    const r = paten(['layanan', 'import', file], { db });
    expect(r.code, r.stderr).toBe(0);
  }
  return db;
}

describe('long catalogs and awkward names', () => {
  const long = Array.from({ length: 20 }, (_, i) => ({
    slug: `layanan-${i + 1}`,
    nama: i % 4 === 0 ? `Surat Keterangan Layanan Nomor ${i + 1} dengan Nama yang Sangat Panjang Sekali untuk Diuji` : `Layanan Contoh ${i + 1}`,
    persyaratan: Array.from({ length: 15 }, (_, k) => `Fotokopi dokumen pendukung nomor ${k + 1} (1 lembar)`),
    waktu: '1 hari kerja',
    biaya: 'Gratis',
  }));

  it('lays out 20 layanan with 15 requirements each over several pages; every code decodes and nothing overlaps', () => {
    const db = dbWithCatalog('panjang', long);
    const out = path.join(dir, 'panjang');
    const r = paten(['qr', 'generate', '--out', out], { db });
    expect(r.code, r.stderr).toBe(0);
    const m = readManifest(out);
    expect(m.poster.map((p: any) => p.berkas)).toEqual(['3516152001-watesprojo.pdf', '3516152099-kali-jati-baru.pdf']);
    const p = m.poster[1];
    const file = path.join(out, p.berkas);
    expect(pdfPages(file)).toBe(p.halaman);
    expect(p.halaman).toBeGreaterThan(1);
    expect(p.qr).toHaveLength(20);
    expect(new Set(p.qr.map((q: any) => q.halaman)).size).toBe(p.halaman);
    const payload = new Map(m.layanan.map((l: any) => [l.slug, l.payload]));
    const got = decodeQrBoxes(file, p.qr, dir);
    p.qr.forEach((q: any, i: number) => {
      expect(got[i], q.slug).toBe(payload.get(q.slug));
      expect(got[i]).toContain('15. Fotokopi dokumen pendukung nomor 15 (1 lembar)');
    });
    expect(pdfLayoutProblems(file, MARGIN_PT, p.qr)).toEqual([]);
    const text = flat(pdfText(file, { layout: false }));
    expect(text).toContain('Desa Kali/Jati: "Baru"?*');
    for (const l of long) expect(text).toContain(l.nama);
    expect(text).toContain('Semua layanan GRATIS');
  });

  it('draws the profile logo in the header without covering any text', () => {
    const db = dbWithCatalog('logo', long.slice(0, 3).map((l) => ({ ...l, persyaratan: l.persyaratan.slice(0, 4) })));
    const logo = path.join(dir, 'logo.png');
    fs.writeFileSync(logo, tinyPng(120, 80));
    expect(paten(['profil', 'set', '--logo', logo], { db }).code).toBe(0);
    const out = path.join(dir, 'logo-out');
    const r = paten(['qr', 'generate', '--out', out, '--desa', 'Watesprojo'], { db });
    expect(r.code, r.stderr).toBe(0);
    const p = readManifest(out).poster[0];
    const file = path.join(out, p.berkas);
    const images = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/\s120\s+80\s/);
    expect(p.halaman).toBe(1);
    expect(pdfLayoutProblems(file, MARGIN_PT, p.qr)).toEqual([]);
    // Few layanan: the codes are drawn larger than the minimum.
    expect(p.qr[0].kotak_pt.w).toBeGreaterThan((46 * 72) / 25.4);
  });
});

describe('--mode url and qr situs', () => {
  it('codes hold BASE/SLUG, printed under each code, and qr situs writes the matching pages', () => {
    const out = path.join(dir, 'url');
    const r = paten(['qr', 'generate', '--out', out, '--mode', 'url', '--base-url', 'https://kemlagi.example.id/paten/', '--desa', 'Betro'], { db: sample });
    expect(r.code, r.stderr).toBe(0);
    const m = readManifest(out);
    expect(m.mode).toBe('url');
    const p = m.poster[0];
    const file = path.join(out, p.berkas);
    const got = decodeQrBoxes(file, p.qr, dir);
    expect(got).toEqual(p.qr.map((q: any) => `https://kemlagi.example.id/paten/${q.slug}`));
    expect(flat(pdfText(file, { layout: false })).replace(/ /g, '')).toContain('https://kemlagi.example.id/paten/sktm');
    for (const q of p.qr) expect(q.kotak_pt.w - (8 * q.modul_mm * 72) / 25.4).toBeGreaterThanOrEqual((35 * 72) / 25.4 - 0.01);

    const situs = path.join(dir, 'situs');
    const s = patenJson(['qr', 'situs', '--out', situs, '--base-url', 'https://kemlagi.example.id/paten'], { db: sample });
    expect(s.tautan).toHaveLength(14);
    const index = fs.readFileSync(path.join(situs, 'index.html'), 'utf8');
    expect(index).toContain('<meta name="viewport"');
    expect(index).toContain('href="sktm/"');
    const sktm = fs.readFileSync(path.join(situs, 'sktm', 'index.html'), 'utf8');
    expect(sktm).toContain('Surat Keterangan Tidak Mampu (SKTM)');
    expect(sktm).toContain('<li>Fotokopi Kartu Keluarga</li>');
    expect(sktm).toContain('https://kemlagi.example.id/paten/sktm');
    // Again into the same folder is fine (its own files); the pages are identical.
    const before = fileHash(path.join(situs, 'sktm', 'index.html'));
    expect(paten(['qr', 'situs', '--out', situs], { db: sample }).code).toBe(0);
    expect(fileHash(path.join(situs, 'sktm', 'index.html'))).not.toBe(before); // no canonical link without --base-url
    expect(paten(['qr', 'situs', '--out', situs, '--base-url', 'https://kemlagi.example.id/paten'], { db: sample }).code).toBe(0);
    expect(fileHash(path.join(situs, 'sktm', 'index.html'))).toBe(before);
  });
});

describe('characters the poster font lacks', () => {
  it('are printed as "?" with a warning naming the text', () => {
    const db = dbWithCatalog('huruf-asing', [{ slug: 'ada', nama: 'Ada Syarat', persyaratan: ['KTP'] }]);
    expect(paten(['desa', 'add', '--kode', '3516152097', '--nama', 'Desa 漢字'], { db }).code).toBe(0);
    const out = path.join(dir, 'huruf-asing');
    const r = paten(['qr', 'generate', '--out', out, '--desa', '3516152097'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('tercetak sebagai "?": desa "Desa 漢字"');
  });
});

describe('re-running into the same folder', () => {
  it('--desa keeps the other posters; with --bersihkan only what the new manifest lists is left; files Explorer and Finder add are no obstacle', () => {
    const out = path.join(dir, 'ulang');
    expect(paten(['qr', 'generate', '--out', out, '--gabung'], { db: sample }).code).toBe(0);
    expect(listFiles(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(21);
    for (const f of ['Thumbs.db', 'desktop.ini', '.DS_Store']) fs.writeFileSync(path.join(out, f), '');
    const keep = paten(['qr', 'generate', '--out', out, '--desa', '3516152001'], { db: sample });
    expect(keep.code, keep.stderr).toBe(0);
    expect(listFiles(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(21);
    const r = paten(['qr', 'generate', '--out', out, '--desa', '3516152001', '--bersihkan'], { db: sample });
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(m.poster.map((p: any) => p.berkas)).toEqual(['3516152001-watesprojo.pdf']);
    expect(m.gabungan).toBeNull();
    expect(listFiles(out).filter((f) => f.endsWith('.pdf'))).toEqual(['3516152001-watesprojo.pdf']);
    expect(fs.existsSync(path.join(out, 'Thumbs.db'))).toBe(true);
  });
});

describe('bad input: a clear message, exit 1, nothing written', () => {
  function fails(args: string[], message: RegExp, opts: { db?: string; out?: string } = {}) {
    const db = opts.db ?? sample;
    const out = opts.out ?? path.join(dir, `gagal-${Math.random().toString(36).slice(2)}`);
    const isDir = fs.existsSync(out) && fs.statSync(out).isDirectory();
    const before = isDir ? listFiles(out) : [];
    const outHash = fs.existsSync(out) && !isDir ? fileHash(out) : null;
    const dbHash = fileHash(db);
    const r = paten(['qr', 'generate', '--out', out, ...args], { db });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stderr).not.toMatch(/Galat internal/);
    if (outHash) expect(fileHash(out)).toBe(outHash);
    else expect(listFiles(out)).toEqual(before);
    expect(fileHash(db)).toBe(dbHash);
    return r;
  }

  it('unknown desa or layanan', () => {
    fails(['--desa', 'Atlantis'], /Desa tidak ditemukan: "Atlantis"/);
    fails(['--layanan', 'tidak-ada'], /Layanan tidak ditemukan: "tidak-ada"/);
  });

  it('an empty catalog and a layanan without requirements', () => {
    fails([], /Katalog layanan masih kosong/, { db: dbWithCatalog('kosong', []) });
    const db = dbWithCatalog('tanpa-syarat', [{ slug: 'ada', nama: 'Ada Syarat', persyaratan: ['KTP'] }]);
    expect(paten(['layanan', 'add', '--nama', 'Surat Baru Tanpa Syarat'], { db }).code).toBe(0);
    fails([], /tanpa persyaratan tidak dapat dicetak: Surat Baru Tanpa Syarat \(surat-baru-tanpa-syarat\)/, { db });
    fails(['--layanan', 'ada', '--layanan', 'surat-baru-tanpa-syarat'], /Surat Baru Tanpa Syarat/, { db });
  });

  it('an output folder with foreign files, a file instead of a folder, a folder that cannot be created', () => {
    const busy = path.join(dir, 'sibuk');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'laporan-tahunan.docx'), 'penting');
    fails([], /berisi berkas lain yang bukan poster paten: laporan-tahunan\.docx/, { out: busy });
    const file = path.join(dir, 'berkas.txt');
    fs.writeFileSync(file, 'x');
    fails([], /sudah ada dan bukan folder/, { out: file });
    fails([], /Tidak dapat membuat atau menulis folder/, { out: path.join(file, 'sub') });
  });

  it('a missing or invalid template, a missing or broken logo', () => {
    fails(['--template', path.join(dir, 'tidak-ada.json')], /Berkas templat tidak ditemukan: .*tidak-ada\.json \(argumen --template\)/);
    const t1 = path.join(dir, 't1.json');
    fs.writeFileSync(t1, JSON.stringify({ warna: { utamaa: '#000000' } }));
    fails(['--template', t1], /t1\.json: kunci "warna\.utamaa" tidak dikenal/);
    const t2 = path.join(dir, 't2.json');
    fs.writeFileSync(t2, JSON.stringify({ qr: { koreksi: 'L' } }));
    fails(['--template', t2], /"qr\.koreksi" harus "M", "Q" atau "H"/);
    const t3 = path.join(dir, 't3.json');
    fs.writeFileSync(t3, '{\n  "judul": "A",\n  "margin_mm": 12,,\n}');
    fails(['--template', t3], /t3\.json, baris 3, kolom \d+: JSON tidak valid/);

    const db = dbWithCatalog('logo-rusak', [{ slug: 'ada', nama: 'Ada Syarat', persyaratan: ['KTP'] }]);
    expect(paten(['profil', 'set', '--logo', path.join(dir, 'hilang.png')], { db }).code).toBe(0);
    fails([], /Berkas logo tidak dapat dibaca: .*hilang\.png/, { db });
    const notImage = path.join(dir, 'bukan-gambar.png');
    fs.writeFileSync(notImage, 'ini teks');
    expect(paten(['profil', 'set', '--logo', notImage], { db }).code).toBe(0);
    fails([], /bukan gambar PNG atau JPG/, { db });
  });

  it('a header that cannot fit (huge desa name at a fixed large size) fails before writing', () => {
    const db = dbWithCatalog('nama-panjang', [{ slug: 'ada', nama: 'Ada Syarat', persyaratan: ['KTP'] }]);
    expect(paten(['desa', 'add', '--kode', '3516152096', '--nama', 'Sumber '.repeat(30).trim()], { db }).code).toBe(0);
    const t = path.join(dir, 'huruf-besar.json');
    fs.writeFileSync(t, JSON.stringify({ ukuran: { desa_maks_pt: 120, desa_min_pt: 120 } }));
    fails(['--template', t, '--desa', '3516152096'], /tidak muat rapi di kertas A4: halaman 1: .*di luar area cetak/, { db });
  });

  it('bad --mode, --base-url and --kertas', () => {
    fails(['--mode', 'url'], /berikan argumen --base-url/);
    fails(['--mode', 'url', '--base-url', 'ftp://kemlagi.example.id'], /harus diawali http:\/\/ atau https:\/\/ \(argumen --base-url\)/);
    fails(['--mode', 'url', '--base-url', 'kemlagi'], /bukan URL yang valid/);
    fails(['--mode', 'gambar'], /Mode "gambar" tidak dikenal \(argumen --mode\)/);
    fails(['--kertas', 'A5'], /Ukuran kertas "A5" tidak dikenal \(argumen --kertas\)/);
  });

  it('a payload too long for a sharp code of printable size names the layanan and suggests --mode url', () => {
    const huge = Array.from({ length: 15 }, (_, k) => `Dokumen pendukung nomor ${k + 1} yang harus dibawa dalam bentuk asli dan fotokopi yang telah dilegalisasi oleh pejabat berwenang`);
    const db = dbWithCatalog('raksasa', [
      { slug: 'biasa', nama: 'Layanan Biasa', persyaratan: ['KTP'] },
      { slug: 'raksasa', nama: 'Layanan Raksasa', persyaratan: huge },
    ]);
    // The other layanan are still printed (complete files); the run fails naming the one left out.
    const partial = path.join(dir, 'raksasa-teks');
    const r = paten(['qr', 'generate', '--out', partial], { db });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/1 layanan tidak dimuat di poster; poster dengan 1 layanan lainnya sudah ditulis/);
    expect(r.stderr).toMatch(/Layanan Raksasa \(raksasa: \d+ mm\)/);
    expect(r.stderr).toMatch(/--mode url/);
    const m = readManifest(partial);
    expect(m.poster).toHaveLength(2);
    expect(m.layanan.map((l: any) => l.slug)).toEqual(['biasa']);
    expect(m.dilewati).toEqual([{ slug: 'raksasa', nama: 'Layanan Raksasa', alasan: expect.stringMatching(/terlalu panjang/) }]);
    for (const p of m.poster) expect(pdfPages(path.join(partial, p.berkas))).toBe(p.halaman);
    expect(flat(pdfText(path.join(partial, m.poster[0].berkas)))).not.toContain('Layanan Raksasa');
    // Only that layanan: nothing can be printed, nothing is written.
    fails(['--layanan', 'raksasa'], /Tidak ada layanan yang dapat dicetak/, { db });
    // The same catalog works as links.
    const out = path.join(dir, 'raksasa-url');
    expect(paten(['qr', 'generate', '--out', out, '--mode', 'url', '--base-url', 'https://x.example.id'], { db }).code).toBe(0);
    expect(readManifest(out).poster).toHaveLength(2);
  });
});
