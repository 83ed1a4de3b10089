import os from 'node:os';
import { defineConfig } from 'vitest/config';

// In CI (.ci/run sets CI=true) a JSON report is written as well, so .ci/run can print one plain
// "N passed, N failed" line; the human-readable reporter stays on.
const ci = !!process.env.CI;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ci ? ['default', 'json'] : ['default'],
    outputFile: ci ? { json: '.ci/vitest.json' } : undefined,
    pool: 'forks',
    // Test files share their worker process instead of each starting a new one: on this 2-core
    // machine that halves the CPU the unit tests take (35 s -> 19 s) and
    // lets one in-process CLI runner (tests/helpers/cli.ts) serve many files. Safe because no test
    // mocks modules, fakes timers or changes process.env / cwd; every file uses its own temp dirs.
    isolate: false,
    // One worker per core. Vitest's default leaves one core to its main process (cores - 1), which
    // on this 2-core machine ran every file in a single worker; the main process is mostly idle
    // and the tests spend much of their time waiting on pdftoppm, zbarimg and child processes.
    maxWorkers: os.availableParallelism(),
    setupFiles: ['tests/helpers/count-assertions.ts'],
    // `npm run test:cepat` leaves these out (`--tags-filter "!lambat"`); `npm test` runs them all.
    tags: [{ name: 'lambat', description: 'renders PDFs to pixels, decodes QR codes, drives Chromium or spawns big imports' }],
  },
});
