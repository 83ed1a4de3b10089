/**
 * paten's own temporary files: `.NAME.PID.tmp` next to the file being written (writeFileAtomic,
 * streamPdfAtomic, db backup and pulihkan, with SQLite's -wal/-shm/-journal beside a database copy,
 * and the staging folder `.paten-qr-ID.PID.tmp` of qr generate),
 * and the older `NAME.db.PID.tmp` of db backup. A run killed while writing leaves them behind; the next
 * run into that folder removes those whose process is gone (issue 13 §5).
 */
import fs from 'node:fs';
import path from 'node:path';

const HIDDEN = /^\..+\.(\d+)\.tmp(?:-wal|-shm|-journal)?$/;
const OLD_BACKUP = /^[^.].*\.db\.(\d+)\.tmp(?:-wal|-shm|-journal)?$/;

/** The PID in a name of paten's temp pattern, or undefined for any other file. */
export function tempOwner(name: string): number | undefined {
  const m = HIDDEN.exec(name) ?? OLD_BACKUP.exec(name);
  return m ? Number(m[1]) : undefined;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

// Each folder is swept once per run: a poster run writes hundreds of files into one folder.
const swept = new Set<string>();

/** A new run (one `main` invocation; several share a process in the tests) sweeps again. */
export function resetTempSweep(): void {
  swept.clear();
}

/** Removes temp files of paten's pattern in `dir` whose writer is no longer running; returns how many. */
export function removeStaleTemps(dir: string): number {
  const key = path.resolve(dir);
  if (swept.has(key)) return 0;
  swept.add(key);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0; // a folder not yet created holds nothing stale
  }
  let removed = 0;
  for (const name of names) {
    const pid = tempOwner(name);
    if (pid === undefined || alive(pid)) continue;
    try {
      // recursive: a poster run's staging folder (.paten-qr-ID.PID.tmp) has the same pattern
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      /* another run removed it, or it is not ours to remove: leave it */
    }
  }
  return removed;
}
