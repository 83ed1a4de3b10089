import { describe, expect, it } from 'vitest';
import { parseLibur, parseHari, usulanJadwal, usulanSeri, weekdaysOfMonth, type Libur } from '../../src/bazar/jadwal.js';
import { parseStatusAcara } from '../../src/bazar/acara.js';
import { parseStatusPartisipasi } from '../../src/bazar/partisipasi.js';
import { BATAS_WAJAR_DILAYANI, layananInstansi, parseJumlah, peringatanJumlah } from '../../src/bazar/catat.js';
import { applyListEdit, checkInstansi, layananKey, layananMirip, parseJenisInstansi, splitLayanan, type Instansi } from '../../src/bazar/instansi.js';
import { rasio } from '../../src/bazar/laporan.js';
import { chartBars, metadataDate } from '../../src/bazar/pdf.js';
import { niceMax } from '../../src/pdf/grafik.js';
import type { LaporanTahun } from '../../src/bazar/laporan.js';
import { parseCsvText } from '../../src/core/csv.js';
import { UserError } from '../../src/core/errors.js';

const LIBUR_2026: Libur[] = [
  { tanggal: '2026-03-21', nama: 'Hari Raya Idul Fitri 1447 H', jenis: 'libur' },
  { tanggal: '2026-03-28', nama: 'contoh libur kedua', jenis: 'libur' },
  { tanggal: '2026-05-09', nama: 'contoh cuti bersama', jenis: 'cuti-bersama' },
];

describe('bazar jadwal', () => {
  it('lists the weekdays of a month', () => {
    expect(weekdaysOfMonth(2026, 3, 6)).toEqual(['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28']);
    expect(weekdaysOfMonth(2026, 2, 0)).toEqual(['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22']);
  });

  it('every two months on the second Saturday', () => {
    const r = usulanJadwal({ tahun: 2026, setiap: 2, hari: 6, mingguKe: 2, mulaiBulan: 1, libur: LIBUR_2026 });
    // 9 May (second Saturday) is a cuti bersama → the third Saturday, 16 May.
    expect(r.usulan.map((u) => u.tanggal)).toEqual(['2026-01-10', '2026-03-14', '2026-05-16', '2026-07-11', '2026-09-12', '2026-11-14']);
    expect(r.usulan[2].digeser).toEqual({ dari: '2026-05-09', karena: 'contoh cuti bersama' });
    expect(r.tahun_tanpa_libur).toBe(false);
  });

  it('moves to a later, then an earlier same weekday of the month', () => {
    // Third Saturday of March 2026 is Idul Fitri; the fourth is a holiday too → back to the second.
    const r = usulanJadwal({ tahun: 2026, setiap: 12, hari: 6, mingguKe: 3, mulaiBulan: 3, libur: LIBUR_2026 });
    expect(r.usulan).toEqual([{ tanggal: '2026-03-14', bulan: 'Maret 2026', digeser: { dari: '2026-03-21', karena: 'Hari Raya Idul Fitri 1447 H' } }]);
  });

  it('cuti bersama can be allowed; existing dates are skipped; uncovered years are flagged', () => {
    const r = usulanJadwal({ tahun: 2026, setiap: 12, hari: 6, mingguKe: 2, mulaiBulan: 5, libur: LIBUR_2026, hindariCutiBersama: false });
    expect(r.usulan[0].tanggal).toBe('2026-05-09');
    const s = usulanJadwal({ tahun: 2026, setiap: 12, hari: 6, mingguKe: 2, mulaiBulan: 5, libur: LIBUR_2026, hindariCutiBersama: false, sudahAda: ['2026-05-09'] });
    expect(s.usulan).toEqual([]);
    expect(s.dilewati).toEqual([{ bulan: 'Mei 2026', alasan: 'sudah ada acara pada 2026-05-09' }]);
    expect(usulanJadwal({ tahun: 2030, setiap: 6, hari: 1, mingguKe: 1, mulaiBulan: 1, libur: LIBUR_2026 }).tahun_tanpa_libur).toBe(true);
  });

  it('validates its arguments', () => {
    expect(() => usulanJadwal({ tahun: 2026, setiap: 0, hari: 6, mingguKe: 2, mulaiBulan: 1, libur: [] })).toThrow(/--setiap harus 1 sampai 12/);
    expect(() => usulanJadwal({ tahun: 2026, setiap: 2, hari: 6, mingguKe: 5, mulaiBulan: 1, libur: [] })).toThrow(/--minggu-ke harus 1 sampai 4/);
    expect(parseHari('sabtu')).toBe(6);
    expect(parseHari("Jum'at")).toBe(5);
    expect(parseHari('Min')).toBe(0);
    expect(() => parseHari('Saturday')).toThrow(UserError);
  });

  it('reads the holiday CSV and reports bad rows with their line', () => {
    const ok = parseLibur(parseCsvText('tanggal,nama,jenis\n2026-01-01,Tahun Baru,libur\n2026-02-16,Cuti Imlek,cuti bersama\n', 'l.csv'));
    expect(ok).toEqual([
      { tanggal: '2026-01-01', nama: 'Tahun Baru', jenis: 'libur' },
      { tanggal: '2026-02-16', nama: 'Cuti Imlek', jenis: 'cuti-bersama' },
    ]);
    expect(() => parseLibur(parseCsvText('tanggal,nama,jenis\n2026-02-30,Salah,libur\n2026-03-01,X,pesta\n', 'l.csv'))).toThrow(
      expect.objectContaining({ details: ['l.csv, baris 2, kolom 1: tanggal "2026-02-30" tidak valid; tulis sebagai TTTT-BB-HH', 'l.csv, baris 3, kolom 3: jenis "pesta" tidak dikenal; pakai libur atau cuti-bersama'] }),
    );
  });
});

