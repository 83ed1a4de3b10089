// The interactive mapping prompt, driven through a real pseudo-terminal (util-linux `script`), as
// an office user would answer it: pick the column for each unmapped unsur, then save a profile.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, cleanup, patenJson, sampleDb, tempDir } from '../helpers/cli.js';
import { storedRows, writeFile } from '../helpers/survey.js';

const dir = tempDir('paten-survey-tty-');
afterAll(() => cleanup(dir));
const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('survey import with a terminal', () => {
  it('asks for each unmapped unsur, offers to save the mapping, and imports', async () => {
    const db = sampleDb(dir);
    const header = 'Waktu isi,Nilai A,Nilai B,Nilai C,Nilai D,Nilai E,Nilai F,Nilai G,Nilai H,Nilai I';
    const file = writeFile(dir, 'form-kuno.csv', `${header}\n20/11/2023,4,3,4,2,4,3,1,Baik,Tidak ada\n`);
    const cmd = [process.execPath, BIN, '--db', db, 'survey', 'import', file].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', PATEN_DB: undefined } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    let mark = 0;
    const waitFor = async (re: RegExp): Promise<RegExpExecArray> => {
      for (let i = 0; i < 400 && !re.test(out.slice(mark)); i++) await new Promise((r) => setTimeout(r, 50));
      const m = re.exec(out.slice(mark));
      expect(m, out).not.toBeNull();
      mark = out.length;
      return m!;
    };
    const asked: string[] = [];
    for (let k = 0; k < 7; k++) {
      asked.push((await waitFor(/\? Kolom mana berisi (U\d [^?]+)\?/))[1]);
      child.stdin.write('\r'); // the first offered column: the next unmapped one
    }
    await waitFor(/Simpan pemetaan ini sebagai profil/);
    child.stdin.write('\r');
    await waitFor(/Nama profil/);
    child.stdin.write('form-kuno\r');
    expect(await closed).toBe(0);
    expect(asked.map((a) => a.split(' ')[0])).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7']);
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
