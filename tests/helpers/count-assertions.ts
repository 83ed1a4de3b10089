/**
 * Opt-in assertion census (PATEN_HITUNG_ASERSI=FILE): after every test, appends one line
 * `file<TAB>test<TAB>assertions` to FILE, so a change to the suite can prove it kept every
 * assertion (`npm run test:asersi` sums them). Without the variable this setup file does nothing.
 */
import fs from 'node:fs';
import { afterEach, expect } from 'vitest';

const out = process.env.PATEN_HITUNG_ASERSI;
if (out) {
  afterEach((ctx) => {
    const file = ctx.task.file?.name ?? '?';
    fs.appendFileSync(out, `${file}\t${ctx.task.name}\t${expect.getState().assertionCalls}\n`);
  });
}
