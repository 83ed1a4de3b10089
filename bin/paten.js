#!/usr/bin/env node
// Thin shim: the CLI is compiled from src/ to dist/ by `npm run build` (run by `npm ci` via `prepare`).
import('../dist/cli/main.js').then(
  (m) => m.main(process.argv),
  (err) => {
    process.stderr.write(
      'paten belum dibangun (dist/ tidak ditemukan). Jalankan `npm install` atau `npm run build` di folder paten.\n' +
        `(${err && err.message ? err.message : err})\n`,
    );
    process.exitCode = 2;
  },
);
