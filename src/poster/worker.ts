/**
 * A worker thread of `paten qr generate --inti N`: gets the checked plan (plain data) and the
 * shared desa counter from the main thread, loads pdfkit and the fonts, and writes posters until
 * the counter runs out; reports progress and its manifest entries with their desa indices.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../core/errors.js';
import { writePosterFiles, type PlanData, type WorkerMessage } from './generate.js';
import { createMeasurer } from './render.js';

const { plan, counter } = workerData as { plan: PlanData; counter: Int32Array };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const posters = await writePosterFiles({ ...plan, measurer: await createMeasurer() }, (_done, label) => post({ type: 'progress', label }), undefined, () => Atomics.add(counter, 0, 1));
  post({ type: 'done', posters });
} catch (e) {
  if (e instanceof UserError) post({ type: 'error', userError: true, message: e.message, hint: e.hint, details: e.details });
  else post({ type: 'error', userError: false, message: (e as Error).message ?? String(e) });
}
