/**
 * The SKM results page for the kecamatan's website (`paten report ikm --format html`): one
 * self-contained HTML file (inline CSS and SVG, no script, no font or image to fetch), built by a
 * pure function from the same LaporanIkm the PDF report prints. It is written for a phone first
 * (that is how residents open a link) and widens on a desktop; it prints on A4 without the page
 * chrome. Every text from the data goes through esc(): a layanan named "<script>" shows as text.
 */
import type { Db } from '../db/index.js';
import { formatAngka, formatPersen, formatTanggal } from '../core/format.js';
import { unsur as unsurByKey } from '../skm/unsur.js';
import { INTERVAL, type HasilUnsur, type Mutu } from './hitung.js';
import { susunLaporan, type LaporanIkm, type LaporanPermintaan } from './laporan.js';
import { tahunTersedia } from './store.js';

export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The report's content for the page: like the PDF's, but compared with the previous year by
 * default when that year has answers (residents ask "better or worse than last year?").
 */
export function susunHalaman(db: Db, q: LaporanPermintaan): LaporanIkm {
  const dulu = q.tahun !== undefined ? q.tahun - 1 : undefined;
  const banding = q.banding ?? (dulu !== undefined && tahunTersedia(db).includes(dulu) ? dulu : undefined);
  return susunLaporan(db, { ...q, banding });
}

const WARNA: Record<Mutu, { pita: string; tegas: string }> = {
  A: { pita: '#d7f0dd', tegas: '#1b6b34' },
  B: { pita: '#d9e8f7', tegas: '#1d4f8c' },
  C: { pita: '#fbecc8', tegas: '#7a5200' },
  D: { pita: '#f8d9d6', tegas: '#9b2419' },
};