describe('bazar parsing and figures', () => {
  it('counts: whole numbers ≥ 0, Indonesian thousands accepted', () => {
    expect(parseJumlah('45')).toBe(45);
    expect(parseJumlah(' 1.234 ')).toBe(1234);
    expect(parseJumlah('0')).toBe(0);
    expect(parseJumlah('-3')).toBe('jumlah dilayani tidak boleh negatif (-3)');
    expect(parseJumlah('2,5')).toMatch(/bukan bilangan bulat/);
    expect(parseJumlah('12.5')).toMatch(/bukan bilangan bulat/);
    expect(parseJumlah('')).toBe('jumlah dilayani kosong');
    expect(parseJumlah(3.5)).toMatch(/bilangan bulat/);
  });

  it('statuses and jenis accept natural variants', () => {
    expect(parseStatusPartisipasi('Tidak Hadir')).toBe('tidak-hadir');
    expect(parseStatusPartisipasi('tidak_hadir')).toBe('tidak-hadir');
    expect(parseStatusPartisipasi('HADIR')).toBe('hadir');
    expect(parseStatusPartisipasi('mungkin')).toBeNull();
    expect(parseStatusAcara('Selesai')).toBe('terlaksana');
    expect(parseJenisInstansi('TNI/Polri')).toBe('tni-polri');
    expect(parseJenisInstansi('Fasilitas kesehatan')).toBe('kesehatan');
    expect(parseJenisInstansi('bank')).toBeNull();
  });

  it('agency validation: services split, trimmed, no duplicates; phone numbers checked', () => {
    expect(splitLayanan(' Perekaman KTP-el ;  KK | Akta kelahiran ;; ')).toEqual(['Perekaman KTP-el', 'KK', 'Akta kelahiran']);
    const ok = checkInstansi({ nama: '  Polsek   Mayangan ', jenis: 'polri', layanan: ['SKCK'], kontak_telepon: '+62 812-3456-7890' });
    expect(ok).toEqual({ ok: true, value: { nama: 'Polsek Mayangan', singkatan: null, jenis: 'tni-polri', kontak_nama: null, kontak_telepon: '+62 812-3456-7890', catatan: null, layanan: ['SKCK'] } });
    const bad = checkInstansi({ nama: '', jenis: 'x', layanan: ['SKCK', 'skck'], kontak_telepon: 'telp kantor' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['nama', 'jenis', 'layanan', 'kontak_telepon']);
  });

  it('rates, axis and metadata date', () => {
    expect(rasio(2, 3)).toBe(0.6667);
    expect(rasio(12, 15)).toBe(0.8);
    expect(rasio(0, 0)).toBeNull();
    expect([0, 7, 10, 11, 150, 201, 999, 1001, 20567].map(niceMax)).toEqual([10, 8, 10, 15, 150, 250, 1000, 1500, 25000]);
    expect(metadataDate('2025-10-11 09:30:00')?.toISOString()).toBe('2025-10-11T09:30:00.000Z');
    expect(metadataDate(null)).toBeUndefined();
  });
});

describe('bazar chart', () => {
  const acara = (tanggal: string, status: 'terlaksana' | 'batal' | 'rencana', dilayani: number) => ({ id: 0, tanggal, tempat: 'x', tema: null, status, diundang: 4, hadir: 3, tingkat_kehadiran: 0.75, dilayani });
  const lap = (a: ReturnType<typeof acara>[]) => ({ acara: a }) as unknown as LaporanTahun;

  it('one bar per event for a Mayangan-style year; cancelled events show their status', () => {
    const c = chartBars(lap([acara('2025-02-15', 'terlaksana', 105), acara('2025-06-14', 'batal', 0)]));
    expect(c.title).toBe('Warga dilayani per acara');
    expect(c.bars).toEqual([
      { label: '15 Feb', sub: 'hadir 3 dari 4', value: 105, note: 'terlaksana' },
      { label: '14 Jun', sub: '', value: null, note: 'batal' },
    ]);
  });

  it('one bar per month when events are held (almost) daily, like a Mal Pelayanan Publik', () => {
    const days = ['2025-01-06', '2025-01-07', '2025-01-08', '2025-03-03', '2025-03-04', ...Array.from({ length: 10 }, (_, i) => `2025-05-${String(i + 5).padStart(2, '0')}`)];
    const c = chartBars(lap([...days.map((d) => acara(d, 'terlaksana', 10)), acara('2025-05-30', 'batal', 0)]));
    expect(c.title).toBe('Warga dilayani per bulan');
    expect(c.bars).toHaveLength(12);
    expect(c.bars[0]).toEqual({ label: 'Jan', sub: '3 acara', value: 30 });
    expect(c.bars[1]).toEqual({ label: 'Feb', sub: '0 acara', value: null });
    expect(c.bars[4]).toEqual({ label: 'Mei', sub: '10 acara', value: 100 });
  });
});

describe('bazar services: identity, typos, item-by-item list edits, implausible counts', () => {
  it('one service whatever the case, spacing and punctuation', () => {
    expect(layananKey('Perekaman KTP-el')).toBe(layananKey(' perekaman  ktp el '));
    expect(layananKey('SKCK')).not.toBe(layananKey('SKTM'));
  });

  it('a typo of an existing service is found; short names and different services are not', () => {
    const list = ['Pemeriksaan kesehatan', 'Imunisasi', 'SKTM', 'Akta kelahiran'];
    expect(layananMirip('Imunisai', list)).toBe('Imunisasi');
    expect(layananMirip('Pemeriksaan kesehatn', list)).toBe('Pemeriksaan kesehatan');
    expect(layananMirip('SKCK', list)).toBeNull();
    expect(layananMirip('Akta kematian', list)).toBeNull();
    expect(layananMirip('Imunisasi', list)).toBeNull();
  });

  it('--tambah/--hapus edit one item (README "Lists, item by item")', () => {
    const cur = ['Pemeriksaan kesehatan', 'Pengobatan gratis'];
    const ubah = (tambah: string[], hapus: string[] = []) => applyListEdit(cur, { bendera: 'layanan', tambah, hapus }, 'Pusk. Jati');
    expect(ubah(['Imunisasi'])).toEqual({ value: [...cur, 'Imunisasi'], peringatan: [] });
    expect(ubah([], ['pengobatan  GRATIS'])).toEqual({ value: ['Pemeriksaan kesehatan'], peringatan: [] });
    // Adding what is already there (punctuation aside) changes nothing: a script may run twice.
    expect(ubah(['pemeriksaan-kesehatan'])).toEqual({ value: cur, peringatan: [] });
    const typo = applyListEdit(['Imunisasi'], { bendera: 'layanan', tambah: ['Imunisai'], hapus: [] }, 'Pusk. Jati');
    expect(typo.value).toEqual(['Imunisasi', 'Imunisai']);
    expect(typo.peringatan[0]).toMatch(/"Imunisai" ditambahkan .* mirip "Imunisasi"/);
    expect(() => ubah([], ['Pemeriksaan kesehatn'])).toThrow(
      '--hapus-layanan "Pemeriksaan kesehatn": tidak ada di daftar layanan Pusk. Jati (isinya sekarang: "Pemeriksaan kesehatan", "Pengobatan gratis"). Mungkin maksud Anda: "Pemeriksaan kesehatan"?',
    );
    expect(() => ubah([' '])).toThrow(/--tambah-layanan: isian kosong/);
  });

  it('a service brought on the day is new; its typo is refused with a suggestion', () => {
    const pusk = { id: 1, nama: 'Puskesmas Jati', singkatan: 'Pusk. Jati', layanan: [{ nama: 'Pemeriksaan kesehatan', layanan_slug: null }] } as unknown as Instansi;
    expect(layananInstansi(pusk, 'pemeriksaan KESEHATAN')).toEqual({ nama: 'Pemeriksaan kesehatan', baru: false });
    expect(layananInstansi(pusk, 'Imunisasi')).toEqual({ nama: 'Imunisasi', baru: true });
    // Recorded earlier for this event: the stored spelling is kept.
    expect(layananInstansi(pusk, 'imunisasi', ['Imunisasi'])).toEqual({ nama: 'Imunisasi', baru: true });
    expect(layananInstansi(pusk, 'Imunisai', ['Imunisasi'])).toMatchObject({ error: expect.stringMatching(/mirip "Imunisasi".*--tambah-layanan "Imunisai"/) });
    expect(layananInstansi({ ...pusk, layanan: [] } as Instansi, 'layanan umum')).toEqual({ nama: 'Layanan umum', baru: false });
  });

  it('a count above what one agency serves in a day is warned about, with the number', () => {
    const i = { nama: 'Puskesmas Jati', singkatan: 'Pusk. Jati' };
    expect(peringatanJumlah(i, 'Imunisasi', BATAS_WAJAR_DILAYANI)).toBeNull();
    expect(peringatanJumlah(i, 'Imunisasi', 1_000_000)).toMatch(/^Pusk\. Jati, Imunisasi: 1\.000\.000 warga dilayani jauh di atas .* \(lebih dari 2\.000\)/);
  });

  it("'lainnya' is its own jenis, never stored as another", () => {
    expect(parseJenisInstansi('Lainnya')).toBe('lainnya');
    expect(parseJenisInstansi('lain-lain')).toBe('lainnya');
    expect(parseJenisInstansi('umkm')).toBe('umkm');
    expect(parseJenisInstansi('UMKM/lainnya')).toBeNull();
    expect(checkInstansi({ nama: 'Bank Jatim', jenis: 'lainnya' })).toMatchObject({ ok: true, value: { jenis: 'lainnya' } });
  });
});

describe('bazar series for venues open every week or working day', () => {
  const libur: Libur[] = [
    { tanggal: '2026-01-01', nama: 'Tahun Baru', jenis: 'libur' },
    { tanggal: '2026-01-16', nama: 'Isra Mikraj', jenis: 'libur' },
    { tanggal: '2026-01-19', nama: 'contoh cuti bersama', jenis: 'cuti-bersama' },
  ];

  it('every Monday, holidays skipped (not moved); every second week keeps its rhythm', () => {
    const r = usulanSeri({ tahun: 2026, pola: { jenis: 'minggu', hari: 1, setiap: 1 }, mulaiBulan: 1, libur });
    expect(r.usulan.slice(0, 3).map((u) => u.tanggal)).toEqual(['2026-01-05', '2026-01-12', '2026-01-26']);
    expect(r.dilewati[0]).toEqual({ tanggal: '2026-01-19', alasan: 'contoh cuti bersama' });
    expect(r.usulan).toHaveLength(51);
    const dua = usulanSeri({ tahun: 2026, pola: { jenis: 'minggu', hari: 1, setiap: 2 }, mulaiBulan: 1, libur, hindariCutiBersama: false });
    expect(dua.usulan.slice(0, 3).map((u) => u.tanggal)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
  });

  it('every working day of the year, minus holidays and days that already have an event', () => {
    const r = usulanSeri({ tahun: 2026, pola: { jenis: 'hari-kerja' }, mulaiBulan: 12, libur, sudahAda: ['2026-12-01'] });
    expect(r.usulan[0].tanggal).toBe('2026-12-02');
    expect(r.usulan).toHaveLength(22);
    expect(r.dilewati).toEqual([{ tanggal: '2026-12-01', alasan: 'sudah ada acara' }]);
    const jan = usulanSeri({ tahun: 2026, pola: { jenis: 'hari-kerja' }, mulaiBulan: 1, libur }).usulan.filter((u) => u.bulan === 'Januari 2026');
    // 22 working days in January 2026, minus 1, 16 and 19 January.
    expect(jan).toHaveLength(19);
    expect(() => usulanSeri({ tahun: 2026, pola: { jenis: 'minggu', hari: 1, setiap: 0 }, mulaiBulan: 1, libur })).toThrow(/--setiap-minggu harus 1 sampai 26/);
  });
});
