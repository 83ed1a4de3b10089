/**
 * The kabupaten tables as plain cells (src/ikm/tabel.ts's Tabel), so the terminal, the CSV
 * (`paten kabupaten ikm --csv`) and the PDF report (src/kabupaten/laporan-pdf.ts) print the same
 * rows: the ranking, per unsur across kecamatan, the weakest unsur per kecamatan, per layanan and
 * the trend.
 */
import type { Isi, Tabel } from '../ikm/tabel.js';
import { terlemahDari, type BelumMengirim, type IkmKabupaten, type IkmLayananKabupaten, type NilaiUnsur, type TrenKabupaten, type Ujung } from './ikm.js';

const num = (v: number, d = 2, tanda = false): Isi => ({ v, d, tanda });
const nama = (u: Ujung | null) => (u ? u.kecamatan.join(', ') : '');
const kode = (xs: NilaiUnsur[]) => xs.map((x) => x.kode).join(', ');

/** One row per kecamatan, ranked; with `kabupaten`, the two kabupaten lines under it (CSV); `kosong`: a change without last year's packet. */
export function tabelPeringkat(r: IkmKabupaten, opts: { kabupaten?: boolean; kosong?: string } = {}): Tabel {
  const kodes = r.gabungan.unsur.map((u) => u.kode);
  const header = ['Peringkat', 'Kecamatan', 'Kode wilayah', 'Responden', 'IKM', 'Mutu', ...kodes, 'Unsur terendah'];
  if (r.banding !== null) header.push(`Perubahan dari ${r.banding}`);
  const rows: Isi[][] = r.baris.map((b) => {
    const row: Isi[] = [b.peringkat, b.kecamatan, b.kode_wilayah ?? '', b.responden, num(b.hasil.konversi), b.hasil.mutu, ...b.hasil.unsur.map((u) => num(u.konversi)), kode(b.terlemah)];
    if (r.banding !== null) row.push(b.perubahan ? num(b.perubahan.poin, 2, true) : (opts.kosong ?? ''));
    return row;
  });
  if (opts.kabupaten) {
    const g = r.gabungan;
    const pad = r.banding !== null ? [''] : [];
    rows.push(['', 'Kabupaten: semua responden', '', g.responden, num(g.konversi), g.mutu, ...g.unsur.map((u) => num(u.konversi)), kode(terlemahDari(g)), ...pad]);
    rows.push(['', `Kabupaten: rata-rata ${r.rerata.kecamatan} kecamatan`, '', '', num(r.rerata.konversi), r.rerata.mutu, ...kodes.map(() => ''), '', ...pad]);
  }
  return { header, rows, angka: [0, 3, 4, ...kodes.map((_, i) => 6 + i), ...(r.banding !== null ? [header.length - 1] : [])] };
}

/** The ranking for the terminal: without the code column, unsur as U1..U9. */
export function tabelPeringkatRingkas(r: IkmKabupaten): Tabel {
  const t = tabelPeringkat(r, { kosong: '–' });
  const drop = 2;
  return {
    header: ['#', ...t.header.slice(1, drop), ...t.header.slice(drop + 1).map((h) => (h === 'Unsur terendah' ? 'Terendah' : h.startsWith('Perubahan dari') ? `Δ ${r.banding}` : h))],
    rows: t.rows.map((row) => [...row.slice(0, drop), ...row.slice(drop + 1)]),
    angka: t.angka.map((i) => (i > drop ? i - 1 : i)),
  };
}

/** Per unsur across kecamatan: the kabupaten value, the lowest and highest kecamatan, where it is the weakest. */
export function tabelUnsurKabupaten(r: IkmKabupaten): Tabel {
  return {
    header: ['Kode', 'Unsur pelayanan', 'Kabupaten', 'Mutu', 'Terendah di', 'Nilai terendah', 'Tertinggi di', 'Nilai tertinggi', 'Unsur terendah di (kecamatan)'],
    rows: r.unsur.map((u) => [u.kode, u.nama, num(u.kabupaten.konversi), u.kabupaten.mutu, nama(u.terendah), num(u.terendah.konversi), nama(u.tertinggi), num(u.tertinggi.konversi), u.terlemah_di.length]),
    angka: [2, 5, 7, 8],
  };
}

