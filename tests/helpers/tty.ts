/**
 * Runs `paten` on a pseudo-terminal (so canPrompt() is true) and answers its prompts: each step
 * waits until the screen text matches `wait`, then types `keys`. Uses Python's pty module
 * (python3 is already needed to build better-sqlite3 from source).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from './cli.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', backspace: '\x7f' } as const;

const DRIVER = String.raw`
import json, os, pty, re, select, sys, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    for k, v in spec["env"].items():
        os.environ[k] = v
    os.environ.pop("PATEN_DB", None)
    os.execvp(spec["cmd"][0], spec["cmd"])
clean = lambda b: re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', b.decode('utf8', 'replace'))
screen = b""
def pump(t):
    global screen
    r, _, _ = select.select([fd], [], [], t)
    if not r: return True
    try: d = os.read(fd, 65536)
    except OSError: return False
    if not d: return False
    screen += d
    return True
log = []
for step in spec["steps"]:
    end = time.time() + 15
    while not re.search(step["wait"], clean(screen)):
        if time.time() > end or not pump(0.1):
            print(json.dumps({"error": "timeout waiting for " + step["wait"], "screen": clean(screen)[-2000:]}))
            os.kill(pid, 9); sys.exit(0)
    log.append(clean(screen)); screen = b""
    time.sleep(0.15)
    os.write(fd, step["keys"].encode())
end = time.time() + 15
while time.time() < end and pump(0.1):
    pass
_, status = os.waitpid(pid, 0)
log.append(clean(screen))
print(json.dumps({"code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1, "screen": "".join(log)}))
`;

export interface TtyStep {
  wait: string;
  keys: string;
}

export function patenTty(args: string[], steps: TtyStep[], opts: { db: string }): { code: number; screen: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paten-tty-'));
  const script = path.join(dir, 'drive.py');
  fs.writeFileSync(script, DRIVER);
  const spec = { cmd: [process.execPath, BIN, '--db', opts.db, ...args], steps, env: { NO_COLOR: '1', TERM: 'xterm' } };
  const r = spawnSync('python3', [script, JSON.stringify(spec)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.error) throw new Error(`python3 tidak dapat dijalankan: ${r.error.message}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  if (out.error) throw new Error(`${out.error}\n--- layar ---\n${out.screen}`);
  return out;
}
