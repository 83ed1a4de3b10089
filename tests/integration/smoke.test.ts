import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, paten, patenJson, patenSpawn, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => cleanup(dir));

describe('paten (smoke)', () => {
  it('prints help in Indonesian and exits 0', () => {
    const r = paten(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pemakaian: paten');
    expect(r.stdout).toContain('Perintah:');
    const sub = paten(['qr', 'generate', '--help']);
    expect(sub.stdout).toContain('(bawaan: "A4")');
    expect(sub.stdout).not.toMatch(/\(default:|Options:|Usage:/);
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

  it('stops quietly when the reader of its output goes away (paten … | head)', async () => {
    const db = sampleDb(dir);
    // A catalog far larger than a pipe's buffer, so the writer is still writing when the reader leaves.
    const big = Array.from({ length: 400 }, (_, i) => ({
      slug: `layanan-uji-${i}`,
      nama: `Layanan Uji ${i}`,
      persyaratan: Array.from({ length: 10 }, (_, j) => `Persyaratan nomor ${j + 1} untuk layanan uji ${i}, fotokopi dan asli`),
    }));
    const file = path.join(dir, 'besar.json');
    fs.writeFileSync(file, JSON.stringify({ layanan: big }));
    expect(paten(['layanan', 'import', file], { db }).code).toBe(0);
    const child = patenSpawn(['--json', 'layanan', 'export', '--format', 'json'], { db });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
    expect(code).toBe(0);
  });
});
