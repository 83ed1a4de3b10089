/**
 * Which column of a survey export holds what. Unsur columns are identified by meaning, in this order
 * of rules: an explicit --map or saved profile ('peta' / 'profil'), the header text ('judul': "8. …
 * penanganan pengaduan …" is pengaduan whatever its number), the answer labels ('label': sarana and
 * pengaduan use different label sets), and only for bare codes like U8/P8 the office's numbering
 * ('kode', profil.urutan_unsur). Every mapped column records the rule that mapped it.
 * Headers of Kobo/ODK XLSForm exports are read by their last path part (`bagian_b/q1_persyaratan`),
 * their metadata columns (`_uuid`, `meta/instanceID`) are left out, and of several time columns
 * (Microsoft Forms `Start time`/`Completion time`, Kobo `start`/`end`/`today`/`_submission_time`) the
 * completion time is the date; the result says which column and why.
 */
import { UserError } from '../core/errors.js';
import { normalizeText } from '../core/text.js';
import {
  kataJudul,
  kodeUnsur,
  unsur,
  unsurDariJudul,
  unsurUntukLabel,
  urutanUnsur,
  UNSUR,
  UNSUR_KEYS,
  unsurDariKataSingkat,
  type UnsurKey,
  type UrutanUnsur,
} from '../skm/unsur.js';
import { parseStempel } from './tanggal.js';

export type MetaKey = 'tanggal' | 'jenis_kelamin' | 'usia' | 'pendidikan' | 'pekerjaan' | 'layanan' | 'desa' | 'saran';
export type Target = UnsurKey | MetaKey;
export type Aturan = 'peta' | 'profil' | 'judul' | 'label' | 'kode';

export const META_NAMA: Record<MetaKey, string> = {
  tanggal: 'tanggal/stempel waktu',
  jenis_kelamin: 'jenis kelamin',
  usia: 'usia',
  pendidikan: 'pendidikan',
  pekerjaan: 'pekerjaan',
  layanan: 'jenis layanan',
  desa: 'desa/kelurahan',
  saran: 'saran/masukan',
};

export const ATURAN_NAMA: Record<Aturan, string> = {
  peta: '--map',
  profil: 'profil pemetaan',
  judul: 'judul kolom',
  label: 'label jawaban',
  kode: 'kode (urutan profil)',
};

export interface KolomPeta {
  /** 0-based column index. */
  index: number;
  judul: string;
  target: Target;
  aturan: Aturan;
}

export function isUnsurKey(t: string): t is UnsurKey {
  return (UNSUR_KEYS as readonly string[]).includes(t);
}

/** "U3 Waktu Penyelesaian" or "jenis layanan", for messages. */
export function namaTarget(t: Target, urutan: UrutanUnsur): string {
  return isUnsurKey(t) ? `${kodeUnsur(t, urutan)} ${unsur(t).nama}` : META_NAMA[t];
}

const META_RE: readonly [MetaKey, RegExp][] = [
  // Matched on the header's words: "Jenis Kelamin (L/P)" is "jenis kelamin l p", "L/P" is "l p".
  ['jenis_kelamin', /kelamin\b|\b(gender|sex)\b|^(jk|l p|lp)( l p)?$|^(jns|jenis) kel\b/],
  ['usia', /\b(usia|umur|age)\b/],
  ['pendidikan', /\b(pendidikan|education)\b/],
  ['pekerjaan', /\b(pekerjaan|profesi|occupation)\b/],
  ['layanan', /\b(jenis|nama|unit|macam)( ?\/ ?| )?(pe)?layanan\b|^(pe)?layanan\b|^(type of )?service( type)?$/],
  ['desa', /\b(desa|kelurahan|village)\b/],
  ['saran', /\b(saran|masukan|kritik|komentar|suggestions?|comments?)\b/],
];

