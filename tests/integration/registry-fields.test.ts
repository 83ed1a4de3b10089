import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, paten, patenJson, sampleDbCopies, tempDir } from '../helpers/cli.js';
import { patenTty } from '../helpers/tty.js';

const dir = tempDir();
afterAll(() => cleanup(dir));
const freshSample = sampleDbCopies(dir);

describe('issue 14: region codes', () => {
  it('desa add/edit warn for a code from another kecamatan, naming the expected prefix', () => {
    const db = freshSample();
    const add = paten(['desa', 'add', '--kode', '35.17.01.2001', '--nama', 'Sooko'], { db });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stderr).toContain('Kode 35.17.01.2001 (Sooko) bukan kode desa di kecamatan ini: kode desa di sini diawali 35.16.15');
    const ok = paten(['desa', 'add', '--kode', '3516152099', '--nama', 'Uji Baru'], { db });
    expect(ok.stderr).not.toContain('bukan kode desa');
    expect(patenJson(['desa', 'edit', 'Uji Baru', '--kode', '3516162099'], { db }).peringatan[0]).toContain('diawali 35.16.15');
  });

  it('profil set warns for a kecamatan code of the wrong length, naming the desa prefix', () => {
    const db = freshSample();
    const r = paten(['profil', 'set', '--kode', '35.16'], { db });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/6 angka.*desa yang terdaftar diawali 35\.16\.15/);
    expect(paten(['profil', 'set', '--kode', '35.16.15'], { db }).stderr).not.toContain('6 angka');
  });
});

describe('prompts validate each field as it is typed', () => {
  it('a desa code of the wrong length is refused at its prompt, before the name is asked', async () => {
    const db = freshSample();
    const r = await patenTty(['--db', db, 'desa', 'add'], [
      { expect: 'Kode wilayah desa', send: '351615\r' },
      { expect: 'harus 10 angka', send: '2098\r' },
      { expect: 'Nama desa', send: 'Uji Prompt\r' },
    ]);
    expect(r.code, r.screen).toBe(0);
    expect(r.screen.indexOf('harus 10 angka')).toBeLessThan(r.screen.indexOf('Nama desa'));
    expect(patenJson(['desa', 'list'], { db }).find((d: { nama: string }) => d.nama === 'Uji Prompt').kode).toBe('3516152098');
  });
});