/** The weakest unsur of each kecamatan, in ranking order. */
export function tabelTerlemah(r: IkmKabupaten): Tabel {
  return {
    header: ['Peringkat', 'Kecamatan', 'IKM', 'Unsur terendah', 'Nilai unsur', 'Mutu unsur'],
    rows: r.baris.map((b) => [b.peringkat, b.kecamatan, num(b.hasil.konversi), b.terlemah.map((t) => `${t.kode} ${t.nama}`).join('; '), num(b.terlemah[0].konversi), b.terlemah[0].mutu]),
    angka: [0, 2, 4],
  };
}

export function tabelLayanan(l: IkmLayananKabupaten): Tabel {
  return {
    header: ['Layanan', 'Kecamatan', 'Responden', 'IKM', 'Mutu', 'Terendah di', 'Nilai terendah', 'Tertinggi di', 'Nilai tertinggi'],
    rows: l.baris.map((b) => [
      b.layanan,
      b.kecamatan,
      b.responden,
      b.hasil ? num(b.hasil.konversi) : 'tidak lengkap',
      b.hasil?.mutu ?? '',
      nama(b.terendah),
      b.terendah ? num(b.terendah.konversi) : '',
      nama(b.tertinggi),
      b.tertinggi ? num(b.tertinggi.konversi) : '',
    ]),
    angka: [1, 2, 3, 6, 8],
  };
}

export function tabelTren(t: TrenKabupaten): Tabel {
  return {
    header: ['Tahun', 'Kecamatan', 'Responden', 'IKM (semua responden)', 'Mutu', 'Rata-rata IKM kecamatan'],
    rows: t.kabupaten.map((k) => [String(k.tahun), k.kecamatan, k.responden, num(k.konversi), k.mutu, num(k.rerata)]),
    angka: [1, 2, 3, 5],
  };
}

/** Kecamatan × year; with `kabupaten`, the two kabupaten lines under it (CSV, where a year without packet is blank, not "-"). */
export function tabelTrenKecamatan(t: TrenKabupaten, opts: { kabupaten?: boolean; kosong?: string } = {}): Tabel {
  const rows: Isi[][] = t.kecamatan.map((k) => [k.kecamatan, ...k.konversi.map((v) => (v === null ? (opts.kosong ?? '-') : num(v)))]);
  if (opts.kabupaten) {
    rows.push(['Kabupaten: semua responden', ...t.kabupaten.map((k) => num(k.konversi))]);
    rows.push(['Kabupaten: rata-rata kecamatan', ...t.kabupaten.map((k) => num(k.rerata))]);
  }
  return { header: ['Kecamatan', ...t.tahun.map(String)], rows, angka: t.tahun.map((_, i) => i + 1) };
}

/** Lines saying who has not sent a packet for the year (empty when everyone known has). */
export function kalimatBelumMengirim(b: BelumMengirim): string[] {
  const out: string[] = [];
  if (b.kecamatan.length)
    out.push(`Kecamatan yang mengirim paket tahun lain tetapi belum untuk tahun ${b.tahun}: ${b.kecamatan.map((k) => `${k.kecamatan} (${k.tahun_lain.join(', ')})`).join(', ')}.`);
  if (b.kode && b.kode.length)
    out.push(
      `Kode kecamatan yang belum pernah mengirim paket: ${rentangKode(b.kode).join(', ')} ` +
        `(nomor yang tidak ada dalam urutan kode wilayah sampai kode tertinggi yang dimuat; nama kecamatannya tidak tercatat di basis data kabupaten ini).`,
    );
  return out;
}

/** 35.16.01, 35.16.02, 35.16.03, 35.16.05 → 35.16.01–35.16.03, 35.16.05. */
export function rentangKode(kode: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < kode.length) {
    let j = i;
    const n = (k: string) => Number(k.slice(-2));
    while (j + 1 < kode.length && n(kode[j + 1]) === n(kode[j]) + 1) j++;
    out.push(j > i ? `${kode[i]}–${kode[j]}` : kode[i]);
    i = j + 1;
  }
  return out;
}
