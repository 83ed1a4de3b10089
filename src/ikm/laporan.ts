/**
 * The content of the yearly SKM report (Laporan Hasil SKM, structure of the PermenPANRB 14/2017
 * template): everything the PDF, the poster and the CSV tables print, gathered and computed once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { ProblemList, UserError } from '../core/errors.js';
import { fileReadError, readCsvFile, type CsvTable } from '../core/csv.js';
import { BULAN } from '../core/format.js';
import { normalizeText } from '../core/text.js';
import { requireProfil, type Profil } from '../profil/index.js';
import { UNSUR, kodeUnsur, type UnsurKey } from '../skm/unsur.js';
import { analisisIkm, ikmPerKelompok, TAK_DIKENALI, type BarisKelompok, type IkmAnalisis, type IkmPermintaan } from './analisis.js';
import { hitungIkm, IkmTanpaJawaban, urutkanUnsur, type HasilIkm, type HasilUnsur } from './hitung.js';
import { agregatPerTahun, jawabanResponden, teksSaran, KELOMPOK_USIA, rentangTanggal, sebaranSemua, type JawabanResponden, type Karakteristik, type Saringan } from './store.js';

export interface BarisProfil {
  karakteristik: string;
  indikator: string;
  jumlah: number;
  /** Fraction 0..1 of the respondents. */
  persen: number;
}

export interface TindakLanjut {
  no: number;
  unsur: string;
  program: string;
  /** Triwulan marks: [TW I, TW II, TW III, TW IV] (a named month marks its triwulan too). */
  waktu: [boolean, boolean, boolean, boolean];
  /** Months named in the timing ("Juni 2026" → [6]), 1–12 in order; empty for triwulan only. */
  bulan: number[];
  /** The year written with the months, or null. */
  tahun: number | null;
  penanggungJawab: string;
}

/** One group of saran, summarised: the texts themselves are read again when written (CSV). */
export interface KelompokSaran {
  /** Unsur name, or null for saran that name no unsur. */
  unsur: string | null;
  kode: string | null;
  /** Saran in the group. */
  jumlah: number;
  /** Distinct saran in the group (normalised text, see RingkasanSaran). */
  jumlahBeda: number;
  /** The first SARAN_RINGKAS distinct saran with their counts, in first-seen order. */
  ringkas: string[];
}

/** Distinct saran kept per group for printing (the PDF shows 8; the rest are only counted). */
export const SARAN_RINGKAS = 8;

export interface TrenTahun {
  tahun: number;
  responden: number;
  konversi: number | null;
  mutu: string | null;
}

export interface LaporanIkm {
  profil: Profil;
  analisis: IkmAnalisis;
  profilResponden: BarisProfil[];
  terendah: HasilUnsur[];
  tertinggi: HasilUnsur;
  saran: KelompokSaran[];
  jumlahSaran: number;
  /**
   * Every saran as [kode unsur, unsur, text], group by group in the order of `saran`, date order
   * within a group: read again from the database while the CSV is written.
   */
  daftarSaran: () => Iterable<[string, string, string]>;
  tindakLanjut: TindakLanjut[];
  /** True when the rencana tindak lanjut came from --tindak-lanjut (else rows to fill by hand). */
  tindakLanjutDiisi: boolean;
  tren: TrenTahun[];
  /** IKM per jenis layanan over the period (empty for a one-layanan report). */
  perLayanan: BarisKelompok[];
  /** IKM per desa, when the answers name desa (else empty). */
  perDesa: BarisKelompok[];
  /** First and last response date in the period. */
  rentangData: { awal: string; akhir: string };
  /** Date printed above the signature and used as PDF metadata (deterministic). */
  tanggal: string;
  /** Per-respondent answers (the processing sheet of the lampiran), read on demand. */
  /** Read once, one respondent at a time (src/ikm/store.ts). */
  olahData: () => Iterable<JawabanResponden>;
}

