import { afterAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, ROOT, sampleDb, tempDir } from '../helpers/cli.js';
import { expectUserError, write } from '../helpers/bazar.js';
import { KEY, patenTty, patenTtyInProcess } from '../helpers/tty.js';

const dir = tempDir('paten-bazar-');
afterAll(() => cleanup(dir));

const SAMPLE = path.join(ROOT, 'data', 'bazar-instansi-contoh.csv');
let n = 0;

/** A fresh sample database with Mayangan's agencies imported. */
function bazarDb(): string {
  const sub = path.join(dir, `s${++n}`);
  fs.mkdirSync(sub);
  const db = sampleDb(sub);
  const r = paten(['bazar', 'instansi', 'import', SAMPLE], { db });
  if (r.code !== 0) throw new Error(r.stderr);
  return db;
}

describe('paten bazar instansi', () => {
  it('imports the shipped Mayangan sample, lists it, and re-import changes nothing', () => {
    const sub = path.join(dir, 'imp');
    fs.mkdirSync(sub);
    const db = sampleDb(sub);
    const first = patenJson(['bazar', 'instansi', 'import', SAMPLE], { db });
    expect(first.baru).toHaveLength(17);
    const again = patenJson(['bazar', 'instansi', 'import', SAMPLE], { db });
    expect(again).toEqual({ baru: [], diubah: [], tetap: expect.any(Array) });
    expect(again.tetap).toHaveLength(17);
    const list = patenJson(['bazar', 'instansi', 'list'], { db });
    const dukcapil = list.find((i: any) => i.singkatan === 'Dispendukcapil');
    expect(dukcapil).toMatchObject({ jenis: 'dinas', nama: 'Dinas Kependudukan dan Pencatatan Sipil Kota Probolinggo' });
    expect(dukcapil.layanan.map((l: any) => l.nama)).toEqual(['Perekaman KTP-el', 'Kartu Keluarga', 'Akta kelahiran', 'Akta kematian', 'Kartu Identitas Anak']);
    // "Kartu Keluarga" matches the PATEN catalog and is linked to it.
    expect(dukcapil.layanan[1].layanan_slug).toBe('kartu-keluarga');
    expect(list.find((i: any) => i.singkatan === 'Polsek Mayangan').jenis).toBe('tni-polri');
    const human = paten(['bazar', 'instansi', 'list'], { db });
    expect(human.stdout).toMatch(/Polsek Mayangan\s+TNI\/Polri/);
    expect(human.stderr).toContain('17 instansi');
  });

  it('the Mal Pelayanan Publik Kabupaten Pasuruan sample (21 agencies) imports too', () => {
    const sub = path.join(dir, 'mpp');
    fs.mkdirSync(sub);
    const db = sampleDb(sub);
    const r = patenJson(['bazar', 'instansi', 'import', path.join(ROOT, 'data', 'bazar-instansi-mpp-pasuruan.csv')], { db });
    expect(r.baru).toHaveLength(21);
    expect(patenJson(['bazar', 'instansi', 'show', 'atr/bpn'], { db })).toMatchObject({ nama: 'Kantor Pertanahan Kabupaten Pasuruan', jenis: 'vertikal', layanan: [] });
  });

  it('export → edit in "Excel" (semicolons) → import reports exactly what changed', () => {
    const db = bazarDb();
    const out = path.join(dir, 'instansi.csv');
    expect(paten(['bazar', 'instansi', 'export', '--out', out, '--pemisah', ';'], { db }).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFnama;singkatan;jenis;kontak_nama;kontak_telepon;layanan;catatan\r\n')).toBe(true);
    const edited = text.replace(/^(Kepolisian Sektor Mayangan;Polsek Mayangan;tni-polri);;;SKCK;/m, '$1;Aiptu Sugeng;0812-3456-7890;"SKCK; Laporan kehilangan";');
    expect(edited).not.toBe(text);
    const edit = path.join(dir, 'instansi-edit.csv');
    fs.writeFileSync(edit, edited);
    const r = patenJson(['bazar', 'instansi', 'import', edit], { db });
    expect(r.baru).toEqual([]);
    expect(r.diubah).toEqual([{ kunci: 'Kepolisian Sektor Mayangan', bidang: ['kontak', 'telepon', 'layanan'] }]);
    const polsek = patenJson(['bazar', 'instansi', 'show', 'polsek mayangan'], { db });
    expect(polsek).toMatchObject({ kontak_nama: 'Aiptu Sugeng', kontak_telepon: '0812-3456-7890' });
    expect(polsek.layanan.map((l: any) => l.nama)).toEqual(['SKCK', 'Laporan kehilangan']);
  });

  it('add, edit and remove from flags', () => {
    const db = bazarDb();
    const add = patenJson(['bazar', 'instansi', 'add', '--nama', 'Kantor Urusan Agama Mayangan', '--singkatan', 'KUA', '--jenis', 'instansi vertikal', '--layanan', 'Pendaftaran nikah', '--layanan', 'Konsultasi keluarga'], { db });
    expect(add).toMatchObject({ nama: 'Kantor Urusan Agama Mayangan', singkatan: 'KUA', jenis: 'vertikal' });
    expect(add.layanan.map((l: any) => l.nama)).toEqual(['Pendaftaran nikah', 'Konsultasi keluarga']);
    const ed = patenJson(['bazar', 'instansi', 'edit', 'kua', '--telepon', '(0335) 421234'], { db });
    expect(ed.diubah).toEqual(['telepon']);
    const same = paten(['bazar', 'instansi', 'edit', 'KUA', '--telepon', '(0335) 421234'], { db });
    expect(same.stderr).toContain('Tidak ada perubahan');
    expectUserError(paten(['bazar', 'instansi', 'remove', 'KUA'], { db }), /--yes/);
    expect(patenJson(['bazar', 'instansi', 'remove', 'KUA', '--yes'], { db }).dihapus.nama).toBe('Kantor Urusan Agama Mayangan');
    expectUserError(paten(['bazar', 'instansi', 'show', 'KUA'], { db }), /Instansi tidak ditemukan: "KUA"/);
    expectUserError(paten(['bazar', 'instansi', 'show', 'Polsek'], { db }), /Instansi tidak ditemukan: "Polsek"\. Mungkin maksud Anda: Polsek Mayangan\?/);
  });

  it('rejects duplicates, unknown jenis and bad CSV rows with Indonesian messages, leaving the database unchanged', () => {
    const db = bazarDb();
    const before = fileHash(db);
    expectUserError(paten(['bazar', 'instansi', 'add', '--nama', 'puskesmas jati', '--jenis', 'kesehatan'], { db }), /nama "puskesmas jati" sudah dipakai/);
    expectUserError(paten(['bazar', 'instansi', 'add', '--nama', 'Polres Probolinggo Kota', '--singkatan', 'samsat', '--jenis', 'tni-polri'], { db }), /singkatan "samsat" sudah dipakai Sistem Administrasi/);
    expectUserError(paten(['bazar', 'instansi', 'add', '--nama', 'Bank Jatim', '--jenis', 'bank'], { db }), /jenis "bank" tidak dikenal; pilih salah satu: dinas, vertikal/);
    expectUserError(paten(['bazar', 'instansi', 'add', '--nama', 'Bank Jatim'], { db }), /Jenis instansi .* belum diisi: berikan argumen --jenis/);
    expectUserError(paten(['bazar', 'instansi', 'edit', 'UMKM', '--singkatan', 'Kel. Jati'], { db }), /singkatan "Kel. Jati" sudah dipakai Kelurahan Jati/);
    const bad = write(dir, 'instansi-buruk.csv', [
      'nama,singkatan,jenis,layanan',
      'Bank Jatim,,bumd,Tabungan',
      'Pengadilan Agama,PA,pengadilan,Sidang isbat',
      ',X,dinas,',
      'Bank Jatim,BJ,bumd,Tabungan',
      'Kantor Pos,Samsat,bumn,Wesel',
    ]);
    const r = paten(['bazar', 'instansi', 'import', bad], { db });
    expectUserError(r, /instansi-buruk\.csv: tidak ada instansi yang diimpor \(3 masalah\)/);
    expect(r.stderr).toContain('instansi-buruk.csv, baris 3, kolom 3: jenis "pengadilan" tidak dikenal');
    expect(r.stderr).toContain('instansi-buruk.csv, baris 4, kolom 1: nama instansi wajib diisi');
    expect(r.stderr).toContain('instansi-buruk.csv, baris 5, kolom 1: "Bank Jatim" sudah muncul di baris 2');
    const r2 = paten(['bazar', 'instansi', 'import', write(dir, 'instansi-bentrok.csv', ['nama,singkatan,jenis', 'Kantor Pos,Samsat,bumn'])], { db });
    expectUserError(r2, /baris 2, kolom 2: singkatan "Samsat" sudah dipakai Sistem Administrasi Manunggal Satu Atap Kota Probolinggo di basis data/);
    expectUserError(paten(['bazar', 'instansi', 'import', write(dir, 'tanpa-jenis.csv', ['nama,singkatan', 'A,B'])], { db }), /kolom "jenis" tidak ditemukan/);
    expect(fileHash(db)).toBe(before);
  });
});

describe('paten bazar acara, undang, hadir', () => {
  it('adds, lists, shows, edits and removes events', () => {
    const db = bazarDb();
    const a = patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15', '--tema', 'Bazar Pelayanan I'], { db });
    expect(a).toMatchObject({ id: 1, tanggal: '2025-02-15', status: 'rencana', tempat: 'Halaman Kantor Kecamatan Kemlagi', diundang: 0 });
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2026-04-11', '--tempat', 'Alun-alun Kota Probolinggo'], { db });
    expect(patenJson(['bazar', 'acara', 'list', '--tahun', '2025'], { db })).toHaveLength(1);
    const e = patenJson(['bazar', 'acara', 'edit', '2026-04-11', '--tema', 'Bazar II', '--status', 'batal'], { db });
    expect(e.diubah).toEqual(['tema', 'status']);
    const human = paten(['bazar', 'acara', 'list'], { db });
    expect(human.stdout).toMatch(/#1\s+Sabtu, 15 Februari 2025/);
    expect(human.stdout).toMatch(/#2\s+Sabtu, 11 April 2026\s+Alun-alun Kota Probolinggo\s+Bazar II\s+batal/);
    expect(patenJson(['bazar', 'acara', 'remove', '2', '--yes'], { db }).dihapus.id).toBe(2);
    expect(patenJson(['bazar', 'acara', 'list'], { db })).toHaveLength(1);
  });

  it('records invitations, attendance and served counts per service; repeated entry is idempotent', () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    expect(patenJson(['bazar', 'undang', '1', '--instansi', 'Dispendukcapil', '--instansi', 'polsek mayangan'], { db }).baru).toHaveLength(2);
    const all = patenJson(['bazar', 'undang', '1', '--semua'], { db });
    expect(all.baru).toHaveLength(15);
    expect(all.sudah).toHaveLength(2);
    const h = patenJson(['bazar', 'hadir', '1', 'Dispendukcapil', '--petugas', 'Rina', '--layanan', 'perekaman ktp-el', '--dilayani', '45', '--layanan', 'Kartu Keluarga', '--dilayani', '1.020'], { db });
    // An invitation is not a result: the first entry for an invited agency is "dicatat".
    expect(h).toMatchObject({ acara: 1, dicatat: ['Dinas Kependudukan dan Pencatatan Sipil Kota Probolinggo'], diubah: [], tanpa_undangan: [], dilayani: 1065, acara_ditandai_terlaksana: true });
    const again = patenJson(['bazar', 'hadir', '1', 'Dispendukcapil', '--petugas', 'Rina', '--layanan', 'Perekaman KTP-el', '--dilayani', '45', '--layanan', 'Kartu Keluarga', '--dilayani', '1020'], { db });
    expect(again.tetap).toHaveLength(1);
    // Counts entered one service at a time add up: a later entry keeps the other services' counts.
    const akta = patenJson(['bazar', 'hadir', '1', 'Dispendukcapil', '--layanan', 'Akta kelahiran', '--dilayani', '12'], { db });
    expect(akta.dilayani).toBe(1077);
    const kk = patenJson(['bazar', 'hadir', '1', 'Dispendukcapil', '--layanan', 'Akta kelahiran', '--dilayani', '0'], { db });
    expect(kk.dilayani).toBe(1065);
    // Single-service agency: --dilayani alone is enough.
    patenJson(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', '30'], { db });
    patenJson(['bazar', 'hadir', '1', 'Pusk. Jati', '--status', 'tidak hadir'], { db });
    const show = patenJson(['bazar', 'acara', 'show', '1'], { db });
    expect(show.acara).toMatchObject({ status: 'terlaksana', diundang: 17, hadir: 2, dilayani: 1095 });
    const dk = show.instansi.find((r: any) => r.singkatan === 'Dispendukcapil');
    expect(dk).toMatchObject({ status: 'hadir', petugas: 'Rina', dilayani: 1065 });
    // Canonical service names from the agency's list, whatever the case typed.
    expect(dk.layanan).toEqual([{ layanan: 'Perekaman KTP-el', jumlah: 45 }, { layanan: 'Kartu Keluarga', jumlah: 1020 }, { layanan: 'Akta kelahiran', jumlah: 0 }]);
    expect(show.instansi.find((r: any) => r.singkatan === 'Pusk. Jati').status).toBe('tidak-hadir');
    const human = paten(['bazar', 'acara', 'show', '1'], { db });
    expect(human.stdout).toMatch(/Dispendukcapil\s+hadir\s+Rina\s+Perekaman KTP-el 45, Kartu Keluarga 1\.020, Akta kelahiran 0\s+1\.065/);
    expect(human.stderr).toContain('17 diundang, 2 hadir, 1.095 warga dilayani');
    // Removing an invitation.
    expect(patenJson(['bazar', 'undang', '1', '--batal', 'UMKM'], { db }).instansi).toBe('UMKM dan Seni Kecamatan Mayangan');
    expect(patenJson(['bazar', 'acara', 'show', '1'], { db }).acara.diundang).toBe(16);
    // An agency with history cannot be removed.
    expectUserError(paten(['bazar', 'instansi', 'remove', 'Dispendukcapil', '--yes'], { db }), /sudah tercatat di 1 acara bazar/);
  });

  it('rejects bad attendance input with clear messages and leaves the database unchanged', () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-04-12', '--status', 'batal'], { db });
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2099-06-13'], { db });
    patenJson(['bazar', 'undang', '1', '--semua'], { db });
    patenJson(['bazar', 'undang', '3', '--semua'], { db });
    const before = fileHash(db);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', '-3'], { db }), /jumlah dilayani tidak boleh negatif \(-3\)/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', 'tiga puluh'], { db }), /jumlah dilayani "tiga puluh" bukan bilangan bulat/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', '2,5'], { db }), /bukan bilangan bulat/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polres', '--dilayani', '3'], { db }), /Instansi tidak ditemukan: "Polres"/);
    expectUserError(paten(['bazar', 'hadir', '9', 'Polsek Mayangan'], { db }), /Acara bazar tidak ditemukan: "9"/);
    expectUserError(paten(['bazar', 'hadir', '2', 'Polsek Mayangan', '--dilayani', '3'], { db }), /Acara #2 \(12 April 2025\) berstatus batal: kehadiran tidak dapat dicatat/);
    expectUserError(paten(['bazar', 'undang', '2', '--semua'], { db }), /berstatus batal: undangan tidak dapat dicatat/);
    expectUserError(paten(['bazar', 'hadir', '3', 'Polsek Mayangan'], { db }), /baru akan berlangsung 13 Juni 2099/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Dispendukcapil', '--dilayani', '4'], { db }), /membawa 5 layanan: sebutkan --layanan NAMA/);
    // A service that looks like a typo of a usual one is refused with the suggestion.
    expectUserError(paten(['bazar', 'hadir', '1', 'Dispendukcapil', '--layanan', 'Akta kelahira', '--dilayani', '4'], { db }), /Dispendukcapil: layanan "Akta kelahira" mirip "Akta kelahiran"/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Dispendukcapil', '--layanan', 'Kartu Keluarga'], { db }), /Jumlah --layanan \(1\) dan --dilayani \(0\) harus sama/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polsek Mayangan', '--status', 'tidak-hadir', '--dilayani', '5'], { db }), /berstatus tidak hadir, jadi tidak dapat mencatat warga dilayani/);
    expectUserError(paten(['bazar', 'hadir', '1', 'Polsek Mayangan', '--status', 'mungkin'], { db }), /status "mungkin" tidak dikenal/);
    expectUserError(paten(['bazar', 'undang', '1', '--instansi', 'Polres', '--instansi', 'Kodim'], { db }), /Instansi tidak ditemukan: "Polres", "Kodim"; tidak ada yang diundang/);
    expectUserError(paten(['bazar', 'acara', 'add', '--tanggal', '2025-02-30'], { db }), /tanggal "2025-02-30" tidak valid/);
    expectUserError(paten(['bazar', 'acara', 'add'], { db }), /Tanggal acara .* belum diisi: berikan argumen --tanggal/);
    expectUserError(paten(['bazar', 'acara', 'edit', '1', '--status', 'selesai-kah'], { db }), /status acara "selesai-kah" tidak dikenal/);
    expect(fileHash(db)).toBe(before);
    // Cancelling an event that already has attendance is refused.
    patenJson(['bazar', 'hadir', '1', 'Polsek Mayangan', '--dilayani', '3'], { db });
    const mid = fileHash(db);
    expectUserError(paten(['bazar', 'acara', 'edit', '1', '--status', 'batal'], { db }), /tidak dapat dibatalkan: 1 instansi sudah tercatat hadir/);
    expectUserError(paten(['bazar', 'acara', 'edit', '1', '--tanggal', '2099-01-02'], { db }), /tidak dapat dipindah ke 2 Januari 2099: 1 instansi sudah tercatat hadir/);
    expectUserError(paten(['bazar', 'acara', 'edit', '1', '--status', 'rencana'], { db }), /tidak dapat dikembalikan ke rencana/);
    expect(fileHash(db)).toBe(mid);
  });
});

