/**
 * qr generate is all or nothing: a run that fails, is aborted (Ctrl+C) or cannot rename a file
 * into place leaves the output folder exactly as it was, an older complete set included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { planPosters, writePosters } from '../../src/poster/generate.js';
import { resetTempSweep } from '../../src/core/tempfiles.js';
import { cleanup, fileHash, sampleDb, tempDir } from '../helpers/cli.js';

const dir = tempDir('paten-staging-');
afterAll(() => cleanup(dir));

/** Every entry of the folder (hidden ones too) with its content hash. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(folder, { withFileTypes: true })) out[e.name] = e.isFile() ? fileHash(path.join(folder, e.name)) : 'folder';
  return out;
}

describe('qr generate writes a whole set or nothing', () => {
  const db = openDatabase(sampleDb(dir));
  afterAll(() => db.close());
  const out = path.join(dir, 'poster');

  it('an error, an abort or a failed rename midway leaves the older set and its manifest as they were', async () => {
    await writePosters(await planPosters(db, { out, gabung: true }));
    const before = snapshot(out);
    expect(Object.keys(before)).toHaveLength(20 + 3);
    // A3 posters differ from the A4 ones on disk: a half-moved set would show.
    const a3 = { out, kertas: 'A3', desa: ['Betro', 'Kemlagi', 'Mojowiryo', 'Watesprojo'] };

    const failing = writePosters(await planPosters(db, a3), (done) => {
      if (done === 2) throw new Error('gagal di tengah');
    });
    await expect(failing).rejects.toThrow('gagal di tengah');
    expect(snapshot(out)).toEqual(before);

    const ctl = new AbortController();
    const aborted = writePosters(await planPosters(db, a3), (done) => void (done === 2 && ctl.abort()), undefined, { signal: ctl.signal });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(snapshot(out)).toEqual(before);

    // The last rename (the manifest) fails, as a file open in a viewer on Windows does: every poster already moved goes back.
    const rename = fs.renameSync;
    let refused = 0;
    const spy = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to) === path.join(out, 'manifest.json') && !refused++) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      rename(from, to);
    });
    try {
      await expect(writePosters(await planPosters(db, a3))).rejects.toThrow(/manifest\.json: berkas itu sedang dibuka di program lain/);
    } finally {
      spy.mockRestore();
    }
    expect(refused).toBe(2); // the new manifest refused, then the old one put back
    expect(snapshot(out)).toEqual(before);
  });

  it('a complete run replaces the set and removes the staging folder a killed run left', async () => {
    const left = path.join(out, '.paten-qr-0a1b2c3d.999999.tmp');
    fs.mkdirSync(left, { recursive: true });
    fs.writeFileSync(path.join(left, '3516152002-betro.pdf'), 'setengah');
    const before = snapshot(out);
    resetTempSweep(); // a new run, as main() starts one
    const m = await writePosters(await planPosters(db, { out, kertas: 'A3', gabung: true }));
    const after = snapshot(out);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).filter((n) => !n.startsWith('.')).sort());
    expect(after['3516152002-betro.pdf']).not.toBe(before['3516152002-betro.pdf']);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).kertas).toBe('A3');
    expect(m.poster).toHaveLength(20);
  });
});
