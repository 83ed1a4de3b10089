import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/cli/commands/index.js';

const loaded = (args: string[]) => commandsFor(args).load.map((c) => c.name);

describe('commandsFor (lazy command loading)', () => {
  it('loads only the command that is named, after any global options', () => {
    expect(loaded(['qr', 'generate'])).toEqual(['qr']);
    expect(loaded(['--db', 'qr', 'survey', 'import', 'x.csv'])).toEqual(['survey']);
    expect(loaded(['--json', '--no-color', 'bazar', 'laporan'])).toEqual(['bazar']);
    expect(loaded(['help', 'ikm'])).toEqual(['ikm']);
    expect(loaded(['ikm', '--help'])).toEqual(['ikm']);
    expect(commandsFor(['--version'])).toEqual({ load: [], listOnly: false });
  });

  it('loads no command for the full help, a bare help, or an unknown name: they are listed by name', () => {
    for (const args of [[], ['--help'], ['help'], ['qrx'], ['--json']]) expect(commandsFor(args), args.join(' ')).toEqual({ load: [], listOnly: true });
  });

  it('every entry loads a register function whose command has the listed description and help term', async () => {
    for (const c of COMMANDS) {
      const program = new Command('paten');
      (await c.load())(program);
      const cmd = program.commands.find((x) => x.name() === c.name);
      expect(cmd, c.name).toBeDefined();
      expect(cmd!.description(), c.name).toBe(c.summary);
      expect(new Help().subcommandTerm(cmd!).replace('[options]', '[opsi]'), c.name).toBe(c.term);
    }
  });
});