describe('paten bazar catat --file', () => {
  it('writes a template, imports the filled sheet all at once, and is idempotent', () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'undang', '1', '--instansi', 'Dispendukcapil', '--instansi', 'Polsek Mayangan', '--instansi', 'Pusk. Jati', '--instansi', 'UMKM'], { db });
    const tpl = path.join(dir, 'templat.csv');
    expect(paten(['bazar', 'catat', '1', '--templat', tpl], { db }).code).toBe(0);
    const lines = fs.readFileSync(tpl, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('instansi,status,petugas,layanan,dilayani,catatan');
    expect(lines).toContain('Dispendukcapil,,,Perekaman KTP-el,,');
    expect(lines).toHaveLength(1 + 5 + 1 + 2 + 2);
    const sheet = write(dir, 'hasil.csv', [
      'instansi;status;petugas;layanan;dilayani;catatan',
      'Dispendukcapil;;Rina;Perekaman KTP-el;45;',
      'Dispendukcapil;;;Kartu Keluarga;20;',
      'Dispendukcapil;;;Akta kelahiran;;',
      'polsek mayangan;hadir;Bripka Anton;SKCK;30;',
      'Pusk. Jati;tidak hadir;;;;bentrok posyandu',
      'UMKM;;;;;',
    ]);
    const r = patenJson(['bazar', 'catat', '1', '--file', sheet], { db });
    expect(r).toMatchObject({ acara: 1, dilayani: 95, acara_ditandai_terlaksana: true, tetap: [] });
    expect(r.dicatat).toHaveLength(3);
    expect(r.diubah).toEqual([]);
    const show = patenJson(['bazar', 'acara', 'show', '1'], { db });
    const by = Object.fromEntries(show.instansi.map((x: any) => [x.singkatan, x]));
    expect(by['Dispendukcapil']).toMatchObject({ status: 'hadir', petugas: 'Rina', dilayani: 65 });
    expect(by['Polsek Mayangan']).toMatchObject({ status: 'hadir', petugas: 'Bripka Anton', dilayani: 30 });
    expect(by['Pusk. Jati']).toMatchObject({ status: 'tidak-hadir', catatan: 'bentrok posyandu', dilayani: 0 });
    expect(by['UMKM']).toMatchObject({ status: 'diundang' });
    const again = patenJson(['bazar', 'catat', '1', '--file', sheet], { db });
    expect(again.tetap).toHaveLength(3);
    // An agency without a service list: counts go to "Layanan umum".
    patenJson(['bazar', 'instansi', 'add', '--nama', 'Kantor Urusan Agama Mayangan', '--singkatan', 'KUA', '--jenis', 'vertikal'], { db });
    patenJson(['bazar', 'catat', '1', '--file', write(dir, 'hasil-kua.csv', ['instansi,dilayani', 'KUA,7'])], { db });
    expect(patenJson(['bazar', 'acara', 'show', '1'], { db }).instansi.find((x: any) => x.singkatan === 'KUA').layanan).toEqual([{ layanan: 'Layanan umum', jumlah: 7 }]);
    expect(again.diubah).toEqual([]);
  });

  it('lists every unknown agency and imports nothing; other sheet errors name line and column', () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'undang', '1', '--semua'], { db });
    const before = fileHash(db);
    const sheet = write(dir, 'hasil-asing.csv', [
      'instansi,status,layanan,dilayani',
      'Dispendukcapil,hadir,Perekaman KTP-el,45',
      'Polres Probolinggo,hadir,SKCK,12',
      'Polsek Mayangan,hadir,SKCK,-30',
      'Dinas Sosial,hadir,PKH,7',
    ]);
    const r = paten(['bazar', 'catat', '1', '--file', sheet], { db });
    expectUserError(r, /hasil-asing\.csv: 2 baris menyebut instansi yang tidak dikenal; tidak ada yang diimpor/);
    expect(r.stderr).toContain('baris 3: instansi "Polres Probolinggo" tidak dikenal');
    expect(r.stderr).toContain('baris 5: instansi "Dinas Sosial" tidak dikenal');
    // The sheet's other problems are listed in the same message.
    expect(r.stderr).toMatch(/hasil-asing\.csv, baris 4, kolom 4: .*negatif/);
    const bad = write(dir, 'hasil-buruk.csv', [
      'instansi,status,layanan,dilayani',
      'Dispendukcapil,hadir,Perekaman KTP-el,-4',
      'Polsek Mayangan,hadir,SKCK,tiga',
      'Samsat,hadir,Pengesahan STNKK,3',
      'Kel. Jati,hadir,SKTM,2',
      'Kel. Jati,hadir,SKTM,5',
    ]);
    const r2 = paten(['bazar', 'catat', '1', '--file', bad], { db });
    expectUserError(r2, /hasil-buruk\.csv: tidak ada yang diimpor \(4 masalah\)/);
    expect(r2.stderr).toContain('hasil-buruk.csv, baris 2, kolom 4: jumlah dilayani tidak boleh negatif (-4)');
    expect(r2.stderr).toContain('hasil-buruk.csv, baris 3, kolom 4: jumlah dilayani "tiga" bukan bilangan bulat');
    expect(r2.stderr).toContain('hasil-buruk.csv, baris 4, kolom 3: Samsat: layanan "Pengesahan STNKK" mirip "Pengesahan STNK"');
    expect(r2.stderr).toContain('hasil-buruk.csv, baris 6, kolom 3: Kel. Jati: layanan "SKTM" sudah disebut di baris sebelumnya');
    expectUserError(paten(['bazar', 'catat', '1', '--file', write(dir, 'tanpa-instansi.csv', ['layanan,dilayani', 'SKCK,3'])], { db }), /kolom "instansi" tidak ditemukan/);
    expectUserError(paten(['bazar', 'catat', '1', '--file', path.join(dir, 'tidak-ada.csv')], { db }), /Berkas tidak ditemukan/);
    expectUserError(paten(['bazar', 'catat', '1'], { db }), /--file hasil\.csv/);
    expect(fileHash(db)).toBe(before);
  });
});

