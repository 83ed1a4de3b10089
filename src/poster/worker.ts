/**
 * A worker thread of `paten qr generate` for large runs: makes the same plan for its share of desa
 * (read-only database) and writes those posters; reports progress and its manifest entries.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../core/errors.js';
import { openDatabase } from '../db/index.js';
import { planPosters, writePosterFiles, type GenerateOptions, type WorkerMessage } from './generate.js';

const { dbFile, opts } = workerData as { dbFile: string; opts: GenerateOptions };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const plan = await planPosters(db, opts);
    const posters = await writePosterFiles(plan, (_done, label) => post({ type: 'progress', label }));
    post({ type: 'done', posters });
  } finally {
    db.close();
  }
} catch (e) {
  if (e instanceof UserError) post({ type: 'error', userError: true, message: e.message, hint: e.hint, details: e.details });
  else post({ type: 'error', userError: false, message: (e as Error).message ?? String(e) });
}
