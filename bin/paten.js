#!/usr/bin/env node
// Thin shim: the CLI is compiled from src/ to dist/ by `npm run build` (run by `npm ci` via `prepare`).
// It runs one invocation over the process's own streams and sets the exit code it returns.
import('../dist/cli/main.js').then(
  async (m) => {
    process.exitCode = await m.main(process.argv.slice(2), m.processIo());
  },
  (err) => {
    process.stderr.write(
      'paten belum dibangun (dist/ tidak ditemukan). Jalankan `npm install` atau `npm run build` di folder paten.\n' +
        `(${err && err.message ? err.message : err})\n`,
    );
    process.exitCode = 2;
  },
);
