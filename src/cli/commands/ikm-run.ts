/**
 * What `paten ikm` does once its flags are parsed (and the helpers `paten report ikm` shares). Kept
 * apart from ikm.ts, which only defines the flags, so `paten ikm --help` loads none of the IKM
 * code (bench/startup.bench.mjs).
 */
import type { Command } from 'commander';
import { context } from '../context.js';
import { c, info, print, printJson, renderTable, warn } from '../output.js';
import { UserError } from '../../core/errors.js';
import { formatAngka, formatTanggal } from '../../core/format.js';
import { analisisIkm, type IkmAnalisis, type IkmPermintaan, type PerArg } from '../../ikm/analisis.js';
import { parseDecimal, type Bobot } from '../../ikm/hitung.js';
import { parseTahunArg } from '../../ikm/periode.js';
import { analisisJson, isiPolos, isiTeks, tabelBanding, tabelKelompok, tabelUnsur, type Tabel } from '../../ikm/tabel.js';
import { emitCsv, parseDelimiter, parseIntArg } from './common.js';
import type { IkmFlags } from './ikm.js';

export function permintaanDari(o: IkmFlags): IkmPermintaan {
  const q: IkmPermintaan = { periode: o.periode, dari: o.dari, sampai: o.sampai, layanan: o.layanan };
  if (o.tahun !== undefined) q.tahun = parseTahunArg(o.tahun);
  if (o.banding !== undefined) q.banding = parseTahunArg(o.banding, '--banding');
  if (o.populasi !== undefined) q.populasi = parseIntArg(o.populasi, '--populasi', { min: 1 });
  if (o.per !== undefined) {
    const per = o.per.trim().toLowerCase();
    if (!['layanan', 'desa', 'sumber', 'periode'].includes(per))
      throw new UserError(`Nilai --per "${o.per}" tidak dikenal: pakai layanan, desa, sumber atau periode.`);
    q.per = per as PerArg;
  }
  q.bobot = parseBobot(o.bobot);
  return q;
}

function parseBobot(v: string | undefined): Bobot {
  if (v === undefined) return 'tepat';
  const t = v.trim();
  if (t === '1/9') return 'tepat';
  const f = parseDecimal(t);
  if (f && f.p * 1000n === 111n * f.q) return 'lama';
  throw new UserError(`Nilai --bobot "${v}" tidak dikenal: pakai 1/9 (bawaan) atau 0.111.`);
}

function render(t: Tabel): string {
  return renderTable(t.header, t.rows.map((r) => r.map(isiTeks)), { right: t.angka });
}

export function tulisCsv(t: Tabel, out: string | undefined, pemisah: string | undefined, what: string): void {
  emitCsv(t.header, t.rows.map((r) => r.map(isiPolos)), out, parseDelimiter(pemisah), what);
}

function fmt(x: number): string {
  return formatAngka(x, 2);
}

/** The headline lines under the per-unsur table. */
export function ringkasan(p: IkmAnalisis['utama']): string[] {
  const h = p.hasil;
  const lines = [
    `IKM unit pelayanan = jumlah NRR tertimbang = ${formatAngka(h.ikm, 4)}; × 25 = ${c.bold(fmt(h.konversi))}  Mutu ${c.bold(h.mutu)} (${h.kinerja})`,
  ];
  if (p.interval) lines.push(`Interval kepercayaan 95%: ${fmt(p.interval.bawah)} – ${fmt(p.interval.atas)}`);
  const s = p.sampel;
  lines.push(
    s.populasi === null
      ? `Responden ${formatAngka(s.responden)}; populasi belum diketahui, sampel minimum tidak dapat dinilai (--populasi atau \`paten survey populasi ${p.periode.tahun ?? 'TAHUN'} JUMLAH\`)`
      : `Responden ${formatAngka(s.responden)}; populasi ${formatAngka(s.populasi)} → sampel minimum ${formatAngka(s.minimum!)} (Krejcie & Morgan): ${s.keterangan}`,
  );
  lines.push(kalimatBobot(h.bobot));
  return lines;
}

/** The weight used, said in every output (the legacy 0,111 lowers the IKM slightly). */
function kalimatBobot(bobot: string): string {
  return bobot === 'tepat' ? 'Bobot per unsur 1/9 (tepat).' : 'Bobot per unsur 0,111 (cara spreadsheet lama; hasilnya sedikit lebih rendah daripada bobot tepat 1/9).';
}