const TANGGAL_RE = /^(timestamp|stempel waktu|cap waktu|tanggal|tgl|date|waktu (isi|survei|survey|pengisian|kunjungan))\b/;
/** The same words anywhere in a header that is not a question: "Hari/Tanggal", "tanggal_survei". */
const TANGGAL_DI_JUDUL_RE = /\b(timestamp|stempel waktu|cap waktu|tanggal|tgl|date)\b/;
const KODE_RE = /^(?:u|p|q|unsur|pertanyaan|soal|no\.?|nomor)?\s*(\d{1,2})\s*[.):]?$/;
const NOMOR_RE = /^\s*(\d{1,2})\s*[.)]\s*\S/;

export type JudulKelas =
  | { jenis: 'meta'; meta: MetaKey }
  /** A form tool's own column (`_uuid`, `meta/instanceID`, `deviceid`): never an answer. */
  | { jenis: 'abaikan' }
  | { jenis: 'unsur'; unsur: UnsurKey }
  | { jenis: 'ambigu'; unsur: UnsurKey[] }
  | { jenis: 'kode'; nomor: number }
  | { jenis: 'lain'; nomor: number | null };

// ---------- time columns and form-tool metadata ----------

/**
 * What a time column holds, in the order a date is preferred: when the respondent finished
 * ('selesai'), a date column of the survey itself or a form's timestamp ('tanggal'), when the server
 * received it ('kirim': later than the survey when a phone collected offline), when the respondent
 * began ('mulai'), and a date without a time ('hari', Kobo `today`).
 */
export type JenisWaktu = 'selesai' | 'tanggal' | 'kirim' | 'mulai' | 'hari';

const PERINGKAT_WAKTU: Record<JenisWaktu, number> = { selesai: 5, tanggal: 4, kirim: 3, mulai: 2, hari: 1 };

const ALASAN_WAKTU: Record<JenisWaktu, string> = {
  selesai: 'waktu selesai',
  tanggal: 'tanggal/stempel waktu',
  kirim: 'waktu kirim',
  mulai: 'waktu mulai; tidak ada waktu selesai',
  hari: 'tanggal saja; tidak ada stempel waktu',
};

/** Time columns of form tools by plain name (see namaPolos); `utc`: the tool writes UTC there. */
const WAKTU_KOLOM: ReadonlyMap<string, { jenis: JenisWaktu; utc: boolean }> = new Map([
  ['completion time', { jenis: 'selesai', utc: false }], // Microsoft Forms
  ['end', { jenis: 'selesai', utc: false }], // Kobo/ODK metadata, device clock with its offset
  ['endtime', { jenis: 'selesai', utc: false }],
  ['end time', { jenis: 'selesai', utc: false }],
  ['waktu selesai', { jenis: 'selesai', utc: false }],
  ['submission time', { jenis: 'kirim', utc: true }], // Kobo `_submission_time`: UTC, no zone written
  ['submissiondate', { jenis: 'kirim', utc: true }], // ODK Central
  ['submission date', { jenis: 'kirim', utc: true }],
  ['created at', { jenis: 'kirim', utc: false }], // database exports
  ['submitted at', { jenis: 'kirim', utc: false }],
  ['start time', { jenis: 'mulai', utc: false }],
  ['starttime', { jenis: 'mulai', utc: false }],
  ['start', { jenis: 'mulai', utc: false }],
  ['waktu mulai', { jenis: 'mulai', utc: false }],
  ['today', { jenis: 'hari', utc: false }],
]);

/** Form-tool columns that are never survey data (besides every Kobo name starting with "_"). */
const META_FORMULIR: ReadonlySet<string> = new Set([
  'id', 'uuid', 'deviceid', 'device id', 'simserial', 'subscriberid', 'phonenumber', 'username', 'imei', 'audit',
  'instanceid', 'instancename', 'key', 'submitterid', 'submittername', 'attachmentspresent', 'attachmentsexpected',
  'status', 'reviewstate', 'edits', 'formversion', 'version', 'last modified time', 'updated at', 'meta instanceid',
]);

