/**
 * The `--json` contract of every command (issue 14): keys are snake_case (Indonesian, as README
 * "JSON output" lists them), and every timestamp is ISO 8601 with the zone's offset
 * (`2026-12-03T08:14:31+07:00` in the office's zone, Asia/Jakarta). The command
 * tree is walked, so a new command without a case below fails the test until it gets one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { cleanup, paten, patenProcess, ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('paten-json-shape-');
afterAll(() => cleanup(dir));
const f = (name: string) => path.join(dir, name);
const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
/** English words that once leaked into keys (file_name, rows, imported_at, …): Indonesian instead. */
const ENGLISH = new Set(['file', 'name', 'rows', 'row', 'imported', 'mapping', 'key', 'bytes', 'dry', 'run', 'integrity', 'latest', 'schema', 'version', 'count', 'total', 'created', 'updated', 'size', 'path', 'error', 'errors', 'warning', 'warnings']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;
const TZ = { TZ: 'Asia/Jakarta' };

let demo = '';
let n = 0;
/** A fresh copy of the demo database for each case (cases may change it). */
const fresh = () => {
  const db = f(`c${++n}.db`);
  fs.copyFileSync(demo, db);
  return db;
};

/** Each leaf command with arguments that make it succeed on the demo database. */
const CASES: Record<string, () => string[]> = {
  init: () => ['init', '--nama', 'Uji', '--kabupaten', 'Kabupaten Uji', '--provinsi', 'Jawa Timur'],
  'profil show': () => ['profil', 'show'],
  'profil set': () => ['profil', 'set', '--jam-layanan', 'Senin–Jumat 08.00–15.00'],
  'desa list': () => ['desa', 'list'],
  'desa add': () => ['desa', 'add', '--kode', '3516152091', '--nama', 'Desa Uji'],
  'desa edit': () => ['desa', 'edit', 'Betro', '--kontak', '0812-1111-2222'],
  'desa remove': () => ['desa', 'remove', 'Betro', '--yes'],
  'desa import': () => ['desa', 'import', f('desa.csv')],
  'desa export': () => ['desa', 'export'],
  'layanan list': () => ['layanan', 'list'],
  'layanan show': () => ['layanan', 'show', 'sktm'],
  'layanan add': () => ['layanan', 'add', '--nama', 'Layanan Uji'],
  'layanan edit': () => ['layanan', 'edit', 'sktm', '--waktu', '15 menit'],
  'layanan remove': () => ['layanan', 'remove', 'sktm', '--yes'],
  'layanan import': () => ['layanan', 'import', f('katalog.json')],
  'layanan export': () => ['layanan', 'export'],
  'qr generate': () => ['qr', 'generate', '--desa', 'Betro', '--layanan', 'sktm', '--out', f(`poster-${n}`)],
  'qr situs': () => ['qr', 'situs', '--out', f(`situs-${n}`), '--base-url', 'https://contoh.go.id/layanan'],
  'survey import': () => ['survey', 'import', f('skm-baru.csv'), '--dry-run'],
  'survey list': () => ['survey', 'list'],
  'survey cocokkan': () => ['survey', 'cocokkan', '--dry-run'],
  'survey remove': () => ['survey', 'remove', '1', '--yes'],
  'survey profil list': () => ['survey', 'profil', 'list'],
  'survey profil remove': () => ['survey', 'profil', 'remove', 'uji'],
  'survey paket': () => ['survey', 'paket', '--tahun', '2023', '--out', f(`p-${n}.paket`)],
  'survey kuesioner': () => ['survey', 'kuesioner', '--out', f(`k-${n}.pdf`)],
  'survey templat': () => ['survey', 'templat', '--out', f(`t-${n}.xlsx`)],
  'survey populasi': () => ['survey', 'populasi'],
  ikm: () => ['ikm', '--tahun', '2023', '--banding', '2021', '--per', 'layanan'],
  'report ikm': () => ['report', 'ikm', '--tahun', '2023', '--out', f(`l-${n}.pdf`)],
  'kabupaten tambah': () => ['kabupaten', 'tambah', f('kemlagi.paket')],
  'kabupaten list': () => ['kabupaten', 'list'],
  'kabupaten ikm': () => ['kabupaten', 'ikm', '--tahun', '2023'],
  'kabupaten laporan': () => ['kabupaten', 'laporan', '--tahun', '2023', '--out', f(`kab-${n}.pdf`)],
  'bazar instansi list': () => ['bazar', 'instansi', 'list'],
  'bazar instansi show': () => ['bazar', 'instansi', 'show', 'Dispendukcapil'],
  'bazar instansi add': () => ['bazar', 'instansi', 'add', '--nama', 'Dinas Uji', '--jenis', 'dinas'],
  'bazar instansi edit': () => ['bazar', 'instansi', 'edit', 'Dispendukcapil', '--telepon', '0812-3333-4444'],
  'bazar instansi remove': () => ['bazar', 'instansi', 'remove', 'Dinas Hapus', '--yes'],
  'bazar instansi import': () => ['bazar', 'instansi', 'import', f('instansi.csv')],
  'bazar instansi export': () => ['bazar', 'instansi', 'export'],
  'bazar acara list': () => ['bazar', 'acara', 'list'],
  'bazar acara show': () => ['bazar', 'acara', 'show', '1'],
  'bazar acara add': () => ['bazar', 'acara', 'add', '--tanggal', '2027-03-13'],
  'bazar acara edit': () => ['bazar', 'acara', 'edit', '1', '--catatan', 'uji'],
  'bazar acara remove': () => ['bazar', 'acara', 'remove', '6', '--yes'],
  'bazar jadwal': () => ['bazar', 'jadwal', '--tahun', '2027', '--yes'],
  'bazar undang': () => ['bazar', 'undang', '6', '--semua'],
  'bazar hadir': () => ['bazar', 'hadir', '6', 'Dispendukcapil', '--layanan', 'KTP-el', '--dilayani', '5'],
  'bazar catat': () => ['bazar', 'catat', '6', '--file', f('catat.csv')],
  'bazar laporan': () => ['bazar', 'laporan', '--tahun', '2025'],
  'bazar daftar-hadir': () => ['bazar', 'daftar-hadir', '6', '--out', f(`dh-${n}.pdf`)],
  info: () => ['info'],
  'db backup': () => ['db', 'backup', f(`cadangan-${n}.db`)],
  'db check': () => ['db', 'check'],
  'db pulihkan': () => ['db', 'pulihkan', f('cadangan.db'), '--yes'],
  demo: () => ['demo', '--out', f(`demo-${n}`)],
};

function leaves(cmd: Command, at: string[] = []): string[] {
  return cmd.commands.flatMap((c) => (c.commands.length ? leaves(c, [...at, c.name()]) : [[...at, c.name()].join(' ')]));
}

/** Keys that are not snake_case, and timestamps not in ISO 8601 with +07:00, with their paths. */
function problems(v: unknown, at = '$'): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => problems(x, `${at}[${i}]`));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => [
      ...(SNAKE.test(k) ? [] : [`${at}: key "${k}" is not snake_case`]),
      ...(k.split('_').some((w) => ENGLISH.has(w)) ? [`${at}: key "${k}" is English`] : []),
      ...problems(x, `${at}.${k}`),
    ]);
  if (typeof v === 'string' && STAMP.test(v) && !ISO.test(v)) return [`${at}: timestamp "${v}"`];
  return [];
}