describe('paten bazar jadwal', () => {
  it('without a TTY and without --yes shows the proposal, fails with a hint and creates nothing', () => {
    const db = bazarDb();
    const before = fileHash(db);
    const r = paten(['bazar', 'jadwal', '--tahun', '2026', '--setiap', '2', '--hari', 'Sabtu', '--minggu-ke', '3'], { db });
    expectUserError(r, /Buat 6 acara ini\? Tambahkan --yes/);
    // The third Saturday of March 2026 (21 March) is Idul Fitri: moved to the fourth, 28 March.
    expect(r.stdout).toMatch(/Sabtu, 28 Maret 2026\s+digeser dari Sabtu, 21 Maret 2026 \(Hari Raya Idul Fitri 1447 H\)/);
    expect(r.stdout).toMatch(/Sabtu, 17 Januari 2026/);
    // A script with --json gets the proposal as data, and still nothing is created.
    const j = paten(['--json', 'bazar', 'jadwal', '--tahun', '2026', '--setiap', '2', '--hari', 'Sabtu', '--minggu-ke', '3'], { db });
    expect(j.code).toBe(1);
    const data = JSON.parse(j.stdout);
    expect(data.usulan.map((u: any) => u.tanggal)).toContain('2026-03-28');
    expect(data.dibuat).toEqual([]);
    expect(fileHash(db)).toBe(before);
  });

  it("--yes creates the events once; running again skips months that already have one", () => {
    const db = bazarDb();
    const r = patenJson(['bazar', 'jadwal', '--tahun', '2026', '--minggu-ke', '3', '--yes', '--tema', 'Bazar Pelayanan'], { db });
    expect(r.dibuat.map((a: any) => a.tanggal)).toEqual(['2026-01-17', '2026-03-28', '2026-05-16', '2026-07-18', '2026-09-19', '2026-11-21']);
    expect(r.dibuat.every((a: any) => a.status === 'rencana' && a.tema === 'Bazar Pelayanan' && a.tempat === 'Halaman Kantor Kecamatan Kemlagi')).toBe(true);
    const again = paten(['bazar', 'jadwal', '--tahun', '2026', '--minggu-ke', '3', '--yes'], { db });
    expectUserError(again, /Tidak ada tanggal yang dapat diusulkan/);
    expect(again.stderr).toContain('Tahun 2026 sudah punya 6 acara');
    expect(patenJson(['bazar', 'acara', 'list', '--tahun', '2026'], { db })).toHaveLength(6);
  });

  it('uses an edited holiday file, and warns for a year it does not cover', () => {
    const db = bazarDb();
    const libur = write(dir, 'libur-kantor.csv', ['tanggal,nama,jenis', '2026-06-13,Hari jadi Kota Probolinggo (contoh),libur']);
    const r = patenJson(['bazar', 'jadwal', '--tahun', '2026', '--setiap', '12', '--mulai-bulan', '6', '--libur', libur, '--yes'], { db });
    expect(r.usulan).toEqual([{ tanggal: '2026-06-20', bulan: 'Juni 2026', digeser: { dari: '2026-06-13', karena: 'Hari jadi Kota Probolinggo (contoh)' } }]);
    const w = paten(['bazar', 'jadwal', '--tahun', '2031', '--setiap', '6', '--yes'], { db });
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/tidak memuat tahun 2031: tanggal tidak diperiksa/);
    const before = fileHash(db);
    const bad = write(dir, 'libur-buruk.csv', ['tanggal,nama', '13-06-2026,Salah format']);
    expectUserError(paten(['bazar', 'jadwal', '--tahun', '2026', '--libur', bad, '--yes'], { db }), /libur-buruk\.csv, baris 2, kolom 1: tanggal "13-06-2026" tidak valid/);
    expectUserError(paten(['bazar', 'jadwal', '--tahun', '2026', '--hari', 'Saturday', '--yes'], { db }), /Hari "Saturday" tidak dikenal \(argumen --hari\)/);
    expectUserError(paten(['bazar', 'jadwal', '--tahun', '2026', '--setiap', '13', '--yes'], { db }), /--setiap harus 1 sampai 12/);
    expectUserError(paten(['bazar', 'jadwal'], { db }), /Opsi wajib belum diberikan: --tahun/);
    expect(fileHash(db)).toBe(before);
  });

  it('the shipped holiday list covers 2024–2027 with valid dates', () => {
    const text = fs.readFileSync(path.join(ROOT, 'data', 'libur-nasional.csv'), 'utf8');
    for (const y of [2024, 2025, 2026, 2027]) expect(text).toContain(`${y}-08-17,Hari Kemerdekaan Republik Indonesia`);
    expect(text).toContain('2026-03-21,Hari Raya Idul Fitri 1447 H,libur');
  });
});

