// Prompts as a person at the keyboard meets them (issue 14): yes/no in Indonesian (`Ya`/`Tidak`,
// also on the answered line), list key hints in Indonesian, a missing positional argument asked for
// on a terminal, and without a terminal refused with a hint naming the command's own --help.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { KEY, patenTty, patenTtyInProcess } from '../helpers/tty.js';
import { writeFile } from '../helpers/survey.js';

const dir = tempDir('paten-prompt-');
afterAll(() => cleanup(dir));
const freshSample = sampleDbCopies(dir);
const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0;
const ENGLISH = /\b(Yes|No|navigate|select|submit)\b|\(y\/N\)|\(Y\/n\)/;

describe.runIf(hasScript)('prompts on a terminal speak Indonesian', () => {
  it('asks for the missing <desa>, then a yes/no that refuses an unclear answer and shows Tidak', async () => {
    const db = freshSample();
    const r = await patenTty(['desa', 'remove'], [
      { expect: 'Kode atau nama desa', send: 'Betro' + KEY.enter },
      { expect: '(y/T)', send: 'mungkin' + KEY.enter },
      { expect: 'Jawab y (ya) atau t (tidak)', send: KEY.backspace.repeat('mungkin'.length) + 'tidak' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(1);
    expect(r.screen).toMatch(/Hapus desa Betro \(\d+\)\? \(y\/T\) Tidak/);
    expect(r.screen).toContain('Dibatalkan; tidak ada yang diubah.');
    expect(r.screen).not.toMatch(ENGLISH);
    expect(patenJson(['desa', 'list'], { db }).some((d: { nama: string }) => d.nama === 'Betro')).toBe(true);
  });

  it('y answers Ya, shown on the answered line, and the action goes ahead', async () => {
    const db = freshSample();
    const r = await patenTty(['desa', 'remove', 'Betro'], [{ expect: '(y/T)', send: 'y' + KEY.enter }], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toMatch(/\(y\/T\) Ya/);
    expect(r.screen).not.toMatch(ENGLISH);
    expect(patenJson(['desa', 'list'], { db }).some((d: { nama: string }) => d.nama === 'Betro')).toBe(false);
  });

  it('a list prompt shows its key hints in Indonesian; Enter on a yes-default question means Ya', async () => {
    const db = freshSample();
    const header = 'Waktu isi,Nilai A,Nilai B,Nilai C,Nilai D,Nilai E,Nilai F,Nilai G,Nilai H,Nilai I';
    const file = writeFile(dir, 'form-lama.csv', `${header}\n20/11/2023,4,3,4,2,4,3,1,Baik,Tidak ada\n`);
    const steps = Array.from({ length: 7 }, (_, k) => ({ expect: `Kolom mana berisi U${k + 1} `, send: KEY.enter }));
    const r = await patenTty(['survey', 'import', file], [
      ...steps,
      { expect: '(Y/t)', send: KEY.enter },
      { expect: 'Nama profil', send: 'form-lama' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('↑↓ pindah • ⏎ pilih');
    expect(r.screen).toMatch(/Simpan pemetaan ini sebagai profil untuk impor berikutnya\? \(Y\/t\) Ya/);
    expect(r.screen).not.toMatch(ENGLISH);
  }, 60_000);

  it('a missing file argument is asked for on a terminal', async () => {
    const db = freshSample();
    const file = writeFile(dir, 'satu.csv', 'kode,nama\n3516152091,Desa Tanya\n');
    const r = await patenTty(['desa', 'import'], [{ expect: 'Berkas CSV', send: file + KEY.enter }], { db });
    expect(r.code, r.screen).toBe(0);
    expect(patenJson(['desa', 'list'], { db }).some((d: { nama: string }) => d.nama === 'Desa Tanya')).toBe(true);
  });
});

// Which message each prompt shows for a bad answer is text on the invocation's own streams: these
// run in-process (patenTtyInProcess); the dialogues above stay on the binary in a real terminal.
describe('each answer is checked at its own prompt', () => {
  it('desa add refuses a code already in use before asking the name', async () => {
    const db = freshSample();
    const r = await patenTtyInProcess(['desa', 'add'], [
      { expect: 'Kode wilayah desa', send: '3516152002' + KEY.enter },
      { expect: 'sudah dipakai desa Betro', send: KEY.backspace.repeat(4) + '2097' + KEY.enter },
      { expect: 'Nama desa', send: 'Betro' + KEY.enter },
      { expect: 'nama "Betro" sudah dipakai desa Betro', send: ' Wetan' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen.indexOf('sudah dipakai desa Betro')).toBeLessThan(r.screen.indexOf('Nama desa'));
    expect(patenJson(['desa', 'list'], { db }).find((d: { kode: string }) => d.kode === '3516152097').nama).toBe('Betro Wetan');
  });

  it('bazar instansi add refuses an unknown jenis at that prompt', async () => {
    const db = freshSample();
    const r = await patenTtyInProcess(['bazar', 'instansi', 'add'], [
      { expect: 'Nama instansi', send: 'Dinas Uji Coba' + KEY.enter },
      { expect: 'Jenis instansi', send: 'toko' + KEY.enter },
      { expect: 'jenis "toko" tidak dikenal', send: KEY.backspace.repeat(4) + 'umkm' + KEY.enter },
    ], { db });
    expect(r.code, r.screen).toBe(0);
    expect(patenJson(['bazar', 'instansi', 'list'], { db }).find((i: { nama: string }) => i.nama === 'Dinas Uji Coba').jenis).toBe('umkm');
  });

  it('bazar acara add refuses an impossible date at its prompt; layanan add a name already in the catalog', async () => {
    const db = freshSample();
    const a = await patenTtyInProcess(['bazar', 'acara', 'add'], [
      { expect: 'Tanggal acara', send: '2026-02-30' + KEY.enter },
      { expect: 'tanggal "2026-02-30" tidak valid', send: KEY.backspace.repeat(2) + '28' + KEY.enter },
    ], { db });
    expect(a.code, a.screen).toBe(0);
    expect(patenJson(['bazar', 'acara', 'list'], { db }).map((x: { tanggal: string }) => x.tanggal)).toContain('2026-02-28');
    const l = await patenTtyInProcess(['layanan', 'add'], [
      { expect: 'Nama layanan', send: 'Rekomendasi Dispensasi Nikah' + KEY.enter },
      { expect: 'sudah ada (slug dispensasi-nikah)', send: ' Ulang' + KEY.enter },
    ], { db });
    expect(l.code, l.screen).toBe(0);
    expect(patenJson(['layanan', 'list'], { db }).some((x: { nama: string }) => x.nama === 'Rekomendasi Dispensasi Nikah Ulang')).toBe(true);
  });
});

describe('usage mistakes without a terminal', () => {
  it('a missing argument exits 1 naming the command and its own --help', () => {
    const r = paten(['survey', 'import'], { db: freshSample() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Argumen wajib belum diberikan: <berkas...>.');
    expect(r.stderr).toContain('lihat `paten survey import --help`');
  });

  it('an unknown option, too many arguments, an unknown subcommand: exit 1, the hint names that command', () => {
    const db = freshSample();
    const opt = paten(['bazar', 'hadir', '1', 'x', '--bogus'], { db });
    expect(opt.code).toBe(1);
    expect(opt.stderr).toContain('Opsi tidak dikenal: --bogus.');
    expect(opt.stderr).toContain('lihat `paten bazar hadir --help`');
    const many = paten(['desa', 'remove', 'a', 'b'], { db });
    expect(many.code).toBe(1);
    expect(many.stderr).toContain('Terlalu banyak argumen: perintah ini menerima 1, diberikan 2.');
    expect(many.stderr).toContain('lihat `paten desa remove --help`');
    const sub = paten(['survey', 'frob'], { db });
    expect(sub.code).toBe(1);
    expect(sub.stderr).toContain('lihat `paten survey --help`');
  });

  it('a group without its subcommand shows that group\'s help on stderr and exits 1', () => {
    const r = paten(['survey'], { db: freshSample() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Pemakaian: paten survey [opsi] [perintah]');
    expect(r.stderr).toContain('import [opsi] <berkas...>');
  });
});
