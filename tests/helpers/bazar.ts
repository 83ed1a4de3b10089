/** Helpers for the bazar tests: user-error assertions and small CSV fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Asserts a failed command: exit 1, Indonesian message, no stack trace. */
export function expectUserError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^Galat: /m);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** Writes lines as a CSV file (LF) in `dir` and returns its path. */
export function write(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