/** An XLSForm path: names joined by "/", no spaces (`bagian_b/q1_persyaratan`, `meta/instanceID`). */
const PATH_RE = /^[\p{L}_][\p{L}\p{N}_.\-]*(?:\/[\p{L}\p{N}_.\-]+)+$/u;
/** The same with ODK Central's and Briefcase's "-" between group and question (`grp_layanan-layanan`). */
const PATH_ODK_RE = /^[\p{L}_][\p{L}\p{N}_.]*(?:-[\p{L}\p{N}_.]+)+$/u;

/** A column name for the tables above: lower case, runs of `_`, `-` and spaces as one space. */
function namaPolos(s: string): string {
  return s.toLowerCase().replace(/[\s_\-]+/g, ' ').trim();
}

/** The last part of an XLSForm path, else the header itself. */
function namaAkhir(header: string): string {
  const h = header.trim();
  if (PATH_RE.test(h)) return h.slice(h.lastIndexOf('/') + 1);
  return PATH_ODK_RE.test(h) ? h.slice(h.lastIndexOf('-') + 1) : h;
}

/** What kind of time a date column holds, from its header. */
export function infoWaktu(header: string): { jenis: JenisWaktu; utc: boolean } {
  const nama = namaPolos(namaAkhir(header));
  const known = WAKTU_KOLOM.get(nama);
  if (known) return known;
  const words = new Set(kataJudul(nama));
  if (words.has('selesai') || words.has('penyelesaian')) return { jenis: 'selesai', utc: false };
  if (words.has('mulai')) return { jenis: 'mulai', utc: false };
  return { jenis: 'tanggal', utc: false };
}

/** True when every filled sample value reads as a date ("Waktu penyelesaian" holding times is no U3). */
function nilaiTanggal(values: string[]): boolean {
  let n = 0;
  for (const v of values) {
    if (v.trim() === '') continue;
    if (!parseStempel(v, 'dmy') && !parseStempel(v, 'mdy')) return false;
    n++;
  }
  return n > 0;
}

/** What a header says on its own (before looking at values). */
export function kelasJudul(header: string): JudulKelas {
  const h = header.trim();
  const nama = namaAkhir(h);
  if (WAKTU_KOLOM.has(namaPolos(nama))) return { jenis: 'meta', meta: 'tanggal' };
  if (nama.startsWith('_') || /^(meta|formhub)\//i.test(h) || META_FORMULIR.has(namaPolos(nama))) return { jenis: 'abaikan' };
  if (nama === h) return kelasDasar(h);
  // A group path: the question's own name decides (`grp_waktu/tanggal` is a date, not U3); the whole
  // path only when the name alone says nothing (`layanan/pilihan`).
  const k = kelasDasar(nama);
  return k.jenis === 'lain' && k.nomor === null ? kelasDasar(h) : k;
}

function kelasDasar(header: string): JudulKelas {
  const t = normalizeText(header).replace(/\s*[:?]+$/, '');
  if (TANGGAL_RE.test(t)) return bukanLahir(header, { jenis: 'meta', meta: 'tanggal' });
  const kode = KODE_RE.exec(t);
  if (kode) return { jenis: 'kode', nomor: Number(kode[1]) };
  const u = unsurDariJudul(header);
  if (u.length === 1) return { jenis: 'unsur', unsur: u[0] };
  if (u.length > 1) return { jenis: 'ambigu', unsur: u };
  const singkat = unsurDariKataSingkat(header);
  if (singkat) return { jenis: 'unsur', unsur: singkat };
  const plain = kataJudul(header).join(' ');
  if (TANGGAL_DI_JUDUL_RE.test(plain)) return bukanLahir(header, { jenis: 'meta', meta: 'tanggal' });
  for (const [key, re] of META_RE) if (re.test(plain)) return { jenis: 'meta', meta: key };
  const nomor = NOMOR_RE.exec(header);
  return { jenis: 'lain', nomor: nomor ? Number(nomor[1]) : null };
}

/** "Tanggal Lahir" is a birth date, not the survey's. */
function bukanLahir(header: string, k: JudulKelas): JudulKelas {
  return kataJudul(header).includes('lahir') ? { jenis: 'lain', nomor: null } : k;
}

/** The unsur a column's answer labels belong to, if only one unsur's label set fits them all. */
export function unsurDariNilai(values: string[]): UnsurKey | null {
  let cands: Set<UnsurKey> | null = null;
  for (const v of values) {
    const t = v.trim();
    if (t === '' || /^[0-9]+([.,]0+)?$/.test(t) || /^[a-dA-D][.)]?$/.test(t)) continue;
    const fits = unsurUntukLabel(t);
    cands = new Set(cands === null ? fits : fits.filter((k) => cands!.has(k)));
    if (cands.size === 0) return null;
  }
  return cands && cands.size === 1 ? [...cands][0] : null;
}

