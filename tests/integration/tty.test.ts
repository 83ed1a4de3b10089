import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, patenJson, tempDir } from '../helpers/cli.js';
import { patenTty } from '../helpers/tty.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

describe('interactive use (with a terminal)', () => {
  it('paten init asks for the profile, re-asks an invalid answer, and saves it', async () => {
    const db = path.join(dir, 'tty.db');
    const r = await patenTty(['--db', db, 'init'], [
      { expect: 'Nama kecamatan', send: '\r' }, // empty: required, must be asked again
      { expect: 'wajib diisi', send: 'Kemlagi\r' },
      { expect: 'Kabupaten', send: 'Kabupaten Mojokerto\r' },
      { expect: 'Provinsi', send: 'Jawa Timur\r' },
      { expect: 'Kode wilayah', send: '35.16.15\r' },
      { expect: 'Alamat kantor', send: 'Jl. Raya Kemlagi No. 1\r' },
      { expect: 'Telepon', send: '\r' },
      { expect: 'WhatsApp', send: '081234567890\r' },
      { expect: 'Email', send: 'bukan-email\r' },
      { expect: 'Email tidak valid', send: '\x7f'.repeat('bukan-email'.length) + 'kec.kemlagi@mojokertokab.go.id\r' },
      { expect: 'Situs web', send: '\r' },
      { expect: 'Alamat formulir SKM daring', send: 'forms.gle/x\r' },
      { expect: 'diawali http', send: '\x7f'.repeat('forms.gle/x'.length) + 'https://forms.gle/SkmKemlagi\r' },
      { expect: 'Jam layanan', send: 'Senin–Jumat 08.00–15.00\r' },
      { expect: 'Nama camat', send: 'Budi Santoso\r' },
      { expect: 'NIP camat', send: '\r' },
    ]);
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toContain('Basis data dibuat');
    expect(fs.existsSync(db)).toBe(true);
    const p = patenJson(['profil', 'show'], { db });
    expect(p.nama_kecamatan).toBe('Kemlagi');
    expect(p.kabupaten).toBe('Kabupaten Mojokerto');
    expect(p.email).toBe('kec.kemlagi@mojokertokab.go.id');
    expect(p.whatsapp).toBe('081234567890');
    expect(p.nama_camat).toBe('Budi Santoso');
    expect(p.url_survei).toBe('https://forms.gle/SkmKemlagi');
  });
});
