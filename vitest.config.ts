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
  },
});
