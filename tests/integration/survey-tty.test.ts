// The interactive mapping prompt, driven through a real pseudo-terminal (util-linux `script`), as
// an office user would answer it: pick the column for each unmapped unsur, then save a profile.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cleanup, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { patenTty } from '../helpers/tty.js';
import { storedRows, writeFile } from '../helpers/survey.js';

const dir = tempDir('paten-survey-tty-');
afterAll(() => cleanup(dir));
const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('survey import with a terminal', () => {
  it('asks for each unmapped unsur, offers to save the mapping, and imports', async () => {
    const db = sampleDb(dir);
    const header = 'Waktu isi,Nilai A,Nilai B,Nilai C,Nilai D,Nilai E,Nilai F,Nilai G,Nilai H,Nilai I';
    const file = writeFile(dir, 'form-kuno.csv', `${header}\n20/11/2023,4,3,4,2,4,3,1,Baik,Tidak ada\n`);
    // Each unmapped unsur is asked in turn; Enter takes the first offered column (the next unmapped one).
    const steps = Array.from({ length: 7 }, (_, k) => ({ expect: `Kolom mana berisi U${k + 1} `, send: '\r' }));
    const tty = await patenTty(['survey', 'import', file], [
      ...steps,
      { expect: /Simpan pemetaan ini sebagai profil/, send: '\r' },
      { expect: /Nama profil/, send: 'form-kuno\r' },
    ], { db });
    expect(tty.code, tty.screen).toBe(0);
    const asked = [...tty.screen.matchAll(/\? Kolom mana berisi (U\d [^?]+)\?/g)].map((m) => m[1]);
    const out = tty.screen;
    expect([...new Set(asked.map((a) => a.split(' ')[0]))]).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7']);
    expect(out).toContain('Profil pemetaan "form-kuno" disimpan');
    expect(out).toContain('diimpor sebagai batch 1');
    const [row] = storedRows(db);
    expect([row.tanggal, row.u_persyaratan, row.u_prosedur, row.u_biaya, row.u_perilaku, row.u_sarana, row.u_pengaduan]).toEqual(['2023-11-20', 4, 3, 2, 1, 3, 1]);
    // The saved profile maps the next export of the same form without asking.
    const next = writeFile(dir, 'form-kuno-2.csv', `${header}\n21/11/2023,1,2,3,4,1,2,3,Cukup,Dikelola dengan baik\n`);
    const r = patenJson(['survey', 'import', next, '--profil', 'form-kuno'], { db });
    expect(r.berkas[0].pemetaan.filter((p: any) => p.aturan === 'profil').length).toBeGreaterThanOrEqual(7);
    expect(storedRows(db)[1].u_biaya).toBe(4);
  }, 60_000);
});