beforeAll(() => {
  const r = paten(['--json', 'demo', '--out', f('demo')], { env: TZ });
  if (r.code !== 0) throw new Error(r.stderr);
  demo = JSON.parse(r.stdout).db;
  fs.writeFileSync(f('desa.csv'), 'kode,nama\n3516152092,Desa Impor\n');
  fs.writeFileSync(f('instansi.csv'), 'nama,jenis\nDinas Impor,dinas\n');
  fs.writeFileSync(f('catat.csv'), 'instansi,status,layanan,jumlah\nDispendukcapil,hadir,KTP-el,4\n');
  fs.copyFileSync(path.join(f('demo'), 'layanan.json'), f('katalog.json'));
  // Two answers of the shipped 2023 export on a new day, saved with a mapping profile.
  const [head, row] = fs.readFileSync(path.join(ROOT, 'data', 'skm-contoh-2023.csv'), 'utf8').split(/\r?\n/);
  fs.writeFileSync(f('skm.csv'), [head, row.replace(/^[^,]+/, '05/01/2024 09.10.11'), row.replace(/^[^,]+/, '06/01/2024 10.11.12')].join('\n') + '\n');
  fs.writeFileSync(f('skm-baru.csv'), [head, row.replace(/^[^,]+/, '07/01/2024 08.00.01')].join('\n') + '\n');
  for (const args of [['survey', 'import', f('skm.csv'), '--simpan-profil', 'uji'], ['bazar', 'instansi', 'add', '--nama', 'Dinas Hapus', '--jenis', 'dinas'], ['survey', 'paket', '--tahun', '2023', '--out', f('kemlagi.paket')], ['db', 'backup', f('cadangan.db')]]) {
    const x = paten(args, { db: demo, env: TZ });
    if (x.code !== 0) throw new Error(x.stderr);
  }
}, 60_000);

