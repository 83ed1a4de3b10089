/** The report's tables as CSV (plain numbers), one table per file: `paten report ikm --format csv`. */
import { toFixedHalfUp } from '../core/format.js';
import { UNSUR_KEYS } from '../skm/unsur.js';
import { isiWaktu, type LaporanIkm } from './laporan.js';
import { isiPolos, tabelBanding, tabelKelompok, tabelUnsur, type Tabel } from './tabel.js';

export interface CsvLaporan {
  nama: string;
  header: string[];
  /** An array, or (olah-data: one row per respondent) rows produced while the file is written. */
  rows: Iterable<(string | number)[]>;
}

const polos = (nama: string, t: Tabel) => ({ nama, header: t.header, rows: t.rows.map((r) => r.map(isiPolos)) });

export function tabelLaporanCsv(l: LaporanIkm): CsvLaporan[] {
  const a = l.analisis;
  const h = a.utama.hasil;
  const unsur = polos('unsur', tabelUnsur(h));
  unsur.rows.push(['IKM', 'IKM unit pelayanan', h.responden, '', '', h.ikm.toFixed(4), h.konversi.toFixed(2), h.mutu, h.kinerja]);
  const out: CsvLaporan[] = [
    unsur,
    {
      nama: 'responden',
      header: ['Karakteristik', 'Indikator', 'Jumlah', 'Persentase'],
      rows: l.profilResponden.map((r) => [r.karakteristik, r.indikator, r.jumlah, toFixedHalfUp(r.persen * 100, 2)]),
    },
    {
      nama: 'sampel',
      header: ['Periode', 'Populasi', 'Sampel minimum', 'Responden', 'Keterangan', 'Interval 95% bawah', 'Interval 95% atas'],
      rows: [[
        a.utama.periode.label,
        a.utama.sampel.populasi ?? '',
        a.utama.sampel.minimum ?? '',
        a.utama.sampel.responden,
        a.utama.sampel.keterangan,
        a.utama.interval ? toFixedHalfUp(a.utama.interval.bawah, 2) : '',
        a.utama.interval ? toFixedHalfUp(a.utama.interval.atas, 2) : '',
      ]],
    },
    {
      nama: 'saran',
      header: ['Kode unsur', 'Unsur', 'Saran'],
      rows: l.daftarSaran(),
    },
    {
      nama: 'tindak-lanjut',
      header: ['No', 'Prioritas unsur', 'Program/kegiatan', 'TW I', 'TW II', 'TW III', 'TW IV', 'Penanggung jawab'],
      rows: l.tindakLanjut.map((t) => [t.no, t.unsur, t.program, ...[0, 1, 2, 3].map((q) => isiWaktu(t, q)), t.penanggungJawab]),
    },
    {
      nama: 'tren',
      header: ['Tahun', 'Responden', 'IKM', 'Mutu'],
      rows: l.tren.map((t) => [t.tahun, t.responden, t.konversi === null ? '' : t.konversi.toFixed(2), t.mutu ?? '']),
    },
  ];
  out.push(olahData(l));
  if (a.kelompok) out.push(polos('periode', tabelKelompok(a, a.kelompok.baris, { perUnsur: true })));
  if (a.banding) out.push(polos('banding', tabelBanding(a)));
  return out;
}

/**
 * The processing sheet of the regulation ("pengolahan data per responden dan per unsur"): one row
 * per respondent with U1..U9, then Σ, n, NRR, NRR tertimbang and the IKM, so every figure of the
 * report can be re-added by hand or in Excel.
 */
function olahData(l: LaporanIkm): CsvLaporan {
  const h = l.analisis.utama.hasil;
  return { nama: 'olah-data', header: ['No responden', 'Tanggal', 'Layanan', ...h.unsur.map((u) => u.kode)], rows: barisOlahData(l) };
}

function* barisOlahData(l: LaporanIkm): Generator<(string | number)[]> {
  const h = l.analisis.utama.hasil;
  const idx = h.unsur.map((u) => UNSUR_KEYS.indexOf(u.key));
  let no = 0;
  for (const r of l.olahData()) yield [++no, r.tanggal, r.layanan ?? '', ...idx.map((j) => r.nilai[j] ?? '')];
  yield ['Jumlah nilai', '', '', ...h.unsur.map((u) => u.jumlah)];
  yield ['Jumlah jawaban (n)', '', '', ...h.unsur.map((u) => u.n)];
  yield ['NRR', '', '', ...h.unsur.map((u) => u.nrr.toFixed(4))];
  yield ['NRR tertimbang', '', '', ...h.unsur.map((u) => u.nrr_tertimbang.toFixed(4))];
  yield ['Konversi (NRR x 25)', '', '', ...h.unsur.map((u) => u.konversi.toFixed(2))];
  yield ['IKM unit pelayanan', '', '', h.ikm.toFixed(4)];
  yield ['IKM konversi (x 25)', '', '', h.konversi.toFixed(2), h.mutu, h.kinerja];
}
