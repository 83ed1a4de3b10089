import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { cleanup, fileHash, paten, patenJson, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

describe('profil url_survei (the online SKM form)', () => {
  it('is set with --url-survei, shown in profil show and --json, cleared with ""', () => {
    const db = path.join(dir, 'url.db');
    expect(paten(['init', '--nama', 'Kemlagi', '--kabupaten', 'Kabupaten Mojokerto', '--provinsi', 'Jawa Timur'], { db }).code).toBe(0);
    expect(patenJson(['profil', 'show'], { db }).url_survei).toBeNull();

    const set = patenJson(['profil', 'set', '--url-survei', 'https://forms.gle/SkmKemlagi2025'], { db });
    expect(set.diubah).toEqual(['url_survei']);
    expect(set.profil.url_survei).toBe('https://forms.gle/SkmKemlagi2025');
    const human = paten(['profil', 'show'], { db });
    expect(human.stdout).toMatch(/Alamat formulir SKM daring\s+https:\/\/forms\.gle\/SkmKemlagi2025/);

    const before = fileHash(db);
    for (const bad of ['forms.gle/SkmKemlagi', 'ftp://kemlagi.go.id/skm', 'https://', 'https://forms gle/x', 'http://localhost']) {
      const r = paten(['profil', 'set', '--url-survei', bad], { db });
      expect(r.code, bad).toBe(1);
      expect(r.stderr).toContain(`Alamat formulir SKM harus alamat web lengkap yang diawali http:// atau https://: "${bad}" (argumen --url-survei)`);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    expect(fileHash(db)).toBe(before);

    expect(patenJson(['profil', 'set', '--url-survei', ''], { db }).profil.url_survei).toBeNull();
  });

  it('can be given to paten init as a flag', () => {
    const db = path.join(dir, 'init.db');
    const args = ['init', '--nama', 'Kemlagi', '--kabupaten', 'Kabupaten Mojokerto', '--provinsi', 'Jawa Timur', '--url-survei', 'http://skm.kemlagi.desa.id/isi'];
    expect(paten(args, { db }).code).toBe(0);
    expect(patenJson(['profil', 'show'], { db }).url_survei).toBe('http://skm.kemlagi.desa.id/isi');
  });
});
