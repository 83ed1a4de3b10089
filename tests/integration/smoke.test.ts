import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { cleanup, paten, patenJson, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

describe('paten (smoke)', () => {
  it('prints help in Indonesian and exits 0', () => {
    const r = paten(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pemakaian: paten');
    expect(r.stdout).toContain('Perintah:');
  });

  it('loads the Kemlagi sample and reports it', () => {
    const db = sampleDb(dir);
    const info = patenJson(['info'], { db });
    expect(info.skema).toBe(info.skema_terbaru);
    expect(info.jumlah.desa).toBe(20);
    expect(info.jumlah.layanan).toBeGreaterThanOrEqual(12);
    expect(info.kecamatan).toBe('Kemlagi, Kabupaten Mojokerto');
  });

  it('an unknown command is a user error in Indonesian, exit 1, no stack trace', () => {
    const r = paten(['poster'], { db: path.join(dir, 'x.db') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Perintah tidak dikenal');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