describe('paten bazar catat on a terminal', () => {
  it('walks through the invited agencies, re-asks an invalid count, and saves after confirmation', async () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'undang', '1', '--instansi', 'Dispendukcapil', '--instansi', 'Polsek Mayangan'], { db });
    const r = await patenTty(['bazar', 'catat', '1'], [
      { expect: /Dispendukcapil \(sekarang: diundang\)/, send: KEY.enter },
      { expect: /Petugas di lokasi/, send: 'Rina' + KEY.enter },
      { expect: /Perekaman KTP-el: warga dilayani/, send: '45' + KEY.enter },
      { expect: /Kartu Keluarga: warga dilayani/, send: '-2' + KEY.enter },
      { expect: /tidak boleh negatif/, send: KEY.backspace + KEY.backspace + '20' + KEY.enter },
      { expect: /Akta kelahiran: warga dilayani/, send: KEY.enter },
      { expect: /Akta kematian: warga dilayani/, send: KEY.enter },
      { expect: /Kartu Identitas Anak: warga dilayani/, send: '3' + KEY.enter },
      { expect: /Layanan lain yang dibawa hari ini/, send: KEY.enter },
      { expect: /Polsek Mayangan \(sekarang: diundang\)/, send: KEY.down + KEY.enter },
      { expect: /Simpan catatan untuk 2 instansi\?/, send: KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('68 warga dilayani');
    const show = patenJson(['bazar', 'acara', 'show', '1'], { db });
    expect(show.acara.status).toBe('terlaksana');
    const dk = show.instansi.find((x: any) => x.singkatan === 'Dispendukcapil');
    expect(dk).toMatchObject({ status: 'hadir', petugas: 'Rina', dilayani: 68 });
    expect(dk.layanan).toEqual([{ layanan: 'Perekaman KTP-el', jumlah: 45 }, { layanan: 'Kartu Keluarga', jumlah: 20 }, { layanan: 'Kartu Identitas Anak', jumlah: 3 }]);
    expect(show.instansi.find((x: any) => x.singkatan === 'Polsek Mayangan').status).toBe('tidak-hadir');
  });

  it('asks and draws on the invocation\'s own streams, every prompt and the result after them (in-process)', async () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'undang', '1', '--instansi', 'Polsek Mayangan'], { db });
    const onProcess: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      onProcess.push(String(chunk));
      return true;
    });
    let r;
    try {
      r = await patenTtyInProcess(['bazar', 'catat', '1'], [
        { expect: /Polsek Mayangan \(sekarang: diundang\)/, send: KEY.enter },
        { expect: /Petugas di lokasi/, send: 'Budi' + KEY.enter },
        { expect: /SKCK: warga dilayani/, send: '12' + KEY.enter },
        { expect: /Layanan lain yang dibawa hari ini/, send: KEY.enter },
        { expect: /Simpan catatan untuk 1 instansi\?/, send: 'y' + KEY.enter },
      ], { db });
    } finally {
      spy.mockRestore();
    }
    expect(r.code, r.screen).toBe(0);
    // Every prompt after the first one still reaches the invocation's stdout, and so does the result.
    expect(r.stdout).toMatch(/Petugas di lokasi \(boleh kosong\): Budi/);
    expect(r.stdout).toMatch(/Simpan catatan untuk 1 instansi\? \(Y\/t\) Ya/);
    expect(r.stdout + r.stderr).toContain('12 warga dilayani');
    expect(onProcess.join('')).not.toMatch(/Polsek|Petugas|SKCK|Simpan/);
    const show = patenJson(['bazar', 'acara', 'show', '1'], { db });
    expect(show.instansi[0]).toMatchObject({ status: 'hadir', petugas: 'Budi', dilayani: 12 });
  });

  it('answering no at the end saves nothing', async () => {
    const db = bazarDb();
    patenJson(['bazar', 'acara', 'add', '--tanggal', '2025-02-15'], { db });
    patenJson(['bazar', 'undang', '1', '--instansi', 'Polsek Mayangan'], { db });
    const before = fileHash(db);
    const r = await patenTty(['bazar', 'catat', '1'], [
      { expect: /Polsek Mayangan \(sekarang: diundang\)/, send: KEY.enter },
      { expect: /Petugas di lokasi/, send: KEY.enter },
      { expect: /SKCK: warga dilayani/, send: '12' + KEY.enter },
      { expect: /Layanan lain yang dibawa hari ini/, send: KEY.enter },
      { expect: /Simpan catatan untuk 1 instansi\?/, send: 'n' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('Tidak ada yang dicatat');
    expect(fileHash(db)).toBe(before);
  });
});