// ---------- explicit mappings: --map and saved profiles ----------

/** One explicit assignment: target ← a column by 1-based number or by header text. */
export interface PetaEntri {
  target: Target;
  kolom: string;
}

const META_ALIAS: Record<string, MetaKey> = {
  tanggal: 'tanggal', timestamp: 'tanggal', waktu_isi: 'tanggal', stempel: 'tanggal',
  jk: 'jenis_kelamin', jenis_kelamin: 'jenis_kelamin', kelamin: 'jenis_kelamin',
  usia: 'usia', umur: 'usia', pendidikan: 'pendidikan', pekerjaan: 'pekerjaan',
  layanan: 'layanan', desa: 'desa', kelurahan: 'desa', saran: 'saran', masukan: 'saran',
};

/** Resolves the left side of `U3=…`: a code in the office's numbering, an unsur key or a meta field. */
export function parseTarget(raw: string, urutan: UrutanUnsur): Target | null {
  const t = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const kode = /^(?:u|p|unsur_?)(\d)$/.exec(t);
  if (kode) {
    const n = Number(kode[1]);
    return n >= 1 && n <= 9 ? urutanUnsur(urutan)[n - 1] : null;
  }
  if (isUnsurKey(t)) return t;
  const bySingkat = UNSUR.find((u) => u.singkat.toLowerCase() === t);
  if (bySingkat) return bySingkat.key;
  return META_ALIAS[t] ?? null;
}

/**
 * Parses `--map` values (`U1=Kolom A,U2=5`; the flag may be repeated). A comma only separates
 * entries when another `NAME=` follows, so header texts with commas can be given as is.
 */