describe('--json of every command', async () => {
  const program = await buildProgram([]);
  const all = leaves(program);

  it('every command of the tree has a case here', () => {
    expect(all.filter((c) => !CASES[c])).toEqual([]);
    expect(Object.keys(CASES).filter((c) => !all.includes(c))).toEqual([]);
  });

  it.each(all)('paten --json %s: snake_case keys, ISO 8601 timestamps with offset', (name) => {
    const args = CASES[name]();
    const db = name === 'init' ? f(`baru-${n++}.db`) : name.startsWith('kabupaten ') && name !== 'kabupaten tambah' ? kabupatenDb() : fresh();
    const r = paten(['--json', ...args], { db, env: TZ });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    const j = JSON.parse(r.stdout);
    // `paten info` counts rows per SQLite table: those keys are the tables' names, not fields.
    expect(problems(j).filter((p) => !(name === 'info' && p.startsWith('$.jumlah:')))).toEqual([]);
  });
});

describe('timestamps in --json', () => {
  it('carry the offset of the zone they were written in, the wall-clock time unchanged', () => {
    // The zone is the process's (TZ), so this runs the real binary.
    const db = f('zona.db');
    expect(patenProcess(['desa', 'add', '--kode', '3516152093', '--nama', 'Desa Zona'], { db: (fs.copyFileSync(demo, db), db), env: TZ }).code).toBe(0);
    const at = (tz: string) => (JSON.parse(patenProcess(['--json', 'desa', 'list'], { db, env: { TZ: tz } }).stdout) as { nama: string; diperbarui: string }[]).find((d) => d.nama === 'Desa Zona')!.diperbarui;
    const wib = at('Asia/Jakarta');
    expect(wib).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(at('Asia/Kolkata')).toBe(wib.replace('+07:00', '+05:30'));
    expect(at('America/Sao_Paulo')).toBe(wib.replace('+07:00', '-03:00'));
  });
});

let kab = '';
/** A database that holds the Kemlagi packet (for kabupaten list/ikm). */
function kabupatenDb(): string {
  if (!kab) {
    kab = fresh();
    const r = paten(['kabupaten', 'tambah', f('kemlagi.paket')], { db: kab, env: TZ });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const copy = f(`kab-${++n}.db`);
  fs.copyFileSync(kab, copy);
  return copy;
}
