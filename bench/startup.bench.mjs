#!/usr/bin/env node
// `npm run bench -- startup`: how long paten takes to start, against a bare `node -e ""` measured in
// the same run (the ratio is what to compare between machines). Commands are loaded lazily
// (src/cli/commands/index.ts), so a command pays only for its own modules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'paten.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-bench-startup-'));
const db = path.join(tmp, 'paten.db');
spawnSync(process.execPath, [bin, '--db', db, 'init', '--contoh'], { stdio: 'ignore' });

function median(args, runs = 15) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const base = median(['-e', '']);
console.log(`baseline node -e "": ${base.toFixed(0)} ms`);
for (const args of [['--version'], ['--help'], ['--db', db, 'desa', 'list'], ['--db', db, 'qr', 'generate', '--help']]) {
  const ms = median([bin, ...args]);
  console.log(`paten ${args.filter((a) => a !== db).join(' ').replace('--db ', '')}: ${ms.toFixed(0)} ms (${(ms / base).toFixed(2)}× node)`);
}
fs.rmSync(tmp, { recursive: true, force: true });
