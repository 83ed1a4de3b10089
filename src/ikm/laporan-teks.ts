/**
 * The fixed prose of the Laporan Hasil SKM, as the PermenPANRB 14/2017 template words it: the
 * background, the legal basis, aims, method and the sample-size rule. Kept apart from the drawing
 * (src/ikm/laporan-pdf.ts) so that a change of regulation or wording is a change of this file only,
 * and so other renderers (HTML) can print the same text.
 */
import { formatAngka } from '../core/format.js';
import type { Bobot, Kecukupan } from './hitung.js';

export function latarBelakang(unit: string, layanan: string, periode: string): string[] {
  return [
    `Pelayanan publik yang baik adalah hak masyarakat dan kewajiban penyelenggara. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan ` +
      `penyelenggara pelayanan untuk mengikutsertakan masyarakat dalam menilai kinerja pelayanan. Peraturan Menteri PANRB Nomor 14 Tahun 2017 menetapkan ` +
      `Survei Kepuasan Masyarakat (SKM) sebagai cara penilaian itu dan mewajibkan penyelenggara melakukannya secara berkala, minimal satu kali setahun.`,
    `${unit} menyelenggarakan Pelayanan Administrasi Terpadu Kecamatan (PATEN). Untuk mengetahui tingkat kepuasan masyarakat penerima layanan${layanan} ` +
      `pada ${periode}, ${unit} melaksanakan SKM terhadap sembilan unsur pelayanan. Hasilnya menjadi bahan evaluasi dan perbaikan mutu pelayanan, ` +
      `dan dipublikasikan kepada masyarakat sesuai prinsip transparan.`,
  ];
}

export const DASAR_HUKUM = [
  'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
  'Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
  'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.',
];

export const maksud = (unit: string) => `Maksud pelaksanaan SKM adalah mengukur tingkat kepuasan masyarakat sebagai pengguna layanan di ${unit}. Tujuannya:`;

export const TUJUAN = [
  'mengetahui kelemahan dan kelebihan penyelenggaraan pelayanan pada setiap unsur;',
  'mengetahui Indeks Kepuasan Masyarakat (IKM) unit pelayanan dan mutu pelayanannya;',
  'menyusun rencana tindak lanjut perbaikan pelayanan berdasarkan hasil survei dan saran masyarakat;',
  'mendorong partisipasi masyarakat dalam menilai kinerja pelayanan.',
];

export const pelaksana = (unit: string) => `SKM dilaksanakan secara mandiri oleh ${unit} dengan membentuk tim pelaksana dari pegawai kecamatan.`;

export const METODE =
  `Data dikumpulkan dengan kuesioner yang diisi sendiri oleh penerima layanan (formulir kertas dan/atau formulir elektronik). Kuesioner memuat ` +
  `sembilan unsur pelayanan sesuai PermenPANRB 14/2017, masing-masing dengan empat pilihan jawaban bernilai 1 (tidak baik) sampai 4 (sangat baik):`;

export function rumus(bobot: Bobot): string {
  return (
    'Nilai rata-rata (NRR) tiap unsur adalah jumlah nilai dibagi jumlah jawaban yang terisi pada unsur itu (jawaban kosong tidak dihitung). ' +
    `NRR tertimbang = NRR × ${bobot === 'tepat' ? 'bobot 1/9 (tepat)' : 'bobot 0,111 (cara spreadsheet lama)'}; IKM unit pelayanan = jumlah NRR tertimbang; ` +
    'nilai konversi = IKM × 25. Pembulatan hanya untuk tampilan (setengah ke atas), mutu ditentukan dari nilai konversi dua desimal.'
  );
}

export const lokasi = (unit: string, alamat: string | null) => `Data dikumpulkan di Kantor ${unit}${alamat ? `, ${alamat}` : ''}, dan melalui formulir daring bagi penerima layanan.`;

/** The sample-size paragraph (Krejcie and Morgan, as the template asks). */
export function sampel(s: Kecukupan): string {
  if (s.populasi === null)
    return `Jumlah populasi penerima layanan pada periode ini belum dicatat, sehingga kecukupan sampel belum dapat dinilai. Jumlah responden yang terkumpul adalah ${formatAngka(s.responden)} orang.`;
  return (
    `Jumlah populasi penerima layanan (N) pada periode ini adalah ${formatAngka(s.populasi)} orang. Berdasarkan tabel Krejcie dan Morgan ` +
    `(rumus s = X² N P(1-P) / (d² (N-1) + X² P(1-P)) dengan X² = 3,841, P = 0,5 dan d = 0,05, dibulatkan ke bilangan terdekat), jumlah sampel minimum adalah ` +
    `${formatAngka(s.minimum!)} responden. Jumlah responden yang terkumpul adalah ${formatAngka(s.responden)} orang, sehingga jumlah responden ` +
    (s.sesuai ? 'telah sesuai dengan jumlah sampel minimum.' : 'belum sesuai (belum memenuhi) jumlah sampel minimum; hasil survei perlu dibaca dengan hati-hati.')
  );
}

export const penutup = (unit: string, periode: string) =>
  `Demikian laporan hasil Survei Kepuasan Masyarakat ${unit} ${periode} ini disusun sebagai bahan evaluasi dan perbaikan pelayanan publik.`;

export const FKP_DIISI = 'Rencana tindak lanjut berikut disusun berdasarkan hasil survei dan dibahas dalam Forum Konsultasi Publik (FKP) bersama perwakilan pengguna layanan.';
export const FKP_KOSONG =
  'Rencana tindak lanjut dibahas dalam Forum Konsultasi Publik (FKP) bersama perwakilan pengguna layanan pada tanggal ..................... . ' +
  'Tabel berikut memuat unsur prioritas (tiga nilai terendah); kolom program/kegiatan, waktu dan penanggung jawab diisi sesuai hasil FKP.';