export function parseMapArg(values: string[], urutan: UrutanUnsur): PetaEntri[] {
  const out: PetaEntri[] = [];
  for (const v of values) {
    for (const part of v.split(/,(?=\s*[\p{L}_][\p{L}\p{N}_ -]*=)/u)) {
      if (!part.trim()) continue;
      const eq = part.indexOf('=');
      if (eq <= 0 || !part.slice(eq + 1).trim())
        throw new UserError(`Isi --map tidak dapat dibaca: "${part.trim()}".`, { hint: 'Bentuknya UNSUR=KOLOM, mis. --map U1=5,U8="Kualitas sarana" (KOLOM: nomor kolom atau judulnya).' });
      const target = parseTarget(part.slice(0, eq), urutan);
      if (!target)
        throw new UserError(`"${part.slice(0, eq).trim()}" di --map bukan unsur atau kolom yang dikenal.`, {
          hint: `Pakai U1–U9, nama unsur (${UNSUR_KEYS.join(', ')}) atau ${Object.keys(META_ALIAS).filter((k) => k === META_ALIAS[k]).join(', ')}.`,
        });
      out.push({ target, kolom: part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') });
    }
  }
  return out;
}

/** Finds a column by 1-based number or header text (exact, else a unique partial match). */
export function cariKolom(header: string[], kolom: string): number | null {
  if (/^\d+$/.test(kolom)) {
    const n = Number(kolom);
    return n >= 1 && n <= header.length ? n - 1 : null;
  }
  const k = normalizeText(kolom);
  const exact = header.findIndex((h) => normalizeText(h) === k);
  if (exact >= 0) return exact;
  const partial = header.map((h, i) => (normalizeText(h).includes(k) ? i : -1)).filter((i) => i >= 0);
  return partial.length === 1 ? partial[0] : null;
}

// ---------- resolution ----------

export interface MappingIssue {
  /** Unsur with no column. */
  belumTerpetakan: UnsurKey[];
  /** Several columns claim the same target. */
  bentrok: { target: Target; kolom: number[] }[];
  /** Columns whose header names more than one unsur. */
  ambigu: { kolom: number; unsur: UnsurKey[] }[];
  /** Explicit entries whose column is not in the file. */
  tidakAda: { entri: PetaEntri; aturan: 'peta' | 'profil' }[];
}

/** The column the survey date is read from, and why that one. */
export interface KolomTanggal {
  index: number;
  judul: string;
  jenis: JenisWaktu;
  aturan: Aturan;
  /** Why this column, for the summary: "waktu selesai", "waktu kirim, UTC diubah ke WIB", "--map". */
  alasan: string;
  /** Its values are UTC: parse them with parseStempel(raw, urutan, { utc: true }). */
  utc: boolean;
  /** Headers of the other time columns, left unused (they are in the ignored list). */
  dilewati: string[];
}

export interface MappingResult {
  kolom: KolomPeta[];
  masalah: MappingIssue;
  ok: boolean;
  tanggal: KolomTanggal | null;
  /** Unsur columns mapped only by a bare code or number (U8, P9, "8. …"): apps number 8 and 9 differently. */
  hanyaKode: KolomPeta[];
}

/**
 * Maps the columns of one file. `sample` holds the first records (raw values), used by the label
 * rule. Explicit entries (profile first, then --map, which wins) take precedence over every rule.
 */
export function petakanKolom(
  header: string[],
  sample: string[][],
  urutan: UrutanUnsur,
  explicit: { entri: PetaEntri; aturan: 'peta' | 'profil' }[] = [],
): MappingResult {
  const masalah: MappingIssue = { belumTerpetakan: [], bentrok: [], ambigu: [], tidakAda: [] };
  const byTarget = new Map<Target, KolomPeta>();
  const byIndex = new Map<number, KolomPeta>();
  const assign = (k: KolomPeta) => {
    const old = byTarget.get(k.target);
    if (old) byIndex.delete(old.index);
    const prev = byIndex.get(k.index);
    if (prev) byTarget.delete(prev.target);
    byTarget.set(k.target, k);
    byIndex.set(k.index, k);
  };
  for (const e of explicit) {
    const i = cariKolom(header, e.entri.kolom);
    if (i === null) masalah.tidakAda.push(e);
    else assign({ index: i, judul: header[i], target: e.entri.target, aturan: e.aturan });
  }
  const fixed = new Set(byTarget.keys());
  const claims = new Map<Target, KolomPeta[]>();
  const claim = (k: KolomPeta) => {
    if (fixed.has(k.target)) return;
    claims.set(k.target, [...(claims.get(k.target) ?? []), k]);
  };
  const columnValues = (i: number) => sample.map((r) => r[i] ?? '');
  const waktu: { index: number; judul: string; jenis: JenisWaktu; utc: boolean }[] = [];
  header.forEach((h, i) => {
    if (byIndex.has(i)) return;
    const kelas = kelasJudul(h);
    if (kelas.jenis === 'abaikan') return;
    if (kelas.jenis === 'meta' && kelas.meta === 'tanggal') return void waktu.push({ index: i, judul: h, ...infoWaktu(h) });
    if (kelas.jenis === 'meta') {
      if (!fixed.has(kelas.meta) && !claims.has(kelas.meta)) claim({ index: i, judul: h, target: kelas.meta, aturan: 'judul' });
      return;
    }
    if (kelas.jenis === 'unsur' && kelas.unsur === 'waktu' && nilaiTanggal(columnValues(i))) return void waktu.push({ index: i, judul: h, ...infoWaktu(h) });
    if (kelas.jenis === 'unsur') return claim({ index: i, judul: h, target: kelas.unsur, aturan: 'judul' });
    const byLabel = unsurDariNilai(columnValues(i));
    // For a bare code (U1, P8…) labels only settle what the two numberings disagree on (8/9:
    // sarana or pengaduan); "Gratis" under U1 stays U1 and is then reported as a wrong answer.
    const byCode = kelas.jenis === 'kode' && kelas.nomor >= 1 && kelas.nomor <= 9 ? urutanUnsur(urutan)[kelas.nomor - 1] : null;
    if (byLabel && (byCode === null || (URUTAN_BEDA.has(byCode) && URUTAN_BEDA.has(byLabel))))
      return claim({ index: i, judul: h, target: byLabel, aturan: 'label' });
    if (kelas.jenis === 'ambigu') return void masalah.ambigu.push({ kolom: i, unsur: kelas.unsur });
    if (byCode) return claim({ index: i, judul: h, target: byCode, aturan: 'kode' });
    if (kelas.jenis === 'lain' && kelas.nomor !== null && kelas.nomor >= 1 && kelas.nomor <= 9 && looksLikeAnswers(columnValues(i)))
      return claim({ index: i, judul: h, target: urutanUnsur(urutan)[kelas.nomor - 1], aturan: 'kode' });
  });
  // Of several time columns the best kind is the date; a UTC one only when nothing else ranks as high.
  waktu.sort((a, b) => PERINGKAT_WAKTU[b.jenis] - PERINGKAT_WAKTU[a.jenis] || Number(a.utc) - Number(b.utc) || a.index - b.index);
  if (waktu.length) claim({ index: waktu[0].index, judul: waktu[0].judul, target: 'tanggal', aturan: 'judul' });
  const RANK: Partial<Record<Aturan, number>> = { judul: 3, label: 2, kode: 1 };
  for (const [target, ks] of claims) {
    // The header's words beat answer labels, which beat a bare code: an extra question with the
    // same labels ("Secara keseluruhan …?" answered Buruk…Sangat baik) does not take sarana.
    const top = Math.max(...ks.map((k) => RANK[k.aturan] ?? 0));
    const pick = ks.filter((k) => (RANK[k.aturan] ?? 0) === top);
    if (pick.length > 1) masalah.bentrok.push({ target, kolom: pick.map((k) => k.index) });
    else assign(pick[0]);
  }
  masalah.belumTerpetakan = UNSUR_KEYS.filter((k) => !byTarget.has(k) && !masalah.bentrok.some((b) => b.target === k));
  const kolom = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const ok = masalah.belumTerpetakan.length === 0 && masalah.bentrok.length === 0 && masalah.tidakAda.length === 0;
  const tk = byTarget.get('tanggal');
  const tanggal = tk ? kolomTanggal(tk, columnValues(tk.index), waktu.filter((w) => w.index !== tk.index).sort((a, b) => a.index - b.index).map((w) => w.judul)) : null;
  return { kolom, masalah, ok, tanggal, hanyaKode: kolom.filter((k) => k.aturan === 'kode') };
}

/** Values that all end in "Z" (or +00:00) are UTC whatever the header says. */
const UTC_NILAI_RE = /(?:\dz|[+-]00:?00)\s*$/i;

function kolomTanggal(k: KolomPeta, values: string[], dilewati: string[]): KolomTanggal {
  const info = infoWaktu(k.judul);
  const filled = values.filter((v) => v.trim() !== '');
  const utc = info.utc || (filled.length > 0 && filled.every((v) => UTC_NILAI_RE.test(v)));
  const alasan =
    (k.aturan === 'peta' ? 'dipilih dengan --map' : k.aturan === 'profil' ? 'dari profil pemetaan' : ALASAN_WAKTU[info.jenis]) +
    (utc ? ', UTC diubah ke WIB' : '');
  return { index: k.index, judul: k.judul, jenis: info.jenis, aturan: k.aturan, alasan, utc, dilewati };
}

/** The summary line: `tanggal dari kolom "Completion time" (waktu selesai; "Start time" tidak dipakai)`. */
export function kalimatTanggal(t: Pick<KolomTanggal, 'judul' | 'alasan' | 'dilewati'>): string {
  const lain = t.dilewati.length ? `; ${t.dilewati.map((h) => `"${pendek(h, 40)}"`).join(', ')} tidak dipakai` : '';
  return `tanggal dari kolom "${pendek(t.judul, 40)}" (${t.alasan}${lain})`;
}

/**
 * The warning for unsur columns mapped only by their code: U8/U9 (and in some apps U7) mean other
 * unsur in other apps, so the summary says which numbering was used and how to override it.
 */
export function peringatanKode(m: MappingResult, urutan: UrutanUnsur): string | null {
  if (m.hanyaKode.length === 0) return null;
  const kode = (t: Target) => (isUnsurKey(t) ? `${kodeUnsur(t, urutan)} ${unsur(t).singkat}` : META_NAMA[t]);
  const list = m.hanyaKode.map((k) => `"${pendek(k.judul, 20)}" → ${kode(k.target)}`).join(', ');
  // Sarana and pengaduan swap places between the two numberings: show the --map that swaps them.
  const beda = m.hanyaKode.filter((k) => URUTAN_BEDA.has(k.target as UnsurKey));
  const tukar = beda.map((k) => `${kodeUnsur(k.target === 'sarana' ? 'pengaduan' : 'sarana', urutan)}="${pendek(k.judul, 20)}"`).join(',');
  const saran = beda.length
    ? `, mis. --map ${tukar}, atau ubah urutan kantor: paten profil set --urutan-unsur ${urutan === 'definisi' ? 'kuesioner' : 'definisi'}`
    : '';
  return (
    `${m.hanyaKode.length} kolom unsur dipetakan hanya dari kode/nomornya, menurut urutan ${urutan}: ${list}. ` +
    `Aplikasi lain bisa menomori unsur berbeda (U8/U9 tertukar); periksa pemetaan ini dan bila keliru tunjukkan kolomnya dengan --map UNSUR=KOLOM${saran}.`
  );
}

/** The unsur whose number differs between the definition and the questionnaire order (8 and 9). */
const URUTAN_BEDA: ReadonlySet<UnsurKey> = new Set(UNSUR_KEYS.filter((k, i) => urutanUnsur('kuesioner')[i] !== k));

/** True when a column's sample values look like survey answers (digits 1–6, letters a–d). */
function looksLikeAnswers(values: string[]): boolean {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  return filled.length > 0 && filled.every((v) => /^[0-9]([.,]0+)?$/.test(v) || /^[a-dA-D][.)]?$/.test(v));
}

/** Human-readable list of the mapping problems, for an error message. */
export function uraikanMasalah(file: string, header: string[], m: MappingIssue, urutan: UrutanUnsur): string[] {
  const col = (i: number) => `kolom ${i + 1} "${pendek(header[i])}"`;
  const out: string[] = [];
  for (const t of m.tidakAda)
    out.push(`${file}: kolom "${t.entri.kolom}" (${t.aturan === 'peta' ? '--map' : 'profil'} untuk ${namaTarget(t.entri.target, urutan)}) tidak ada di berkas`);
  for (const b of m.bentrok) out.push(`${file}: ${b.kolom.map(col).join(' dan ')} sama-sama terpetakan ke ${namaTarget(b.target, urutan)}`);
  for (const a of m.ambigu) out.push(`${file}: ${col(a.kolom)} dapat berarti ${a.unsur.map((k) => namaTarget(k, urutan)).join(' atau ')}`);
  if (m.belumTerpetakan.length)
    out.push(`${file}: belum ada kolom untuk ${m.belumTerpetakan.map((k) => namaTarget(k, urutan)).join(', ')}`);
  return out;
}

export function pendek(s: string, n = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}