const angka2 = (v: number) => formatAngka(v, 2);

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
main{max-width:760px;margin:0 auto;padding:12px}
header{padding:4px 4px 8px}
h1{font-size:1.25rem;line-height:1.3;margin:0 0 2px}
h2{font-size:1.05rem;margin:0 0 8px}
.sub{margin:0;color:#444;font-size:.95rem}
section{background:#fff;border:1px solid #dde0e4;border-radius:10px;padding:14px;margin:0 0 12px}
.skor{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px}
.ikm{font-size:3.2rem;font-weight:700;line-height:1;letter-spacing:-.5px}
.mutu{display:inline-block;border-radius:8px;padding:4px 10px;font-weight:700;font-size:1.05rem}
.ket{margin:6px 0 0;color:#333;font-size:.95rem}
.naik{color:#1b6b34}.turun{color:#9b2419}
table{width:100%;border-collapse:collapse;font-size:.92rem}
th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e3e5e8;vertical-align:top;overflow-wrap:break-word}
th{white-space:nowrap}
tbody th{padding-top:12px;color:#1a1a1a}
.kode{font-weight:600;white-space:nowrap;padding-right:6px}
th{font-weight:600;color:#333}
td.n,th.n{text-align:right;white-space:nowrap}
tfoot td{font-weight:700;border-top:2px solid #999}
svg{display:block;width:100%;max-width:480px;height:auto}
.legenda{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.85rem;margin:6px 0 0;padding:0;list-style:none}
.legenda span{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px;border:1px solid #999}
footer{font-size:.85rem;color:#444;padding:4px 4px 24px}
@media (max-width:480px){.lebar{display:none}main{padding:8px}section{padding:12px 10px}}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}section{border:0;border-top:1px solid #999;border-radius:0;padding:8px 0;break-inside:avoid}
.mutu,.legenda span,svg rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:15mm}
`;

function kepala(l: LaporanIkm): string {
  const p = l.profil;
  const periode = l.analisis.utama.periode;
  return `<header><h1>Hasil Survei Kepuasan Masyarakat (SKM)</h1>
<p class="sub">${esc(l.analisis.kecamatan)}, ${esc(p.kabupaten)}${l.analisis.layanan ? ` — layanan ${esc(l.analisis.layanan.nama)}` : ''}</p>
<p class="sub">${esc(periode.label)}</p></header>`;
}

function perbandingan(l: LaporanIkm): string {
  const b = l.analisis.banding;
  if (!b) return '';
  const poin = b.ikm.perubahan.poin;
  const arah = poin > 0 ? `<span class="naik">naik ${angka2(poin)} poin</span>` : poin < 0 ? `<span class="turun">turun ${angka2(-poin)} poin</span>` : 'sama';
  return `<p class="ket">Dibanding ${esc(b.lama.periode.label)} (${angka2(b.lama.hasil.konversi)}, ${esc(b.lama.hasil.mutu)}): ${arah}.</p>`;
}

function skor(l: LaporanIkm): string {
  const h = l.analisis.utama.hasil;
  const w = WARNA[h.mutu];
  const r = l.rentangData;
  const s = l.analisis.utama.sampel;
  const cukup = s.sesuai === null ? '' : s.sesuai ? ` (memenuhi sampel minimum ${formatAngka(s.minimum!)})` : ` (sampel minimum ${formatAngka(s.minimum!)} belum terpenuhi)`;
  return `<section id="ikm" aria-label="Indeks Kepuasan Masyarakat"><div class="skor">
<div><div class="ket" style="margin:0">Indeks Kepuasan Masyarakat</div><div class="ikm">${angka2(h.konversi)}</div></div>
<div class="mutu" style="background:${w.pita};color:${w.tegas}">Mutu ${esc(h.mutu)} — ${esc(h.kinerja)}</div></div>
<p class="ket">${formatAngka(h.responden)} responden${cukup}, ${formatTanggal(r.awal)} – ${formatTanggal(r.akhir)}.</p>${perbandingan(l)}</section>`;
}

/** Horizontal bars per unsur over the four mutu bands, in a viewBox sized for a phone's width. */
export function grafikUnsur(unsur: HasilUnsur[]): string {
  const W = 340;
  const label = 100;
  const kanan = 42;
  const barH = 17;
  const gap = 7;
  const top = 18;
  const H = top + unsur.length * (barH + gap) + 18;
  const x = (v: number) => label + ((v - 25) / 75) * (W - label - kanan);
  const parts: string[] = [];
  for (const band of INTERVAL) {
    const lo = band.min / 100;
    const hi = band.mutu === 'A' ? 100 : INTERVAL.find((b) => b.min > band.min)!.min / 100;
    parts.push(`<rect x="${x(lo).toFixed(1)}" y="${top - 4}" width="${(x(hi) - x(lo)).toFixed(1)}" height="${H - top - 10}" fill="${WARNA[band.mutu].pita}"/>`);
    parts.push(`<text x="${((x(lo) + x(hi)) / 2).toFixed(1)}" y="12" text-anchor="middle" font-size="10" font-weight="700" fill="${WARNA[band.mutu].tegas}">${band.mutu}</text>`);
  }
  unsur.forEach((u, i) => {
    const y = top + i * (barH + gap);
    const w = WARNA[u.mutu];
    parts.push(`<text x="${label - 4}" y="${y + barH - 4}" text-anchor="end" font-size="11.5" fill="#1a1a1a">${esc(u.kode)} ${esc(unsurByKey(u.key).singkat)}</text>`);
    parts.push(`<rect x="${label}" y="${y}" width="${(x(u.konversi) - label).toFixed(1)}" height="${barH}" fill="${w.tegas}"><title>${esc(u.kode)} ${esc(u.nama)}: ${angka2(u.konversi)} (${esc(u.mutu)})</title></rect>`);
    parts.push(`<text x="${(x(u.konversi) + 3).toFixed(1)}" y="${y + barH - 4}" font-size="11.5" fill="#1a1a1a">${angka2(u.konversi)}</text>`);
  });
  const axisY = H - 6;
  for (const v of [25, 50, 65, 76.61, 88.31, 100]) parts.push(`<text x="${x(v).toFixed(1)}" y="${axisY}" text-anchor="middle" font-size="9" fill="#444">${formatAngka(v, v % 1 ? 2 : 0)}</text>`);
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Nilai per unsur dengan batas mutu A, B, C, D">${parts.join('')}</svg>`;
}

function legenda(): string {
  const items = [...INTERVAL].reverse().map((b) => `<li><span style="background:${WARNA[b.mutu].pita}"></span>${b.mutu}: ${esc(b.nik[0])}–${esc(b.nik[1])}</li>`);
  return `<ul class="legenda">${items.join('')}</ul>`;
}

function tabelUnsur(l: LaporanIkm): string {
  const h = l.analisis.utama.hasil;
  const b = l.analisis.banding;
  const lama = new Map(b?.unsur.map((r) => [r.kode, r]) ?? []);
  const thLama = b ? `<th class="n lebar">${esc(b.lama.periode.tahun ?? b.lama.periode.label)}</th><th class="n">Ubah</th>` : '';
  const ubah = (poin: number) => (poin > 0 ? `<span class="naik">+${angka2(poin)}</span>` : poin < 0 ? `<span class="turun">${angka2(poin)}</span>` : '0,00');
  const rows = h.unsur.map((u) => {
    const r = lama.get(u.kode);
    const cols = r ? `<td class="n lebar">${angka2(r.lama)}</td><td class="n">${ubah(r.perubahan.poin)}</td>` : b ? '<td class="lebar"></td><td></td>' : '';
    return `<tr><td><span class="kode">${esc(u.kode)}</span> ${esc(u.nama)}</td><td class="n lebar">${formatAngka(u.nrr, 2)}</td><td class="n">${angka2(u.konversi)}</td><td>${esc(u.mutu)}</td>${cols}</tr>`;
  });
  const foot = b ? `<td class="n lebar">${angka2(b.ikm.lama)}</td><td class="n">${ubah(b.ikm.perubahan.poin)}</td>` : '';
  return `<section id="unsur"><h2>Nilai per unsur pelayanan</h2>${grafikUnsur(h.unsur)}${legenda()}
<table><thead><tr><th>Unsur</th><th class="n lebar">NRR</th><th class="n">Nilai</th><th>Mutu</th>${thLama}</tr></thead>
<tbody>${rows.join('')}</tbody><tfoot><tr><td>IKM unit pelayanan</td><td class="n lebar">${formatAngka(h.ikm, 2)}</td><td class="n">${angka2(h.konversi)}</td><td>${esc(h.mutu)}</td>${foot}</tr></tfoot></table>
<p class="ket">Nilai = rata-rata jawaban (1–4) × 25, sesuai PermenPANRB 14/2017; setiap unsur berbobot sama (1/9).</p></section>`;
}

function tren(l: LaporanIkm): string {
  // Years up to the page's own: a page about 2024 does not show 2025.
  const sampai = Number(l.analisis.utama.periode.sampai.slice(0, 4));
  const rows = l.tren.filter((t) => t.konversi !== null && t.tahun <= sampai);
  if (rows.length < 2) return l.analisis.banding ? '' : '<section id="tren"><h2>Perbandingan tahun sebelumnya</h2><p class="ket">Belum ada hasil survei tahun sebelumnya untuk dibandingkan.</p></section>';
  const body = rows.map((t) => `<tr><td>${t.tahun}</td><td class="n">${formatAngka(t.responden)}</td><td class="n">${angka2(t.konversi!)}</td><td>${esc(t.mutu ?? '')}</td></tr>`).join('');
  return `<section id="tren"><h2>Hasil dari tahun ke tahun</h2><table><thead><tr><th>Tahun</th><th class="n">Responden</th><th class="n">IKM</th><th>Mutu</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function tindakLanjut(l: LaporanIkm): string {
  if (!l.tindakLanjutDiisi) {
    const list = l.terendah.map((u) => `<li>${esc(u.kode)} ${esc(u.nama)} (${angka2(u.konversi)})</li>`).join('');
    return `<section id="tindak-lanjut"><h2>Rencana tindak lanjut</h2><p class="ket">Unsur dengan nilai terendah menjadi prioritas perbaikan; rencana kegiatannya dibahas bersama perwakilan masyarakat dalam Forum Konsultasi Publik.</p><ol>${list}</ol></section>`;
  }
  const tw = (w: boolean[]) => w.map((on, i) => (on ? ['I', 'II', 'III', 'IV'][i] : null)).filter(Boolean).join(', ');
  const rows = l.tindakLanjut.map((t) => `<tr><td>${t.no}</td><td>${esc(t.unsur)}</td><td>${esc(t.program)}</td><td>${esc(tw(t.waktu) ? `TW ${tw(t.waktu)}` : '')}</td><td>${esc(t.penanggungJawab)}</td></tr>`).join('');
  return `<section id="tindak-lanjut"><h2>Rencana tindak lanjut</h2><table><thead><tr><th>No</th><th>Prioritas unsur</th><th>Program/kegiatan</th><th>Waktu</th><th>Penanggung jawab</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function responden(l: LaporanIkm): string {
  const rows: string[] = [];
  let group: string | null = null;
  for (const r of l.profilResponden) {
    // One heading row per characteristic: on a phone a repeated first column takes half the width.
    if (r.karakteristik !== group) {
      group = r.karakteristik;
      rows.push(`<tr><th colspan="3" scope="rowgroup">${esc(group)}</th></tr>`);
    }
    rows.push(`<tr><td>${esc(r.indikator)}</td><td class="n">${formatAngka(r.jumlah)}</td><td class="n">${formatPersen(r.persen)}</td></tr>`);
  }
  return `<section id="responden"><h2>Profil ${formatAngka(l.analisis.utama.hasil.responden)} responden</h2>
<table><thead><tr><th>Indikator</th><th class="n">Jumlah</th><th class="n">%</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function kaki(l: LaporanIkm): string {
  const p = l.profil;
  const kontak = [p.alamat, p.telepon ? `Telp ${p.telepon}` : null, p.whatsapp ? `WA ${p.whatsapp}` : null, p.email].filter(Boolean).map((s) => esc(s!)).join(' • ');
  return `<footer><p>Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017. Diterbitkan ${esc(l.analisis.kecamatan)}, ${formatTanggal(l.tanggal)}.</p>${kontak ? `<p>${kontak}</p>` : ''}</footer>`;
}

/** The whole page as one string (same data → same bytes). */
export function halamanHasilSkm(l: LaporanIkm): string {
  const judul = `Hasil SKM ${l.analisis.kecamatan} ${l.analisis.utama.periode.label}`;
  return `<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(judul)}</title><meta name="description" content="${esc(`Indeks Kepuasan Masyarakat ${l.analisis.kecamatan}: ${angka2(l.analisis.utama.hasil.konversi)} (mutu ${l.analisis.utama.hasil.mutu})`)}">
<style>${CSS.trim()}</style></head>
<body><main>
${kepala(l)}
${skor(l)}
${tabelUnsur(l)}
${tren(l)}
${tindakLanjut(l)}
${responden(l)}
${kaki(l)}
</main></body></html>
`;
}