const KARAKTERISTIK: { key: Karakteristik; label: string }[] = [
  { key: 'jenis_kelamin', label: 'Jenis Kelamin' },
  { key: 'usia', label: 'Usia' },
  { key: 'pendidikan', label: 'Pendidikan' },
  { key: 'pekerjaan', label: 'Pekerjaan' },
  { key: 'layanan', label: 'Jenis Layanan' },
];

/** Extra words that tie a saran to an unsur, on top of the header keywords in src/skm/unsur.ts. */
const KATA_SARAN: Partial<Record<UnsurKey, string[]>> = {
  persyaratan: ['berkas', 'qr'],
  prosedur: ['alur', 'prosedur', 'online'],
  waktu: ['lama', 'cepat', 'antri', 'antrian', 'jam layanan', 'sore'],
  biaya: ['bayar', 'pungli', 'gratis'],
  kompetensi: ['cekatan', 'menguasai', 'menjelaskan', 'penjelasan'],
  perilaku: ['ramah', 'judes', 'senyum'],
  pengaduan: ['whatsapp', 'ditanggapi', 'dibalas', 'kotak saran'],
  sarana: ['ruang tunggu', 'parkir', 'toilet', 'kursi', 'kipas', 'air minum'],
};

function kataUnsur(key: UnsurKey): string[] {
  const u = UNSUR.find((x) => x.key === key)!;
  return [...u.kataKunci, ...(KATA_SARAN[key] ?? [])];
}

