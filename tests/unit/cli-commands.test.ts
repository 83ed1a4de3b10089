import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/cli/commands/index.js';

const names = (args: string[]) => commandsFor(args).map((c) => c.name);

describe('commandsFor (lazy command loading)', () => {
  it('loads only the command that is named, after any global options', () => {
    expect(names(['qr', 'generate'])).toEqual(['qr']);
    expect(names(['--db', 'qr', 'survey', 'import', 'x.csv'])).toEqual(['survey']);
    expect(names(['--json', '--no-color', 'bazar', 'laporan'])).toEqual(['bazar']);
    expect(names(['help', 'ikm'])).toEqual(['ikm']);
    expect(names(['--version'])).toEqual([]);
  });

  it('loads every command for the full help, a bare help, or an unknown name', () => {
    const all = COMMANDS.map((c) => c.name);
    expect(names([])).toEqual(all);
    expect(names(['--help'])).toEqual(all);
    expect(names(['help'])).toEqual(all);
    expect(names(['qrx'])).toEqual(all);
  });

  it('every entry loads a register function', async () => {
    for (const c of COMMANDS) expect(typeof (await c.load())).toBe('function');
  });
});
