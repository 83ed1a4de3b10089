/**
 * The house rules about SQL that a grep can check (issue 19 §3): every SQL statement lives in a
 * domain's store.ts (or a *-store.ts for a file of its own, like the kecamatan packet) or in
 * src/db, and every transaction is opened by src/db/write.ts (writeTransaction/beginImmediate),
 * so a busy lock is the same Indonesian message for every writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** "src/x/y.ts:12: the line" for every line of a file outside `allowed` matching `re`. */
function offending(re: RegExp, allowed: (rel: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of sources(SRC)) {
    const rel = path.relative(path.dirname(SRC), file).split(path.sep).join('/');
    if (allowed(rel)) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (re.test(line)) out.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

const inDb = (rel: string) => rel.startsWith('src/db/');
const isStore = (rel: string) => /(^|\/|-)store\.ts$/.test(rel);

describe('SQL and transactions stay in their layer', () => {
  it('finds the files it checks', () => {
    const all = sources(SRC).map((f) => path.basename(f));
    expect(all).toContain('store.ts');
    expect(all.length).toBeGreaterThan(50);
  });

  it('prepare( appears only in a store.ts or src/db', () => {
    expect(offending(/\.prepare\(/, (rel) => inDb(rel) || isStore(rel))).toEqual([]);
  });

  it('transactions are opened only by src/db (writeTransaction, beginImmediate)', () => {
    expect(offending(/\.transaction\(|exec\(\s*['"`]BEGIN/, inDb)).toEqual([]);
  });

  it('the checks see an offence where there is one', () => {
    // The same scan over src/db itself must find its own statements, or the rules check nothing.
    expect(offending(/\.prepare\(/, (rel) => !inDb(rel)).length).toBeGreaterThan(0);
    expect(offending(/\.transaction\(/, (rel) => !inDb(rel)).length).toBeGreaterThan(0);
  });
});