/** Which unsur a saran names: the first whose keywords it mentions (word match), else null. */
export function penggolongSaran(): (saran: string) => UnsurKey | null {
  const words = UNSUR.map((u) => ({ key: u.key, re: new RegExp(`\\b(${kataUnsur(u.key).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i') }));
  return (s) => words.find((w) => w.re.test(s))?.key ?? null;
}

/**
 * Distinct saran (normalised: case, spacing, a final full stop) with their counts, keeping the
 * texts of only the first `simpan`: memory grows with the distinct keys, never with repeats.
 */
export class RingkasanSaran {
  jumlah = 0;
  private readonly beda = new Set<string>();
  private readonly awal = new Map<string, { text: string; n: number }>();
  constructor(private readonly simpan = Infinity) {}
  tambah(s: string): void {
    this.jumlah++;
    const k = normalizeText(s).replace(/[.!]+$/, '');
    const e = this.awal.get(k);
    if (e) e.n++;
    else if (!this.beda.has(k)) {
      this.beda.add(k);
      if (this.awal.size < this.simpan) this.awal.set(k, { text: s, n: 1 });
    }
  }
  get jumlahBeda(): number {
    return this.beda.size;
  }
  /** "Terima kasih (3 responden)" for a repeated saran. */
  daftar(): string[] {
    return [...this.awal.values()].map((e) => (e.n > 1 ? `${e.text} (${e.n} responden)` : e.text));
  }
}

/** The groups' order: by unsur code (U1..U9 of the questionnaire), saran naming no unsur last. */
function urutanKelompok(ada: Set<UnsurKey | null>, urutan: Profil['urutan_unsur']): (UnsurKey | null)[] {
  const out = UNSUR.filter((u) => ada.has(u.key)).map((u) => u.key);
  out.sort((a, b) => Number(kodeUnsur(a, urutan).slice(1)) - Number(kodeUnsur(b, urutan).slice(1)));
  return ada.has(null) ? [...out, null] : out;
}

const kelompok = (k: UnsurKey | null, urutan: Profil['urutan_unsur']) =>
  k === null ? { unsur: null, kode: null } : { unsur: UNSUR.find((u) => u.key === k)!.nama, kode: kodeUnsur(k, urutan) };

/** Groups saran texts by the first unsur whose keywords they mention, summarised (one pass). */
export function kelompokkanSaran(saran: Iterable<string>, urutan: Profil['urutan_unsur']): KelompokSaran[] {
  const golong = penggolongSaran();
  const groups = new Map<UnsurKey | null, RingkasanSaran>();
  for (const s of saran) {
    const k = golong(s);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = new RingkasanSaran(SARAN_RINGKAS)));
    g.tambah(s);
  }
  return urutanKelompok(new Set(groups.keys()), urutan).map((k) => {
    const g = groups.get(k)!;
    return { ...kelompok(k, urutan), jumlah: g.jumlah, jumlahBeda: g.jumlahBeda, ringkas: g.daftar() };
  });
}

/**
 * Every saran of `baca()` (read again for each group, so nothing is held but one byte per saran:
 * its group) as [kode, unsur, text], group by group in the order of kelompokkanSaran.
 */
export function* barisSaran(baca: () => Iterable<string>, urutan: Profil['urutan_unsur']): Generator<[string, string, string]> {
  const golong = penggolongSaran();
  const order: (UnsurKey | null)[] = [null, ...UNSUR.map((u) => u.key)];
  let kode = new Uint8Array(1024);
  let n = 0;
  const ada = new Set<UnsurKey | null>();
  for (const s of baca()) {
    const k = golong(s);
    ada.add(k);
    if (n === kode.length) {
      const more = new Uint8Array(kode.length * 2);
      more.set(kode);
      kode = more;
    }
    kode[n++] = order.indexOf(k);
  }
  for (const k of urutanKelompok(ada, urutan)) {
    const g = kelompok(k, urutan);
    const want = order.indexOf(k);
    let i = 0;
    for (const s of baca()) {
      // A row added since the first pass (another paten writing) is classified on the spot.
      if ((i < n ? kode[i] : order.indexOf(golong(s))) === want) yield [g.kode ?? '', g.unsur ?? 'Lainnya', s];
      i++;
    }
  }
}

// ---------- rencana tindak lanjut (--tindak-lanjut CSV/JSON) ----------

const TW = ['I', 'II', 'III', 'IV'];

/** "TW I", "TW I–II", "I, III", "1-4", "Triwulan II s.d. IV" → marks for TW I..IV. */
export function parseWaktuTw(v: string): [boolean, boolean, boolean, boolean] | null {
  const marks: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  const t = v.toUpperCase().replace(/TRIWULAN|TW/g, ' ');
  const tokens = [...t.matchAll(/\b(IV|III|II|I|[1-4])\b|(–|-|S\.?D\.?|SAMPAI)/g)];
  let prev: number | null = null;
  let range = false;
  for (const m of tokens) {
    if (m[2]) {
      range = prev !== null;
      continue;
    }
    const idx = /^\d$/.test(m[1]) ? Number(m[1]) - 1 : TW.indexOf(m[1]);
    if (range && prev !== null) for (let i = Math.min(prev, idx); i <= Math.max(prev, idx); i++) marks[i] = true;
    marks[idx] = true;
    prev = idx;
    range = false;
  }
  return marks.some(Boolean) ? marks : null;
}

/** Indonesian month names and the abbreviations offices write (Agt, Ags, Nop, Sept). */
const NAMA_BULAN: [RegExp, number][] = [
  [/^JAN/, 1], [/^FEB/, 2], [/^MAR/, 3], [/^APR/, 4], [/^MEI$/, 5], [/^JUN/, 6],
  [/^JUL/, 7], [/^AG/, 8], [/^SEP/, 9], [/^OKT/, 10], [/^NO[VP]/, 11], [/^DES/, 12],
];
const BULAN_RE = /\b(JANUARI|JAN|FEBRUARI|FEB|MARET|MAR|APRIL|APR|MEI|JUNI|JUN|JULI|JUL|AGUSTUS|AGUS|AGT|AGS|AGU|SEPTEMBER|SEPT|SEP|OKTOBER|OKT|NOVEMBER|NOPEMBER|NOV|NOP|DESEMBER|DES)\b|\b((?:19|20)\d\d)\b|(–|-|S\.?D\.?|SAMPAI)/g;

/** "Juni 2026", "Juni–Agustus 2026", "Jun, Des 2026" → the months (in order), their year and the triwulan they fall in. */
export function parseWaktuBulan(v: string): { bulan: number[]; tahun: number | null; tw: [boolean, boolean, boolean, boolean] } | null {
  const set = new Set<number>();
  let tahun: number | null = null;
  let prev: number | null = null;
  let range = false;
  for (const m of v.toUpperCase().matchAll(BULAN_RE)) {
    if (m[2]) tahun ??= Number(m[2]);
    else if (m[3]) range = prev !== null;
    else {
      const b = NAMA_BULAN.find(([re]) => re.test(m[1]))![1];
      // A range over the new year (Desember–Februari) wraps around.
      if (range && prev !== null) for (let i: number = prev; i !== b; i = (i % 12) + 1) set.add(i);
      set.add(b);
      prev = b;
      range = false;
    }
  }
  if (!set.size) return null;
  const bulan = [...set].sort((a, b) => a - b);
  const tw: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  for (const b of bulan) tw[Math.floor((b - 1) / 3)] = true;
  return { bulan, tahun, tw };
}

/** The timing as written: months when it names any (a day number is then not a triwulan), else triwulan. */
export function parseWaktu(v: string): Pick<TindakLanjut, 'waktu' | 'bulan' | 'tahun'> | null {
  const b = parseWaktuBulan(v);
  if (b) return { waktu: b.tw, bulan: b.bulan, tahun: b.tahun };
  const tw = parseWaktuTw(v);
  return tw ? { waktu: tw, bulan: [], tahun: null } : null;
}

/** What the TW I..IV cell `q` (0–3) of a row shows: its months ("Jun 2026"), X for a triwulan, or nothing. */
export function isiWaktu(t: TindakLanjut, q: number): string {
  const di = t.bulan.filter((b) => Math.floor((b - 1) / 3) === q);
  if (di.length) return `${di.map((b) => BULAN[b - 1].slice(0, 3)).join(', ')}${t.tahun ? ` ${t.tahun}` : ''}`;
  return t.waktu[q] ? 'X' : '';
}

function cariUnsur(v: string, urutan: Profil['urutan_unsur']): string | null {
  const t = normalizeText(v);
  if (!t) return null;
  for (const u of UNSUR) {
    if (t === kodeUnsur(u.key, urutan).toLowerCase() || t === u.key || t === normalizeText(u.nama) || t === normalizeText(u.singkat)) return u.nama;
  }
  const m = /^u\s*([1-9])\b/.exec(t);
  if (m) return UNSUR.find((u) => kodeUnsur(u.key, urutan) === `U${m[1]}`)!.nama;
  // keyword match ("Waktu penyelesaian layanan")
  const hit = UNSUR.find((u) => u.kataKunci.some((k) => t.includes(k)));
  return hit ? hit.nama : v.trim();
}

const KOLOM: Record<string, keyof Omit<TindakLanjut, 'waktu'> | 'waktu'> = {
  no: 'no',
  unsur: 'unsur',
  prioritasunsur: 'unsur',
  unsurpelayanan: 'unsur',
  program: 'program',
  kegiatan: 'program',
  programkegiatan: 'program',
  waktu: 'waktu',
  penanggungjawab: 'penanggungJawab',
  pj: 'penanggungJawab',
};

const kolomKey = (h: string) => KOLOM[normalizeText(h).replace(/[^a-z]/g, '')];

function rowsFromJson(file: string): { line: number; get: (k: string) => string }[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw fileReadError(file, e);
    throw new UserError(`${path.basename(file)}: bukan JSON yang valid (${(e as Error).message}).`);
  }
  const list = Array.isArray(data) ? data : (data as { tindak_lanjut?: unknown })?.tindak_lanjut;
  if (!Array.isArray(list)) throw new UserError(`${path.basename(file)}: isi harus berupa daftar (array) rencana tindak lanjut, atau {"tindak_lanjut": [...]}.`);
  return list.map((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const map = new Map<string, string>();
    for (const [k, v] of Object.entries(o)) {
      const key = kolomKey(k);
      if (key) map.set(key, Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v));
    }
    return { line: i + 1, get: (k: string) => map.get(k) ?? '' };
  });
}

function rowsFromCsv(t: CsvTable): { line: number; get: (k: string) => string }[] {
  const idx = new Map<string, number>();
  t.header.forEach((h, i) => {
    const k = kolomKey(h);
    if (k && !idx.has(k)) idx.set(k, i);
  });
  for (const need of ['unsur', 'program'])
    if (!idx.has(need))
      throw new UserError(`${t.file}: kolom "${need === 'unsur' ? 'unsur' : 'program/kegiatan'}" tidak ada.`, {
        hint: 'Kolom rencana tindak lanjut: no, unsur, program, waktu (mis. "TW I–II" atau "Juni 2026"), penanggung_jawab.',
      });
  return t.records.map((r) => ({ line: r.line, get: (k: string) => (idx.has(k) ? (r.values[idx.get(k)!] ?? '').trim() : '') }));
}

/** Reads --tindak-lanjut (CSV or JSON). All problems are reported at once with file and line. */
export function bacaTindakLanjut(file: string, urutan: Profil['urutan_unsur']): TindakLanjut[] {
  const name = path.basename(file);
  const rows = /\.json$/i.test(file) ? rowsFromJson(file) : rowsFromCsv(readCsvFile(file));
  const problems = new ProblemList();
  const out: TindakLanjut[] = [];
  for (const r of rows) {
    const unsur = cariUnsur(r.get('unsur'), urutan);
    const program = r.get('program');
    const waktuText = r.get('waktu');
    const kosong: Pick<TindakLanjut, 'waktu' | 'bulan' | 'tahun'> = { waktu: [false, false, false, false], bulan: [], tahun: null };
    const waktu = waktuText ? parseWaktu(waktuText) : kosong;
    if (!unsur) problems.add({ file: name, line: r.line, column: 'unsur', message: 'unsur kosong' });
    if (!program) problems.add({ file: name, line: r.line, column: 'program', message: 'program/kegiatan kosong' });
    if (!waktu) problems.add({ file: name, line: r.line, column: 'waktu', message: `waktu "${waktuText}" tidak dikenali (tulis mis. "TW I", "TW II–III", "1-4", "Juni 2026" atau "Juni–Agustus 2026")` });
    const noText = r.get('no');
    if (noText && !/^\d+$/.test(noText)) problems.add({ file: name, line: r.line, column: 'no', message: `nomor "${noText}" bukan bilangan bulat` });
    out.push({ no: noText ? Number(noText) : out.length + 1, unsur: unsur ?? '', program, ...(waktu ?? kosong), penanggungJawab: r.get('penanggungJawab') });
  }
  problems.throwIfAny(`Rencana tindak lanjut ${name} tidak dapat dibaca`);
  if (out.length === 0) throw new UserError(`${name}: tidak ada baris rencana tindak lanjut.`);
  return out;
}

// ---------- assembling the report ----------

export interface LaporanPermintaan extends IkmPermintaan {
  tindakLanjut?: string;
  /** YYYY-MM-DD for the signature; default: the period's last day. */
  tanggal?: string;
}

const JENIS_KELAMIN: Record<string, string> = { l: 'Laki-laki', p: 'Perempuan', pria: 'Laki-laki', wanita: 'Perempuan', 'laki-laki': 'Laki-laki', perempuan: 'Perempuan' };

/** Level of schooling for ordering (SD before SMP … S3); unknown values after, in count order. */
function jenjang(v: string): number {
  const t = v.toUpperCase().replace(/\s+/g, '');
  const order: [RegExp, number][] = [
    [/^(TIDAK|BELUM)/, 0], [/^(SD|MI|SEKOLAHDASAR)/, 1], [/^(SMP|MTS|SLTP)/, 2], [/^(SMA|SMK|MA\b|SLTA)/, 3],
    [/^D-?1/, 4], [/^D-?2/, 5], [/^D-?3/, 6], [/^D-?4/, 7], [/^S-?1/, 8], [/^S-?2/, 9], [/^S-?3/, 10],
  ];
  return order.find(([re]) => re.test(t))?.[1] ?? 50;
}

function profilResponden(db: Db, f: Saringan, total: number): BarisProfil[] {
  const out: BarisProfil[] = [];
  const semua = sebaranSemua(db, f, KARAKTERISTIK.map((k) => k.key));
  for (const k of KARAKTERISTIK) {
    let rows = semua.get(k.key)!;
    // Categories in their natural order (age bands, gender, school level); "Tidak diisi" last.
    const last = (r: { nilai: string | null }) => (r.nilai === null ? 1 : 0);
    if (k.key === 'usia') rows = [...rows].sort((a, b) => last(a) - last(b) || (a.nilai ?? '').localeCompare(b.nilai ?? ''));
    if (k.key === 'jenis_kelamin') rows = [...rows].sort((a, b) => last(a) - last(b) || (a.nilai && b.nilai ? (JENIS_KELAMIN[a.nilai.toLowerCase()] ?? a.nilai).localeCompare(JENIS_KELAMIN[b.nilai.toLowerCase()] ?? b.nilai) : 0));
    if (k.key === 'pendidikan') rows = [...rows].sort((a, b) => last(a) - last(b) || (a.nilai && b.nilai ? jenjang(a.nilai) - jenjang(b.nilai) : 0));
    for (const r of rows) {
      const indikator =
        r.nilai === null ? 'Tidak diisi' : k.key === 'usia' ? KELOMPOK_USIA[r.nilai] : k.key === 'jenis_kelamin' ? (JENIS_KELAMIN[r.nilai.toLowerCase()] ?? r.nilai) : r.nilai;
      out.push({ karakteristik: k.label, indikator, jumlah: r.jumlah, persen: total ? r.jumlah / total : 0 });
    }
  }
  return out;
}

export function susunLaporan(db: Db, q: LaporanPermintaan): LaporanIkm {
  const profil = requireProfil(db);
  // Read the rencana tindak lanjut first: a bad file fails before any work.
  const tindakLanjut = q.tindakLanjut ? bacaTindakLanjut(q.tindakLanjut, profil.urutan_unsur) : null;
  const analisis = analisisIkm(db, q);
  const p = analisis.utama.periode;
  const lay = analisis.layanan?.id ?? null;
  const f: Saringan = { dari: p.dari, sampai: p.sampai, layananId: lay };
  const urut = urutkanUnsur(analisis.utama.hasil);
  const terendah = urut.slice(0, 3);
  const saran = kelompokkanSaran(teksSaran(db, f), profil.urutan_unsur);
  const tren = agregatPerTahun(db, lay).map(({ tahun, sel }) => {
    let h: HasilIkm | null = null;
    try {
      h = hitungIkm(sel, { bobot: q.bobot, urutan: profil.urutan_unsur });
    } catch (e) {
      if (!(e instanceof IkmTanpaJawaban)) throw e;
    }
    return { tahun, responden: sel.responden, konversi: h?.konversi ?? null, mutu: h?.mutu ?? null };
  });
  const bobot = q.bobot ?? 'tepat';
  const desa = ikmPerKelompok(db, f, 'desa', bobot, profil.urutan_unsur);
  return {
    profil,
    analisis,
    perLayanan: lay === null ? ikmPerKelompok(db, f, 'layanan', bobot, profil.urutan_unsur) : [],
    perDesa: desa.some((b) => b.kelompok !== TAK_DIKENALI.desa) ? desa : [],
    profilResponden: profilResponden(db, f, analisis.utama.hasil.responden),
    terendah,
    tertinggi: urut[urut.length - 1],
    saran,
    jumlahSaran: saran.reduce((n, g) => n + g.jumlah, 0),
    daftarSaran: () => barisSaran(() => teksSaran(db, f), profil.urutan_unsur),
    tindakLanjut:
      tindakLanjut ??
      terendah.map((u, i) => ({ no: i + 1, unsur: u.nama, program: '', waktu: [false, false, false, false] as TindakLanjut['waktu'], bulan: [], tahun: null, penanggungJawab: '' })),
    tindakLanjutDiisi: !!tindakLanjut,
    tren,
    rentangData: rentangTanggal(db, f),
    tanggal: q.tanggal ?? p.sampai,
    olahData: () => jawabanResponden(db, f),
  };
}