function judul(a: IkmAnalisis, p: IkmAnalisis['utama']): string {
  const lay = a.layanan ? ` · layanan ${a.layanan.nama}` : '';
  return c.bold(`IKM ${a.kecamatan} · ${p.periode.label}`) + (p.periode.setahun || p.periode.ke === null ? '' : c.dim(` (${formatTanggal(p.periode.dari)} – ${formatTanggal(p.periode.sampai)})`)) + lay;
}

export type IkmOpsi = IkmFlags & { csv?: boolean; out?: string; pemisah?: string; tanpaInterval?: boolean };

export function runIkm(o: IkmOpsi, command: Command): void {
  const ctx = context(command);
  const q = permintaanDari(o);
  q.tanpaInterval = !!o.tanpaInterval;
  const a = analisisIkm(ctx.db(), q);
  if (ctx.json) return printJson(analisisJson(a));
  if (o.csv) {
    if (a.banding) return tulisCsv(tabelBanding(a), o.out, o.pemisah, 'Perbandingan IKM');
    if (a.kelompok) return tulisCsv(tabelKelompok(a, a.kelompok.baris, { perUnsur: true }), o.out, o.pemisah, 'IKM per kelompok');
    return tulisCsv(tabelUnsur(a.utama.hasil), o.out, o.pemisah, 'IKM per unsur');
  }
  if (o.out) throw new UserError('--out hanya dipakai bersama --csv.', { hint: 'Untuk laporan PDF: paten report ikm --out laporan.pdf' });

  if (a.banding) {
    const b = a.banding;
    print(c.bold(`Perbandingan IKM ${a.kecamatan}: ${b.lama.periode.label} → ${b.baru.periode.label}`) + (a.layanan ? ` · layanan ${a.layanan.nama}` : ''));
    print(render(tabelBanding(a)));
    print();
    print(`Responden: ${formatAngka(b.lama.hasil.responden)} (${b.lama.periode.label}), ${formatAngka(b.baru.hasil.responden)} (${b.baru.periode.label})`);
    for (const p of [b.lama, b.baru])
      if (p.interval) print(`Interval kepercayaan 95% ${p.periode.label}: ${fmt(p.interval.bawah)} – ${fmt(p.interval.atas)}`);
    if (b.uji) {
      const arah = b.uji.selisih >= 0 ? 'naik' : 'turun';
      print(
        `Selisih IKM ${isiTeks({ v: b.ikm.perubahan.poin, d: 2, tanda: true })} poin (interval 95% ${fmt(b.uji.bawah)} s.d. ${fmt(b.uji.atas)}): ` +
          (b.uji.nyata ? `IKM benar-benar ${arah}, bukan kebetulan sampel.` : 'perubahan ini masih dalam batas kebetulan sampel.'),
      );
    }
    if (b.baru.hasil.bobot !== 'tepat') print(kalimatBobot(b.baru.hasil.bobot));
  } else {
    const p = a.utama;
    print(judul(a, p));
    print(render(tabelUnsur(p.hasil)));
    print();
    for (const line of ringkasan(p)) print(line);
    if (p.sampel.sesuai === false)
      warn(`Jumlah responden ${formatAngka(p.sampel.responden)} belum memenuhi sampel minimum ${formatAngka(p.sampel.minimum!)} untuk populasi ${formatAngka(p.sampel.populasi!)}.`);
  }

  if (a.tanpaTanggal) warn(`${formatAngka(a.tanpaTanggal)} jawaban tanpa tanggal tidak dihitung di periode mana pun.`);
  if (a.kelompok) {
    print();
    const per = a.kelompok.per === 'periode' ? `per ${a.kelompok.satuan}` : `per ${a.kelompok.per}${a.kelompok.satuan ? ` per ${a.kelompok.satuan}` : ''}`;
    print(c.bold(`IKM ${per}, ${a.utama.periode.label}`));
    print(render(tabelKelompok(a, a.kelompok.baris)));
    const kurang = a.kelompok.baris.filter((b) => !b.hasil).length;
    if (kurang) info(c.dim(`${kurang} kelompok "tidak lengkap": ada unsur tanpa jawaban, IKM-nya tidak dihitung.`));
  }
}
