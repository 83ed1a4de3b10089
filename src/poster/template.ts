/**
 * Poster layout parameters: templates/poster.json (shipped) overridden by `--template FILE`.
 * A user's file may hold only the keys it changes; every value is checked, with the key named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { fileReadError } from '../core/csv.js';
import { parseJsonText } from '../core/json.js';
import { templateFile } from '../core/paths.js';
import { FONT_FILES, type FontName } from '../pdf/document.js';

export interface PosterTemplate {
  judul: string;
  subjudul: string;
  instruksi: string;
  teks_gratis: string;
  /** Heading and invitation of the survey band (printed only when the profile has url_survei). */
  judul_survei: string;
  teks_survei: string;
  margin_mm: number;
  jarak_mm: number;
  /** Tile columns, or "otomatis" (from paper width and QR size). */
  kolom: number | 'otomatis';
  warna: { utama: string; teks_judul: string; teks: string; teks_lemah: string; latar_kotak: string; garis: string; survei: string; latar_survei: string };
  huruf: { biasa: FontName; tebal: FontName; miring: FontName };
  ukuran: {
    kecamatan_pt: number;
    judul_pt: number;
    desa_maks_pt: number;
    desa_min_pt: number;
    subjudul_pt: number;
    nama_layanan_pt: number;
    syarat_maks_pt: number;
    syarat_min_pt: number;
    kaki_pt: number;
  };
  qr: { koreksi: 'M' | 'Q' | 'H'; lebar_min_mm: number; lebar_maks_mm: number; modul_min_mm: number; tepi_modul: number };
}

export const DEFAULT_TEMPLATE_FILE = 'poster.json';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(file: string): Json {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw fileReadError(file, e);
  }
  const data = parseJsonText(text, path.basename(file));
  if (!isObject(data)) throw new UserError(`${path.basename(file)}: isi templat harus berupa objek JSON { … }.`);
  return data;
}

/** Deep merge of `over` onto `base`; keys not in `base` are reported (typos would otherwise be ignored). */
function merge(base: Json, over: Json, file: string, prefix = ''): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k.startsWith('_')) continue;
    const key = prefix + k;
    if (!Object.hasOwn(base, k)) throw new UserError(`${file}: kunci "${key}" tidak dikenal.`, { hint: `Kunci yang dikenal: ${Object.keys(base).filter((x) => !x.startsWith('_')).map((x) => prefix + x).join(', ')}.` });
    if (isObject(base[k])) {
      if (!isObject(v)) throw new UserError(`${file}: "${key}" harus berupa objek { … }.`);
      out[k] = merge(base[k] as Json, v, file, key + '.');
    } else out[k] = v;
  }
  return out;
}

function check(t: Json, file: string): PosterTemplate {
  const bad = (key: string, what: string): never => {
    throw new UserError(`${file}: nilai "${key}" ${what}.`);
  };
  const get = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Json)[k], t);
  const text = (key: string) => {
    const v = get(key);
    if (typeof v !== 'string') bad(key, 'harus berupa teks');
  };
  const num = (key: string, min: number, max: number) => {
    const v = get(key);
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(key, 'harus berupa angka');
    if ((v as number) < min || (v as number) > max) bad(key, `harus antara ${String(min).replace('.', ',')} dan ${String(max).replace('.', ',')}, bukan ${String(v).replace('.', ',')}`);
  };
  for (const k of ['judul', 'subjudul', 'instruksi', 'teks_gratis', 'judul_survei', 'teks_survei']) text(k);
  if (!(t.judul as string).trim()) bad('judul', 'tidak boleh kosong');
  num('margin_mm', 5, 40);
  num('jarak_mm', 1, 20);
  const kolom = t.kolom;
  if (kolom !== 'otomatis' && !(typeof kolom === 'number' && Number.isInteger(kolom) && kolom >= 1 && kolom <= 4)) bad('kolom', 'harus "otomatis" atau bilangan bulat 1–4');
  for (const k of Object.keys(t.warna as Json)) {
    const v = get(`warna.${k}`);
    if (typeof v !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(v)) bad(`warna.${k}`, `harus kode warna seperti "#0b5394", bukan ${JSON.stringify(v)}`);
  }
  for (const k of Object.keys(t.huruf as Json)) {
    const v = get(`huruf.${k}`);
    if (typeof v !== 'string' || !(v in FONT_FILES)) bad(`huruf.${k}`, `harus salah satu dari ${Object.keys(FONT_FILES).join(', ')}, bukan ${JSON.stringify(v)}`);
  }
  for (const k of Object.keys(t.ukuran as Json)) num(`ukuran.${k}`, 4, 120);
  const u = t.ukuran as PosterTemplate['ukuran'];
  if (u.desa_min_pt > u.desa_maks_pt) bad('ukuran.desa_min_pt', 'tidak boleh lebih besar dari ukuran.desa_maks_pt');
  if (u.syarat_min_pt > u.syarat_maks_pt) bad('ukuran.syarat_min_pt', 'tidak boleh lebih besar dari ukuran.syarat_maks_pt');
  const q = t.qr as Json;
  if (q.koreksi !== 'M' && q.koreksi !== 'Q' && q.koreksi !== 'H') bad('qr.koreksi', `harus "M", "Q" atau "H" (koreksi galat minimal M), bukan ${JSON.stringify(q.koreksi)}`);
  num('qr.lebar_min_mm', 35, 200);
  num('qr.lebar_maks_mm', 35, 250);
  num('qr.modul_min_mm', 0.5, 5);
  num('qr.tepi_modul', 4, 10);
  if ((q.lebar_maks_mm as number) < (q.lebar_min_mm as number)) bad('qr.lebar_maks_mm', 'tidak boleh lebih kecil dari qr.lebar_min_mm');
  return t as unknown as PosterTemplate;
}

/** The shipped template, optionally overridden by a user file. */
export function loadTemplate(userFile?: string): PosterTemplate {
  const base = readJson(templateFile(DEFAULT_TEMPLATE_FILE));
  if (!userFile) return check(base, DEFAULT_TEMPLATE_FILE);
  const name = path.basename(userFile);
  if (!fs.existsSync(userFile)) throw new UserError(`Berkas templat tidak ditemukan: ${userFile} (argumen --template).`);
  return check(merge(base, readJson(userFile), name), name);
}
