/**
 * Which column of a survey export holds what. Unsur columns are identified by meaning, in this order
 * of rules: an explicit --map or saved profile ('peta' / 'profil'), the header text ('judul': "8. …
 * penanganan pengaduan …" is pengaduan whatever its number), the answer labels ('label': sarana and
 * pengaduan use different label sets), and only for bare codes like U8/P8 the office's numbering
 * ('kode', profil.urutan_unsur). Every mapped column records the rule that mapped it.
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
  type UnsurKey,
  type UrutanUnsur,
} from '../skm/unsur.js';

export type MetaKey = 'tanggal' | 'jenis_kelamin' | 'usia' | 'pendidikan' | 'pekerjaan' | 'layanan' | 'desa' | 'saran';
export type Target = UnsurKey | MetaKey;
export type Aturan = 'peta' | 'profil' | 'judul' | 'label' | 'kode';

export const META_KEYS: readonly MetaKey[] = ['tanggal', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan', 'layanan', 'desa', 'saran'];

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
  ['jenis_kelamin', /\b(jenis kelamin|kelamin|gender|sex)\b|^(jk|l ?\/ ?p)$/],
  ['usia', /\b(usia|umur|age)\b/],
  ['pendidikan', /\b(pendidikan|education)\b/],
  ['pekerjaan', /\b(pekerjaan|profesi|occupation)\b/],
  ['layanan', /\b(jenis|nama|unit|macam)( ?\/ ?| )?(pe)?layanan\b|^(pe)?layanan\b/],
  ['desa', /\b(desa|kelurahan)\b/],
  ['saran', /\b(saran|masukan|kritik|komentar)\b/],
];

const TANGGAL_RE = /^(timestamp|stempel waktu|cap waktu|tanggal|tgl|date|waktu (isi|survei|survey|pengisian|kunjungan))\b/;
/** The same words anywhere in a header that is not a question: "Hari/Tanggal", "tanggal_survei". */
const TANGGAL_DI_JUDUL_RE = /\b(timestamp|stempel waktu|cap waktu|tanggal|tgl|date)\b/;
const KODE_RE = /^(?:u|p|q|unsur|pertanyaan|soal|no\.?|nomor)?\s*(\d{1,2})\s*[.):]?$/;
const NOMOR_RE = /^\s*(\d{1,2})\s*[.)]\s*\S/;

export type JudulKelas =
  | { jenis: 'meta'; meta: MetaKey }
  | { jenis: 'unsur'; unsur: UnsurKey }
  | { jenis: 'ambigu'; unsur: UnsurKey[] }
  | { jenis: 'kode'; nomor: number }
  | { jenis: 'lain'; nomor: number | null };

/** What a header says on its own (before looking at values). */
export function kelasJudul(header: string): JudulKelas {
  const t = normalizeText(header).replace(/\s*[:?]+$/, '');
  if (TANGGAL_RE.test(t)) return { jenis: 'meta', meta: 'tanggal' };
  const kode = KODE_RE.exec(t);
  if (kode) return { jenis: 'kode', nomor: Number(kode[1]) };
  const u = unsurDariJudul(header);
  if (u.length === 1) return { jenis: 'unsur', unsur: u[0] };
  if (u.length > 1) return { jenis: 'ambigu', unsur: u };
  const plain = kataJudul(header).join(' ');
  if (TANGGAL_DI_JUDUL_RE.test(plain)) return { jenis: 'meta', meta: 'tanggal' };
  for (const [key, re] of META_RE) if (re.test(plain)) return { jenis: 'meta', meta: key };
  const nomor = NOMOR_RE.exec(header);
  return { jenis: 'lain', nomor: nomor ? Number(nomor[1]) : null };
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

export interface MappingResult {
  kolom: KolomPeta[];
  masalah: MappingIssue;
  ok: boolean;
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
  header.forEach((h, i) => {
    if (byIndex.has(i)) return;
    const kelas = kelasJudul(h);
    if (kelas.jenis === 'meta') {
      if (!fixed.has(kelas.meta) && !claims.has(kelas.meta)) claim({ index: i, judul: h, target: kelas.meta, aturan: 'judul' });
      return;
    }
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
  return { kolom, masalah, ok };
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
