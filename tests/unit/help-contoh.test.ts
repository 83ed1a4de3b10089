// Every command with more than two options shows `Contoh:` lines in its --help (issue 14), and
// every example there is one the command tree accepts: the command exists, each flag is one it (or
// paten itself) takes, and the number of arguments fits. Walks the whole tree as `paten` builds it.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

function helpOf(cmd: Command): string {
  let out = '';
  cmd.configureOutput({ writeOut: (s) => void (out += s), writeErr: (s) => void (out += s) });
  cmd.outputHelp();
  return out;
}

function leaves(cmd: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return cmd.commands.flatMap((c) => [...(c.commands.length ? [] : [{ path: [...path, c.name()], cmd: c }]), ...leaves(c, [...path, c.name()])]);
}

/** Splits an example line as a shell would (double quotes group words). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const program = await buildProgram([]);
const all = leaves(program);
const options = (c: Command) => c.options.filter((o) => o.long !== '--help');

describe('Contoh in --help', () => {
  it('walks a tree of many commands', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((l) => options(l.cmd).length > 2).length).toBeGreaterThan(20);
  });

  it.each(all.filter((l) => options(l.cmd).length > 2).map((l) => [l.path.join(' '), l.cmd] as const))('paten %s --help shows Contoh lines', (_name, cmd) => {
    const help = helpOf(cmd);
    expect(help).toMatch(/\nContoh:\n {2}paten /);
  });

  it('every example names a real command, its own flags and a fitting number of arguments', () => {
    let checked = 0;
    for (const { cmd } of all) {
      const help = helpOf(cmd);
      const block = help.split('\nContoh:\n')[1];
      if (!block) continue;
      for (const raw of block.split('\n').filter((l) => l.startsWith('  paten '))) {
        // A trailing remark in parentheses after a wide gap is not part of the command.
        const [first, ...rest] = words(raw.replace(/\s{3,}\(.*\)\s*$/, ''));
        expect(first).toBe('paten');
        let at: Command = program;
        // paten's own options may stand before the command (`paten --db kab.db kabupaten ikm`).
        for (let g = program.options.find((o) => o.long === rest[0]); g; g = program.options.find((o) => o.long === rest[0])) {
          rest.shift();
          if (g.required) rest.shift();
        }
        for (let sub = at.commands.find((c) => c.name() === rest[0]); sub; sub = at.commands.find((c) => c.name() === rest[0])) {
          at = sub;
          rest.shift();
        }
        expect(at.commands.length, `${raw}: names a group, not a command`).toBe(0);
        const positional: string[] = [];
        while (rest.length) {
          const w = rest.shift()!;
          if (!w.startsWith('-')) {
            positional.push(w);
            continue;
          }
          const name = w.split('=')[0];
          const opt = [...at.options, ...program.options].find((o) => o.long === name || o.short === name);
          expect(opt, `${raw}: ${name} is not an option of paten ${at.name()}`).toBeDefined();
          // `--out x.pdf` takes the next word; `--setiap-minggu [n]` only when it is not a flag.
          if (!w.includes('=') && rest.length && (opt!.required || (opt!.optional && !rest[0].startsWith('-')))) rest.shift();
        }
        const args = at.registeredArguments;
        const max = args.some((a) => a.variadic) ? Infinity : args.length;
        expect(positional.length, `${raw}: arguments`).toBeLessThanOrEqual(max);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
